//! The rules table: every rule a check applies, one row each, with its value, the public page
//! it comes from, a short exact quote of that page, and the date of the source material.
//!
//! The table is the one source of truth. The checks read their values from these rows
//! (prefix sizes, ROA origins, the maxLength rule, where the proof sits, registries and
//! allocation types, provisioning windows), [`crate::cloud::Profile`] takes its values from
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
    rdap::Registry,
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
    let rir = crate::cloud::rir_of(registry);
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
    let rir = crate::cloud::rir_of(registry);
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

// ---------------------------------------------------------------------------------------
// The sources.

const EC2_BYOIP: Source = Source {
    title: "Bring your own IP addresses (BYOIP) to Amazon EC2",
    url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-byoip.html",
};
const EC2_PREREQ: Source = Source {
    title: "Prerequisites for BYOIP in Amazon EC2",
    url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/prepare-for-byoip.html",
};
const EC2_ONBOARD: Source = Source {
    title: "Onboard your address range for use in Amazon EC2",
    url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/byoip-onboard.html",
};
const EC2_API: Source = Source {
    title: "ProvisionByoipCidr, Amazon EC2 API Reference",
    url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ProvisionByoipCidr.html",
};
const GA_REQ: Source = Source {
    title: "Requirements, AWS Global Accelerator Developer Guide",
    url: "https://docs.aws.amazon.com/global-accelerator/latest/dg/using-byoip.requirements.html",
};
const GA_PREPARE: Source = Source {
    title: "Prepare to bring your IP address range to your AWS account: Authorization",
    url: "https://docs.aws.amazon.com/global-accelerator/latest/dg/using-byoip.prepare.html",
};
const GA_PROVISION: Source = Source {
    title: "Provision the address range for use with Global Accelerator",
    url: "https://docs.aws.amazon.com/global-accelerator/latest/dg/using-byoip.provision.html",
};
const IPAM_V4: Source = Source {
    title: "Bring your own public IPv4 CIDR to IPAM using only the AWS CLI",
    url: "https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoip-ipam-ipv4.html",
};
const IPAM_TUTORIAL: Source = Source {
    title: "Tutorial: Bring your IP addresses to IPAM",
    url: "https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoip-ipam.html",
};
const IPAM_VERIFY: Source = Source {
    title: "Verify domain control, Amazon VPC IPAM User Guide",
    url: "https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoip-ipam-domain-verification-methods.html",
};
const CF_TUTORIAL: Source = Source {
    title: "Bring your own IP to CloudFront using IPAM (supports IPv4 and IPv6)",
    url: "https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoip-cloudfront.html",
};
const IPAM_FINDINGS: Source = Source {
    title: "GetIpamRouteProtectionFindings, Amazon EC2 API Reference",
    url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetIpamRouteProtectionFindings.html",
};
const EC2_BYOIP_CIDR: Source = Source {
    title: "ByoipCidr, Amazon EC2 API Reference",
    url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ByoipCidr.html",
};
const BYOASN: Source = Source {
    title: "Tutorial: Bring your ASN to IPAM",
    url: "https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoasn.html",
};
const AZURE_CLI: Source = Source {
    title: "Create a custom IPv4 address prefix using the Azure CLI",
    url: "https://learn.microsoft.com/azure/virtual-network/ip-services/create-custom-ip-address-prefix-cli",
};
const AZURE_OVERVIEW: Source = Source {
    title: "Custom IP address prefix (BYOIP)",
    url: "https://learn.microsoft.com/azure/virtual-network/ip-services/custom-ip-address-prefix",
};
const AZURE_MANAGE: Source = Source {
    title: "Manage a custom IP address prefix",
    url: "https://learn.microsoft.com/azure/virtual-network/ip-services/manage-custom-ip-address-prefix",
};
const OCI: Source = Source {
    title: "Bring Your Own IP, Oracle Cloud Infrastructure Documentation",
    url: "https://docs.oracle.com/en-us/iaas/Content/Network/Concepts/BYOIP.htm",
};
const RFC6811: Source = Source {
    title: "RFC 6811, BGP Prefix Origin Validation, section 2",
    url: "https://www.rfc-editor.org/rfc/rfc6811#section-2",
};

/// When AWS's pages behind the EC2, IPAM and BYOASN rows were read.
const AWS_READ: &str = "2026-11-25";
/// When Azure's pages were read.
const AZURE_READ: &str = "2026-11-26";
/// The December 2026 review of every cloud's pages.
const REVIEW: &str = "2026-12-01";
/// When the CloudFront tutorial, the Local Zones parameter and IPAM's route protection
/// findings were read.
const CF_READ: &str = "2026-12-07";
/// Oracle's page, as its "Updated" line dates it.
const OCI_UPDATED: &str = "2025-02-21";

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

