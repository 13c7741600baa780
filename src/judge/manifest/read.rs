//! Reading a manifest: the TOML, then each table (the top's defaults, every `[[prefix]]`
//! and `[[asn]]`), each error naming its key and line.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use super::{AsnEntry, Entry, MAX_ASNS, Manifest, ORIGIN_HINT};
use crate::{
    account::AccountId,
    cloud::Cloud,
    date::ExpiryDate,
    error::Error,
    prefix::Prefix,
    service::{Service, VerificationMethod},
    subscription::SubscriptionId,
};

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
        let lines = Lines::new(text);
        let raw = read_toml(text, &shown, &lines)?;
        let cloud = match &raw.cloud {
            Some(c) => c.get_ref().parse::<Cloud>().map_err(|e| {
                document_error(
                    &shown,
                    Some(lines.of(c.span().start)),
                    e.to_string(),
                    "cloud is aws (the default), azure or oci",
                )
            })?,
            None => Cloud::Aws,
        };
        let r = Reader {
            shown,
            dir: path.parent().unwrap_or(Path::new(".")),
            lines,
            raw: &raw,
            cloud,
            today,
        };
        r.refuse_keys_of_other_clouds()?;
        if raw.prefix.is_empty() && raw.asn.is_empty() {
            return Err(r.err(
                None,
                "no [[prefix]] or [[asn]] entries".into(),
                "add one [[prefix]] table with cidr = \"…\" per prefix (or [[asn]] with asn = \"…\" per ASN)",
            ));
        }
        let mut notes = Vec::new();
        let mut prefixes: Vec<Entry> = Vec::new();
        for p in &raw.prefix {
            prefixes.push(r.prefix(p, &mut notes)?);
        }
        r.refuse_overlaps(&prefixes)?;
        let mut asns: Vec<AsnEntry> = Vec::new();
        for a in &raw.asn {
            let entry = r.asn(a, &asns, &mut notes)?;
            asns.push(entry);
        }
        let shown = &r.shown;
        if asns.len() > MAX_ASNS {
            notes.push(format!(
                "{shown}: {} ASNs listed; AWS lets an account bring up to {MAX_ASNS}",
                asns.len()
            ));
        }
        if cloud == Cloud::Azure && prefixes.len() > 5 {
            notes.push(format!(
                "{shown}: {} prefixes listed; Azure lets a subscription bring {}",
                prefixes.len(),
                cloud.profile().quota
            ));
        }
        Ok(Manifest {
            path: path.to_path_buf(),
            cloud,
            key: raw.key.as_deref().map(|p| r.rel(p)),
            cert: raw.cert.as_deref().map(|p| r.rel(p)),
            contexts: raw.contexts.as_deref().map(|p| r.rel(p)),
            vrps: raw.vrps.as_deref().map(|p| r.rel(p)),
            rdap_url: raw.rdap_url.clone(),
            bootstrap: raw.bootstrap.clone(),
            prefixes,
            asns,
            notes,
        })
    }
}

/// An error in the manifest `shown`, at `line` when one is known.
fn document_error(shown: &str, line: Option<usize>, reason: String, hint: &str) -> Error {
    Error::Document {
        kind: Some(crate::error::Document::Manifest),
        what: match line {
            Some(l) => format!("{shown} line {l}"),
            None => shown.to_string(),
        },
        reason,
        hint: hint.to_string(),
        remedies: Box::default(),
        source: None,
    }
}

/// The TOML itself, its errors at their line.
fn read_toml(text: &str, shown: &str, lines: &Lines) -> Result<Raw, Error> {
    toml::from_str(text).map_err(|e| {
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
        document_error(
            shown,
            line,
            reason,
            quoted.as_deref().unwrap_or(
            "see docs/batch.md: top-level cloud, account, subscription, key, cert, expires, service, advertise, govcloud, verification, token_file, token_id, origin, contexts, vrps, rdap_url, bootstrap, and [[prefix]] tables with cidr and overrides",
            ),
        )
        .with_source(e)
    })
}

/// What every step of reading a manifest needs: its name and folder (for errors and
/// relative paths), its line numbers, its top-level defaults, its cloud and the day
/// relative dates count from.
struct Reader<'a> {
    shown: String,
    dir: &'a Path,
    lines: Lines,
    raw: &'a Raw,
    cloud: Cloud,
    today: NaiveDate,
}

