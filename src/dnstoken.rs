//! VPC IPAM `dns-token` verification: the reverse-DNS TXT records that prove control of a
//! prefix, planned and judged without a network.
//!
//! Sources (AWS's public documentation):
//! - VPC IPAM user guide, "Verify domain control"
//!   (<https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoip-ipam-domain-verification-methods.html>):
//!   the record is `<TokenName>.<reverse zone>` of type TXT holding `<TokenValue>`; it goes
//!   "into the reverse zone of the prefix itself or its parent prefix", which the registry
//!   must delegate to your name servers; IPv4 records align to octet boundaries and IPv6
//!   records to nibble boundaries, so a prefix between boundaries needs one record per
//!   subnet at the next boundary (198.18.12.0/22 → four /24 names); a token can be reused
//!   for 72 hours.
//! - EC2 API reference, `CreateIpamExternalResourceVerificationToken` and the
//!   `IpamExternalResourceVerificationToken` data type
//!   (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpamExternalResourceVerificationToken.html>):
//!   `TokenName`, `TokenValue`, `NotAfter`, `Status` (`valid | expired`), `State`.
//! - EC2 API reference, `ProvisionIpamPoolCidr`
//!   (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ProvisionIpamPoolCidr.html>):
//!   `VerificationMethod = dns-token` with `IpamExternalResourceVerificationTokenId`.
//!
//! More in the repository's `docs/dns-token.md`. This module is pure: [`plan`] is arithmetic,
//! [`judge`] reads answers through the [`Lookup`] trait, which the network client in
//! `crate::dns` implements (and tests implement with a table).

use std::fmt;

use chrono::{DateTime, Duration, Utc};
use ipnet::IpNet;
use serde::Serialize;

use crate::{
    error::Error,
    lint::{Finding, LintId, Severity},
    prefix::Prefix,
};

/// How AWS is to verify control of a prefix: `--verification-method` of
/// `provision-ipam-pool-cidr`, with AWS's names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum Method {
    /// `remarks-x509`: the signed message and the certificate in the registry record.
    #[default]
    #[serde(rename = "remarks-x509")]
    RemarksX509,
    /// `dns-token`: TXT records in the prefix's reverse DNS (IPAM only).
    #[serde(rename = "dns-token")]
    DnsToken,
}

impl std::str::FromStr for Method {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "remarks-x509" => Ok(Method::RemarksX509),
            "dns-token" => Ok(Method::DnsToken),
            _ => Err(Error::VerificationMethod {
                input: s.to_string(),
            }),
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Method::RemarksX509 => "remarks-x509",
            Method::DnsToken => "dns-token",
        })
    }
}

/// The record type AWS asks for.
const RECORD_TYPE: &str = "TXT";

/// An IPAM external resource verification token: the name and value to publish. Built by
/// [`Token::new`] or [`Token::from_aws_json`], which check the name and value, and read
/// through its accessors, so a token in hand always has a usable name and value.
///
/// ```
/// let token = byoip::dnstoken::Token::new("ipam-ext-res-ver-token-0123456789abcdef", "value")?;
/// assert_eq!(token.name(), "ipam-ext-res-ver-token-0123456789abcdef");
/// # Ok::<(), byoip::Error>(())
/// ```
///
/// Its fields cannot be set from outside, so a name that is no DNS label cannot slip in:
///
/// ```compile_fail
/// let mut token = byoip::dnstoken::Token::new("ipam-ext-res-ver-token-0123456789abcdef", "value")?;
/// token.name = "not a label".to_string();
/// # Ok::<(), byoip::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Token {
    /// `IpamExternalResourceVerificationTokenId` (`ipam-ext-res-ver-token-…`), when known.
    pub(crate) id: Option<String>,
    /// `IpamId`, when known.
    pub(crate) ipam_id: Option<String>,
    /// `TokenName`: the first label of every record name.
    pub(crate) name: String,
    /// `TokenValue`: the TXT value.
    pub(crate) value: String,
    /// `NotAfter`: when the token stops being accepted.
    pub(crate) not_after: Option<DateTime<Utc>>,
    /// `Status`: `valid` or `expired`.
    pub(crate) status: Option<String>,
    /// `State`: `create-complete`, `delete-in-progress`, …
    pub(crate) state: Option<String>,
}

impl Token {
    /// `IpamExternalResourceVerificationTokenId` (`ipam-ext-res-ver-token-…`), when known.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The token with its `IpamExternalResourceVerificationTokenId` set (a token built from
    /// its name and value knows none): what the provisioning command names.
    pub fn with_id(mut self, id: Option<String>) -> Self {
        self.id = id;
        self
    }

    /// `IpamId`, when known.
    pub fn ipam_id(&self) -> Option<&str> {
        self.ipam_id.as_deref()
    }

    /// `TokenName`: the first label of every record name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `TokenValue`: the TXT value.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// `NotAfter`: when the token stops being accepted, when known.
    pub fn not_after(&self) -> Option<DateTime<Utc>> {
        self.not_after
    }

    /// `Status` (`valid` or `expired`), when known.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// `State` (`create-complete`, `delete-in-progress`, …), when known.
    pub fn state(&self) -> Option<&str> {
        self.state.as_deref()
    }

    /// A token from its name and value alone (typed by hand, or from the console).
    pub fn new(name: &str, value: &str) -> Result<Token, Error> {
        check_text("token name", name, 63, true)?;
        check_text("token value", value, 255, false)?;
        Ok(Token {
            id: None,
            ipam_id: None,
            name: name.to_string(),
            value: value.to_string(),
            not_after: None,
            status: None,
            state: None,
        })
    }

