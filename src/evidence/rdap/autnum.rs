//! The RDAP autnum object (RFC 9083 §5.5), where a BYOASN certificate is published.
//!
//! AWS's "Tutorial: Bring your ASN to IPAM"
//! (<https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoasn.html>) puts the
//! certificate in the ASN's own record: ARIN the ASN's Public Comments (the autnum
//! object's own remarks; not the organization's), RIPE NCC a new `descr:` of the `aut-num`
//! (RIPE's RDAP shows `descr:` as an untitled remark, as for inetnum; not `remarks:`),
//! APNIC `remarks:`. RFC 9082 §3.1.2 queries it at `{base}autnum/{n}`; RFC 9224 §5.3 finds
//! the base in IANA's `asn.json`. Read leniently, as [`super::network`] reads networks.

use serde::Serialize;
use serde_json::Value;

use super::network::{Entity, Link, Remark, collect_entities, links, object, remarks, text};
use crate::{asn::Asn, error::Error};

/// The facts byoip needs from an autnum record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Autnum {
    /// `handle`: `AS16509` (ARIN), `AS3333` (RIPE NCC).
    pub handle: Option<String>,
    /// `name`: the as-name.
    pub name: Option<String>,
    /// `startAutnum`.
    #[serde(serialize_with = "crate::asn::as_number::option")]
    pub start: Option<Asn>,
    /// `endAutnum` (the same as `start` for one ASN).
    #[serde(serialize_with = "crate::asn::as_number::option")]
    pub end: Option<Asn>,
    /// `port43`: the registry's whois server.
    pub port43: Option<String>,
    /// The record's own remarks (ARIN Public Comments; RIPE `descr:` untitled).
    pub remarks: Vec<Remark>,
    /// Entities, depth-first, with their remarks.
    pub entities: Vec<Entity>,
    /// Links.
    pub links: Vec<Link>,
}

impl Autnum {
    /// Reads an RDAP autnum answer. An RDAP error object or another kind of object is an
    /// error naming what it is.
    pub fn from_json(bytes: &[u8], what: &str) -> Result<Self, Error> {
        let hint = "give the RDAP answer for the ASN (e.g. saved from https://rdap.arin.net/registry/autnum/N)";
        let doc = object(bytes, what, "autnum", hint)?;
        let number = |k: &str| {
            doc.get(k)
                .and_then(|v| match v {
                    Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
                    Value::String(s) => s.trim().parse().ok(),
                    _ => None,
                })
                .map(Asn::new)
        };
        let handle = text(&doc, "handle");
        let links = links(doc.get("links"));
        // Older RIPE NCC and LACNIC answers leave out startAutnum and endAutnum (RFC 9083
        // §5.5 makes neither required) and name the ASN only in the handle and the self
        // link. Read from there only when the object says it is an autnum: a document
        // naming no class is not known to be one.
        let named = || asn_in_handle(handle.as_deref()).or_else(|| asn_in_self_link(&links));
        let is_autnum = text(&doc, "objectClassName").as_deref() == Some("autnum");
        let start = number("startAutnum").or_else(|| is_autnum.then(named).flatten());
        let end = number("endAutnum").or(start);
        if start.is_none() {
            return Err(Error::Document {
                kind: Some(crate::error::Document::Rdap),
                what: what.to_string(),
                reason: if is_autnum {
                    "an autnum object naming no AS number (no startAutnum, and neither its handle nor its self link names one)".into()
                } else {
                    "it has no startAutnum: not an autnum record".into()
                },
                hint: hint.into(),
                remedies: Box::default(),
                source: None,
            });
        }
        let mut entities = Vec::new();
        collect_entities(doc.get("entities"), &mut entities, 0);
        Ok(Autnum {
            handle,
            name: text(&doc, "name"),
            start,
            end,
            port43: text(&doc, "port43"),
            remarks: remarks(doc.get("remarks")),
            entities,
            links,
        })
    }

    /// True when the record's range holds `asn`.
    pub fn covers(&self, asn: Asn) -> bool {
        matches!((self.start, self.end), (Some(s), Some(e)) if (s..=e).contains(&asn))
    }

