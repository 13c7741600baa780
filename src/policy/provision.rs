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
//! - VPC IPAM user guide, "Bring your own IP to CloudFront using IPAM (supports IPv4 and
//!   IPv6)" (<https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoip-cloudfront.html>):
//!   `aws ec2 create-ipam-pool … --locale None … --source-ipam-pool-id`, then
//!   `provision-ipam-pool-cidr` into that pool.
//! - EC2 API reference, `ByoipCidr`
//!   (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ByoipCidr.html>): a
//!   Local Zone's `--network-border-group` on `provision-byoip-cidr` and
//!   `advertise-byoip-cidr`, IPv4 only.
//! - Global Accelerator developer guide, "Bring your own IP addresses (BYOIP)"
//!   (<https://docs.aws.amazon.com/global-accelerator/latest/dg/using-byoip.html>): an IPv4
//!   /24, through the API in us-west-2.
//!
//! And Azure's, for a custom IP prefix (Microsoft Learn, "Create a custom IPv4 address
//! prefix using the Azure CLI" and "… using Azure PowerShell",
//! <https://learn.microsoft.com/azure/virtual-network/ip-services/create-custom-ip-address-prefix-cli>):
//! `az network custom-ip prefix create … --cidr … --authorization-message … --signed-message …`
//! and `New-AzCustomIpPrefix … -AuthorizationMessage … -SignedMessage …`; and the azurerm
//! Terraform provider's `azurerm_custom_ip_prefix` (`cidr`, `roa_validity_end_date` as
//! YYYY-MM-DD, `wan_validation_signed_message`), which builds the message itself from the
//! provider's subscription.

use crate::{
    Asn,
    dnstoken::{Plan, Token},
    message::AzureMessage,
    service::{NetworkBorderGroup, Service},
    signature::SignedMessage,
};

/// The `--ipam-pool-id` of a printed IPAM command when none was given: a shell expansion
/// that fails loudly while IPAM_POOL_ID is unset.
const IPAM_POOL_ID_PLACEHOLDER: &str =
    "\"${IPAM_POOL_ID:?set IPAM_POOL_ID to your top-level pool}\"";

/// The `--ipam-id` of a printed BYOASN command when none was given: a shell expansion that
/// fails loudly while IPAM_ID is unset.
const IPAM_ID_PLACEHOLDER: &str = "\"${IPAM_ID:?set IPAM_ID to your IPAM}\"";

/// The `--ipam-external-resource-verification-token-id` of a dns-token command when the
/// token's id is not known: a shell expansion that fails loudly while IPAM_TOKEN_ID is unset.
const IPAM_TOKEN_ID_PLACEHOLDER: &str =
    "\"${IPAM_TOKEN_ID:?set IPAM_TOKEN_ID to the IpamExternalResourceVerificationTokenId}\"";

/// The IPAM scope of CloudFront's pool when none was given: a shell expansion that fails
/// loudly while IPAM_SCOPE_ID is unset.
const IPAM_SCOPE_ID_PLACEHOLDER: &str =
    "\"${IPAM_SCOPE_ID:?set IPAM_SCOPE_ID to your IPAM's public scope}\"";

/// The pool for global services that CloudFront's range goes to: a shell expansion that
/// fails loudly while GLOBAL_POOL_ID is unset.
const GLOBAL_POOL_ID_PLACEHOLDER: &str =
    "\"${GLOBAL_POOL_ID:?set GLOBAL_POOL_ID to the pool create-ipam-pool made}\"";

/// The AWS CLI command that provisions `s` with `service`. `advertise` false adds
/// `--no-publicly-advertisable` for IPv6 on EC2; `pool` is the IPAM pool id (default:
/// a shell expansion that fails loudly while `IPAM_POOL_ID` is unset); `region` adds
/// `--region`. CloudFront's are three lines: the top-level pool takes the signed context,
/// a pool with locale None is made from it, and the range is provisioned there.
pub fn command(
    service: Service,
    s: &SignedMessage,
    advertise: bool,
    pool: Option<&str>,
    region: Option<&str>,
) -> String {
    command_in(service, s, advertise, pool, region, None)
}

