//! The library's one call for "check this prefix online" ([`byoip::check::online`]) against
//! a real HTTP server on 127.0.0.1 playing an RIR's RDAP server and a Routinator validity
//! API; and what it reports when the network fails, offline, and with the local checks
//! only. No test touches the internet.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::{fs, sync::Arc, time::Duration};

use byoip::{
    Asn, Cloud,
    check::{
        AsnInputs, CheckId, Inputs, RdapEvidence, Report, RipeDbEvidence, RoaEvidence, Status,
        online::{Missing, Reach, Saved, SavedFile, SavedVrps, Sources},
    },
    http::{Client, HttpConfig},
    rdap::{Resolver, ResolverConfig},
    roa::api::Validator,
    whois::WhoisConfig,
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
        validity(path).unwrap_or_else(|| Reply::status(404))
    })
}

/// Routinator's "valid" (maxLength 24) for any ASN and prefix asked at `/routinator/`.
fn validity(path: &str) -> Option<Reply> {
    let rest = path.strip_prefix("/routinator/api/v1/validity/AS")?;
    let (asn, prefix) = rest.split_once('/').unwrap();
    let vrp = serde_json::json!({"asn": format!("AS{asn}"), "prefix": prefix, "max_length": "24"});
    Some(Reply::json(
        200,
        serde_json::json!({"validated_route": {
            "route": {"origin_asn": format!("AS{asn}"), "prefix": prefix},
            "validity": {"state": "valid", "VRPs": {"matched": [vrp], "unmatched_as": [], "unmatched_length": []}}}})
        .to_string(),
    ))
}

/// Sources reaching `server` (the RDAP base given, so no bootstrap), without retries.
fn online(server: &Server) -> Sources {
    online_with(server, None)
}

/// [`online`], with `vrps` answering for the ROAs instead of the validator.
fn online_with(server: &Server, vrps: Option<SavedVrps>) -> Sources {
    let mut http = HttpConfig::default();
    http.retries = 0;
    http.timeout = Duration::from_secs(5);
    let client = Arc::new(Client::new(http));
    let mut config = ResolverConfig::default();
    config.rdap_base = Some(format!("{}/rdap/", server.base));
    let resolver = Resolver::new(client.clone(), config);
    // The IRR: a whois server on loopback that has no route objects (never RADb).
    let whois =
        common::whoisd::Server::answering("%  No entries found for the selected source(s).\n");
    Sources::new(
        client,
        Reach::Online {
            resolver: Box::new(resolver),
            validator: Validator::Routinator(format!("{}/routinator", server.base)),
        },
        vrps,
    )
    .with_irr(whois.addr.parse().unwrap(), WhoisConfig::default())
}

/// Checks the demo certificate's prefix through `sources`, with `saved` answers.
fn check(sources: &Sources, saved: &Saved) -> Report {
    let cert =
        byoip::certificate::Certificate::from_bytes(&fs::read(testdata("demo-cert.pem")).unwrap())
            .unwrap();
    sources
        .check(
            {
                let mut i = Inputs::new(CIDR, byoip::Service::Ec2, common::now()).unwrap();
                i.certificate = Some(&cert);
                // Both are replaced by what the sources gather.
                i.rdap = RdapEvidence::NotAsked("placeholder".into());
                i.roa = RoaEvidence::NotAsked("placeholder".into());
                i
            },
            saved,
        )
        .unwrap()
}

fn status(r: &Report, id: CheckId) -> Status {
    r.get(&id).unwrap_or_else(|| panic!("no {id}")).status
}

