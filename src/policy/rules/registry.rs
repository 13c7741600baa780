//! AWS's policy for each registry: which ones take the certificate, where it goes, which
//! allocation types AWS lists (the rules table's rows `aws.registries`, the placement rows
//! and `aws.allocation-types.<registry>`).

use crate::{cloud::Cloud, registry::Registry};

impl Registry {
    /// True where AWS supports the certificate-in-RDAP method.
    pub fn supports_x509(self) -> bool {
        // The rules table's row aws.registries.
        super::registries_of(&super::AWS_REGISTRIES).contains(&self)
    }

    /// Where AWS says the certificate goes at this registry (AWS, "Prerequisites for BYOIP in
    /// Amazon EC2").
    pub fn where_to_publish(self) -> &'static str {
        match self {
            Registry::Arin => {
                "in the Public Comments of the Network (NET-…) object for the range, through ARIN Online; not in the organization's comments"
            }
            Registry::RipeNcc => {
                "as a new descr: line of the inetnum/inet6num object for the range; not in remarks: and not in the organization"
            }
            Registry::Apnic => "in a remarks: line of the inetnum/inet6num object for the range",
            _ => "nowhere: this registry is not supported for the certificate method",
        }
    }

    /// Where AWS says the certificate goes for an ASN at this registry ("Tutorial: Bring
    /// your ASN to IPAM").
    pub fn where_to_publish_asn(self) -> &'static str {
        match self {
            Registry::Arin => {
                "in the Public Comments of the ASN's record, through ARIN Online's Modify ASN; not in the organization's comments"
            }
            Registry::RipeNcc => {
                "as a new descr: line of the aut-num object; not in remarks: and not in the organization"
            }
            Registry::Apnic => {
                "in a remarks: line of the aut-num object (email helpdesk@apnic.net to add it)"
            }
            _ => "nowhere: AWS documents the certificate for ASNs at ARIN, RIPE NCC and APNIC only",
        }
    }

    /// The allocation-type rule for `kind`, or `None` when it is one AWS lists (AWS Global
    /// Accelerator Developer Guide, BYOIP "Requirements"; the current EC2 guide lists no
    /// types). Types are compared case-insensitively.
    pub fn allocation_type_rule(self, kind: &str, ipv4: bool) -> Option<TypeVerdict> {
        let k = kind.trim().to_ascii_uppercase();
        // The rules table's rows aws.allocation-types.<registry>.
        let documented: &'static [&'static str] =
            super::allocation_types(Cloud::Aws, self).map_or(&[], super::types_of);
        if documented.contains(&k.as_str()) {
            return None;
        }
        let non_portable = match self {
            Registry::Arin => k == "REASSIGNED" || k == "REALLOCATED",
            Registry::Apnic => k.ends_with("NON-PORTABLE"),
            Registry::RipeNcc => ipv4 && k == "ASSIGNED PA",
            _ => false,
        };
        Some(if non_portable {
            TypeVerdict::NonPortable(documented)
        } else {
            TypeVerdict::Undocumented(documented)
        })
    }
}

/// Why an allocation type is not one AWS documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TypeVerdict {
    /// Space sub-delegated by another holder: not the holder's to bring. Lists the
    /// documented types.
    NonPortable(&'static [&'static str]),
    /// A type AWS does not list; it may still work (users report RIPE IPv6 `ASSIGNED` working).
    Undocumented(&'static [&'static str]),
}