    /// Reads the JSON that `aws ec2 create-ipam-external-resource-verification-token`
    /// prints (`{"IpamExternalResourceVerificationToken": {…}}`), the list that
    /// `describe-ipam-external-resource-verification-tokens` prints
    /// (`{"IpamExternalResourceVerificationTokens": […]}`), or one token object alone.
    /// `token_id` chooses from a list, and must match a single token if given.
    pub fn from_aws_json(bytes: &[u8], token_id: Option<&str>) -> Result<Token, Error> {
        let doc: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
            Error::Token {
                reason: "the token file is not JSON".into(),
                hint: "give the JSON that `aws ec2 create-ipam-external-resource-verification-token` prints".into(),
                source: crate::error::cause(e),
            }
        })?;
        let objects: Vec<&serde_json::Value> = if let Some(one) =
            doc.get("IpamExternalResourceVerificationToken")
        {
            vec![one]
        } else if let Some(list) = doc.get("IpamExternalResourceVerificationTokens") {
            list.as_array()
                    .ok_or_else(|| {
                        token_error(
                            "IpamExternalResourceVerificationTokens is not a list",
                            "give the JSON that `aws ec2 describe-ipam-external-resource-verification-tokens` prints",
                        )
                    })?
                    .iter()
                    .collect()
        } else if doc.get("TokenName").is_some() {
            vec![&doc]
        } else {
            return Err(token_error(
                "the token file has no IpamExternalResourceVerificationToken (not the JSON AWS prints)",
                "give the output of `aws ec2 create-ipam-external-resource-verification-token --ipam-id …` (or of describe-ipam-external-resource-verification-tokens)",
            ));
        };
        let tokens = objects
            .into_iter()
            .map(token_from_object)
            .collect::<Result<Vec<_>, _>>()?;
        let ids = || {
            tokens
                .iter()
                .map(|t| t.id.as_deref().unwrap_or("(no id)"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match token_id {
            Some(want) => tokens
                .iter()
                .find(|t| t.id.as_deref() == Some(want))
                .cloned()
                .ok_or_else(|| {
                    token_error(
                        format!("the token file has no token {want:?} (it has: {})", ids()),
                        "check the token ID asked for against the file's IpamExternalResourceVerificationTokenId values",
                    )
                }),
            None => match tokens.as_slice() {
                [one] => Ok(one.clone()),
                [] => Err(token_error(
                    "the token file lists no tokens",
                    "create one with `aws ec2 create-ipam-external-resource-verification-token --ipam-id …`",
                )),
                _ => Err(token_error(
                    format!("the token file lists {} tokens: {}", tokens.len(), ids()),
                    "choose one by its token ID",
                )),
            },
        }
    }

    /// Whether the token is expired, about to expire (within a day) or in a state that
    /// cannot be used; `None` when it is fine or nothing is known.
    pub fn expiry_finding(&self, now: DateTime<Utc>) -> Option<Finding> {
        let id = LintId::TokenExpiry;
        let create_new = "create a new token (`aws ec2 create-ipam-external-resource-verification-token`) and publish its records";
        let expired = self.status.as_deref() == Some("expired");
        if let Some(at) = self.not_after {
            let stamp = at.format("%Y-%m-%d %H:%M UTC");
            if at <= now || expired {
                return Some(Finding::new(
                    id,
                    Severity::Error,
                    format!("the token expired at {stamp}; AWS accepts a token for 72 hours"),
                    create_new,
                ));
            }
            if at - now < Duration::days(1) {
                let left = at - now;
                return Some(Finding::new(
                    id,
                    Severity::Warning,
                    format!(
                        "the token expires at {stamp}, in {}h{:02}m: provision before then",
                        left.num_hours(),
                        left.num_minutes() % 60
                    ),
                    "if the records cannot be published and seen in time, create a new token",
                ));
            }
        } else if expired {
            return Some(Finding::new(
                id,
                Severity::Error,
                "the token's Status is expired",
                create_new,
            ));
        }
        // The states of IpamExternalResourceVerificationToken (Amazon EC2 API Reference,
        // IpamExternalResourceVerificationToken):
        // create-in-progress | create-complete | create-failed | delete-in-progress |
        // delete-complete | delete-failed. `create-in-progress` is what the create call
        // itself returns (AWS's example shows it), so a token saved from that call always
        // carries it and is usable moments later: it is not a finding. A state outside the
        // list is named, not guessed at.
        match self.state.as_deref() {
            None | Some("create-complete" | "create-in-progress") => None,
            Some(
                s @ ("create-failed" | "delete-in-progress" | "delete-complete" | "delete-failed"),
            ) => Some(Finding::new(
                id,
                Severity::Error,
                format!("the token's State is {s}"),
                create_new,
            )),
            Some(s) => Some(Finding::new(
                id,
                Severity::Warning,
                format!("the token's State is {s:?}, not one of the states AWS documents"),
                "provision only when `aws ec2 describe-ipam-external-resource-verification-tokens` shows the token create-complete",
            )),
        }
    }
}

fn token_error(reason: impl Into<String>, hint: impl Into<String>) -> Error {
    Error::Token {
        reason: reason.into(),
        hint: hint.into(),
        source: None,
    }
}

fn token_from_object(v: &serde_json::Value) -> Result<Token, Error> {
    let shape = "give the JSON that `aws ec2 create-ipam-external-resource-verification-token` prints, unedited";
    if !v.is_object() {
        return Err(token_error("a token is not a JSON object", shape));
    }
    let text = |key: &str, required: bool| -> Result<Option<String>, Error> {
        match v.get(key) {
            None | Some(serde_json::Value::Null) if !required => Ok(None),
            None | Some(serde_json::Value::Null) => {
                Err(token_error(format!("the token has no {key}"), shape))
            }
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(token_error(
                format!("the token's {key} is not a string: {other}"),
                shape,
            )),
        }
    };
    let name = text("TokenName", true)?.unwrap_or_default();
    let value = text("TokenValue", true)?.unwrap_or_default();
    let mut token = Token::new(&name, &value)?;
    token.id = text("IpamExternalResourceVerificationTokenId", false)?;
    token.ipam_id = text("IpamId", false)?;
    token.status = text("Status", false)?;
    token.state = text("State", false)?;
    token.not_after = match text("NotAfter", false)? {
        None => None,
        Some(s) => Some(
            DateTime::parse_from_rfc3339(&s)
                .map_err(|e| Error::Token {
                    reason: format!("the token's NotAfter {s:?} is not a date and time"),
                    hint: shape.into(),
                    source: crate::error::cause(e),
                })?
                .with_timezone(&Utc),
        ),
    };
    Ok(token)
}

/// Refuses what cannot be one DNS label (`label`) or one TXT character-string: empty,
/// too long, spaces, quotes (ASCII or typographic), control and non-ASCII characters.
/// Quotes are the pitfall: pasted from a page that prints “value”, they become part of it.
fn check_text(what: &str, s: &str, max: usize, label: bool) -> Result<(), Error> {
    let bad = |reason: String, hint: &str| token_error(format!("{what} {s:?} {reason}"), hint);
    if s.is_empty() {
        return Err(bad("is empty".into(), "copy it from the token AWS created"));
    }
    if s.len() > max {
        return Err(bad(
            format!("is {} bytes, over the {max}-byte limit", s.len()),
            "copy it from the token AWS created",
        ));
    }
    if let Some(c) = s.chars().find(|c| {
        matches!(
            c,
            '"' | '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}'
        )
    }) {
        return Err(bad(
            format!("contains a quote ({c:?}, U+{:04X})", u32::from(c)),
            "give the bare value, without quotes: it is quoted where a format needs quotes",
        ));
    }
    if let Some(c) = s.chars().find(|c| c.is_whitespace()) {
        return Err(bad(
            format!("contains whitespace (U+{:04X})", u32::from(c)),
            "remove the spaces: AWS's token names and values have none",
        ));
    }
    if let Some(c) = s.chars().find(|c| !c.is_ascii_graphic()) {
        return Err(bad(
            format!(
                "contains {c:?} (U+{:04X}), not printable ASCII",
                u32::from(c)
            ),
            "copy it from the token AWS created",
        ));
    }
    if label
        && let Some(c) = s
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(bad(
            format!("contains {c:?}, which cannot be part of one DNS label"),
            "give the TokenName exactly as AWS printed it (letters, digits, hyphens)",
        ));
    }
    if !label && s.contains('\\') {
        return Err(bad(
            "contains a backslash".into(),
            "give the TokenValue exactly as AWS printed it",
        ));
    }
    Ok(())
}

