//! The false-ready catalogue: one row per way a report could read "ready" while the cloud
//! would refuse, for each cloud and service, and guards where everything is right. Each row
//! is the evidence (real files under testdata/, VRP exports written here, messages signed
//! with the demo key at the test clock), what the cloud's page says (a short quote and the
//! page's title), and the verdict byoip must reach: the exit code, the verdict word of the
//! text report's last line, and the checks that decide it (`fail`, `not-run`, `warn`, or
//! left out for want of evidence).
//!
//! A row is added once its behaviour is on main; each row names the scenario it guards so
//! a failure says which promise broke.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::whoisd;
use common::*;
use common::{dnsd, httpd};

use std::path::PathBuf;

const ACCOUNT: &str = "123456789012";
/// The synthetic ARIN record (`rdap/synthetic/arin-*.json`) is 192.198.0.0/22.
const ARIN: &str = "192.198.0.0/24";
/// The real LACNIC answer `rdap/lacnic_200_57_141_161.json`.
const LACNIC: &str = "200.57.141.0/24";
/// In ARIN's real IPv6 answer `rdap/arin_2001_4860_4860__8888.json` (2001:4860::/32).
const V6: &str = "2001:4860:1200::/48";
/// The synthetic RIPE NCC record (`rdap/synthetic/ripe-*.json`).
const RIPE: &str = "62.239.237.0/24";
const SUB: &str = "6f1e7d2c-1b3a-4c5d-8e9f-0a1b2c3d4e5f";
const OCI_TOKEN: &str = "ocid-demo-7f3a9c2e51d84b6f";
/// 2100-01-01: an expiry far away.
const FAR: i64 = 4_102_444_800;

/// What byoip must conclude: the text report's verdict word, or a refusal (exit 2, one
/// line naming the needle).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Verdict {
    Ready,
    NotReady,
    Incomplete,
    Refused(&'static str),
}

impl Verdict {
    fn word(self) -> &'static str {
        match self {
            Verdict::Ready => "READY",
            Verdict::NotReady => "NOT READY",
            Verdict::Incomplete => "INCOMPLETE",
            Verdict::Refused(_) => "error",
        }
    }
}

/// One scenario.
struct Row {
    /// What is wrong (or right) with the evidence.
    scenario: &'static str,
    /// The cloud and service judged.
    target: &'static str,
    /// The page that states the rule, and a short quote of it.
    page: &'static str,
    quote: &'static str,
    /// The command line (without `--json`), given the files of [`World`].
    args: fn(&World) -> Vec<String>,
    code: i32,
    verdict: Verdict,
    /// Checks and the status each must have: `fail`, `not-run`, `warn`, `pass`, `skip` (by
    /// rule), or `left-out` (skipped for want of evidence: never ready). `CIDR id` names the
    /// check in that prefix's report of a `batch check`; `("orphan_contexts", CIDR)` wants
    /// CIDR in that list of `batch check --json`.
    checks: &'static [(&'static str, &'static str)],
}

/// The evidence the rows share: VRP exports written once, signed messages made on demand,
/// and DNS servers on 127.0.0.1 (named) for the dns-token rows, and a whois server that
/// closes every connection without sending a byte.
struct World {
    dir: tempfile::TempDir,
    dns: Vec<(&'static str, dnsd::DnsServer)>,
    silent_whois: whoisd::Server,
    /// A validator that says "valid" for any route and names, as the VRP that matched, one
    /// for another ASN and prefix: Routinator's API under /routinator, RIPEstat's under
    /// /ripestat.
    liar: httpd::Server,
}

/// The lying validator of [`World`].
fn liar() -> httpd::Server {
    httpd::Server::start(|path, _| {
        if path.starts_with("/routinator/api/v1/validity/") {
            return httpd::Reply::json(
                200,
                r#"{"validated_route":{"route":{},"validity":{"state":"valid","VRPs":{"matched":[{"asn":"AS64511","prefix":"10.0.0.0/24","max_length":"24"}],"unmatched_as":[],"unmatched_length":[]}}}}"#,
            );
        }
        if path.starts_with("/ripestat/data/rpki-validation/") {
            return httpd::Reply::json(
                200,
                r#"{"status":"ok","data":{"status":"valid","validating_roas":[{"origin":"64511","prefix":"10.0.0.0/24","max_length":24,"validity":"valid"}]}}"#,
            );
        }
        httpd::Reply::status(404)
    })
}

/// `check` of the ARIN /24 for EC2 as [`aws`] does, but online with its ROAs from the
/// lying validator's `api` (`--rpki-url` or `--ripestat`).
fn aws_liar(w: &World, flag: &str, api: &str) -> Vec<String> {
    let mut a = aws(w, "ec2", ARIN, "arin-two-certs.json", "aws-good.csv");
    let at = a.iter().position(|x| x == "--vrps").unwrap();
    a.drain(at..at + 2);
    a.retain(|x| x != "--offline");
    // --ripestat takes its URL after "=" only.
    a.extend(args(&[
        "--rdap-url",
        "http://127.0.0.1:9/",
        &format!("{flag}={}/{api}", w.liar.base),
    ]));
    a
}

/// The dns-token record of the LACNIC /24, with the token of [`DNS_TOKEN`].
const LACNIC_TXT: &str = "86950620.141.57.200.in-addr.arpa";
/// `--token-name` and `--token-value`: AWS's example token.
const DNS_TOKEN: [&str; 4] = [
    "--token-name",
    "86950620",
    "--token-value",
    "a34597c3-5317-4238-9ce7-50da5b6e6dc8",
];

/// The DNS servers of the dns-token rows: what each answers for the LACNIC /24's record
/// (in its own delegated zone) and, for `lame-one`, the four records of 198.18.12.0/22.
fn dns_servers() -> Vec<(&'static str, dnsd::DnsServer)> {
    use dnsd::{DnsServer, Mode, Zones};
    let value = DNS_TOKEN[3];
    let lacnic = || {
        Zones::default()
            .apex("200.in-addr.arpa")
            .apex("141.57.200.in-addr.arpa")
    };
    let mut lame = Zones::default().apex("198.in-addr.arpa");
    for o in 12..16 {
        lame = lame
            .apex(&format!("{o}.18.198.in-addr.arpa"))
            .txt(&format!("86950620.{o}.18.198.in-addr.arpa"), &[value]);
    }
    [
        ("resolver", lacnic().txt(LACNIC_TXT, &[value])),
        // What NSD answers from a zone file it holds (RA clear, AA set), delegated or not.
        (
            "authoritative",
            lacnic().txt(LACNIC_TXT, &[value]).authoritative(),
        ),
        // RA clear and AA clear: neither a resolver nor the zone's own server.
        ("no-aa", lacnic().txt(LACNIC_TXT, &[value]).no_recursion()),
        // The parent zone's server, which refers the /24 to other name servers.
        (
            "referral",
            Zones::default()
                .apex("200.in-addr.arpa")
                .delegate("141.57.200.in-addr.arpa", "ns1.example.net")
                .authoritative(),
        ),
        (
            "cname",
            lacnic()
                .apex("example.net")
                .cname(LACNIC_TXT, "token.example.net"),
        ),
        ("lame-one", lame.silent("86950620.13.18.198.in-addr.arpa")),
        // The record's strings, but under another owner name: no answer to the question.
        (
            "wrong-owner",
            lacnic()
                .txt(LACNIC_TXT, &[value])
                .authoritative()
                .txt_owner("evil.example"),
        ),
        (
            "wrong-owner-resolver",
            lacnic().txt(LACNIC_TXT, &[value]).txt_owner("evil.example"),
        ),
    ]
    .into_iter()
    .map(|(name, zones)| (name, DnsServer::start(zones, Mode::Answer)))
    .collect()
}

impl World {
    fn new() -> World {
        let w = World {
            dir: tempdir(),
            dns: dns_servers(),
            silent_whois: whoisd::Server::start(|_| whoisd::Reply::Text(String::new())),
            liar: liar(),
        };
        w.roa_files();
        w.irr_files();
        w.rdap_files();
        w.batch_repo();
        // The ready manifest naming AS64496, the ASN announcing the prefix today, which
        // aws-good-with-origin.csv holds a ROA for.
        let ready = std::fs::read_to_string(w.dir.path().join("ready.toml")).unwrap();
        w.write("origin.toml", &format!("origin = 64496\n{ready}"));
        w
    }

