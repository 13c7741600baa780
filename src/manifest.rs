//! The manifest (`byoip.toml`): defaults and a list of prefixes, each able to override them.
//!
//! ```toml
//! account = "123456789012"
//! key = "keys/byoip-key.pem"
//! cert = "keys/byoip-cert.pem"
//! expires = "+30d"
//! service = "ipam"
//!
//! [[prefix]]
//! cidr = "198.51.100.0/24"
//!
//! [[prefix]]
//! cidr = "2001:db8:1200::/48"
//! advertise = false
//! ```
//!
//! `[[asn]]` tables (`asn`, optional `account`, `expires`, `rdap_file`) list ASNs to bring
//! to VPC IPAM (AWS's "Tutorial: Bring your ASN to IPAM",
//! <https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoasn.html>): their messages
//! expire by default on the last day of next month, the console's default, unless the
//! entry or the top level sets `expires`; an ASN listed twice is an error, more than the 5
//! AWS allows a note.
//!
//! `cloud = "azure"` makes every `[[prefix]]` an Azure custom IP prefix (Microsoft Learn,
//! "Create a custom IPv4 address prefix using the Azure CLI"): its message is
//! `SUBSCRIPTION|CIDR|YYYYMMDD` with `subscription` (top level or per prefix) and `expires`,
//! which for Azure is the ROA's validity end and so has no default; AWS's keys (`account`,
//! `service`, `verification`, `[[asn]]`) are refused there, as is `subscription` for AWS.
//!
//! `cloud = "oci"` makes every `[[prefix]]` an Oracle BYOIP range (Oracle, "Bring Your Own
//! IP", <https://docs.oracle.com/en-us/iaas/Content/Network/Concepts/BYOIP.htm>), checked by
//! `batch check`: each needs its `validation_token` (Oracle issues one per range), and
//! `region` (top level or per prefix) names the OCI region where it changes the ROA origin.
//! Oracle signs nothing, so the signing keys (`account`, `subscription`, `service`,
//! `verification`, `[[asn]]`) are refused there, as `validation_token` and `region` are
//! elsewhere. Any prefix may name `ripe_db_file`, a saved RIPE Database answer for offline
//! checks of RIPE NCC space, and an AWS prefix `irr_file`, a saved IRR answer (`byoip irr
//! fetch`) for the offline `irr.route` check.
//!
//! Rules, each an error naming the line: unknown keys (a typo must not silently drop a
//! setting), a CIDR with host bits, a duplicate or overlapping prefix (AWS refuses
//! overlapping BYOIP ranges: API reference `ProvisionByoipCidr`), a bad account, date or
//! service. Paths are relative to the manifest's folder, as in Cargo.toml.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::{
    account::AccountId, cloud::Cloud, date::ExpiryDate, dnstoken::Method, error::Error,
    prefix::Prefix, service::Service, subscription::SubscriptionId,
};

/// The manifest's file name where none is given: what `byoip batch` and `byoip audit`
/// read from the working directory.
pub const DEFAULT_NAME: &str = "byoip.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrefix {
    cidr: Spanned<String>,
    account: Option<Spanned<String>>,
    subscription: Option<Spanned<String>>,
    expires: Option<Spanned<String>>,
    service: Option<Spanned<String>>,
    advertise: Option<bool>,
    govcloud: Option<bool>,
    rdap_file: Option<OneOrMany>,
    verification: Option<Spanned<String>>,
    token_file: Option<String>,
    token_id: Option<String>,
    ripe_db_file: Option<String>,
    irr_file: Option<String>,
    validation_token: Option<Spanned<String>>,
    region: Option<Spanned<String>>,
    network_border_group: Option<Spanned<String>>,
    origin: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAsn {
    asn: Spanned<toml::Value>,
    account: Option<Spanned<String>>,
    expires: Option<Spanned<String>>,
    rdap_file: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    key: Option<String>,
    cert: Option<String>,
    contexts: Option<String>,
    vrps: Option<String>,
    rdap_url: Option<String>,
    bootstrap: Option<String>,
    cloud: Option<Spanned<String>>,
    // Defaults that a [[prefix]] may override.
    account: Option<Spanned<String>>,
    subscription: Option<Spanned<String>>,
    expires: Option<Spanned<String>>,
    service: Option<Spanned<String>>,
    advertise: Option<bool>,
    govcloud: Option<bool>,
    verification: Option<Spanned<String>>,
    token_file: Option<String>,
    token_id: Option<String>,
    region: Option<Spanned<String>>,
    origin: Option<Spanned<toml::Value>>,
    #[serde(default)]
    prefix: Vec<RawPrefix>,
    #[serde(default)]
    asn: Vec<RawAsn>,
}

