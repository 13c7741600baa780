//! Which registry a record belongs to, and that registry's rules.
//!
//! - Supported for the X.509 method: ARIN, RIPE NCC, APNIC (AWS, "Bring your own IP
//!   addresses (BYOIP) to Amazon EC2"). LACNIC, AFRINIC and the National Internet
//!   Registries are not; IPAM's `dns-token` method covers them (VPC IPAM, "Verify domain
//!   control").
//! - The registry is read from the response itself (`port43`, `self` link, handle forms)
//!   before the URL it came from, so a mirror, a proxy or a local server gives the same
//!   verdict as the registry's own server.
//! - Where the certificate must sit (AWS, "Prerequisites for BYOIP in Amazon EC2"): the
//!   rules table's field per registry ([`crate::rules`]: ARIN the network's Public
//!   Comments, not the organization's; RIPE a `descr:` line, not `remarks:`; APNIC
//!   `remarks:`), read from RDAP remarks as Azure's and Oracle's reports read them
//!   ([`crate::proof`]): one placement judge, [`placement`].
//! - Allocation types AWS lists (the Global Accelerator Developer Guide's BYOIP
//!   "Requirements"; Oracle's "Bring Your Own IP" lists its own; the current EC2 guide lists
//!   none), with the clearly non-portable ones refused.

use super::network::IpNetwork;
pub(crate) use crate::proof::{Placement, autnum_placement, placement};
pub use crate::registry::{Nir, Registry};
pub(crate) use crate::rules::TypeVerdict;

/// What the record says about its registry, and how that was decided.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Identification {
    /// The registry, when any evidence names one.
    pub registry: Option<Registry>,
    /// The evidence used, e.g. `port43 whois.arin.net`.
    pub evidence: String,
    /// An APNIC or LACNIC record whose contents point at a National Internet Registry.
    pub nir_hint: Option<(Nir, String)>,
}

/// Host names of each registry's whois and RDAP services, matched as suffixes.
const HOSTS: &[(&str, Registry)] = &[
    ("arin.net", Registry::Arin),
    ("ripe.net", Registry::RipeNcc),
    ("apnic.net", Registry::Apnic),
    ("lacnic.net", Registry::Lacnic),
    ("afrinic.net", Registry::Afrinic),
    ("nic.ad.jp", Registry::Nir(Nir::Jpnic)),
    ("kisa.or.kr", Registry::Nir(Nir::Krnic)),
    ("nic.or.kr", Registry::Nir(Nir::Krnic)),
    ("twnic.net.tw", Registry::Nir(Nir::Twnic)),
    ("twnic.tw", Registry::Nir(Nir::Twnic)),
    ("cnnic.cn", Registry::Nir(Nir::Cnnic)),
    ("cnnic.net.cn", Registry::Nir(Nir::Cnnic)),
    ("idnic.net", Registry::Nir(Nir::Idnic)),
    ("vnnic.vn", Registry::Nir(Nir::Vnnic)),
    ("irinn.in", Registry::Nir(Nir::Irinn)),
    ("registro.br", Registry::Nir(Nir::NicBr)),
    ("nic.mx", Registry::Nir(Nir::NicMx)),
];

/// Words that mark an APNIC record as NIR-managed (netnames like `IIJ-JPNIC-JP-…`,
/// remarks like "JPNIC Allocation Block", incident-response teams like `IRT-KRNIC-KR`).
const NIR_MARKERS: &[(&str, Nir)] = &[
    ("JPNIC", Nir::Jpnic),
    ("KRNIC", Nir::Krnic),
    ("TWNIC", Nir::Twnic),
    ("CNNIC", Nir::Cnnic),
    ("IDNIC", Nir::Idnic),
    ("VNNIC", Nir::Vnnic),
    ("IRINN", Nir::Irinn),
];

fn host_of(url_or_host: &str) -> String {
    let s = url_or_host
        .split("://")
        .nth(1)
        .unwrap_or(url_or_host)
        .split(['/', '?'])
        .next()
        .unwrap_or("");
    // Strip a port, but not from a bracketed IPv6 literal.
    let s = if s.starts_with('[') {
        s
    } else {
        s.rsplit_once(':').map_or(s, |(h, _)| h)
    };
    s.trim_end_matches('.').to_ascii_lowercase()
}

fn by_host(url_or_host: &str) -> Option<Registry> {
    let host = host_of(url_or_host);
    HOSTS
        .iter()
        .find(|(suffix, _)| host == *suffix || host.ends_with(&format!(".{suffix}")))
        .map(|&(_, r)| r)
}

