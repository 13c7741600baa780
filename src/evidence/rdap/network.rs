//! The RDAP IP network object (RFC 9083 §5.4), read leniently.
//!
//! Real servers differ from the RFC in ways that matter here (the saved
//! answers of `testdata/rdap`): zero-padded IPv4 (`074.125.000.000`), a `/32` or `/128` suffix on
//! `startAddress`, upper-case uncompressed IPv6, a one-address range, lower-case `type`,
//! `description` as a string instead of a list, remarks with or without a title. Fields of
//! the wrong type are ignored rather than fatal: the record is evidence, not a contract.

use std::net::IpAddr;

use ipnet::{IpNet, Ipv4Subnets, Ipv6Subnets};
use serde::Serialize;
use serde_json::Value;

use crate::{error::Error, prefix::parse_addr};

/// A remark (RFC 9083 §4.3): an optional title and its lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Remark {
    /// `title`, when present.
    pub title: Option<String>,
    /// `description`, one element per line.
    pub lines: Vec<String>,
}

/// An entity (contact or organization) with its remarks, flattened from any depth.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Entity {
    /// `handle`, e.g. `DP-41` or `ORG-VSA1-AFRINIC`.
    pub handle: Option<String>,
    /// `roles`, e.g. `registrant`.
    pub roles: Vec<String>,
    /// The entity's remarks (ARIN shows an organization's Public Comments here).
    pub remarks: Vec<Remark>,
}

/// A link (RFC 8288 in RDAP, RFC 9083 §4.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Link {
    /// `rel`.
    pub rel: String,
    /// `href`.
    pub href: String,
}

/// The facts byoip needs from an IP network record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct IpNetwork {
    /// `handle`: `NET-192-198-0-0-1` (ARIN), `62.239.237.0 - 62.239.237.255` (RIPE), …
    pub handle: Option<String>,
    /// `name` (the netname).
    pub name: Option<String>,
    /// `type`: the RIR's allocation or assignment type (`DIRECT ALLOCATION`, `ASSIGNED PI`).
    pub kind: Option<String>,
    /// `country`.
    pub country: Option<String>,
    /// `parentHandle`.
    pub parent_handle: Option<String>,
    /// `port43`: the registry's whois server.
    pub port43: Option<String>,
    /// First address.
    pub start: Option<IpAddr>,
    /// Last address.
    pub end: Option<IpAddr>,
    /// The range as prefixes: `cidr0_cidrs` when given, else computed from start and end.
    pub cidrs: Vec<IpNet>,
    /// The record's own remarks.
    pub remarks: Vec<Remark>,
    /// Entities, depth-first.
    pub entities: Vec<Entity>,
    /// Links.
    pub links: Vec<Link>,
}