    /// The VRP exports the rows read, in every format byoip reads.
    fn roa_files(&self) {
        let w = self;
        w.vrps(
            "aws-lacnic.csv",
            &[(16509, LACNIC, 24, FAR), (14618, LACNIC, 24, FAR)],
        );
        w.vrps(
            "aws-ripe.csv",
            &[(16509, RIPE, 24, FAR), (14618, RIPE, 24, FAR)],
        );
        // rpki-client CSV: (ASN, prefix, maxLength, expires).
        w.vrps(
            "aws-good.csv",
            &[
                (16509, "192.198.0.0/22", 24, FAR),
                (14618, "192.198.0.0/22", 24, FAR),
            ],
        );
        w.vrps(
            "aws-maxlength-32.csv",
            &[
                (16509, "192.198.0.0/24", 32, FAR),
                (14618, "192.198.0.0/24", 32, FAR),
            ],
        );
        w.vrps(
            "aws-maxlength-22.csv",
            &[
                (16509, "192.198.0.0/22", 22, FAR),
                (14618, "192.198.0.0/22", 22, FAR),
            ],
        );
        w.vrps("azure-maxlength-25.csv", &[(8075, RIPE, 25, FAR)]);
        w.vrps("oci-31898-only.csv", &[(31898, "62.239.236.0/23", 24, FAR)]);
        // Routinator's csvext: the ROA's own end, here before the test clock.
        let gone = now().timestamp() - 3 * 86_400;
        let end = |t: i64| chrono::DateTime::from_timestamp(t, 0).unwrap().to_rfc3339();
        w.write(
            "aws-expired.csvext",
            &format!(
                "URI,ASN,IP Prefix,Max Length,Not Before,Not After\n\
                 rsync://rpki.example/a.roa,AS16509,192.198.0.0/22,24,2020-01-01T00:00:00Z,{}\n\
                 rsync://rpki.example/b.roa,AS14618,192.198.0.0/22,24,2020-01-01T00:00:00Z,{}\n",
                end(gone),
                end(FAR)
            ),
        );
        w.write(
            "azure-expired.csvext",
            &format!(
                "URI,ASN,IP Prefix,Max Length,Not Before,Not After\n\
                 rsync://rpki.example/a.roa,AS8075,{RIPE},24,2020-01-01T00:00:00Z,{}\n",
                end(gone)
            ),
        );
        w.write(
            "azure-good.csvext",
            &format!(
                "URI,ASN,IP Prefix,Max Length,Not Before,Not After\n\
                 rsync://rpki.example/a.roa,AS8075,{RIPE},24,2020-01-01T00:00:00Z,{}\n\
                 rsync://rpki.example/b.roa,AS8075,{LACNIC},24,2020-01-01T00:00:00Z,{}\n",
                end(FAR),
                end(FAR)
            ),
        );
        // rpki-client CSV: its Expires is the validation chain's earliest end, here past.
        w.vrps(
            "aws-chain-ended.csv",
            &[
                (16509, "192.198.0.0/22", 24, gone),
                (14618, "192.198.0.0/22", 24, FAR),
            ],
        );
        // rpki-client JSON with its build time: 30 days before the test clock, and one day.
        let json = |built: &str| {
            format!(
                r#"{{"metadata":{{"buildmachine":"rpki.example","buildtime":"{built}"}},"roas":[{{"asn":16509,"prefix":"192.198.0.0/22","maxLength":24,"ta":"arin","expires":{FAR}}},{{"asn":14618,"prefix":"192.198.0.0/22","maxLength":24,"ta":"arin","expires":{FAR}}}]}}"#
            )
        };
        w.write("aws-stale.json", &json("2026-11-01T12:00:00Z"));
        w.write("aws-fresh.json", &json("2026-11-30T12:00:00Z"));
        // Built in 2031, after the test clock's 2026: the clock or the file is wrong.
        w.write("aws-future.json", &json("2031-01-01T00:00:00Z"));
        // Amazon's ROAs and one for AS64496, the ASN announcing the prefix today; and the
        // ready manifest naming that origin.
        w.vrps(
            "aws-good-with-origin.csv",
            &[
                (16509, "192.198.0.0/22", 24, FAR),
                (14618, "192.198.0.0/22", 24, FAR),
                (64496, "192.198.0.0/22", 24, FAR),
            ],
        );
        for ml in [48, 64] {
            w.vrps(
                &format!("aws-v6-{ml}.csv"),
                &[
                    (16509, "2001:4860::/32", ml, FAR),
                    (14618, "2001:4860::/32", ml, FAR),
                ],
            );
        }
        // CloudFront, whose guide names no origin: ROAs for a customer's AS64496, one not
        // covering the prefix, one with IPAM's maxLength, one longer; and IPv6's /48.
        w.vrps("cf-none.csv", &[(64496, "62.239.236.0/23", 24, FAR)]);
        w.vrps("cf-24.csv", &[(64496, "192.198.0.0/24", 24, FAR)]);
        w.vrps("cf-maxlength-25.csv", &[(64496, "192.198.0.0/24", 25, FAR)]);
        w.vrps("cf-v6-48.csv", &[(64496, V6, 48, FAR)]);
        // A VRP format without the ROA's expiry.
        w.write(
            "oci-no-expiry.csv",
            "ASN,IP Prefix,Max Length,Trust Anchor\nAS31898,62.239.236.0/23,24,ripe\n",
        );
    }

    /// Saved IRR answers: some that say nothing of the prefix asked, some that must not read as "no hand-made route object".
    fn irr_files(&self) {
        let w = self;
        // IRR answers that do not record which prefix was asked: RADb's "No entries found"
        // saved by hand, and a whois answer holding another prefix's (hand-made) object.
        let none = "%  No entries found for the selected source(s).\n";
        w.write("irr-plain-none.txt", &format!("{none}\n{none}"));
        let hand_made = std::fs::read_to_string(testdata("irr/hand-made.txt")).unwrap();
        w.write("irr-plain-other.txt", hand_made.split_once('\n').unwrap().1);
        // The IRR's answer with no route objects, as `irr fetch` saves it 40 days before
        // the test clock (its file time is today's).
        w.write(
            "irr-fetched-long-ago.txt",
            "% byoip_saved: fetched=2026-10-22T12:00:00Z url=whois://whois.radb.net:43 prefix=192.198.0.0/24\n%  No entries found for the selected source(s).\n",
        );
        // IRR answers that must not read as "no hand-made route object": one `irr fetch`
        // saved for another prefix, an empty file, a maintainer whose name merely contains
        // AMAZON, and an origin followed by an RPSL end-of-line comment.
        w.write(
            "irr-other-prefix.txt",
            "% byoip_saved: fetched=2026-12-01T09:00:00Z url=whois://whois.radb.net:43 prefix=203.0.113.0/24\n%  No entries found for the selected source(s).\n",
        );
        w.write("irr-empty.txt", "");
        for (name, origin, maint) in [
            ("irr-not-amazon.txt", "AS16509", "MAINT-NOTAMAZON-REALLY"),
            ("irr-amazonas.txt", "AS16509", "MAINT-AMAZONAS-TELECOM"),
            ("irr-origin-comment.txt", "AS16509 # note", "MAINT-EXAMPLE"),
        ] {
            w.write(
                name,
                &format!(
                    "route: 192.198.0.0/24\norigin: {origin}\nmnt-by: {maint}\nsource: RADB\n"
                ),
            );
        }
    }

