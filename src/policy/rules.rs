//! The rules table: every rule a check applies, one row each, with its value, the public page
//! it comes from, a short exact quote of that page, and the date of the source material.
//!
//! The table is the one source of truth. The checks read their values from these rows
//! (prefix sizes, ROA origins, the maxLength rule, where the proof sits, registries and
//! allocation types, provisioning windows), [`crate::rules::profile::Profile`] takes its values from
//! them, and every [`Check`](crate::check::Check) names the rows it applied
//! ([`Check::rules`](crate::check::Check::rules)). `byoip rules` prints the table and
//! `docs/rules.md` is generated from it.
//!
//! Ids are `CLOUD[.SERVICE].SUBJECT[.DETAIL]`: `aws.ec2.roa.max-length`, `azure.roa.origins`,
//! `oci.roa.origins.eu-jovanovac-1`. A row with no service applies to each of the cloud's
//! services that has no row of its own for the same subject (Global Accelerator's
//! `aws.ga.prefix.ipv4` in place of `aws.prefix.ipv4`).
//!
//! ```
//! use byoip::{Cloud, Service, rules};
//!
//! let row = rules::get("aws.ec2.roa.max-length").unwrap();
//! assert_eq!(row.cloud, Cloud::Aws);
//! assert_eq!(row.service, Some(Service::Ec2));
//! assert!(row.source.url.starts_with("https://docs.aws.amazon.com/"));
//! // Global Accelerator's rows, and the AWS rows every service shares.
//! let ga: Vec<_> = rules::filter(Some(Cloud::Aws), Some(Service::Ga)).collect();
//! assert!(ga.iter().any(|r| r.id == "aws.ga.quota"));
//! assert!(ga.iter().all(|r| r.service.is_none() || r.service == Some(Service::Ga)));
//! ```

use std::fmt;

use serde::{Serialize, Serializer, ser::SerializeMap};

use crate::{
    asn::Asn,
    cloud::{Cloud, Field},
    registry::Registry,
    service::Service,
};

/// One rule: what the cloud wants, where it says so, and when that was read.
#[derive(Debug, Serialize)]
#[non_exhaustive]
pub struct Rule {
    /// Stable id, e.g. `aws.ec2.roa.max-length`: what a check's `rules` names.
    pub id: &'static str,
    /// The cloud whose rule it is.
    pub cloud: Cloud,
    /// The service it is about (AWS's EC2, IPAM, Global Accelerator), or `None` for every
    /// service of the cloud without a row of its own.
    pub service: Option<Service>,
    /// What the rule asks for.
    pub value: Value,
    /// The public page that says so.
    pub source: Source,
    /// A short, exact quote of that page.
    pub quote: &'static str,
    /// The date of the source material (`YYYY-MM-DD`): when the page was read, or its own
    /// "updated" date. Never the date byoip was built.
    pub checked: &'static str,
}

/// A public page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Source {
    /// The page's title.
    pub title: &'static str,
    /// Its address.
    pub url: &'static str,
}

/// What a rule asks for. In JSON: a number, a string, a list, or an object, by kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Value {
    /// Prefix lengths from `shortest` to `longest` (`shortest` 0: no shortest documented).
    Lengths {
        /// The shortest prefix (the largest block).
        shortest: u8,
        /// The longest prefix (the smallest block).
        longest: u8,
    },
    /// Origin ASNs a ROA must authorize, each one.
    Origins(&'static [Asn]),
    /// How a ROA's maxLength must relate to the prefix brought.
    MaxLength(MaxLength),
    /// A number of days.
    Days(u32),
    /// A number of hours.
    Hours(u32),
    /// How many (prefixes, ASNs) an account or region may bring.
    Count(u32),
    /// An RSA key size in bits.
    KeyBits(u32),
    /// The registries whose records the cloud reads for this proof.
    Registries(&'static [Registry]),
    /// Allocation or assignment types, as the registry's RDAP `type` spells them (upper case).
    Types(&'static [&'static str]),
    /// Where the proof goes in the record.
    Field(Field),
    /// A form written out: a message's fields, a token line, a signing recipe.
    Form(&'static str),
}

/// How a ROA's maxLength must relate to the prefix brought.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MaxLength {
    /// The maxLength equals the length of the prefix brought; a covering ROA (a shorter
    /// prefix) counts when its maxLength is that length.
    PrefixLength,
    /// The maxLength is exactly this length, whatever the prefix brought.
    Fixed(u8),
    /// The maxLength is exactly `ipv4` for IPv4 and `ipv6` for (advertised) IPv6, whatever
    /// the length of the prefix brought.
    PerFamily {
        /// For IPv4.
        ipv4: u8,
        /// For IPv6.
        ipv6: u8,
    },
    /// The ROA's prefix is exactly the prefix brought, its maxLength that prefix's length.
    ExactPrefix,
}

