//! Oracle Cloud's rows, with the page they come from (and RFC 6811 for the advisory on the
//! origin announcing today).

use super::{REVIEW, Rule, Source, Value, row};
use crate::{
    asn::Asn,
    cloud::{Cloud::Oci, Field},
};

// The sources.

const OCI: Source = Source {
    title: "Bring Your Own IP, Oracle Cloud Infrastructure Documentation",
    url: "https://docs.oracle.com/en-us/iaas/Content/Network/Concepts/BYOIP.htm",
};
const RFC6811: Source = Source {
    title: "RFC 6811, BGP Prefix Origin Validation, section 2",
    url: "https://www.rfc-editor.org/rfc/rfc6811#section-2",
};

/// Oracle's page, as its "Updated" line dates it.
const OCI_UPDATED: &str = "2025-02-21";

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
