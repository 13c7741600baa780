//! Azure's rows (custom IP address prefixes), with the pages they come from.

use super::{MaxLength, REVIEW, Rule, Source, Value, row};
use crate::{
    asn::Asn,
    cloud::{Cloud::Azure, Field},
    registry::Registry,
};

// The sources.

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

/// When Azure's pages were read.
const AZURE_READ: &str = "2026-11-26";

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