/// [`command`], with EC2's Local Zone: `border_group` adds `--network-border-group` to
/// `provision-byoip-cidr` and a second line, `advertise-byoip-cidr`, which takes it too
/// (EC2 API Reference, `ByoipCidr`: "you can choose a network border group for Local Zones
/// when you provision and advertise a BYOIPv4 CIDR"). Check the group with
/// [`NetworkBorderGroup::allowed`] first: it is printed for EC2 IPv4 only.
pub fn command_in(
    service: Service,
    s: &SignedMessage,
    advertise: bool,
    pool: Option<&str>,
    region: Option<&str>,
    border_group: Option<&NetworkBorderGroup>,
) -> String {
    let Some(cidr) = s.message.prefix() else {
        return "# not applicable: an ASN message is provisioned with provision-ipam-byoasn".into();
    };
    let ctx = s.context();
    let region = region.map(|r| format!(" --region {r}")).unwrap_or_default();
    let top_level = |pool: &str| {
        format!(
            "aws ec2 provision-ipam-pool-cidr --ipam-pool-id {pool} --cidr {cidr} --verification-method remarks-x509 --cidr-authorization-context {ctx}{region}"
        )
    };
    match service {
        Service::Ec2 => {
            let no_adv = if !advertise && !cidr.is_ipv4() {
                " --no-publicly-advertisable"
            } else {
                ""
            };
            match border_group.filter(|_| cidr.is_ipv4()) {
                Some(g) => format!(
                    "aws ec2 provision-byoip-cidr --cidr {cidr} --cidr-authorization-context {ctx} --network-border-group {g}{region}\naws ec2 advertise-byoip-cidr --cidr {cidr} --network-border-group {g}{region}"
                ),
                None => format!(
                    "aws ec2 provision-byoip-cidr --cidr {cidr} --cidr-authorization-context {ctx}{no_adv}{region}"
                ),
            }
        }
        Service::Ipam => top_level(pool.unwrap_or(IPAM_POOL_ID_PLACEHOLDER)),
        // VPC IPAM User Guide, "Bring your own IP to CloudFront using IPAM (supports IPv4
        // and IPv6)": a pool with locale None sourced from the top-level pool, the whole
        // /24 or /48 provisioned to it; the anycast IP list and the advertisement follow.
        Service::Cloudfront if cidr_fits_cloudfront(cidr) => {
            let pool = pool.unwrap_or(IPAM_POOL_ID_PLACEHOLDER);
            let family = if cidr.is_ipv4() { "ipv4" } else { "ipv6" };
            format!(
                "{}\naws ec2 create-ipam-pool --ipam-scope-id {IPAM_SCOPE_ID_PLACEHOLDER} --locale None --address-family {family} --source-ipam-pool-id {pool}{region}\naws ec2 provision-ipam-pool-cidr --ipam-pool-id {GLOBAL_POOL_ID_PLACEHOLDER} --cidr {cidr}{region}",
                top_level(pool)
            )
        }
        Service::Cloudfront => {
            "# not applicable: CloudFront takes exactly an IPv4 /24 or an IPv6 /48".into()
        }
        // Global Accelerator's API lives in us-west-2 whatever the endpoints' Regions.
        Service::Ga if cidr.is_ipv4() && cidr.prefix_len() == 24 => format!(
            "aws globalaccelerator provision-byoip-cidr --cidr {cidr} --cidr-authorization-context {ctx} --region us-west-2"
        ),
        Service::Ga => "# not applicable: Global Accelerator takes exactly an IPv4 /24".into(),
    }
}

/// True for the sizes CloudFront takes (the rules table's aws.cloudfront.prefix.*).
fn cidr_fits_cloudfront(cidr: crate::Prefix) -> bool {
    cidr.size_violation(Service::Cloudfront, true).is_none()
}

/// Every service with the title `sign --format aws-cli` prints above its command.
pub const SERVICES: [(Service, &str); 4] = [
    (Service::Ec2, "EC2 BYOIP"),
    (
        Service::Ipam,
        "VPC IPAM, top-level pool in the public scope",
    ),
    (Service::Ga, "Global Accelerator"),
    (
        Service::Cloudfront,
        "CloudFront through VPC IPAM: the top-level pool, then a pool with locale None for global services",
    ),
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

/// `aws ec2 provision-ipam-byoasn` for a signed ASN message. `ipam_id` defaults to a
/// shell expansion that fails loudly while `IPAM_ID` is unset; `region` adds `--region`.
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

/// Where an Azure custom IP prefix is created. `None` fields print as placeholders that
/// fail loudly while unset (a shell expansion, a PowerShell or Terraform variable).
#[derive(Clone, Copy, Debug, Default)]
pub struct AzureTarget<'a> {
    /// The resource's name (default: `byoip-` and the CIDR with `.:/` as `-`).
    pub name: Option<&'a str>,
    /// The resource group.
    pub resource_group: Option<&'a str>,
    /// The region, e.g. `westus2`.
    pub location: Option<&'a str>,
}