/// One TXT record to publish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Record {
    /// Fully qualified name without the trailing dot: `<TokenName>.<zone>`.
    pub name: String,
    /// Always `TXT`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The token value, unquoted.
    pub value: String,
    /// The record's own reverse zone (of the aligned subnet), without the trailing dot.
    pub zone: String,
    /// The aligned subnet the record stands for.
    pub cidr: IpNet,
}

/// The records for one prefix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Plan {
    /// The prefix.
    pub cidr: Prefix,
    /// The boundary the records align to (/24 for a /22, /44 for a /42).
    pub aligned_len: u8,
    /// One record per subnet of `cidr` at `aligned_len`, in address order.
    pub records: Vec<Record>,
}

/// The octet (IPv4) or nibble (IPv6) boundary at or below `len`: AWS's alignment rule.
pub fn aligned_len(prefix: Prefix) -> u8 {
    let step = if prefix.is_ipv4() { 8 } else { 4 };
    prefix.prefix_len().div_ceil(step) * step
}

/// The reverse zone name of a prefix on an octet (IPv4) or nibble (IPv6) boundary, without
/// the trailing dot: `12.18.198.in-addr.arpa`, `8.0.0.8.b.d.0.1.0.0.2.ip6.arpa`. Bits past
/// the last whole octet or nibble are ignored, so give an aligned prefix.
fn reverse_zone(net: IpNet) -> String {
    let mut labels: Vec<String> = match net {
        IpNet::V4(n) => n.network().octets()[..usize::from(net.prefix_len() / 8)]
            .iter()
            .map(u8::to_string)
            .collect(),
        IpNet::V6(n) => {
            let bits = u128::from(n.network());
            (0..usize::from(net.prefix_len() / 4))
                .map(|i| format!("{:x}", (bits >> (124 - 4 * i)) & 0xf))
                .collect()
        }
    };
    labels.reverse();
    labels.push(match net {
        IpNet::V4(_) => "in-addr.arpa".into(),
        IpNet::V6(_) => "ip6.arpa".into(),
    });
    labels.join(".")
}

/// Plans the records that prove control of `prefix` with `token`: one per subnet at the
/// next octet (IPv4) or nibble (IPv6) boundary, named `<TokenName>.<its reverse zone>`.
/// A /0 is refused: its "reverse zone" would be `in-addr.arpa` itself.
pub fn plan(prefix: Prefix, token: &Token) -> Result<Plan, Error> {
    if prefix.prefix_len() == 0 {
        return Err(Error::Prefix {
            input: prefix.to_string(),
            reason: "a /0 has no reverse zone of its own".into(),
            hint: "give the prefix you hold".into(),
            source: None,
        });
    }
    let aligned = aligned_len(prefix);
    let subnets = prefix.net().subnets(aligned).map_err(|e| Error::Prefix {
        input: prefix.to_string(),
        reason: format!("it does not divide into /{aligned} reverse zones"),
        hint: "give the prefix you hold".into(),
        source: crate::error::cause(e),
    })?;
    let records = subnets
        .map(|cidr| {
            let zone = reverse_zone(cidr);
            Record {
                name: format!("{}.{zone}", token.name),
                kind: RECORD_TYPE,
                value: token.value.clone(),
                zone,
                cidr,
            }
        })
        .collect();
    Ok(Plan {
        cidr: prefix,
        aligned_len: aligned,
        records,
    })
}

/// A zone name as given (`18.198.in-addr.arpa.` or upper case), made comparable: lower
/// case, no trailing dot. Empty labels and spaces are refused.
fn normalize_zone(zone: &str) -> Result<String, Error> {
    let z = zone.trim_end_matches('.').to_ascii_lowercase();
    if z.is_empty()
        || z.split('.').any(|l| l.is_empty() || l.len() > 63)
        || z.chars().any(|c| c.is_whitespace() || c == '"')
    {
        return Err(Error::Document {
            what: format!("zone {zone:?}"),
            reason: "not a DNS zone name".into(),
            hint: "give the hosted zone's name, e.g. 18.198.in-addr.arpa".into(),
            source: None,
        });
    }
    Ok(z)
}

/// Whether `name` is `zone` or below it (both normalized: lower case, no trailing dot).
fn in_zone(name: &str, zone: &str) -> bool {
    name == zone
        || name
            .strip_suffix(zone)
            .is_some_and(|head| head.ends_with('.'))
}

/// The records grouped by the hosted zone each goes into: with `zone`, every record must be
/// inside it (one group); without, each record's own reverse zone. Groups keep plan order.
/// What to create in each hosted zone (`byoip dns-token plan` prints one batch per group);
/// an error names a record outside the given zone.
pub fn group_by_zone<'a>(
    records: &'a [Record],
    zone: Option<&str>,
) -> Result<Vec<(String, Vec<&'a Record>)>, Error> {
    if let Some(z) = zone {
        let z = normalize_zone(z)?;
        if let Some(r) = records.iter().find(|r| !in_zone(&r.name, &z)) {
            return Err(Error::Document {
                what: format!("zone {z}"),
                reason: format!("record {} is not inside it", r.name),
                hint: format!(
                    "give a zone that contains it (its own is {}), or name no zone, for one batch per zone",
                    r.zone
                ),
                source: None,
            });
        }
        return Ok(vec![(z, records.iter().collect())]);
    }
    let mut groups: Vec<(String, Vec<&Record>)> = Vec::new();
    for r in records {
        match groups.iter_mut().find(|(z, _)| *z == r.zone) {
            Some((_, v)) => v.push(r),
            None => groups.push((r.zone.clone(), vec![r])),
        }
    }
    Ok(groups)
}

/// What a resolver answered for one question.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Answer {
    /// Records of the type asked. For TXT, each record's character-strings, raw.
    Records(Vec<Vec<Vec<u8>>>),
    /// No record of that type: NXDOMAIN (`nxdomain`) or NODATA. `zone` is the owner of the
    /// SOA in the authority section: the zone that answered (RFC 2308 §3), when given.
    Empty {
        /// NXDOMAIN rather than NODATA.
        nxdomain: bool,
        /// The zone that answered, lower case without the trailing dot.
        zone: Option<String>,
    },
    /// The name is an alias (a CNAME, or a chain of them, RFC 1034 §3.6.2) whose last
    /// target has no record of the type asked: NXDOMAIN (`nxdomain`) or NODATA for the
    /// target, the rcode speaking of the chain's last name (RFC 2308 §2.1).
    Alias {
        /// The last name of the CNAME chain, lower case without the trailing dot.
        target: String,
        /// The target does not exist, rather than holding no record of that type.
        nxdomain: bool,
        /// The zone that answered for the target (the SOA owner in the authority section,
        /// RFC 2308 §3), when given.
        zone: Option<String>,
    },
    /// No usable answer (SERVFAIL, REFUSED, a timeout, garbage, an answer that is no
    /// evidence); the reason.
    Failed(String),
}

