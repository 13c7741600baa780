//! The rules table: `byoip rules` prints it (text, JSON, the Markdown page docs/rules.md is),
//! and the reports cite its rows: every id a report names is a row, and every row is cited
//! by some check on some path (each cloud, service, family, partition, region, registry,
//! dns-token, BYOASN).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::collections::BTreeSet;

use byoip::{
    Asn, Cloud, Service,
    certificate::Certificate,
    check::{self, AsnInputs, AutnumEvidence, DnsEvidence, DnsToken, Inputs, RdapEvidence, Report},
    dnstoken::Token,
    rules,
};
use common::{byoip, stderr, stdout};

#[test]
fn docs_rules_md_is_what_rules_format_markdown_prints() {
    let o = byoip(&["rules", "--format", "markdown"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/rules.md")).unwrap();
    assert!(
        stdout(&o) == page,
        "docs/rules.md is out of date: run `byoip rules --format markdown > docs/rules.md`"
    );
    // Every row is on the page, with its quote and source.
    for r in rules::all() {
        assert!(page.contains(&format!("| `{}` |", r.id)), "{}", r.id);
        assert!(page.contains(r.source.url), "{}", r.id);
    }
}

#[test]
fn rules_json_is_the_table_and_filters_by_cloud_and_service() {
    let o = byoip(&["rules", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let want: Vec<serde_json::Value> = rules::all()
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect();
    assert_eq!(v["rules"], serde_json::Value::Array(want));
    let row = &v["rules"][0];
    let keys: Vec<&String> = row.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "checked", "cloud", "id", "quote", "service", "source", "value"
        ],
        "serde_json sorts keys here; the set is the documented one"
    );

    let ids = |args: &[&str]| -> Vec<String> {
        let o = byoip(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let azure = ids(&["rules", "--cloud", "azure", "--json"]);
    assert!(!azure.is_empty() && azure.iter().all(|id| id.starts_with("azure.")));
    let ga = ids(&["rules", "--service", "ga", "--format", "json"]);
    assert!(ga.contains(&"aws.ga.roa.max-length".to_string()), "{ga:?}");
    assert!(
        ga.contains(&"aws.roa.origins.govcloud".to_string()),
        "{ga:?}"
    );
    assert!(
        !ga.iter()
            .any(|id| id.starts_with("aws.ec2.") || id.starts_with("aws.ipam."))
    );
}

#[test]
fn rules_text_lists_every_row_with_its_quote_and_date() {
    let o = byoip(&["rules"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for r in rules::all() {
        let at = text
            .lines()
            .position(|l| l.starts_with(&format!("{} ", r.id)))
            .unwrap_or_else(|| panic!("no line for {}", r.id));
        let block: Vec<&str> = text.lines().skip(at).take(3).collect();
        assert!(block[0].ends_with(&r.value.to_string()), "{block:?}");
        assert_eq!(block[1], format!("  \"{}\"", r.quote));
        assert!(
            block[2].contains(r.source.url) && block[2].ends_with(r.checked),
            "{block:?}"
        );
    }
}

#[test]
fn a_service_with_another_cloud_is_a_usage_error() {
    let o = byoip(&["rules", "--cloud", "oci", "--service", "ipam"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: --service ipam is an AWS service, and --cloud is oci; hint: drop --service, or use --cloud aws\n"
    );
    assert!(stdout(&o).is_empty());
}

fn demo_cert() -> Certificate {
    Certificate::from_bytes(&std::fs::read(common::testdata("demo-cert.pem")).unwrap()).unwrap()
}

fn record(name: &str) -> RdapEvidence {
    let bytes = std::fs::read(common::testdata(&format!("rdap/{name}"))).unwrap();
    RdapEvidence::from_saved(&bytes, name).unwrap()
}

/// Network records at each registry, with a prefix each covers (LACNIC's answer is for one
/// address: a report of its /24 judges it as a record for another range).
const RECORDS: [(&str, &str); 5] = [
    ("synthetic/arin-good.json", "192.198.0.0/24"),
    ("synthetic/ripe-good.json", "62.239.237.0/24"),
    ("synthetic/apnic-good.json", "210.107.0.0/24"),
    ("lacnic_200_57_141_161.json", "200.57.141.0/24"),
    ("afrinic_196_11_240_215.json", "196.11.240.0/24"),
];

/// Every path a report takes through the rules: each cloud and AWS service, IPv4 and IPv6
/// (advertised or not), commercial and government, Oracle's regions, each registry, AWS's
/// dns-token method and BYOASN at each registry.
fn reports() -> Vec<Report> {
    let now: byoip::chrono::DateTime<byoip::chrono::Utc> = "2026-06-01T00:00:00Z".parse().unwrap();
    let cert = demo_cert();
    let mut out = Vec::new();
    // Each record with its own prefix, and an IPv6 prefix (advertised or not) beside it.
    let cases = RECORDS.iter().flat_map(|&(rec, v4)| {
        [
            (rec, v4, true),
            (rec, "2a00:2381::/48", true),
            (rec, "2a00:2381::/48", false),
        ]
    });
    for (rec, cidr, advertise) in cases.clone() {
        for service in [
            Service::Ec2,
            Service::Ipam,
            Service::Ga,
            Service::Cloudfront,
        ] {
            for govcloud in [false, true] {
                let mut i = Inputs::new(cidr, service, now).unwrap();
                i.advertise = advertise;
                i.govcloud = govcloud;
                i.certificate = Some(&cert);
                i.rdap = record(rec);
                out.push(check::run(&i));
            }
        }
    }
    // EC2 in a Local Zone, and the IPv6 range and the service it refuses.
    let lax: byoip::NetworkBorderGroup = "us-west-2-lax-1".parse().unwrap();
    for (cidr, service) in [
        ("192.198.0.0/24", Service::Ec2),
        ("2a00:2381::/48", Service::Ec2),
        ("192.198.0.0/24", Service::Ipam),
    ] {
        let mut i = Inputs::new(cidr, service, now).unwrap();
        i.network_border_group = Some(lax.clone());
        out.push(check::run(&i));
    }
    let mut i = Inputs::new("200.57.141.0/24", Service::Ipam, now).unwrap();
    i.rdap = record("lacnic_200_57_141_161.json");
    i.dns_token = Some(DnsToken {
        token: Token::new("86950620", "a34597c3-5317-4238-9ce7-50da5b6e6dc8").unwrap(),
        dns: DnsEvidence::NotAsked("not asked".into()),
    });
    out.push(check::run(&i));
    for cloud in [Cloud::Azure, Cloud::Oci] {
        for (rec, cidr, _) in cases.clone().filter(|c| c.2) {
            for (govcloud, region) in [(false, None), (true, None), (false, Some("eu-jovanovac-1"))]
            {
                // A region and a token are Oracle's: Azure's report refuses them.
                if cloud == Cloud::Azure && region.is_some() {
                    continue;
                }
                let token = format!("OCITOKEN::{cidr}:t");
                let mut i = Inputs::for_cloud(cloud, cidr, now).unwrap();
                i.govcloud = govcloud;
                i.region = region.map(|r| r.parse().unwrap());
                i.certificate = Some(&cert);
                i.token = (cloud == Cloud::Oci).then_some(token.as_str());
                i.rdap = record(rec);
                out.push(check::run(&i));
            }
        }
    }
    let apnic_autnum = br#"{"objectClassName":"autnum","handle":"AS4608","startAutnum":4608,"endAutnum":4608,"port43":"whois.apnic.net"}"#;
    let autnums = [
        (
            "arin",
            397979,
            std::fs::read(common::testdata("rdap/synthetic/arin-autnum-good.json")).unwrap(),
        ),
        (
            "ripe",
            201234,
            std::fs::read(common::testdata("rdap/synthetic/ripe-autnum-good.json")).unwrap(),
        ),
        ("apnic", 4608, apnic_autnum.to_vec()),
    ];
    // Each ASN with its own record.
    for (name, asn, bytes) in &autnums {
        let mut i = AsnInputs::new(Asn::new(*asn), now);
        i.cidr = Some("192.198.0.0/24".parse().unwrap());
        i.certificate = Some(&cert);
        i.rdap = AutnumEvidence::from_saved(bytes, name).unwrap();
        out.push(check::run_asn(&i));
    }
    out
}

#[test]
fn every_rule_a_report_cites_is_a_row_and_every_row_is_cited() {
    let mut cited = BTreeSet::new();
    for r in reports() {
        for c in &r.checks {
            for id in c.rules() {
                assert!(rules::get(id).is_some(), "{} cites {id}, no such row", c.id);
                cited.insert(*id);
            }
        }
    }
    let uncited: Vec<&str> = rules::all()
        .iter()
        .map(|r| r.id)
        .filter(|id| !cited.contains(id))
        .collect();
    assert!(uncited.is_empty(), "rows no check cites: {uncited:?}");
}

#[test]
fn checks_cite_the_rows_of_their_own_cloud_service_and_registry() {
    let now: byoip::chrono::DateTime<byoip::chrono::Utc> = "2026-06-01T00:00:00Z".parse().unwrap();
    let rules_of = |r: &Report, id: &str| -> Vec<&'static str> {
        r.checks
            .iter()
            .find(|c| c.id.to_string() == id)
            .unwrap_or_else(|| panic!("no {id}"))
            .rules()
            .to_vec()
    };
    let mut i = Inputs::new("62.239.237.0/24", Service::Ga, now).unwrap();
    i.rdap = record("synthetic/ripe-good.json");
    let r = check::run(&i);
    assert_eq!(
        rules_of(&r, "roa.as16509"),
        ["aws.ga.roa.origins", "aws.ga.roa.max-length"]
    );
    assert_eq!(
        rules_of(&r, "prefix.size"),
        ["aws.ga.prefix.ipv4", "aws.ga.quota"]
    );
    assert_eq!(rules_of(&r, "rdap.certificate"), ["aws.placement.ripe-ncc"]);
    assert_eq!(
        rules_of(&r, "rdap.allocation-type"),
        ["aws.allocation-types.ripe-ncc"]
    );
    assert!(
        rules_of(&r, "prefix.public").is_empty(),
        "RFC 6890 is no cloud's row"
    );
    // The same prefix for EC2 in GovCloud: EC2's rows, the government origin; the message's
    // expiry against EC2's provisioning window.
    i.service = Service::Ec2;
    i.govcloud = true;
    let signature = byoip::signature::SignatureText::from("c2ln");
    i.signed = Some(check::Signed::new(common::MSG.as_bytes(), &signature));
    let r = check::run(&i);
    assert_eq!(
        rules_of(&r, "roa.as8987"),
        ["aws.roa.origins.govcloud", "aws.ec2.roa.max-length"]
    );
    assert_eq!(
        rules_of(&r, "message.expiry"),
        ["aws.message.format", "aws.provisioning-window"]
    );
    // Azure at LACNIC: the registries, the support ticket and the regions its hint names.
    let mut a = Inputs::for_cloud(Cloud::Azure, "200.57.141.0/24", now).unwrap();
    a.rdap = record("lacnic_200_57_141_161.json");
    let r = check::run(&a);
    assert_eq!(
        rules_of(&r, "rdap.registry"),
        [
            "azure.registries",
            "azure.placement.lacnic",
            "azure.regions.afrinic-lacnic"
        ]
    );
    // Global Accelerator in GovCloud and Oracle's government realms: the row refusing them.
    let mut g = Inputs::new("192.198.0.0/24", Service::Ga, now).unwrap();
    g.govcloud = true;
    assert_eq!(
        rules_of(&check::run(&g), "prefix.size"),
        ["aws.ga.govcloud"]
    );
    let mut o = Inputs::for_cloud(Cloud::Oci, "200.57.141.0/24", now).unwrap();
    o.region = Some("us-langley-1".parse().unwrap());
    assert_eq!(
        rules_of(&check::run(&o), "prefix.size"),
        ["oci.roa.origins.government"]
    );
    // Oracle in Serbia: that region's origin and the six months.
    let mut o = Inputs::for_cloud(Cloud::Oci, "200.57.141.0/24", now).unwrap();
    o.region = Some("eu-jovanovac-1".parse().unwrap());
    let r = check::run(&o);
    assert_eq!(
        rules_of(&r, "roa.as14544"),
        ["oci.roa.origins.eu-jovanovac-1", "oci.roa.validity"]
    );
    // In JSON, every check has the list, after its details.
    let v = serde_json::to_value(&r).unwrap();
    for c in v["checks"].as_array().unwrap() {
        assert!(c["rules"].is_array(), "{c}");
    }
}
