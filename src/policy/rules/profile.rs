//! The clouds that take a proof of control for a customer's own addresses, and what each
//! one wants: the message and signature scheme or registry token, the ROA origin and its
//! length rule, the prefix sizes, and where the proof goes in each registry's record.
//! One row per cloud, so the next cloud is a row and not a rewrite. (The cloud itself is a
//! value, `crate::cloud::Cloud`; its profile is policy, here beside the table it reads.)
//!
//! Sources, each fact's row names its page too:
//! - AWS: "Bring your own IP addresses (BYOIP) to Amazon EC2", "Prerequisites for BYOIP in
//!   Amazon EC2" (EC2 User Guide); AWS Global Accelerator Developer Guide, "Bring your own IP
//!   addresses (BYOIP)".
//! - Microsoft Azure: "Create a custom IPv4 address prefix using the Azure CLI" (the
//!   message, the signing recipe, where the certificate goes, the ROA origin), "Custom IP
//!   address prefix (BYOIP)" (sizes, five per region), "Manage a custom IP address prefix"
//!   (the validation failure codes), learn.microsoft.com/azure/virtual-network/ip-services/.
//! - Oracle Cloud Infrastructure: "Bring Your Own IP",
//!   <https://docs.oracle.com/en-us/iaas/Content/Network/Concepts/BYOIP.htm>.
//!
//! See `docs/clouds.md` for the facts in prose, with what is still unconfirmed.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::{field_of, lengths_of, number_of, origins_of};
use crate::{
    asn::Asn,
    cloud::{Cloud, Encoding, Field, Scheme},
    registry::Registry,
};

impl Cloud {
    /// What this cloud wants.
    pub fn profile(self) -> &'static Profile {
        match self {
            Cloud::Aws => &AWS,
            Cloud::Azure => &AZURE,
            Cloud::Oci => &OCI,
        }
    }
}

/// Everything byoip knows about one cloud's proof of control.
#[derive(Debug, Serialize)]
#[non_exhaustive]
pub struct Profile {
    /// The cloud.
    pub cloud: Cloud,
    /// Its command-line name.
    pub name: &'static str,
    /// The cloud and product, for people.
    pub title: &'static str,
    /// How control of the prefix is proven.
    pub proof: Proof,
    /// The ROA the cloud's routers need.
    pub roa: RoaRule,
    /// Accepted prefix lengths.
    pub sizes: Sizes,
    /// How many prefixes an account may bring, as the cloud states it.
    pub quota: &'static str,
    /// Where the proof goes in each registry's record.
    pub placement: &'static [Placement],
    /// The names the cloud gives its validation failures, where it names them.
    pub failure_codes: &'static [&'static str],
    /// The public pages these facts come from.
    pub sources: &'static [&'static str],
}

impl Profile {
    /// Where the proof goes at `registry`. A National Internet Registry's space is judged
    /// by its regional registry's row (APNIC for JPNIC, KRNIC, TWNIC, CNNIC, IDNIC, VNNIC
    /// and IRINN; LACNIC for NIC.br and NIC Mexico).
    pub fn placement_for(&self, registry: Registry) -> Option<&'static Placement> {
        let rir = rir_of(registry);
        self.placement.iter().find(|p| p.registry == rir)
    }

    /// The message the cloud signs, its fields as the cloud documents them
    /// (`1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS`), or `None` for a cloud that signs
    /// nothing.
    pub fn message_form(&self) -> Option<&'static str> {
        match self.proof {
            Proof::SignedMessage { message, .. } => Some(message),
            Proof::RegistryToken { .. } => None,
        }
    }

    /// For a cloud that signs nothing (Oracle), why it takes no `what` (a signed message, a
    /// certificate): what proves control instead. `None` for a cloud that signs.
    pub fn signs_nothing(&self, what: &str) -> Option<String> {
        match self.proof {
            Proof::RegistryToken { line } => Some(format!(
                "{} takes no {what}: it proves control with the token line {line} in the registry record, so there is nothing to sign",
                self.cloud.vendor()
            )),
            Proof::SignedMessage { .. } => None,
        }
    }

    /// The ROA origins for this cloud: the government-cloud ones when `gov` is set.
    pub fn roa_origins(&self, gov: bool) -> &'static [Asn] {
        if gov {
            self.roa.gov_origins
        } else {
            self.roa.origins
        }
    }
}