/// Asks DNS questions. `crate::dns::Client` asks a resolver; tests answer from a table.
pub trait Lookup {
    /// The TXT records at `name` (lower case, no trailing dot).
    fn txt(&mut self, name: &str) -> Answer;
    /// The SOA at `name`: `Records` when `name` is a zone apex, else `Empty` naming the
    /// enclosing zone.
    fn soa(&mut self, name: &str) -> Answer;
}

/// How one planned name came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum NameState {
    /// The TXT record with the token value is there.
    Found,
    /// No TXT record with that name.
    Missing,
    /// TXT records at the name, none with the token value.
    Wrong,
    /// No usable answer: the state is unknown.
    Unchecked,
}

impl fmt::Display for NameState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            NameState::Found => "found",
            NameState::Missing => "missing",
            NameState::Wrong => "wrong",
            NameState::Unchecked => "unchecked",
        })
    }
}

/// Whether a name's reverse zone is delegated (served by name servers other than the
/// registry's), as far as the answers tell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Delegation {
    /// `true`: delegated; `false`: the name is answered by an enclosing zone in which none
    /// of the planned records was found; `None`: unknown.
    pub delegated: Option<bool>,
    /// The zone whose SOA came with the answer (the zone cut above the name, or above a
    /// CNAME's target); `null` in JSON when no answer named one.
    pub zone: Option<String>,
    /// One line saying how this was concluded.
    pub reason: String,
}

/// The result for one planned name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct NameCheck {
    /// The record name.
    pub name: String,
    /// The record's own reverse zone.
    pub zone: String,
    /// The outcome.
    pub state: NameState,
    /// The value expected (the token value).
    pub expected: String,
    /// The TXT records found at the name, each as its data: the record's character-strings
    /// joined, without the quotes of a zone file (so a right value reads as `expected`
    /// does); empty when the DNS said there is none; `None` (`null` in JSON) when the name
    /// could not be checked. [`NameCheck::shown`] gives them as a zone file writes them.
    pub found: Option<Vec<String>>,
    /// The last target of the CNAME chain at the name, when the name is an alias whose
    /// target holds no TXT record (RFC 1034 §3.6.2): the target is what to fix.
    pub cname: Option<String>,
    /// Why a wrong value is wrong when the cause is recognisable (curly quotes, whitespace,
    /// split strings), why a missing record is missing when an alias explains it, or why
    /// the name could not be checked; `null` in JSON otherwise.
    pub cause: Option<String>,
    /// Delegation of the name's zone.
    pub delegation: Delegation,
    /// The TXT records found, each record's character-strings raw.
    #[serde(skip)]
    txt: Vec<Vec<Vec<u8>>>,
}

impl NameCheck {
    /// The TXT records found, each as a zone file shows it: every character-string quoted,
    /// `"` and `\` escaped, so a value split across strings or quoted twice is visible.
    pub fn shown(&self) -> Vec<String> {
        self.txt.iter().map(|strings| show_txt(strings)).collect()
    }
}

/// How many names came out in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Tally {
    /// Found with the token value.
    pub found: usize,
    /// No TXT record.
    pub missing: usize,
    /// TXT records without the token value.
    pub wrong: usize,
    /// No usable answer.
    pub unchecked: usize,
}

impl Tally {
    /// Counts `names` by state.
    pub fn of(names: &[NameCheck]) -> Tally {
        let mut t = Tally::default();
        for c in names {
            *match c.state {
                NameState::Found => &mut t.found,
                NameState::Missing => &mut t.missing,
                NameState::Wrong => &mut t.wrong,
                NameState::Unchecked => &mut t.unchecked,
            } += 1;
        }
        t
    }
}

/// Asks `lookup` for every planned name and judges the answers: found, missing, wrong (with
/// the cause when it is a known mistake), or unchecked; and for each, whether its zone is
/// delegated. A TXT answer proves delegation; for a missing name the SOA in the negative
/// answer (or an SOA query for its zone) names the zone that answered: the record's own
/// zone means it is delegated; an enclosing zone counts as delegated only when it serves
/// another planned record that was found (a delegated parent zone).
pub fn judge(plan: &Plan, lookup: &mut dyn Lookup) -> Vec<NameCheck> {
    let mut checks: Vec<NameCheck> = plan
        .records
        .iter()
        .map(|r| {
            let mut c = NameCheck {
                name: r.name.clone(),
                zone: r.zone.clone(),
                state: NameState::Unchecked,
                expected: r.value.clone(),
                found: None,
                cname: None,
                cause: None,
                delegation: Delegation {
                    delegated: None,
                    zone: None,
                    reason: String::new(),
                },
                txt: Vec::new(),
            };
            match lookup.txt(&r.name) {
                Answer::Records(rrs) => {
                    c.found = Some(
                        rrs.iter()
                            .map(|strings| String::from_utf8_lossy(&strings.concat()).into_owned())
                            .collect(),
                    );
                    let (state, cause) = compare(&rrs, &r.value);
                    c.state = state;
                    c.cause = cause;
                    c.txt = rrs;
                    c.delegation.delegated = Some(true);
                    c.delegation.reason =
                        "a TXT record answered at this name, so its zone is delegated".into();
                }
                Answer::Empty { zone, .. } => {
                    c.state = NameState::Missing;
                    c.found = Some(Vec::new());
                    c.delegation.zone = zone;
                }
                Answer::Alias {
                    target,
                    nxdomain,
                    zone: Some(zone),
                } => {
                    // The name itself answered (with a CNAME), so the zone holding it is
                    // served: what is missing is at the alias's target, not a delegation.
                    c.state = NameState::Missing;
                    c.found = Some(Vec::new());
                    c.cause = Some(format!(
                        "{} is a CNAME to {target}, which {} from the zone {zone})",
                        r.name,
                        if nxdomain {
                            "does not exist (NXDOMAIN"
                        } else {
                            "holds no TXT record (NODATA"
                        }
                    ));
                    c.cname = Some(target);
                    c.delegation.delegated = Some(true);
                    c.delegation.zone = Some(zone);
                    c.delegation.reason =
                        "a CNAME answered at this name, so the zone holding it is served".into();
                }
                Answer::Alias { target, zone: None, .. } => {
                    // As a negative answer that names no zone (below): no evidence.
                    c.cause = Some(format!(
                        "{} is a CNAME to {target}, and the answer named no zone for {target} (no SOA, RFC 2308 §3): whether {target} holds the record is unknown",
                        r.name
                    ));
                    c.cname = Some(target);
                    c.delegation.reason =
                        "unknown: the CNAME's target could not be checked".into();
                }
                Answer::Failed(why) => {
                    c.cause = Some(why);
                    c.delegation.reason = "unknown: the name could not be checked".into();
                }
            }
            c
        })
        .collect();

    // Zone cuts of the names that answered, asked only if some missing name needs them.
    let mut found_cuts: Option<Vec<String>> = None;
    for i in 0..checks.len() {
        if checks[i].state != NameState::Missing || checks[i].cname.is_some() {
            continue;
        }
        if checks[i].delegation.zone.is_none() {
            checks[i].delegation.zone = zone_of(lookup, &checks[i].zone);
        }
        let own = checks[i].zone.clone();
        let Some(cut) = checks[i].delegation.zone.clone() else {
            // A negative answer carries the SOA of the zone that gave it (RFC 2308 §3). One
            // that names no zone, with no SOA to be had either, comes from a resolver that
            // answers "no such name" for everything it cannot reach: not evidence.
            checks[i].state = NameState::Unchecked;
            checks[i].found = None;
            checks[i].cause = Some(
                "the resolver said the name does not exist but named no zone (no SOA, RFC 2308 §3), and gave no SOA when asked: its answer cannot be trusted; ask a resolver that reaches the internet".into(),
            );
            checks[i].delegation.reason =
                "unknown: the answer named no zone, and asking for the SOA failed".into();
            continue;
        };
        if in_zone(&cut, &own) {
            checks[i].delegation.delegated = Some(true);
            checks[i].delegation.reason =
                format!("{own} is delegated (its own SOA answered), but holds no such TXT");
            continue;
        }
        let cuts = found_cuts.get_or_insert_with(|| {
            checks
                .iter()
                .filter(|c| matches!(c.state, NameState::Found | NameState::Wrong))
                .filter_map(|c| zone_of(lookup, &c.zone))
                .collect()
        });
        if cuts.contains(&cut) {
            checks[i].delegation.delegated = Some(true);
            checks[i].delegation.reason = format!(
                "answered by {cut}, a delegated parent zone (other planned records were found there); the record is missing from it"
            );
        } else {
            checks[i].delegation.delegated = Some(false);
            checks[i].delegation.reason = format!(
                "{own} is not delegated: names under it are answered by the enclosing zone {cut}"
            );
        }
    }
    checks
}