fn by_handle(handle: &str) -> Option<Registry> {
    let h = handle.to_ascii_uppercase();
    if h.starts_with("NET-") || h.starts_with("NET6-") || h.ends_with("-ARIN") {
        Some(Registry::Arin)
    } else if h.ends_with("-RIPE") {
        Some(Registry::RipeNcc)
    } else if h.ends_with("-AP") {
        Some(Registry::Apnic)
    } else if h.ends_with("-AFRINIC") {
        Some(Registry::Afrinic)
    } else if h.ends_with("-LACNIC") {
        Some(Registry::Lacnic)
    } else {
        None
    }
}

/// Names the registry of `net`, fetched from `source_url` (when it came over the network).
pub fn identify(net: &IpNetwork, source_url: Option<&str>) -> Identification {
    let mut evidence: Vec<(Registry, String)> = Vec::new();
    if let Some(p) = &net.port43
        && let Some(r) = by_host(p)
    {
        evidence.push((r, format!("port43 {p}")));
    }
    if let Some(s) = net.link("self")
        && let Some(r) = by_host(s)
    {
        evidence.push((r, format!("self link {}", host_of(s))));
    }
    let handles = net
        .handle
        .iter()
        .chain(net.name.iter())
        .chain(net.entities.iter().filter_map(|e| e.handle.as_ref()));
    for h in handles {
        if let Some(r) = by_handle(h) {
            evidence.push((r, format!("handle {h}")));
            break;
        }
    }
    if let Some(u) = source_url
        && let Some(r) = by_host(u)
    {
        evidence.push((r, format!("server {}", host_of(u))));
    }
    let registry = evidence.first().map(|(r, _)| *r);
    let nir_hint = match registry {
        Some(Registry::Apnic) => nir_marker(net),
        _ => None,
    };
    Identification {
        registry,
        evidence: evidence
            .iter()
            .filter(|(r, _)| Some(*r) == registry)
            .map(|(_, e)| e.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        nir_hint,
    }
}

fn nir_marker(net: &IpNetwork) -> Option<(Nir, String)> {
    let texts = net
        .name
        .iter()
        .map(|n| ("netname", n.as_str()))
        .chain(
            net.remarks
                .iter()
                .flat_map(|r| r.lines.iter().map(|l| ("remark", l.as_str()))),
        )
        .chain(
            net.entities
                .iter()
                .filter_map(|e| e.handle.as_deref().map(|h| ("contact", h))),
        );
    for (field, t) in texts {
        let upper = t.to_ascii_uppercase();
        if let Some(&(_, nir)) = NIR_MARKERS.iter().find(|(m, _)| upper.contains(m)) {
            return Some((nir, format!("{field} {t:?}")));
        }
    }
    None
}

/// Marks of a registry's placeholder for space it does not manage (IANA blocks,
/// inter-RIR transfers): RIPE's `NON-RIPE-NCC-MANAGED-ADDRESS-BLOCK` / `IANA-BLK`, ARIN's
/// "further assigned to users in the … region", "not managed by" remarks. After a transfer
/// the bootstrap can point at the original RIR, whose answer is such a stub.
const STUB_MARKERS: &[&str] = &[
    "NON-RIPE-NCC-MANAGED",
    "IANA-BLK",
    "NOT MANAGED BY THE",
    "FURTHER ASSIGNED TO USERS IN THE",
    "NOT REGISTERED IN THE",
];

/// Why `net` looks like a placeholder for space another registry manages, if it does.
pub fn stub_reason(net: &IpNetwork) -> Option<String> {
    let texts = net
        .name
        .iter()
        .chain(net.kind.iter())
        .chain(net.remarks.iter().flat_map(|r| r.lines.iter()));
    for t in texts {
        let upper = t.to_ascii_uppercase();
        if STUB_MARKERS.iter().any(|m| upper.contains(m)) {
            return Some(t.trim().chars().take(120).collect());
        }
    }
    None
}

/// Names the registry of an autnum record, by the same evidence as [`identify`]
/// (`port43`, `self` link, handles, the server's URL).
pub fn identify_autnum(a: &super::Autnum, source_url: Option<&str>) -> Identification {
    identify(
        &IpNetwork {
            handle: a.handle.clone(),
            name: a.name.clone(),
            kind: None,
            country: None,
            parent_handle: None,
            port43: a.port43.clone(),
            start: None,
            end: None,
            cidrs: Vec::new(),
            remarks: a.remarks.clone(),
            entities: a.entities.clone(),
            links: a.links.clone(),
        },
        source_url,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rdap::Place;

    fn load(name: &str) -> IpNetwork {
        let path = format!("{}/testdata/rdap/{name}", env!("CARGO_MANIFEST_DIR"));
        IpNetwork::from_json(&std::fs::read(&path).unwrap(), name).unwrap()
    }

    #[test]
    fn every_fixture_names_its_registry_from_its_own_content() {
        for (file, want) in [
            ("arin_74_125_225_229.json", Registry::Arin),
            ("arin_2001_4860_4860__8888.json", Registry::Arin),
            ("icann-rdap_arin_network_192_198_0_0.json", Registry::Arin),
            ("ripe_62_239_237_1.json", Registry::RipeNcc),
            ("ripe_2a00_2381_ffff__1.json", Registry::RipeNcc),
            ("apnic_210_107_73_73.json", Registry::Apnic),
            ("apnic_2001_240_10c_1__ca20_9d1d.json", Registry::Apnic),
            ("lacnic_200_57_141_161.json", Registry::Lacnic),
            ("lacnic_2801_10_c000__.json", Registry::Lacnic),
            ("afrinic_196_11_240_215.json", Registry::Afrinic),
            ("afrinic_2001_43f8_7b0__.json", Registry::Afrinic),
        ] {
            // Served from a loopback address: the URL says nothing, the content decides.
            let id = identify(&load(file), Some("http://127.0.0.1:8080/ip/x"));
            assert_eq!(id.registry, Some(want), "{file}: {}", id.evidence);
            assert!(id.evidence.starts_with("port43"), "{file}: {}", id.evidence);
        }
    }

    #[test]
    fn handles_and_urls_decide_when_port43_is_missing() {
        let mut n = load("icann-rdap_arin_network_192_198_0_0.json");
        n.port43 = None;
        n.links.clear();
        assert_eq!(identify(&n, None).registry, Some(Registry::Arin));
        n.handle = None;
        n.name = None;
        n.entities.clear();
        assert_eq!(identify(&n, None).registry, None);
        assert_eq!(
            identify(&n, Some("https://rdap.db.ripe.net/ip/1.2.3.0/24")).registry,
            Some(Registry::RipeNcc)
        );
    }

    #[test]
    fn nir_managed_apnic_records_are_noticed() {
        let jp = identify(&load("apnic_2001_240_10c_1__ca20_9d1d.json"), None);
        assert_eq!(jp.nir_hint.map(|(n, _)| n), Some(Nir::Jpnic));
        let kr = identify(&load("apnic_210_107_73_73.json"), None);
        assert_eq!(kr.nir_hint.map(|(n, _)| n), Some(Nir::Krnic));
        assert_eq!(by_host("whois.nic.ad.jp"), Some(Registry::Nir(Nir::Jpnic)));
        assert_eq!(
            by_host("https://rdap.registro.br/ip/1"),
            Some(Registry::Nir(Nir::NicBr))
        );
        assert_eq!(by_host("https://notarin.net/"), None);
    }

    #[test]
    fn placeholders_for_other_registries_space_are_recognised() {
        let mut n = load("ripe_62_239_237_1.json");
        assert_eq!(stub_reason(&n), None);
        n.name = Some("NON-RIPE-NCC-MANAGED-ADDRESS-BLOCK".into());
        assert!(stub_reason(&n).is_some());
        let mut a = load("icann-rdap_arin_network_192_198_0_0.json");
        a.remarks.push(super::super::network::Remark {
            title: None,
            lines: vec![
                "These addresses have been further assigned to users in the RIPE NCC region."
                    .into(),
            ],
        });
        assert!(stub_reason(&a).unwrap().contains("RIPE NCC region"));
        for f in [
            "arin_74_125_225_229.json",
            "apnic_210_107_73_73.json",
            "lacnic_200_57_141_161.json",
            "afrinic_196_11_240_215.json",
        ] {
            assert_eq!(stub_reason(&load(f)), None, "{f}");
        }
    }

    #[test]
    fn allocation_types_follow_the_documented_lists() {
        use TypeVerdict::*;
        assert_eq!(
            Registry::Arin.allocation_type_rule("DIRECT ALLOCATION", true),
            None
        );
        assert_eq!(
            Registry::Arin.allocation_type_rule("direct assignment", true),
            None
        );
        assert!(matches!(
            Registry::Arin.allocation_type_rule("REASSIGNED", true),
            Some(NonPortable(_))
        ));
        assert!(matches!(
            Registry::Apnic.allocation_type_rule("ASSIGNED NON-PORTABLE", true),
            Some(NonPortable(_))
        ));
        assert!(matches!(
            Registry::RipeNcc.allocation_type_rule("ASSIGNED PA", true),
            Some(NonPortable(_))
        ));
        assert!(matches!(
            Registry::RipeNcc.allocation_type_rule("ALLOCATED-BY-RIR", false),
            Some(Undocumented(_))
        ));
        assert!(matches!(
            Registry::RipeNcc.allocation_type_rule("ASSIGNED", false),
            Some(Undocumented(_))
        ));
    }

    #[test]
    fn autnum_placement_names_the_asn_record() {
        let org = Place::Entity {
            handle: Some("ORG-EXA1-RIPE".into()),
            roles: vec!["registrant".into()],
        };
        assert!(
            matches!(autnum_placement(Some(Registry::RipeNcc), &org), Placement::Wrong(m) if m.contains("descr: line of the aut-num"))
        );
        let remarks = Place::Network {
            title: Some("remarks".into()),
        };
        assert!(matches!(
            autnum_placement(Some(Registry::RipeNcc), &remarks),
            Placement::Wrong(_)
        ));
        assert_eq!(
            autnum_placement(Some(Registry::Apnic), &remarks),
            Placement::Correct
        );
    }

    #[test]
    fn aws_placement_is_the_rules_tables_field_read_as_the_cloud_reports_read_it() {
        use crate::{cloud::Field, rules};
        // The RDAP remark title each field shows as, by registry (crate::proof's reading).
        let title = |r: Registry, f: Field| match (r, f) {
            (Registry::Arin, _) => Some("Registration Comments".to_string()),
            (_, Field::Descr) => None,
            (_, Field::Remarks) => Some("remarks".to_string()),
            _ => Some("other".to_string()),
        };
        for r in [Registry::Arin, Registry::RipeNcc, Registry::Apnic] {
            let want = rules::field_of(rules::placement(crate::cloud::Cloud::Aws, r).unwrap());
            let at = |t: Option<String>| placement(Some(r), &Place::Network { title: t });
            assert_eq!(at(title(r, want)), Placement::Correct, "{r}");
            let asn_want = rules::field_of(rules::byoasn_placement(r).unwrap());
            let place = Place::Network {
                title: title(r, asn_want),
            };
            assert_eq!(autnum_placement(Some(r), &place), Placement::Correct, "{r}");
        }
        // "remark" reads as remarks: for AWS as for Azure's and Oracle's reports.
        let remark = Place::Network {
            title: Some("remark".into()),
        };
        assert_eq!(
            placement(Some(Registry::Apnic), &remark),
            Placement::Correct
        );
        assert!(matches!(
            placement(Some(Registry::RipeNcc), &remark),
            Placement::Wrong(_)
        ));
        // A registry the table has no AWS row for: tolerated, never correct.
        assert!(matches!(
            placement(Some(Registry::Lacnic), &remark),
            Placement::Tolerated(m) if m.contains("not supported")
        ));
    }

    #[test]
    fn placement_follows_each_registry() {
        let net = |t: Option<&str>| Place::Network {
            title: t.map(str::to_string),
        };
        let org = Place::Entity {
            handle: Some("DP-41".into()),
            roles: vec!["registrant".into()],
        };
        assert_eq!(
            placement(Some(Registry::Arin), &net(Some("Registration Comments"))),
            Placement::Correct
        );
        assert!(
            matches!(placement(Some(Registry::Arin), &org), Placement::Wrong(m) if m.contains("Public Comments of the Network"))
        );
        assert_eq!(
            placement(Some(Registry::RipeNcc), &net(None)),
            Placement::Correct
        );
        assert!(
            matches!(placement(Some(Registry::RipeNcc), &net(Some("remarks"))), Placement::Wrong(m) if m.contains("descr:"))
        );
        assert_eq!(
            placement(Some(Registry::Apnic), &net(Some("remarks"))),
            Placement::Correct
        );
        assert!(matches!(
            placement(Some(Registry::Apnic), &net(Some("description"))),
            Placement::Tolerated(_)
        ));
    }
}
