//! VPC IPAM `dns-token` verification: the reverse-DNS TXT records that prove control of a
//! prefix, planned and judged without a network.
//!
//! Sources (AWS's public documentation):
//! - VPC IPAM user guide, "Verify domain control"
//!   (<https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoip-ipam-domain-verification-methods.html>):
//!   the record is `<TokenName>.<reverse zone>` of type TXT holding `<TokenValue>`; it goes
//!   "into the reverse zone of the prefix itself or its parent prefix", which the registry
//!   must delegate to your name servers; IPv4 records align to octet boundaries and IPv6
//!   records to nibble boundaries, so a prefix between boundaries needs one record per
//!   subnet at the next boundary (198.18.12.0/22 → four /24 names); a token can be reused
//!   for 72 hours.
//! - EC2 API reference, `CreateIpamExternalResourceVerificationToken` and the
//!   `IpamExternalResourceVerificationToken` data type
//!   (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpamExternalResourceVerificationToken.html>):
//!   `TokenName`, `TokenValue`, `NotAfter`, `Status` (`valid | expired`), `State`.
//! - EC2 API reference, `ProvisionIpamPoolCidr`
//!   (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ProvisionIpamPoolCidr.html>):
//!   `VerificationMethod = dns-token` with `IpamExternalResourceVerificationTokenId`.
//!
//! More in the repository's `docs/dns-token.md`. This module is pure: [`plan`] is arithmetic,
//! [`judge`] reads answers through the [`Lookup`] trait, which the network client in
//! `crate::dns` implements (and tests implement with a table).

/// The record type AWS asks for.
const RECORD_TYPE: &str = "TXT";

mod judge;
mod plan;
mod token;