use Cloud::{Aws, Azure, Oci};
use Service::{Cloudfront, Ec2, Ga, Ipam};

// ---------------------------------------------------------------------------------------
// AWS

pub(crate) const AWS_PREFIX_V4: Rule = row(
    "aws.prefix.ipv4",
    Aws,
    None,
    Value::Lengths {
        shortest: 0,
        longest: 24,
    },
    EC2_API,
    "The most specific IPv4 prefix that you can specify is /24.",
    AWS_READ,
);
pub(crate) const AWS_PREFIX_V6: Rule = row(
    "aws.prefix.ipv6",
    Aws,
    None,
    Value::Lengths {
        shortest: 0,
        longest: 48,
    },
    EC2_API,
    "The most specific IPv6 address range that you can bring is /48 for CIDRs that are publicly advertisable",
    AWS_READ,
);
pub(crate) const AWS_PREFIX_V6_UNADVERTISED: Rule = row(
    "aws.prefix.ipv6-not-advertised",
    Aws,
    None,
    Value::Lengths {
        shortest: 0,
        longest: 60,
    },
    // The EC2 user guide says /60 too; the sentence is quoted from IPAM's page, where it
    // stands in these words.
    IPAM_VERIFY,
    "/60 for CIDRs that are not publicly advertisable",
    AWS_READ,
);
pub(crate) const AWS_PREFIX_V6_UNADVERTISED_API: Rule = row(
    "aws.prefix.ipv6-not-advertised-api",
    Aws,
    None,
    Value::Lengths {
        shortest: 0,
        longest: 56,
    },
    EC2_API,
    "/56 for CIDRs that are not publicly advertisable",
    AWS_READ,
);
pub(crate) const AWS_IPAM_PREFIX_V4: Rule = row(
    "aws.ipam.prefix.ipv4",
    Aws,
    Some(Ipam),
    Value::Lengths {
        shortest: 0,
        longest: 24,
    },
    IPAM_V4,
    "the most specific IPv4 CIDR you can provision is /24",
    AWS_READ,
);
pub(crate) const AWS_GA_PREFIX_V4: Rule = row(
    "aws.ga.prefix.ipv4",
    Aws,
    Some(Ga),
    Value::Lengths {
        shortest: 24,
        longest: 24,
    },
    GA_REQ,
    "The only address range that you can bring is /24.",
    REVIEW,
);
pub(crate) const AWS_CF_PREFIX_V4: Rule = row(
    "aws.cloudfront.prefix.ipv4",
    Aws,
    Some(Cloudfront),
    Value::Lengths {
        shortest: 24,
        longest: 24,
    },
    CF_TUTORIAL,
    "Requires /24 CIDR blocks for IPv4.",
    CF_READ,
);
pub(crate) const AWS_CF_PREFIX_V6: Rule = row(
    "aws.cloudfront.prefix.ipv6",
    Aws,
    Some(Cloudfront),
    Value::Lengths {
        shortest: 48,
        longest: 48,
    },
    CF_TUTORIAL,
    "Dual-stack (IPv4 and IPv6) requires /24 IPv4 and /48 IPv6 CIDR blocks.",
    CF_READ,
);
pub(crate) const AWS_ORIGINS: Rule = row(
    "aws.roa.origins",
    Aws,
    None,
    Value::Origins(&[Asn::new(16509), Asn::new(14618)]),
    EC2_PREREQ,
    "Create a ROA object to authorize the Amazon ASNs 16509 and 14618 to advertise your address range",
    AWS_READ,
);
pub(crate) const AWS_GOVCLOUD_ORIGINS: Rule = row(
    "aws.roa.origins.govcloud",
    Aws,
    None,
    Value::Origins(&[Asn::new(8987)]),
    EC2_PREREQ,
    "For the AWS GovCloud (US) Regions, authorize ASN 8987 instead of 16509 and 14618.",
    AWS_READ,
);
pub(crate) const AWS_GA_ORIGINS: Rule = row(
    "aws.ga.roa.origins",
    Aws,
    Some(Ga),
    Value::Origins(&[Asn::new(16509)]),
    GA_PREPARE,
    "Create a ROA object to authorize Amazon ASN 16509 to advertise your IP address range",
    REVIEW,
);
/// Advisory (`roa.current-origin`): the route announced today turns RPKI-invalid once
/// Amazon's ROAs exist unless a ROA authorizes its origin too. Every AWS service.
pub(crate) const AWS_CURRENT_ORIGIN: Rule = row(
    "aws.roa.current-origin",
    Aws,
    None,
    Value::Form("advisory: a ROA for the ASN announcing the prefix today, created before Amazon's"),
    EC2_PREREQ,
    "you must create a ROA for your existing ASN before creating the ROAs for Amazon's ASNs",
    REVIEW,
);
/// Global Accelerator's page names AS16509 alone and says nothing of GovCloud; EC2's
/// GovCloud rule ("8987 instead of 16509 and 14618") is EC2's. The pair is refused.
pub(crate) const AWS_GA_GOVCLOUD: Rule = row(
    "aws.ga.govcloud",
    Aws,
    Some(Ga),
    Value::Form("not documented: Global Accelerator in AWS GovCloud (US) is refused, not judged"),
    GA_PREPARE,
    "Create a ROA object to authorize Amazon ASN 16509 to advertise your IP address range",
    REVIEW,
);
/// CloudFront's tutorial asks for ROAs and names no origin ASN: a ROA must cover the
/// prefix, and which origin it must authorize is left to the user to verify, never guessed.
pub(crate) const AWS_CF_ORIGINS: Rule = row(
    "aws.cloudfront.roa.origins",
    Aws,
    Some(Cloudfront),
    Value::Form(
        "not documented: no ROA covering the prefix fails; the origins of those found are named in a warning, to verify with AWS",
    ),
    CF_TUTORIAL,
    "Ensure ROAs are configured for both IPv4 (/24) and IPv6 (/48) prefixes if deploying dual-stack",
    CF_READ,
);
pub(crate) const AWS_EC2_MAX_LENGTH: Rule = row(
    "aws.ec2.roa.max-length",
    Aws,
    Some(Ec2),
    Value::MaxLength(MaxLength::PrefixLength),
    EC2_PREREQ,
    "You must set the maximum length to the size of the CIDR that you are bringing in",
    REVIEW,
);
pub(crate) const AWS_IPAM_MAX_LENGTH: Rule = row(
    "aws.ipam.roa.max-length",
    Aws,
    Some(Ipam),
    Value::MaxLength(MaxLength::PerFamily { ipv4: 24, ipv6: 48 }),
    IPAM_TUTORIAL,
    "you must set the maximum length … to /24 … must be /48 … IPAM enforces the maximum length you set",
    REVIEW,
);
pub(crate) const AWS_GA_MAX_LENGTH: Rule = row(
    "aws.ga.roa.max-length",
    Aws,
    Some(Ga),
    Value::MaxLength(MaxLength::Fixed(24)),
    GA_PREPARE,
    "The ROA must contain the /24 IP address that you want to bring to AWS and you must set the maximum length to /24.",
    REVIEW,
);
/// CloudFront's guide is about AWS's global services and says nothing of GovCloud: the
/// pair is refused.
pub(crate) const AWS_CF_GOVCLOUD: Rule = row(
    "aws.cloudfront.govcloud",
    Aws,
    Some(Cloudfront),
    Value::Form("not documented: CloudFront in AWS GovCloud (US) is refused, not judged"),
    CF_TUTORIAL,
    "IPAM's BYOIP for global services lets you use your own IPv4 and IPv6 addresses with AWS global services like CloudFront.",
    CF_READ,
);
pub(crate) const AWS_CF_MAX_LENGTH: Rule = row(
    "aws.cloudfront.roa.max-length",
    Aws,
    Some(Cloudfront),
    Value::MaxLength(MaxLength::PerFamily { ipv4: 24, ipv6: 48 }),
    CF_TUTORIAL,
    "Ensure ROAs are configured for both IPv4 (/24) and IPv6 (/48) prefixes if deploying dual-stack",
    CF_READ,
);
/// Where CloudFront's range goes: a pool for global services, with locale None, under the
/// top-level BYOIP pool. `sign` prints the commands.
pub(crate) const AWS_CF_POOL: Rule = row(
    "aws.cloudfront.pool",
    Aws,
    Some(Cloudfront),
    Value::Form(
        "a pool with locale None sourced from the top-level BYOIP pool, holding the whole /24 or /48",
    ),
    CF_TUTORIAL,
    "aws ec2 create-ipam-pool --ipam-scope-id scope-id --locale None",
    CF_READ,
);
/// CloudFront's range is verified as IPAM's: a signed message or a DNS token.
pub(crate) const AWS_CF_VERIFICATION: Rule = row(
    "aws.cloudfront.verification",
    Aws,
    Some(Cloudfront),
    Value::Form("as VPC IPAM: remarks-x509 (a signed message) or dns-token"),
    CF_TUTORIAL,
    "Domain verification – Verify domain control",
    CF_READ,
);
/// IPAM reports on the ROAs of the routes it advertises: named where a ROA check of IPAM
/// or CloudFront fails, beside the registry's RPKI portal.
pub(crate) const AWS_ROUTE_FINDINGS: Rule = row(
    "aws.roa.route-protection-findings",
    Aws,
    None,
    Value::Form(
        "an IPAM's own view of its BYOIP routes' ROAs: aws ec2 get-ipam-route-protection-findings --ipam-id IPAM_ID",
    ),
    IPAM_FINDINGS,
    "Route protection findings show the Resource Public Key Infrastructure (RPKI) validation status of your Bring Your Own IP (BYOIP) routes.",
    CF_READ,
);
/// EC2 BYOIPv4 in a Local Zone: `--network-border-group` on both the provision and the
/// advertise call.
pub(crate) const AWS_EC2_BORDER_GROUP: Rule = row(
    "aws.ec2.network-border-group",
    Aws,
    Some(Ec2),
    Value::Form(
        "a Local Zone's network border group (us-west-2-lax-1) on provision-byoip-cidr and advertise-byoip-cidr, IPv4 only",
    ),
    EC2_BYOIP_CIDR,
    "you can choose a network border group for Local Zones when you provision and advertise a BYOIPv4 CIDR",
    CF_READ,
);
pub(crate) const AWS_EC2_BORDER_GROUP_V6: Rule = row(
    "aws.ec2.network-border-group.ipv6",
    Aws,
    Some(Ec2),
    Value::Form("refused: no BYOIPv6 in a Local Zone"),
    EC2_BYOIP_CIDR,
    "You cannot provision or advertise BYOIPv6 address ranges in Local Zones at this time.",
    CF_READ,
);
pub(crate) const AWS_REGISTRIES: Rule = row(
    "aws.registries",
    Aws,
    None,
    Value::Registries(&[Registry::Arin, Registry::RipeNcc, Registry::Apnic]),
    GA_REQ,
    "The IP address range must be registered with one of the following regional internet registries (RIRs)",
    REVIEW,
);
pub(crate) const AWS_DNS_TOKEN_REGISTRIES: Rule = row(
    "aws.ipam.dns-token.registries",
    Aws,
    Some(Ipam),
    Value::Form("any registry"),
    IPAM_VERIFY,
    "bring IP addresses registered with any internet registry (such as JPNIC, LACNIC, and AFRINIC)",
    AWS_READ,
);
pub(crate) const AWS_DNS_TOKEN_LIFETIME: Rule = row(
    "aws.ipam.dns-token.lifetime",
    Aws,
    Some(Ipam),
    Value::Hours(72),
    IPAM_VERIFY,
    "you can reuse the token for multiple BYOIP CIDRs that you provision from your IPAM within 72 hours",
    AWS_READ,
);
pub(crate) const AWS_TYPES_ARIN: Rule = row(
    "aws.allocation-types.arin",
    Aws,
    None,
    Value::Types(&["DIRECT ALLOCATION", "DIRECT ASSIGNMENT"]),
    GA_REQ,
    "ARIN: Direct Allocation and Direct Assignment network types",
    REVIEW,
);
pub(crate) const AWS_TYPES_RIPE: Rule = row(
    "aws.allocation-types.ripe-ncc",
    Aws,
    None,
    Value::Types(&["ALLOCATED PA", "LEGACY", "ASSIGNED PI"]),
    GA_REQ,
    "RIPE: ALLOCATED PA, LEGACY, and ASSIGNED PI allocation statuses",
    REVIEW,
);
pub(crate) const AWS_TYPES_APNIC: Rule = row(
    "aws.allocation-types.apnic",
    Aws,
    None,
    Value::Types(&["ALLOCATED PORTABLE", "ASSIGNED PORTABLE"]),
    GA_REQ,
    "APNIC: ALLOCATED PORTABLE and ASSIGNED PORTABLE allocation statuses",
    REVIEW,
);
pub(crate) const AWS_PLACE_ARIN: Rule = row(
    "aws.placement.arin",
    Aws,
    None,
    Value::Field(Field::PublicComments),
    EC2_PREREQ,
    "add the certificate in the \"Public Comments\" section for the \"Network Information\" object representing your address range",
    AWS_READ,
);
pub(crate) const AWS_PLACE_RIPE: Rule = row(
    "aws.placement.ripe-ncc",
    Aws,
    None,
    Value::Field(Field::Descr),
    EC2_PREREQ,
    "add the certificate as a new \"descr\" field to the \"inetnum\" or \"inet6num\" object representing your address range",
    AWS_READ,
);
pub(crate) const AWS_PLACE_APNIC: Rule = row(
    "aws.placement.apnic",
    Aws,
    None,
    Value::Field(Field::Remarks),
    EC2_PREREQ,
    "add the certificate by editing remarks on the \"inetnum\" or \"inet6num\" record",
    AWS_READ,
);
pub(crate) const AWS_BYOASN_PLACE_ARIN: Rule = row(
    "aws.byoasn.placement.arin",
    Aws,
    Some(Ipam),
    Value::Field(Field::PublicComments),
    BYOASN,
    "add the certificate in the \"Public Comments\" section for the \"Network Information\" object representing your ASN by using the \"Modify ASN\" option",
    AWS_READ,
);
pub(crate) const AWS_BYOASN_PLACE_RIPE: Rule = row(
    "aws.byoasn.placement.ripe-ncc",
    Aws,
    Some(Ipam),
    Value::Field(Field::Descr),
    BYOASN,
    "add the certificate as a new \"descr\" field to the \"aut-num\" object representing your ASN",
    AWS_READ,
);
pub(crate) const AWS_BYOASN_PLACE_APNIC: Rule = row(
    "aws.byoasn.placement.apnic",
    Aws,
    Some(Ipam),
    Value::Field(Field::Remarks),
    BYOASN,
    "email the certificate to helpdesk@apnic.net to manually add it to the \"remarks\" field for your ASN",
    AWS_READ,
);
pub(crate) const AWS_CERT_KEY: Rule = row(
    "aws.cert.key-size",
    Aws,
    None,
    Value::KeyBits(2048),
    EC2_PREREQ,
    "Generate an RSA 2048-bit private key",
    AWS_READ,
);
pub(crate) const AWS_CERT_SELF_SIGNED: Rule = row(
    "aws.cert.self-signed",
    Aws,
    None,
    Value::Form("a self-signed X.509 certificate"),
    EC2_PREREQ,
    "use it to generate a self-signed X.509 certificate for authentication purposes",
    AWS_READ,
);
pub(crate) const AWS_CERT_VALIDITY: Rule = row(
    "aws.cert.validity",
    Aws,
    None,
    Value::Form("valid through provisioning"),
    EC2_PREREQ,
    "The certificate must only be valid for the duration of the provisioning process.",
    AWS_READ,
);
pub(crate) const AWS_MESSAGE: Rule = row(
    "aws.message.format",
    Aws,
    None,
    Value::Form("1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS"),
    EC2_ONBOARD,
    "The format of the message is as follows, where the date is the expiry date of the message",
    AWS_READ,
);
pub(crate) const AWS_SIGNATURE: Rule = row(
    "aws.signature",
    Aws,
    None,
    Value::Form("RSASSA-PSS, SHA-256, salt 32; base64 with + = / written - _ ~"),
    EC2_ONBOARD,
    "openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1",
    AWS_READ,
);
pub(crate) const AWS_BYOASN_MESSAGE: Rule = row(
    "aws.byoasn.message.format",
    Aws,
    Some(Ipam),
    Value::Form("1|aws|ACCOUNT|ASN|YYYYMMDD|SHA256|RSAPSS"),
    BYOASN,
    "ASN is the ASN you are bringing to IPAM, and YYYYMMDD is the expiry date of the message",
    AWS_READ,
);
pub(crate) const AWS_WINDOW: Rule = row(
    "aws.provisioning-window",
    Aws,
    None,
    Value::Days(7),
    EC2_ONBOARD,
    "While most provisioning will be completed within two hours, it might take up to one week … for publicly advertisable ranges",
    AWS_READ,
);
pub(crate) const AWS_GA_WINDOW: Rule = row(
    "aws.ga.provisioning-window",
    Aws,
    Some(Ga),
    Value::Days(21),
    GA_PROVISION,
    "It can take up to 3 weeks to complete the provisioning process.",
    REVIEW,
);
/// No hand-made IRR route object with a BYOIP ASN as origin. Stated on EC2's page; byoip
/// applies it to IPAM too (IPAM provisions BYOIP space the same way, through the same
/// prerequisites) and only warns for Global Accelerator, whose guide says nothing of IRRs.
pub(crate) const AWS_IRR_ROUTE: Rule = row(
    "aws.irr.route",
    Aws,
    None,
    Value::Form(
        "no route or route6 object in RADb or another IRR with AS16509 or AS14618 (AS8987 in GovCloud) as origin, unless AWS maintains it (EC2, IPAM; Global Accelerator: warned, unconfirmed)",
    ),
    EC2_PREREQ,
    "Do not make any manual changes for BYOIP in RADb or any other IRR. … Any manual changes that include the BYOIP ASN will cause the BYOIP provision operation to fail.",
    REVIEW,
);
pub(crate) const AWS_QUOTA: Rule = row(
    "aws.quota",
    Aws,
    None,
    Value::Count(5),
    EC2_BYOIP,
    "a total of five BYOIP IPv4 and IPv6 address ranges per AWS Region",
    AWS_READ,
);
pub(crate) const AWS_GA_QUOTA: Rule = row(
    "aws.ga.quota",
    Aws,
    Some(Ga),
    Value::Count(2),
    GA_REQ,
    "You can bring up to two qualifying IP address ranges to AWS Global Accelerator per AWS account.",
    REVIEW,
);
pub(crate) const AWS_BYOASN_OWN_ROA: Rule = row(
    "aws.byoasn.roa.own-asn",
    Aws,
    Some(Ipam),
    Value::Form("a second ROA: the prefix with the ASN brought as origin"),
    BYOASN,
    "In addition to that ROA, you must have a second ROA in your RIR with the ASN that you are bringing to IPAM.",
    AWS_READ,
);
pub(crate) const AWS_BYOASN_QUOTA: Rule = row(
    "aws.byoasn.quota",
    Aws,
    Some(Ipam),
    Value::Count(5),
    BYOASN,
    "You can provision up to 5 ASNs.",
    AWS_READ,
);