    /// RDAP answers made from the real and synthetic ones: more certificates, wider ranges, another certificate, saved long ago or fetched at a recorded time.
    fn rdap_files(&self) {
        let w = self;
        // The ARIN record with a second certificate (another key's) in the same Public
        // Comments.
        let mut rec: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(testdata("rdap/synthetic/arin-good.json")).unwrap(),
        )
        .unwrap();
        let other: Vec<String> = std::fs::read_to_string(testdata("keys/other2048-cert.pem"))
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        rec["remarks"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"title": "Registration Comments", "description": other}));
        w.write("arin-two-certs.json", &rec.to_string());
        // LACNIC's real answer (start equal to end, one address) widened to the /24 brought.
        let mut lacnic: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(testdata("rdap/lacnic_200_57_141_161.json")).unwrap(),
        )
        .unwrap();
        lacnic["startAddress"] = "200.57.141.0".into();
        lacnic["endAddress"] = "200.57.141.255".into();
        w.write("lacnic-24.json", &lacnic.to_string());
        // ARIN's real IPv6 answer (2001:4860::/32, no type, no certificate) with the demo
        // certificate in its Public Comments and a direct allocation's type.
        let mut v6: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(testdata("rdap/arin_2001_4860_4860__8888.json")).unwrap(),
        )
        .unwrap();
        v6["type"] = "DIRECT ALLOCATION".into();
        let cert: Vec<String> = std::fs::read_to_string(testdata("demo-cert.pem"))
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        v6["remarks"] =
            serde_json::json!([{"title": "Registration Comments", "description": cert}]);
        w.write("arin-v6.json", &v6.to_string());
        // The demo key's certificate from `byoip cert`, valid 10 days from the test clock,
        // and the ARIN record copied with its file time 40 days before the test clock.
        let short = w.dir.path().join("short-cert.pem");
        let o = byoip(&[
            "cert",
            "--key",
            td("demo-key.pem"),
            "--out",
            short.to_str().unwrap(),
            "--days",
            "10",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        // The ARIN record holding that certificate in place of the demo one.
        let mut rec: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(testdata("rdap/synthetic/arin-good.json")).unwrap(),
        )
        .unwrap();
        rec["remarks"][0]["description"] = std::fs::read_to_string(&short)
            .unwrap()
            .lines()
            .collect::<Vec<_>>()
            .into();
        w.write("arin-short-cert.json", &rec.to_string());
        std::fs::copy(
            testdata("rdap/synthetic/arin-good.json"),
            w.dir.path().join("arin-saved-long-ago.json"),
        )
        .unwrap();
        sh(
            w.dir.path(),
            "touch -d 2026-10-22T12:00:00Z arin-saved-long-ago.json",
        );
        // The same answer as `rdap fetch` saves it, fetched 40 days before the test clock
        // (its file time is today's: the fetch time recorded inside is what counts), and
        // one fetched yesterday.
        let answer = std::fs::read_to_string(testdata("rdap/synthetic/arin-good.json")).unwrap();
        for (name, fetched) in [
            ("arin-fetched-long-ago.json", "2026-10-22T12:00:00Z"),
            ("arin-fetched-yesterday.json", "2026-11-30T12:00:00Z"),
            ("arin-fetched-in-2031.json", "2031-01-01T00:00:00Z"),
        ] {
            w.write(
                name,
                &format!(
                    r#"{{"byoip_saved": {{"fetched": "{fetched}", "url": "https://rdap.arin.net/registry/ip/192.198.0.0/24"}}, "answers": [{answer}]}}"#
                ),
            );
        }
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn vrps(&self, name: &str, rows: &[(u32, &str, u8, i64)]) -> PathBuf {
        let mut text = String::from("ASN,IP Prefix,Max Length,Trust Anchor,Expires\n");
        for (asn, p, ml, exp) in rows {
            text += &format!("AS{asn},{p},{ml},arin,{exp}\n");
        }
        self.write(name, &text)
    }

    /// A repository for `batch check` and `audit`: the demo key and certificate, the ARIN
    /// record and Amazon's ROAs, contexts signed by `batch sign` for 192.198.0.0/24.
    /// `ready.toml` has that prefix only; `no-context.toml` adds 192.198.1.0/24, whose
    /// context was never signed; `orphan.toml` is `ready.toml` reading `both.json`, which
    /// also holds a context for 192.198.1.0/24, a prefix it does not name.
    fn batch_repo(&self) {
        let d = self.dir.path();
        std::fs::copy(testdata("demo-key.pem"), d.join("key.pem")).unwrap();
        sh(d, "chmod 600 key.pem");
        let head = format!(
            "account = \"{ACCOUNT}\"\nkey = \"key.pem\"\ncert = \"{}\"\nexpires = \"+30d\"\nservice = \"ec2\"\nvrps = \"aws-good.csv\"\ncontexts = \"contexts.json\"\n",
            td("demo-cert.pem")
        );
        let prefix = |cidr: &str| {
            format!(
                "\n[[prefix]]\ncidr = \"{cidr}\"\nrdap_file = \"{}\"\nirr_file = \"{}\"\n",
                td("rdap/synthetic/arin-good.json"),
                self.irr(cidr)
            )
        };
        self.write("ready.toml", &format!("{head}{}", prefix(ARIN)));
        self.write(
            "no-context.toml",
            &format!("{head}{}{}", prefix(ARIN), prefix("192.198.1.0/24")),
        );
        self.write(
            "irr-hand-made.toml",
            &format!("{head}{}", prefix(ARIN)).replace(&self.irr(ARIN), td("irr/hand-made.txt")),
        );
        self.write(
            "orphan.toml",
            &format!("{head}{}", prefix(ARIN)).replace("contexts.json", "both.json"),
        );
        // docs/batch.md's example manifest (documentation space and a documentation ASN),
        // signed with the demo key: `batch sign` warns and signs.
        self.write(
            "docs-example.toml",
            &format!(
                "account = \"{ACCOUNT}\"\nkey = \"key.pem\"\ncert = \"{}\"\nexpires = \"+30d\"\nservice = \"ipam\"\ncontexts = \"docs-contexts.json\"\n\n[[prefix]]\ncidr = \"198.51.100.0/24\"\n\n[[prefix]]\ncidr = \"2001:db8:1200::/48\"\nadvertise = false\n\n[[asn]]\nasn = \"64496\"\n",
                td("demo-cert.pem")
            ),
        );
        let o = byoip(&[
            "batch",
            "sign",
            "--manifest",
            &self.p("docs-example.toml"),
            "--out",
            d.join("docs-contexts.json").to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        // Both signed prefixes reading one plain "No entries found", which says nothing of
        // either.
        let plain = format!("{head}{}{}", prefix(ARIN), prefix("192.198.1.0/24"))
            .replace("contexts.json", "both.json")
            .replace(&self.irr(ARIN), &self.p("irr-plain-none.txt"))
            .replace(&self.irr("192.198.1.0/24"), &self.p("irr-plain-none.txt"));
        self.write("irr-plain.toml", &plain);
        for (manifest, out) in [
            ("ready.toml", "contexts.json"),
            ("no-context.toml", "both.json"),
        ] {
            let o = byoip(&[
                "batch",
                "sign",
                "--manifest",
                &self.p(manifest),
                "--out",
                d.join(out).to_str().unwrap(),
            ]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        }
        // `duplicate.toml` reads `dup.json`: the good context for 192.198.0.0/24 first,
        // then a second entry for it carrying 192.198.1.0/24's message and signature.
        let read = |f: &str| -> Vec<serde_json::Value> {
            serde_json::from_str(&std::fs::read_to_string(d.join(f)).unwrap()).unwrap()
        };
        let mut dup = read("contexts.json");
        let mut other = read("both.json")
            .into_iter()
            .find(|c| c["cidr"] == "192.198.1.0/24")
            .unwrap();
        other["cidr"] = ARIN.into();
        dup.push(other);
        self.write("dup.json", &serde_json::to_string(&dup).unwrap());
        self.write(
            "duplicate.toml",
            &format!("{head}{}", prefix(ARIN)).replace("contexts.json", "dup.json"),
        );
    }

    /// The IRR's saved answer for `cidr` with no route objects, as `byoip irr fetch`
    /// writes it (recording the prefix asked), in this world; its path.
    fn irr(&self, cidr: &str) -> String {
        common::irr_none(self.dir.path(), cidr)
            .to_str()
            .unwrap()
            .into()
    }

    /// The address of the DNS server `name` of [`dns_servers`].
    fn resolver(&self, name: &str) -> String {
        self.dns
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| s.resolver())
            .unwrap()
    }

    /// A file of this world, or of testdata/ when it is not one.
    fn p(&self, name: &str) -> String {
        let own = self.dir.path().join(name);
        if own.exists() {
            own.to_str().unwrap().into()
        } else {
            td(name).into()
        }
    }
}

/// AWS's message for `cidr` (or an ASN), signed with the demo key at the clock `now`,
/// expiring `expires`: `[--account, --message, --signature]` arguments.
fn aws_signed(resource: &str, expires: &str, now: &str) -> Vec<String> {
    let flag = if resource.contains('/') {
        "--cidr"
    } else {
        "--asn"
    };
    let o = byoip_env(
        &[
            "sign",
            "--key",
            td("demo-key.pem"),
            "--account",
            ACCOUNT,
            flag,
            resource,
            "--expires",
            expires,
            "--format",
            "json",
        ],
        &[("BYOIP_NOW", now)],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = report(&o);
    args(&[
        "--account",
        ACCOUNT,
        "--message",
        v["message"].as_str().unwrap(),
        "--signature",
        v["signature"].as_str().unwrap(),
    ])
}

/// [`aws_signed`] for an IPv6 range that will not be advertised (sizes up to /60).
fn aws_signed_unadvertised(cidr: &str) -> Vec<String> {
    let o = byoip(&[
        "sign",
        "--key",
        td("demo-key.pem"),
        "--account",
        ACCOUNT,
        "--cidr",
        cidr,
        "--no-advertise",
        "--expires",
        "+30d",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = report(&o);
    args(&[
        "--account",
        ACCOUNT,
        "--message",
        v["message"].as_str().unwrap(),
        "--signature",
        v["signature"].as_str().unwrap(),
    ])
}

fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(ToString::to_string).collect()
}

/// `check --offline` of AWS `service` for `cidr` with the demo certificate, the saved RDAP
/// answer `rdap` (under testdata/) and the VRP export `vrps`, the IRR's answer with no
/// route objects, and a good signed message.
fn aws(w: &World, service: &str, cidr: &str, rdap: &str, vrps: &str) -> Vec<String> {
    aws_irr(w, service, cidr, rdap, vrps, Some(&w.irr(cidr)))
}

/// [`aws`] with the saved IRR answer `irr` (under testdata/ or the world), or none.
fn aws_irr(
    w: &World,
    service: &str,
    cidr: &str,
    rdap: &str,
    vrps: &str,
    irr: Option<&str>,
) -> Vec<String> {
    let mut a = args(&[
        "check",
        "--service",
        service,
        "--cidr",
        cidr,
        "--cert",
        td("demo-cert.pem"),
        "--offline",
        "--rdap-file",
        &w.p(rdap),
        "--vrps",
        &w.p(vrps),
    ]);
    if let Some(irr) = irr {
        a.extend(args(&["--irr-file", &w.p(irr)]));
    }
    a.extend(aws_signed(cidr, "+30d", NOW));
    a
}

/// `dns-token check` of `cidr` with AWS's example token, asking the DNS server `server`.
fn dns_token_check(w: &World, cidr: &str, server: &str, more: &[&str]) -> Vec<String> {
    let mut a = args(&["dns-token", "check", "--cidr", cidr, "--resolver"]);
    a.push(w.resolver(server));
    a.extend(args(&DNS_TOKEN));
    a.extend(args(more));
    a
}

/// `check` of the LACNIC /24 for IPAM with `--verification dns-token`: the saved RDAP
/// answer, Amazon's ROAs, and the DNS server `server` (the only thing asked online).
fn ipam_dns_check(w: &World, server: &str, more: &[&str]) -> Vec<String> {
    let mut a = args(&[
        "check",
        "--service",
        "ipam",
        "--cidr",
        LACNIC,
        "--verification",
        "dns-token",
        "--rdap-url",
        "http://127.0.0.1:9/",
        "--rdap-file",
        &w.p("lacnic-24.json"),
        "--vrps",
        &w.p("aws-lacnic.csv"),
        "--irr-file",
        &w.irr(LACNIC),
        "--resolver",
    ]);
    a.push(w.resolver(server));
    a.extend(args(&DNS_TOKEN));
    a.extend(args(more));
    a
}

/// `check --cloud azure --offline` for the RIPE NCC prefix: the certificate in `remarks:`
/// (the RIPE Database object), a message dated the ROAs' end.
fn azure(w: &World, vrps: &str) -> Vec<String> {
    azure_for(w, RIPE, "rdap/synthetic/ripe-good.json", vrps)
}

/// [`azure`] for `cidr` with the saved RDAP answer `rdap`.
fn azure_for(w: &World, cidr: &str, rdap: &str, vrps: &str) -> Vec<String> {
    let (msg, sig) = azure_signed(SUB, cidr, "20991231");
    args(&[
        "check",
        "--cloud",
        "azure",
        "--cidr",
        cidr,
        "--cert",
        td("demo-cert.pem"),
        "--message",
        &msg,
        "--signature",
        &sig,
        "--subscription",
        SUB,
        "--offline",
        "--rdap-file",
        &w.p(rdap),
        "--ripe-db-file",
        td("ripedb/inetnum-remarks.json"),
        "--vrps",
        &w.p(vrps),
    ])
}

/// `check --cloud oci --offline` for the RIPE NCC prefix with the RIPE Database object
/// `ripe_db` (under testdata/ripedb/).
fn oci(w: &World, ripe_db: &str, vrps: &str) -> Vec<String> {
    args(&[
        "check",
        "--cloud",
        "oci",
        "--cidr",
        RIPE,
        "--validation-token",
        OCI_TOKEN,
        "--offline",
        "--rdap-file",
        td("rdap/synthetic/ripe-good.json"),
        "--ripe-db-file",
        td(&format!("ripedb/{ripe_db}")),
        "--vrps",
        &w.p(vrps),
    ])
}

/// `check --asn 397979 --offline` with the ARIN autnum answer `rdap` and a good message.
fn byoasn(rdap: &str) -> Vec<String> {
    byoasn_of("397979", rdap)
}

/// [`byoasn`] for `asn`.
fn byoasn_of(asn: &str, rdap: &str) -> Vec<String> {
    let mut a = args(&[
        "check",
        "--asn",
        asn,
        "--cert",
        td("demo-cert.pem"),
        "--offline",
        "--rdap-file",
        td(rdap),
    ]);
    a.extend(aws_signed(asn, "+30d", NOW));
    a
}

const PREREQ: &str = "AWS, \"Prerequisites for BYOIP in Amazon EC2\"";
const GA_REQ: &str =
    "AWS, \"Bring your own IP addresses (BYOIP) in AWS Global Accelerator\", Requirements";
const IPAM_TUT: &str = "AWS, \"Tutorial: Bring your IP addresses to IPAM\"";
const ONBOARD: &str = "AWS, \"Onboard your address range for use in Amazon EC2\"";
const EC2_BYOIP: &str = "AWS, \"Bring your own IP addresses (BYOIP) to Amazon EC2\"";
const ASN_TUT: &str = "AWS, \"Tutorial: Bring your ASN to IPAM\"";
const AZURE_CREATE: &str = "Microsoft, \"Create a custom IPv4 address prefix using the Azure CLI\"";
const OCI_BYOIP: &str = "Oracle, \"Bring Your Own IP\"";
const AZURE_BYOIP: &str = "Microsoft, \"Custom IP address prefix (BYOIP)\"";
const RPKI_CLIENT: &str = "rpki-client(8)";
const RFC1034_ALGORITHM: &str = "RFC 1034 §4.3.2, \"Algorithm\"";
const RFC1034_COPY: &str = "Otherwise, copy all RRs which match QTYPE into the answer section";
const RFC1035_HEADER: &str = "RFC 1035 §4.1.1, \"Header section format\"";
const RA_QUOTE: &str = "Recursion Available - this be set or cleared in a response, and denotes whether recursive query support is available in the name server.";
const AA_QUOTE: &str = "Authoritative Answer - this bit is valid in responses, and specifies that the responding name server is an authority for the domain name in question section.";
const IPAM_VERIFY: &str = "AWS, \"Verify domain control\" (Amazon VPC IPAM User Guide)";
const CF_TUT: &str = "AWS, \"Bring your own IP to CloudFront using IPAM (supports IPv4 and IPv6)\"";
const BYOIP_CIDR: &str = "AWS, \"ByoipCidr\", Amazon EC2 API Reference";

/// [`aws`] with `--network-border-group` for a Local Zone.
fn aws_local_zone(w: &World, service: &str, cidr: &str, rdap: &str, vrps: &str) -> Vec<String> {
    let mut a = aws(w, service, cidr, rdap, vrps);
    a.extend(args(&["--network-border-group", "us-west-2-lax-1"]));
    a
}

/// The catalogue, one row per scenario.
static ROWS: &[Row] = &[
    // ---- Guards: everything right, and byoip must say READY ----
    Row {
        scenario: "guard: the record, the ROAs and the signed message are all right",
        target: "aws ec2",
        page: PREREQ,
        quote: "You must set the maximum length to the size of the CIDR that you are bringing in",
        args: |w| {
            aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
            )
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[
            ("rdap.certificate", "pass"),
            ("rdap.signature", "pass"),
            ("roa.as16509", "pass"),
            ("roa.as14618", "pass"),
        ],
    },
    // ---- IRR route objects ("Prerequisites for BYOIP in Amazon EC2") ----
    Row {
        scenario: "a hand-made route object in RADb with Amazon's ASN as origin",
        target: "aws ec2",
        page: PREREQ,
        quote: "Any manual changes that include the BYOIP ASN will cause the BYOIP provision operation to fail.",
        args: |w| {
            aws_irr(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
                Some("irr/hand-made.txt"),
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("irr.route", "fail")],
    },
    Row {
        scenario: "a hand-made route object with Amazon's ASN, brought to IPAM (provisioned the same way)",
        target: "aws ipam",
        page: PREREQ,
        quote: "Do not make any manual changes for BYOIP in RADb or any other IRR.",
        args: |w| {
            aws_irr(
                w,
                "ipam",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
                Some("irr/hand-made.txt"),
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("irr.route", "fail")],
    },
    Row {
        scenario: "a hand-made route object with Amazon's ASN, for Global Accelerator (its guide is silent: warned)",
        target: "aws ga",
        page: PREREQ,
        quote: "Any manual changes that include the BYOIP ASN will cause the BYOIP provision operation to fail.",
        args: |w| {
            aws_irr(
                w,
                "ga",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
                Some("irr/hand-made.txt"),
            )
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("irr.route", "warn")],
    },
    Row {
        scenario: "AWS's own route object (mnt-by MAINT-AS16509): already provisioned? a warning",
        target: "aws ec2",
        page: PREREQ,
        quote: "BYOIP will automatically update RADb.",
        args: |w| {
            aws_irr(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
                Some("irr/amazon.txt"),
            )
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("irr.route", "warn")],
    },
    Row {
        scenario: "offline without the IRR's answer: the route objects were never looked at",
        target: "aws ec2",
        page: PREREQ,
        quote: "Do not make any manual changes for BYOIP in RADb or any other IRR.",
        args: |w| {
            aws_irr(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
                None,
            )
        },
        code: 1,
        verdict: Verdict::Incomplete,
        checks: &[("irr.route", "left-out")],
    },
    Row {
        scenario: "guard: the RIPE NCC /24 with its own saved IRR answer (recording the prefix asked), the record and the ROAs right",
        target: "aws ec2",
        page: PREREQ,
        quote: "Do not make any manual changes for BYOIP in RADb or any other IRR.",
        args: |w| {
            aws(
                w,
                "ec2",
                RIPE,
                "rdap/synthetic/ripe-good.json",
                "aws-ripe.csv",
            )
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("irr.route", "pass"), ("rdap.certificate", "pass")],
    },
    Row {
        scenario: "an IRR answer that does not record which prefix was asked (another prefix's object only) taken as proof this one has none",
        target: "aws ec2",
        page: PREREQ,
        quote: "Any manual changes that include the BYOIP ASN will cause the BYOIP provision operation to fail.",
        args: |w| {
            aws_irr(
                w,
                "ec2",
                RIPE,
                "rdap/synthetic/ripe-good.json",
                "aws-ripe.csv",
                Some("irr-plain-other.txt"),
            )
        },
        code: 1,
        verdict: Verdict::Incomplete,
        checks: &[("irr.route", "left-out")],
    },
    Row {
        scenario: "one plain \"No entries found\" IRR answer reused for every prefix of a manifest",
        target: "aws batch",
        page: PREREQ,
        quote: "Any manual changes that include the BYOIP ASN will cause the BYOIP provision operation to fail.",
        args: |w| {
            args(&[
                "batch",
                "check",
                "--offline",
                "--manifest",
                &w.p("irr-plain.toml"),
            ])
        },
        code: 1,
        verdict: Verdict::Incomplete,
        checks: &[
            ("192.198.0.0/24 irr.route", "left-out"),
            ("192.198.1.0/24 irr.route", "left-out"),
            ("192.198.1.0/24 signature.local", "pass"),
        ],
    },
    Row {
        scenario: "online, the whois server refuses the connection: the IRR check did not run",
        target: "aws ec2",
        page: PREREQ,
        quote: "Do not make any manual changes for BYOIP in RADb or any other IRR.",
        args: |w| {
            // Everything else saved; the whois server is the tests' closed port.
            aws_irr(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
                None,
            )
            .into_iter()
            .filter(|a| a != "--offline")
            .collect()
        },
        code: 2,
        verdict: Verdict::Incomplete,
        checks: &[("irr.route", "not-run")],
    },
    Row {
        scenario: "an IRR answer `irr fetch` saved 40 days ago, in a fresh clone (file time today)",
        target: "aws ec2",
        page: PREREQ,
        quote: "Do not make any manual changes for BYOIP in RADb or any other IRR.",
        args: |w| {
            aws_irr(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
                Some("irr-fetched-long-ago.txt"),
            )
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("irr.route", "warn")],
    },
    Row {
        scenario: "a saved IRR answer `irr fetch` made for another prefix (its silence is not this prefix's)",
        target: "aws ec2",
        page: PREREQ,
        quote: "Do not make any manual changes for BYOIP in RADb or any other IRR.",
        args: |w| {
            aws_irr(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
                Some("irr-other-prefix.txt"),
            )
        },
        code: 1,
        verdict: Verdict::Incomplete,
        checks: &[("irr.route", "left-out")],
    },
    Row {
        scenario: "an empty saved IRR answer (0 bytes: not a server's \"No entries found\")",
        target: "aws ec2",
        page: PREREQ,
        quote: "Do not make any manual changes for BYOIP in RADb or any other IRR.",
        args: |w| {
            aws_irr(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
                Some("irr-empty.txt"),
            )
        },
        code: 2,
        verdict: Verdict::Refused("it is empty"),
        checks: &[],
    },
    Row {
        scenario: "online, the whois server closes without sending a byte: the IRR check did not run",
        target: "aws ec2",
        page: PREREQ,
        quote: "Do not make any manual changes for BYOIP in RADb or any other IRR.",
        args: |w| {
            let mut a: Vec<String> = aws_irr(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
                None,
            )
            .into_iter()
            .filter(|a| a != "--offline")
            .collect();
            a.extend(args(&["--irr-server", &w.silent_whois.addr]));
            a
        },
        code: 2,
        verdict: Verdict::Incomplete,
        checks: &[("irr.route", "not-run")],
    },
    Row {
        scenario: "a route object with Amazon's ASN, maintained by MAINT-NOTAMAZON-REALLY (not Amazon's)",
        target: "aws ec2",
        page: PREREQ,
        quote: "Any manual changes that include the BYOIP ASN will cause the BYOIP provision operation to fail.",
        args: |w| {
            aws_irr(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
                Some("irr-not-amazon.txt"),
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("irr.route", "fail")],
    },
    Row {
        scenario: "a route object with Amazon's ASN, maintained by MAINT-AMAZONAS-TELECOM (not Amazon's)",
        target: "aws ec2",
        page: PREREQ,
        quote: "Any manual changes that include the BYOIP ASN will cause the BYOIP provision operation to fail.",
        args: |w| {
            aws_irr(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
                Some("irr-amazonas.txt"),
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("irr.route", "fail")],
    },
    Row {
        scenario: "a hand-made route object whose origin has an RPSL end-of-line comment (origin: AS16509 # note)",
        target: "aws ec2",
        page: PREREQ,
        quote: "Any manual changes that include the BYOIP ASN will cause the BYOIP provision operation to fail.",
        args: |w| {
            aws_irr(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
                Some("irr-origin-comment.txt"),
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("irr.route", "fail")],
    },
    Row {
        scenario: "a hand-made route object in a batch's saved IRR answer",
        target: "aws batch",
        page: PREREQ,
        quote: "Any manual changes that include the BYOIP ASN will cause the BYOIP provision operation to fail.",
        args: |w| {
            args(&[
                "batch",
                "check",
                "--offline",
                "--manifest",
                &w.p("irr-hand-made.toml"),
            ])
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("192.198.0.0/24 irr.route", "fail")],
    },
    Row {
        scenario: "an rpki-client JSON export built after the report's time (2031 by a 2026 clock)",
        target: "aws ec2",
        page: RPKI_CLIENT,
        quote: "buildtime",
        args: |w| aws(w, "ec2", ARIN, "arin-two-certs.json", "aws-future.json"),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.as16509", "warn"), ("roa.as14618", "warn")],
    },
    Row {
        scenario: "an answer `rdap fetch` saved after the report's time (2031 by a 2026 clock)",
        target: "aws ec2",
        page: "RFC 9083 §4.5, \"Events\"",
        quote: "last changed",
        args: |w| aws(w, "ec2", ARIN, "arin-fetched-in-2031.json", "aws-good.csv"),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("rdap.record", "warn"), ("rdap.certificate", "pass")],
    },
    Row {
        scenario: "guard: a fresh rpki-client JSON export (built a day ago)",
        target: "aws ec2",
        page: RPKI_CLIENT,
        quote: "buildtime",
        args: |w| {
            aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-fresh.json",
            )
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.as16509", "pass"), ("roa.as14618", "pass")],
    },
    Row {
        scenario: "guard: a /24 from a pool under a covering ROA with maxLength 24",
        target: "aws ipam",
        page: IPAM_TUT,
        quote: "IPAM enforces the maximum length you set",
        args: |w| {
            aws(
                w,
                "ipam",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
            )
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.as16509", "pass"), ("roa.as14618", "pass")],
    },
    Row {
        scenario: "guard: a /24 with its ROA's maxLength /24",
        target: "aws ga",
        page: GA_REQ,
        quote: "The ROA must contain the /24 … and you must set the maximum length to /24",
        args: |w| {
            aws(
                w,
                "ga",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
            )
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.as16509", "pass")],
    },
    Row {
        scenario: "guard: the certificate in the ASN's own Public Comments",
        target: "aws byoasn",
        page: ASN_TUT,
        quote: "1|aws|ACCOUNT|ASN|YYYYMMDD|SHA256|RSAPSS",
        args: |_| byoasn("rdap/synthetic/arin-autnum-good.json"),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("rdap.certificate", "pass"), ("rdap.signature", "pass")],
    },
    Row {
        scenario: "guard: a RIPE NCC autnum answer without startAutnum is read",
        target: "aws byoasn",
        page: "RFC 9083 §5.5, \"The Autonomous System Number Object Class\"",
        quote: "startAutnum -- a number representing the starting number",
        args: |_| byoasn_of("201234", "rdap/synthetic/ripe-autnum-no-start.json"),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("rdap.autnum-record", "pass"), ("rdap.certificate", "pass")],
    },
    Row {
        scenario: "guard: the certificate in remarks:, a ROA ending on the message's date",
        target: "azure",
        page: AZURE_CREATE,
        quote: "expiration date matching the Validity Date on the ROA",
        args: |w| azure(w, "azure-good.csvext"),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.as8075", "pass")],
    },
    Row {
        scenario: "guard: the OCITOKEN line in descr:, a ROA valid for years",
        target: "oci",
        page: OCI_BYOIP,
        quote: "Set an expiry date at least 6 months in the future",
        args: |w| oci(w, "oci-token.json", "vrp/synthetic-clouds.csv"),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("oci.token", "pass"), ("roa.as31898", "pass")],
    },
    Row {
        scenario: "guard: a manifest whose every prefix has its evidence and signed context",
        target: "aws batch",
        page: ONBOARD,
        quote: "--cidr-authorization-context Message=\"$text_message\",Signature=\"$signed_message\"",
        args: |w| {
            args(&[
                "batch",
                "check",
                "--offline",
                "--manifest",
                &w.p("ready.toml"),
            ])
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("signature.local", "pass"), ("roa.as16509", "pass")],
    },
    // ---- AWS: ROAs ----
    Row {
        scenario: "a /24 whose ROAs allow announcements down to /32",
        target: "aws ec2",
        page: PREREQ,
        quote: "You must set the maximum length to the size of the CIDR that you are bringing in",
        args: |w| {
            aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-maxlength-32.csv",
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.as16509", "fail"), ("roa.as14618", "fail")],
    },
    Row {
        scenario: "a /24 whose ROA allows announcements down to /32",
        target: "aws ga",
        page: GA_REQ,
        quote: "The ROA must contain the /24 … and you must set the maximum length to /24",
        args: |w| {
            aws(
                w,
                "ga",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-maxlength-32.csv",
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.as16509", "fail")],
    },
    Row {
        scenario: "a /24 whose ROAs allow announcements down to /32",
        target: "aws ipam",
        page: IPAM_TUT,
        quote: "IPAM enforces the maximum length you set",
        args: |w| {
            aws(
                w,
                "ipam",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-maxlength-32.csv",
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.as16509", "fail"), ("roa.as14618", "fail")],
    },
    Row {
        scenario: "a /22 pool whose ROAs' maxLength is the pool's /22, not /24",
        target: "aws ipam",
        page: IPAM_TUT,
        quote: "IPAM enforces the maximum length you set",
        args: |w| {
            aws(
                w,
                "ipam",
                "192.198.0.0/22",
                "rdap/synthetic/arin-good.json",
                "aws-maxlength-22.csv",
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.as16509", "fail"), ("roa.as14618", "fail")],
    },
    Row {
        scenario: "a /22 brought whose covering ROAs' maxLength is 24, not the /22's length",
        target: "aws ec2",
        page: PREREQ,
        quote: "You must set the maximum length to the size of the CIDR that you are bringing in",
        args: |w| {
            aws(
                w,
                "ec2",
                "192.198.0.0/22",
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.as16509", "fail"), ("roa.as14618", "fail")],
    },
    Row {
        scenario: "a ROA that has expired (the export gives the ROA's own end)",
        target: "aws ec2",
        page: PREREQ,
        quote: "If your ROAs are invalid or not compliant with the above guidelines, Amazon reserves the right to stop advertising",
        args: |w| {
            aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-expired.csvext",
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.as16509", "fail"), ("roa.as14618", "pass")],
    },
    Row {
        scenario: "an export built 30 days ago: its ROAs may be gone",
        target: "aws ec2",
        page: RPKI_CLIENT,
        quote: "buildtime",
        args: |w| {
            aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-stale.json",
            )
        },
        code: 1,
        verdict: Verdict::Incomplete,
        checks: &[("roa.as16509", "not-run"), ("roa.as14618", "not-run")],
    },
    Row {
        scenario: "a VRP whose validation chain has ended (rpki-client's Expires past)",
        target: "aws ec2",
        page: RPKI_CLIENT,
        quote: "derived from the chain of X.509 certificates and CRLs",
        args: |w| {
            aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-chain-ended.csv",
            )
        },
        code: 1,
        verdict: Verdict::Incomplete,
        checks: &[("roa.as16509", "not-run"), ("roa.as14618", "pass")],
    },
    Row {
        scenario: "an advertised IPv6 /48 whose ROAs allow announcements down to /64",
        target: "aws ipam",
        page: IPAM_TUT,
        quote: "IPAM enforces the maximum length you set",
        args: |w| aws(w, "ipam", V6, "arin-v6.json", "aws-v6-64.csv"),
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.as16509", "fail"), ("roa.as14618", "fail")],
    },
    Row {
        scenario: "guard: an advertised IPv6 /48 under a covering ROA with maxLength 48",
        target: "aws ec2",
        page: PREREQ,
        quote: "You must set the maximum length to the size of the CIDR that you are bringing in",
        args: |w| aws(w, "ec2", V6, "arin-v6.json", "aws-v6-48.csv"),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.as16509", "pass"), ("roa.as14618", "pass")],
    },
    Row {
        scenario: "guard: an IPv6 /56 that will not be advertised needs no ROA (skipped by rule)",
        target: "aws ec2",
        page: EC2_BYOIP,
        quote: "the RDAP record still needs the certificate",
        args: |w| {
            let mut a = args(&[
                "check",
                "--cidr",
                "2001:4860:1200::/56",
                "--no-advertise",
                "--cert",
                td("demo-cert.pem"),
                "--offline",
                "--rdap-file",
                &w.p("arin-v6.json"),
                "--irr-file",
                &w.irr("2001:4860:1200::/56"),
            ]);
            a.extend(aws_signed_unadvertised("2001:4860:1200::/56"));
            a
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.as16509", "skip"), ("rdap.certificate", "pass")],
    },
    // ---- AWS: CloudFront through IPAM, and EC2 in a Local Zone ----
    Row {
        scenario: "CloudFront: no ROA covers the /24 (its origin is undocumented, but a ROA is asked for)",
        target: "aws cloudfront",
        page: CF_TUT,
        quote: "Ensure ROAs are configured for both IPv4 (/24) and IPv6 (/48) prefixes",
        args: |w| {
            aws(
                w,
                "cloudfront",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "cf-none.csv",
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.origin", "fail")],
    },
    Row {
        scenario: "CloudFront: the only ROA covering the /24 has maxLength 25, not IPAM's 24",
        target: "aws cloudfront",
        page: CF_TUT,
        quote: "Ensure ROAs are configured for both IPv4 (/24) and IPv6 (/48) prefixes",
        args: |w| {
            aws(
                w,
                "cloudfront",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "cf-maxlength-25.csv",
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.origin", "fail")],
    },
    Row {
        scenario: "CloudFront: a /23, where CloudFront takes exactly a /24",
        target: "aws cloudfront",
        page: CF_TUT,
        quote: "Requires /24 CIDR blocks for IPv4.",
        args: |w| {
            aws(
                w,
                "cloudfront",
                "192.198.0.0/23",
                "rdap/synthetic/arin-good.json",
                "cf-24.csv",
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("prefix.size", "fail")],
    },
    Row {
        scenario: "guard: CloudFront with a ROA for the /24 at maxLength 24 reads READY with a warning naming its origin, never a pass",
        target: "aws cloudfront",
        page: CF_TUT,
        quote: "Ensure ROAs are configured for both IPv4 (/24) and IPv6 (/48) prefixes",
        args: |w| {
            aws(
                w,
                "cloudfront",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "cf-24.csv",
            )
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.origin", "warn"), ("prefix.size", "pass")],
    },
    Row {
        scenario: "guard: CloudFront with an IPv6 /48 under a ROA at maxLength 48",
        target: "aws cloudfront",
        page: CF_TUT,
        quote: "requires /24 IPv4 and /48 IPv6 CIDR blocks",
        args: |w| aws(w, "cloudfront", V6, "arin-v6.json", "cf-v6-48.csv"),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.origin", "warn"), ("prefix.size", "pass")],
    },
    Row {
        scenario: "CloudFront in GovCloud: its guide is about AWS's global services and says nothing of GovCloud",
        target: "aws cloudfront",
        page: CF_TUT,
        quote: "IPAM's BYOIP for global services lets you use your own IPv4 and IPv6 addresses with AWS global services like CloudFront.",
        args: |w| {
            let mut a = aws(
                w,
                "cloudfront",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "cf-24.csv",
            );
            a.push("--govcloud".into());
            a
        },
        code: 2,
        verdict: Verdict::Refused("CloudFront through IPAM in AWS GovCloud (US) is not documented"),
        checks: &[],
    },
    Row {
        scenario: "EC2 IPv6 in a Local Zone, which takes BYOIPv4 only",
        target: "aws ec2",
        page: BYOIP_CIDR,
        quote: "You cannot provision or advertise BYOIPv6 address ranges in Local Zones",
        args: |w| aws_local_zone(w, "ec2", V6, "arin-v6.json", "aws-v6-48.csv"),
        code: 2,
        verdict: Verdict::Refused(
            "You cannot provision or advertise BYOIPv6 address ranges in Local Zones",
        ),
        checks: &[],
    },
    Row {
        scenario: "a Local Zone's network border group for VPC IPAM, which takes none",
        target: "aws ipam",
        page: BYOIP_CIDR,
        quote: "when you provision and advertise a BYOIPv4 CIDR",
        args: |w| {
            aws_local_zone(
                w,
                "ipam",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
            )
        },
        code: 2,
        verdict: Verdict::Refused("network border group is EC2's"),
        checks: &[],
    },
    Row {
        scenario: "guard: EC2 IPv4 in a Local Zone is judged as EC2's",
        target: "aws ec2",
        page: BYOIP_CIDR,
        quote: "when you provision and advertise a BYOIPv4 CIDR",
        args: |w| {
            aws_local_zone(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
            )
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.as16509", "pass"), ("roa.as14618", "pass")],
    },
    // ---- AWS: the registry record ----
    Row {
        scenario: "the certificate only in the organization's comments at ARIN",
        target: "aws ec2",
        page: PREREQ,
        quote: "add the certificate in the \"Public Comments\" section for the \"Network Information\" object representing your address range. Do not add it to the comments section for your organization.",
        args: |w| {
            aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-org-comments.json",
                "aws-good.csv",
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("rdap.certificate", "fail")],
    },
    Row {
        scenario: "the certificate in RIPE's remarks:, which AWS does not read, not descr:",
        target: "aws ec2",
        page: PREREQ,
        quote: "add the certificate as a new \"descr\" field … Do not add it to … the \"remarks\" field",
        args: |w| {
            let mut a = aws(
                w,
                "ec2",
                RIPE,
                "rdap/synthetic/ripe-remarks.json",
                "aws-good.csv",
            );
            // The RIPE record's ROAs are not the ARIN ones: give none, the certificate decides.
            let at = a.iter().position(|x| x == "--vrps").unwrap();
            a.drain(at..at + 2);
            a
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("rdap.certificate", "fail")],
    },
    Row {
        scenario: "the record's certificate holds another key than the one that signed",
        target: "aws ec2",
        page: ONBOARD,
        quote: "AWS … verifies the signature against the certificate that you added to RDAP",
        args: |w| {
            aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-other-key.json",
                "aws-good.csv",
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("key.cert-match", "fail"), ("rdap.signature", "fail")],
    },
    Row {
        scenario: "no key yet (check --cidr alone): the record and the ROAs pass, but nothing proves control, and no certificate is published",
        target: "aws ec2",
        page: ONBOARD,
        quote: "AWS … verifies the signature against the certificate that you added to RDAP",
        args: |w| {
            args(&[
                "check",
                "--cidr",
                ARIN,
                "--offline",
                "--rdap-file",
                td("rdap/synthetic/arin-no-cert.json"),
                "--vrps",
                &w.p("aws-good.csv"),
            ])
        },
        code: 1,
        verdict: Verdict::Incomplete,
        checks: &[
            ("rdap.allocation-type", "pass"),
            ("roa.as16509", "pass"),
            ("cert.validity", "left-out"),
            ("rdap.certificate", "left-out"),
            ("rdap.signature", "left-out"),
        ],
    },
    Row {
        scenario: "the record's certificate expired in 2020",
        target: "aws ec2",
        page: PREREQ,
        quote: "the certificate … must only be valid for the duration of the provisioning process",
        args: |w| {
            aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-expired.json",
                "aws-good.csv",
            )
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("cert.validity", "fail")],
    },
    Row {
        scenario: "LACNIC space proven with a certificate, which EC2 does not read there",
        target: "aws ec2",
        page: EC2_BYOIP,
        quote: "If your IP address range is registered with an Internet Registry that supports RDAP (such as ARIN, RIPE and APNIC) …",
        args: |_| {
            args(&[
                "check",
                "--cidr",
                "200.57.141.0/24",
                "--cert",
                td("demo-cert.pem"),
                "--offline",
                "--rdap-file",
                td("rdap/lacnic_200_57_141_161.json"),
            ])
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("rdap.registry", "fail")],
    },
    Row {
        scenario: "a saved record for another range (192.198.0.0/22 for 192.198.4.0/24)",
        target: "aws ec2",
        page: EC2_BYOIP,
        quote: "A single ROA object and RDAP record are needed for a large CIDR block",
        args: |w| {
            let mut a = aws(
                w,
                "ec2",
                "192.198.4.0/24",
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
            );
            let at = a.iter().position(|x| x == "--vrps").unwrap();
            a.drain(at..at + 2);
            a
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[
            ("rdap.record", "fail"),
            ("rdap.certificate", "not-run"),
            ("rdap.signature", "not-run"),
            ("rdap.allocation-type", "not-run"),
            ("key.cert-match", "not-run"),
        ],
    },
    Row {
        scenario: "two different certificates in the record: which one AWS reads is undocumented",
        target: "aws ec2",
        page: ONBOARD,
        quote: "AWS … verifies the signature against the certificate that you added to RDAP",
        args: |w| aws(w, "ec2", ARIN, "arin-two-certs.json", "aws-good.csv"),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("rdap.certificate", "warn"), ("rdap.signature", "pass")],
    },
    Row {
        scenario: "a certificate that ends (in 10 days) before the message does (30)",
        target: "aws ec2",
        page: ONBOARD,
        quote: "AWS … verifies the signature against the certificate that you added to RDAP",
        args: |w| {
            let mut a = aws(w, "ec2", ARIN, "arin-short-cert.json", "aws-good.csv");
            let at = a.iter().position(|x| x == "--cert").unwrap();
            a[at + 1] = w.p("short-cert.pem");
            a
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("cert.validity", "warn"), ("key.cert-match", "pass")],
    },
    Row {
        scenario: "your certificate expired in 2020 (and so did the record's)",
        target: "aws ec2",
        page: PREREQ,
        quote: "the certificate … must only be valid for the duration of the provisioning process",
        args: |w| {
            let mut a = aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-expired.json",
                "aws-good.csv",
            );
            let at = a.iter().position(|x| x == "--cert").unwrap();
            a[at + 1] = td("keys/expired-cert.pem").into();
            a
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("cert.validity", "fail")],
    },
    Row {
        scenario: "a saved registry answer 40 days old: the record may have changed since",
        target: "aws ec2",
        page: "RFC 9083 §4.5, \"Events\"",
        quote: "last changed",
        args: |w| aws(w, "ec2", ARIN, "arin-saved-long-ago.json", "aws-good.csv"),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("rdap.record", "warn")],
    },
    Row {
        scenario: "an answer `rdap fetch` saved 40 days ago, in a fresh clone (file time today)",
        target: "aws ec2",
        page: "RFC 9083 §4.5, \"Events\"",
        quote: "last changed",
        args: |w| aws(w, "ec2", ARIN, "arin-fetched-long-ago.json", "aws-good.csv"),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("rdap.record", "warn"), ("rdap.certificate", "pass")],
    },
    Row {
        scenario: "guard: an answer `rdap fetch` saved yesterday",
        target: "aws ec2",
        page: "RFC 9083 §4.5, \"Events\"",
        quote: "last changed",
        args: |w| {
            aws(
                w,
                "ec2",
                ARIN,
                "arin-fetched-yesterday.json",
                "aws-good.csv",
            )
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("rdap.record", "pass")],
    },
    Row {
        scenario: "GovCloud with ROAs for AS16509 and AS14618 only",
        target: "aws ec2",
        page: PREREQ,
        quote: "8987 instead of 16509 and 14618",
        args: |w| {
            let mut a = aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
            );
            a.push("--govcloud".into());
            a
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.as8987", "fail")],
    },
    // ---- AWS: the message ----
    Row {
        scenario: "a message signed for another prefix",
        target: "aws ec2",
        page: ONBOARD,
        quote: "1|aws|account|cidr|YYYYMMDD|SHA256|RSAPSS",
        args: |w| {
            let mut a = aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
            );
            let other = aws_signed("192.198.1.0/24", "+30d", NOW);
            a.truncate(a.len() - other.len());
            a.extend(other);
            a
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("message.cidr", "fail"), ("rdap.signature", "pass")],
    },
    Row {
        scenario: "a message that expired yesterday",
        target: "aws ec2",
        page: ONBOARD,
        quote: "where the date is the expiry date of the message",
        args: |w| {
            let mut a = aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
            );
            let old = aws_signed(ARIN, "20261130", "2026-11-01");
            a.truncate(a.len() - old.len());
            a.extend(old);
            a
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("message.expiry", "fail")],
    },
    // ---- AWS: evidence missing ----
    Row {
        scenario: "offline with no saved record and no VRP export",
        target: "aws ec2",
        page: ONBOARD,
        quote: "AWS … verifies the signature against the certificate that you added to RDAP",
        args: |_| {
            let mut a = args(&[
                "check",
                "--cidr",
                ARIN,
                "--cert",
                td("demo-cert.pem"),
                "--offline",
            ]);
            a.extend(aws_signed(ARIN, "+30d", NOW));
            a
        },
        code: 1,
        verdict: Verdict::Incomplete,
        checks: &[("rdap.record", "not-run"), ("roa.as16509", "not-run")],
    },
    Row {
        scenario: "--local-only: the registry record and the ROAs not looked at",
        target: "aws ec2",
        page: PREREQ,
        quote: "If your ROAs are invalid or not compliant with the above guidelines, Amazon reserves the right to stop advertising",
        args: |_| {
            let mut a = args(&[
                "check",
                "--cidr",
                ARIN,
                "--cert",
                td("demo-cert.pem"),
                "--local-only",
            ]);
            a.extend(aws_signed(ARIN, "+30d", NOW));
            a
        },
        code: 1,
        verdict: Verdict::Incomplete,
        checks: &[("rdap.record", "left-out"), ("roa.as16509", "left-out")],
    },
    Row {
        scenario: "a certificate-only run: no signed message given",
        target: "aws ec2",
        page: ONBOARD,
        quote: "--cidr-authorization-context Message=\"$text_message\",Signature=\"$signed_message\"",
        args: |w| {
            let mut a = aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
            );
            let at = a.iter().position(|x| x == "--account").unwrap();
            a.truncate(at);
            a
        },
        code: 1,
        verdict: Verdict::Incomplete,
        checks: &[
            ("signature.local", "left-out"),
            ("rdap.signature", "left-out"),
        ],
    },
    Row {
        scenario: "a manifest prefix whose context was never signed",
        target: "aws batch",
        page: ONBOARD,
        quote: "--cidr-authorization-context Message=\"$text_message\",Signature=\"$signed_message\"",
        args: |w| {
            args(&[
                "batch",
                "check",
                "--offline",
                "--manifest",
                &w.p("no-context.toml"),
            ])
        },
        code: 1,
        verdict: Verdict::Incomplete,
        checks: &[
            ("192.198.0.0/24 signature.local", "pass"),
            ("192.198.1.0/24 signature.local", "left-out"),
        ],
    },
    Row {
        scenario: "Global Accelerator in GovCloud: GA names only AS16509, EC2's GovCloud rule is EC2's",
        target: "aws ga",
        page: PREREQ,
        quote: "8987 instead of 16509 and 14618",
        args: |w| {
            let mut a = aws(
                w,
                "ga",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
            );
            a.push("--govcloud".into());
            a
        },
        code: 2,
        verdict: Verdict::Refused("GovCloud"),
        checks: &[],
    },
    Row {
        scenario: "a signed context for a prefix the manifest does not name: a warning, not a failure",
        target: "aws batch",
        page: ONBOARD,
        quote: "--cidr-authorization-context Message=\"$text_message\",Signature=\"$signed_message\"",
        args: |w| {
            args(&[
                "batch",
                "check",
                "--offline",
                "--manifest",
                &w.p("orphan.toml"),
            ])
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[
            ("192.198.0.0/24 signature.local", "pass"),
            ("orphan_contexts", "192.198.1.0/24"),
        ],
    },
    Row {
        scenario: "two contexts for one prefix, the good one first: the second's message is another prefix's",
        target: "aws batch",
        page: ONBOARD,
        quote: "--cidr-authorization-context Message=\"$text_message\",Signature=\"$signed_message\"",
        args: |w| {
            args(&[
                "batch",
                "check",
                "--offline",
                "--manifest",
                &w.p("duplicate.toml"),
            ])
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("192.198.0.0/24 message.cidr", "fail")],
    },
    Row {
        scenario: "two contexts for one prefix, the good one first: the second's message is another prefix's",
        target: "aws audit",
        page: ONBOARD,
        quote: "--cidr-authorization-context Message=\"$text_message\",Signature=\"$signed_message\"",
        args: |w| args(&["audit", "--manifest", &w.p("duplicate.toml")]),
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[],
    },
    Row {
        scenario: "guard: every prefix's context verifies and is far from expiring",
        target: "aws audit",
        page: ONBOARD,
        quote: "--cidr-authorization-context Message=\"$text_message\",Signature=\"$signed_message\"",
        args: |w| args(&["audit", "--manifest", &w.p("ready.toml")]),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("context.192.198.0.0/24", "pass")],
    },
    Row {
        scenario: "docs/batch.md's example manifest (documentation space, a documentation ASN) signed with a real key",
        target: "aws audit",
        page: "RFC 5737 §3, \"Documentation Address Blocks\"",
        quote: "The blocks 192.0.2.0/24 (TEST-NET-1), 198.51.100.0/24 (TEST-NET-2), and 203.0.113.0/24 (TEST-NET-3) are provided for use in documentation.",
        args: |w| args(&["audit", "--manifest", &w.p("docs-example.toml")]),
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[
            ("context.198.51.100.0/24", "fail"),
            ("context.2001:db8:1200::/48", "fail"),
            ("context.AS64496", "fail"),
        ],
    },
    Row {
        scenario: "a manifest prefix whose context was never signed",
        target: "aws audit",
        page: ONBOARD,
        quote: "--cidr-authorization-context Message=\"$text_message\",Signature=\"$signed_message\"",
        args: |w| args(&["audit", "--manifest", &w.p("no-context.toml")]),
        code: 1,
        verdict: Verdict::Incomplete,
        checks: &[
            ("context.192.198.0.0/24", "pass"),
            ("context.192.198.1.0/24", "left-out"),
        ],
    },
    Row {
        scenario: "a signed context for a prefix the manifest does not name: a warning, not a failure",
        target: "aws audit",
        page: ONBOARD,
        quote: "--cidr-authorization-context Message=\"$text_message\",Signature=\"$signed_message\"",
        args: |w| args(&["audit", "--manifest", &w.p("orphan.toml")]),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("context.192.198.1.0/24", "warn")],
    },
    // ---- BYOASN ----
    Row {
        scenario: "the ASN's record holds a certificate for another key",
        target: "aws byoasn",
        page: ASN_TUT,
        quote: "You must upload the same certificate you created to the RDAP record in your RIR for the ASN.",
        args: |_| byoasn("rdap/synthetic/arin-autnum-other-key.json"),
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("key.cert-match", "fail"), ("rdap.signature", "fail")],
    },
    Row {
        scenario: "the certificate only in the organization's comments, not the ASN's",
        target: "aws byoasn",
        page: ASN_TUT,
        quote: "add the certificate in the \"Public Comments\" section for the \"Network Information\" object representing your ASN … Do not add it to the comments section for your organization.",
        args: |_| byoasn("rdap/synthetic/arin-autnum-org-comments.json"),
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("rdap.certificate", "fail")],
    },
    Row {
        scenario: "a prefix advertised from the ASN with ROAs for Amazon's ASNs only",
        target: "aws byoasn",
        page: ASN_TUT,
        quote: "In addition to that ROA, you must have a second ROA in your RIR with the ASN that you are bringing to IPAM.",
        args: |w| {
            let mut a = byoasn("rdap/synthetic/arin-autnum-good.json");
            a.extend(args(&["--cidr", ARIN, "--vrps", &w.p("aws-good.csv")]));
            a
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.own-asn", "fail")],
    },
    // ---- Azure ----
    Row {
        scenario: "a ROA whose maxLength is longer than the prefix",
        target: "azure",
        page: AZURE_CREATE,
        quote: "The prefix length should exactly match the prefixes that can be advertised by Microsoft",
        args: |w| azure(w, "azure-maxlength-25.csv"),
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.as8075", "fail")],
    },
    Row {
        scenario: "a ROA that has expired",
        target: "azure",
        page: AZURE_CREATE,
        quote: "expiration date matching the Validity Date on the ROA",
        args: |w| azure(w, "azure-expired.csvext"),
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.as8075", "fail")],
    },
    Row {
        scenario: "LACNIC space: Azure takes it by support ticket, not by the record",
        target: "azure",
        page: AZURE_BYOIP,
        quote: "For ranges from LACNIC registry, create a support ticket with Microsoft.",
        args: |w| azure_for(w, LACNIC, "lacnic-24.json", "azure-good.csvext"),
        code: 1,
        verdict: Verdict::Incomplete,
        checks: &[("rdap.registry", "left-out")],
    },
    Row {
        scenario: "the US Government cloud with a ROA for AS8075 only",
        target: "azure",
        page: AZURE_CREATE,
        quote: "If the range will be onboarded to the US Gov Cloud, the Origin AS must be listed as 8070.",
        args: |w| {
            let mut a = azure(w, "azure-good.csvext");
            a.push("--govcloud".into());
            a
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.as8070", "fail")],
    },
    // ---- Oracle ----
    Row {
        scenario: "a VRP export that gives no ROA expiry: six months ahead not looked at",
        target: "oci",
        page: OCI_BYOIP,
        quote: "Set an expiry date at least 6 months in the future",
        args: |w| oci(w, "oci-token.json", "oci-no-expiry.csv"),
        code: 1,
        verdict: Verdict::Incomplete,
        checks: &[("roa.as31898", "not-run")],
    },
    Row {
        scenario: "the record carries no OCITOKEN line",
        target: "oci",
        page: OCI_BYOIP,
        quote: "OCITOKEN::<cidrBlock>:<validationToken>",
        args: |w| oci(w, "inetnum-none.json", "vrp/synthetic-clouds.csv"),
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("oci.token", "fail")],
    },
    Row {
        scenario: "Serbia Central with a ROA for AS31898 only",
        target: "oci",
        page: OCI_BYOIP,
        quote: "Oracle's BGP ASN for the commercial cloud is 31898, except the Serbia Central (Jovanovac) region which is 14544.",
        args: |w| {
            let mut a = oci(w, "oci-token.json", "oci-31898-only.csv");
            a.extend(args(&["--region", "eu-jovanovac-1"]));
            a
        },
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("roa.as14544", "fail")],
    },
    Row {
        scenario: "guard: Serbia Central with its ROA for AS14544",
        target: "oci",
        page: OCI_BYOIP,
        quote: "Oracle's BGP ASN for the commercial cloud is 31898, except the Serbia Central (Jovanovac) region which is 14544.",
        args: |w| {
            let mut a = oci(w, "oci-token.json", "vrp/synthetic-clouds.csv");
            a.extend(args(&["--region", "eu-jovanovac-1"]));
            a
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.as14544", "pass")],
    },
    Row {
        scenario: "an Oracle US Government region: another realm, another ASN",
        target: "oci",
        page: OCI_BYOIP,
        quote: "For the US Government Cloud, see Oracle's BGP ASN.",
        args: |w| {
            let mut a = oci(w, "oci-token.json", "vrp/synthetic-clouds.csv");
            a.extend(args(&["--region", "us-langley-1"]));
            a
        },
        code: 2,
        verdict: Verdict::Refused("us-langley-1"),
        checks: &[],
    },
    Row {
        scenario: "dns-token check asks an authoritative server (RA clear) that holds the record: no resolver saw it",
        target: "aws ipam",
        page: RFC1035_HEADER,
        quote: RA_QUOTE,
        args: |w| dns_token_check(w, LACNIC, "authoritative", &[]),
        code: 2,
        verdict: Verdict::Incomplete,
        checks: &[],
    },
    Row {
        scenario: "check --verification dns-token asks an authoritative server (RA clear)",
        target: "aws ipam",
        page: RFC1035_HEADER,
        quote: RA_QUOTE,
        args: |w| ipam_dns_check(w, "authoritative", &[]),
        code: 2,
        verdict: Verdict::Incomplete,
        checks: &[("dns.record", "not-run"), ("dns.delegation", "not-run")],
    },
    Row {
        scenario: "--authoritative, but the server's answers lack AA: it is not the zone's server",
        target: "aws ipam",
        page: RFC1035_HEADER,
        quote: AA_QUOTE,
        args: |w| ipam_dns_check(w, "no-aa", &["--authoritative"]),
        code: 2,
        verdict: Verdict::Incomplete,
        checks: &[("dns.record", "not-run"), ("dns.delegation", "not-run")],
    },
    Row {
        scenario: "--authoritative at the parent zone's server, which refers the name elsewhere",
        target: "aws ipam",
        page: RFC1035_HEADER,
        quote: AA_QUOTE,
        args: |w| dns_token_check(w, LACNIC, "referral", &["--authoritative"]),
        code: 2,
        verdict: Verdict::Incomplete,
        checks: &[],
    },
    Row {
        scenario: "the record's name is a CNAME to a name that does not exist: missing, and the zone is no registry's problem",
        target: "aws ipam",
        page: "RFC 1034 §3.6.2, \"Aliases and canonical names\"",
        quote: "restarts the query at the domain name specified in the data field of the CNAME record",
        args: |w| ipam_dns_check(w, "cname", &[]),
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("dns.record", "fail"), ("dns.delegation", "pass")],
    },
    Row {
        scenario: "one of four names never answered (a dead delegation), the other three found",
        target: "aws ipam",
        page: IPAM_VERIFY,
        quote: "you can reuse the token for multiple BYOIP CIDRs that you provision from your IPAM within 72 hours",
        args: |w| dns_token_check(w, "198.18.12.0/22", "lame-one", &["--timeout", "1"]),
        code: 2,
        verdict: Verdict::Incomplete,
        checks: &[],
    },
    Row {
        scenario: "guard: the dns-token record found by a recursive resolver",
        target: "aws ipam",
        page: IPAM_VERIFY,
        quote: "bring IP addresses registered with any internet registry (such as JPNIC, LACNIC, and AFRINIC)",
        args: |w| ipam_dns_check(w, "resolver", &[]),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("dns.record", "pass"), ("dns.delegation", "pass")],
    },
    Row {
        scenario: "guard: --authoritative at the zone's own server, which answers with AA",
        target: "aws ipam",
        page: RFC1035_HEADER,
        quote: AA_QUOTE,
        args: |w| ipam_dns_check(w, "authoritative", &["--authoritative"]),
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("dns.record", "pass"), ("dns.delegation", "pass")],
    },
    Row {
        scenario: "--authoritative, and the server answers AA with the token's TXT under another owner name",
        target: "aws ipam",
        page: RFC1034_ALGORITHM,
        quote: RFC1034_COPY,
        args: |w| ipam_dns_check(w, "wrong-owner", &["--authoritative"]),
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("dns.record", "fail")],
    },
    Row {
        scenario: "dns-token check: a resolver answers with the token's TXT under another owner name",
        target: "aws ipam",
        page: RFC1034_ALGORITHM,
        quote: RFC1034_COPY,
        args: |w| dns_token_check(w, LACNIC, "wrong-owner-resolver", &[]),
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[],
    },
    Row {
        scenario: "a Routinator answer says valid, but the VRP it matched is another ASN's for another prefix",
        target: "aws ec2",
        page: PREREQ,
        quote: "Create a ROA object to authorize the Amazon ASNs 16509 and 14618 to advertise your address range",
        args: |w| aws_liar(w, "--rpki-url", "routinator"),
        code: 2,
        verdict: Verdict::Incomplete,
        checks: &[("roa.as16509", "not-run"), ("roa.as14618", "not-run")],
    },
    Row {
        scenario: "a RIPEstat answer says valid, but its valid ROA is another ASN's for another prefix",
        target: "aws ec2",
        page: PREREQ,
        quote: "Create a ROA object to authorize the Amazon ASNs 16509 and 14618 to advertise your address range",
        args: |w| aws_liar(w, "--ripestat", "ripestat"),
        code: 2,
        verdict: Verdict::Incomplete,
        checks: &[("roa.as16509", "not-run"), ("roa.as14618", "not-run")],
    },
    Row {
        scenario: "the record's token line names another CIDR",
        target: "oci",
        page: OCI_BYOIP,
        quote: "OCITOKEN::<cidrBlock>:<validationToken>",
        args: |w| oci(w, "oci-token-other-cidr.json", "vrp/synthetic-clouds.csv"),
        code: 1,
        verdict: Verdict::NotReady,
        checks: &[("oci.token", "fail")],
    },
    // ---- Today's route (roa.current-origin): advisory, never blocks ready, but seen ----
    Row {
        scenario: "the ASN announcing the prefix today has no ROA: READY, with the warning",
        target: "aws ec2",
        page: PREREQ,
        quote: "you must create a ROA for your existing ASN before creating the ROAs for Amazon's ASNs",
        args: |w| {
            let mut a = aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
            );
            a.extend(args(&["--origin", "64496"]));
            a
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.current-origin", "warn"), ("roa.as16509", "pass")],
    },
    Row {
        scenario: "guard: the ASN announcing the prefix today has its ROA",
        target: "aws ec2",
        page: PREREQ,
        quote: "you must create a ROA for your existing ASN before creating the ROAs for Amazon's ASNs",
        args: |w| {
            let mut a = aws(
                w,
                "ec2",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good-with-origin.csv",
            );
            a.extend(args(&["--origin", "AS64496"]));
            a
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.current-origin", "pass")],
    },
    Row {
        scenario: "guard: offline without --origin: who announces it is unknown, a skip by rule",
        target: "aws ipam",
        page: PREREQ,
        quote: "you must create a ROA for your existing ASN before creating the ROAs for Amazon's ASNs",
        args: |w| {
            aws(
                w,
                "ipam",
                ARIN,
                "rdap/synthetic/arin-good.json",
                "aws-good.csv",
            )
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.current-origin", "skip")],
    },
    Row {
        scenario: "Azure: the ASN announcing the prefix today has no ROA: READY, with the warning",
        target: "azure",
        page: AZURE_CREATE,
        quote: "recommended to create a ROA for any existing ASN",
        args: |w| {
            let mut a = azure(w, "azure-good.csvext");
            a.extend(args(&["--origin", "64496"]));
            a
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.current-origin", "warn"), ("roa.as8075", "pass")],
    },
    Row {
        scenario: "guard: Oracle, a prefix not announced today (--origin none)",
        target: "oci",
        page: "RFC 6811, section 2",
        quote: "Invalid: At least one VRP Covers the Route Prefix, but no VRP Matches it.",
        args: |w| {
            let mut a = oci(w, "oci-token.json", "vrp/synthetic-clouds.csv");
            a.extend(args(&["--origin", "none"]));
            a
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("roa.current-origin", "pass")],
    },
    Row {
        scenario: "a manifest's origin without its ROA: batch check READY, the prefix's warning seen",
        target: "aws batch",
        page: PREREQ,
        quote: "you must create a ROA for your existing ASN before creating the ROAs for Amazon's ASNs",
        args: |w| {
            args(&[
                "batch",
                "check",
                "--offline",
                "--manifest",
                &w.p("origin.toml"),
            ])
        },
        code: 0,
        verdict: Verdict::Ready,
        checks: &[("192.198.0.0/24 roa.current-origin", "warn")],
    },
];

/// Every report in a JSON document: a check report itself, or those of `batch check`.
fn reports(v: &serde_json::Value) -> Vec<&serde_json::Value> {
    if v.get("checks").is_some() {
        return vec![v];
    }
    ["prefixes", "asns"]
        .iter()
        .filter_map(|k| v[k].as_array())
        .flatten()
        .collect()
}

#[test]
fn no_report_reads_ready_where_the_cloud_would_refuse() {
    let w = World::new();
    let rows = ROWS;
    let mut failures = Vec::new();
    for r in rows {
        let name = format!("[{}] {} ({}: {:?})", r.target, r.scenario, r.page, r.quote);
        let a = (r.args)(&w);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let text = byoip(&a);
        let mut with_json = a.clone();
        with_json.push("--json");
        let json = byoip(&with_json);
        let mut why = Vec::new();
        for (o, how) in [(&text, "text"), (&json, "--json")] {
            if o.status.code() != Some(r.code) {
                why.push(format!(
                    "{how}: exit {:?}, want {}",
                    o.status.code(),
                    r.code
                ));
            }
        }
        match r.verdict {
            Verdict::Refused(needle) => {
                let err = stderr(&text);
                if !(err.lines().count() == 1 && err.contains(needle) && err.contains("; hint: ")) {
                    why.push(format!("want one error line naming {needle:?}: {err}"));
                }
            }
            v => {
                let out = stdout(&text);
                let last = out.lines().last().unwrap_or_default();
                if !last.starts_with(&format!("{}:", v.word())) {
                    why.push(format!("verdict line {last:?}, want {}", v.word()));
                }
                let doc = report(&json);
                for (name, want) in r.checks {
                    if *name == "orphan_contexts" {
                        if !doc[*name]
                            .as_array()
                            .is_some_and(|l| l.iter().any(|c| c == want))
                        {
                            why.push(format!("orphan_contexts {}, want {want} in it", doc[*name]));
                        }
                        continue;
                    }
                    let (cidr, id) = name.split_once(' ').unwrap_or(("", name));
                    let got = reports(&doc)
                        .into_iter()
                        .filter(|rep| cidr.is_empty() || rep["cidr"] == cidr)
                        .find_map(|rep| {
                            rep["checks"]
                                .as_array()?
                                .iter()
                                .find(|c| c["id"] == *id)
                                .map(|c| match (c["status"].as_str(), c["left_out"].as_bool()) {
                                    (Some("skip"), Some(true)) => "left-out".to_string(),
                                    (Some(st), _) => st.to_string(),
                                    (None, _) => "no status".to_string(),
                                })
                        })
                        .unwrap_or_else(|| "absent".into());
                    if got != *want {
                        why.push(format!("{name}: {got}, want {want}"));
                    }
                }
            }
        }
        if !why.is_empty() {
            failures.push(format!("{name}\n    {}", why.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn the_catalogue_covers_every_cloud_and_service() {
    let rows = ROWS;
    for target in [
        "aws ec2",
        "aws ipam",
        "aws ga",
        "aws cloudfront",
        "aws byoasn",
        "aws batch",
        "aws audit",
        "azure",
        "oci",
    ] {
        assert!(
            rows.iter().any(|r| r.target == target),
            "no row for {target}"
        );
        // A false-ready row and a READY guard.
        assert!(
            rows.iter()
                .any(|r| r.target == target && r.verdict != Verdict::Ready),
            "no false-ready row for {target}"
        );
        assert!(
            rows.iter()
                .any(|r| r.target == target && r.verdict == Verdict::Ready),
            "no READY guard for {target}"
        );
    }
    // Every row says where its rule comes from.
    for r in rows {
        assert!(!r.page.is_empty() && !r.quote.is_empty(), "{}", r.scenario);
    }
}

/// CI dashboards count `<skipped>` as passing: a check left out for want of evidence is an
/// `<error type="left-out">` in batch check's JUnit XML, never a skip.
#[test]
fn junit_never_shows_a_left_out_check_as_skipped() {
    let w = World::new();
    let xml = w.dir.path().join("junit.xml");
    let o = byoip(&[
        "batch",
        "check",
        "--offline",
        "--manifest",
        &w.p("no-context.toml"),
        "--junit",
        xml.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let xml = std::fs::read_to_string(&xml).unwrap();
    let case = |cidr: &str, id: &str| {
        let head = format!("<testcase classname=\"{cidr}\" name=\"{id}\"");
        let at = xml
            .find(&head)
            .unwrap_or_else(|| panic!("no {head} in {xml}"));
        let rest = &xml[at..];
        let end = rest
            .find("</testcase>")
            .filter(|e| !rest[..*e].contains("/>"))
            .map_or_else(|| rest.find("/>").unwrap() + 2, |e| e + 11);
        rest[..end].to_string()
    };
    let left_out = case("192.198.1.0/24", "signature.local");
    assert!(
        left_out.contains("<error type=\"left-out\"") && !left_out.contains("<skipped"),
        "{left_out}"
    );
    // The prefix with its context passed the same check.
    assert_eq!(
        case("192.198.0.0/24", "signature.local"),
        "<testcase classname=\"192.198.0.0/24\" name=\"signature.local\"/>"
    );
}