pub use judge::{Answer, Delegation, Lookup, NameCheck, NameState, Tally, judge};
pub use plan::{Plan, Record, aligned_len, group_by_zone, plan};
pub use token::Token;

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use super::{
        judge::compare,
        plan::{in_zone, normalize_zone},
    };
    use crate::{error::Error, lint::Severity};

    fn token() -> Token {
        Token::new("86950620", "a34597c3-5317-4238-9ce7-50da5b6e6dc8").unwrap()
    }

    fn names(cidr: &str) -> Vec<String> {
        plan(cidr.parse().unwrap(), &token())
            .unwrap()
            .records
            .into_iter()
            .map(|r| r.name)
            .collect()
    }

    // The examples of AWS's "Verify domain control" page, verbatim (token-name → 86950620).
    #[test]
    fn aws_example_ipv4_slash24_is_one_record() {
        assert_eq!(
            names("198.18.123.0/24"),
            ["86950620.123.18.198.in-addr.arpa"]
        );
    }

    #[test]
    fn aws_example_ipv4_slash22_is_four_slash24_records() {
        assert_eq!(
            names("198.18.12.0/22"),
            [
                "86950620.12.18.198.in-addr.arpa",
                "86950620.13.18.198.in-addr.arpa",
                "86950620.14.18.198.in-addr.arpa",
                "86950620.15.18.198.in-addr.arpa",
            ]
        );
    }

    #[test]
    fn aws_example_ipv4_slash16_is_one_record() {
        assert_eq!(names("198.18.0.0/16"), ["86950620.18.198.in-addr.arpa"]);
    }

    #[test]
    fn aws_example_ipv6_slash40_is_one_record() {
        assert_eq!(
            names("2001:0db8::/40"),
            ["86950620.0.0.8.b.d.0.1.0.0.2.ip6.arpa"]
        );
    }

    #[test]
    fn aws_example_ipv6_slash42_is_four_slash44_records() {
        assert_eq!(
            names("2001:0db8:80::/42"),
            [
                "86950620.8.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.9.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.a.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.b.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
            ]
        );
    }

    #[test]
    fn aws_example_ipv6_slash54_is_four_slash56_records() {
        assert_eq!(
            names("2001:db8:0:1000::/54"),
            [
                "86950620.0.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.1.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.2.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "86950620.3.1.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
            ]
        );
    }

    #[test]
    fn aws_rule_of_thumb_hex_digits_times_four_is_the_aligned_length() {
        for cidr in ["2001:db8::/40", "2001:db8:80::/42", "2001:db8:0:1000::/54"] {
            let p = plan(cidr.parse().unwrap(), &token()).unwrap();
            for r in &p.records {
                let digits = r.name.split('.').filter(|l| l.len() == 1).count();
                assert_eq!(digits * 4, usize::from(p.aligned_len), "{}", r.name);
            }
        }
    }

    #[test]
    fn slash17_needs_128_records() {
        let n = names("198.18.0.0/17");
        assert_eq!(n.len(), 128);
        assert_eq!(n[0], "86950620.0.18.198.in-addr.arpa");
        assert_eq!(n[127], "86950620.127.18.198.in-addr.arpa");
    }

    #[test]
    fn ipv6_slash34_is_the_four_real_slash36s() {
        let p = plan("2001:db8::/34".parse().unwrap(), &token()).unwrap();
        let cidrs: Vec<String> = p.records.iter().map(|r| r.cidr.to_string()).collect();
        assert_eq!(
            cidrs,
            [
                "2001:db8::/36",
                "2001:db8:1000::/36",
                "2001:db8:2000::/36",
                "2001:db8:3000::/36"
            ]
        );
        assert_eq!(p.records[1].name, "86950620.1.8.b.d.0.1.0.0.2.ip6.arpa");
    }

    #[test]
    fn the_record_zone_is_the_name_without_the_token() {
        let p = plan("198.18.12.0/22".parse().unwrap(), &token()).unwrap();
        for r in &p.records {
            assert_eq!(r.name, format!("86950620.{}", r.zone));
            assert_eq!(r.kind, "TXT");
            assert_eq!(r.value, "a34597c3-5317-4238-9ce7-50da5b6e6dc8");
        }
    }

    #[test]
    fn slash0_is_refused() {
        assert!(plan("0.0.0.0/0".parse().unwrap(), &token()).is_err());
    }

    const CREATE: &str = r#"{
    "IpamExternalResourceVerificationToken": {
        "IpamExternalResourceVerificationTokenId": "ipam-ext-res-ver-token-0309ce7f67a768cf0",
        "IpamId": "ipam-0f9e8725ac3ae5754",
        "TokenValue": "a34597c3-5317-4238-9ce7-50da5b6e6dc8",
        "TokenName": "86950620",
        "NotAfter": "2024-05-19T14:28:15.927000+00:00",
        "Status": "valid",
        "Tags": [],
        "State": "create-in-progress"
    }
}"#;

    #[test]
    fn reads_the_create_output_of_the_aws_docs() {
        let t = Token::from_aws_json(CREATE.as_bytes(), None).unwrap();
        assert_eq!(t.name, "86950620");
        assert_eq!(t.value, "a34597c3-5317-4238-9ce7-50da5b6e6dc8");
        assert_eq!(
            t.id.as_deref(),
            Some("ipam-ext-res-ver-token-0309ce7f67a768cf0")
        );
        assert_eq!(
            t.not_after.unwrap().to_rfc3339(),
            "2024-05-19T14:28:15.927+00:00"
        );
    }

    #[test]
    fn a_list_needs_a_token_id_to_choose() {
        let one = r#"{"IpamExternalResourceVerificationTokenId": "ipam-ext-res-ver-token-1", "TokenName": "1", "TokenValue": "v1"}"#;
        let two = r#"{"IpamExternalResourceVerificationTokenId": "ipam-ext-res-ver-token-2", "TokenName": "2", "TokenValue": "v2"}"#;
        let list = format!(r#"{{"IpamExternalResourceVerificationTokens": [{one}, {two}]}}"#);
        let e = Token::from_aws_json(list.as_bytes(), None).unwrap_err();
        assert!(e.to_string().contains("lists 2 tokens"), "{e}");
        assert_eq!(e.hint(), "choose one by its token ID");
        let t = Token::from_aws_json(list.as_bytes(), Some("ipam-ext-res-ver-token-2")).unwrap();
        assert_eq!(t.value, "v2");
        let e =
            Token::from_aws_json(list.as_bytes(), Some("ipam-ext-res-ver-token-3")).unwrap_err();
        assert!(
            e.to_string()
                .contains("ipam-ext-res-ver-token-1, ipam-ext-res-ver-token-2"),
            "{e}"
        );
    }

    #[test]
    fn json_not_in_aws_shape_is_refused() {
        for bad in [
            "[]",
            r#"{"Token": {}}"#,
            r#"{"IpamExternalResourceVerificationToken": {"TokenName": "1"}}"#,
            r#"{"IpamExternalResourceVerificationToken": {"TokenName": 1, "TokenValue": "v"}}"#,
            r#"{"IpamExternalResourceVerificationToken": {"TokenName": "1", "TokenValue": "v", "NotAfter": "soon"}}"#,
            r#"{"IpamExternalResourceVerificationTokens": {}}"#,
            "not json",
        ] {
            assert!(
                matches!(
                    Token::from_aws_json(bad.as_bytes(), None),
                    Err(Error::Token { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn names_and_values_with_spaces_or_quotes_are_refused() {
        for (name, value) in [
            ("86950620", "\u{201C}a34597c3\u{201D}"),
            ("86950620", "\"a34597c3\""),
            ("86950620", "a3459 7c3"),
            ("86950620", " a34597c3"),
            ("8695 0620", "a34597c3"),
            ("\"86950620\"", "a34597c3"),
            ("86950620.", "a34597c3"),
            ("", "a34597c3"),
            ("86950620", ""),
        ] {
            let e = Token::new(name, value).unwrap_err();
            assert!(matches!(e, Error::Token { .. }), "{name:?} {value:?}");
        }
        let e = Token::new("86950620", "\u{201C}x\u{201D}").unwrap_err();
        assert!(e.to_string().contains("U+201C"), "{e}");
    }

    #[test]
    fn expiry_is_an_error_when_past_and_a_warning_within_a_day() {
        let mut t = Token::from_aws_json(CREATE.as_bytes(), None).unwrap();
        let at = t.not_after.unwrap();
        let f = t.expiry_finding(at + Duration::seconds(1)).unwrap();
        assert_eq!(f.severity, Severity::Error);
        assert!(
            f.message.contains("expired at 2024-05-19 14:28 UTC"),
            "{}",
            f.message
        );
        let f = t.expiry_finding(at - Duration::hours(3)).unwrap();
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.message.contains("in 3h00m"), "{}", f.message);
        assert!(t.expiry_finding(at - Duration::days(2)).is_none());
        t.status = Some("expired".into());
        assert_eq!(
            t.expiry_finding(at - Duration::days(2)).unwrap().severity,
            Severity::Error
        );
    }

    #[test]
    fn an_empty_list_and_a_missing_name_are_named_as_such() {
        let e = Token::from_aws_json(br#"{"IpamExternalResourceVerificationTokens": []}"#, None)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "unusable verification token: the token file lists no tokens"
        );
        assert!(e.hint().starts_with("create one with"), "{}", e.hint());
        let e = Token::from_aws_json(
            br#"{"IpamExternalResourceVerificationToken": {"TokenValue": "v"}}"#,
            None,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "unusable verification token: the token has no TokenName"
        );
    }

    #[test]
    fn names_and_values_are_held_to_their_limits_and_characters() {
        // A DNS label holds 63 bytes; a TXT character-string 255.
        assert!(Token::new(&"1".repeat(63), "v").is_ok());
        let e = Token::new(&"1".repeat(64), "v").unwrap_err();
        assert!(
            e.to_string()
                .contains("is 64 bytes, over the 63-byte limit"),
            "{e}"
        );
        assert!(Token::new("1", &"v".repeat(255)).is_ok());
        assert!(Token::new("1", &"v".repeat(256)).is_err());
        // Hyphens and underscores can be part of a label.
        assert!(Token::new("a-b_c", "v").is_ok());
        let e = Token::new("a.b", "v").unwrap_err();
        assert!(
            e.to_string().contains("cannot be part of one DNS label"),
            "{e}"
        );
        // A backslash would be read as an escape in a zone file: refused in a value.
        let e = Token::new("1", "a\\b").unwrap_err();
        assert!(e.to_string().contains("contains a backslash"), "{e}");
    }

    #[test]
    fn expiry_within_exactly_a_day_is_no_warning_and_a_deleted_token_is_an_error() {
        let mut t = Token::from_aws_json(CREATE.as_bytes(), None).unwrap();
        let at = t.not_after.unwrap();
        // Exactly one day left is not "within a day"; a second less is.
        assert!(t.expiry_finding(at - Duration::days(1)).is_none());
        let f = t
            .expiry_finding(at - Duration::days(1) + Duration::seconds(1))
            .unwrap();
        assert_eq!(f.severity, Severity::Warning);
        for state in [
            "create-failed",
            "delete-in-progress",
            "delete-complete",
            "delete-failed",
        ] {
            t.state = Some(state.into());
            let f = t.expiry_finding(at - Duration::days(2)).unwrap();
            assert_eq!(f.severity, Severity::Error);
            assert_eq!(f.message, format!("the token's State is {state}"));
        }
        t.state = Some("create-complete".into());
        assert!(t.expiry_finding(at - Duration::days(2)).is_none());
        t.state = None;
        assert!(t.expiry_finding(at - Duration::days(2)).is_none());
        // What the create call returns: usable moments later, so no finding.
        t.state = Some("create-in-progress".into());
        assert!(t.expiry_finding(at - Duration::days(2)).is_none());
        // A state AWS has not documented: a warning naming it.
        t.state = Some("update-in-progress".into());
        let f = t.expiry_finding(at - Duration::days(2)).unwrap();
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.message.contains("update-in-progress"), "{}", f.message);
        assert!(f.hint.contains("create-complete"), "{}", f.hint);
    }

    #[test]
    fn name_states_print_as_reports_and_json_name_them() {
        for (state, text) in [
            (NameState::Found, "found"),
            (NameState::Missing, "missing"),
            (NameState::Wrong, "wrong"),
            (NameState::Unchecked, "unchecked"),
        ] {
            assert_eq!(state.to_string(), text);
            assert_eq!(serde_json::to_value(state).unwrap(), text);
        }
    }

    #[test]
    fn zone_names_are_lower_case_without_the_dot_and_refused_when_not_names() {
        assert_eq!(
            normalize_zone("18.198.IN-ADDR.ARPA.").unwrap(),
            "18.198.in-addr.arpa"
        );
        let long = "a".repeat(63);
        assert_eq!(
            normalize_zone(&format!("{long}.arpa")).unwrap(),
            format!("{long}.arpa")
        );
        for bad in [
            "",
            ".",
            "18..198.in-addr.arpa",
            ".18.198.in-addr.arpa",
            "18.198 .in-addr.arpa",
            "\"18.198.in-addr.arpa\"",
            &format!("a{long}.arpa"),
        ] {
            assert!(normalize_zone(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn grouping_by_a_parent_zone_and_by_own_zones() {
        let p = plan("198.18.12.0/22".parse().unwrap(), &token()).unwrap();
        let one = group_by_zone(&p.records, Some("18.198.IN-ADDR.ARPA.")).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, "18.198.in-addr.arpa");
        assert_eq!(one[0].1.len(), 4);
        let own = group_by_zone(&p.records, None).unwrap();
        assert_eq!(own.len(), 4);
        assert_eq!(own[2].0, "14.18.198.in-addr.arpa");
        let e = group_by_zone(&p.records, Some("13.18.198.in-addr.arpa")).unwrap_err();
        assert!(e.to_string().contains("zone 13.18.198.in-addr.arpa: record 86950620.12.18.198.in-addr.arpa is not inside it"), "{e}");
        // A suffix that is not a label boundary is not "inside".
        assert!(!in_zone("x.218.198.in-addr.arpa", "18.198.in-addr.arpa"));
    }

    /// Answers from a table: TXT by name, zone apexes by name, failures by name.
    struct Table {
        txt: Vec<(&'static str, Vec<&'static str>)>,
        apexes: Vec<&'static str>,
        fail: Vec<&'static str>,
    }

    impl Table {
        fn zone_for(&self, name: &str) -> Option<String> {
            self.apexes
                .iter()
                .filter(|z| in_zone(name, z))
                .max_by_key(|z| z.len())
                .map(|z| z.to_string())
        }
    }

    impl Lookup for Table {
        fn txt(&mut self, name: &str) -> Answer {
            if self.fail.contains(&name) {
                return Answer::Failed("SERVFAIL".into());
            }
            match self.txt.iter().find(|(n, _)| *n == name) {
                Some((_, strings)) => Answer::Records(vec![
                    strings.iter().map(|s| s.as_bytes().to_vec()).collect(),
                ]),
                None => Answer::Empty {
                    nxdomain: true,
                    zone: self.zone_for(name),
                },
            }
        }
        fn soa(&mut self, name: &str) -> Answer {
            if self.apexes.contains(&name) {
                Answer::Records(vec![])
            } else {
                Answer::Empty {
                    nxdomain: false,
                    zone: self.zone_for(name),
                }
            }
        }
    }

    const V: &str = "a34597c3-5317-4238-9ce7-50da5b6e6dc8";

    #[test]
    fn judge_names_each_state_and_cause() {
        let p = plan("198.18.12.0/22".parse().unwrap(), &token()).unwrap();
        let mut t = Table {
            txt: vec![
                ("86950620.12.18.198.in-addr.arpa", vec![V]),
                (
                    "86950620.13.18.198.in-addr.arpa",
                    vec!["\u{201C}a34597c3-5317-4238-9ce7-50da5b6e6dc8\u{201D}"],
                ),
                (
                    "86950620.14.18.198.in-addr.arpa",
                    vec!["a34597c3-5317-4238", "-9ce7-50da5b6e6dc8"],
                ),
            ],
            apexes: vec![
                "198.in-addr.arpa",
                "12.18.198.in-addr.arpa",
                "13.18.198.in-addr.arpa",
                "14.18.198.in-addr.arpa",
                "15.18.198.in-addr.arpa",
            ],
            fail: vec![],
        };
        let r = judge(&p, &mut t);
        assert_eq!(r[0].state, NameState::Found);
        assert_eq!(r[1].state, NameState::Wrong);
        assert!(r[1].cause.as_deref().unwrap().contains("curly"));
        // Found values are the TXT data, as the expected value is; shown() quotes them.
        assert_eq!(
            r[1].found.as_deref().unwrap(),
            ["\u{201C}a34597c3-5317-4238-9ce7-50da5b6e6dc8\u{201D}"]
        );
        assert_eq!(
            r[1].shown(),
            ["\"\u{201C}a34597c3-5317-4238-9ce7-50da5b6e6dc8\u{201D}\""]
        );
        assert_eq!(
            r[2].shown(),
            ["\"a34597c3-5317-4238\" \"-9ce7-50da5b6e6dc8\""]
        );
        assert_eq!(r[2].found.as_deref().unwrap(), [V]);
        assert_eq!(r[0].found.as_deref().unwrap(), [V]);
        assert_eq!(r[3].found.as_deref(), Some(&[][..]));
        assert_eq!(r[2].state, NameState::Wrong);
        assert!(
            r[2].cause
                .as_deref()
                .unwrap()
                .contains("split across 2 strings")
        );
        assert_eq!(r[3].state, NameState::Missing);
        assert_eq!(r[3].delegation.delegated, Some(true));
        assert_eq!(
            r[3].delegation.zone.as_deref(),
            Some("15.18.198.in-addr.arpa")
        );
    }

    #[test]
    fn judge_tells_an_undelegated_zone_from_a_delegated_parent() {
        let p = plan("198.18.12.0/22".parse().unwrap(), &token()).unwrap();
        // Only the registry's zone: nothing delegated.
        let mut t = Table {
            txt: vec![],
            apexes: vec!["198.in-addr.arpa"],
            fail: vec![],
        };
        let r = judge(&p, &mut t);
        assert!(
            r.iter()
                .all(|c| c.state == NameState::Missing && c.delegation.delegated == Some(false))
        );
        assert!(
            r[0].delegation
                .reason
                .contains("12.18.198.in-addr.arpa is not delegated"),
            "{}",
            r[0].delegation.reason
        );
        assert_eq!(r[0].delegation.zone.as_deref(), Some("198.in-addr.arpa"));
        // The user's /16 zone holds three of the four records: the fourth is missing from a
        // delegated parent zone, not undelegated.
        let mut t = Table {
            txt: vec![
                ("86950620.12.18.198.in-addr.arpa", vec![V]),
                ("86950620.13.18.198.in-addr.arpa", vec![V]),
                ("86950620.14.18.198.in-addr.arpa", vec![V]),
            ],
            apexes: vec!["198.in-addr.arpa", "18.198.in-addr.arpa"],
            fail: vec![],
        };
        let r = judge(&p, &mut t);
        assert_eq!(r[3].state, NameState::Missing);
        assert_eq!(r[3].delegation.delegated, Some(true));
        assert!(
            r[3].delegation.reason.contains("delegated parent zone"),
            "{}",
            r[3].delegation.reason
        );
    }

    #[test]
    fn a_negative_answer_that_names_no_zone_is_not_a_verdict() {
        let p = plan("198.18.123.0/24".parse().unwrap(), &token()).unwrap();
        let mut t = Table {
            txt: vec![],
            apexes: vec![],
            fail: vec![],
        };
        let r = judge(&p, &mut t);
        assert_eq!(r[0].state, NameState::Unchecked);
        assert!(r[0].cause.as_deref().unwrap().contains("cannot be trusted"));
        assert_eq!(r[0].delegation.delegated, None);
    }

    #[test]
    fn judge_keeps_failures_unchecked() {
        let p = plan("198.18.123.0/24".parse().unwrap(), &token()).unwrap();
        let mut t = Table {
            txt: vec![],
            apexes: vec![],
            fail: vec!["86950620.123.18.198.in-addr.arpa"],
        };
        let r = judge(&p, &mut t);
        assert_eq!(r[0].state, NameState::Unchecked);
        assert_eq!(r[0].delegation.delegated, None);
        assert_eq!(r[0].cause.as_deref(), Some("SERVFAIL"));
    }

    #[test]
    fn compare_names_stray_whitespace_and_double_quotes() {
        let (s, c) = compare(&[vec![b" a34597c3 ".to_vec()]], "a34597c3");
        assert_eq!(s, NameState::Wrong);
        assert!(c.unwrap().contains("whitespace"));
        let (_, c) = compare(&[vec![b"\"a34597c3\"".to_vec()]], "a34597c3");
        assert!(c.unwrap().contains("quoted twice"));
        let (_, c) = compare(&[vec![b"other".to_vec()]], "a34597c3");
        assert!(c.unwrap().contains("another value"));
        // Quotes around another value are not the value quoted twice.
        let (_, c) = compare(&[vec![b"\"other\"".to_vec()]], "a34597c3");
        assert!(c.unwrap().contains("another value"));
        // Several strings that do not make up the value are another value, not a split one.
        let (s, c) = compare(&[vec![b"oth".to_vec(), b"er".to_vec()]], "a34597c3");
        assert_eq!(s, NameState::Wrong);
        assert!(c.unwrap().contains("another value"));
        // The right record among others is found.
        let (s, _) = compare(
            &[vec![b"other".to_vec()], vec![b"a34597c3".to_vec()]],
            "a34597c3",
        );
        assert_eq!(s, NameState::Found);
    }
}