impl MaxLength {
    /// The maxLength this rule asks of a ROA for a prefix of `len` bits in the family
    /// `ipv4`.
    pub fn wanted(self, ipv4: bool, len: u8) -> u8 {
        match self {
            MaxLength::PrefixLength | MaxLength::ExactPrefix => len,
            MaxLength::Fixed(l) => l,
            MaxLength::PerFamily { ipv4: v4, ipv6: v6 } => {
                if ipv4 {
                    v4
                } else {
                    v6
                }
            }
        }
    }
}

impl fmt::Display for MaxLength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MaxLength::PrefixLength => f.write_str("maxLength = the length of the prefix brought"),
            MaxLength::Fixed(l) => write!(f, "maxLength = {l}"),
            MaxLength::PerFamily { ipv4, ipv6 } => {
                write!(f, "maxLength = {ipv4} (IPv4), {ipv6} (IPv6)")
            }
            MaxLength::ExactPrefix => {
                f.write_str("the ROA's prefix is the prefix brought, maxLength its length")
            }
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Value::Lengths { shortest, longest } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("shortest", &shortest)?;
                m.serialize_entry("longest", &longest)?;
                m.end()
            }
            Value::Origins(asns) => s.collect_seq(asns.iter().map(|a| a.get())),
            Value::MaxLength(MaxLength::PrefixLength) => s.serialize_str("prefix-length"),
            Value::MaxLength(MaxLength::ExactPrefix) => s.serialize_str("exact-prefix"),
            Value::MaxLength(MaxLength::Fixed(l)) => s.serialize_u8(l),
            Value::MaxLength(MaxLength::PerFamily { ipv4, ipv6 }) => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("ipv4", &ipv4)?;
                m.serialize_entry("ipv6", &ipv6)?;
                m.end()
            }
            Value::Days(n) | Value::Hours(n) | Value::Count(n) | Value::KeyBits(n) => {
                s.serialize_u32(n)
            }
            Value::Registries(list) => s.collect_seq(list.iter().map(ToString::to_string)),
            Value::Types(list) => s.collect_seq(list),
            Value::Field(field) => field.serialize(s),
            Value::Form(text) => s.serialize_str(text),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Value::Lengths {
                shortest: 0,
                longest,
            } => write!(f, "/{longest} or shorter"),
            Value::Lengths { shortest, longest } if shortest == longest => {
                write!(f, "/{longest} exactly")
            }
            Value::Lengths { shortest, longest } => write!(f, "/{shortest} to /{longest}"),
            Value::Origins(asns) => f.write_str(
                &asns
                    .iter()
                    .map(|a| format!("AS{a}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Value::MaxLength(m) => m.fmt(f),
            Value::Days(n) => write!(f, "{n} days"),
            Value::Hours(n) => write!(f, "{n} hours"),
            Value::Count(n) => write!(f, "{n}"),
            Value::KeyBits(n) => write!(f, "RSA {n} bits"),
            Value::Registries(list) => f.write_str(
                &list
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Value::Types(list) => f.write_str(&list.join(", ")),
            Value::Field(field) => field.fmt(f),
            Value::Form(text) => f.write_str(text),
        }
    }
}

/// Every row, in the order `byoip rules` prints them (by cloud, then subject).
pub fn all() -> &'static [&'static Rule] {
    ALL
}

