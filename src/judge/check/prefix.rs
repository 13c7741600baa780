//! `prefix.*`: the prefix itself, written canonically (RFC 4632, RFC 5952), of a size the
//! service accepts (AWS, "Prerequisites for BYOIP in Amazon EC2"), and not special-purpose
//! space (RFC 6890).

use super::{Builder, CheckId, Inputs};
use crate::{
    cloud::Cloud,
    prefix::{Cidr, Prefix},
    rules,
    service::Service,
};

/// Global Accelerator's quota, which byoip cannot count (it sees one prefix, not the
/// account): AWS Global Accelerator Developer Guide, "Bring your own IP addresses (BYOIP)".
pub(super) const GA_QUOTA: &str = "Global Accelerator takes up to two qualifying IP address ranges per AWS account (\"You can bring up to two qualifying IP address ranges to AWS Global Accelerator per AWS account\"): count the ranges this account has brought before provisioning";

/// `prefix.canonical`, `prefix.size` and `prefix.public`, by `inp`'s cloud's rules.
pub(super) fn prefix_checks(b: &mut Builder, inp: &Inputs<'_>) {
    let p = inp.prefix();
    canonical_check(b, &inp.cidr, inp.cloud);
    match inp.cloud {
        Cloud::Aws => aws_size_check(b, inp, p),
        cloud => cloud_size_check(b, cloud, p),
    }
    public_check(b, p);
}

/// `prefix.size` for AWS: the service's sizes, its quota and a Local Zone's group.
fn aws_size_check(b: &mut Builder, inp: &Inputs<'_>, p: Prefix) {
    // The size rows the check applies (the rules table), and the quota it notes.
    let size = rules::aws_prefix(inp.service, p.is_ipv4(), inp.advertise);
    let api = (!p.is_ipv4() && !inp.advertise && inp.service != Service::Ga)
        .then_some(&rules::AWS_PREFIX_V6_UNADVERTISED_API);
    let quota = rules::aws_quota(inp.service);
    // CloudFront's pool holds the whole /24 or /48; a Local Zone's group is EC2 IPv4's.
    let pool = (inp.service == Service::Cloudfront).then_some(&rules::AWS_CF_POOL);
    let zone = inp
        .network_border_group
        .as_ref()
        .map(|_| &rules::AWS_EC2_BORDER_GROUP);
    let mut cited = b.citing([size, quota].into_iter().chain(api).chain(pool).chain(zone));
    let check = match p.size_finding(inp.service, inp.advertise) {
        Some(f) => cited.finding(CheckId::PrefixSize, &f),
        None => cited.pass(
            CheckId::PrefixSize,
            format!("a /{} is accepted by {}", p.prefix_len(), inp.service),
        ),
    };
    // The quota is a caveat on a size that passes, and a fact beside one that does not
    // (Global Accelerator's, two ranges per account, in the words of its row); the others
    // are noted in the details.
    if inp.service == Service::Ga {
        match check.hint {
            None => check.hint = Some(GA_QUOTA.to_string()),
            Some(_) => check.details.push(GA_QUOTA.to_string()),
        }
    } else {
        check.details.push(quota_line(Cloud::Aws, quota));
    }
    if let Some(g) = &inp.network_border_group {
        check.details.push(format!(
            "Local Zone: network border group {g}, which provision-byoip-cidr and advertise-byoip-cidr both take"
        ));
    }
}

/// `prefix.size` for Azure and Oracle: the sizes the cloud's profile reads from its rows,
/// and its quota noted.
fn cloud_size_check(b: &mut Builder, cloud: Cloud, p: Prefix) {
    // The cloud's size rows (its profile's sizes are read from them) and its quota.
    let quota = rules::cloud_quota(cloud);
    let mut cited = b.citing(
        rules::cloud_prefix(cloud, p.is_ipv4())
            .into_iter()
            .chain(quota),
    );
    let b = &mut *cited;
    let quota_line = quota.map(|q| quota_line(cloud, q));
    let sizes = cloud.profile().sizes;
    let name = cloud.vendor();
    if cloud == Cloud::Azure
        && let Some(f) = p.azure_size_finding()
    {
        b.finding(CheckId::PrefixSize, &f)
            .details
            .extend(quota_line);
        return;
    }
    let len = p.prefix_len();
    let check = if sizes.accepts(p.is_ipv4(), len) {
        b.pass(
            CheckId::PrefixSize,
            format!("a /{len} is accepted by {name}"),
        )
    } else {
        let ((s4, l4), (s6, l6)) = (sizes.ipv4, sizes.ipv6);
        b.fail(
            CheckId::PrefixSize,
            format!(
                "{p} is a /{len}; {name} accepts IPv4 /{s4} to /{l4} and IPv6 /{l6} or shorter{}",
                if s6 > 0 {
                    format!(" (from /{s6})")
                } else {
                    String::new()
                }
            ),
            format!("bring a prefix of a size {name} accepts (the per-cloud table lists them)"),
        )
        .remedy([crate::error::Remedy::Run(crate::error::Step::Rules)])
    };
    check.details.extend(quota_line);
}