#[test]
fn one_call_fetches_the_record_and_the_roas_and_judges_them() {
    let server = start(200);
    let sources = online(&server);
    let r = check(&sources, &Saved::default());
    for id in [
        CheckId::RdapRecord,
        CheckId::RdapCertificate,
        CheckId::KeyCertMatch,
        CheckId::Roa(byoip::Asn::new(16509)),
        CheckId::Roa(byoip::Asn::new(14618)),
        CheckId::IrrRoute,
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
    let r = check(&sources, &Saved::default());
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
    let r = check(&offline, &Saved::default());
    assert_eq!(status(&r, CheckId::RdapRecord), Status::NotRun);
    assert_eq!(
        status(&r, CheckId::Roa(byoip::Asn::new(16509))),
        Status::NotRun
    );
    let data = fs::read(testdata("rdap/synthetic/arin-good.json")).unwrap();
    let mut saved = Saved::default();
    saved
        .rdap
        .push(SavedFile::new("arin-good.json", data, None));
    let r = check(&offline, &saved);
    assert_eq!(status(&r, CheckId::RdapRecord), Status::Pass);
    assert_eq!(status(&r, CheckId::RdapCertificate), Status::Pass);
    assert_eq!(offline.client().requests_sent(), 0);
    let local = Sources::new(client(), Reach::LocalOnly, None);
    let r = check(&local, &saved);
    assert_eq!(status(&r, CheckId::RdapRecord), Status::Skip);
    assert_eq!(
        status(&r, CheckId::Roa(byoip::Asn::new(14618))),
        Status::Skip
    );
    assert!(r.complete());
}

// ---------------------------------------------------------------------------------------
// The same one call for an Oracle or Azure prefix (`check`) and for an ASN
// (`check_asn`).

/// Oracle's validation token in `ripedb/oci-token.json`'s `remarks:`.
const OCI_TOKEN: &str = "ocid-demo-7f3a9c2e51d84b6f";
const RIPE_CIDR: &str = "62.239.237.0/24";
const RIPE_DB_PATH: &str = "/db/ripe/inetnum/62.239.237.0%20-%2062.239.237.255";

/// [`start`]'s validator, and RIPE NCC's record for [`RIPE_CIDR`], its RIPE Database object
/// (holding Oracle's token) and ARIN's autnum record of AS397979 (holding the demo
/// certificate).
fn start_ripe() -> Server {
    let record = fs::read_to_string(testdata("rdap/synthetic/ripe-good.json")).unwrap();
    let object = fs::read_to_string(testdata("ripedb/oci-token.json")).unwrap();
    let autnum = fs::read_to_string(testdata("rdap/synthetic/arin-autnum-good.json")).unwrap();
    Server::start(move |path, _| match path {
        "/rdap/ip/62.239.237.0/24" => Reply::json(200, record.clone()),
        RIPE_DB_PATH => Reply::json(200, object.clone()),
        "/rdap/autnum/397979" => Reply::json(200, autnum.clone()),
        _ => validity(path).unwrap_or_else(|| Reply::status(404)),
    })
}

fn demo_cert() -> byoip::certificate::Certificate {
    byoip::certificate::Certificate::from_bytes(&fs::read(testdata("demo-cert.pem")).unwrap())
        .unwrap()
}

/// The report on [`oracle`]'s inputs given a saved RDAP answer and a saved RIPE Database
/// object (in the inputs), which win over the network.
fn check_oracle(sources: &Sources, rdap: SavedFile, db: RipeDbEvidence) -> Report {
    let mut inputs = oracle();
    inputs.ripe_db = db;
    let mut saved = Saved::default();
    saved.rdap.push(rdap);
    sources.gather(&mut inputs, &saved).unwrap();
    byoip::check::run(&inputs)
}

/// A saved RDAP answer from `testdata`.
fn saved_file(path: &str) -> SavedFile {
    SavedFile::new(path, fs::read(testdata(path)).unwrap(), None)
}

fn oracle() -> Inputs<'static> {
    let mut inputs = Inputs::for_cloud(Cloud::Oci, RIPE_CIDR, common::now()).unwrap();
    inputs.token = Some(OCI_TOKEN);
    inputs
}

/// The cloud VRPs (with the ROAs' expiry, which Oracle's six months ahead needs and a
/// validator's answer does not give).
fn cloud_vrps() -> SavedVrps {
    let data = fs::read(testdata("vrp/synthetic-clouds.csv")).unwrap();
    let file = byoip::roa::vrps::parse(&data, "synthetic-clouds.csv").unwrap();
    SavedVrps::new(file, "synthetic-clouds.csv")
}