/// The row with `id`.
pub fn get(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}

/// The rows of `cloud` (every cloud when `None`) that apply to `service` (every row when
/// `None`): a service's own rows and its cloud's rows for every service.
pub fn filter(
    cloud: Option<Cloud>,
    service: Option<Service>,
) -> impl Iterator<Item = &'static Rule> {
    ALL.iter().copied().filter(move |r| {
        cloud.is_none_or(|c| r.cloud == c)
            && service.is_none_or(|s| r.cloud == Cloud::Aws && r.service.is_none_or(|rs| rs == s))
    })
}

// ---------------------------------------------------------------------------------------
// Lookups the checks use: each returns the row whose value they apply, so a check names
// the row it read (crate-private: a library user reads the table through `all`, `get` and
// `filter`).

/// The prefix-size row for an AWS `service`, family and advertising: what `prefix.size`
/// applies (with [`AWS_PREFIX_V6_UNADVERTISED_API`] beside the non-advertised one).
pub(crate) fn aws_prefix(service: Service, ipv4: bool, advertise: bool) -> &'static Rule {
    match (service, ipv4, advertise) {
        (Service::Ga, _, _) => &AWS_GA_PREFIX_V4,
        // CloudFront takes exactly a /24 or a /48, advertised from its edge locations.
        (Service::Cloudfront, true, _) => &AWS_CF_PREFIX_V4,
        (Service::Cloudfront, false, _) => &AWS_CF_PREFIX_V6,
        (Service::Ipam, true, _) => &AWS_IPAM_PREFIX_V4,
        (_, true, _) => &AWS_PREFIX_V4,
        (_, false, true) => &AWS_PREFIX_V6,
        (_, false, false) => &AWS_PREFIX_V6_UNADVERTISED,
    }
}

/// The ROA-origin row for an AWS `service` in the commercial regions or GovCloud.
/// CloudFront's row names no ASN: its origin is not documented.
pub(crate) fn aws_origins(service: Service, govcloud: bool) -> &'static Rule {
    match (govcloud, service) {
        (_, Service::Cloudfront) => &AWS_CF_ORIGINS,
        (true, _) => &AWS_GOVCLOUD_ORIGINS,
        (false, Service::Ga) => &AWS_GA_ORIGINS,
        (false, _) => &AWS_ORIGINS,
    }
}

/// The ROA-origin row of Azure or Oracle for `region` (Oracle's Serbia Central has its own)
/// and the government cloud; `None` where the table has none (Oracle's government realms).
pub(crate) fn cloud_origins(
    cloud: Cloud,
    region: Option<&str>,
    gov: bool,
) -> Option<&'static Rule> {
    match (cloud, gov) {
        (Cloud::Aws, gov) => Some(aws_origins(Service::Ec2, gov)),
        (Cloud::Azure, true) => Some(&AZURE_GOV_ORIGINS),
        (Cloud::Azure, false) => Some(&AZURE_ORIGINS),
        (Cloud::Oci, true) => None,
        (Cloud::Oci, false) => Some(
            match region.map(|r| r.trim().to_ascii_lowercase()).as_deref() {
                Some("eu-jovanovac-1") => &OCI_SERBIA_ORIGINS,
                _ => &OCI_ORIGINS,
            },
        ),
    }
}

/// The prefix-size row of Azure or Oracle for the family `ipv4`.
pub(crate) fn cloud_prefix(cloud: Cloud, ipv4: bool) -> Option<&'static Rule> {
    match (cloud, ipv4) {
        (Cloud::Azure, true) => Some(&AZURE_PREFIX_V4),
        (Cloud::Azure, false) => Some(&AZURE_PREFIX_V6),
        (Cloud::Oci, true) => Some(&OCI_PREFIX_V4),
        (Cloud::Oci, false) => Some(&OCI_PREFIX_V6),
        (Cloud::Aws, _) => None,
    }
}

/// The quota row of Azure or Oracle.
pub(crate) fn cloud_quota(cloud: Cloud) -> Option<&'static Rule> {
    match cloud {
        Cloud::Azure => Some(&AZURE_QUOTA),
        Cloud::Oci => Some(&OCI_QUOTA),
        Cloud::Aws => None,
    }
}

