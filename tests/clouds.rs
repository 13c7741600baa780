//! `byoip clouds` and `check --cloud`: the per-cloud table as printed, and the checks
//! each cloud's rules add.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

mod common;

use byoip::cloud::{Cloud, Proof};
use common::{byoip, stdout};

#[test]
fn clouds_json_is_the_table() {
    let o = byoip(&["clouds", "--json"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let got: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let want: Vec<serde_json::Value> = Cloud::ALL
        .iter()
        .map(|c| serde_json::to_value(c.profile()).unwrap())
        .collect();
    assert_eq!(got["clouds"], serde_json::Value::Array(want));
}

#[test]
fn clouds_text_shows_every_fact_of_every_row() {
    let o = byoip(&["clouds"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let text = stdout(&o);
    for c in Cloud::ALL {
        let p = c.profile();
        let block = text
            .split("\n\n")
            .find(|b| b.starts_with(&format!("{}  ", p.name)))
            .unwrap_or_else(|| panic!("no block for {c}:\n{text}"));
        assert!(block.contains(p.title), "{block}");
        match &p.proof {
            Proof::SignedMessage {
                message,
                scheme,
                encoding,
            } => {
                assert!(block.contains(message), "{block}");
                assert!(block.contains(&scheme.to_string()), "{block}");
                assert!(block.contains(&encoding.to_string()), "{block}");
            }
            Proof::RegistryToken { line } => assert!(block.contains(line), "{block}"),
            _ => panic!("a proof kind the test does not know"),
        }
        for asn in p.roa.origins.iter().chain(p.roa.gov_origins) {
            assert!(block.contains(&format!("AS{asn}")), "{block}");
        }
        for r in p.roa.regional_origins {
            assert!(
                block.contains(&format!("{} (--region {}): AS{}", r.name, r.region, r.asn)),
                "{block}"
            );
        }
        for place in p.placement {
            let line = format!("{} — {}", place.field, place.how);
            assert!(
                block
                    .lines()
                    .any(|l| l.trim_start().starts_with(&place.registry.to_string())
                        && l.ends_with(&line)),
                "{c} {}: {block}",
                place.registry
            );
        }
        for code in p.failure_codes {
            assert!(block.contains(code), "{block}");
        }
        for s in p.sources {
            assert!(block.contains(s), "{block}");
        }
        assert!(block.contains(p.quota), "{block}");
        assert!(block.contains(p.sizes.note), "{block}");
        let (v4, v6) = (p.sizes.ipv4.1, p.sizes.ipv6.1);
        assert!(
            block.contains("IPv4 /") && block.contains(&format!("/{v4}")),
            "{block}"
        );
        assert!(
            block.contains("IPv6 /") && block.contains(&format!("/{v6}")),
            "{block}"
        );
    }
}