/// The regional registry whose rules apply to `registry`.
pub(crate) fn rir_of(registry: Registry) -> Registry {
    use crate::registry::Nir;
    match registry {
        Registry::Nir(Nir::NicBr | Nir::NicMx) => Registry::Lacnic,
        Registry::Nir(_) => Registry::Apnic,
        r => r,
    }
}

/// How a cloud wants control of a prefix proven.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Proof {
    /// A message signed with the key whose self-signed certificate is in the registry record.
    SignedMessage {
        /// The message's fields, as the cloud documents them.
        message: &'static str,
        /// The signature scheme.
        scheme: Scheme,
        /// How the signature is written as text.
        encoding: Encoding,
    },
    /// A token the cloud issues, written into the registry record.
    RegistryToken {
        /// The line the record must carry.
        line: &'static str,
    },
}

/// What ROA the cloud needs.
#[derive(Debug, Serialize)]
#[non_exhaustive]
pub struct RoaRule {
    /// Origin ASNs that must each be authorized (commercial regions).
    #[serde(serialize_with = "crate::asn::as_number::list")]
    pub origins: &'static [Asn],
    /// Origin ASNs for the cloud's government regions.
    #[serde(serialize_with = "crate::asn::as_number::list")]
    pub gov_origins: &'static [Asn],
    /// Other origins the cloud uses in particular regions, in place of `origins`.
    pub regional_origins: &'static [RegionalOrigin],
    /// How the ROA's prefix and maxLength must relate to the prefix brought.
    pub length: RoaLength,
    /// How many days ahead the ROA must stay valid, where the cloud says.
    pub min_validity_days: Option<u32>,
}

/// Checks that `id` has the shape of an OCI region identifier (`us-ashburn-1`,
/// `eu-jovanovac-1`, `us-gov-ashburn-1`: a two-letter area, words, a number), so that a
/// mistyped region is refused instead of silently meaning "any other region". The error
/// says which region identifiers change the ROA origin.
pub(crate) fn check_region_id(id: &str) -> Result<(), String> {
    let parts: Vec<&str> = id.split('-').collect();
    let shaped = parts.len() >= 3
        && parts[0].len() == 2
        && parts[0].bytes().all(|b| b.is_ascii_lowercase())
        && parts[1..parts.len() - 1]
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].parse::<u8>().is_ok_and(|n| n > 0);
    if shaped {
        return Ok(());
    }
    let known: Vec<String> = Cloud::ALL
        .iter()
        .flat_map(|c| c.profile().roa.regional_origins.iter())
        .map(|o| format!("{} (AS{})", o.region, o.asn))
        .collect();
    Err(format!(
        "{id:?} is not a region identifier like us-ashburn-1; the regions with their own ROA origin are {}, every other region uses the usual one",
        known.join(", ")
    ))
}

/// A cloud region identifier (`us-ashburn-1`, `eu-jovanovac-1`), read so that a mistyped
/// one is refused rather than silently meaning "any other region" (and with it the ROA
/// origin of any other region). Its shape is checked; whether the cloud has such a region
/// is not.
///
/// ```
/// use byoip::Region;
///
/// let serbia: Region = "eu-jovanovac-1".parse()?;
/// assert_eq!(serbia.as_str(), "eu-jovanovac-1");
/// assert!("eu-jovanovac1".parse::<Region>().is_err());
/// # Ok::<(), byoip::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Region(String);