/// The maxLength row for an AWS `service`.
pub(crate) fn aws_max_length(service: Service) -> &'static Rule {
    match service {
        Service::Ec2 => &AWS_EC2_MAX_LENGTH,
        Service::Ipam => &AWS_IPAM_MAX_LENGTH,
        Service::Ga => &AWS_GA_MAX_LENGTH,
        Service::Cloudfront => &AWS_CF_MAX_LENGTH,
    }
}

/// How long provisioning to an AWS `service` may take.
pub(crate) fn aws_window(service: Service) -> &'static Rule {
    match service {
        Service::Ga => &AWS_GA_WINDOW,
        // CloudFront's range is provisioned into an IPAM pool, as IPAM's.
        Service::Ec2 | Service::Ipam | Service::Cloudfront => &AWS_WINDOW,
    }
}

/// The quota row for an AWS `service`.
pub(crate) fn aws_quota(service: Service) -> &'static Rule {
    match service {
        Service::Ga => &AWS_GA_QUOTA,
        Service::Ec2 | Service::Ipam | Service::Cloudfront => &AWS_QUOTA,
    }
}

/// The rows of `cloud`'s own proof placement at `registry` (its regional registry's, for a
/// National Internet Registry), or `None` where the cloud documents none.
pub(crate) fn placement(cloud: Cloud, registry: Registry) -> Option<&'static Rule> {
    let rir = crate::rules::profile::rir_of(registry);
    let rows: &[&Rule] = match cloud {
        Cloud::Aws => &[&AWS_PLACE_ARIN, &AWS_PLACE_RIPE, &AWS_PLACE_APNIC],
        Cloud::Azure => &[
            &AZURE_PLACE_ARIN,
            &AZURE_PLACE_RIPE,
            &AZURE_PLACE_APNIC,
            &AZURE_PLACE_AFRINIC,
            &AZURE_PLACE_LACNIC,
        ],
        Cloud::Oci => &[&OCI_PLACE_ARIN, &OCI_PLACE_RIPE, &OCI_PLACE_APNIC],
    };
    rows.iter()
        .copied()
        .find(|r| r.id.ends_with(registry_suffix(rir)))
}

/// Where AWS's BYOASN certificate goes at `registry`.
pub(crate) fn byoasn_placement(registry: Registry) -> Option<&'static Rule> {
    let rir = crate::rules::profile::rir_of(registry);
    [
        &AWS_BYOASN_PLACE_ARIN,
        &AWS_BYOASN_PLACE_RIPE,
        &AWS_BYOASN_PLACE_APNIC,
    ]
    .into_iter()
    .find(|r| r.id.ends_with(registry_suffix(rir)))
}

/// The allocation types `cloud` lists for `registry`, where it lists any.
pub(crate) fn allocation_types(cloud: Cloud, registry: Registry) -> Option<&'static Rule> {
    let rows: &[&Rule] = match cloud {
        Cloud::Aws => &[&AWS_TYPES_ARIN, &AWS_TYPES_RIPE, &AWS_TYPES_APNIC],
        Cloud::Oci => &[&OCI_TYPES_ARIN, &OCI_TYPES_RIPE, &OCI_TYPES_APNIC],
        _ => &[],
    };
    rows.iter()
        .copied()
        .find(|r| r.id.ends_with(registry_suffix(registry)))
}

/// The id suffix naming `registry` in the placement and allocation-type rows.
fn registry_suffix(registry: Registry) -> &'static str {
    match registry {
        Registry::Arin => ".arin",
        Registry::RipeNcc => ".ripe-ncc",
        Registry::Apnic => ".apnic",
        Registry::Lacnic => ".lacnic",
        Registry::Afrinic => ".afrinic",
        // No row ends so: a National Internet Registry is judged by its RIR's row.
        Registry::Nir(_) => ".nir",
    }
}

/// The types of an allocation-type row.
pub(crate) fn types_of(rule: &Rule) -> &'static [&'static str] {
    match rule.value {
        Value::Types(t) => t,
        _ => &[],
    }
}

