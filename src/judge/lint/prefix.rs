//! The prefix rules ([`crate::Prefix`]) worded as lint findings: the sizes each cloud and
//! service takes (AWS, "Bring your own IP addresses (BYOIP) to Amazon EC2"; the AWS Global
//! Accelerator Developer Guide, BYOIP requirements; Microsoft Learn, "Custom IP address
//! prefix (BYOIP)") and special-purpose space.

use super::{Finding, LintId, Severity};
use crate::{
    prefix::{Prefix, SizeViolation},
    service::Service,
};

/// The prefix rules ([`crate::Prefix`]) worded as lint findings, with the fix.
impl Prefix {
    /// The size rule for `service` as the `prefix.size` finding ([`Prefix::size_violation`]
    /// in AWS's words, with the fix), or `None` when the size is accepted.
    pub fn size_finding(&self, service: Service, advertise: bool) -> Option<Finding> {
        self.size_violation(service, advertise)
            .map(|v| size_finding(self, v))
    }

    /// Azure's size rule (Microsoft Learn, "Custom IP address prefix (BYOIP)"): IPv4 /21 to
    /// /24 and IPv6 /48 carry the authorization message; a regional IPv4 range (down to
    /// /26) or a regional IPv6 /64 is created under a global parent, which is the one
    /// validated, so a message for it is a warning. `None` when the size is accepted.
    pub(crate) fn azure_size_finding(&self) -> Option<Finding> {
        let sizes = crate::cloud::Cloud::Azure.profile().sizes;
        let len = self.prefix_len();
        if sizes.accepts(self.is_ipv4(), len) {
            return None;
        }
        let id = LintId::PrefixSize;
        let (v4_short, v4_long) = sizes.ipv4;
        let (v6, _) = sizes.ipv6;
        Some(match (self.is_ipv4(), len) {
            (true, 25 | 26) => Finding::new(
                id,
                Severity::Warning,
                format!(
                    "{self} is a /{len}: Azure takes it only as a regional range inside a global /{v4_short} to /{v4_long} parent, and only the parent is validated"
                ),
                "sign a message for the global parent prefix; the regional range is created under it without one",
            ),
            (false, 64) => Finding::new(
                id,
                Severity::Warning,
                format!(
                    "{self} is a /64: Azure's regional IPv6 ranges are /64 and need no authorization message; only the global /{v6} is validated"
                ),
                "sign a message for the global /48 parent",
            ),
            (true, _) => Finding::new(
                id,
                Severity::Error,
                format!(
                    "{self} is a /{len}; Azure accepts IPv4 custom prefixes from /{v4_short} to /{v4_long} (Microsoft Learn, \"Custom IP address prefix (BYOIP)\")"
                ),
                format!("bring a /{v4_short} to /{v4_long}"),
            ),
            (false, _) => Finding::new(
                id,
                Severity::Error,
                format!(
                    "{self} is a /{len}; Azure's global IPv6 custom prefix must be a /{v6} (Microsoft Learn, \"Custom IP address prefix (BYOIP)\")"
                ),
                format!("bring the /{v6} as the global prefix (regional /64 ranges go under it)"),
            ),
        })
    }

    /// The warning for special-purpose space (`prefix.public`): AWS refuses it, as no
    /// registry delegates it, but the examples in AWS's documentation and byoip's own use
    /// documentation prefixes on purpose, so it is a warning, not an error.
    pub fn public_finding(&self) -> Option<Finding> {
        self.public_finding_for(crate::cloud::Cloud::Aws)
    }

