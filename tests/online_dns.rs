//! The library's dns-token evidence ([`byoip::check::online::Sources::dns_token`], and
//! [`Sources::check`] under `dns-token`, [`Inputs::dns_token`]) against a DNS server on 127.0.0.1
//! started by each test: records found, missing and in an undelegated zone; a resolver that
//! answers SERVFAIL, never answers, or answers garbage; offline and local only. No test
//! touches the internet.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::{fs, sync::Arc, time::Duration};

use byoip::{
    check::{
        CheckId, DnsEvidence, DnsToken, Inputs, Report, Status,
        online::{Reach, Saved, SavedFile, SavedVrps, Sources},
    },
    dns::DnsConfig,
    dnstoken::{NameCheck, NameState, Token},
    http::{Client, HttpConfig},
    rdap::{Resolver, ResolverConfig},
    roa::{api::Validator, vrps},
};
use common::dnsd::{DnsServer, Mode, Zones};
use common::testdata;

const NAME: &str = "86950620";
const VALUE: &str = "a34597c3-5317-4238-9ce7-50da5b6e6dc8";

/// LACNIC space: the registry has no certificate method, so dns-token is the way in.
const LACNIC_48: &str = "2801:10:c000::/48";
/// The one record a /48 needs (nibble-aligned already).
const LACNIC_NAME: &str = "86950620.0.0.0.c.0.1.0.0.1.0.8.2.ip6.arpa";

fn token() -> Token {
    Token::new(NAME, VALUE).unwrap()
}

fn dns(server: &DnsServer, secs: u64) -> DnsConfig {
    let mut config = DnsConfig::default();
    config.resolver = Some(server.addr);
    config.timeout = Duration::from_secs(secs);
    config
}

/// Online sources whose HTTP side is never asked: records and VRPs come from the test, the
/// RDAP base is a closed port, the validator unused because VRPs are given.
fn online(server: &DnsServer, secs: u64) -> Sources {
    let mut http = HttpConfig::default();
    http.retries = 0;
    let client = Arc::new(Client::new(http));
    let mut config = ResolverConfig::default();
    config.rdap_base = Some("http://127.0.0.1:9/".into());
    let resolver = Resolver::new(client.clone(), config);
    let csv = "ASN,IP Prefix,Max Length,Trust Anchor,Expires\nAS16509,2801:10:c000::/48,48,lacnic,4102444800\nAS14618,2801:10:c000::/48,48,lacnic,4102444800\n";
    let file = vrps::parse(csv.as_bytes(), "vrps.csv").unwrap();
    Sources::new(
        client,
        Reach::Online {
            resolver: Box::new(resolver),
            validator: Validator::Routinator("http://127.0.0.1:9".into()),
        },
        Some(SavedVrps::new(file, "vrps.csv")),
    )
    .with_dns(dns(server, secs))
    // The IRR: a whois server on loopback with no route objects (never RADb).
    .with_irr(
        common::whoisd::Server::answering("%  No entries found.\n")
            .addr
            .parse()
            .unwrap(),
        byoip::whois::WhoisConfig::default(),
    )
}

/// LACNIC's real record for 2801:10:c000::, widened to the /48 it stands for.
fn lacnic_record() -> Saved {
    let mut doc: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(testdata("rdap/lacnic_2801_10_c000__.json")).unwrap(),
    )
    .unwrap();
    doc["endAddress"] = "2801:10:c000:ffff:ffff:ffff:ffff:ffff".into();
    let mut saved = Saved::default();
    saved
        .rdap
        .push(SavedFile::new("lacnic.json", doc.to_string(), None));
    saved
}

/// The /48's own reverse zone, delegated, inside the registry's zone; with the record or not.
fn lacnic_zones(with_record: bool) -> Zones {
    let z = Zones::default()
        .apex("8.2.ip6.arpa")
        .apex("0.0.0.c.0.1.0.0.1.0.8.2.ip6.arpa");
    if with_record {
        z.txt(LACNIC_NAME, &[VALUE])
    } else {
        z
    }
}