impl Region {
    /// The identifier as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for a region of one of Oracle's government realms: the US Government Cloud's
    /// `us-langley-1` and `us-luke-1`, and every identifier with a `-gov-` part
    /// (`us-gov-ashburn-1`, `uk-gov-london-1`). Oracle's BYOIP page sends them elsewhere
    /// ("For the US Government Cloud, see Oracle's BGP ASN"), and those realms announce
    /// from other ASNs.
    pub(crate) fn oracle_government(&self) -> bool {
        matches!(self.0.as_str(), "us-langley-1" | "us-luke-1")
            || self.0.split('-').skip(1).any(|part| part == "gov")
    }
}

/// Refuses what no AWS page documents: Global Accelerator or CloudFront in AWS GovCloud
/// (US). Global
/// Accelerator's BYOIP guide names AS16509 alone and says nothing of GovCloud; EC2's
/// GovCloud rule ("8987 instead of 16509 and 14618") is EC2's. A report judged by either
/// ASN would be a guess.
pub(crate) fn refuse_undocumented_aws(
    service: crate::service::Service,
    govcloud: bool,
) -> Result<(), crate::Error> {
    if govcloud && service == crate::service::Service::Ga {
        return Err(crate::Error::Undocumented {
            reason: "Global Accelerator in AWS GovCloud (US) is not documented: its BYOIP guide names the ROA origin AS16509 only and says nothing of GovCloud, so no ROA can be judged".into(),
            hint: "bring the range to EC2 or VPC IPAM in GovCloud (ROA origin AS8987), or to Global Accelerator outside GovCloud".into(),
        });
    }
    // CloudFront's guide is about AWS's global services and says nothing of GovCloud.
    if govcloud && service == crate::service::Service::Cloudfront {
        return Err(crate::Error::Undocumented {
            reason: "CloudFront through IPAM in AWS GovCloud (US) is not documented: its guide is about AWS's global services and says nothing of GovCloud".into(),
            hint: "bring the range to EC2 or VPC IPAM in GovCloud (ROA origin AS8987), or to CloudFront outside GovCloud".into(),
        });
    }
    Ok(())
}

/// Refuses Oracle's government realms, whose ROA origin byoip does not have: the
/// government flag, or a region of a government realm ([`Region::oracle_government`]).
pub(crate) fn refuse_undocumented_oci(
    region: Option<&Region>,
    govcloud: bool,
) -> Result<(), crate::Error> {
    let realm = match region {
        Some(r) if r.oracle_government() => {
            format!("region {r} is in one of Oracle's government realms")
        }
        _ if govcloud => "Oracle's government cloud".to_string(),
        _ => return Ok(()),
    };
    Err(crate::Error::Undocumented {
        reason: format!(
            "{realm}, whose BGP ASN is on a page byoip does not have (Oracle, \"Bring Your Own IP\": \"For the US Government Cloud, see Oracle's BGP ASN\"): its ROA origin cannot be judged"
        ),
        hint: "check the ROA origin in Oracle's government cloud documentation: only Oracle's commercial regions are judged".into(),
    })
}