impl IpNetwork {
    /// Reads an RDAP response. An RDAP error object (`errorCode`) or a document that is
    /// not an IP network is an error naming what it is.
    pub fn from_json(bytes: &[u8], what: &str) -> Result<Self, Error> {
        let hint = "give the RDAP answer for the prefix (e.g. saved from https://rdap.arin.net/registry/ip/PREFIX)";
        let bad = |reason: String| Error::Document {
            kind: Some(crate::error::Document::Rdap),
            what: what.to_string(),
            reason,
            hint: hint.into(),
            remedies: Box::default(),
            source: None,
        };
        let doc = object(bytes, what, "ip network", hint)?;
        let Some(obj) = doc.as_object() else {
            return Err(bad("not a JSON object".into()));
        };
        let start = text(&doc, "startAddress").and_then(|s| lenient_addr(&s));
        let end = text(&doc, "endAddress").and_then(|s| lenient_addr(&s));
        if start.is_none() && obj.get("cidr0_cidrs").is_none() {
            return Err(bad(
                "it has no startAddress or cidr0_cidrs: not an IP network record".into(),
            ));
        }
        let mut cidrs: Vec<IpNet> = doc
            .get("cidr0_cidrs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| {
                let addr = text(c, "v4prefix")
                    .or_else(|| text(c, "v6prefix"))
                    .and_then(|s| lenient_addr(&s))?;
                let len = u8::try_from(c.get("length")?.as_u64()?).ok()?;
                IpNet::new(addr, len).ok().map(|n| n.trunc())
            })
            .collect();
        if cidrs.is_empty()
            && let (Some(s), Some(e)) = (start, end)
        {
            cidrs = range_to_cidrs(s, e);
        }
        let mut entities = Vec::new();
        collect_entities(doc.get("entities"), &mut entities, 0);
        Ok(IpNetwork {
            handle: text(&doc, "handle"),
            name: text(&doc, "name"),
            kind: text(&doc, "type"),
            country: text(&doc, "country"),
            parent_handle: text(&doc, "parentHandle"),
            port43: text(&doc, "port43"),
            start,
            end,
            cidrs,
            remarks: remarks(doc.get("remarks")),
            entities,
            links: links(doc.get("links")),
        })
    }

    /// The first and last address, from start/end or the prefixes.
    pub fn bounds(&self) -> Option<(IpAddr, IpAddr)> {
        match (self.start, self.end) {
            (Some(s), Some(e)) => Some((s, e)),
            _ => {
                let first = self.cidrs.iter().map(IpNet::network).min()?;
                let last = self.cidrs.iter().map(IpNet::broadcast).max()?;
                Some((first, last))
            }
        }
    }

    /// True when the record's range shares any address with `net`.
    pub fn overlaps(&self, net: IpNet) -> bool {
        self.bounds().is_some_and(|(s, e)| {
            s.is_ipv4() == net.network().is_ipv4() && s <= net.broadcast() && e >= net.network()
        })
    }

    /// True when the record's range includes all of `net`.
    pub fn covers(&self, net: IpNet) -> bool {
        self.bounds().is_some_and(|(s, e)| {
            s.is_ipv4() == net.network().is_ipv4() && s <= net.network() && e >= net.broadcast()
        })
    }

    /// The range for people: `192.198.0.0/22`, or `a - b` when it is not one prefix.
    pub fn range_text(&self) -> String {
        match (self.cidrs.as_slice(), self.bounds()) {
            ([one], _) => one.to_string(),
            (_, Some((s, e))) => format!("{s} - {e}"),
            _ => "an unknown range".into(),
        }
    }

    /// How to name this record: its handle and range.
    pub fn describe(&self) -> String {
        match &self.handle {
            Some(h) if *h != self.range_text() => format!("{h} ({})", self.range_text()),
            _ => self.range_text(),
        }
    }

    /// The `href` of the first link with relation `rel`.
    pub fn link(&self, rel: &str) -> Option<&str> {
        self.links
            .iter()
            .find(|l| l.rel.eq_ignore_ascii_case(rel))
            .map(|l| l.href.as_str())
    }

    /// The prefix to query for the parent record (RFC 9083 §5.4 `parentHandle`): that when it
    /// is a prefix or a range (RIPE, APNIC, AFRINIC), else the smallest prefix strictly
    /// larger than this record (ARIN's `NET-…` handles name no range). `None` at the top.
    pub fn parent_query(&self) -> Option<IpNet> {
        if let Some(net) = self.parent_handle.as_deref().and_then(handle_range) {
            return Some(net);
        }
        let (s, e) = self.bounds()?;
        let mut net = IpNet::new(s, if s.is_ipv4() { 32 } else { 128 }).ok()?;
        while net.network() > s || net.broadcast() < e {
            net = net.supernet()?.trunc();
        }
        net.supernet().map(|n| n.trunc())
    }
}

/// A handle that spells a range: `2001:0200::/23` or `210.0.0.0 - 210.255.255.255`.
fn handle_range(h: &str) -> Option<IpNet> {
    if let Some((a, b)) = h.split_once(" - ") {
        let (s, e) = (lenient_addr(a)?, lenient_addr(b)?);
        return match range_to_cidrs(s, e).as_slice() {
            [one] => Some(*one),
            _ => None,
        };
    }
    let (addr, len) = h.trim().split_once('/')?;
    IpNet::new(lenient_addr(addr)?, len.parse().ok()?)
        .ok()
        .map(|n| n.trunc())
}