/// One ASN to bring to VPC IPAM, with every setting resolved.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AsnEntry {
    /// The line of its `asn =`.
    pub line: usize,
    /// The ASN.
    pub asn: crate::asn::Asn,
    /// The account that provisions it, if known.
    pub account: Option<AccountId>,
    /// The message expiry.
    pub expires: ExpiryDate,
    /// The line of the `expires =` that set it (its own or the top level's); `None` for
    /// the default.
    pub expires_line: Option<usize>,
    /// A saved RDAP autnum answer, for offline checks.
    pub rdap_file: Option<PathBuf>,
}

/// What `origin` takes.
const ORIGIN_HINT: &str = "set origin to the ASN announcing the prefix today (origin = 64496), or origin = \"none\" when it is not announced";

/// How many ASNs AWS lets an account bring ("Tutorial: Bring your ASN to IPAM").
const MAX_ASNS: usize = 5;

/// One prefix with every setting resolved.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Entry {
    /// The line of its `cidr =`.
    pub line: usize,
    /// The prefix.
    pub cidr: Prefix,
    /// The account that provisions it, if known.
    pub account: Option<AccountId>,
    /// The Azure subscription it is created in (`cloud = "azure"`), if known.
    pub subscription: Option<SubscriptionId>,
    /// The message expiry (Azure: the ROA's validity end).
    pub expires: ExpiryDate,
    /// The line of the `expires =` that set it (its own or the top level's); `None` for
    /// the default.
    pub expires_line: Option<usize>,
    /// Where it is provisioned.
    pub service: Service,
    /// Publicly advertised.
    pub advertise: bool,
    /// AWS GovCloud (US).
    pub govcloud: bool,
    /// Saved RDAP answers (the record, then parents), for offline checks.
    pub rdap_files: Vec<PathBuf>,
    /// How AWS verifies control: `remarks-x509` (default) or `dns-token` (IPAM only).
    pub verification: Method,
    /// dns-token: the JSON of `aws ec2 create-ipam-external-resource-verification-token`
    /// (or the describe list).
    pub token_file: Option<PathBuf>,
    /// dns-token: which token of a file that lists several.
    pub token_id: Option<String>,
    /// A saved RIPE Database REST answer for the range, for offline checks (its
    /// `remarks:`, which RIPE's RDAP does not show).
    pub ripe_db_file: Option<PathBuf>,
    /// A saved IRR answer (plain RPSL text, as `byoip irr fetch` saves it): the route
    /// objects of the prefix and its more-specifics, for offline checks (AWS only).
    pub irr_file: Option<PathBuf>,
    /// Oracle (`cloud = "oci"`): the validation token Oracle issued for the prefix.
    pub validation_token: Option<String>,
    /// Oracle: the region the prefix is imported to (`eu-jovanovac-1` changes the ROA
    /// origin).
    pub region: Option<crate::cloud::Region>,
    /// EC2 in a Local Zone: the network border group its IPv4 range is provisioned and
    /// advertised in.
    pub network_border_group: Option<crate::service::NetworkBorderGroup>,
    /// `origin`: the ASN announcing the prefix today (an integer, or `"none"` when it is
    /// not announced), whose ROA `roa.current-origin` looks for; `None` when not set
    /// (`batch check` asks RIPEstat online).
    pub origin: Option<crate::check::CurrentOrigin>,
}

/// A read manifest.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Manifest {
    /// Where it was read from.
    pub path: PathBuf,
    /// The cloud every prefix is brought to (`cloud`, default AWS).
    pub cloud: Cloud,
    /// The private key.
    pub key: Option<PathBuf>,
    /// The certificate published in the registry.
    pub cert: Option<PathBuf>,
    /// A file of signed contexts (as `batch sign --format json` writes), for `audit`.
    pub contexts: Option<PathBuf>,
    /// A VRP export, for checks.
    pub vrps: Option<PathBuf>,
    /// An RDAP server to ask directly.
    pub rdap_url: Option<String>,
    /// An RDAP bootstrap file or URL.
    pub bootstrap: Option<String>,
    /// The prefixes, in file order.
    pub prefixes: Vec<Entry>,
    /// The ASNs (`[[asn]]`), in file order.
    pub asns: Vec<AsnEntry>,
    /// Things worth saying that are not errors (a CIDR respelled canonically).
    pub notes: Vec<String>,
}

/// Line numbers for byte offsets, from one pass over the text (a manifest of thousands of
/// prefixes would be quadratic otherwise).
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        Lines(text.match_indices('\n').map(|(i, _)| i).collect())
    }

    fn of(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }
}