impl Reader<'_> {
    fn err(&self, line: Option<usize>, reason: String, hint: &str) -> Error {
        document_error(&self.shown, line, reason, hint)
    }

    /// A path as written, relative to the manifest's folder (as in Cargo.toml).
    fn rel(&self, p: &str) -> PathBuf {
        let p = Path::new(p);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.dir.join(p)
        }
    }

    fn at(&self, s: &Option<Spanned<String>>) -> Option<usize> {
        s.as_ref().map(|s| self.lines.of(s.span().start))
    }

    /// A value an entry sets itself or takes from the top of the manifest, with the line
    /// it stands on (for errors).
    fn pick(
        &self,
        own: &Option<Spanned<String>>,
        default: &Option<Spanned<String>>,
    ) -> Option<(usize, String)> {
        own.as_ref()
            .or(default.as_ref())
            .map(|s| (self.lines.of(s.span().start), s.get_ref().clone()))
    }

    // The two keys [[prefix]] and [[asn]] entries both take, read one way for both.
    fn account_of(&self, own: &Option<Spanned<String>>) -> Result<Option<AccountId>, Error> {
        self.pick(own, &self.raw.account)
            .map(|(l, a)| {
                a.parse::<AccountId>()
                    .map_err(|e| self.err(Some(l), e.to_string(), &e.hint()))
            })
            .transpose()
    }

    fn expires_of(&self, own: &Option<Spanned<String>>) -> Result<Option<ExpiryDate>, Error> {
        self.pick(own, &self.raw.expires)
            .map(|(l, e)| {
                ExpiryDate::parse_relative(&e, self.today)
                    .map_err(|x| self.err(Some(l), x.to_string(), &x.hint()))
            })
            .transpose()
    }

    /// Keys that belong to another cloud than the manifest's: an error naming the first
    /// one set.
    fn refuse_keys_of_other_clouds(&self) -> Result<(), Error> {
        let raw = self.raw;
        // Only AWS states an IRR rule ("Prerequisites for BYOIP in Amazon EC2").
        if let Some(p) = raw.prefix.iter().find(|p| p.irr_file.is_some())
            && self.cloud != Cloud::Aws
        {
            return Err(self.err(
                Some(self.lines.of(p.cidr.span().start)),
                format!(
                    "{} has an irr_file, which only AWS's check reads",
                    p.cidr.get_ref()
                ),
                "remove irr_file: no IRR rule applies to this cloud",
            ));
        }
        self.refuse_oracle_keys()?;
        self.refuse_aws_or_azure_keys()
    }

    /// Oracle's keys elsewhere, and the signing clouds' keys for Oracle (which proves
    /// control with a token in the registry record: "Bring Your Own IP").
    fn refuse_oracle_keys(&self) -> Result<(), Error> {
        let raw = self.raw;
        let cloud = self.cloud;
        let not_here = |key: &str, at: Option<usize>, hint: &str| -> Result<(), Error> {
            match at {
                Some(l) => Err(self.err(
                    Some(l),
                    format!("{key} does not apply to a manifest for {cloud}"),
                    hint,
                )),
                None => Ok(()),
            }
        };
        if cloud != Cloud::Oci {
            const NOT_OCI: &str = "validation_token and region are Oracle's: set cloud = \"oci\" at the top for Oracle BYOIP";
            not_here("region", self.at(&raw.region), NOT_OCI)?;
            for p in &raw.prefix {
                not_here("validation_token", self.at(&p.validation_token), NOT_OCI)?;
                not_here("region", self.at(&p.region), NOT_OCI)?;
            }
            return Ok(());
        }
        const OCI: &str = "an Oracle prefix takes cidr, validation_token and optionally region, rdap_file and ripe_db_file";
        for (key, l) in [
            ("account", self.at(&raw.account)),
            ("subscription", self.at(&raw.subscription)),
            ("service", self.at(&raw.service)),
            ("verification", self.at(&raw.verification)),
        ] {
            not_here(key, l, OCI)?;
        }
        for p in &raw.prefix {
            for (key, l) in [
                ("account", self.at(&p.account)),
                ("subscription", self.at(&p.subscription)),
                ("service", self.at(&p.service)),
                ("verification", self.at(&p.verification)),
            ] {
                not_here(key, l, OCI)?;
            }
            if let Some(t) = &p.validation_token
                && let Some(why) = crate::ocitoken::empty_token(t.get_ref())
            {
                return Err(self.err(
                    Some(self.lines.of(t.span().start)),
                    why,
                    "set validation_token to the token Oracle issued for this prefix (or the console's OCITOKEN::CIDR:TOKEN line)",
                ));
            }
            if p.validation_token.is_none() {
                return Err(self.err(
                    Some(self.lines.of(p.cidr.span().start)),
                    format!("{} has no validation_token", p.cidr.get_ref()),
                    "set validation_token = \"…\" (the token Oracle issued for this prefix, or the console's OCITOKEN::CIDR:TOKEN line)",
                ));
            }
        }
        if let Some(a) = raw.asn.first() {
            not_here("[[asn]]", Some(self.lines.of(a.asn.span().start)), OCI)?;
        }
        Ok(())
    }

    /// AWS's keys in an Azure manifest, Azure's in an AWS one.
    fn refuse_aws_or_azure_keys(&self) -> Result<(), Error> {
        let raw = self.raw;
        let azure = self.cloud == Cloud::Azure;
        let foreign = |key: &str, at: Option<usize>| -> Result<(), Error> {
            match at {
                Some(l) if azure => Err(self.err(
                    Some(l),
                    format!("{key} is AWS's, and this manifest is for Azure (cloud = \"azure\")"),
                    "an Azure prefix takes subscription, cidr and expires (the ROA's validity end)",
                )),
                Some(l) => Err(self.err(
                    Some(l),
                    format!("{key} is Azure's, and this manifest is for AWS"),
                    "set cloud = \"azure\" at the top for Azure's custom IP prefixes, or use account for AWS",
                )),
                None => Ok(()),
            }
        };
        if azure {
            foreign("account", self.at(&raw.account))?;
            foreign("service", self.at(&raw.service))?;
            foreign("verification", self.at(&raw.verification))?;
            for p in &raw.prefix {
                foreign("account", self.at(&p.account))?;
                foreign("service", self.at(&p.service))?;
                foreign("verification", self.at(&p.verification))?;
            }
            if let Some(a) = raw.asn.first() {
                foreign("[[asn]]", Some(self.lines.of(a.asn.span().start)))?;
            }
        } else if self.cloud != Cloud::Oci {
            foreign("subscription", self.at(&raw.subscription))?;
            for p in &raw.prefix {
                foreign("subscription", self.at(&p.subscription))?;
            }
        }
        Ok(())
    }

    /// One `[[prefix]]` with every setting resolved; a respelled CIDR adds a note.
    fn prefix(&self, p: &RawPrefix, notes: &mut Vec<String>) -> Result<Entry, Error> {
        let raw = self.raw;
        let line = self.lines.of(p.cidr.span().start);
        let parsed = Prefix::parse_lenient(p.cidr.get_ref())
            .map_err(|e| self.err(Some(line), e.to_string(), &e.hint()))?;
        if parsed.rewritten {
            notes.push(format!(
                "{} line {line}: {:?} is written {} in messages",
                self.shown,
                p.cidr.get_ref(),
                parsed.prefix
            ));
        }
        let cidr = parsed.prefix;
        let account = self.account_of(&p.account)?;
        let expires_line = self.pick(&p.expires, &raw.expires).map(|(l, _)| l);
        let subscription = self
            .pick(&p.subscription, &raw.subscription)
            .map(|(l, s)| {
                s.parse::<SubscriptionId>()
                    .map_err(|e| self.err(Some(l), e.to_string(), &e.hint()))
            })
            .transpose()?;
        let expires = match self.expires_of(&p.expires)? {
            Some(e) => e,
            None if self.cloud == Cloud::Azure => {
                return Err(self.err(
                    Some(line),
                    format!(
                        "{cidr} has no expires: Azure's message carries the ROA's validity end, which byoip does not guess"
                    ),
                    "set expires = \"YYYYMMDD\" (the ROA's Validity End) in this [[prefix]] or at the top",
                ));
            }
            None => ExpiryDate::parse_relative(crate::date::DEFAULT_EXPIRES, self.today)?,
        };
        let service = match self.pick(&p.service, &raw.service) {
            Some((l, s)) => s
                .parse::<Service>()
                .map_err(|x| self.err(Some(l), x.to_string(), &x.hint()))?,
            None => Service::default(),
        };
        let rdap_files = match &p.rdap_file {
            None => Vec::new(),
            Some(OneOrMany::One(f)) => vec![self.rel(f)],
            Some(OneOrMany::Many(v)) => v.iter().map(|f| self.rel(f)).collect(),
        };
        let (verification, token_file) = self.verification(p, service, line, cidr)?;
        let govcloud = p.govcloud.or(raw.govcloud).unwrap_or(false);
        let region = self.region(p)?;
        self.refuse_undocumented(cidr, line, service, govcloud, region.as_ref())?;
        let advertise = p.advertise.or(raw.advertise).unwrap_or(true);
        if service == Service::Cloudfront && !advertise {
            return Err(self.err(
                Some(line),
                format!(
                    "{cidr} is for CloudFront with advertise = false: CloudFront announces every range it takes from its edge locations"
                ),
                "remove advertise = false, or bring a range that stays unadvertised to service = \"ec2\" or \"ipam\"",
            ));
        }
        Ok(Entry {
            line,
            cidr,
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
            ripe_db_file: p.ripe_db_file.as_deref().map(|f| self.rel(f)),
            irr_file: p.irr_file.as_deref().map(|f| self.rel(f)),
            validation_token: p.validation_token.as_ref().map(|t| t.get_ref().clone()),
            region: region.map(|(_, r)| r),
            network_border_group: self.network_border_group(p, service, cidr)?,
            origin: self.origin(p)?,
        })
    }

    /// A prefix's `verification` and the `token_file` that dns-token reads.
    fn verification(
        &self,
        p: &RawPrefix,
        service: Service,
        line: usize,
        cidr: Prefix,
    ) -> Result<(VerificationMethod, Option<PathBuf>), Error> {
        let verification = match self.pick(&p.verification, &self.raw.verification) {
            Some((l, v)) => v.parse::<VerificationMethod>().map_err(|x| {
                self.err(
                    Some(l),
                    x.to_string(),
                    "verification is remarks-x509 or dns-token",
                )
            })?,
            None => VerificationMethod::default(),
        };
        let token_file = p
            .token_file
            .as_ref()
            .or(self.raw.token_file.as_ref())
            .map(|f| self.rel(f));
        if verification == VerificationMethod::DnsToken {
            // AWS accepts dns-token in provision-ipam-pool-cidr only (CloudFront's
            // range goes through IPAM's top-level pool).
            if !matches!(service, Service::Ipam | Service::Cloudfront) {
                return Err(self.err(
                    Some(line),
                    format!(
                        "{cidr} uses dns-token verification, which only IPAM accepts, but its service is {service}"
                    ),
                    "set service = \"ipam\" (EC2 BYOIP and Global Accelerator need remarks-x509)",
                ));
            }
            if token_file.is_none() {
                return Err(self.err(
                    Some(line),
                    format!("{cidr} uses dns-token verification but names no token_file"),
                    "set token_file = \"token.json\" (the output of aws ec2 create-ipam-external-resource-verification-token)",
                ));
            }
        } else if p.token_file.is_some() || p.token_id.is_some() {
            return Err(self.err(
                Some(line),
                format!(
                    "{cidr} has a token_file or token_id, which only dns-token verification reads"
                ),
                "set verification = \"dns-token\", or remove token_file and token_id",
            ));
        }
        Ok((verification, token_file))
    }

    /// An Oracle prefix's `region`, with its line.
    fn region(
        &self,
        p: &RawPrefix,
    ) -> Result<Option<(usize, crate::rules::profile::Region)>, Error> {
        self.pick(&p.region, &self.raw.region)
            .map(|(l, r)| {
                r.parse::<crate::rules::profile::Region>()
                    .map_err(|e| {
                        self.err(
                            Some(l),
                            e.to_string(),
                            "write the region identifier as Oracle's console shows it",
                        )
                    })
                    .map(|r| (l, r))
            })
            .transpose()
    }

    /// What no cloud documents is refused here, as check refuses it: Global Accelerator
    /// in GovCloud, Oracle's government realms.
    fn refuse_undocumented(
        &self,
        cidr: Prefix,
        line: usize,
        service: Service,
        govcloud: bool,
        region: Option<&(usize, crate::rules::profile::Region)>,
    ) -> Result<(), Error> {
        let undocumented = match self.cloud {
            Cloud::Oci => {
                crate::rules::profile::refuse_undocumented_oci(region.map(|(_, r)| r), govcloud)
            }
            Cloud::Azure => Ok(()),
            Cloud::Aws => crate::rules::profile::refuse_undocumented_aws(service, govcloud),
        };
        undocumented.map_err(|e| {
            let at = match region {
                Some((l, r)) if r.oracle_government() => *l,
                _ => line,
            };
            self.err(Some(at), format!("{cidr}: {e}"), &e.hint())
        })
    }

    /// A Local Zone's group (EC2, IPv4 only), as check and sign refuse it.
    fn network_border_group(
        &self,
        p: &RawPrefix,
        service: Service,
        cidr: Prefix,
    ) -> Result<Option<crate::service::NetworkBorderGroup>, Error> {
        let Some(g) = &p.network_border_group else {
            return Ok(None);
        };
        let l = self.lines.of(g.span().start);
        if self.cloud != Cloud::Aws {
            return Err(self.err(
                Some(l),
                format!(
                    "network_border_group is AWS EC2's, and this manifest is for {}",
                    self.cloud
                ),
                "remove network_border_group: it places an EC2 range in a Local Zone",
            ));
        }
        let group = g
            .get_ref()
            .parse::<crate::service::NetworkBorderGroup>()
            .map_err(|e| self.err(Some(l), e.to_string(), &e.hint()))?;
        // The library's hint is for any front end ("leave out the network border
        // group"); here the group is this manifest key, on line `l`.
        group.allowed(service, cidr).map_err(|e| {
            let hint = if service == Service::Ec2 {
                format!("remove network_border_group (line {l}): {}", e.hint())
            } else {
                format!(
                    "remove network_border_group (line {l}), or set service = \"ec2\" for this prefix"
                )
            };
            self.err(Some(l), format!("{cidr}: {e}"), &hint)
        })?;
        Ok(Some(group))
    }

    /// `origin`: the ASN announcing the prefix today, or `"none"`.
    fn origin(&self, p: &RawPrefix) -> Result<Option<crate::check::CurrentOrigin>, Error> {
        let Some(o) = p.origin.as_ref().or(self.raw.origin.as_ref()) else {
            return Ok(None);
        };
        let l = self.lines.of(o.span().start);
        let source = format!("{} line {l}", self.shown);
        let asn = match o.get_ref() {
            toml::Value::String(t) if t.trim().eq_ignore_ascii_case("none") => None,
            toml::Value::String(t) => Some(
                crate::asn::Asn::parse_lenient(t)
                    .map_err(|e| self.err(Some(l), e.to_string(), ORIGIN_HINT))?
                    .asn,
            ),
            toml::Value::Integer(n) => {
                Some(u32::try_from(*n).map(crate::asn::Asn::new).map_err(|_| {
                    self.err(Some(l), format!("origin {n} is not an ASN"), ORIGIN_HINT)
                })?)
            }
            other => {
                return Err(self.err(
                    Some(l),
                    format!("origin is {}, not an ASN or \"none\"", other.type_str()),
                    ORIGIN_HINT,
                ));
            }
        };
        Ok(Some(crate::check::CurrentOrigin::given(asn, source)))
    }

    /// Duplicates and overlaps: after sorting, an overlap is always between neighbours
    /// or with a containing prefix earlier in the order.
    fn refuse_overlaps(&self, prefixes: &[Entry]) -> Result<(), Error> {
        let mut order: Vec<&Entry> = prefixes.iter().collect();
        order.sort_by_key(|e| (e.cidr.net().network(), e.cidr.prefix_len()));
        let mut open: Vec<&Entry> = Vec::new();
        for e in order {
            open.retain(|o| o.cidr.net().contains(&e.cidr.net().network()));
            if let Some(&o) = open.last() {
                let (first, second) = if o.line < e.line { (o, e) } else { (e, o) };
                return Err(if o.cidr == e.cidr {
                    self.err(
                        Some(second.line),
                        format!("{} is listed twice (also line {})", e.cidr, first.line),
                        "list each prefix once",
                    )
                } else {
                    self.err(
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
        Ok(())
    }

    /// One `[[asn]]` with every setting resolved, refused when `before` lists it already;
    /// a respelled ASN adds a note.
    fn asn(
        &self,
        a: &RawAsn,
        before: &[AsnEntry],
        notes: &mut Vec<String>,
    ) -> Result<AsnEntry, Error> {
        let line = self.lines.of(a.asn.span().start);
        // A bare number is fine here (an ASN has no leading zeros to lose).
        let text = match a.asn.get_ref() {
            toml::Value::String(t) => t.clone(),
            toml::Value::Integer(n) => n.to_string(),
            other => other.to_string(),
        };
        let parsed = crate::asn::Asn::parse_lenient(&text)
            .map_err(|e| self.err(Some(line), e.to_string(), &e.hint()))?;
        if parsed.rewritten {
            notes.push(format!(
                "{} line {line}: {text:?} is written {} in messages",
                self.shown, parsed.asn
            ));
        }
        if let Some(first) = before.iter().find(|e| e.asn == parsed.asn) {
            return Err(self.err(
                Some(line),
                format!(
                    "AS{} is listed twice (also line {})",
                    parsed.asn, first.line
                ),
                "list each ASN once",
            ));
        }
        let account = self.account_of(&a.account)?;
        let expires_line = self.pick(&a.expires, &self.raw.expires).map(|(l, _)| l);
        let expires = match self.expires_of(&a.expires)? {
            Some(e) => e,
            None => ExpiryDate::end_of_next_month(self.today)?,
        };
        Ok(AsnEntry {
            line,
            asn: parsed.asn,
            account,
            expires,
            expires_line,
            rdap_file: a.rdap_file.as_deref().map(|f| self.rel(f)),
        })
    }
}