    /// The range for people: `AS64496`, or `AS64496-AS64511`.
    pub fn range_text(&self) -> String {
        match (self.start, self.end) {
            (Some(s), Some(e)) if s != e => format!("AS{s}-AS{e}"),
            (Some(s), _) => format!("AS{s}"),
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
}

/// The ASN a handle names: `AS3333` or `3333` (a range handle, `AS64496-AS64511`, names
/// no single one).
fn asn_in_handle(handle: Option<&str>) -> Option<Asn> {
    let h = handle?.trim();
    let digits = h
        .strip_prefix("AS")
        .or_else(|| h.strip_prefix("as"))
        .unwrap_or(h);
    digits.parse::<u32>().ok().map(Asn::new)
}

/// The ASN the `self` link names: `…/autnum/3333` (RFC 9082 §3.1.2).
fn asn_in_self_link(links: &[Link]) -> Option<Asn> {
    links
        .iter()
        .filter(|l| l.rel.eq_ignore_ascii_case("self"))
        .find_map(|l| {
            let path = l.href.split(['?', '#']).next()?;
            let (_, n) = path.trim_end_matches('/').rsplit_once("/autnum/")?;
            n.parse::<u32>().ok().map(Asn::new)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arin_and_ripe_shapes_parse() {
        let a = Autnum::from_json(
            br#"{"objectClassName":"autnum","handle":"AS16509","startAutnum":16509,"endAutnum":16509,
                "port43":"whois.arin.net","remarks":[{"title":"Registration Comments","description":["x"]}],
                "entities":[{"handle":"AT-88-Z","roles":["registrant"],"remarks":[{"title":"Registration Comments","description":["y"]}]}]}"#,
            "t",
        )
        .unwrap();
        assert!(a.covers(Asn::new(16509)) && !a.covers(Asn::new(16510)));
        assert_eq!(a.describe(), "AS16509");
        assert_eq!(a.entities[0].remarks[0].lines, ["y"]);
        let r = Autnum::from_json(
            br#"{"objectClassName":"autnum","handle":"AS3333","startAutnum":"3333","name":"RIPE-NCC-AS",
                "remarks":[{"description":["descr line"]}]}"#,
            "t",
        )
        .unwrap();
        assert_eq!(
            (r.start, r.end),
            (Some(Asn::new(3333)), Some(Asn::new(3333)))
        );
        // Typed as Asn, written as RDAP writes them: numbers.
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!((&json["start"], &json["end"]), (&3333.into(), &3333.into()));
        assert_eq!(r.remarks[0].title, None);
        let range = Autnum::from_json(
            br#"{"objectClassName":"autnum","handle":"AS64496-AS64511","startAutnum":64496,"endAutnum":64511}"#,
            "t",
        )
        .unwrap();
        assert!(range.covers(Asn::new(64500)));
        assert_eq!(range.describe(), "AS64496-AS64511");
    }

    #[test]
    fn an_autnum_without_start_autnum_is_read_from_its_handle_or_self_link() {
        // Older RIPE NCC and LACNIC answers: no startAutnum/endAutnum.
        let a = Autnum::from_json(
            br#"{"objectClassName":"autnum","handle":"AS3333","name":"RIPE-NCC-AS"}"#,
            "t",
        )
        .unwrap();
        assert_eq!(
            (a.start, a.end),
            (Some(Asn::new(3333)), Some(Asn::new(3333)))
        );
        assert!(a.covers(Asn::new(3333)) && !a.covers(Asn::new(3334)));
        // A handle that names no number: the self link does.
        let a = Autnum::from_json(
            br#"{"objectClassName":"autnum","handle":"EXAMPLE-AS","links":[
                {"rel":"related","href":"https://rdap.example/autnum/1"},
                {"rel":"self","href":"https://rdap.lacnic.net/rdap/autnum/28000/"}]}"#,
            "t",
        )
        .unwrap();
        assert_eq!(a.start, Some(Asn::new(28000)));
        assert_eq!(a.describe(), "EXAMPLE-AS (AS28000)");
        // startAutnum, where given, wins over the handle.
        let a = Autnum::from_json(
            br#"{"objectClassName":"autnum","handle":"AS1","startAutnum":64496,"endAutnum":64511}"#,
            "t",
        )
        .unwrap();
        assert_eq!(a.range_text(), "AS64496-AS64511");
        // An autnum naming no number anywhere is an error that says so.
        let e = Autnum::from_json(
            br#"{"objectClassName":"autnum","handle":"AS64496-AS64511"}"#,
            "t",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("naming no AS number"), "{e}");
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/testdata/rdap/synthetic/ripe-autnum-no-start.json"
        );
        let a = Autnum::from_json(&std::fs::read(path).unwrap(), "t").unwrap();
        assert_eq!(a.start, Some(Asn::new(201234)));
    }

    #[test]
    fn errors_and_other_objects_are_named() {
        let e = Autnum::from_json(br#"{"errorCode":404,"title":"Not Found"}"#, "t").unwrap_err();
        assert!(e.to_string().contains("RDAP error 404 Not Found"), "{e}");
        let e = Autnum::from_json(
            br#"{"objectClassName":"ip network","startAddress":"192.0.2.0"}"#,
            "t",
        )
        .unwrap_err();
        assert!(e.to_string().contains("not an \"autnum\""), "{e}");
        assert!(Autnum::from_json(b"<html>", "t").is_err());
        assert!(Autnum::from_json(br#"{"handle":"AS1"}"#, "t").is_err());
    }
}