impl Manifest {
    /// Reads a manifest; `path` names it in errors and anchors relative paths; `today`
    /// resolves relative expiry dates (`+30d`).
    pub fn parse(text: &str, path: &Path, today: NaiveDate) -> Result<Manifest, Error> {
        let shown = path.display().to_string();
        let err = |line: Option<usize>, reason: String, hint: &str| Error::Document {
            what: match line {
                Some(l) => format!("{shown} line {l}"),
                None => shown.clone(),
            },
            reason,
            hint: hint.to_string(),
            source: None,
        };
        let lines = Lines::new(text);
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| lines.of(s.start));
            let reason = e.message().trim().replace('\n', " ");
            // A number where text is expected (an account or a date written bare): TOML
            // would drop an account's leading zeros, so every value here is a string.
            let quoted = e
                .span()
                .filter(|_| reason.contains("invalid type: integer") && reason.contains("expected a string"))
                .and_then(|s| Some((text.get(s.clone())?, text.get(..s.start)?)))
                .map(|(value, before)| {
                    // The key is what stands before `=` on the value's line (`account = 1…`):
                    // only some values are strings (`advertise` is a boolean), so name it.
                    let key = before
                        .rsplit('\n')
                        .next()
                        .and_then(|l| l.split('=').next())
                        .map(str::trim)
                        .filter(|k| !k.is_empty() && !k.contains(['{', '[', ',']));
                    let value = value.trim();
                    match key {
                        Some(key) => format!("{key} is a string: quote it, {key} = \"{value}\""),
                        None => format!("quote it: \"{value}\""),
                    }
                });
            err(
                line,
                reason,
                quoted.as_deref().unwrap_or(
                "see docs/batch.md: top-level cloud, account, subscription, key, cert, expires, service, advertise, govcloud, verification, token_file, token_id, origin, contexts, vrps, rdap_url, bootstrap, and [[prefix]] tables with cidr and overrides",
                ),
            )
            .with_source(e)
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let rel = |p: &str| {
            let p = Path::new(p);
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                dir.join(p)
            }
        };
        let cloud = match &raw.cloud {
            Some(c) => c.get_ref().parse::<Cloud>().map_err(|e| {
                err(
                    Some(lines.of(c.span().start)),
                    e.to_string(),
                    "cloud is aws (the default), azure or oci",
                )
            })?,
            None => Cloud::Aws,
        };
        let azure = cloud == Cloud::Azure;
        let oci = cloud == Cloud::Oci;
        // Only AWS states an IRR rule ("Prerequisites for BYOIP in Amazon EC2").
        if let Some(p) = raw.prefix.iter().find(|p| p.irr_file.is_some())
            && cloud != Cloud::Aws
        {
            return Err(err(
                Some(lines.of(p.cidr.span().start)),
                format!(
                    "{} has an irr_file, which only AWS's check reads",
                    p.cidr.get_ref()
                ),
                "remove irr_file: no IRR rule applies to this cloud",
            ));
        }
        // Oracle's keys elsewhere, and the signing clouds' keys for Oracle (which proves
        // control with a token in the registry record: "Bring Your Own IP").
        let not_here = |key: &str, at: Option<usize>, hint: &str| -> Result<(), Error> {
            match at {
                Some(l) => Err(err(
                    Some(l),
                    format!("{key} does not apply to a manifest for {cloud}"),
                    hint,
                )),
                None => Ok(()),
            }
        };
        let at = |s: &Option<Spanned<String>>| s.as_ref().map(|s| lines.of(s.span().start));
        if oci {
            const OCI: &str = "an Oracle prefix takes cidr, validation_token and optionally region, rdap_file and ripe_db_file";
            for (key, l) in [
                ("account", at(&raw.account)),
                ("subscription", at(&raw.subscription)),
                ("service", at(&raw.service)),
                ("verification", at(&raw.verification)),
            ] {
                not_here(key, l, OCI)?;
            }
            for p in &raw.prefix {
                for (key, l) in [
                    ("account", at(&p.account)),
                    ("subscription", at(&p.subscription)),
                    ("service", at(&p.service)),
                    ("verification", at(&p.verification)),
                ] {
                    not_here(key, l, OCI)?;
                }
                if let Some(t) = &p.validation_token
                    && let Some(why) = crate::ocitoken::empty_token(t.get_ref())
                {
                    return Err(err(
                        Some(lines.of(t.span().start)),
                        why,
                        "set validation_token to the token Oracle issued for this prefix (or the console's OCITOKEN::CIDR:TOKEN line)",
                    ));
                }
                if p.validation_token.is_none() {
                    return Err(err(
                        Some(lines.of(p.cidr.span().start)),
                        format!("{} has no validation_token", p.cidr.get_ref()),
                        "set validation_token = \"…\" (the token Oracle issued for this prefix, or the console's OCITOKEN::CIDR:TOKEN line)",
                    ));
                }
            }
            if let Some(a) = raw.asn.first() {
                not_here("[[asn]]", Some(lines.of(a.asn.span().start)), OCI)?;
            }
        } else {
            const NOT_OCI: &str = "validation_token and region are Oracle's: set cloud = \"oci\" at the top for Oracle BYOIP";
            not_here("region", at(&raw.region), NOT_OCI)?;
            for p in &raw.prefix {
                not_here("validation_token", at(&p.validation_token), NOT_OCI)?;
                not_here("region", at(&p.region), NOT_OCI)?;
            }
        }
        // Keys of the other cloud: an error naming the first one set.
        let foreign = |key: &str, at: Option<usize>| -> Result<(), Error> {
            match at {
                Some(l) if azure => Err(err(
                    Some(l),
                    format!("{key} is AWS's, and this manifest is for Azure (cloud = \"azure\")"),
                    "an Azure prefix takes subscription, cidr and expires (the ROA's validity end)",
                )),
                Some(l) => Err(err(
                    Some(l),
                    format!("{key} is Azure's, and this manifest is for AWS"),
                    "set cloud = \"azure\" at the top for Azure's custom IP prefixes, or use account for AWS",
                )),
                None => Ok(()),
            }
        };
        if azure {
            foreign("account", at(&raw.account))?;
            foreign("service", at(&raw.service))?;
            foreign("verification", at(&raw.verification))?;
            for p in &raw.prefix {
                foreign("account", at(&p.account))?;
                foreign("service", at(&p.service))?;
                foreign("verification", at(&p.verification))?;
            }
            if let Some(a) = raw.asn.first() {
                foreign("[[asn]]", Some(lines.of(a.asn.span().start)))?;
            }
        } else if !oci {
            foreign("subscription", at(&raw.subscription))?;
            for p in &raw.prefix {
                foreign("subscription", at(&p.subscription))?;
            }
        }
        if raw.prefix.is_empty() && raw.asn.is_empty() {
            return Err(err(
                None,
                "no [[prefix]] or [[asn]] entries".into(),
                "add one [[prefix]] table with cidr = \"…\" per prefix (or [[asn]] with asn = \"…\" per ASN)",
            ));
        }
        // A value an entry sets itself or takes from the top of the manifest, with the line
        // it stands on (for errors).
        let pick = |own: &Option<Spanned<String>>, default: &Option<Spanned<String>>| {
            own.as_ref()
                .or(default.as_ref())
                .map(|s| (lines.of(s.span().start), s.get_ref().clone()))
        };
        // The two keys [[prefix]] and [[asn]] entries both take, read one way for both.
        let account_of = |own: &Option<Spanned<String>>| {
            pick(own, &raw.account)
                .map(|(l, a)| {
                    a.parse::<AccountId>()
                        .map_err(|e| err(Some(l), e.to_string(), &e.hint()))
                })
                .transpose()
        };
        let expires_of = |own: &Option<Spanned<String>>| {
            pick(own, &raw.expires)
                .map(|(l, e)| {
                    ExpiryDate::parse_relative(&e, today)
                        .map_err(|x| err(Some(l), x.to_string(), &x.hint()))
                })
                .transpose()
        };
        let mut notes = Vec::new();
        let mut prefixes: Vec<Entry> = Vec::new();
        for p in &raw.prefix {
            let line = lines.of(p.cidr.span().start);
            let parsed = Prefix::parse_lenient(p.cidr.get_ref())
                .map_err(|e| err(Some(line), e.to_string(), &e.hint()))?;
            if parsed.rewritten {
                notes.push(format!(
                    "{shown} line {line}: {:?} is written {} in messages",
                    p.cidr.get_ref(),
                    parsed.prefix
                ));
            }
            let account = account_of(&p.account)?;
            let expires_line = pick(&p.expires, &raw.expires).map(|(l, _)| l);
            let subscription = pick(&p.subscription, &raw.subscription)
                .map(|(l, s)| {
                    s.parse::<SubscriptionId>()
                        .map_err(|e| err(Some(l), e.to_string(), &e.hint()))
                })
                .transpose()?;
            let expires = match expires_of(&p.expires)? {
                Some(e) => e,
                None if azure => {
                    return Err(err(
                        Some(line),
                        format!(
                            "{} has no expires: Azure's message carries the ROA's validity end, which byoip does not guess",
                            parsed.prefix
                        ),
                        "set expires = \"YYYYMMDD\" (the ROA's Validity End) in this [[prefix]] or at the top",
                    ));
                }
                None => ExpiryDate::parse_relative(crate::date::DEFAULT_EXPIRES, today)?,
            };
            let service = match pick(&p.service, &raw.service) {
                Some((l, s)) => s
                    .parse::<Service>()
                    .map_err(|x| err(Some(l), x.to_string(), &x.hint()))?,
                None => Service::default(),
            };
            let rdap_files = match &p.rdap_file {
                None => Vec::new(),
                Some(OneOrMany::One(f)) => vec![rel(f)],
                Some(OneOrMany::Many(v)) => v.iter().map(|f| rel(f)).collect(),
            };
            let verification = match pick(&p.verification, &raw.verification) {
                Some((l, v)) => v.parse::<Method>().map_err(|x| {
                    err(
                        Some(l),
                        x.to_string(),
                        "verification is remarks-x509 or dns-token",
                    )
                })?,
                None => Method::default(),
            };
            let token_file = p
                .token_file
                .as_ref()
                .or(raw.token_file.as_ref())
                .map(|f| rel(f));
            if verification == Method::DnsToken {
                // AWS accepts dns-token in provision-ipam-pool-cidr only (CloudFront's
                // range goes through IPAM's top-level pool).
                if !matches!(service, Service::Ipam | Service::Cloudfront) {
                    return Err(err(
                        Some(line),
                        format!(
                            "{} uses dns-token verification, which only IPAM accepts, but its service is {service}",
                            parsed.prefix
                        ),
                        "set service = \"ipam\" (EC2 BYOIP and Global Accelerator need remarks-x509)",
                    ));
                }
                if token_file.is_none() {
                    return Err(err(
                        Some(line),
                        format!(
                            "{} uses dns-token verification but names no token_file",
                            parsed.prefix
                        ),
                        "set token_file = \"token.json\" (the output of aws ec2 create-ipam-external-resource-verification-token)",
                    ));
                }
            } else if p.token_file.is_some() || p.token_id.is_some() {
                return Err(err(
                    Some(line),
                    format!(
                        "{} has a token_file or token_id, which only dns-token verification reads",
                        parsed.prefix
                    ),
                    "set verification = \"dns-token\", or remove token_file and token_id",
                ));
            }
            let govcloud = p.govcloud.or(raw.govcloud).unwrap_or(false);
            let region = pick(&p.region, &raw.region)
                .map(|(l, r)| {
                    r.parse::<crate::cloud::Region>()
                        .map_err(|e| {
                            err(
                                Some(l),
                                e.to_string(),
                                "write the region identifier as Oracle's console shows it",
                            )
                        })
                        .map(|r| (l, r))
                })
                .transpose()?;
            // What no cloud documents is refused here, as check refuses it: Global
            // Accelerator in GovCloud, Oracle's government realms.
            let undocumented = if oci {
                crate::cloud::refuse_undocumented_oci(region.as_ref().map(|(_, r)| r), govcloud)
            } else if azure {
                Ok(())
            } else {
                crate::cloud::refuse_undocumented_aws(service, govcloud)
            };
            if let Err(e) = undocumented {
                let at = match &region {
                    Some((l, r)) if r.oracle_government() => *l,
                    _ => line,
                };
                return Err(err(Some(at), format!("{}: {e}", parsed.prefix), &e.hint()));
            }
            let advertise = p.advertise.or(raw.advertise).unwrap_or(true);
            if service == Service::Cloudfront && !advertise {
                return Err(err(
                    Some(line),
                    format!(
                        "{} is for CloudFront with advertise = false: CloudFront announces every range it takes from its edge locations",
                        parsed.prefix
                    ),
                    "remove advertise = false, or bring a range that stays unadvertised to service = \"ec2\" or \"ipam\"",
                ));
            }
            // A Local Zone's group (EC2, IPv4 only), as check and sign refuse it.
            let network_border_group = match &p.network_border_group {
                None => None,
                Some(g) if azure || oci => {
                    return Err(err(
                        Some(lines.of(g.span().start)),
                        format!(
                            "network_border_group is AWS EC2's, and this manifest is for {cloud}"
                        ),
                        "remove network_border_group: it places an EC2 range in a Local Zone",
                    ));
                }
                Some(g) => {
                    let l = lines.of(g.span().start);
                    let group = g
                        .get_ref()
                        .parse::<crate::service::NetworkBorderGroup>()
                        .map_err(|e| err(Some(l), e.to_string(), &e.hint()))?;
                    // The library's hint is for any front end ("leave out the network border
                    // group"); here the group is this manifest key, on line `l`.
                    let ec2_only = service != Service::Ec2;
                    group.allowed(service, parsed.prefix).map_err(|e| {
                        let hint = if ec2_only {
                            format!(
                                "remove network_border_group (line {l}), or set service = \"ec2\" for this prefix"
                            )
                        } else {
                            format!("remove network_border_group (line {l}): {}", e.hint())
                        };
                        err(Some(l), format!("{}: {e}", parsed.prefix), &hint)
                    })?;
                    Some(group)
                }
            };
            let origin = match p.origin.as_ref().or(raw.origin.as_ref()) {
                None => None,
                Some(o) => {
                    let l = lines.of(o.span().start);
                    let source = format!("{shown} line {l}");
                    let asn = match o.get_ref() {
                        toml::Value::String(t) if t.trim().eq_ignore_ascii_case("none") => None,
                        toml::Value::String(t) => Some(
                            crate::asn::Asn::parse_lenient(t)
                                .map_err(|e| err(Some(l), e.to_string(), ORIGIN_HINT))?
                                .asn,
                        ),
                        toml::Value::Integer(n) => {
                            Some(u32::try_from(*n).map(crate::asn::Asn::new).map_err(|_| {
                                err(Some(l), format!("origin {n} is not an ASN"), ORIGIN_HINT)
                            })?)
                        }
                        other => {
                            return Err(err(
                                Some(l),
                                format!("origin is {}, not an ASN or \"none\"", other.type_str()),
                                ORIGIN_HINT,
                            ));
                        }
                    };
                    Some(crate::check::CurrentOrigin::given(asn, source))
                }
            };
            prefixes.push(Entry {
                line,
                cidr: parsed.prefix,
                account,
                subscription,
                expires,
                expires_line,
                service,
                advertise,
                govcloud,
                rdap_files,
                verification,
                token_file,
                token_id: p.token_id.clone().or_else(|| raw.token_id.clone()),
                ripe_db_file: p.ripe_db_file.as_deref().map(rel),
                irr_file: p.irr_file.as_deref().map(rel),
                validation_token: p.validation_token.as_ref().map(|t| t.get_ref().clone()),
                region: region.map(|(_, r)| r),
                network_border_group,
                origin,
            });
        }
        // Duplicates and overlaps: after sorting, an overlap is always between neighbours
        // or with a containing prefix earlier in the order.
        let mut order: Vec<&Entry> = prefixes.iter().collect();
        order.sort_by_key(|e| (e.cidr.net().network(), e.cidr.prefix_len()));
        let mut open: Vec<&Entry> = Vec::new();
        for e in order {
            open.retain(|o| o.cidr.net().contains(&e.cidr.net().network()));
            if let Some(&o) = open.last() {
                let (first, second) = if o.line < e.line { (o, e) } else { (e, o) };
                return Err(if o.cidr == e.cidr {
                    err(
                        Some(second.line),
                        format!("{} is listed twice (also line {})", e.cidr, first.line),
                        "list each prefix once",
                    )
                } else {
                    err(
                        Some(second.line),
                        format!(
                            "{} overlaps {} on line {}",
                            second.cidr, first.cidr, first.line
                        ),
                        "AWS refuses overlapping BYOIP ranges: bring the larger prefix or the smaller ones, not both",
                    )
                });
            }
            open.push(e);
        }
        let mut asns: Vec<AsnEntry> = Vec::new();
        for a in &raw.asn {
            let line = lines.of(a.asn.span().start);
            // A bare number is fine here (an ASN has no leading zeros to lose).
            let text = match a.asn.get_ref() {
                toml::Value::String(t) => t.clone(),
                toml::Value::Integer(n) => n.to_string(),
                other => other.to_string(),
            };
            let parsed = crate::asn::Asn::parse_lenient(&text)
                .map_err(|e| err(Some(line), e.to_string(), &e.hint()))?;
            if parsed.rewritten {
                notes.push(format!(
                    "{shown} line {line}: {text:?} is written {} in messages",
                    parsed.asn
                ));
            }
            if let Some(first) = asns.iter().find(|e| e.asn == parsed.asn) {
                return Err(err(
                    Some(line),
                    format!(
                        "AS{} is listed twice (also line {})",
                        parsed.asn, first.line
                    ),
                    "list each ASN once",
                ));
            }
            let account = account_of(&a.account)?;
            let expires_line = pick(&a.expires, &raw.expires).map(|(l, _)| l);
            let expires = match expires_of(&a.expires)? {
                Some(e) => e,
                None => ExpiryDate::end_of_next_month(today)?,
            };
            asns.push(AsnEntry {
                line,
                asn: parsed.asn,
                account,
                expires,
                expires_line,
                rdap_file: a.rdap_file.as_deref().map(rel),
            });
        }
        if asns.len() > MAX_ASNS {
            notes.push(format!(
                "{shown}: {} ASNs listed; AWS lets an account bring up to {MAX_ASNS}",
                asns.len()
            ));
        }
        if azure && prefixes.len() > 5 {
            notes.push(format!(
                "{shown}: {} prefixes listed; Azure lets a subscription bring {}",
                prefixes.len(),
                cloud.profile().quota
            ));
        }
        Ok(Manifest {
            path: path.to_path_buf(),
            cloud,
            key: raw.key.as_deref().map(rel),
            cert: raw.cert.as_deref().map(rel),
            contexts: raw.contexts.as_deref().map(rel),
            vrps: raw.vrps.as_deref().map(rel),
            rdap_url: raw.rdap_url,
            bootstrap: raw.bootstrap,
            prefixes,
            asns,
            notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn parse(text: &str) -> Result<Manifest, Error> {
        Manifest::parse(text, Path::new("/repo/byoip.toml"), today())
    }

    #[test]
    fn asn_entries_take_defaults_and_refuse_duplicates() {
        let m = parse(
            "account = \"123456789012\"\n[[asn]]\nasn = \"AS64496\"\n[[asn]]\nasn = 397979\nexpires = \"20270101\"\nrdap_file = \"r.json\"\n",
        )
        .unwrap();
        assert!(m.prefixes.is_empty());
        assert_eq!(m.asns.len(), 2);
        assert_eq!(m.asns[0].asn.get(), 64496);
        assert_eq!(m.asns[0].expires.to_string(), "20261231");
        assert_eq!(m.asns[1].expires.to_string(), "20270101");
        assert_eq!(m.asns[1].account.unwrap().as_str(), "123456789012");
        assert_eq!(
            m.asns[1].rdap_file.as_deref(),
            Some(Path::new("/repo/r.json"))
        );
        assert!(m.notes[0].contains("line 3"), "{:?}", m.notes);
        let e = parse("[[asn]]\nasn = \"1\"\n[[asn]]\nasn = \"AS1\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 4") && e.contains("AS1 is listed twice"),
            "{e}"
        );
        let e = parse("[[asn]]\nasn = \"sixteen\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 2") && e.contains("not a decimal number"),
            "{e}"
        );
        let e = parse("[[asn]]\nasn = \"1\"\ncidr = \"x\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown field"), "{e}");
        let six: String = (1..=6)
            .map(|n| format!("[[asn]]\nasn = \"{n}\"\n"))
            .collect();
        assert!(parse(&six).unwrap().notes[0].contains("up to 5"));
    }

    const EXAMPLE: &str = r#"account = "123456789012"