/// The registries of a registries row.
pub(crate) const fn registries_of(rule: &Rule) -> &'static [Registry] {
    match rule.value {
        Value::Registries(r) => r,
        _ => panic!("not a registries row"),
    }
}

/// The origins of an origins row (at compile time for the cloud table).
pub(crate) const fn origins_of(rule: &Rule) -> &'static [Asn] {
    match rule.value {
        Value::Origins(a) => a,
        _ => panic!("not an origins row"),
    }
}

/// The lengths of a prefix-size row.
pub(crate) const fn lengths_of(rule: &Rule) -> (u8, u8) {
    match rule.value {
        Value::Lengths { shortest, longest } => (shortest, longest),
        _ => panic!("not a prefix-size row"),
    }
}

/// The number of days, hours or items of a row.
pub(crate) const fn number_of(rule: &Rule) -> u32 {
    match rule.value {
        Value::Days(n) | Value::Hours(n) | Value::Count(n) | Value::KeyBits(n) => n,
        _ => panic!("not a number row"),
    }
}

/// The field of a placement row.
pub(crate) const fn field_of(rule: &Rule) -> Field {
    match rule.value {
        Value::Field(f) => f,
        _ => panic!("not a placement row"),
    }
}

/// The maxLength rule of a maxLength row.
pub(crate) const fn max_length_of(rule: &Rule) -> MaxLength {
    match rule.value {
        Value::MaxLength(m) => m,
        _ => panic!("not a maxLength row"),
    }
}

/// The December 2026 review of every cloud's pages.
const REVIEW: &str = "2026-12-01";

/// A row (a `const fn`, so the rows stay `const` items the cloud table can read).
const fn row(
    id: &'static str,
    cloud: Cloud,
    service: Option<Service>,
    value: Value,
    source: Source,
    quote: &'static str,
    checked: &'static str,
) -> Rule {
    Rule {
        id,
        cloud,
        service,
        value,
        source,
        quote,
        checked,
    }
}

mod aws;
mod azure;
mod oci;
pub(crate) mod profile;
mod registry;
mod values;

pub use registry::TypeVerdict;

pub(crate) use aws::*;
pub(crate) use azure::*;
pub(crate) use oci::*;