/// The default name of the custom IP prefix for `m`: `byoip-198-51-100-0-24`.
fn azure_default_name(m: &AzureMessage) -> String {
    format!(
        "byoip-{}",
        m.prefix.to_string().replace(['.', ':', '/'], "-")
    )
}

/// Single-quoted for a POSIX shell and for PowerShell: the message's and base64's
/// alphabets hold no quote, so the text goes in as it is.
fn quoted(s: &str) -> String {
    format!("'{s}'")
}

/// `az network custom-ip prefix create` for a signed Azure message; `--subscription` pins
/// the subscription the message names.
pub fn azure_cli_command(m: &AzureMessage, signature: &str, t: AzureTarget<'_>) -> String {
    let name = t.name.map_or_else(|| azure_default_name(m), str::to_string);
    let group = t.resource_group.map_or_else(
        || "\"${AZ_RESOURCE_GROUP:?set AZ_RESOURCE_GROUP to the resource group}\"".to_string(),
        quoted,
    );
    let location = t.location.map_or_else(
        || "\"${AZ_LOCATION:?set AZ_LOCATION to the region, e.g. westus2}\"".to_string(),
        quoted,
    );
    format!(
        "az network custom-ip prefix create --subscription {} --name {} --resource-group {group} --location {location} --cidr {} --authorization-message {} --signed-message {}",
        m.subscription,
        quoted(&name),
        m.prefix,
        quoted(&m.to_string()),
        quoted(signature),
    )
}

/// `New-AzCustomIpPrefix` for a signed Azure message (run in the subscription the message
/// names: `Set-AzContext -Subscription …` first).
pub fn azure_powershell_command(m: &AzureMessage, signature: &str, t: AzureTarget<'_>) -> String {
    let name = t.name.map_or_else(|| azure_default_name(m), str::to_string);
    let group = t
        .resource_group
        .map_or_else(|| "$env:AZ_RESOURCE_GROUP".to_string(), quoted);
    let location = t
        .location
        .map_or_else(|| "$env:AZ_LOCATION".to_string(), quoted);
    format!(
        "Set-AzContext -Subscription {}\nNew-AzCustomIpPrefix -Name {} -ResourceGroupName {group} -Location {location} -Cidr {} -AuthorizationMessage {} -SignedMessage {}",
        quoted(m.subscription.as_str()),
        quoted(&name),
        quoted(&m.prefix.to_string()),
        quoted(&m.to_string()),
        quoted(signature),
    )
}

/// What PowerShell must check before [`azure_powershell_command`] runs: each environment
/// variable standing in for a value not given stops the script when it is unset, as the
/// `${VAR:?…}` placeholders of the `az` command do. Empty when every value is given.
pub fn azure_powershell_preamble(t: AzureTarget<'_>) -> String {
    let mut out = String::new();
    for (given, var, what) in [
        (t.resource_group, "AZ_RESOURCE_GROUP", "the resource group"),
        (t.location, "AZ_LOCATION", "the region, e.g. westus2"),
    ] {
        if given.is_none() {
            out += &format!("if (-not $env:{var}) {{ throw 'set {var} to {what}' }}\n");
        }
    }
    out
}

/// The `variable` blocks [`azure_terraform`] refers to for values not given (a whole file
/// declares them once, however many resources it has). Empty when every value is given.
pub fn azure_terraform_variables(t: AzureTarget<'_>) -> String {
    let mut out = String::new();
    for (given, var, what) in [
        (
            t.location,
            "location",
            "The Azure region of the custom IP prefixes, e.g. westus2",
        ),
        (
            t.resource_group,
            "resource_group_name",
            "The resource group of the custom IP prefixes",
        ),
    ] {
        if given.is_none() {
            out += &format!(
                "variable \"{var}\" {{\n  type        = string\n  description = \"{what}\"\n}}\n\n"
            );
        }
    }
    out
}