impl FromStr for Region {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Region, crate::Error> {
        check_region_id(s)
            .map(|()| Region(s.to_string()))
            .map_err(|reason| crate::Error::Region {
                input: s.to_string(),
                reason,
            })
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// An origin ASN a cloud uses in one region instead of its usual ones.
#[derive(Debug, Serialize)]
#[non_exhaustive]
pub struct RegionalOrigin {
    /// The ASN.
    #[serde(serialize_with = "crate::asn::as_number::one")]
    pub asn: Asn,
    /// The region, for people.
    pub name: &'static str,
    /// The region's identifier in the cloud's API and CLI (what a check's region names).
    pub region: &'static str,
}

impl RoaRule {
    /// The origins the ROA must authorize for a prefix used in `region` (the cloud's
    /// region identifier), or in any ordinary region when `None`; the government-cloud
    /// ones when `gov` is set.
    pub fn origins_for(&self, region: Option<&str>, gov: bool) -> &[Asn] {
        if gov {
            return self.gov_origins;
        }
        region
            .and_then(|r| {
                self.regional_origins
                    .iter()
                    .find(|o| o.region.eq_ignore_ascii_case(r.trim()))
            })
            .map_or(self.origins, |o| std::slice::from_ref(&o.asn))
    }
}

/// How a ROA's prefix and maxLength must relate to the prefix brought.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RoaLength {
    /// The ROA may cover the prefix, with a maxLength at least its length (RFC 6811 origin
    /// validation).
    Covering,
    /// The ROA may cover the prefix; its maxLength is exactly the length the service
    /// advertises: AWS EC2 the prefix's own length, Global Accelerator /24, VPC IPAM /24
    /// (IPv4) or /48 (IPv6) ("Prerequisites for BYOIP in Amazon EC2"; Global Accelerator,
    /// "Requirements"; "Tutorial: Bring your IP addresses to IPAM").
    CoveringExactMaxLength,
    /// The ROA's prefix is exactly the prefix brought and its maxLength equals its length.
    Exact,
}

/// Accepted prefix lengths, each as `(shortest, longest)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Sizes {
    /// IPv4, advertised by the cloud.
    pub ipv4: (u8, u8),
    /// IPv6, advertised by the cloud.
    pub ipv6: (u8, u8),
    /// What else the cloud accepts, in words (regional ranges, non-advertised IPv6).
    pub note: &'static str,
}

impl Sizes {
    /// True when a prefix of this length and family is within the advertised sizes.
    pub fn accepts(&self, ipv4: bool, len: u8) -> bool {
        let (short, long) = if ipv4 { self.ipv4 } else { self.ipv6 };
        (short..=long).contains(&len)
    }
}

/// Where a cloud wants its proof in one registry's records.
#[derive(Debug, Serialize)]
#[non_exhaustive]
pub struct Placement {
    /// The regional registry.
    #[serde(serialize_with = "display")]
    pub registry: Registry,
    /// The field, or how else the proof is given.
    pub field: Field,
    /// The cloud's own words on how to get it there.
    pub how: &'static str,
}

fn display<T: fmt::Display, S: serde::Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

static AWS: Profile = Profile {
    cloud: Cloud::Aws,
    name: "aws",
    title: "Amazon Web Services (EC2 BYOIP, VPC IPAM, Global Accelerator, CloudFront through IPAM)",
    proof: Proof::SignedMessage {
        message: "1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS",
        scheme: Scheme::RsaPssSha256,
        encoding: Encoding::AwsBase64,
    },
    roa: RoaRule {
        // The rules table's rows (Global Accelerator's own origins are its row
        // aws.ga.roa.origins, which crate::roa::required_asns reads by service).
        origins: origins_of(&super::AWS_ORIGINS),
        gov_origins: origins_of(&super::AWS_GOVCLOUD_ORIGINS),
        regional_origins: &[],
        length: RoaLength::CoveringExactMaxLength,
        min_validity_days: None,
    },
    sizes: Sizes {
        ipv4: lengths_of(&super::AWS_PREFIX_V4),
        ipv6: lengths_of(&super::AWS_PREFIX_V6),
        note: "IPv6 that AWS will not advertise: up to /60, or /56 by the EC2 API reference; Global Accelerator: IPv4 /24 only; CloudFront: IPv4 /24 or IPv6 /48 exactly",
    },
    quota: "5 prefixes per Region (an adjustable quota)",
    placement: &[
        Placement {
            registry: Registry::Arin,
            field: field_of(&super::AWS_PLACE_ARIN),
            how: "the Public Comments of the network (NET-…) object, through ARIN Online; not the organization's",
        },
        Placement {
            registry: Registry::RipeNcc,
            field: field_of(&super::AWS_PLACE_RIPE),
            how: "a new descr: line of the inetnum/inet6num; not remarks:, not the organization",
        },
        Placement {
            registry: Registry::Apnic,
            field: field_of(&super::AWS_PLACE_APNIC),
            how: "a remarks: line of the inetnum/inet6num",
        },
        Placement {
            registry: Registry::Lacnic,
            field: Field::Unsupported,
            how: "not by certificate: use VPC IPAM's dns-token verification",
        },
        Placement {
            registry: Registry::Afrinic,
            field: Field::Unsupported,
            how: "not by certificate: use VPC IPAM's dns-token verification",
        },
    ],
    failure_codes: &[],
    sources: &[
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-byoip.html",
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/prepare-for-byoip.html",
        "https://docs.aws.amazon.com/global-accelerator/latest/dg/using-byoip.html",
        "https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoip-cloudfront.html",
    ],
};