/// The table, in print order.
static ALL: &[&Rule] = &[
    &AWS_PREFIX_V4,
    &AWS_PREFIX_V6,
    &AWS_PREFIX_V6_UNADVERTISED,
    &AWS_PREFIX_V6_UNADVERTISED_API,
    &AWS_IPAM_PREFIX_V4,
    &AWS_GA_PREFIX_V4,
    &AWS_CF_PREFIX_V4,
    &AWS_CF_PREFIX_V6,
    &AWS_ORIGINS,
    &AWS_GOVCLOUD_ORIGINS,
    &AWS_GA_ORIGINS,
    &AWS_GA_GOVCLOUD,
    &AWS_CF_ORIGINS,
    &AWS_CURRENT_ORIGIN,
    &AWS_EC2_MAX_LENGTH,
    &AWS_IPAM_MAX_LENGTH,
    &AWS_GA_MAX_LENGTH,
    &AWS_CF_GOVCLOUD,
    &AWS_CF_MAX_LENGTH,
    &AWS_CF_POOL,
    &AWS_CF_VERIFICATION,
    &AWS_ROUTE_FINDINGS,
    &AWS_EC2_BORDER_GROUP,
    &AWS_EC2_BORDER_GROUP_V6,
    &AWS_REGISTRIES,
    &AWS_DNS_TOKEN_REGISTRIES,
    &AWS_DNS_TOKEN_LIFETIME,
    &AWS_TYPES_ARIN,
    &AWS_TYPES_RIPE,
    &AWS_TYPES_APNIC,
    &AWS_PLACE_ARIN,
    &AWS_PLACE_RIPE,
    &AWS_PLACE_APNIC,
    &AWS_BYOASN_PLACE_ARIN,
    &AWS_BYOASN_PLACE_RIPE,
    &AWS_BYOASN_PLACE_APNIC,
    &AWS_CERT_KEY,
    &AWS_CERT_SELF_SIGNED,
    &AWS_CERT_VALIDITY,
    &AWS_MESSAGE,
    &AWS_SIGNATURE,
    &AWS_BYOASN_MESSAGE,
    &AWS_BYOASN_OWN_ROA,
    &AWS_WINDOW,
    &AWS_GA_WINDOW,
    &AWS_IRR_ROUTE,
    &AWS_QUOTA,
    &AWS_GA_QUOTA,
    &AWS_BYOASN_QUOTA,
    &AZURE_PREFIX_V4,
    &AZURE_PREFIX_V6,
    &AZURE_ORIGINS,
    &AZURE_GOV_ORIGINS,
    &AZURE_CURRENT_ORIGIN,
    &AZURE_MAX_LENGTH,
    &AZURE_REGISTRIES,
    &AZURE_PLACE_ARIN,
    &AZURE_PLACE_RIPE,
    &AZURE_PLACE_APNIC,
    &AZURE_PLACE_AFRINIC,
    &AZURE_PLACE_LACNIC,
    &AZURE_AFRICA_SOUTH_AMERICA,
    &AZURE_CERT_KEY,
    &AZURE_CERT_SELF_SIGNED,
    &AZURE_CERT_VALIDITY,
    &AZURE_MESSAGE,
    &AZURE_SIGNATURE,
    &AZURE_QUOTA,
    &OCI_PREFIX_V4,
    &OCI_PREFIX_V6,
    &OCI_ORIGINS,
    &OCI_SERBIA_ORIGINS,
    &OCI_GOVERNMENT,
    &OCI_CURRENT_ORIGIN,
    &OCI_ROA_VALIDITY,
    &OCI_TOKEN,
    &OCI_PLACE_ARIN,
    &OCI_PLACE_RIPE,
    &OCI_PLACE_APNIC,
    &OCI_TYPES_ARIN,
    &OCI_TYPES_RIPE,
    &OCI_TYPES_APNIC,
    &OCI_QUOTA,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_well_formed_and_name_their_cloud_and_service() {
        let mut seen = std::collections::BTreeSet::new();
        for r in all() {
            assert!(seen.insert(r.id), "{} twice", r.id);
            assert!(
                r.id.starts_with(&format!("{}.", r.cloud.name())),
                "{}",
                r.id
            );
            // A service's row names it (BYOASN's are IPAM's alone, named for what they are).
            if let Some(s) = r.service {
                let named = [
                    format!("{}.{s}.", r.cloud.name()),
                    "aws.byoasn.".to_string(),
                ];
                assert!(
                    named.iter().any(|n| r.id.starts_with(n.as_str())),
                    "{}",
                    r.id
                );
                assert!(
                    !r.id.starts_with("aws.byoasn.") || s == Service::Ipam,
                    "{}",
                    r.id
                );
            }
            assert!(
                r.id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-.".contains(&b)),
                "{}",
                r.id
            );
            assert_eq!(get(r.id).map(|g| g.id), Some(r.id));
        }
        assert!(get("aws.nonsense").is_none());
    }

    #[test]
    fn every_row_has_a_public_source_a_quote_and_a_source_date() {
        for r in all() {
            assert!(r.source.url.starts_with("https://"), "{}", r.id);
            assert!(
                !r.source.title.is_empty() && !r.quote.is_empty(),
                "{}",
                r.id
            );
            let d = chrono::NaiveDate::parse_from_str(r.checked, "%Y-%m-%d");
            assert!(d.is_ok(), "{}: {}", r.id, r.checked);
            // A quote is a short excerpt, not the page.
            assert!(r.quote.len() < 200, "{}", r.id);
        }
    }

    #[test]
    fn filtering_by_service_keeps_its_rows_and_the_clouds_shared_ones() {
        let ga: Vec<&str> = filter(None, Some(Service::Ga)).map(|r| r.id).collect();
        assert!(ga.contains(&"aws.ga.roa.max-length") && ga.contains(&"aws.roa.origins"));
        assert!(!ga.contains(&"aws.ec2.roa.max-length") && !ga.contains(&"azure.quota"));
        let azure: Vec<&Rule> = filter(Some(Cloud::Azure), None).collect();
        assert!(!azure.is_empty() && azure.iter().all(|r| r.cloud == Cloud::Azure));
        assert_eq!(filter(None, None).count(), all().len());
    }

    #[test]
    fn rows_serialize_with_the_documented_keys_and_typed_values() {
        let row = get("aws.ec2.roa.max-length").unwrap();
        let text = serde_json::to_string(row).unwrap();
        assert!(
            text.starts_with(r#"{"id":"aws.ec2.roa.max-length","cloud":"aws","service":"ec2","value":"prefix-length","source":{"title":"#),
            "{text}"
        );
        assert!(text.ends_with(r#","checked":"2026-12-01"}"#), "{text}");
        let v = serde_json::to_value(row).unwrap();
        assert_eq!(v["value"], "prefix-length");
        assert_eq!(v["service"], "ec2");
        assert_eq!(v["checked"], "2026-12-01");
        let json = |id: &str| serde_json::to_value(get(id).unwrap()).unwrap()["value"].clone();
        assert_eq!(json("aws.roa.origins"), serde_json::json!([16509, 14618]));
        assert_eq!(
            json("aws.ipam.roa.max-length"),
            serde_json::json!({"ipv4": 24, "ipv6": 48})
        );
        assert_eq!(json("aws.ga.roa.max-length"), 24);
        assert_eq!(
            json("azure.prefix.ipv4"),
            serde_json::json!({"shortest": 21, "longest": 24})
        );
        assert_eq!(json("azure.placement.lacnic"), "support-ticket");
        assert_eq!(
            json("aws.registries"),
            serde_json::json!(["ARIN", "RIPE NCC", "APNIC"])
        );
        assert_eq!(
            serde_json::to_value(get("azure.quota").unwrap()).unwrap()["service"],
            serde_json::Value::Null
        );
    }

    #[test]
    fn the_max_length_rules_are_the_corrected_ones() {
        let want =
            |id: &str, ipv4: bool, len: u8| max_length_of(get(id).unwrap()).wanted(ipv4, len);
        assert_eq!(want("aws.ec2.roa.max-length", true, 22), 22);
        assert_eq!(want("aws.ga.roa.max-length", true, 24), 24);
        assert_eq!(want("aws.ipam.roa.max-length", true, 20), 24);
        assert_eq!(want("aws.ipam.roa.max-length", false, 40), 48);
        assert_eq!(want("azure.roa.max-length", false, 48), 48);
    }

    #[test]
    fn lookups_find_each_clouds_rows_and_nirs_follow_their_rir() {
        use crate::registry::Nir;
        assert_eq!(
            placement(Cloud::Azure, Registry::Nir(Nir::NicBr)).map(|r| r.id),
            Some("azure.placement.lacnic")
        );
        assert_eq!(
            placement(Cloud::Aws, Registry::Nir(Nir::Jpnic)).map(|r| r.id),
            Some("aws.placement.apnic")
        );
        assert!(placement(Cloud::Aws, Registry::Lacnic).is_none());
        assert_eq!(
            allocation_types(Cloud::Oci, Registry::RipeNcc).map(|r| r.id),
            Some("oci.allocation-types.ripe-ncc")
        );
        assert!(allocation_types(Cloud::Azure, Registry::Arin).is_none());
        assert_eq!(aws_origins(Service::Ga, false).id, "aws.ga.roa.origins");
        assert_eq!(
            aws_origins(Service::Ga, true).id,
            "aws.roa.origins.govcloud"
        );
        assert_eq!(
            aws_prefix(Service::Ipam, false, false).id,
            "aws.prefix.ipv6-not-advertised"
        );
        assert_eq!(aws_window(Service::Ga).id, "aws.ga.provisioning-window");
        assert_eq!(number_of(aws_window(Service::Ipam)), 7);
        assert_eq!(
            byoasn_placement(Registry::RipeNcc).map(|r| r.id),
            Some("aws.byoasn.placement.ripe-ncc")
        );
    }
}