key = "keys/byoip-key.pem"        # passphrase from the usual prompt / file / BYOIP_PASSPHRASE
cert = "keys/byoip-cert.pem"
expires = "+30d"
service = "ipam"                   # ec2 | ipam | ga | cloudfront

[[prefix]]
cidr = "198.51.100.0/24"

[[prefix]]
cidr = "2001:db8:1200::/48"
advertise = false
"#;

    #[test]
    fn the_issue_example_reads_with_defaults_and_overrides() {
        let m = parse(EXAMPLE).unwrap();
        assert_eq!(
            m.key.as_deref(),
            Some(Path::new("/repo/keys/byoip-key.pem"))
        );
        assert_eq!(
            m.cert.as_deref(),
            Some(Path::new("/repo/keys/byoip-cert.pem"))
        );
        assert_eq!(m.prefixes.len(), 2);
        let (a, b) = (&m.prefixes[0], &m.prefixes[1]);
        assert_eq!(a.line, 8);
        assert_eq!(a.cidr.to_string(), "198.51.100.0/24");
        assert_eq!(a.account.unwrap().as_str(), "123456789012");
        assert_eq!(a.expires.to_string(), "20261225");
        assert_eq!(a.service, Service::Ipam);
        assert!(a.advertise);
        assert!(!b.advertise);
        assert_eq!(b.line, 11);
    }

    #[test]
    fn mistakes_name_their_line() {
        for (text, line, needle) in [
            (
                "acount = \"1\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
                "line 1",
                "unknown field",
            ),
            (
                "[[prefix]]\ncidr = \"192.0.2.0/24\"\nadvertize = false\n",
                "line 3",
                "unknown field",
            ),
            (
                "[[prefix]]\ncidr = \"192.0.2.1/24\"\n",
                "line 2",
                "host bits",
            ),
            (
                "[[prefix]]\ncidr = \"192.0.2.0/24\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
                "line 4",
                "listed twice (also line 2)",
            ),
            (
                "[[prefix]]\ncidr = \"192.0.2.0/24\"\n[[prefix]]\ncidr = \"192.0.0.0/16\"\n",
                "line 4",
                "overlaps 192.0.2.0/24 on line 2",
            ),
            (
                "account = \"12\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
                "line 1",
                "account",
            ),
            (
                "[[prefix]]\ncidr = \"192.0.2.0/24\"\nexpires = \"2026-02-30\"\n",
                "line 3",
                "expiry",
            ),
            (
                "[[prefix]]\ncidr = \"192.0.2.0/24\"\nservice = \"ec3\"\n",
                "line 3",
                "ec3",
            ),
            (
                "account = 123456789012\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
                "line 1",
                "string",
            ),
            ("[[prefix]\n", "line 1", ""),
            ("key = \"k\"\n", "byoip.toml", "no [[prefix]]"),
        ] {
            let e = parse(text).unwrap_err().to_string();
            assert!(e.contains(line) && e.contains(needle), "{text:?}: {e}");
        }
        let e = parse("account = 123456789012\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n").unwrap_err();
        assert_eq!(
            e.hint(),
            "account is a string: quote it, account = \"123456789012\""
        );
    }

    #[test]
    fn what_no_cloud_documents_is_refused_at_its_line() {
        // Global Accelerator in GovCloud, set at the top or in the entry.
        for text in [
            "govcloud = true\n[[prefix]]\ncidr = \"192.0.2.0/24\"\nservice = \"ga\"\n",
            "service = \"ga\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\ngovcloud = true\n",
        ] {
            let e = parse(text).unwrap_err();
            let line = e.to_string();
            assert!(
                line.starts_with("/repo/byoip.toml line 3: 192.0.2.0/24: Global Accelerator in AWS GovCloud (US) is not documented"),
                "{line}"
            );
            assert!(
                e.hint()
                    .starts_with("bring the range to EC2 or VPC IPAM in GovCloud")
            );
        }
        // EC2 and IPAM in GovCloud, and Global Accelerator outside it, are fine.
        for ok in [
            "govcloud = true\n[[prefix]]\ncidr = \"192.0.2.0/24\"\nservice = \"ipam\"\n[[prefix]]\ncidr = \"192.0.3.0/24\"\n",
            "service = \"ga\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\n",
        ] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
        // Oracle's government realms, by region (at the region's line) or flag.
        let oci = |more: &str| {
            format!(
                "cloud = \"oci\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\nvalidation_token = \"t\"\n{more}"
            )
        };
        for (more, line) in [
            ("region = \"us-langley-1\"\n", "line 5"),
            ("region = \"us-luke-1\"\n", "line 5"),
            ("region = \"us-gov-ashburn-1\"\n", "line 5"),
            ("govcloud = true\n", "line 3"),
        ] {
            let e = parse(&oci(more)).unwrap_err().to_string();
            assert!(
                e.contains(line) && e.contains("whose BGP ASN is on a page byoip does not have"),
                "{more}: {e}"
            );
        }
        assert!(parse(&oci("region = \"eu-jovanovac-1\"\n")).is_ok());
    }

    #[test]
    fn disjoint_neighbours_are_fine_and_respellings_are_noted() {
        let m = parse("[[prefix]]\ncidr = \"192.0.2.0/24\"\n[[prefix]]\ncidr = \"192.0.3.0/24\"\n[[prefix]]\ncidr = \"2001:DB8::/48\"\nrdap_file = [\"a.json\", \"/abs/b.json\"]\n").unwrap();
        assert_eq!(m.prefixes.len(), 3);
        assert_eq!(m.notes.len(), 1);
        assert_eq!(
            m.prefixes[2].rdap_files,
            vec![PathBuf::from("/repo/a.json"), PathBuf::from("/abs/b.json")]
        );
    }

    #[test]
    fn an_irr_file_is_read_relative_to_the_manifest_and_only_for_aws() {
        let m = parse("[[prefix]]\ncidr = \"192.0.2.0/24\"\nirr_file = \"irr/a.txt\"\n").unwrap();
        assert_eq!(
            m.prefixes[0].irr_file.as_deref(),
            Some(Path::new("/repo/irr/a.txt"))
        );
        let e = parse("cloud = \"azure\"\nsubscription = \"3f2a1b4c-0000-4000-8000-123456789abc\"\nexpires = \"20271231\"\n[[prefix]]\ncidr = \"192.0.2.0/24\"\nirr_file = \"a.txt\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 5") && e.contains("has an irr_file, which only AWS's check reads"),
            "{e}"
        );
    }
}
