//! The AWS CLI commands that provision a prefix once its authorization is ready: one
//! producer for `sign`, `batch sign`, `dns-token plan` and the web page.
//!
//! Sources (AWS's public documentation):
//! - EC2 user guide, "Onboard your address range for use in Amazon EC2"
//!   (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/byoip-onboard.html>):
//!   `aws ec2 provision-byoip-cidr --cidr … --cidr-authorization-context Message=…,Signature=…`,
//!   and `--no-publicly-advertisable` for an IPv6 range that is not advertised.
//! - VPC IPAM user guide, "Bring your own IP to IPAM"
//!   (<https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoip-ipam.html>) and the EC2 API
//!   reference, `ProvisionIpamPoolCidr`
//!   (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ProvisionIpamPoolCidr.html>):
//!   `--verification-method remarks-x509` with the context, or `dns-token` with
//!   `--ipam-external-resource-verification-token-id`.
//! - VPC IPAM user guide, "Tutorial: Bring your ASN to IPAM"
//!   (<https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoasn.html>) and the EC2 API
//!   reference, `ProvisionIpamByoasn`
//!   (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ProvisionIpamByoasn.html>):
//!   `aws ec2 provision-ipam-byoasn --ipam-id … --asn … --asn-authorization-context …`.
//! - Global Accelerator developer guide, "Bring your own IP addresses (BYOIP)"
//!   (<https://docs.aws.amazon.com/global-accelerator/latest/dg/using-byoip.html>): an IPv4
//!   /24, through the API in us-west-2.

use crate::{
    Asn,
    dnstoken::{Plan, Token},
    prefix::Service,
    signature::SignedMessage,
};

/// The `--ipam-pool-id` of a printed IPAM command when none was given: a shell expansion
/// that fails loudly while IPAM_POOL_ID is unset.
pub const IPAM_POOL_ID_PLACEHOLDER: &str =
    "\"${IPAM_POOL_ID:?set IPAM_POOL_ID to your top-level pool}\"";

/// The `--ipam-id` of a printed BYOASN command when none was given: a shell expansion that
/// fails loudly while IPAM_ID is unset.
pub const IPAM_ID_PLACEHOLDER: &str = "\"${IPAM_ID:?set IPAM_ID to your IPAM}\"";

/// The `--ipam-external-resource-verification-token-id` of a dns-token command when the
/// token's id is not known: a shell expansion that fails loudly while IPAM_TOKEN_ID is unset.
pub const IPAM_TOKEN_ID_PLACEHOLDER: &str =
    "\"${IPAM_TOKEN_ID:?set IPAM_TOKEN_ID to the IpamExternalResourceVerificationTokenId}\"";

/// The AWS CLI command that provisions `s` with `service`. `advertise` false adds
/// `--no-publicly-advertisable` for IPv6 on EC2; `pool` is the IPAM pool id (default:
/// [`IPAM_POOL_ID_PLACEHOLDER`]); `region` adds `--region`.
pub fn command(
    service: Service,
    s: &SignedMessage,
    advertise: bool,
    pool: Option<&str>,
    region: Option<&str>,
) -> String {
    let Some(cidr) = s.message.prefix() else {
        return "# not applicable: an ASN message is provisioned with provision-ipam-byoasn".into();
    };
    let ctx = s.context();
    let region = region.map(|r| format!(" --region {r}")).unwrap_or_default();
    match service {
        Service::Ec2 => {
            let no_adv = if !advertise && !cidr.is_ipv4() {
                " --no-publicly-advertisable"
            } else {
                ""
            };
            format!(
                "aws ec2 provision-byoip-cidr --cidr {cidr} --cidr-authorization-context {ctx}{no_adv}{region}"
            )
        }
        Service::Ipam => {
            let pool = pool.unwrap_or(IPAM_POOL_ID_PLACEHOLDER);
            format!(
                "aws ec2 provision-ipam-pool-cidr --ipam-pool-id {pool} --cidr {cidr} --verification-method remarks-x509 --cidr-authorization-context {ctx}{region}"
            )
        }
        // Global Accelerator's API lives in us-west-2 whatever the endpoints' Regions.
        Service::Ga if cidr.is_ipv4() && cidr.prefix_len() == 24 => format!(
            "aws globalaccelerator provision-byoip-cidr --cidr {cidr} --cidr-authorization-context {ctx} --region us-west-2"
        ),
        Service::Ga => "# not applicable: Global Accelerator takes exactly an IPv4 /24".into(),
    }
}

/// Every service with the title `sign --format aws-cli` prints above its command.
pub const SERVICES: [(Service, &str); 3] = [
    (Service::Ec2, "EC2 BYOIP"),
    (
        Service::Ipam,
        "VPC IPAM, top-level pool in the public scope",
    ),
    (Service::Ga, "Global Accelerator"),
];

/// The AWS CLI command that provisions `plan.cidr` into an IPAM pool with dns-token.
/// `pool` and the token's id default to shell expansions that fail loudly while unset.
pub fn dns_token_command(
    plan: &Plan,
    token: &Token,
    pool: Option<&str>,
    region: Option<&str>,
) -> String {
    let pool = pool.unwrap_or(IPAM_POOL_ID_PLACEHOLDER);
    let id = token.id.as_deref().unwrap_or(IPAM_TOKEN_ID_PLACEHOLDER);
    let region = region.map(|r| format!(" --region {r}")).unwrap_or_default();
    format!(
        "aws ec2 provision-ipam-pool-cidr --ipam-pool-id {pool} --cidr {} --verification-method dns-token --ipam-external-resource-verification-token-id {id}{region}",
        plan.cidr
    )
}

/// `aws ec2 provision-ipam-byoasn` for a signed ASN message. `ipam_id` defaults to
/// [`IPAM_ID_PLACEHOLDER`]; `region` adds `--region`.
pub fn byoasn_command(
    asn: Asn,
    s: &SignedMessage,
    ipam_id: Option<&str>,
    region: Option<&str>,
) -> String {
    let region = region.map(|r| format!(" --region {r}")).unwrap_or_default();
    format!(
        "aws ec2 provision-ipam-byoasn --ipam-id {} --asn {asn} --asn-authorization-context {}{region}",
        ipam_id.unwrap_or(IPAM_ID_PLACEHOLDER),
        s.context(),
    )
}