/// `check` in one call: IPAM, dns-token, the LACNIC record saved.
fn check(sources: &Sources, cidr: &str) -> Report {
    let mut inputs = Inputs::new(cidr, byoip::Service::Ipam, common::now()).unwrap();
    // The DNS evidence is replaced by what the sources gather, as the RDAP and ROAs are.
    inputs.dns_token = Some(DnsToken {
        token: token(),
        dns: DnsEvidence::NotAsked("placeholder".into()),
    });
    sources.check(inputs, &lacnic_record()).unwrap()
}

fn status(r: &Report, id: CheckId) -> Status {
    r.get(&id)
        .unwrap_or_else(|| panic!("no {id}: {r:?}"))
        .status
}

/// The names `sources` reports for `cidr`, which must have been asked.
fn names(sources: &Sources, cidr: &str) -> Vec<NameCheck> {
    match sources.dns_token(cidr.parse().unwrap(), &token()).unwrap() {
        DnsEvidence::Names(n) => n,
        other => panic!("not asked: {other:?}"),
    }
}

/// The four /24 zones of 198.18.12.0/22, delegated, inside the registry's /8 zone.
fn four_zones() -> Zones {
    let mut z = Zones::default().apex("198.in-addr.arpa");
    for o in 12..16 {
        z = z.apex(&format!("{o}.18.198.in-addr.arpa"));
    }
    z
}

#[test]
fn one_call_asks_the_dns_for_the_tokens_record_and_judges_it() {
    let s = DnsServer::start(lacnic_zones(true), Mode::Answer);
    let sources = online(&s, 5);
    let r = check(&sources, LACNIC_48);
    assert_eq!(status(&r, CheckId::DnsRecord), Status::Pass, "{r:?}");
    assert_eq!(status(&r, CheckId::DnsDelegation), Status::Pass);
    assert_eq!(status(&r, CheckId::RdapRegistry), Status::Pass);
    assert_eq!(
        status(&r, CheckId::Roa(byoip::Asn::new(16509))),
        Status::Pass
    );
    assert!(r.ok(), "{r:?}");
    assert!(sources.failure().is_none());
    // The DNS was asked (one TXT question), the HTTP side never.
    assert_eq!(s.udp_queries(), 1);
    assert_eq!(sources.client().requests_sent(), 0);
}

#[test]
fn a_missing_record_fails_and_an_undelegated_zone_is_named() {
    // The zone is delegated, the record not published: missing, and the zone delegated.
    let s = DnsServer::start(lacnic_zones(false), Mode::Answer);
    let sources = online(&s, 5);
    let r = check(&sources, LACNIC_48);
    assert_eq!(status(&r, CheckId::DnsRecord), Status::Fail);
    assert_eq!(status(&r, CheckId::DnsDelegation), Status::Pass);
    assert_eq!(
        r.get(&CheckId::DnsRecord).unwrap().details,
        [format!("missing {LACNIC_NAME}")]
    );
    assert!(!r.ok());

    // Only the registry's zone exists: NXDOMAIN with its SOA, so the /48's reverse zone
    // was never delegated.
    let s = DnsServer::start(Zones::default().apex("8.2.ip6.arpa"), Mode::Answer);
    let n = names(&online(&s, 5), LACNIC_48);
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].state, NameState::Missing);
    assert_eq!(n[0].delegation.delegated, Some(false), "{n:?}");
    assert_eq!(n[0].delegation.zone.as_deref(), Some("8.2.ip6.arpa"));
    let r = check(&online(&s, 5), LACNIC_48);
    assert_eq!(status(&r, CheckId::DnsDelegation), Status::Fail);
}

#[test]
fn a_wrong_value_is_wrong_with_what_was_found() {
    let s = DnsServer::start(
        lacnic_zones(false).txt(LACNIC_NAME, &[&format!("\u{201C}{VALUE}\u{201D}")]),
        Mode::Answer,
    );
    let n = names(&online(&s, 5), LACNIC_48);
    assert_eq!(n[0].state, NameState::Wrong);
    assert_eq!(
        n[0].found.as_deref(),
        Some(&[format!("\u{201C}{VALUE}\u{201D}")][..])
    );
    assert!(
        n[0].cause.as_deref().unwrap().contains("(curly) quotes"),
        "{n:?}"
    );
}