/// An RDAP answer of class `class` as JSON: not JSON, not an object, an RDAP error object
/// (`errorCode`) or another class of object is an error naming what it is, with `hint`.
pub(crate) fn object(bytes: &[u8], what: &str, class: &str, hint: &str) -> Result<Value, Error> {
    let bad = |reason: String| Error::Document {
        kind: Some(crate::error::Document::Rdap),
        what: what.to_string(),
        reason,
        hint: hint.into(),
        remedies: Box::default(),
        source: None,
    };
    let doc: Value =
        serde_json::from_slice(bytes).map_err(|e| bad("not JSON".into()).with_source(e))?;
    if !doc.is_object() {
        return Err(bad("not a JSON object".into()));
    }
    if let Some(code) = doc.get("errorCode") {
        let title = text(&doc, "title").unwrap_or_default();
        let desc = lines(doc.get("description")).join(" ");
        return Err(bad(format!(
            "the server answered RDAP error {code} {title} {desc}"
        )
        .trim_end()
        .to_string()));
    }
    let found = text(&doc, "objectClassName");
    if found.as_deref().is_some_and(|c| c != class) {
        return Err(bad(format!(
            "it is an RDAP {:?} object, not an {class:?}",
            found.unwrap_or_default()
        )));
    }
    Ok(doc)
}

/// An address as registries write it: zero-padded IPv4, any-case IPv6, with or without a
/// `/len` suffix.
pub(crate) fn lenient_addr(s: &str) -> Option<IpAddr> {
    let bare = s.trim().split('/').next()?;
    parse_addr(bare)
}

/// The prefixes that exactly make up `start..=end`.
pub(crate) fn range_to_cidrs(start: IpAddr, end: IpAddr) -> Vec<IpNet> {
    match (start, end) {
        (IpAddr::V4(s), IpAddr::V4(e)) if s <= e => {
            Ipv4Subnets::new(s, e, 0).map(IpNet::V4).collect()
        }
        (IpAddr::V6(s), IpAddr::V6(e)) if s <= e => {
            Ipv6Subnets::new(s, e, 0).map(IpNet::V6).collect()
        }
        _ => Vec::new(),
    }
}

pub(crate) fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// `description` as RFC 9083 has it (a list of lines) or as some servers send it (a string).
pub(crate) fn lines(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => s.lines().map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

pub(crate) fn remarks(v: Option<&Value>) -> Vec<Remark> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|r| Remark {
            title: text(r, "title"),
            lines: lines(r.get("description")),
        })
        .filter(|r| !r.lines.is_empty())
        .collect()
}

pub(crate) fn links(v: Option<&Value>) -> Vec<Link> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|l| {
            Some(Link {
                rel: text(l, "rel")?,
                href: text(l, "href")?,
            })
        })
        .collect()
}