/// The detail naming `cloud`'s quota (a row of the rules table): not judged, since byoip
/// cannot count what an account has brought, but worth knowing before provisioning.
pub(super) fn quota_line(cloud: Cloud, quota: &rules::Rule) -> String {
    let what = match quota.id {
        "aws.ga.quota" => "ranges per account to Global Accelerator",
        "aws.quota" => "ranges per Region",
        "azure.quota" => "prefixes per region",
        _ => "ranges",
    };
    format!(
        "quota: {} takes up to {} {what} ({})",
        cloud.vendor(),
        quota.value,
        quota.id
    )
}

/// `prefix.canonical`: `cidr` as given is its prefix written canonically (`cloud` compares
/// the message's CIDR as text).
pub(super) fn canonical_check(b: &mut Builder, cidr: &Cidr, cloud: Cloud) {
    let vendor = cloud.vendor();
    let (p, text) = (cidr.prefix(), cidr.text());
    if cidr.host_bits().is_some() {
        b.fail(
            CheckId::PrefixCanonical,
            format!("{text:?} has host bits set; the prefix is {p}"),
            format!("use {p}"),
        );
    } else if cidr.rewritten() {
        b.warn(
            CheckId::PrefixCanonical,
            format!("{text:?} is {p} written another way"),
            format!("write it as {p}: {vendor} compares the CIDR as text"),
        );
    } else {
        b.pass(
            CheckId::PrefixCanonical,
            format!("{p} is written canonically, host bits zero"),
        );
    }
}

/// `prefix.public`: not special-purpose space (RFC 6890).
pub(super) fn public_check(b: &mut Builder, p: Prefix) {
    match p.special_purpose() {
        Some(s) if s.documentation => {
            b.fail(
                CheckId::PrefixPublic,
                format!(
                    "{p} is {} ({} {}): it is an example address block, not one anyone can bring",
                    s.name, s.block, s.rfc
                ),
                "use your own prefix; 198.51.100.0/24 and 2001:db8::/32 appear in examples only",
            );
        }
        Some(s) => {
            b.fail(
                CheckId::PrefixPublic,
                format!(
                    "{p} is {} ({} {}), which no registry delegates",
                    s.name, s.block, s.rfc
                ),
                "bring public address space registered to your organization",
            );
        }
        None => {
            b.pass(
                CheckId::PrefixPublic,
                format!("{p} is not special-purpose space (RFC 6890)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Status, run};
    use crate::service::Service;

    #[test]
    fn global_accelerator_reports_carry_the_two_range_quota() {
        let report = |cidr: &str, service| {
            let inp = Inputs::new(cidr, service, crate::date::test_now()).unwrap();
            run(&inp).get(&CheckId::PrefixSize).unwrap().clone()
        };
        let ga = report("192.198.0.0/24", Service::Ga);
        assert_eq!(ga.status, Status::Pass);
        assert_eq!(ga.hint.as_deref(), Some(GA_QUOTA));
        assert!(GA_QUOTA.contains("up to two qualifying IP address ranges"));
        // The hint quotes the rules table's row, word for word.
        let quote = crate::rules::AWS_GA_QUOTA.quote.trim_end_matches('.');
        assert!(GA_QUOTA.contains(quote), "{GA_QUOTA}");
        // A size GA refuses keeps its own hint; the quota is among the details.
        let wrong = report("192.198.0.0/23", Service::Ga);
        assert_eq!(wrong.status, Status::Fail);
        assert_ne!(wrong.hint.as_deref(), Some(GA_QUOTA));
        assert!(
            wrong.details.iter().any(|d| d == GA_QUOTA),
            "{:?}",
            wrong.details
        );
        // Other services: no quota hint.
        assert_eq!(report("192.198.0.0/24", Service::Ec2).hint, None);
    }
}