// ---------------------------------------------------------------------------------------
// Azure

pub(crate) const AZURE_PREFIX_V4: Rule = row(
    "azure.prefix.ipv4",
    Azure,
    None,
    Value::Lengths {
        shortest: 21,
        longest: 24,
    },
    AZURE_OVERVIEW,
    "A custom IPv4 Prefix must be between /21 and /24",
    AZURE_READ,
);
pub(crate) const AZURE_PREFIX_V6: Rule = row(
    "azure.prefix.ipv6",
    Azure,
    None,
    Value::Lengths {
        shortest: 48,
        longest: 48,
    },
    AZURE_OVERVIEW,
    "a global (parent) custom IPv6 prefix must be /48",
    AZURE_READ,
);
pub(crate) const AZURE_ORIGINS: Rule = row(
    "azure.roa.origins",
    Azure,
    None,
    Value::Origins(&[Asn::new(8075)]),
    AZURE_CLI,
    "The Origin AS must be listed as 8075 for the Public Cloud.",
    AZURE_READ,
);
pub(crate) const AZURE_GOV_ORIGINS: Rule = row(
    "azure.roa.origins.us-gov",
    Azure,
    None,
    Value::Origins(&[Asn::new(8070)]),
    AZURE_CLI,
    "If the range will be onboarded to the US Gov Cloud, the Origin AS must be listed as 8070.",
    AZURE_READ,
);
/// Advisory (`roa.current-origin`), as Azure words it: recommended, not required.
pub(crate) const AZURE_CURRENT_ORIGIN: Rule = row(
    "azure.roa.current-origin",
    Azure,
    None,
    Value::Form(
        "advisory: a ROA for the ASN announcing the prefix today, created before Microsoft's",
    ),
    AZURE_CLI,
    "recommended to create a ROA for any existing ASN",
    REVIEW,
);
pub(crate) const AZURE_MAX_LENGTH: Rule = row(
    "azure.roa.max-length",
    Azure,
    None,
    Value::MaxLength(MaxLength::ExactPrefix),
    AZURE_CLI,
    "The prefix length should exactly match the prefixes that can be advertised by Microsoft.",
    AZURE_READ,
);
pub(crate) const AZURE_REGISTRIES: Rule = row(
    "azure.registries",
    Azure,
    None,
    Value::Registries(&[
        Registry::Arin,
        Registry::RipeNcc,
        Registry::Apnic,
        Registry::Afrinic,
        Registry::Lacnic,
    ]),
    AZURE_MANAGE,
    "Only prefixes registered at ARIN, RIPE, APNIC, AFRINIC, and LACNIC are supported.",
    REVIEW,
);
pub(crate) const AZURE_PLACE_ARIN: Rule = row(
    "azure.placement.arin",
    Azure,
    None,
    Value::Field(Field::PublicComments),
    AZURE_CLI,
    "ARIN - edit the Comments of the prefix record.",
    AZURE_READ,
);
pub(crate) const AZURE_PLACE_RIPE: Rule = row(
    "azure.placement.ripe-ncc",
    Azure,
    None,
    Value::Field(Field::Remarks),
    AZURE_CLI,
    "RIPE - edit the Remarks of the inetnum record.",
    AZURE_READ,
);
pub(crate) const AZURE_PLACE_APNIC: Rule = row(
    "azure.placement.apnic",
    Azure,
    None,
    Value::Field(Field::Remarks),
    AZURE_CLI,
    "APNIC - edit the Remarks of the inetnum record using MyAPNIC.",
    AZURE_READ,
);
pub(crate) const AZURE_PLACE_AFRINIC: Rule = row(
    "azure.placement.afrinic",
    Azure,
    None,
    Value::Field(Field::Remarks),
    AZURE_CLI,
    "AFRINIC - edit the Remarks of the inetnum record by using MyAFRINIC.",
    AZURE_READ,
);
pub(crate) const AZURE_PLACE_LACNIC: Rule = row(
    "azure.placement.lacnic",
    Azure,
    None,
    Value::Field(Field::SupportTicket),
    AZURE_OVERVIEW,
    "For ranges from LACNIC registry, create a support ticket with Microsoft.",
    REVIEW,
);
/// Where Azure lets AFRINIC and LACNIC space be used: a hint, since byoip takes no Azure
/// region to judge it by.
pub(crate) const AZURE_AFRICA_SOUTH_AMERICA: Rule = row(
    "azure.regions.afrinic-lacnic",
    Azure,
    None,
    Value::Form("AFRINIC space in African regions, LACNIC space in South American regions only"),
    AZURE_MANAGE,
    "These prefixes can't be used outside Africa/South America.",
    REVIEW,
);
pub(crate) const AZURE_CERT_KEY: Rule = row(
    "azure.cert.key-size",
    Azure,
    None,
    Value::KeyBits(2048),
    AZURE_CLI,
    "openssl genrsa -out byoipprivate.key 2048",
    AZURE_READ,
);
pub(crate) const AZURE_CERT_SELF_SIGNED: Rule = row(
    "azure.cert.self-signed",
    Azure,
    None,
    Value::Form("a self-signed X.509 certificate"),
    AZURE_CLI,
    "openssl req -new -x509 -key byoipprivate.key -days 180",
    AZURE_READ,
);
// Azure names the failure (its "Manage a custom IP address prefix" lists the code) but
// states no margin: the week byoip warns within is its own caution, said in the value.
pub(crate) const AZURE_CERT_VALIDITY: Rule = row(
    "azure.cert.validity",
    Azure,
    None,
    Value::Form(
        "not expired when Azure validates the prefix (Azure states no margin; byoip warns within 7 days)",
    ),
    AZURE_MANAGE,
    "CertFromRIRPageExpired",
    REVIEW,
);
pub(crate) const AZURE_MESSAGE: Rule = row(
    "azure.message.format",
    Azure,
    None,
    Value::Form("SUBSCRIPTION|CIDR|YYYYMMDD (the ROA's validity end)"),
    AZURE_CLI,
    "Use the following format, substituting your subscription ID, prefix to be provisioned, and expiration date matching the Validity Date on the ROA.",
    AZURE_READ,
);
pub(crate) const AZURE_SIGNATURE: Rule = row(
    "azure.signature",
    Azure,
    None,
    Value::Form("RSASSA-PKCS1-v1_5, SHA-256; standard base64"),
    AZURE_CLI,
    "openssl dgst -sha256 -sign byoipprivate.key -keyform PEM | openssl base64",
    AZURE_READ,
);
pub(crate) const AZURE_QUOTA: Rule = row(
    "azure.quota",
    Azure,
    None,
    Value::Count(5),
    AZURE_OVERVIEW,
    "You can bring a maximum of five prefixes per region to Azure.",
    AZURE_READ,
);

