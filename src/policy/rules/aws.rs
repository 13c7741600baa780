//! AWS's rows: EC2, VPC IPAM, Global Accelerator, CloudFront and BYOASN, with the pages
//! they come from.

use super::{MaxLength, REVIEW, Rule, Source, Value, row};
use crate::{
    asn::Asn,
    cloud::{Cloud::Aws, Field},
    registry::Registry,
    service::Service::{Cloudfront, Ec2, Ga, Ipam},
};

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

/// When AWS's pages behind the EC2, IPAM and BYOASN rows were read.
const AWS_READ: &str = "2026-11-25";
/// When the CloudFront tutorial, the Local Zones parameter and IPAM's route protection
/// findings were read.
const CF_READ: &str = "2026-12-07";

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
