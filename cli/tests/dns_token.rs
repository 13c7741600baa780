//! `byoip dns-token plan` and `byoip dns-token check`: AWS's alignment examples as golden
//! output, a property test against hickory's independent reverse-name parser, and the check
//! end to end against a DNS server on 127.0.0.1 started by each test (UDP and TCP).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::process::Output;

use byoip::{Prefix, dnstoken};
use common::dnsd::{DnsServer, Mode, Zones};
use common::{assert_one_line_error, byoip, stderr, stdout, td};
use hickory_proto::rr::Name;
use ipnet::IpNet;
use proptest::prelude::*;
use serde_json::Value;

const NAME: &str = "86950620";
const VALUE: &str = "a34597c3-5317-4238-9ce7-50da5b6e6dc8";

fn plan_args<'a>(cidr: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec![
        "dns-token",
        "plan",
        "--cidr",
        cidr,
        "--token-name",
        NAME,
        "--token-value",
        VALUE,
    ];
    v.extend_from_slice(more);
    v
}

fn plan(cidr: &str, more: &[&str]) -> Output {
    byoip(&plan_args(cidr, more))
}

#[test]
fn plan_warns_that_special_purpose_space_cannot_be_provisioned() {
    // AWS's own dns-token examples use 198.18.0.0/15, benchmarking space (RFC 2544): the
    // records are still planned, with the warning `message` gives.
    let o = plan("198.18.12.0/22", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: 198.18.12.0/22 is")
            && stderr(&o).contains("AWS will refuse to provision it"),
        "{}",
        stderr(&o)
    );
    let public = plan("76.76.20.0/22", &[]);
    assert_eq!(public.status.code(), Some(0), "{}", stderr(&public));
    assert!(
        !stderr(&public).contains("refuse to provision"),
        "{}",
        stderr(&public)
    );
}

// ---- plan: AWS's examples, verbatim ----

#[test]
fn plan_zone_lines_for_the_aws_slash22_example() {
    let o = plan("198.18.12.0/22", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "; 198.18.12.0/22: 4 TXT records, one per /24\n\
         ; zone 12.18.198.in-addr.arpa.\n\
         86950620.12.18.198.in-addr.arpa. 300 IN TXT \"a34597c3-5317-4238-9ce7-50da5b6e6dc8\"\n\
         ; zone 13.18.198.in-addr.arpa.\n\
         86950620.13.18.198.in-addr.arpa. 300 IN TXT \"a34597c3-5317-4238-9ce7-50da5b6e6dc8\"\n\
         ; zone 14.18.198.in-addr.arpa.\n\
         86950620.14.18.198.in-addr.arpa. 300 IN TXT \"a34597c3-5317-4238-9ce7-50da5b6e6dc8\"\n\
         ; zone 15.18.198.in-addr.arpa.\n\
         86950620.15.18.198.in-addr.arpa. 300 IN TXT \"a34597c3-5317-4238-9ce7-50da5b6e6dc8\"\n"
    );
    assert!(
        stderr(&o).contains("198.18.12.0/22 needs 4 TXT records, one per /24"),
        "{}",
        stderr(&o)
    );
}