// ---------------------------------------------------------------------------------------
// Oracle

pub(crate) const OCI_PREFIX_V4: Rule = row(
    "oci.prefix.ipv4",
    Oci,
    None,
    Value::Lengths {
        shortest: 8,
        longest: 24,
    },
    OCI,
    "IPv4 CIDR block that is a minimum of /24 and a maximum of /8",
    OCI_UPDATED,
);
pub(crate) const OCI_PREFIX_V6: Rule = row(
    "oci.prefix.ipv6",
    Oci,
    None,
    Value::Lengths {
        shortest: 0,
        longest: 48,
    },
    OCI,
    "An imported IPv6 prefix must be /48 or larger",
    OCI_UPDATED,
);
pub(crate) const OCI_ORIGINS: Rule = row(
    "oci.roa.origins",
    Oci,
    None,
    Value::Origins(&[Asn::new(31898)]),
    OCI,
    "Oracle's BGP ASN for the commercial cloud is 31898",
    OCI_UPDATED,
);
pub(crate) const OCI_SERBIA_ORIGINS: Rule = row(
    "oci.roa.origins.eu-jovanovac-1",
    Oci,
    None,
    Value::Origins(&[Asn::new(14544)]),
    OCI,
    "except the Serbia Central (Jovanovac) region which is 14544",
    OCI_UPDATED,
);
/// Oracle's government realms announce from ASNs its BYOIP page leaves to another page:
/// refused (the government flag, `us-langley-1`, `us-luke-1`, any `…-gov-…` region).
pub(crate) const OCI_GOVERNMENT: Rule = row(
    "oci.roa.origins.government",
    Oci,
    None,
    Value::Form(
        "not documented here: the government realms (us-langley-1, us-luke-1, any -gov- region) are refused, not judged",
    ),
    OCI,
    "For the US Government Cloud, see Oracle's BGP ASN.",
    OCI_UPDATED,
);
/// Advisory (`roa.current-origin`). Oracle's BYOIP page says nothing of the ASN announcing
/// the range today; the reason its route would turn invalid is RFC 6811's, cited here.
pub(crate) const OCI_CURRENT_ORIGIN: Rule = row(
    "oci.roa.current-origin",
    Oci,
    None,
    Value::Form(
        "advisory: a ROA for the ASN announcing the prefix today (Oracle's page is silent; RFC 6811's rule)",
    ),
    RFC6811,
    "Invalid: At least one VRP Covers the Route Prefix, but no VRP Matches it.",
    REVIEW,
);
pub(crate) const OCI_ROA_VALIDITY: Rule = row(
    "oci.roa.validity",
    Oci,
    None,
    Value::Days(183),
    OCI,
    "Set an expiry date at least 6 months in the future.",
    OCI_UPDATED,
);
pub(crate) const OCI_TOKEN: Rule = row(
    "oci.token.format",
    Oci,
    None,
    Value::Form("OCITOKEN::CIDR:VALIDATION-TOKEN"),
    OCI,
    "Format for an IPv4 CIDR block: OCITOKEN::<cidrBlock>:<validationToken>",
    OCI_UPDATED,
);
pub(crate) const OCI_PLACE_ARIN: Rule = row(
    "oci.placement.arin",
    Oci,
    None,
    Value::Field(Field::PublicComments),
    OCI,
    "ARIN: Add the token string in the \"Public Comments\" section associated with your address range.",
    OCI_UPDATED,
);
pub(crate) const OCI_PLACE_RIPE: Rule = row(
    "oci.placement.ripe-ncc",
    Oci,
    None,
    Value::Field(Field::Descr),
    OCI,
    "RIPE NCC: Add the token string as a new \"descr\" field associated with your address range.",
    OCI_UPDATED,
);
pub(crate) const OCI_PLACE_APNIC: Rule = row(
    "oci.placement.apnic",
    Oci,
    None,
    Value::Field(Field::Remarks),
    OCI,
    "APNIC: Add the token string to the \"remarks\" field for your address range by emailing it to helpdesk@apnic.net.",
    OCI_UPDATED,
);
pub(crate) const OCI_TYPES_ARIN: Rule = row(
    "oci.allocation-types.arin",
    Oci,
    None,
    Value::Types(&["DIRECT ALLOCATION", "DIRECT ASSIGNMENT"]),
    OCI,
    "\"Direct Allocation\" and \"Direct Assignment\"",
    OCI_UPDATED,
);
pub(crate) const OCI_TYPES_RIPE: Rule = row(
    "oci.allocation-types.ripe-ncc",
    Oci,
    None,
    Value::Types(&["ALLOCATED PA", "LEGACY", "ASSIGNED PI", "ALLOCATED-BY-RIR"]),
    OCI,
    "\"ALLOCATED PA,\" \"LEGACY,\" \"ASSIGNED PI,\" and \"ALLOCATED-BY-RIR\"",
    OCI_UPDATED,
);
pub(crate) const OCI_TYPES_APNIC: Rule = row(
    "oci.allocation-types.apnic",
    Oci,
    None,
    Value::Types(&["ALLOCATED PORTABLE", "ASSIGNED PORTABLE"]),
    OCI,
    "\"ALLOCATED PORTABLE\" and \"ASSIGNED PORTABLE\"",
    OCI_UPDATED,
);
pub(crate) const OCI_QUOTA: Rule = row(
    "oci.quota",
    Oci,
    None,
    Value::Count(20),
    OCI,
    "up to 20 IPv4 CIDR blocks or IPv6 prefixes",
    OCI_UPDATED,
);

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
        use crate::rdap::Nir;
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