/// The zone that holds `name`: `name` itself when it has an SOA, else the zone the
/// negative answer names.
fn zone_of(lookup: &mut dyn Lookup, name: &str) -> Option<String> {
    match lookup.soa(name) {
        Answer::Records(_) => Some(name.to_string()),
        Answer::Empty { zone, .. } | Answer::Alias { zone, .. } => zone,
        Answer::Failed(_) => None,
    }
}

/// A TXT record as a zone file shows it: each string quoted, non-ASCII bytes kept as UTF-8
/// text where they are valid (so a curly quote reads as one), `"` and `\` escaped.
fn show_txt(strings: &[Vec<u8>]) -> String {
    strings
        .iter()
        .map(|s| {
            let text = String::from_utf8_lossy(s);
            format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Found when one record is exactly the value in one string; otherwise wrong, with the
/// cause when a known mistake explains the difference.
fn compare(rrs: &[Vec<Vec<u8>>], want: &str) -> (NameState, Option<String>) {
    let want_b = want.as_bytes();
    if rrs.iter().any(|s| s.len() == 1 && s[0] == want_b) {
        return (NameState::Found, None);
    }
    for strings in rrs {
        let joined: Vec<u8> = strings.concat();
        let text = String::from_utf8_lossy(&joined);
        if strings.len() > 1 && joined == want_b {
            return (
                NameState::Wrong,
                Some(format!(
                    "the value is split across {} strings; publish it as one string",
                    strings.len()
                )),
            );
        }
        let curly = ['\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}'];
        if text.contains(curly)
            && text.trim_matches(|c: char| curly.contains(&c) || c.is_whitespace()) == want
        {
            return (
                NameState::Wrong,
                Some("typographic (curly) quotes are part of the value; publish the bare value, with ASCII quotes in a zone file".into()),
            );
        }
        if text.trim_matches('"') == want && text.contains('"') {
            return (
                NameState::Wrong,
                Some(
                    "the quotes are part of the value (quoted twice); publish the bare value"
                        .into(),
                ),
            );
        }
        if text.trim() == want {
            return (
                NameState::Wrong,
                Some("stray whitespace around the value; remove it".into()),
            );
        }
    }
    (
        NameState::Wrong,
        Some("another value (an older token, or another token's value?)".into()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> Token {
        Token::new("86950620", "a34597c3-5317-4238-9ce7-50da5b6e6dc8").unwrap()
    }

    fn names(cidr: &str) -> Vec<String> {
        plan(cidr.parse().unwrap(), &token())
            .unwrap()
            .records
            .into_iter()
            .map(|r| r.name)
            .collect()
    }

    // The examples of AWS's "Verify domain control" page, verbatim (token-name → 86950620).
    #[test]
    fn aws_example_ipv4_slash24_is_one_record() {
        assert_eq!(
            names("198.18.123.0/24"),
            ["86950620.123.18.198.in-addr.arpa"]
        );
    }

    #[test]
    fn aws_example_ipv4_slash22_is_four_slash24_records() {
        assert_eq!(
            names("198.18.12.0/22"),
            [
                "86950620.12.18.198.in-addr.arpa",
                "86950620.13.18.198.in-addr.arpa",
                "86950620.14.18.198.in-addr.arpa",
                "86950620.15.18.198.in-addr.arpa",
            ]
        );
    }

    #[test]
    fn aws_example_ipv4_slash16_is_one_record() {
        assert_eq!(names("198.18.0.0/16"), ["86950620.18.198.in-addr.arpa"]);
    }

    #[test]
    fn aws_example_ipv6_slash40_is_one_record() {
        assert_eq!(
            names("2001:0db8::/40"),
            ["86950620.0.0.8.b.d.0.1.0.0.2.ip6.arpa"]
        );
    }

    #[test]
    fn aws_example_ipv6_slash42_is_four_slash44_records() {
        assert_eq!(
            names("2001:0db8:80::/42"),
            [
                "86950620.8.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.9.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.a.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.b.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
            ]
        );
    }

    #[test]
    fn aws_example_ipv6_slash54_is_four_slash56_records() {
        assert_eq!(
            names("2001:db8:0:1000::/54"),
            [
                "86950620.0.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.1.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.2.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.3.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
            ]
        );
    }

    #[test]
    fn aws_rule_of_thumb_hex_digits_times_four_is_the_aligned_length() {
        for cidr in ["2001:db8::/40", "2001:db8:80::/42", "2001:db8:0:1000::/54"] {
            let p = plan(cidr.parse().unwrap(), &token()).unwrap();
            for r in &p.records {
                let digits = r.name.split('.').filter(|l| l.len() == 1).count();
                assert_eq!(digits * 4, usize::from(p.aligned_len), "{}", r.name);
            }
        }
    }

    #[test]
    fn slash17_needs_128_records() {
        let n = names("198.18.0.0/17");
        assert_eq!(n.len(), 128);
        assert_eq!(n[0], "86950620.0.18.198.in-addr.arpa");
        assert_eq!(n[127], "86950620.127.18.198.in-addr.arpa");
    }

    #[test]
    fn ipv6_slash34_is_the_four_real_slash36s() {
        let p = plan("2001:db8::/34".parse().unwrap(), &token()).unwrap();
        let cidrs: Vec<String> = p.records.iter().map(|r| r.cidr.to_string()).collect();
        assert_eq!(
            cidrs,
            [
                "2001:db8::/36",
                "2001:db8:1000::/36",
                "2001:db8:2000::/36",
                "2001:db8:3000::/36"
            ]
        );
        assert_eq!(p.records[1].name, "86950620.1.8.b.d.0.1.0.0.2.ip6.arpa");
    }

    #[test]
    fn the_record_zone_is_the_name_without_the_token() {
        let p = plan("198.18.12.0/22".parse().unwrap(), &token()).unwrap();
        for r in &p.records {
            assert_eq!(r.name, format!("86950620.{}", r.zone));
            assert_eq!(r.kind, "TXT");
            assert_eq!(r.value, "a34597c3-5317-4238-9ce7-50da5b6e6dc8");
        }
    }

    #[test]
    fn slash0_is_refused() {
        assert!(plan("0.0.0.0/0".parse().unwrap(), &token()).is_err());
    }

    const CREATE: &str = r#"{
    "IpamExternalResourceVerificationToken": {
        "IpamExternalResourceVerificationTokenId": "ipam-ext-res-ver-token-0309ce7f67a768cf0",
        "IpamId": "ipam-0f9e8725ac3ae5754",
        "TokenValue": "a34597c3-5317-4238-9ce7-50da5b6e6dc8",
        "TokenName": "86950620",
        "NotAfter": "2024-05-19T14:28:15.927000+00:00",
        "Status": "valid",
        "Tags": [],
        "State": "create-in-progress"
    }
}"#;

    #[test]
    fn reads_the_create_output_of_the_aws_docs() {
        let t = Token::from_aws_json(CREATE.as_bytes(), None).unwrap();
        assert_eq!(t.name, "86950620");
        assert_eq!(t.value, "a34597c3-5317-4238-9ce7-50da5b6e6dc8");
        assert_eq!(
            t.id.as_deref(),
            Some("ipam-ext-res-ver-token-0309ce7f67a768cf0")
        );
        assert_eq!(
            t.not_after.unwrap().to_rfc3339(),
            "2024-05-19T14:28:15.927+00:00"
        );
    }

    #[test]
    fn a_list_needs_a_token_id_to_choose() {
        let one = r#"{"IpamExternalResourceVerificationTokenId": "ipam-ext-res-ver-token-1", "TokenName": "1", "TokenValue": "v1"}"#;
        let two = r#"{"IpamExternalResourceVerificationTokenId": "ipam-ext-res-ver-token-2", "TokenName": "2", "TokenValue": "v2"}"#;
        let list = format!(r#"{{"IpamExternalResourceVerificationTokens": [{one}, {two}]}}"#);
        let e = Token::from_aws_json(list.as_bytes(), None).unwrap_err();
        assert!(e.to_string().contains("lists 2 tokens"), "{e}");
        assert_eq!(e.hint(), "choose one by its token ID");
        let t = Token::from_aws_json(list.as_bytes(), Some("ipam-ext-res-ver-token-2")).unwrap();
        assert_eq!(t.value, "v2");
        let e =
            Token::from_aws_json(list.as_bytes(), Some("ipam-ext-res-ver-token-3")).unwrap_err();
        assert!(
            e.to_string()
                .contains("ipam-ext-res-ver-token-1, ipam-ext-res-ver-token-2"),
            "{e}"
        );
    }

    #[test]
    fn json_not_in_aws_shape_is_refused() {
        for bad in [
            "[]",
            r#"{"Token": {}}"#,
            r#"{"IpamExternalResourceVerificationToken": {"TokenName": "1"}}"#,
            r#"{"IpamExternalResourceVerificationToken": {"TokenName": 1, "TokenValue": "v"}}"#,
            r#"{"IpamExternalResourceVerificationToken": {"TokenName": "1", "TokenValue": "v", "NotAfter": "soon"}}"#,
            r#"{"IpamExternalResourceVerificationTokens": {}}"#,
            "not json",
        ] {
            assert!(
                matches!(
                    Token::from_aws_json(bad.as_bytes(), None),
                    Err(Error::Token { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn names_and_values_with_spaces_or_quotes_are_refused() {
        for (name, value) in [
            ("86950620", "\u{201C}a34597c3\u{201D}"),
            ("86950620", "\"a34597c3\""),
            ("86950620", "a3459 7c3"),
            ("86950620", " a34597c3"),
            ("8695 0620", "a34597c3"),
            ("\"86950620\"", "a34597c3"),
            ("86950620.", "a34597c3"),
            ("", "a34597c3"),
            ("86950620", ""),
        ] {
            let e = Token::new(name, value).unwrap_err();
            assert!(matches!(e, Error::Token { .. }), "{name:?} {value:?}");
        }
        let e = Token::new("86950620", "\u{201C}x\u{201D}").unwrap_err();
        assert!(e.to_string().contains("U+201C"), "{e}");
    }

    #[test]
    fn expiry_is_an_error_when_past_and_a_warning_within_a_day() {
        let mut t = Token::from_aws_json(CREATE.as_bytes(), None).unwrap();
        let at = t.not_after.unwrap();
        let f = t.expiry_finding(at + Duration::seconds(1)).unwrap();
        assert_eq!(f.severity, Severity::Error);
        assert!(
            f.message.contains("expired at 2024-05-19 14:28 UTC"),
            "{}",
            f.message
        );
        let f = t.expiry_finding(at - Duration::hours(3)).unwrap();
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.message.contains("in 3h00m"), "{}", f.message);
        assert!(t.expiry_finding(at - Duration::days(2)).is_none());
        t.status = Some("expired".into());
        assert_eq!(
            t.expiry_finding(at - Duration::days(2)).unwrap().severity,
            Severity::Error
        );
    }

    #[test]
    fn methods_read_and_print_as_aws_names_them() {
        for (text, m) in [
            ("remarks-x509", Method::RemarksX509),
            ("dns-token", Method::DnsToken),
        ] {
            assert_eq!(text.parse::<Method>().unwrap(), m);
            assert_eq!(m.to_string(), text);
        }
        for bad in ["dns", "DNS-TOKEN", ""] {
            let e = bad.parse::<Method>().unwrap_err();
            assert!(
                matches!(&e, Error::VerificationMethod { input } if input == bad),
                "{e:?}"
            );
            assert!(
                e.to_string().contains("use remarks-x509 or dns-token"),
                "{e}"
            );
            assert!(e.hint().contains("dns-token"), "{}", e.hint());
        }
    }

    #[test]
    fn an_empty_list_and_a_missing_name_are_named_as_such() {
        let e = Token::from_aws_json(br#"{"IpamExternalResourceVerificationTokens": []}"#, None)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "unusable verification token: the token file lists no tokens"
        );
        assert!(e.hint().starts_with("create one with"), "{}", e.hint());
        let e = Token::from_aws_json(
            br#"{"IpamExternalResourceVerificationToken": {"TokenValue": "v"}}"#,
            None,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "unusable verification token: the token has no TokenName"
        );
    }

    #[test]
    fn names_and_values_are_held_to_their_limits_and_characters() {
        // A DNS label holds 63 bytes; a TXT character-string 255.
        assert!(Token::new(&"1".repeat(63), "v").is_ok());
        let e = Token::new(&"1".repeat(64), "v").unwrap_err();
        assert!(
            e.to_string()
                .contains("is 64 bytes, over the 63-byte limit"),
            "{e}"
        );
        assert!(Token::new("1", &"v".repeat(255)).is_ok());
        assert!(Token::new("1", &"v".repeat(256)).is_err());
        // Hyphens and underscores can be part of a label.
        assert!(Token::new("a-b_c", "v").is_ok());
        let e = Token::new("a.b", "v").unwrap_err();
        assert!(
            e.to_string().contains("cannot be part of one DNS label"),
            "{e}"
        );
        // A backslash would be read as an escape in a zone file: refused in a value.
        let e = Token::new("1", "a\\b").unwrap_err();
        assert!(e.to_string().contains("contains a backslash"), "{e}");
    }

    #[test]
    fn expiry_within_exactly_a_day_is_no_warning_and_a_deleted_token_is_an_error() {
        let mut t = Token::from_aws_json(CREATE.as_bytes(), None).unwrap();
        let at = t.not_after.unwrap();
        // Exactly one day left is not "within a day"; a second less is.
        assert!(t.expiry_finding(at - Duration::days(1)).is_none());
        let f = t
            .expiry_finding(at - Duration::days(1) + Duration::seconds(1))
            .unwrap();
        assert_eq!(f.severity, Severity::Warning);
        for state in [
            "create-failed",
            "delete-in-progress",
            "delete-complete",
            "delete-failed",
        ] {
            t.state = Some(state.into());
            let f = t.expiry_finding(at - Duration::days(2)).unwrap();
            assert_eq!(f.severity, Severity::Error);
            assert_eq!(f.message, format!("the token's State is {state}"));
        }
        t.state = Some("create-complete".into());
        assert!(t.expiry_finding(at - Duration::days(2)).is_none());
        t.state = None;
        assert!(t.expiry_finding(at - Duration::days(2)).is_none());
        // What the create call returns: usable moments later, so no finding.
        t.state = Some("create-in-progress".into());
        assert!(t.expiry_finding(at - Duration::days(2)).is_none());
        // A state AWS has not documented: a warning naming it.
        t.state = Some("update-in-progress".into());
        let f = t.expiry_finding(at - Duration::days(2)).unwrap();
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.message.contains("update-in-progress"), "{}", f.message);
        assert!(f.hint.contains("create-complete"), "{}", f.hint);
    }

    #[test]
    fn name_states_print_as_reports_and_json_name_them() {
        for (state, text) in [
            (NameState::Found, "found"),
            (NameState::Missing, "missing"),
            (NameState::Wrong, "wrong"),
            (NameState::Unchecked, "unchecked"),
        ] {
            assert_eq!(state.to_string(), text);
            assert_eq!(serde_json::to_value(state).unwrap(), text);
        }
    }

    #[test]
    fn zone_names_are_lower_case_without_the_dot_and_refused_when_not_names() {
        assert_eq!(
            normalize_zone("18.198.IN-ADDR.ARPA.").unwrap(),
            "18.198.in-addr.arpa"
        );
        let long = "a".repeat(63);
        assert_eq!(
            normalize_zone(&format!("{long}.arpa")).unwrap(),
            format!("{long}.arpa")
        );
        for bad in [
            "",
            ".",
            "18..198.in-addr.arpa",
            ".18.198.in-addr.arpa",
            "18.198 .in-addr.arpa",
            "\"18.198.in-addr.arpa\"",
            &format!("a{long}.arpa"),
        ] {
            assert!(normalize_zone(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn grouping_by_a_parent_zone_and_by_own_zones() {
        let p = plan("198.18.12.0/22".parse().unwrap(), &token()).unwrap();
        let one = group_by_zone(&p.records, Some("18.198.IN-ADDR.ARPA.")).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, "18.198.in-addr.arpa");
        assert_eq!(one[0].1.len(), 4);
        let own = group_by_zone(&p.records, None).unwrap();
        assert_eq!(own.len(), 4);
        assert_eq!(own[2].0, "14.18.198.in-addr.arpa");
        let e = group_by_zone(&p.records, Some("13.18.198.in-addr.arpa")).unwrap_err();
        assert!(e.to_string().contains("zone 13.18.198.in-addr.arpa: record 86950620.12.18.198.in-addr.arpa is not inside it"), "{e}");
        // A suffix that is not a label boundary is not "inside".
        assert!(!in_zone("x.218.198.in-addr.arpa", "18.198.in-addr.arpa"));
    }

    /// Answers from a table: TXT by name, zone apexes by name, failures by name.
    struct Table {
        txt: Vec<(&'static str, Vec<&'static str>)>,
        apexes: Vec<&'static str>,
        fail: Vec<&'static str>,
    }

    impl Table {
        fn zone_for(&self, name: &str) -> Option<String> {
            self.apexes
                .iter()
                .filter(|z| in_zone(name, z))
                .max_by_key(|z| z.len())
                .map(|z| z.to_string())
        }
    }

    impl Lookup for Table {
        fn txt(&mut self, name: &str) -> Answer {
            if self.fail.contains(&name) {
                return Answer::Failed("SERVFAIL".into());
            }
            match self.txt.iter().find(|(n, _)| *n == name) {
                Some((_, strings)) => Answer::Records(vec![
                    strings.iter().map(|s| s.as_bytes().to_vec()).collect(),
                ]),
                None => Answer::Empty {
                    nxdomain: true,
                    zone: self.zone_for(name),
                },
            }
        }
        fn soa(&mut self, name: &str) -> Answer {
            if self.apexes.contains(&name) {
                Answer::Records(vec![])
            } else {
                Answer::Empty {
                    nxdomain: false,
                    zone: self.zone_for(name),
                }
            }
        }
    }

    const V: &str = "a34597c3-5317-4238-9ce7-50da5b6e6dc8";

    #[test]
    fn judge_names_each_state_and_cause() {
        let p = plan("198.18.12.0/22".parse().unwrap(), &token()).unwrap();
        let mut t = Table {
            txt: vec![
                ("86950620.12.18.198.in-addr.arpa", vec![V]),
                (
                    "86950620.13.18.198.in-addr.arpa",
                    vec!["\u{201C}a34597c3-5317-4238-9ce7-50da5b6e6dc8\u{201D}"],
                ),
                (
                    "86950620.14.18.198.in-addr.arpa",
                    vec!["a34597c3-5317-4238", "-9ce7-50da5b6e6dc8"],
                ),
            ],
            apexes: vec![
                "198.in-addr.arpa",
                "12.18.198.in-addr.arpa",
                "13.18.198.in-addr.arpa",
                "14.18.198.in-addr.arpa",
                "15.18.198.in-addr.arpa",
            ],
            fail: vec![],
        };
        let r = judge(&p, &mut t);
        assert_eq!(r[0].state, NameState::Found);
        assert_eq!(r[1].state, NameState::Wrong);
        assert!(r[1].cause.as_deref().unwrap().contains("curly"));
        // Found values are the TXT data, as the expected value is; shown() quotes them.
        assert_eq!(
            r[1].found.as_deref().unwrap(),
            ["\u{201C}a34597c3-5317-4238-9ce7-50da5b6e6dc8\u{201D}"]
        );
        assert_eq!(
            r[1].shown(),
            ["\"\u{201C}a34597c3-5317-4238-9ce7-50da5b6e6dc8\u{201D}\""]
        );
        assert_eq!(
            r[2].shown(),
            ["\"a34597c3-5317-4238\" \"-9ce7-50da5b6e6dc8\""]
        );
        assert_eq!(r[2].found.as_deref().unwrap(), [V]);
        assert_eq!(r[0].found.as_deref().unwrap(), [V]);
        assert_eq!(r[3].found.as_deref(), Some(&[][..]));
        assert_eq!(r[2].state, NameState::Wrong);
        assert!(
            r[2].cause
                .as_deref()
                .unwrap()
                .contains("split across 2 strings")
        );
        assert_eq!(r[3].state, NameState::Missing);
        assert_eq!(r[3].delegation.delegated, Some(true));
        assert_eq!(
            r[3].delegation.zone.as_deref(),
            Some("15.18.198.in-addr.arpa")
        );
    }

    #[test]
    fn judge_tells_an_undelegated_zone_from_a_delegated_parent() {
        let p = plan("198.18.12.0/22".parse().unwrap(), &token()).unwrap();
        // Only the registry's zone: nothing delegated.
        let mut t = Table {
            txt: vec![],
            apexes: vec!["198.in-addr.arpa"],
            fail: vec![],
        };
        let r = judge(&p, &mut t);
        assert!(
            r.iter()
                .all(|c| c.state == NameState::Missing && c.delegation.delegated == Some(false))
        );
        assert!(
            r[0].delegation
                .reason
                .contains("12.18.198.in-addr.arpa is not delegated"),
            "{}",
            r[0].delegation.reason
        );
        assert_eq!(r[0].delegation.zone.as_deref(), Some("198.in-addr.arpa"));
        // The user's /16 zone holds three of the four records: the fourth is missing from a
        // delegated parent zone, not undelegated.
        let mut t = Table {
            txt: vec![
                ("86950620.12.18.198.in-addr.arpa", vec![V]),
                ("86950620.13.18.198.in-addr.arpa", vec![V]),
                ("86950620.14.18.198.in-addr.arpa", vec![V]),
            ],
            apexes: vec!["198.in-addr.arpa", "18.198.in-addr.arpa"],
            fail: vec![],
        };
        let r = judge(&p, &mut t);
        assert_eq!(r[3].state, NameState::Missing);
        assert_eq!(r[3].delegation.delegated, Some(true));
        assert!(
            r[3].delegation.reason.contains("delegated parent zone"),
            "{}",
            r[3].delegation.reason
        );
    }

    #[test]
    fn a_negative_answer_that_names_no_zone_is_not_a_verdict() {
        let p = plan("198.18.123.0/24".parse().unwrap(), &token()).unwrap();
        let mut t = Table {
            txt: vec![],
            apexes: vec![],
            fail: vec![],
        };
        let r = judge(&p, &mut t);
        assert_eq!(r[0].state, NameState::Unchecked);
        assert!(r[0].cause.as_deref().unwrap().contains("cannot be trusted"));
        assert_eq!(r[0].delegation.delegated, None);
    }

    #[test]
    fn judge_keeps_failures_unchecked() {
        let p = plan("198.18.123.0/24".parse().unwrap(), &token()).unwrap();
        let mut t = Table {
            txt: vec![],
            apexes: vec![],
            fail: vec!["86950620.123.18.198.in-addr.arpa"],
        };
        let r = judge(&p, &mut t);
        assert_eq!(r[0].state, NameState::Unchecked);
        assert_eq!(r[0].delegation.delegated, None);
        assert_eq!(r[0].cause.as_deref(), Some("SERVFAIL"));
    }

    #[test]
    fn compare_names_stray_whitespace_and_double_quotes() {
        let (s, c) = compare(&[vec![b" a34597c3 ".to_vec()]], "a34597c3");
        assert_eq!(s, NameState::Wrong);
        assert!(c.unwrap().contains("whitespace"));
        let (_, c) = compare(&[vec![b"\"a34597c3\"".to_vec()]], "a34597c3");
        assert!(c.unwrap().contains("quoted twice"));
        let (_, c) = compare(&[vec![b"other".to_vec()]], "a34597c3");
        assert!(c.unwrap().contains("another value"));
        // Quotes around another value are not the value quoted twice.
        let (_, c) = compare(&[vec![b"\"other\"".to_vec()]], "a34597c3");
        assert!(c.unwrap().contains("another value"));
        // Several strings that do not make up the value are another value, not a split one.
        let (s, c) = compare(&[vec![b"oth".to_vec(), b"er".to_vec()]], "a34597c3");
        assert_eq!(s, NameState::Wrong);
        assert!(c.unwrap().contains("another value"));
        // The right record among others is found.
        let (s, _) = compare(
            &[vec![b"other".to_vec()], vec![b"a34597c3".to_vec()]],
            "a34597c3",
        );
        assert_eq!(s, NameState::Found);
    }
}