/// Entities nest (an organization's contacts); depth is bounded against hostile input.
pub(crate) fn collect_entities(v: Option<&Value>, out: &mut Vec<Entity>, depth: usize) {
    if depth > 8 {
        return;
    }
    for e in v.and_then(Value::as_array).into_iter().flatten() {
        out.push(Entity {
            handle: text(e, "handle"),
            roles: e
                .get("roles")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            remarks: remarks(e.get("remarks")),
        });
        collect_entities(e.get("entities"), out, depth + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str) -> IpNetwork {
        let path = format!("{}/testdata/rdap/{name}", env!("CARGO_MANIFEST_DIR"));
        IpNetwork::from_json(&std::fs::read(&path).unwrap(), name).unwrap()
    }

    fn net(s: &str) -> IpNet {
        s.parse().unwrap()
    }

    #[test]
    fn every_real_registry_quirk_parses() {
        // Zero-padded IPv4 (ARIN, older).
        let a = load("arin_74_125_225_229.json");
        assert_eq!(a.range_text(), "74.125.0.0/16");
        assert!(a.covers(net("74.125.225.0/24")));
        // Upper-case uncompressed IPv6 (ARIN, older).
        let a6 = load("arin_2001_4860_4860__8888.json");
        assert_eq!(a6.range_text(), "2001:4860::/32");
        // cidr0 and entity remarks (ARIN, current).
        let m = load("icann-rdap_arin_network_192_198_0_0.json");
        assert_eq!(m.cidrs, vec![net("192.198.0.0/22")]);
        assert_eq!(m.kind.as_deref(), Some("DIRECT ALLOCATION"));
        assert_eq!(
            m.entities[0].remarks[0].title.as_deref(),
            Some("Registration Comments")
        );
        // "/32" and "/128" suffixes on the addresses, an untitled remark (RIPE, older).
        let r = load("ripe_62_239_237_1.json");
        assert_eq!(r.range_text(), "62.239.237.0/24");
        assert_eq!(r.remarks[0].title, None);
        let r6 = load("ripe_2a00_2381_ffff__1.json");
        assert_eq!(r6.range_text(), "2a00:2381:ffff::/64");
        // Titled remarks and an "up" link (APNIC).
        let p = load("apnic_2001_240_10c_1__ca20_9d1d.json");
        assert_eq!(p.link("up"), Some("http://rdap.apnic.net/ip/2001:200::/23"));
        assert_eq!(p.remarks[1].title.as_deref(), Some("remarks"));
        // Start equals end (LACNIC).
        let l = load("lacnic_200_57_141_161.json");
        assert_eq!(l.range_text(), "200.57.141.161/32");
        assert_eq!(
            load("lacnic_2801_10_c000__.json").range_text(),
            "2801:10:c000::/128"
        );
        // A range that is not one prefix (AFRINIC).
        let f = load("afrinic_196_11_240_215.json");
        assert_eq!(f.range_text(), "196.11.239.0 - 196.11.246.255");
        assert!(f.covers(net("196.11.240.0/24")));
        assert!(!f.covers(net("196.11.238.0/24")));
    }

    #[test]
    fn description_as_a_string_is_read_as_lines() {
        let doc = br#"{"objectClassName":"ip network","startAddress":"192.0.2.0","endAddress":"192.0.2.255",
            "remarks":[{"title":"x","description":"line one\nline two"}]}"#;
        let n = IpNetwork::from_json(doc, "t").unwrap();
        assert_eq!(n.remarks[0].lines, vec!["line one", "line two"]);
    }

    #[test]
    fn errors_and_other_objects_are_named() {
        let e = IpNetwork::from_json(br#"{"errorCode":404,"title":"Not Found"}"#, "t").unwrap_err();
        assert!(e.to_string().contains("RDAP error 404 Not Found"), "{e}");
        let e = IpNetwork::from_json(br#"{"objectClassName":"autnum"}"#, "t").unwrap_err();
        assert!(e.to_string().contains("not an \"ip network\""), "{e}");
        assert!(IpNetwork::from_json(b"<html>", "t").is_err());
        assert!(IpNetwork::from_json(b"[1,2]", "t").is_err());
        assert!(IpNetwork::from_json(br#"{"handle":"x"}"#, "t").is_err());
    }

    #[test]
    fn the_parent_query_comes_from_the_handle_or_one_bit_up() {
        let p = load("apnic_2001_240_10c_1__ca20_9d1d.json");
        assert_eq!(p.parent_query(), Some(net("2001:200::/23")));
        let k = load("apnic_210_107_73_73.json");
        assert_eq!(k.parent_query(), Some(net("210.0.0.0/8")));
        // ARIN: NET-192-0-0-0-0 names no range, so ask for the /21 around the /22.
        let m = load("icann-rdap_arin_network_192_198_0_0.json");
        assert_eq!(m.parent_query(), Some(net("192.198.0.0/21")));
        // A range that is not a prefix: the smallest prefix strictly containing it.
        let f = load("afrinic_196_11_240_215.json");
        assert_eq!(f.parent_query(), Some(net("196.0.0.0/8")));
    }
}
