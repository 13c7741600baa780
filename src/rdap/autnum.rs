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
        let start = number("startAutnum");
        let end = number("endAutnum").or(start);
        if start.is_none() {
            return Err(Error::Document {
                what: format!("{what} (RDAP)"),
                reason: "it has no startAutnum: not an autnum record".into(),
                hint: hint.into(),
                source: None,
            });
        }
        let mut entities = Vec::new();
        collect_entities(doc.get("entities"), &mut entities, 0);
        Ok(Autnum {
            handle: text(&doc, "handle"),
            name: text(&doc, "name"),
            start,
            end,
            port43: text(&doc, "port43"),
            remarks: remarks(doc.get("remarks")),
            entities,
            links: links(doc.get("links")),
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