#[test]
fn check_fetches_an_oracle_record_and_its_ripe_database_object_and_judges_the_roas() {
    let server = start_ripe();
    let sources =
        online_with(&server, Some(cloud_vrps())).with_ripe_db(format!("{}/db/", server.base));
    let r = sources.check(oracle(), &Saved::default()).unwrap();
    assert_eq!(status(&r, CheckId::RdapRecord), Status::Pass, "{r:?}");
    // Oracle's token, read in the RIPE Database object's descr: (the REST API's).
    assert_eq!(status(&r, CheckId::OciToken), Status::Pass, "{r:?}");
    assert_eq!(
        status(&r, CheckId::Roa(Asn::new(31898))),
        Status::Pass,
        "{r:?}"
    );
    assert!(r.ready(), "{r:?}");
    assert!(sources.failure().is_none() && sources.missing().is_empty());
    assert_eq!(server.hits("/rdap/ip/62.239.237.0/24"), 1);
    assert_eq!(server.hits(RIPE_DB_PATH), 1);
    assert_eq!(server.log().len(), 2);

    // Saved evidence wins over the network: nothing is asked.
    let saved = online_with(&server, Some(cloud_vrps()));
    let rdap = saved_file("rdap/synthetic/ripe-good.json");
    let db = RipeDbEvidence::from_saved(
        &fs::read(testdata("ripedb/oci-token.json")).unwrap(),
        "oci-token.json",
    )
    .unwrap();
    let r = check_oracle(&saved, rdap, db);
    assert!(r.ready(), "{r:?}");
    assert_eq!(saved.client().requests_sent(), 0);
    assert_eq!(server.log().len(), 2);
}

#[test]
fn a_saved_ripe_database_object_for_another_range_is_not_read() {
    let offline = Sources::new(
        Arc::new(Client::new(HttpConfig::default())),
        Reach::Offline,
        Some(cloud_vrps()),
    );
    let rdap = saved_file("rdap/synthetic/ripe-good.json");
    let text = fs::read_to_string(testdata("ripedb/oci-token.json"))
        .unwrap()
        .replace("62.239.237.0 - 62.239.237.255", "10.0.0.0 - 10.0.0.255")
        .replace(
            "62.239.237.0%20-%2062.239.237.255",
            "10.0.0.0%20-%2010.0.0.255",
        );
    let other = RipeDbEvidence::from_saved(text.as_bytes(), "other.json").unwrap();
    let r = check_oracle(&offline, rdap, other);
    let token = r.get(&CheckId::OciToken).unwrap();
    assert_ne!(token.status, Status::Pass, "{r:?}");
    assert!(
        token.details.iter().any(|d| d.contains(
            "other.json is the RIPE Database inetnum 10.0.0.0 - 10.0.0.255, which does not cover 62.239.237.0/24"
        )),
        "{r:?}"
    );
    assert!(!r.ready(), "{r:?}");
}

#[test]
fn gather_asks_the_validator_for_the_clouds_origin_and_leaves_the_evidence_to_look_at() {
    let server = start_ripe();
    let sources = online(&server).with_ripe_db(format!("{}/db/", server.base));
    let mut inputs = oracle();
    sources.gather(&mut inputs, &Saved::default()).unwrap();
    assert!(matches!(inputs.rdap, RdapEvidence::Found { .. }));
    // Oracle's pages state no IRR rule: the IRR is not asked for its report.
    assert!(matches!(inputs.irr, byoip::check::IrrEvidence::NotAsked(_)));
    assert!(sources.failure().is_none());
    assert!(matches!(inputs.ripe_db, RipeDbEvidence::Found { .. }));
    assert!(matches!(&inputs.roa, RoaEvidence::Origins(o) if o.len() == 1));
    assert_eq!(
        server.hits("/routinator/api/v1/validity/AS31898/62.239.237.0/24"),
        1
    );
    let r = byoip::check::run(&inputs);
    assert_eq!(status(&r, CheckId::OciToken), Status::Pass, "{r:?}");
}