    /// [`Prefix::public_finding`] naming `cloud` as the one that refuses it.
    pub(crate) fn public_finding_for(&self, cloud: crate::cloud::Cloud) -> Option<Finding> {
        let s = self.special_purpose()?;
        let vendor = cloud.vendor();
        let (what, hint) = if s.documentation {
            (
                "an example address block",
                format!("fine for trying things out; sign your own prefix for {vendor}"),
            )
        } else {
            (
                "space no registry delegates",
                "bring public address space registered to your organization".to_string(),
            )
        };
        Some(Finding::new(
            LintId::PrefixPublic,
            Severity::Warning,
            format!(
                "{self} is {} ({}, {}), {what}: {vendor} will refuse to provision it",
                s.name, s.block, s.rfc
            ),
            hint,
        ))
    }
}

/// [`SizeViolation`] `v` of `prefix` as the `prefix.size` finding. Sources: AWS, "Bring your
/// own IP addresses (BYOIP) to Amazon EC2"; the AWS Global Accelerator Developer Guide,
/// BYOIP requirements.
fn size_finding(prefix: &Prefix, v: SizeViolation) -> Finding {
    let len = prefix.prefix_len();
    let severity = if v.is_refusal() {
        Severity::Error
    } else {
        Severity::Warning
    };
    let (message, hint) = match v {
        SizeViolation::GlobalAcceleratorNot24 => (
            format!(
                "{prefix} is a /{len}; Global Accelerator accepts exactly a /24 (AWS Global Accelerator Developer Guide, BYOIP requirements)"
            ),
            "bring a /24 to Global Accelerator, or use EC2/IPAM for other sizes",
        ),
        SizeViolation::GlobalAcceleratorIpv6 => (
            format!(
                "{prefix} is IPv6; Global Accelerator accepts IPv4 /24 only (AWS Global Accelerator Developer Guide, BYOIP requirements)"
            ),
            "bring IPv6 ranges to EC2 or IPAM instead",
        ),
        SizeViolation::CloudFrontNot24 => (
            format!(
                "{prefix} is a /{len}; CloudFront takes exactly a /24 for IPv4 (VPC IPAM User Guide, \"Bring your own IP to CloudFront using IPAM\": \"Requires /24 CIDR blocks for IPv4.\")"
            ),
            "bring a /24 to CloudFront (the whole /24 goes to its pool), or use EC2/IPAM for other sizes",
        ),
        SizeViolation::CloudFrontNot48 => (
            format!(
                "{prefix} is a /{len}; CloudFront takes exactly a /48 for IPv6 (VPC IPAM User Guide, \"Bring your own IP to CloudFront using IPAM\": \"requires /24 IPv4 and /48 IPv6 CIDR blocks\")"
            ),
            "bring a /48 to CloudFront (the whole /48 goes to its pool), or use EC2/IPAM for other sizes",
        ),
        SizeViolation::Ipv4TooSpecific => (
            format!(
                "{prefix} is more specific than /24, the most specific IPv4 prefix AWS accepts (AWS, \"Bring your own IP addresses (BYOIP) to Amazon EC2\")"
            ),
            "bring the covering /24 (or a shorter prefix)",
        ),
        SizeViolation::AdvertisedIpv6TooSpecific => (
            format!(
                "{prefix} is more specific than /48, the most specific advertisable IPv6 prefix (AWS, \"Bring your own IP addresses (BYOIP) to Amazon EC2\")"
            ),
            "bring a /48 or shorter, or provision it as not publicly advertisable if it will not be announced",
        ),
        SizeViolation::NonAdvertisedIpv6TooSpecific => (
            format!(
                "{prefix} is more specific than /60, the most specific non-advertised IPv6 prefix (AWS, \"Bring your own IP addresses (BYOIP) to Amazon EC2\")"
            ),
            "bring a /60 or shorter",
        ),
        SizeViolation::NonAdvertisedIpv6BeyondApiReference => (
            format!(
                "{prefix} is a /{len}: the user guides accept non-advertised IPv6 up to /60, but the EC2 API reference says /56"
            ),
            "if AWS refuses it, bring a /56 or shorter",
        ),
    };
    Finding::new(LintId::PrefixSize, severity, message, hint)
}