#[test]
fn servfail_leaves_the_name_unchecked_and_the_checks_not_run() {
    let s = DnsServer::start(lacnic_zones(true).servfail(LACNIC_NAME), Mode::Answer);
    let sources = online(&s, 5);
    let n = names(&sources, LACNIC_48);
    assert_eq!(n[0].state, NameState::Unchecked);
    assert_eq!(
        n[0].cause.as_deref(),
        Some("the resolver answered SERVFAIL")
    );
    let r = check(&sources, LACNIC_48);
    assert_eq!(status(&r, CheckId::DnsRecord), Status::NotRun);
    assert_eq!(status(&r, CheckId::DnsDelegation), Status::NotRun);
    assert!(!r.complete() && !r.ok());
}

#[test]
fn a_resolver_that_never_answers_costs_one_timeout_for_all_names() {
    let s = DnsServer::start(four_zones(), Mode::Silent);
    let sources = online(&s, 1);
    let n = names(&sources, "198.18.12.0/22");
    assert_eq!(n.len(), 4);
    assert!(n.iter().all(|c| c.state == NameState::Unchecked), "{n:?}");
    assert_eq!(
        n[0].cause.as_deref(),
        Some(format!("no answer from the resolver {} within 1 s", s.addr).as_str())
    );
    for c in &n[1..] {
        assert!(
            c.cause
                .as_deref()
                .unwrap()
                .contains("did not answer an earlier query"),
            "{c:?}"
        );
    }
    // Two deadlines, not four, counted rather than timed (a loaded machine stretches the
    // time): the question and its one retransmission, then the question that tells a dead
    // resolver from one name's dead zone, and its retransmission.
    assert_eq!(s.udp_queries(), 4);
}

#[test]
fn garbage_and_answers_to_another_question_are_not_taken() {
    let mut z = four_zones();
    for o in 12..16 {
        z = z.txt(&format!("{NAME}.{o}.18.198.in-addr.arpa"), &[VALUE]);
    }
    let s = DnsServer::start(z, Mode::Garbage);
    let n = names(&online(&s, 1), "198.18.12.0/22");
    // Every answer came, none matched the question's id: as good as none.
    assert!(n.iter().all(|c| c.state == NameState::Unchecked), "{n:?}");
    assert!(
        n[0].cause
            .as_deref()
            .unwrap()
            .starts_with("no answer from the resolver"),
        "{n:?}"
    );
}

#[test]
fn offline_and_local_only_never_ask_the_dns() {
    let s = DnsServer::start(lacnic_zones(true), Mode::Answer);
    let client = || Arc::new(Client::new(HttpConfig::default()));
    let offline = Sources::new(client(), Reach::Offline, None).with_dns(dns(&s, 5));
    let e = offline
        .dns_token(LACNIC_48.parse().unwrap(), &token())
        .unwrap();
    assert!(
        matches!(&e, DnsEvidence::Unavailable(why) if why.starts_with("offline")),
        "{e:?}"
    );
    let r = check(&offline, LACNIC_48);
    assert_eq!(status(&r, CheckId::DnsRecord), Status::NotRun);
    assert!(!r.ok());
    let local = Sources::new(client(), Reach::LocalOnly, None).with_dns(dns(&s, 5));
    let r = check(&local, LACNIC_48);
    assert_eq!(status(&r, CheckId::DnsRecord), Status::Skip);
    assert_eq!(status(&r, CheckId::DnsDelegation), Status::Skip);
    assert_eq!(s.udp_queries(), 0);
}

#[test]
fn a_prefix_that_cannot_be_planned_is_a_failure_not_a_pass() {
    let s = DnsServer::start(lacnic_zones(true), Mode::Answer);
    let sources = online(&s, 5);
    assert!(
        sources
            .dns_token("::/0".parse().unwrap(), &token())
            .is_err()
    );
    let r = check(&sources, "::/0");
    let c = r.get(&CheckId::DnsRecord).unwrap();
    assert_eq!(c.status, Status::NotRun);
    assert!(
        c.message
            .starts_with("the DNS answers could not be fetched"),
        "{c:?}"
    );
    assert!(sources.failure().is_some());
    assert_eq!(s.udp_queries(), 0);
}