#[test]
fn check_asn_fetches_the_autnum_record_and_with_a_prefix_its_roas() {
    let server = start_ripe();
    let sources = online(&server);
    let cert = demo_cert();
    let asn = Asn::new(397979);
    let mut inputs = AsnInputs::new(asn, common::now());
    inputs.certificate = Some(&cert);
    let r = sources
        .check_asn(inputs.clone(), &Saved::default())
        .unwrap();
    assert_eq!(status(&r, CheckId::RdapAutnumRecord), Status::Pass, "{r:?}");
    assert_eq!(status(&r, CheckId::RdapCertificate), Status::Pass, "{r:?}");
    assert_eq!(server.hits("/rdap/autnum/397979"), 1);
    // No prefix: no ROA is asked for, and none is judged.
    assert_eq!(server.hits("/routinator/"), 0);
    assert!(r.get(&CheckId::RoaOwnAsn).is_none(), "{r:?}");

    // With a prefix: the ASN's own ROA and Amazon's, one query each.
    inputs.cidr = Some(byoip::Cidr::parse(RIPE_CIDR).unwrap().prefix());
    let r = sources
        .check_asn(inputs.clone(), &Saved::default())
        .unwrap();
    for id in [
        CheckId::RoaOwnAsn,
        CheckId::Roa(Asn::new(16509)),
        CheckId::Roa(Asn::new(14618)),
    ] {
        assert_eq!(status(&r, id), Status::Pass, "{r:?}");
    }
    assert_eq!(server.hits("/routinator/"), 3);
    assert!(sources.failure().is_none());

    // A saved record answers without the network.
    let mut saved = Saved::default();
    saved
        .rdap
        .push(saved_file("rdap/synthetic/arin-autnum-good.json"));
    inputs.cidr = None;
    let before = server.log().len();
    let r = sources.check_asn(inputs, &saved).unwrap();
    assert_eq!(status(&r, CheckId::RdapAutnumRecord), Status::Pass, "{r:?}");
    assert_eq!(server.log().len(), before);
}

#[test]
fn offline_without_saved_evidence_the_cloud_and_asn_calls_are_not_run_never_ready() {
    let offline = Sources::new(
        Arc::new(Client::new(HttpConfig::default())),
        Reach::Offline,
        None,
    );
    let r = offline.check(oracle(), &Saved::default()).unwrap();
    assert_eq!(status(&r, CheckId::RdapRecord), Status::NotRun, "{r:?}");
    assert_eq!(
        status(&r, CheckId::Roa(Asn::new(31898))),
        Status::NotRun,
        "{r:?}"
    );
    assert!(!r.ready() && !r.complete(), "{r:?}");

    let cert = demo_cert();
    let mut inputs = AsnInputs::new(Asn::new(397979), common::now());
    inputs.certificate = Some(&cert);
    inputs.cidr = Some(byoip::Cidr::parse(RIPE_CIDR).unwrap().prefix());
    let r = offline.check_asn(inputs, &Saved::default()).unwrap();
    assert_eq!(
        status(&r, CheckId::RdapAutnumRecord),
        Status::NotRun,
        "{r:?}"
    );
    assert_eq!(
        status(&r, CheckId::Roa(Asn::new(16509))),
        Status::NotRun,
        "{r:?}"
    );
    assert!(!r.ready() && !r.complete(), "{r:?}");

    assert_eq!(
        offline.missing(),
        vec![Missing::RdapRecord, Missing::AutnumRecord, Missing::Roas]
    );
    assert!(offline.failure().is_none());
    assert_eq!(offline.client().requests_sent(), 0);
}

#[test]
fn one_call_asks_the_whois_server_for_the_route_objects_and_judges_them() {
    let server = start(200);
    let whois = common::whoisd::Server::answering(
        "route: 192.198.0.0/24\norigin: AS16509\nmnt-by: MAINT-EXAMPLE\nsource: RADB\n\n",
    );
    let sources = online(&server).with_irr(whois.addr.parse().unwrap(), WhoisConfig::default());
    let r = check(&sources, &Saved::default());
    let c = r.get(&CheckId::IrrRoute).unwrap();
    assert_eq!(c.status, Status::Fail, "{c:?}");
    assert!(
        c.message.contains("maintained by MAINT-EXAMPLE"),
        "{}",
        c.message
    );
    assert!(
        c.message.contains(&format!("(whois://{})", whois.addr))
            || c.details.iter().any(|d| d.contains("MAINT-EXAMPLE")),
        "{c:?}"
    );
    // The exact prefix, then its more-specifics (IRRd's -x and -M).
    assert_eq!(
        whois.queries(),
        [
            "-T route,route6 -x 192.198.0.0/24",
            "-T route,route6 -M 192.198.0.0/24"
        ]
    );
    // A server that refuses the connection: not run, the run's failure, never a pass.
    let dead = common::whoisd::CLOSED;
    let sources = online(&server).with_irr(dead.parse().unwrap(), WhoisConfig::default());
    let r = check(&sources, &Saved::default());
    assert_eq!(status(&r, CheckId::IrrRoute), Status::NotRun);
    assert!(!r.complete());
    assert_eq!(sources.missing(), vec![Missing::IrrObjects]);
    assert!(
        sources
            .failure()
            .unwrap()
            .to_string()
            .contains(&format!("whois://{dead}"))
    );
}
