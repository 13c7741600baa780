//! CloudFront through VPC IPAM (VPC IPAM User Guide, "Bring your own IP to CloudFront using
//! IPAM (supports IPv4 and IPv6)") and EC2 in a Local Zone (EC2 API Reference, `ByoipCidr`,
//! `NetworkBorderGroup`), as a user meets them: `--service cloudfront` wherever a service is
//! taken, its sizes, its ROA check, the commands `sign` prints, and `--network-border-group`
//! with every refusal on one line.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::*;

const ACCOUNT: &str = "123456789012";
/// The synthetic ARIN record (`rdap/synthetic/arin-*.json`) is 192.198.0.0/22.
const ARIN: &str = "192.198.0.0/24";

/// `check --json --local-only` of `cidr` for `service`: the prefix checks alone.
fn local(cidr: &str, service: &str) -> serde_json::Value {
    let o = byoip(&[
        "check",
        "--cidr",
        cidr,
        "--service",
        service,
        "--cert",
        td("demo-cert.pem"),
        "--local-only",
        "--json",
    ]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    report(&o)
}

#[test]
fn cloudfront_takes_exactly_a_24_or_a_48() {
    for (cidr, want) in [
        ("192.198.0.0/23", "fail"),
        ("192.198.0.0/24", "pass"),
        ("192.198.0.0/25", "fail"),
        ("2001:4860:1200::/47", "fail"),
        ("2001:4860:1200::/48", "pass"),
        ("2001:4860:1200::/49", "fail"),
    ] {
        let r = local(cidr, "cloudfront");
        assert_eq!(status(&r, "prefix.size"), want, "{cidr}: {r}");
        if want == "fail" {
            let m = message(&r, "prefix.size");
            assert!(m.contains("CloudFront takes exactly a /"), "{m}");
        }
        // IPAM takes the /23 and the /47 that CloudFront refuses.
        if cidr.ends_with("/23") || cidr.ends_with("/47") {
            assert_eq!(
                status(&local(cidr, "ipam"), "prefix.size"),
                "pass",
                "{cidr}"
            );
        }
    }
}

/// A VRP export (rpki-client CSV without expiries) in `dir`.
fn vrps(dir: &std::path::Path, rows: &[(u32, &str, u8)]) -> String {
    let mut text = String::from("ASN,IP Prefix,Max Length\n");
    for (a, p, ml) in rows {
        text += &format!("AS{a},{p},{ml}\n");
    }
    let path = dir.join("vrps.csv");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// `check --service cloudfront --offline` of the ARIN /24 against `rows`.
fn cloudfront_check(rows: &[(u32, &str, u8)], json: bool) -> std::process::Output {
    let dir = tempdir();
    let v = vrps(dir.path(), rows);
    let mut a = vec![
        "check",
        "--cidr",
        ARIN,
        "--service",
        "cloudfront",
        "--cert",
        td("demo-cert.pem"),
        "--offline",
        "--rdap-file",
        td("rdap/synthetic/arin-good.json"),
        "--vrps",
        &v,
    ];
    if json {
        a.push("--json");
    }
    byoip(&a)
}

#[test]
fn no_roa_covering_a_cloudfront_prefix_fails_and_names_ipams_findings() {
    let o = cloudfront_check(&[(16509, "62.239.236.0/23", 24)], false);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        text.contains("FAIL  roa.origin            no ROA covers 192.198.0.0/24; CloudFront's guide asks for ROAs for the /24"),
        "{text}"
    );
    assert!(
        text.contains("aws ec2 get-ipam-route-protection-findings --ipam-id IPAM_ID"),
        "{text}"
    );
    // Amazon's EC2 origins are not what CloudFront is judged by.
    assert!(!text.contains("roa.as16509"), "{text}");
}

#[test]
fn roas_covering_a_cloudfront_prefix_warn_naming_their_origins() {
    let o = cloudfront_check(
        &[
            (64496, "192.198.0.0/24", 24),
            (64511, "192.198.0.0/22", 24),
            (65000, "192.198.0.0/22", 22),
        ],
        true,
    );
    let r = report(&o);
    assert_eq!(status(&r, "roa.origin"), "warn", "{r}");
    assert_eq!(
        message(&r, "roa.origin"),
        "ROAs cover 192.198.0.0/24 with maxLength 24 for AS64496, AS64511; CloudFront's guide names no origin ASN, so byoip cannot tell whether one of them is CloudFront's"
    );
    assert!(
        check_field(&r, "roa.origin", "hint")
            .starts_with("verify with AWS which ASN CloudFront announces BYOIP ranges from"),
        "{r}"
    );
    assert!(
        check_details(&r, "roa.origin")
            .contains("maxLength not 24: AS65000 192.198.0.0/22 maxLength 22"),
        "{r}"
    );
    // A maxLength IPAM's rule refuses (25), with none at 24, fails.
    let o = cloudfront_check(&[(64496, "192.198.0.0/24", 25)], true);
    assert_eq!(o.status.code(), Some(1));
    let r = report(&o);
    assert_eq!(status(&r, "roa.origin"), "fail", "{r}");
    assert!(
        message(&r, "roa.origin").starts_with(
            "no ROA covering 192.198.0.0/24 has maxLength exactly 24, which CloudFront's /24 needs"
        ),
        "{r}"
    );
}

#[test]
fn ipam_roa_failures_name_its_route_protection_findings() {
    let dir = tempdir();
    let v = vrps(dir.path(), &[(16509, "192.198.0.0/24", 25)]);
    let o = byoip(&[
        "check",
        "--cidr",
        ARIN,
        "--service",
        "ipam",
        "--cert",
        td("demo-cert.pem"),
        "--offline",
        "--rdap-file",
        td("rdap/synthetic/arin-good.json"),
        "--vrps",
        &v,
        "--json",
    ]);
    let r = report(&o);
    assert_eq!(status(&r, "roa.as16509"), "fail");
    // The route protection findings, then where the CLI says what IPAM's maxLength is.
    assert!(
        check_field(&r, "roa.as16509", "hint").ends_with(
            "aws ec2 get-ipam-route-protection-findings --ipam-id IPAM_ID (GetIpamRouteProtectionFindings) (`byoip clouds` lists each cloud's ROA length)"
        ),
        "{r}"
    );
}

/// `sign` of the ARIN /24 (or `cidr`) with `more` arguments.
fn sign(cidr: &str, more: &[&str]) -> std::process::Output {
    let mut a = vec![
        "sign",
        "--key",
        td("demo-key.pem"),
        "--account",
        ACCOUNT,
        "--cidr",
        cidr,
        "--expires",
        "+30d",
    ];
    a.extend_from_slice(more);
    byoip(&a)
}

#[test]
fn sign_prints_the_ipam_commands_with_locale_none_for_cloudfront() {
    for cidr in [ARIN, "2001:4860:1200::/48"] {
        let o = sign(cidr, &["--service", "cloudfront", "--format", "aws-cli"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = stdout(&o);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert!(
            lines[0].starts_with("# CloudFront through VPC IPAM"),
            "{text}"
        );
        // The top-level pool takes the signed context, as IPAM's.
        assert!(
            lines[1].starts_with(&format!(
                "aws ec2 provision-ipam-pool-cidr --ipam-pool-id \"${{IPAM_POOL_ID:?set IPAM_POOL_ID to your top-level pool}}\" --cidr {cidr} --verification-method remarks-x509 --cidr-authorization-context Message=\"1|aws|{ACCOUNT}|{cidr}|"
            )),
            "{text}"
        );
        let family = if cidr.contains(':') { "ipv6" } else { "ipv4" };
        assert_eq!(
            lines[2],
            format!(
                "aws ec2 create-ipam-pool --ipam-scope-id \"${{IPAM_SCOPE_ID:?set IPAM_SCOPE_ID to your IPAM's public scope}}\" --locale None --address-family {family} --source-ipam-pool-id \"${{IPAM_POOL_ID:?set IPAM_POOL_ID to your top-level pool}}\""
            )
        );
        assert_eq!(
            lines[3],
            format!(
                "aws ec2 provision-ipam-pool-cidr --ipam-pool-id \"${{GLOBAL_POOL_ID:?set GLOBAL_POOL_ID to the pool create-ipam-pool made}}\" --cidr {cidr}"
            )
        );
    }
    // The pool given is the top-level one, in both places; the text form shows all three.
    let o = sign(
        ARIN,
        &[
            "--service",
            "cloudfront",
            "--ipam-pool-id",
            "ipam-pool-0abc",
            "--format",
            "text",
        ],
    );
    let text = stdout(&o);
    assert!(
        text.contains("\n  aws ec2 create-ipam-pool --ipam-scope-id ")
            && text.contains(
                "--locale None --address-family ipv4 --source-ipam-pool-id ipam-pool-0abc\n"
            )
            && text.contains(
                "\n  aws ec2 provision-ipam-pool-cidr --ipam-pool-id \"${GLOBAL_POOL_ID:"
            ),
        "{text}"
    );
    // Every service's commands, CloudFront's among them.
    let all = stdout(&sign(ARIN, &["--format", "aws-cli"]));
    assert!(all.contains("--locale None"), "{all}");
}

#[test]
fn cloudfront_refuses_no_advertise_and_is_taken_wherever_a_service_is() {
    let o = sign(
        "2001:4860:1200::/48",
        &["--service", "cloudfront", "--no-advertise"],
    );
    assert_one_line_error(&o, "--no-advertise does not apply to CloudFront");
    for args in [
        &[
            "message",
            "--account",
            ACCOUNT,
            "--cidr",
            ARIN,
            "--service",
            "cloudfront",
        ][..],
        &["rules", "--service", "cloudfront"][..],
    ] {
        let o = byoip(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    }
    let rules = stdout(&byoip(&["rules", "--service", "cloudfront"]));
    for id in [
        "aws.cloudfront.prefix.ipv4",
        "aws.cloudfront.prefix.ipv6",
        "aws.cloudfront.roa.origins",
        "aws.cloudfront.roa.max-length",
        "aws.cloudfront.pool",
        "aws.cloudfront.verification",
        "aws.roa.route-protection-findings",
    ] {
        assert!(rules.contains(id), "{id}: {rules}");
    }
    assert!(
        !rules.contains("aws.ga.") && !rules.contains("aws.ipam.prefix"),
        "{rules}"
    );
    let clouds = stdout(&byoip(&["clouds"]));
    assert!(
        clouds.contains("CloudFront through IPAM")
            && clouds.contains("CloudFront: not documented")
            && clouds.contains("CloudFront: IPv4 /24 or IPv6 /48 exactly"),
        "{clouds}"
    );
    // dns-token is IPAM's method, and CloudFront's range goes through IPAM: judged, where
    // EC2 refuses it.
    let dns = |service: &str, json: &str| {
        byoip(&[
            "check",
            "--cidr",
            ARIN,
            "--service",
            service,
            "--verification",
            "dns-token",
            "--token-file",
            td("dns-token/create-token.json"),
            "--local-only",
            json,
        ])
    };
    let o = dns("cloudfront", "--json");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let r = report(&o);
    assert_eq!(status(&r, "dns.token"), "fail", "{r}");
    assert_eq!(status(&r, "prefix.size"), "pass", "{r}");
    assert_one_line_error(
        &dns("ec2", "--color=never"),
        "--verification dns-token is accepted by IPAM only",
    );
    // --local-only says the ROAs were not checked, roa.origin among them.
    let o = byoip(&[
        "check",
        "--cidr",
        ARIN,
        "--service",
        "cloudfront",
        "--cert",
        td("demo-cert.pem"),
        "--local-only",
    ]);
    let out = stdout(&o);
    assert!(
        out.ends_with("\nINCOMPLETE: 0 failed, 0 warnings, 6 passed, 14 skipped; next: a run without --local-only\n"),
        "{out}"
    );
}

#[test]
fn sign_puts_the_border_group_on_provision_and_advertise() {
    let o = sign(
        ARIN,
        &[
            "--network-border-group",
            "us-west-2-lax-1",
            "--service",
            "ec2",
            "--format",
            "aws-cli",
            "--region",
            "us-west-2",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[1].starts_with(
            "aws ec2 provision-byoip-cidr --cidr 192.198.0.0/24 --cidr-authorization-context "
        ) && lines[1].ends_with("\" --network-border-group us-west-2-lax-1 --region us-west-2"),
        "{text}"
    );
    assert_eq!(
        lines[2],
        "aws ec2 advertise-byoip-cidr --cidr 192.198.0.0/24 --network-border-group us-west-2-lax-1 --region us-west-2"
    );
    // Without --service every service is printed; only EC2's takes the group.
    let all = stdout(&sign(
        ARIN,
        &[
            "--network-border-group",
            "us-west-2-lax-1",
            "--format",
            "aws-cli",
        ],
    ));
    assert_eq!(
        all.matches("--network-border-group us-west-2-lax-1")
            .count(),
        2,
        "{all}"
    );
    // The text form's next step carries it too.
    let t = stdout(&sign(
        ARIN,
        &[
            "--network-border-group",
            "us-east-1-dfw-2",
            "--format",
            "text",
        ],
    ));
    assert!(
        t.contains("\n  aws ec2 advertise-byoip-cidr --cidr 192.198.0.0/24 --network-border-group us-east-1-dfw-2\n"),
        "{t}"
    );
}

#[test]
fn a_border_group_is_refused_for_other_services_ipv6_and_bad_shapes() {
    for service in ["ipam", "ga", "cloudfront"] {
        let o = sign(
            ARIN,
            &[
                "--service",
                service,
                "--network-border-group",
                "us-west-2-lax-1",
            ],
        );
        assert_one_line_error(
            &o,
            &format!("a network border group is EC2's: {service} takes no Local Zone group"),
        );
        assert!(
            stderr(&o).contains(
                "hint: leave out the network border group, or bring the range to EC2 (--network-border-group)"
            )
        );
    }
    let o = sign(
        "2001:4860:1200::/48",
        &["--network-border-group", "us-west-2-lax-1"],
    );
    assert_one_line_error(
        &o,
        "2001:4860:1200::/48 is IPv6, and a Local Zone takes BYOIPv4 only: \"You cannot provision or advertise BYOIPv6 address ranges in Local Zones at this time.\"",
    );
    for (bad, why) in [
        (
            "us-west-2",
            "is a Region, not a Local Zone's network border group",
        ),
        (
            "us-west-2-lax-1a",
            "is a Local Zone's name, not its network border group; hint: give the zone's network border group, us-west-2-lax-1",
        ),
        (
            "US-WEST-2-LAX-1",
            "is not a Local Zone network border group",
        ),
        ("us-west-2-lax", "is not a Local Zone network border group"),
        (
            "us-east-1-wl1-bos-wlz-1",
            "is not a Local Zone network border group",
        ),
    ] {
        let o = sign(ARIN, &["--network-border-group", bad]);
        assert_one_line_error(&o, why);
        let o = byoip(&[
            "check",
            "--cidr",
            ARIN,
            "--cert",
            td("demo-cert.pem"),
            "--local-only",
            "--network-border-group",
            bad,
        ]);
        assert_one_line_error(&o, why);
    }
    // check refuses what sign refuses, before reading anything.
    let o = byoip(&[
        "check",
        "--cidr",
        ARIN,
        "--service",
        "ga",
        "--cert",
        td("demo-cert.pem"),
        "--local-only",
        "--network-border-group",
        "us-west-2-lax-1",
    ]);
    assert_one_line_error(
        &o,
        "a network border group is EC2's: ga takes no Local Zone group",
    );
    let o = byoip(&[
        "check",
        "--cidr",
        "2001:4860:1200::/48",
        "--cert",
        td("demo-cert.pem"),
        "--local-only",
        "--network-border-group",
        "us-west-2-lax-1",
    ]);
    assert_one_line_error(
        &o,
        "You cannot provision or advertise BYOIPv6 address ranges in Local Zones",
    );
    let o = byoip(&[
        "check",
        "--cloud",
        "azure",
        "--cidr",
        ARIN,
        "--cert",
        td("demo-cert.pem"),
        "--network-border-group",
        "us-west-2-lax-1",
    ]);
    assert_one_line_error(
        &o,
        "--network-border-group places an AWS EC2 prefix in a Local Zone",
    );
}

#[test]
fn check_closes_with_the_border_group_on_both_commands() {
    let o = byoip(&[
        "check",
        "--cidr",
        ARIN,
        "--cert",
        td("demo-cert.pem"),
        "--local-only",
        "--network-border-group",
        "us-west-2-lax-1",
    ]);
    let err = stderr(&o);
    assert!(
        err.contains("note: once ready, provision it in the Local Zone: aws ec2 provision-byoip-cidr --cidr 192.198.0.0/24 --cidr-authorization-context Message=\"…\",Signature=\"…\" --network-border-group us-west-2-lax-1, then aws ec2 advertise-byoip-cidr --cidr 192.198.0.0/24 --network-border-group us-west-2-lax-1"),
        "{err}"
    );
    // The report itself is EC2's, and its last line the verdict.
    let out = stdout(&o);
    assert!(
        out.lines().last().unwrap().starts_with("INCOMPLETE"),
        "{out}"
    );
}

/// A manifest in a fresh folder, and `batch sign --format aws-cli` of it.
fn batch_sign(toml: &str) -> std::process::Output {
    let dir = tempdir();
    std::fs::copy(testdata("demo-key.pem"), dir.path().join("key.pem")).unwrap();
    std::fs::write(
        dir.path().join("byoip.toml"),
        format!("account = \"{ACCOUNT}\"\nkey = \"key.pem\"\n{toml}"),
    )
    .unwrap();
    let m = dir.path().join("byoip.toml");
    let o = byoip(&[
        "batch",
        "sign",
        "--manifest",
        m.to_str().unwrap(),
        "--format",
        "aws-cli",
    ]);
    drop(dir);
    o
}

#[test]
fn a_manifest_prefix_takes_its_border_group_with_the_same_rules() {
    let o = batch_sign(
        "[[prefix]]\ncidr = \"192.198.0.0/24\"\nnetwork_border_group = \"us-west-2-lax-1\"\n\n[[prefix]]\ncidr = \"192.198.1.0/24\"\nservice = \"cloudfront\"\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("--network-border-group us-west-2-lax-1\naws ec2 advertise-byoip-cidr --cidr 192.198.0.0/24 --network-border-group us-west-2-lax-1\n"),
        "{text}"
    );
    assert!(text.contains("--locale None"), "{text}");
    for (toml, why) in [
        (
            "[[prefix]]\ncidr = \"2001:4860:1200::/48\"\nnetwork_border_group = \"us-west-2-lax-1\"\n",
            "line 5: 2001:4860:1200::/48: 2001:4860:1200::/48 is IPv6, and a Local Zone takes BYOIPv4 only",
        ),
        (
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\nservice = \"ipam\"\nnetwork_border_group = \"us-west-2-lax-1\"\n",
            "a network border group is EC2's: ipam takes no Local Zone group",
        ),
        (
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\nnetwork_border_group = \"us-west-2\"\n",
            "\"us-west-2\" is a Region, not a Local Zone's network border group",
        ),
        (
            "[[prefix]]\ncidr = \"2001:4860:1200::/48\"\nservice = \"cloudfront\"\nadvertise = false\n",
            "CloudFront announces every range it takes",
        ),
    ] {
        let o = batch_sign(toml);
        assert_eq!(o.status.code(), Some(2), "{toml}: {}", stdout(&o));
        let err = stderr(&o);
        assert!(err.contains(why), "want {why:?}: {err}");
    }
}

#[test]
fn the_library_refuses_a_border_group_it_cannot_judge_and_cites_the_row() {
    use byoip::{
        NetworkBorderGroup, Service,
        check::{self, CheckId, Inputs, Status},
    };
    let lax: NetworkBorderGroup = "us-west-2-lax-1".parse().unwrap();
    let judged = |cidr: &str, service| {
        let mut i = Inputs::new(cidr, service, now()).unwrap();
        i.network_border_group = Some(lax.clone());
        (i.validate(), check::run(&i))
    };
    for (cidr, service, row) in [
        (
            "2001:4860:1200::/48",
            Service::Ec2,
            "aws.ec2.network-border-group.ipv6",
        ),
        (ARIN, Service::Ipam, "aws.ec2.network-border-group"),
        (ARIN, Service::Cloudfront, "aws.ec2.network-border-group"),
    ] {
        let (v, r) = judged(cidr, service);
        assert!(v.is_err(), "{cidr} {service}");
        assert_eq!(r.checks.len(), 1, "{cidr} {service}");
        assert_eq!(r.checks[0].status, Status::NotRun);
        assert_eq!(r.checks[0].rules(), [row]);
        assert!(!r.ready());
    }
    let (v, r) = judged(ARIN, Service::Ec2);
    assert!(v.is_ok());
    let size = r.get(&CheckId::PrefixSize).unwrap();
    assert_eq!(size.status, Status::Pass);
    assert!(
        size.rules().contains(&"aws.ec2.network-border-group"),
        "{:?}",
        size.rules()
    );
    assert!(
        size.details
            .iter()
            .any(|d| d.contains("network border group us-west-2-lax-1")),
        "{:?}",
        size.details
    );
}

#[test]
fn batch_check_judges_a_manifest_prefix_in_its_local_zone() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("byoip.toml"),
        format!(
            "account = \"{ACCOUNT}\"\ncert = \"{}\"\n\n[[prefix]]\ncidr = \"{ARIN}\"\nnetwork_border_group = \"us-west-2-lax-1\"\nrdap_file = \"{}\"\n",
            td("demo-cert.pem"),
            td("rdap/synthetic/arin-good.json")
        ),
    )
    .unwrap();
    let m = dir.path().join("byoip.toml");
    let o = byoip(&[
        "batch",
        "check",
        "--manifest",
        m.to_str().unwrap(),
        "--offline",
        "--json",
    ]);
    let text = stdout(&o);
    assert!(
        text.contains("Local Zone: network border group us-west-2-lax-1, which provision-byoip-cidr and advertise-byoip-cidr both take"),
        "{text}{}",
        stderr(&o)
    );
    assert!(text.contains("\"aws.ec2.network-border-group\""), "{text}");
}
