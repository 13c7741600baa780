//! The library's one call for "check this prefix online" ([`byoip::check::online`]) against
//! a real HTTP server on 127.0.0.1 playing an RIR's RDAP server and a Routinator validity
//! API; and what it reports when the network fails, offline, and with the local checks
//! only. No test touches the internet.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::{fs, sync::Arc, time::Duration};

use byoip::{
    check::{
        CheckId, Inputs, RdapEvidence, Report, RoaEvidence, Status,
        online::{Reach, Sources},
    },
    http::{Client, HttpConfig},
    rdap::{Record, Resolver, ResolverConfig},
    roa::api::Validator,
};
use common::httpd::{Reply, Server};
use common::testdata;

const CIDR: &str = "192.198.0.0/24";

/// The ARIN record holding the demo certificate, and Routinator's "valid" for both of
/// Amazon's ASNs (maxLength 24); `rdap_status` other than 200 is an RDAP server failing.
fn start(rdap_status: u16) -> Server {
    let record = fs::read_to_string(testdata("rdap/synthetic/arin-good.json")).unwrap();
    Server::start(move |path, _| {
        if path.starts_with("/rdap/ip/") {
            return match rdap_status {
                200 => Reply::json(200, record.clone()),
                s => Reply::status(s),
            };
        }
        if let Some(rest) = path.strip_prefix("/routinator/api/v1/validity/AS") {
            let (asn, prefix) = rest.split_once('/').unwrap();
            let vrp = serde_json::json!({"asn": format!("AS{asn}"), "prefix": prefix, "max_length": "24"});
            return Reply::json(
                200,
                serde_json::json!({"validated_route": {
                    "route": {"origin_asn": format!("AS{asn}"), "prefix": prefix},
                    "validity": {"state": "valid", "VRPs": {"matched": [vrp], "unmatched_as": [], "unmatched_length": []}}}})
                .to_string(),
            );
        }
        Reply::status(404)
    })
}

/// Sources reaching `server` (the RDAP base given, so no bootstrap), without retries.
fn online(server: &Server) -> Sources {
    let mut http = HttpConfig::default();
    http.retries = 0;
    http.timeout = Duration::from_secs(5);
    let client = Arc::new(Client::new(http));
    let mut config = ResolverConfig::default();
    config.rdap_base = Some(format!("{}/rdap/", server.base));
    let resolver = Resolver::new(client.clone(), config);
    Sources::new(
        client,
        Reach::Online {
            resolver: Box::new(resolver),
            validator: Validator::Routinator(format!("{}/routinator", server.base)),
        },
        None,
    )
}

/// Checks the demo certificate's prefix through `sources`, with `saved` records.
fn check(sources: &Sources, saved: Vec<Arc<Record>>) -> Report {
    let cert =
        byoip::certificate::Certificate::from_bytes(&fs::read(testdata("demo-cert.pem")).unwrap())
            .unwrap();
    sources.check(
        {
            let mut i = Inputs::new(CIDR, byoip::Service::Ec2, chrono::Utc::now()).unwrap();
            i.certificate = Some(&cert);
            // Both are replaced by what the sources gather.
            i.rdap = RdapEvidence::NotAsked("placeholder".into());
            i.roa = RoaEvidence::NotAsked("placeholder".into());
            i
        },
        saved,
    )
}

fn status(r: &Report, id: CheckId) -> Status {
    r.get(&id).unwrap_or_else(|| panic!("no {id}")).status
}

#[test]
fn one_call_fetches_the_record_and_the_roas_and_judges_them() {
    let server = start(200);
    let sources = online(&server);
    let r = check(&sources, Vec::new());
    for id in [
        CheckId::RdapRecord,
        CheckId::RdapCertificate,
        CheckId::KeyCertMatch,
        CheckId::Roa(byoip::Asn::new(16509)),
        CheckId::Roa(byoip::Asn::new(14618)),
    ] {
        assert_eq!(status(&r, id.clone()), Status::Pass, "{id}: {r:?}");
    }
    assert!(r.complete(), "{r:?}");
    assert!(sources.failure().is_none());
    // One RDAP query, one validity query per ASN, nothing else.
    assert_eq!(server.hits("/rdap/ip/192.198.0.0/24"), 1);
    assert_eq!(server.hits("/routinator/"), 2);
    assert_eq!(server.log().len(), 3);
    assert_eq!(sources.client().requests_sent(), 3);
}

#[test]
fn a_failing_registry_leaves_its_checks_not_run_and_keeps_the_failure() {
    let server = start(503);
    let sources = online(&server);
    let r = check(&sources, Vec::new());
    let record = r.get(&CheckId::RdapRecord).unwrap();
    assert_eq!(record.status, Status::NotRun);
    assert!(
        record
            .message
            .starts_with("the RDAP record could not be fetched"),
        "{}",
        record.message
    );
    assert!(!r.complete() && !r.ok());
    assert!(sources.failure().is_some());
    // The ROAs still came from the validator.
    assert_eq!(
        status(&r, CheckId::Roa(byoip::Asn::new(16509))),
        Status::Pass
    );
}

#[test]
fn offline_reads_only_saved_records_and_local_only_skips_the_registry() {
    let client = || Arc::new(Client::new(HttpConfig::default()));
    let offline = Sources::new(client(), Reach::Offline, None);
    let r = check(&offline, Vec::new());
    assert_eq!(status(&r, CheckId::RdapRecord), Status::NotRun);
    assert_eq!(
        status(&r, CheckId::Roa(byoip::Asn::new(16509))),
        Status::NotRun
    );
    let data = fs::read(testdata("rdap/synthetic/arin-good.json")).unwrap();
    let saved = common::saved_records(&data, "arin-good.json");
    let r = check(&offline, saved.clone());
    assert_eq!(status(&r, CheckId::RdapRecord), Status::Pass);
    assert_eq!(status(&r, CheckId::RdapCertificate), Status::Pass);
    assert_eq!(offline.client().requests_sent(), 0);
    let local = Sources::new(client(), Reach::LocalOnly, None);
    let r = check(&local, saved);
    assert_eq!(status(&r, CheckId::RdapRecord), Status::Skip);
    assert_eq!(
        status(&r, CheckId::Roa(byoip::Asn::new(14618))),
        Status::Skip
    );
    assert!(r.complete());
}