/// An `azurerm_custom_ip_prefix` resource for a signed Azure message. azurerm builds the
/// message from the provider's subscription, `cidr` and `roa_validity_end_date`, so the
/// block carries the date and the signature, and says which subscription the provider must
/// use.
pub fn azure_terraform(m: &AzureMessage, signature: &str, t: AzureTarget<'_>) -> String {
    let name = t.name.map_or_else(|| azure_default_name(m), str::to_string);
    let label = name.replace(['-', '.'], "_");
    let var = |given: Option<&str>, var: &str| {
        given.map_or_else(|| format!("var.{var}"), |v| format!("\"{v}\""))
    };
    format!(
        "# azurerm signs nothing: it rebuilds the message {m} from the provider's\n\
         # subscription ({}), cidr and roa_validity_end_date, and sends this signature with it.\n\
         resource \"azurerm_custom_ip_prefix\" \"{label}\" {{\n\
         \x20 name                          = \"{name}\"\n\
         \x20 location                      = {}\n\
         \x20 resource_group_name           = {}\n\
         \x20 cidr                          = \"{}\"\n\
         \x20 roa_validity_end_date         = \"{}\"\n\
         \x20 wan_validation_signed_message = \"{signature}\"\n\
         }}\n",
        m.subscription,
        var(t.location, "location"),
        var(t.resource_group, "resource_group_name"),
        m.prefix,
        m.expires.date().format("%Y-%m-%d"),
    )
}

#[cfg(test)]
mod azure_tests {
    use super::*;

    fn m() -> AzureMessage {
        "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|198.51.100.0/24|20271231"
            .parse()
            .unwrap()
    }

    #[test]
    fn placeholders_are_declared_and_guarded_only_when_a_value_is_missing() {
        let none = AzureTarget::default();
        let vars = azure_terraform_variables(none);
        assert!(
            vars.contains("variable \"location\" {")
                && vars.contains("variable \"resource_group_name\" {"),
            "{vars}"
        );
        let pre = azure_powershell_preamble(none);
        assert_eq!(pre.lines().count(), 2, "{pre}");
        assert!(
            pre.contains("if (-not $env:AZ_RESOURCE_GROUP) { throw"),
            "{pre}"
        );
        let all = AzureTarget {
            name: None,
            resource_group: Some("rg"),
            location: Some("westus2"),
        };
        assert_eq!(azure_terraform_variables(all), "");
        assert_eq!(azure_powershell_preamble(all), "");
        let half = AzureTarget {
            name: None,
            resource_group: Some("rg"),
            location: None,
        };
        assert!(!azure_terraform_variables(half).contains("resource_group_name"));
        assert!(
            azure_powershell_preamble(half).contains("AZ_LOCATION")
                && !azure_powershell_preamble(half).contains("AZ_RESOURCE_GROUP")
        );
    }

    #[test]
    fn az_cli_powershell_and_terraform_carry_message_and_signature() {
        let t = AzureTarget::default();
        let cli = azure_cli_command(&m(), "c2ln+/==", t);
        assert_eq!(
            cli,
            "az network custom-ip prefix create --subscription 6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab --name 'byoip-198-51-100-0-24' --resource-group \"${AZ_RESOURCE_GROUP:?set AZ_RESOURCE_GROUP to the resource group}\" --location \"${AZ_LOCATION:?set AZ_LOCATION to the region, e.g. westus2}\" --cidr 198.51.100.0/24 --authorization-message '6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|198.51.100.0/24|20271231' --signed-message 'c2ln+/=='"
        );
        let ps = azure_powershell_command(
            &m(),
            "c2ln+/==",
            AzureTarget {
                name: Some("p1"),
                resource_group: Some("rg"),
                location: Some("westus2"),
            },
        );
        assert!(ps.ends_with("New-AzCustomIpPrefix -Name 'p1' -ResourceGroupName 'rg' -Location 'westus2' -Cidr '198.51.100.0/24' -AuthorizationMessage '6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|198.51.100.0/24|20271231' -SignedMessage 'c2ln+/=='"), "{ps}");
        let tf = azure_terraform(&m(), "c2ln+/==", t);
        assert!(
            tf.contains("resource \"azurerm_custom_ip_prefix\" \"byoip_198_51_100_0_24\" {\n"),
            "{tf}"
        );
        assert!(
            tf.contains("  roa_validity_end_date         = \"2027-12-31\"\n"),
            "{tf}"
        );
        assert!(
            tf.contains("  wan_validation_signed_message = \"c2ln+/==\"\n"),
            "{tf}"
        );
        assert!(
            tf.contains("  resource_group_name           = var.resource_group_name\n"),
            "{tf}"
        );
    }
}