fn json_names(cidr: &str) -> Vec<String> {
    let o = plan(cidr, &["--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    v["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn plan_names_every_aws_example() {
    let cases: &[(&str, &[&str])] = &[
        ("198.18.123.0/24", &["86950620.123.18.198.in-addr.arpa"]),
        (
            "198.18.12.0/22",
            &[
                "86950620.12.18.198.in-addr.arpa",
                "86950620.13.18.198.in-addr.arpa",
                "86950620.14.18.198.in-addr.arpa",
                "86950620.15.18.198.in-addr.arpa",
            ],
        ),
        ("198.18.0.0/16", &["86950620.18.198.in-addr.arpa"]),
        ("2001:0db8::/40", &["86950620.0.0.8.b.d.0.1.0.0.2.ip6.arpa"]),
        (
            "2001:0db8:80::/42",
            &[
                "86950620.8.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.9.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.a.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.b.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
            ],
        ),
        (
            "2001:db8:0:1000::/54",
            &[
                "86950620.0.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.1.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.2.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.3.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
            ],
        ),
    ];
    for (cidr, want) in cases {
        assert_eq!(json_names(cidr), *want, "{cidr}");
    }
}

#[test]
fn plan_json_has_the_documented_fields() {
    let o = plan("198.18.12.0/23", &["--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["cidr"], "198.18.12.0/23");
    assert_eq!(v["count"], 2);
    let r = &v["records"][1];
    assert_eq!(r["name"], "86950620.13.18.198.in-addr.arpa");
    assert_eq!(r["type"], "TXT");
    assert_eq!(r["value"], VALUE);
    assert_eq!(r["zone"], "13.18.198.in-addr.arpa");
    assert_eq!(r["cidr"], "198.18.13.0/24");
}

#[test]
fn plan_slash17_says_it_needs_128_records() {
    let o = plan("198.18.0.0/17", &[]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o)
            .lines()
            .filter(|l| l.contains(" IN TXT "))
            .count(),
        128
    );
    assert!(stdout(&o).starts_with("; 198.18.0.0/17: 128 TXT records, one per /24\n"));
    assert!(
        stderr(&o).contains("needs 128 TXT records"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn plan_slash34_lists_the_four_real_slash36s_not_a_vendors_impossible_ones() {
    let o = plan("2001:db8::/34", &["--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let cidrs: Vec<&str> = v["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["cidr"].as_str().unwrap())
        .collect();
    assert_eq!(
        cidrs,
        [
            "2001:db8::/36",
            "2001:db8:1000::/36",
            "2001:db8:2000::/36",
            "2001:db8:3000::/36"
        ]
    );
}

#[test]
fn plan_route53_with_a_zone_is_one_change_batch() {
    let o = plan(
        "198.18.12.0/22",
        &[
            "--format",
            "route53",
            "--zone",
            "18.198.in-addr.arpa",
            "--ttl",
            "600",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let changes = v["Changes"].as_array().unwrap();
    assert_eq!(changes.len(), 4);
    assert_eq!(changes[0]["Action"], "UPSERT");
    let set = &changes[3]["ResourceRecordSet"];
    assert_eq!(set["Name"], "86950620.15.18.198.in-addr.arpa");
    assert_eq!(set["Type"], "TXT");
    assert_eq!(set["TTL"], 600);
    assert_eq!(
        set["ResourceRecords"][0]["Value"],
        format!("\"{VALUE}\""),
        "Route 53 wants the TXT value in quotes"
    );
}

#[test]
fn plan_route53_without_a_zone_is_one_batch_per_reverse_zone() {
    let o = plan("198.18.12.0/23", &["--format", "route53"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[1]["zone"], "13.18.198.in-addr.arpa");
    assert_eq!(
        list[1]["change_batch"]["Changes"][0]["ResourceRecordSet"]["Name"],
        "86950620.13.18.198.in-addr.arpa"
    );
    assert!(stderr(&o).contains("--zone"), "{}", stderr(&o));
}

#[test]
fn plan_refuses_a_record_outside_the_zone() {
    let o = plan(
        "198.18.12.0/22",
        &["--format", "route53", "--zone", "12.18.198.in-addr.arpa"],
    );
    assert_one_line_error(
        &o,
        "zone 12.18.198.in-addr.arpa: record 86950620.13.18.198.in-addr.arpa is not inside it",
    );
}

#[test]
fn plan_terraform_has_a_zone_variable_per_zone() {
    let o = plan("198.18.12.0/23", &["--format", "terraform"]);
    let text = stdout(&o);
    assert_eq!(text.matches("variable \"").count(), 2, "{text}");
    assert_eq!(text.matches("resource \"aws_route53_record\"").count(), 2);
    assert!(text.contains(
        "resource \"aws_route53_record\" \"ipam_token_13_18_198_in_addr_arpa\" {\n  zone_id = var.zone_13_18_198_in_addr_arpa_id\n  name    = \"86950620.13.18.198.in-addr.arpa\"\n  type    = \"TXT\"\n  ttl     = 300\n  records = [\"a34597c3-5317-4238-9ce7-50da5b6e6dc8\"]\n}\n"
    ), "{text}");
    let o = plan(
        "198.18.12.0/23",
        &["--format", "terraform", "--zone", "18.198.in-addr.arpa"],
    );
    assert_eq!(stdout(&o).matches("variable \"").count(), 1);
}

#[test]
fn plan_aws_cli_is_the_provisioning_command_with_the_files_token_id() {
    let o = byoip(&[
        "dns-token",
        "plan",
        "--cidr",
        "198.18.12.0/22",
        "--token-file",
        td("dns-token/create-token.json"),
        "--format",
        "aws-cli",
        "--ipam-pool-id",
        "ipam-pool-0a03d430ca3f5c035",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "aws ec2 provision-ipam-pool-cidr --ipam-pool-id ipam-pool-0a03d430ca3f5c035 --cidr 198.18.12.0/22 --verification-method dns-token --ipam-external-resource-verification-token-id ipam-ext-res-ver-token-0309ce7f67a768cf0\n"
    );
    // AWS's example token expired in 2024.
    assert!(
        stderr(&o).contains("warning: the token expired at 2024-05-19 14:28 UTC"),
        "{}",
        stderr(&o)
    );
    let o = plan("198.18.12.0/22", &["--format", "aws-cli"]);
    assert!(
        stdout(&o).contains(
            "--ipam-pool-id \"${IPAM_POOL_ID:?set IPAM_POOL_ID to your top-level pool}\""
        ),
        "the placeholder sign uses: {}",
        stdout(&o)
    );
}

#[test]
fn plan_reads_the_token_list_with_token_id() {
    let list = td("dns-token/describe-tokens.json");
    let o = byoip(&[
        "dns-token",
        "plan",
        "--cidr",
        "198.18.123.0/24",
        "--token-file",
        list,
    ]);
    assert_one_line_error(&o, "lists 2 tokens");
    assert!(stderr(&o).contains("choose one by its token ID (--token-id)"));
    let o = byoip(&[
        "dns-token",
        "plan",
        "--cidr",
        "198.18.123.0/24",
        "--token-file",
        list,
        "--token-id",
        "ipam-ext-res-ver-token-0a1b2c3d4e5f60718",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(
        "31415926.123.18.198.in-addr.arpa. 300 IN TXT \"0f6e2d1c-9a8b-4c7d-8e6f-5a4b3c2d1e0f\""
    ));
    // A valid token warns of nothing; the one warning is that 198.18/15 is not public.
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("AWS will refuse to provision it"), "{err}");
}

// ---- plan: bad input ----

#[test]
fn plan_refuses_host_bits_with_did_you_mean() {
    let o = plan("198.18.12.1/22", &[]);
    assert_one_line_error(&o, "did you mean 198.18.12.0/22?");
}

#[test]
fn plan_refuses_names_and_values_with_spaces_or_quotes() {
    for (name, value, needle) in [
        (NAME, "\u{201C}a34597c3\u{201D}", "U+201C"),
        (NAME, "\"a34597c3\"", "contains a quote"),
        (NAME, "a34597c3 ", "contains whitespace"),
        ("8695 0620", VALUE, "contains whitespace"),
    ] {
        let o = byoip(&[
            "dns-token",
            "plan",
            "--cidr",
            "198.18.123.0/24",
            "--token-name",
            name,
            "--token-value",
            value,
        ]);
        assert_one_line_error(&o, needle);
    }
}

#[test]
fn plan_refuses_token_json_not_in_aws_shape() {
    let dir = common::tempdir();
    for (body, needle) in [
        (
            r#"{"Token": {"Name": "1"}}"#,
            "no IpamExternalResourceVerificationToken",
        ),
        (
            r#"{"IpamExternalResourceVerificationToken": {"TokenName": "1"}}"#,
            "the token has no TokenValue",
        ),
        ("<html>", "not JSON"),
    ] {
        let path = dir.path().join("t.json");
        std::fs::write(&path, body).unwrap();
        let o = byoip(&[
            "dns-token",
            "plan",
            "--cidr",
            "198.18.123.0/24",
            "--token-file",
            path.to_str().unwrap(),
        ]);
        assert_one_line_error(&o, needle);
    }
}

#[test]
fn plan_without_a_token_is_a_usage_error() {
    let o = byoip(&["dns-token", "plan", "--cidr", "198.18.123.0/24"]);
    assert_one_line_error(&o, "no verification token given");
}

// ---- the planner against an independent inverse ----

fn prefix_strategy() -> impl Strategy<Value = Prefix> {
    prop_oneof![
        (any::<u32>(), 1u8..=32).prop_map(|(a, l)| IpNet::new(
            std::net::Ipv4Addr::from(a).into(),
            l
        )
        .unwrap()
        .trunc()),
        (any::<u128>(), 1u8..=64).prop_map(|(a, l)| IpNet::new(
            std::net::Ipv6Addr::from(a).into(),
            l
        )
        .unwrap()
        .trunc()),
    ]
    .prop_map(|n| n.to_string().parse::<Prefix>().unwrap())
}

proptest! {
    /// Every planned name, read back by hickory's `Name::parse_arpa_name`, is a subnet of
    /// the prefix at the aligned length; they are distinct and there are exactly enough of
    /// them to cover it: the records tile the prefix.
    #[test]
    fn planned_names_tile_the_prefix(prefix in prefix_strategy()) {
        let token = dnstoken::Token::new(NAME, VALUE).unwrap();
        let plan = dnstoken::plan(prefix, &token).unwrap();
        let aligned = plan.aligned_len;
        prop_assert!(aligned >= prefix.prefix_len());
        prop_assert_eq!(aligned % if prefix.is_ipv4() { 8 } else { 4 }, 0);
        let mut nets: Vec<IpNet> = plan
            .records
            .iter()
            .map(|r| {
                let name = Name::from_ascii(format!("{}.", r.name)).unwrap();
                prop_assert_eq!(name.iter().next().unwrap(), NAME.as_bytes());
                Ok(name.base_name().parse_arpa_name().unwrap())
            })
            .collect::<Result<_, _>>()?;
        for n in &nets {
            prop_assert_eq!(n.prefix_len(), aligned);
            prop_assert!(prefix.net().contains(n), "{} outside {}", n, prefix);
        }
        nets.sort();
        nets.dedup();
        prop_assert_eq!(nets.len(), 1usize << (aligned - prefix.prefix_len()));
        prop_assert_eq!(nets.len(), plan.records.len());
    }
}

// ---- check against a DNS server on 127.0.0.1 ----

/// The four /24 zones of 198.18.12.0/22, each delegated, inside the registry's /8 zone.
fn own_zones() -> Zones {
    let mut z = Zones::default().apex("198.in-addr.arpa");
    for o in 12..16 {
        z = z.apex(&format!("{o}.18.198.in-addr.arpa"));
    }
    z
}

fn rec(octet: u8) -> String {
    format!("{NAME}.{octet}.18.198.in-addr.arpa")
}

/// `zones` with the token's record, as asked, under each /24 of 198.18.12.0/22.
fn all_records(zones: Zones) -> Zones {
    (12..16).fold(zones, |z, o| z.txt(&rec(o), &[VALUE]))
}

fn check(server: &DnsServer, cidr: &str, more: &[&str]) -> Output {
    let resolver = server.resolver();
    let mut args = vec![
        "dns-token",
        "check",
        "--cidr",
        cidr,
        "--token-name",
        NAME,
        "--token-value",
        VALUE,
        "--resolver",
        &resolver,
    ];
    args.extend_from_slice(more);
    byoip(&args)
}

fn check_json(server: &DnsServer, cidr: &str) -> (Option<i32>, Value, String) {
    let o = check(server, cidr, &["--json", "--timeout", "2"]);
    assert!(!stdout(&o).is_empty(), "{}", stderr(&o));
    let v = common::sorted_json(&stdout(&o));
    let top: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        top,
        [
            "cidr", "complete", "ok", "ready", "records", "resolver", "token_id"
        ]
    );
    // `ready` is the verdict of exit 0; nothing can be left out here, so it is `ok`.
    assert_eq!(v["ready"], v["ok"]);
    assert_eq!(v["ready"] == true, o.status.code() == Some(0));
    (o.status.code(), v, stderr(&o))
}

fn state(v: &Value, i: usize) -> &str {
    v["records"][i]["state"].as_str().unwrap()
}

/// Why the `i`th record of a `dns-token check --json` report is not as asked.
fn cause(v: &Value, i: usize) -> &str {
    v["records"][i]["cause"].as_str().unwrap()
}

#[test]
fn check_all_present_exits_0() {
    let z = all_records(own_zones());
    let s = DnsServer::start(z, Mode::Answer);
    let o = check(&s, "198.18.12.0/22", &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("found      86950620.15.18.198.in-addr.arpa"),
        "{text}"
    );
    assert!(text.ends_with("READY: all 4 found\n"), "{text}");
    let (code, v, _) = check_json(&s, "198.18.12.0/22");
    assert_eq!(code, Some(0));
    assert_eq!(v["ok"], true);
    assert_eq!(v["records"][0]["delegation"]["delegated"], true);
}

#[test]
fn check_one_missing_in_a_delegated_zone_exits_1() {
    let z = own_zones()
        .txt(&rec(12), &[VALUE])
        .txt(&rec(13), &[VALUE])
        .txt(&rec(14), &[VALUE]);
    let s = DnsServer::start(z, Mode::Answer);
    let o = check(&s, "198.18.12.0/22", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("missing    86950620.15.18.198.in-addr.arpa\n           15.18.198.in-addr.arpa is delegated (its own SOA answered), but holds no such TXT"), "{text}");
    assert!(
        text.contains("NOT READY: 1 missing, 0 wrong, 0 not checked, 3 found"),
        "{text}"
    );
    let (_, v, _) = check_json(&s, "198.18.12.0/22");
    assert_eq!(v["ok"], false);
    assert_eq!(state(&v, 3), "missing");
    assert_eq!(v["records"][3]["delegation"]["delegated"], true);
    assert_eq!(
        v["records"][3]["delegation"]["zone"],
        "15.18.198.in-addr.arpa"
    );
}

#[test]
fn check_wrong_value_shows_what_was_found() {
    let z = own_zones().txt(&rec(12), &["an-old-token-value"]);
    let s = DnsServer::start(z, Mode::Answer);
    let o = check(&s, "198.18.12.0/24", &[]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains(
            "wrong      86950620.12.18.198.in-addr.arpa\n           found \"an-old-token-value\""
        ),
        "{text}"
    );
    assert!(
        text.contains(&format!("hint: the value must be \"{VALUE}\"")),
        "{text}"
    );
}

#[test]
fn check_names_curly_quotes_whitespace_and_split_strings() {
    let curly = format!("\u{201C}{VALUE}\u{201D}");
    let spaced = format!(" {VALUE}");
    let z = own_zones()
        .txt(&rec(12), &[&curly])
        .txt(&rec(13), &[&spaced])
        .txt(&rec(14), &[&VALUE[..18], &VALUE[18..]])
        .txt(&rec(15), &[VALUE]);
    let s = DnsServer::start(z, Mode::Answer);
    let (code, v, _) = check_json(&s, "198.18.12.0/22");
    assert_eq!(code, Some(1));
    assert_eq!(state(&v, 0), "wrong");
    assert!(cause(&v, 0).contains("curly"), "{v}");
    // The TXT data, without a zone file's quotes: what `expected` would be.
    assert_eq!(v["records"][0]["found"][0], curly);
    assert_eq!(v["records"][3]["found"][0], v["records"][3]["expected"]);
    assert!(cause(&v, 1).contains("whitespace"), "{v}");
    assert!(cause(&v, 2).contains("split across 2 strings"), "{v}");
    assert_eq!(state(&v, 3), "found");
}

/// Every name the DNS answered holds the value, but one was not answered: INCOMPLETE,
/// never READY (exit 2, the resolver's failure), and the JSON is neither complete nor
/// ready.
#[test]
fn check_with_only_unanswered_names_left_is_incomplete_not_ready() {
    let z = own_zones()
        .txt(&rec(12), &[VALUE])
        .txt(&rec(13), &[VALUE])
        .txt(&rec(15), &[VALUE])
        .servfail(&rec(14));
    let s = DnsServer::start(z, Mode::Answer);
    let o = check(&s, "198.18.12.0/22", &[]);
    assert_eq!(o.status.code(), Some(2));
    let text = stdout(&o);
    assert!(
        text.ends_with("INCOMPLETE: 1 not checked, 3 found\n"),
        "{text}"
    );
    let (code, v, _) = check_json(&s, "198.18.12.0/22");
    assert_eq!(code, Some(2));
    assert_eq!(
        (v["ok"].clone(), v["ready"].clone(), v["complete"].clone()),
        (false.into(), false.into(), false.into())
    );
}

#[test]
fn check_servfail_exits_2_and_still_reports_the_definite_failures() {
    let z = own_zones()
        .txt(&rec(12), &[VALUE])
        .txt(&rec(13), &["wrong"])
        .servfail(&rec(14));
    let s = DnsServer::start(z, Mode::Answer);
    let o = check(&s, "198.18.12.0/22", &[]);
    assert_eq!(o.status.code(), Some(2));
    let text = stdout(&o);
    assert!(
        text.contains(
            "unchecked  86950620.14.18.198.in-addr.arpa\n           the resolver answered SERVFAIL"
        ),
        "{text}"
    );
    assert!(
        text.contains("wrong      86950620.13.18.198.in-addr.arpa"),
        "{text}"
    );
    assert!(
        text.contains("missing    86950620.15.18.198.in-addr.arpa"),
        "{text}"
    );
    let err = stderr(&o);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].starts_with("error: 1 of 4 names could not be checked; hint: "),
        "{err}"
    );
}

#[test]
fn check_a_resolver_that_never_answers_costs_one_timeout() {
    let s = DnsServer::start(own_zones(), Mode::Silent);
    let o = check(&s, "198.18.12.0/22", &["--timeout", "1", "--json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(cause(&v, 0).contains("no answer from the resolver"), "{v}");
    assert!(
        cause(&v, 3).contains("did not answer an earlier query"),
        "{v}"
    );
    // One timeout for all four names, counted rather than timed (a loaded machine
    // stretches the time): the first question and its one retransmission, then the
    // question about the root that tells a dead resolver from one dead zone, and its
    // retransmission; the other names are never sent.
    assert_eq!(s.udp_queries(), 4);
}

#[test]
fn check_truncated_answers_are_asked_again_over_tcp() {
    let z = all_records(own_zones());
    let s = DnsServer::start(z, Mode::TruncateUdp);
    let o = check(&s, "198.18.12.0/22", &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(s.tcp_queries(), 4);
}

#[test]
fn check_an_undelegated_zone_is_named() {
    // Only the registry's zone exists: NXDOMAIN with 198.in-addr.arpa's SOA.
    let s = DnsServer::start(Zones::default().apex("198.in-addr.arpa"), Mode::Answer);
    let o = check(&s, "198.18.12.0/24", &[]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("12.18.198.in-addr.arpa is not delegated: names under it are answered by the enclosing zone 198.in-addr.arpa"), "{text}");
    assert!(
        text.contains(
            "hint: ask the registry to delegate 12.18.198.in-addr.arpa to your name servers"
        ),
        "{text}"
    );
    let (_, v, _) = check_json(&s, "198.18.12.0/24");
    assert_eq!(v["records"][0]["delegation"]["delegated"], false);
    assert_eq!(v["records"][0]["delegation"]["zone"], "198.in-addr.arpa");
}

#[test]
fn check_records_in_a_delegated_parent_zone_are_not_undelegated() {
    // The user's /16 zone holds the records of the /22 (no /24 zones of their own).
    let mut z = all_records(
        Zones::default()
            .apex("198.in-addr.arpa")
            .apex("18.198.in-addr.arpa"),
    );
    let s = DnsServer::start(z.clone(), Mode::Answer);
    let o = check(&s, "198.18.12.0/22", &["--zone", "18.198.in-addr.arpa"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // One of them missing: it is missing from the delegated parent zone, not undelegated.
    z.txt.pop();
    let s = DnsServer::start(z, Mode::Answer);
    let (code, v, _) = check_json(&s, "198.18.12.0/22");
    assert_eq!(code, Some(1));
    assert_eq!(state(&v, 3), "missing");
    assert_eq!(v["records"][3]["delegation"]["delegated"], true);
    assert!(
        v["records"][3]["delegation"]["reason"]
            .as_str()
            .unwrap()
            .contains("delegated parent zone"),
        "{v}"
    );
}

#[test]
fn check_ipv6_names_are_asked_by_nibble() {
    let z = Zones::default()
        .apex("8.b.d.0.1.0.0.2.ip6.arpa")
        .txt(&format!("{NAME}.0.0.8.b.d.0.1.0.0.2.ip6.arpa"), &[VALUE]);
    let s = DnsServer::start(z, Mode::Answer);
    let o = check(&s, "2001:db8::/40", &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

/// Every key on every record of `dns-token check --json`, `null` where it does not apply.
fn assert_every_field(v: &Value) {
    for r in v["records"].as_array().unwrap() {
        let keys: Vec<&String> = r.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "cause",
                "cname",
                "delegation",
                "expected",
                "found",
                "name",
                "state",
                "zone"
            ],
            "{r}"
        );
        let keys: Vec<&String> = r["delegation"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["delegated", "reason", "zone"], "{r}");
    }
}

#[test]
fn check_json_records_carry_every_field_whatever_their_state() {
    let z = own_zones()
        .txt(&rec(12), &[VALUE])
        .txt(&rec(13), &["an-old-token-value"])
        .servfail(&rec(15));
    let s = DnsServer::start(z, Mode::Answer);
    let (code, v, _) = check_json(&s, "198.18.12.0/22");
    assert_eq!(code, Some(2));
    let states: Vec<&str> = (0..4).map(|i| state(&v, i)).collect();
    assert_eq!(states, ["found", "wrong", "missing", "unchecked"]);
    assert_every_field(&v);
    let r = &v["records"];
    // Found: the value as `expected` writes it; nothing to explain.
    assert_eq!(r[0]["found"], serde_json::json!([VALUE]));
    assert_eq!(r[0]["cause"], Value::Null);
    assert_eq!(r[0]["cname"], Value::Null);
    assert_eq!(r[0]["delegation"]["zone"], Value::Null);
    // Wrong: the TXT data without quotes.
    assert_eq!(r[1]["found"], serde_json::json!(["an-old-token-value"]));
    // Missing: nothing found, and the zone that said so.
    assert_eq!(r[2]["found"], serde_json::json!([]));
    assert_eq!(r[2]["cause"], Value::Null);
    assert_eq!(r[2]["delegation"]["zone"], "14.18.198.in-addr.arpa");
    // Unchecked: nothing is known of what the name holds.
    assert_eq!(r[3]["found"], Value::Null);
    assert_eq!(r[3]["delegation"]["delegated"], Value::Null);
    assert_eq!(r[3]["delegation"]["zone"], Value::Null);
}

/// What an authoritative server such as NSD answers (RA clear): records in zones it
/// holds, whether or not anyone delegated them to it. Its answer is no evidence of what a
/// resolver sees, so no name is checked and the verdict is never READY.
#[test]
fn check_a_server_that_does_not_recurse_checks_nothing() {
    let s = DnsServer::start(all_records(own_zones()).authoritative(), Mode::Answer);
    let o = check(&s, "198.18.12.0/22", &[]);
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains(&format!(
            "unchecked  86950620.12.18.198.in-addr.arpa\n           the server at {} does not recurse (RA clear in its answer for 86950620.12.18.198.in-addr.arpa, RFC 1035 §4.1.1)",
            s.resolver()
        )),
        "{text}"
    );
    assert!(
        text.contains("pass --authoritative if --resolver is the names' authoritative server"),
        "{text}"
    );
    assert!(
        text.ends_with("INCOMPLETE: 4 not checked, 0 found\n"),
        "{text}"
    );
    let (code, v, _) = check_json(&s, "198.18.12.0/22");
    assert_eq!(code, Some(2));
    assert_eq!(v["ready"], false);
    assert!((0..4).all(|i| state(&v, i) == "unchecked"), "{v}");
    assert_every_field(&v);
}

/// --authoritative: the server is the names' own; an AA answer counts, a referral or an
/// answer without AA leaves the name unchecked (RFC 1035 §4.1.1).
#[test]
fn check_authoritative_takes_only_answers_with_aa() {
    let s = DnsServer::start(all_records(own_zones()).authoritative(), Mode::Answer);
    let o = check(&s, "198.18.12.0/22", &["--authoritative"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).ends_with("READY: all 4 found\n"));
    // RA clear and AA clear: neither a resolver nor the zone's server.
    let s = DnsServer::start(all_records(own_zones()).no_recursion(), Mode::Answer);
    let o = check(&s, "198.18.12.0/22", &["--authoritative"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stdout(&o).contains(&format!(
            "the answer for 86950620.12.18.198.in-addr.arpa from the server at {} is not authoritative (AA clear, RFC 1035 §4.1.1)",
            s.resolver()
        )),
        "{}",
        stdout(&o)
    );
    // The registry's server, which delegates the /24 elsewhere: a referral.
    let z = Zones::default()
        .apex("198.in-addr.arpa")
        .delegate("12.18.198.in-addr.arpa", "ns1.example.net")
        .authoritative();
    let s = DnsServer::start(z, Mode::Answer);
    let o = check(&s, "198.18.12.0/24", &["--authoritative"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let text = stdout(&o);
    assert!(
        text.contains(&format!(
            "the server at {} referred the question for 86950620.12.18.198.in-addr.arpa to the name servers of 12.18.198.in-addr.arpa (a referral, not an authoritative answer",
            s.resolver()
        )),
        "{text}"
    );
    assert!(
        text.ends_with("INCOMPLETE: 1 not checked, 0 found\n"),
        "{text}"
    );
}

/// A CNAME whose target does not exist is the target's problem (RFC 1034 §3.6.2), not the
/// registry's: the report names the CNAME, its target and the zone that answered.
#[test]
fn check_a_cname_to_nowhere_is_named_not_called_undelegated() {
    let z = own_zones()
        .apex("example.net")
        .cname(&rec(12), "token.example.net");
    let s = DnsServer::start(z, Mode::Answer);
    let o = check(&s, "198.18.12.0/24", &[]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("missing    86950620.12.18.198.in-addr.arpa\n           86950620.12.18.198.in-addr.arpa is a CNAME to token.example.net, which does not exist (NXDOMAIN from the zone example.net)\n           hint: publish token.example.net. IN TXT"),
        "{text}"
    );
    assert!(!text.contains("delegate"), "{text}");
    let (code, v, _) = check_json(&s, "198.18.12.0/24");
    assert_eq!(code, Some(1));
    assert_every_field(&v);
    let r = &v["records"][0];
    assert_eq!(r["state"], "missing");
    assert_eq!(r["cname"], "token.example.net");
    assert_eq!(r["delegation"]["delegated"], true);
    assert_eq!(r["delegation"]["zone"], "example.net");
    // The target exists but holds no TXT: NODATA, named as such.
    let z = own_zones()
        .apex("example.net")
        .txt("other.token.example.net", &["x"])
        .cname(&rec(12), "token.example.net");
    let s = DnsServer::start(z, Mode::Answer);
    let text = stdout(&check(&s, "198.18.12.0/24", &[]));
    assert!(
        text.contains("is a CNAME to token.example.net, which holds no TXT record (NODATA from the zone example.net)"),
        "{text}"
    );
    // A CNAME to a target that holds the value is found, as a resolver follows it.
    let z = own_zones()
        .apex("example.net")
        .txt("token.example.net", &[VALUE])
        .cname(&rec(12), "token.example.net");
    let s = DnsServer::start(z, Mode::Answer);
    let o = check(&s, "198.18.12.0/24", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// One name whose zone's servers are dead (the resolver never answers for it) leaves that
/// name unchecked; the resolver still answers the others, so they are asked.
#[test]
fn check_one_dead_delegation_does_not_stop_the_other_names() {
    let s = DnsServer::start(all_records(own_zones()).silent(&rec(13)), Mode::Answer);
    let o = check(&s, "198.18.12.0/22", &["--timeout", "1"]);
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains(&format!("unchecked  86950620.13.18.198.in-addr.arpa\n           no answer for 86950620.13.18.198.in-addr.arpa within 1 s from {}, which answers other questions: the name's zone may have a lame or dead delegation", s.resolver())),
        "{text}"
    );
    for o in [12, 14, 15] {
        assert!(
            text.contains(&format!("found      86950620.{o}.18.198.in-addr.arpa")),
            "{text}"
        );
    }
    assert!(
        text.ends_with("INCOMPLETE: 1 not checked, 3 found\n"),
        "{text}"
    );
}

/// Every zone dead but the resolver alive: three names time out in a row, the fourth is
/// not asked, so a prefix of many names does not cost a timeout each.
#[test]
fn check_names_that_all_time_out_stop_after_three_in_a_row() {
    let z = (12..16).fold(all_records(own_zones()), |z, o| z.silent(&rec(o)));
    let s = DnsServer::start(z, Mode::Answer);
    let o = check(&s, "198.18.12.0/22", &["--timeout", "1", "--json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    for i in 0..3 {
        assert!(
            cause(&v, i).contains("which answers other questions"),
            "{v}"
        );
    }
    assert_eq!(
        cause(&v, 3),
        format!(
            "not asked: the last 3 questions went unanswered for 1 s each at {}, which answers other questions; their zones' delegations may be lame or dead",
            s.resolver()
        )
    );
    // The fourth name never reached the server: three names sent at most twice each (one
    // retransmission) and three questions about the root, nine datagrams in all; asking the
    // fourth would be a tenth. Counted, not timed: a loaded machine stretches the time.
    assert!(s.udp_queries() <= 9, "{} queries", s.udp_queries());
}

#[test]
fn check_a_bad_resolver_or_timeout_is_a_usage_error() {
    let base = [
        "dns-token",
        "check",
        "--cidr",
        "198.18.12.0/24",
        "--token-name",
        NAME,
        "--token-value",
        VALUE,
    ];
    let o = byoip(&[&base[..], &["--resolver", "dns.example"]].concat());
    assert_one_line_error(&o, "resolver \"dns.example\"");
    let o = byoip(&[&base[..], &["--resolver", "127.0.0.1", "--timeout", "0"]].concat());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("give a whole number, 1 or more"),
        "{}",
        stderr(&o)
    );
}

// ---- check --verification dns-token ----

const LACNIC_48: &str = "2801:10:c000::/48";

/// LACNIC's real answer for 2801:10:c000:: (testdata/rdap), widened to the /48 it stands
/// for, and VRPs that authorize Amazon's ASNs for it with IPAM's maxLength.
fn lacnic_evidence(dir: &std::path::Path) -> (String, String) {
    let mut doc: Value = serde_json::from_str(
        &std::fs::read_to_string(common::testdata("rdap/lacnic_2801_10_c000__.json")).unwrap(),
    )
    .unwrap();
    doc["endAddress"] = "2801:10:c000:ffff:ffff:ffff:ffff:ffff".into();
    let rdap = dir.join("lacnic.json");
    std::fs::write(&rdap, doc.to_string()).unwrap();
    let vrps = dir.join("vrps.csv");
    std::fs::write(
        &vrps,
        "ASN,IP Prefix,Max Length,Trust Anchor,Expires\nAS16509,2801:10:c000::/48,48,lacnic,4102444800\nAS14618,2801:10:c000::/48,48,lacnic,4102444800\n",
    )
    .unwrap();
    (
        rdap.to_str().unwrap().to_string(),
        vrps.to_str().unwrap().to_string(),
    )
}

fn lacnic_zone(with_record: bool) -> Zones {
    let z = Zones::default()
        .apex("8.2.ip6.arpa")
        .apex("0.0.0.c.0.1.0.0.1.0.8.2.ip6.arpa");
    if with_record {
        z.txt(
            &format!("{NAME}.0.0.0.c.0.1.0.0.1.0.8.2.ip6.arpa"),
            &[VALUE],
        )
    } else {
        z
    }
}

fn dns_check(rdap: &str, vrps: &str, more: &[&str]) -> Output {
    // The IRR's saved answer for the prefix (no route objects), beside the RDAP record.
    let irr = common::irr_none(std::path::Path::new(rdap).parent().unwrap(), LACNIC_48);
    let mut args = vec![
        "check",
        "--cidr",
        LACNIC_48,
        "--service",
        "ipam",
        "--verification",
        "dns-token",
        "--token-name",
        NAME,
        "--token-value",
        VALUE,
        "--rdap-url",
        "http://127.0.0.1:9/",
        "--rdap-file",
        rdap,
        "--vrps",
        vrps,
        "--irr-file",
        irr.to_str().unwrap(),
        "--json",
    ];
    args.extend_from_slice(more);
    byoip(&args)
}

/// `check --offline` of the LACNIC /48 for IPAM's dns-token method, then `more`.
fn offline_dns_check<'a>(more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "check",
        "--offline",
        "--cidr",
        LACNIC_48,
        "--service",
        "ipam",
        "--verification",
        "dns-token",
    ];
    args.extend_from_slice(more);
    args
}

fn status(v: &Value, id: &str) -> String {
    common::check_field(v, id, "status")
}

#[test]
fn check_dns_token_passes_a_lacnic_prefix_without_cert_key_or_message() {
    let dir = common::tempdir();
    let (rdap, vrps) = lacnic_evidence(dir.path());
    let s = DnsServer::start(lacnic_zone(true), Mode::Answer);
    let resolver = s.resolver();
    // --offline: the RDAP record and VRPs from files; the DNS is still not asked offline,
    // so first ask it online with the saved files given (rdap-file wins over the network).
    let o = dns_check(&rdap, &vrps, &["--offline"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(status(&v, "dns.record"), "not-run", "{v}");
    assert_eq!(status(&v, "dns.delegation"), "not-run");
    assert_eq!(v["ok"], false, "never ready when the DNS was not asked");
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&byoip(&offline_dns_check(&[
        "--token-name",
        NAME,
        "--token-value",
        VALUE,
        "--rdap-file",
        &rdap,
        "--vrps",
        &vrps,
    ])));
    let last = common::verdict(&text);
    assert_eq!(
        last, "INCOMPLETE: 0 failed, 1 warning, 7 passed, 14 skipped, 2 not run; 2 reasons above",
        "{text}"
    );
    // The two DNS checks share their reason, said once; the thirteen checks that do not
    // apply to dns-token are counted, listed only under --verbose.
    assert!(
        text.contains("\nnot-run  dns.delegation, dns.record\n                               offline: the DNS was not asked for the dns-token records"),
        "{text}"
    );
    assert!(!text.contains("does not apply"), "{text}");
    assert!(
        text.contains("\n(13 checks skipped by rule; --verbose shows them)\nINCOMPLETE"),
        "{text}"
    );
    // --verbose (-v) lists them, the shared reason once with its ids, and counts nothing.
    for flag in ["--verbose", "-v"] {
        let verbose = stdout(&byoip(&offline_dns_check(&[
            "--token-name",
            NAME,
            "--token-value",
            VALUE,
            "--rdap-file",
            &rdap,
            "--vrps",
            &vrps,
            flag,
        ])));
        assert!(
            verbose.contains("\nskip     message.*, signature.local, key.cert-match, cert.*, rdap.certificate, rdap.signature\n                               does not apply: dns-token verification uses no certificate, key, message or signature\n"),
            "{verbose}"
        );
        assert_eq!(verbose.matches("does not apply").count(), 1, "{verbose}");
        assert!(!verbose.contains("skipped by rule"), "{verbose}");
        assert_eq!(common::verdict(&verbose), last, "{verbose}");
    }
    assert!(
        !last.contains("signature"),
        "no signature is involved: {last}"
    );

    let o = dns_check(&rdap, &vrps, &["--resolver", &resolver]);
    let v: Value = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&o), stderr(&o)));
    assert_eq!(o.status.code(), Some(0), "{v}\n{}", stderr(&o));
    assert_eq!(status(&v, "rdap.registry"), "pass");
    assert!(
        common::check_field(&v, "rdap.registry", "message").contains("LACNIC"),
        "{v}"
    );
    assert_eq!(status(&v, "rdap.record"), "pass");
    assert_eq!(status(&v, "dns.delegation"), "pass");
    assert_eq!(status(&v, "dns.record"), "pass");
    assert_eq!(status(&v, "roa.as16509"), "pass");
    // A name and value alone: the token's expiry is unconfirmed, a warning, still ready.
    assert_eq!(status(&v, "dns.token"), "warn");
    for id in [
        "message.format",
        "signature.local",
        "key.cert-match",
        "cert.validity",
        "rdap.certificate",
        "rdap.signature",
    ] {
        assert_eq!(status(&v, id), "skip", "{id}");
        assert!(
            common::check_field(&v, id, "message").contains("dns-token"),
            "{id}"
        );
    }
}

#[test]
fn check_remarks_x509_still_fails_lacnic() {
    let dir = common::tempdir();
    let (rdap, vrps) = lacnic_evidence(dir.path());
    let o = byoip(&[
        "check",
        "--offline",
        "--cidr",
        LACNIC_48,
        "--service",
        "ipam",
        "--cert",
        td("demo-cert.pem"),
        "--rdap-file",
        &rdap,
        "--vrps",
        &vrps,
        "--json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(status(&v, "rdap.registry"), "fail");
    assert!(
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != "dns.record")
    );
}

#[test]
fn check_dns_token_lists_every_name_and_fails_a_missing_record() {
    let dir = common::tempdir();
    let (rdap, vrps) = lacnic_evidence(dir.path());
    let s = DnsServer::start(lacnic_zone(false), Mode::Answer);
    let o = dns_check(&rdap, &vrps, &["--resolver", &s.resolver()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(status(&v, "dns.record"), "fail");
    assert_eq!(status(&v, "dns.delegation"), "pass");
    let rec = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "dns.record")
        .unwrap();
    assert_eq!(
        rec["details"][0],
        format!("missing {NAME}.0.0.0.c.0.1.0.0.1.0.8.2.ip6.arpa")
    );
    // What to do names the commands that plan the records and ask for them again.
    assert_eq!(
        rec["hint"],
        "publish every planned record, with the exact token value, and check again (`byoip dns-token plan`; `byoip dns-token check`)"
    );
}

#[test]
fn check_dns_token_that_cannot_ask_is_not_run_and_exits_2() {
    let dir = common::tempdir();
    let (rdap, vrps) = lacnic_evidence(dir.path());
    let s = DnsServer::start(
        lacnic_zone(true).servfail(&format!("{NAME}.0.0.0.c.0.1.0.0.1.0.8.2.ip6.arpa")),
        Mode::Answer,
    );
    let o = dns_check(&rdap, &vrps, &["--resolver", &s.resolver()]);
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(status(&v, "dns.record"), "not-run");
    assert_eq!(status(&v, "dns.delegation"), "not-run");
    assert!(
        stderr(&o).contains(
            "the DNS gave no usable answer for 1 of 1 dns-token names: the resolver answered SERVFAIL"
        ),
        "{}",
        stderr(&o)
    );
}

/// `check --verification dns-token` at a server that does not recurse: not run, exit 2,
/// and the closing error says why in the CLI's words; with --authoritative (the server
/// answers with AA) the same server's answer is taken.
#[test]
fn check_dns_token_at_a_server_that_does_not_recurse_is_not_run() {
    let dir = common::tempdir();
    let (rdap, vrps) = lacnic_evidence(dir.path());
    let s = DnsServer::start(lacnic_zone(true).authoritative(), Mode::Answer);
    let o = dns_check(&rdap, &vrps, &["--resolver", &s.resolver()]);
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(status(&v, "dns.record"), "not-run");
    assert_eq!(status(&v, "dns.delegation"), "not-run");
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "the DNS gave no usable answer for 1 of 1 dns-token names: the server at {} does not recurse",
            s.resolver()
        )) && err.contains("pass --authoritative if --resolver is the names' authoritative server"),
        "{err}"
    );
    let o = dns_check(
        &rdap,
        &vrps,
        &["--resolver", &s.resolver(), "--authoritative"],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn check_dns_token_with_ec2_or_ga_is_a_usage_error() {
    for service in ["ec2", "ga"] {
        let o = byoip(&[
            "check",
            "--offline",
            "--cidr",
            "198.18.12.0/24",
            "--service",
            service,
            "--verification",
            "dns-token",
            "--token-name",
            NAME,
            "--token-value",
            VALUE,
        ]);
        assert_one_line_error(&o, "--verification dns-token is accepted by IPAM only");
    }
    let o = byoip(&[
        "check",
        "--offline",
        "--cidr",
        "198.18.12.0/24",
        "--service",
        "ipam",
        "--verification",
        "dns-token",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = byoip(&[
        "check",
        "--offline",
        "--cidr",
        "198.18.12.0/24",
        "--service",
        "ipam",
        "--verification",
        "dns-token",
        "--cert",
        td("demo-cert.pem"),
    ]);
    assert_one_line_error(&o, "no verification token given");
}

/// Only IPAM takes dns-token: `check --verification dns-token` without --service checks
/// for IPAM (an explicit --service ec2 or ga stays a usage error, above).
#[test]
fn check_dns_token_without_a_service_checks_for_ipam() {
    let o = byoip(&[
        "check",
        "--offline",
        "--cidr",
        "192.198.0.0/24",
        "--verification",
        "dns-token",
        "--token-name",
        NAME,
        "--token-value",
        VALUE,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).starts_with("byoip check 192.198.0.0/24 (ipam, advertised, dns-token)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn batch_check_reads_a_dns_token_prefix_from_the_manifest() {
    let dir = common::tempdir();
    let (rdap, vrps) = lacnic_evidence(dir.path());
    let token = dir.path().join("token.json");
    std::fs::write(
        &token,
        format!(r#"{{"IpamExternalResourceVerificationToken": {{"IpamExternalResourceVerificationTokenId": "ipam-ext-res-ver-token-1", "TokenName": "{NAME}", "TokenValue": "{VALUE}", "NotAfter": "2099-01-01T00:00:00+00:00", "Status": "valid", "State": "create-complete"}}}}"#),
    )
    .unwrap();
    let manifest = dir.path().join("byoip.toml");
    std::fs::write(
        &manifest,
        format!(
            "service = \"ipam\"\nvrps = {vrps:?}\n\n[[prefix]]\ncidr = \"{LACNIC_48}\"\nverification = \"dns-token\"\ntoken_file = \"token.json\"\nrdap_file = {rdap:?}\n"
        ),
    )
    .unwrap();
    let s = DnsServer::start(lacnic_zone(true), Mode::Answer);
    let m = manifest.to_str().unwrap();
    // Offline: the saved record and VRPs; the DNS not asked, so not ready.
    let o = byoip(&["batch", "check", "--manifest", m, "--offline", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&o), stderr(&o)));
    assert_eq!(o.status.code(), Some(1), "{v}");
    assert_eq!(status(&v["prefixes"][0], "dns.record"), "not-run");
    assert_eq!(status(&v["prefixes"][0], "rdap.registry"), "pass");
    // Online: the record from an RDAP server on 127.0.0.1, the DNS from the test's server.
    let doc = std::fs::read_to_string(&rdap).unwrap();
    let rdap_server =
        common::httpd::Server::start(move |_, _| common::httpd::Reply::json(200, doc.clone()));
    let whois = common::whoisd::Server::answering("%  No entries found.\n");
    let o = byoip(&[
        "batch",
        "check",
        "--manifest",
        m,
        "--json",
        "--vrps",
        &vrps,
        "--rdap-url",
        &format!("{}/", rdap_server.base),
        "--resolver",
        &s.resolver(),
        "--irr-server",
        &whois.addr,
    ]);
    let v: Value = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&o), stderr(&o)));
    assert_eq!(o.status.code(), Some(0), "{v}\n{}", stderr(&o));
    assert_eq!(status(&v["prefixes"][0], "dns.record"), "pass");
    assert_eq!(status(&v["prefixes"][0], "dns.token"), "pass");
    assert_eq!(status(&v["prefixes"][0], "cert.validity"), "skip");
}

#[test]
fn manifest_dns_token_needs_ipam_and_a_token_file() {
    let dir = common::tempdir();
    let manifest = dir.path().join("byoip.toml");
    for (body, needle) in [
        (
            "[[prefix]]\ncidr = \"198.18.12.0/24\"\nverification = \"dns-token\"\ntoken_file = \"t.json\"\n",
            "line 2: 198.18.12.0/24 uses dns-token verification, which only IPAM accepts",
        ),
        (
            "service = \"ipam\"\n[[prefix]]\ncidr = \"198.18.12.0/24\"\nverification = \"dns-token\"\n",
            "names no token_file",
        ),
        (
            "[[prefix]]\ncidr = \"198.18.12.0/24\"\ntoken_file = \"t.json\"\n",
            "only dns-token verification reads",
        ),
        (
            "[[prefix]]\ncidr = \"198.18.12.0/24\"\nverification = \"dns\"\n",
            "unknown verification method",
        ),
    ] {
        std::fs::write(&manifest, body).unwrap();
        let o = byoip(&["batch", "check", "--manifest", manifest.to_str().unwrap()]);
        assert_one_line_error(&o, needle);
    }
}

#[test]
fn batch_check_reads_a_shared_token_file_once() {
    let dir = common::tempdir();
    // The token file is a named pipe this test writes once: a second read of the file
    // would wait for a writer that never comes, and the run would not end.
    let fifo = dir.path().join("token.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let token = std::fs::read(common::testdata("dns-token/create-token.json")).unwrap();
    std::thread::spawn(move || std::fs::write(&fifo, token).unwrap());
    let manifest = dir.path().join("byoip.toml");
    std::fs::write(
        &manifest,
        "service = \"ipam\"\nverification = \"dns-token\"\ntoken_file = \"token.json\"\n\n[[prefix]]\ncidr = \"198.18.12.0/24\"\n\n[[prefix]]\ncidr = \"198.18.13.0/24\"\n",
    )
    .unwrap();
    let mut child = common::byoip_command(
        &[
            "batch",
            "check",
            "--manifest",
            manifest.to_str().unwrap(),
            "--offline",
        ],
        &[],
    )
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    // A hang, not a time limit: the run takes well under a second when it reads once.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("batch check waited on the token file: it read the file a second time");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // AWS's example token expired in 2024: each prefix's report fails dns.token, and
    // nothing is said twice on stderr.
    assert!(!stderr(&o).contains("warning: the token"), "{}", stderr(&o));
    let out = stdout(&o);
    for cidr in ["198.18.12.0/24", "198.18.13.0/24"] {
        let line = out.lines().find(|l| l.starts_with(cidr)).unwrap();
        assert!(
            line.contains("dns.token [rdap.registry]")
                && line.contains("[dns.delegation] [dns.record]"),
            "{out}"
        );
    }
}

#[test]
fn check_reports_an_expired_token_as_dns_token_failed() {
    let token = common::testdata("dns-token/create-token.json");
    let args = offline_dns_check(&["--token-file", token.to_str().unwrap()]);
    let o = byoip(&[&args[..], &["--json"]].concat());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(status(&v, "dns.token"), "fail", "{v}");
    assert_eq!(
        common::check_field(&v, "dns.token", "message"),
        "the token expired at 2024-05-19 14:28 UTC; AWS accepts a token for 72 hours"
    );
    assert!(
        common::check_field(&v, "dns.token", "hint").starts_with("create a new token"),
        "{v}"
    );
    // In the report, so not also on stderr.
    assert!(!stderr(&o).contains("expired"), "{}", stderr(&o));
    let text = stdout(&byoip(&args));
    assert!(
        text.contains("FAIL     dns.token             the token expired at 2024-05-19 14:28 UTC"),
        "{text}"
    );
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("NOT READY: 1 failed"),
        "{text}"
    );
}

#[test]
fn plan_reads_the_token_json_from_standard_input() {
    use std::io::Write;
    let mut child = common::byoip_command(
        &[
            "dns-token",
            "plan",
            "--cidr",
            "198.18.123.0/24",
            "--token-file",
            "-",
            "--json",
        ],
        &[],
    )
    .stdin(std::process::Stdio::piped())
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    let json = std::fs::read(common::testdata("dns-token/create-token.json")).unwrap();
    child.stdin.take().unwrap().write_all(&json).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["token_id"], "ipam-ext-res-ver-token-0309ce7f67a768cf0");
    assert_eq!(v["records"][0]["name"], "86950620.123.18.198.in-addr.arpa");
}