static AZURE: Profile = Profile {
    cloud: Cloud::Azure,
    name: "azure",
    title: "Microsoft Azure (Custom IP Prefix)",
    proof: Proof::SignedMessage {
        message: "SUBSCRIPTION-ID|CIDR|YYYYMMDD (the ROA's validity end)",
        scheme: Scheme::RsaPkcs1v15Sha256,
        encoding: Encoding::Base64,
    },
    roa: RoaRule {
        origins: origins_of(&super::AZURE_ORIGINS),
        gov_origins: origins_of(&super::AZURE_GOV_ORIGINS),
        regional_origins: &[],
        length: RoaLength::Exact,
        min_validity_days: None,
    },
    sizes: Sizes {
        ipv4: lengths_of(&super::AZURE_PREFIX_V4),
        ipv6: lengths_of(&super::AZURE_PREFIX_V6),
        note: "regional IPv4 ranges /22 to /26 under the global/regional model; regional IPv6 /64, which needs no message",
    },
    quota: "5 prefixes per region",
    placement: &[
        Placement {
            registry: Registry::Arin,
            field: field_of(&super::AZURE_PLACE_ARIN),
            how: "the Comments of the prefix record",
        },
        Placement {
            registry: Registry::RipeNcc,
            field: field_of(&super::AZURE_PLACE_RIPE),
            how: "the remarks: of the inetnum record",
        },
        Placement {
            registry: Registry::Apnic,
            field: field_of(&super::AZURE_PLACE_APNIC),
            how: "the remarks: of the inetnum record, using MyAPNIC",
        },
        Placement {
            registry: Registry::Afrinic,
            field: field_of(&super::AZURE_PLACE_AFRINIC),
            how: "the remarks: of the inetnum record, using MyAFRINIC",
        },
        Placement {
            registry: Registry::Lacnic,
            field: field_of(&super::AZURE_PLACE_LACNIC),
            how: "create a support ticket with Microsoft",
        },
    ],
    failure_codes: &[
        "CustomerSignatureNotVerified",
        "NotAuthorizedToAdvertiseThisPrefix",
        "ASN8075NotAllowedToAdvertise",
        "PrefixRegisteredInAfricaAndSouthAmericaNotAllowedInOtherRegion",
        "NotFindRoutingRegistryToGetCertificate",
        "CIDRInAuthorizationMessageNotMatchCustomerIP",
        "ExpiryDateFormatInvalidOrNotInThefuture",
        "AuthMessageFormatInvalid",
        "CannotParseValidCertificateFromRIRPage",
        "ROANotFound",
        "CertFromRIRPageExpired",
        "InvalidPrefixLengthInROA",
        "RIRNotSupport",
        "InvalidCIDRFormat",
        "InvalidCIDRFormatInAuthorizationMessage",
        "OperationFailedPleaseRetryLaterOrContactSupport",
    ],
    sources: &[
        "https://learn.microsoft.com/azure/virtual-network/ip-services/create-custom-ip-address-prefix-cli",
        "https://learn.microsoft.com/azure/virtual-network/ip-services/custom-ip-address-prefix",
        "https://learn.microsoft.com/azure/virtual-network/ip-services/manage-custom-ip-address-prefix",
    ],
};

static OCI: Profile = Profile {
    cloud: Cloud::Oci,
    name: "oci",
    title: "Oracle Cloud Infrastructure (BYOIP)",
    proof: Proof::RegistryToken {
        line: "OCITOKEN::CIDR:VALIDATION-TOKEN",
    },
    roa: RoaRule {
        origins: origins_of(&super::OCI_ORIGINS),
        // Oracle's US Government Cloud ASNs are on a separate page byoip does not have.
        gov_origins: &[],
        // The region identifier is OCI's (its SDKs' region list): Serbia Central is
        // eu-jovanovac-1.
        regional_origins: &[RegionalOrigin {
            asn: origins_of(&super::OCI_SERBIA_ORIGINS)[0],
            name: "Serbia Central (Jovanovac)",
            region: "eu-jovanovac-1",
        }],
        length: RoaLength::Covering,
        min_validity_days: Some(number_of(&super::OCI_ROA_VALIDITY)),
    },
    sizes: Sizes {
        ipv4: lengths_of(&super::OCI_PREFIX_V4),
        ipv6: lengths_of(&super::OCI_PREFIX_V6),
        note: "",
    },
    quota: "20 IPv4 CIDR blocks or IPv6 prefixes",
    placement: &[
        Placement {
            registry: Registry::Arin,
            field: field_of(&super::OCI_PLACE_ARIN),
            how: "the Public Comments of the address range; not the organization's",
        },
        Placement {
            registry: Registry::RipeNcc,
            field: field_of(&super::OCI_PLACE_RIPE),
            how: "a new descr: line of the address range; not the organization",
        },
        Placement {
            registry: Registry::Apnic,
            field: field_of(&super::OCI_PLACE_APNIC),
            how: "the remarks: of the address range, by email to helpdesk@apnic.net",
        },
        Placement {
            registry: Registry::Lacnic,
            field: Field::Unsupported,
            how: "Oracle documents ARIN, RIPE NCC and APNIC only",
        },
        Placement {
            registry: Registry::Afrinic,
            field: Field::Unsupported,
            how: "Oracle documents ARIN, RIPE NCC and APNIC only",
        },
    ],
    failure_codes: &[],
    sources: &["https://docs.oracle.com/en-us/iaas/Content/Network/Concepts/BYOIP.htm"],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_profile_signs_with_the_scheme_its_cloud_names() {
        for cloud in Cloud::ALL {
            let from_profile = match cloud.profile().proof {
                Proof::SignedMessage {
                    scheme, encoding, ..
                } => Some((scheme, encoding)),
                Proof::RegistryToken { .. } => None,
            };
            assert_eq!(from_profile, cloud.signing(), "{cloud}");
            assert_eq!(cloud.profile().name, cloud.name(), "{cloud}");
        }
    }
    use crate::service::Service;

    #[test]
    fn region_ids_are_checked_for_shape() {
        for ok in [
            "us-ashburn-1",
            "eu-jovanovac-1",
            "us-gov-ashburn-1",
            "ap-tokyo-1",
        ] {
            assert_eq!(check_region_id(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "eu-jovanovac1",
            "mars-1",
            "EU-JOVANOVAC-1",
            "eu--1",
            "eu-x-0",
            "eu-x-",
        ] {
            let e = check_region_id(bad).unwrap_err();
            assert!(e.contains("eu-jovanovac-1 (AS14544)"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_region_reads_its_shape_and_prints_as_given() {
        let r: Region = "eu-jovanovac-1".parse().unwrap();
        assert_eq!(r.to_string(), "eu-jovanovac-1");
        assert_eq!(format!("{r:>16}"), "  eu-jovanovac-1");
        assert_eq!(r.as_str(), "eu-jovanovac-1");
        for typo in ["eu-jovanovac1", "nonsense", "EU-jovanovac-1", ""] {
            let e = typo.parse::<Region>().unwrap_err();
            assert!(matches!(e, crate::Error::Region { .. }), "{typo}: {e}");
            assert!(e.to_string().contains("eu-jovanovac-1 (AS14544)"), "{e}");
        }
    }

    #[test]
    fn oracle_government_realms_are_known_by_their_region_ids() {
        for gov in [
            "us-langley-1",
            "us-luke-1",
            "us-gov-ashburn-1",
            "us-gov-phoenix-1",
            "uk-gov-london-1",
        ] {
            let r: Region = gov.parse().unwrap();
            assert!(r.oracle_government(), "{gov}");
            let e = refuse_undocumented_oci(Some(&r), false).unwrap_err();
            assert!(matches!(e, crate::Error::Undocumented { .. }), "{e:?}");
            assert!(
                e.to_string().starts_with(&format!(
                    "region {gov} is in one of Oracle's government realms"
                )),
                "{e}"
            );
        }
        for commercial in [
            "us-ashburn-1",
            "eu-jovanovac-1",
            "us-sanjose-1",
            "ap-govtest-1",
        ] {
            let r: Region = commercial.parse().unwrap();
            assert!(!r.oracle_government(), "{commercial}");
            assert!(refuse_undocumented_oci(Some(&r), false).is_ok());
        }
        let e = refuse_undocumented_oci(None, true).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("Oracle's government cloud, whose BGP ASN"),
            "{e}"
        );
        assert!(refuse_undocumented_oci(None, false).is_ok());
    }

    #[test]
    fn global_accelerator_in_govcloud_is_refused_and_only_it() {
        let e = refuse_undocumented_aws(Service::Ga, true).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("Global Accelerator in AWS GovCloud (US) is not documented"),
            "{e}"
        );
        assert!(
            e.hint()
                .starts_with("bring the range to EC2 or VPC IPAM in GovCloud")
        );
        let e = refuse_undocumented_aws(Service::Cloudfront, true).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("CloudFront through IPAM in AWS GovCloud (US) is not documented"),
            "{e}"
        );
        for (service, gov) in [
            (Service::Ga, false),
            (Service::Cloudfront, false),
            (Service::Ec2, true),
            (Service::Ipam, true),
            (Service::Ec2, false),
        ] {
            assert!(
                refuse_undocumented_aws(service, gov).is_ok(),
                "{service} {gov}"
            );
        }
    }

    #[test]
    fn names_round_trip_and_unknown_names_list_the_choices() {
        for c in Cloud::ALL {
            assert_eq!(c.name().parse::<Cloud>(), Ok(c));
            assert_eq!(c.to_string().to_uppercase().parse::<Cloud>(), Ok(c));
            assert_eq!(c.profile().cloud, c);
        }
        let e = "gcp".parse::<Cloud>().unwrap_err();
        assert_eq!(e.to_string(), "unknown cloud \"gcp\": use aws, azure, oci");
        assert_eq!(Cloud::default(), Cloud::Aws);
    }

    #[test]
    fn every_cloud_places_its_proof_at_every_regional_registry() {
        for c in Cloud::ALL {
            for r in [
                Registry::Arin,
                Registry::RipeNcc,
                Registry::Apnic,
                Registry::Lacnic,
                Registry::Afrinic,
            ] {
                assert!(c.profile().placement_for(r).is_some(), "{c} {r}");
            }
        }
    }

    #[test]
    fn only_the_token_cloud_signs_nothing_and_says_what_proves_control() {
        for c in [Cloud::Aws, Cloud::Azure] {
            assert!(c.profile().message_form().is_some(), "{c}");
            assert!(c.profile().signs_nothing("certificate").is_none(), "{c}");
        }
        let oci = Cloud::Oci.profile();
        assert_eq!(oci.message_form(), None);
        let why = oci.signs_nothing("certificate").unwrap();
        assert!(
            why.starts_with("Oracle takes no certificate: ")
                && why.contains("OCITOKEN::")
                && why.ends_with("nothing to sign"),
            "{why}"
        );
    }

    #[test]
    fn the_ripe_conflict_is_in_the_table() {
        let field = |c: Cloud| c.profile().placement_for(Registry::RipeNcc).unwrap().field;
        assert_eq!(field(Cloud::Aws), Field::Descr);
        assert_eq!(field(Cloud::Azure), Field::Remarks);
        assert_eq!(field(Cloud::Oci), Field::Descr);
    }

    #[test]
    fn national_registries_follow_their_regional_registry() {
        use crate::registry::Nir;
        let azure = Cloud::Azure.profile();
        assert_eq!(
            azure
                .placement_for(Registry::Nir(Nir::NicBr))
                .unwrap()
                .field,
            Field::SupportTicket
        );
        assert_eq!(
            azure
                .placement_for(Registry::Nir(Nir::Jpnic))
                .unwrap()
                .field,
            Field::Remarks
        );
    }

    #[test]
    fn aws_origins_agree_with_the_roa_rule() {
        let aws = Cloud::Aws.profile();
        assert_eq!(
            aws.roa_origins(false),
            crate::roa::required_asns(Service::Ec2, false)
        );
        assert_eq!(
            aws.roa_origins(true),
            crate::roa::required_asns(Service::Ec2, true)
        );
    }

    #[test]
    fn a_regional_origin_replaces_the_usual_ones_in_its_region_only() {
        let oci = &Cloud::Oci.profile().roa;
        assert_eq!(oci.origins_for(None, false), &[Asn::new(31898)]);
        assert_eq!(
            oci.origins_for(Some("eu-frankfurt-1"), false),
            &[Asn::new(31898)]
        );
        assert_eq!(
            oci.origins_for(Some("EU-Jovanovac-1"), false),
            &[Asn::new(14544)]
        );
        assert!(oci.origins_for(None, true).is_empty());
        let azure = &Cloud::Azure.profile().roa;
        assert_eq!(azure.origins_for(None, true), &[Asn::new(8070)]);
        assert_eq!(
            azure.origins_for(Some("eu-jovanovac-1"), false),
            &[Asn::new(8075)]
        );
    }

    #[test]
    fn sizes_accept_the_documented_ranges() {
        let azure = Cloud::Azure.profile().sizes;
        assert!(azure.accepts(true, 21) && azure.accepts(true, 24));
        assert!(!azure.accepts(true, 20) && !azure.accepts(true, 25));
        assert!(azure.accepts(false, 48) && !azure.accepts(false, 47));
        let oci = Cloud::Oci.profile().sizes;
        assert!(oci.accepts(true, 8) && !oci.accepts(true, 7) && !oci.accepts(true, 25));
        assert!(oci.accepts(false, 32) && !oci.accepts(false, 49));
    }

    #[test]
    fn the_table_serializes_with_stable_names() {
        let v = serde_json::to_value(Cloud::Azure.profile()).unwrap();
        assert_eq!(v["name"], "azure");
        assert_eq!(v["proof"]["kind"], "signed-message");
        assert_eq!(v["proof"]["scheme"], "rsa-pkcs1v15-sha256");
        assert_eq!(v["proof"]["encoding"], "base64");
        assert_eq!(v["roa"]["length"], "exact");
        assert_eq!(v["placement"][1]["registry"], "RIPE NCC");
        assert_eq!(v["placement"][1]["field"], "remarks");
        let oci = serde_json::to_value(Cloud::Oci.profile()).unwrap();
        assert_eq!(oci["proof"]["kind"], "registry-token");
        // ASNs are numbers here, as before they were typed `Asn` (whose own JSON is a string).
        assert_eq!(oci["roa"]["regional_origins"][0]["asn"], 14544);
        assert_eq!(oci["roa"]["origins"], serde_json::json!([31898]));
        let aws = serde_json::to_value(Cloud::Aws.profile()).unwrap();
        assert_eq!(aws["roa"]["gov_origins"], serde_json::json!([8987]));
        assert_eq!(
            oci["roa"]["regional_origins"][0]["region"],
            "eu-jovanovac-1"
        );
    }
}
