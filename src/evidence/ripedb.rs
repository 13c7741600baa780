//! An address range's object in the RIPE Database, as its REST API returns it, so that the
//! `remarks:` lines RIPE's RDAP service leaves out can be read (Microsoft Azure wants its
//! certificate in `remarks:`, AWS and Oracle in `descr:`).
//!
//! Source: RIPE Database documentation, "RESTful API Queries"
//! (<https://docs.db.ripe.net/How-to-Query-the-RIPE-Database/RESTful-API-Queries/>): the
//! lookup `GET https://rest.db.ripe.net/{source}/{objectType}/{key}` returns exactly the
//! object whose primary key is `key` (an `inetnum` is keyed by its range
//! `193.0.0.0 - 193.0.7.255`, an `inet6num` by its prefix), never the encompassing one;
//! `Accept: application/json` asks for JSON (byoip sends the header rather than the
//! `.json` extension, which would run into an IPv6 key's `/48`). The answer is
//! `{"objects": {"object": [{"type", "primary-key", "attributes": {"attribute": [{"name",
//! "value"}, …]}}]}}`; an error is `{"errormessages": {"errormessage": [{"severity",
//! "text"}]}}`. `?unfiltered` is not asked: it only restores `notify:` and `e-mail:`, which
//! byoip does not read, and the documentation now requires a maintainer's password for it.
//! Port 43 whois is never used.

use serde::Serialize;
use serde_json::Value;

use crate::{error::Error, rdap::Remark};

/// The RIPE Database REST API's public base URL.
pub const RIPE_DB_BASE: &str = "https://rest.db.ripe.net/";

/// Largest RIPE Database answer read (the client's cap; a program reading a saved one
/// can apply the same): one object is a few KiB.
pub const MAX_RIPE_DB_BYTES: u64 = 1024 * 1024;

/// One attribute of an object (`descr: …` is `{name: "descr", value: "…"}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Attribute {
    /// The attribute's name, lower case (`descr`, `remarks`, `netname`).
    pub name: String,
    /// Its value, as stored.
    pub value: String,
}

/// An `inetnum` or `inet6num` object with all its attributes, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RipeObject {
    /// `inetnum` or `inet6num`.
    pub kind: String,
    /// The primary key: `193.0.0.0 - 193.0.7.255` or `2001:db8::/32`.
    pub key: String,
    /// Every attribute, in the object's order.
    pub attributes: Vec<Attribute>,
}

impl RipeObject {
    /// The first and last address of the object's primary key (`A - B`, or an IPv6
    /// prefix); `None` when the key is neither.
    pub fn bounds(&self) -> Option<(std::net::IpAddr, std::net::IpAddr)> {
        let key = self.key.trim();
        if let Some((a, b)) = key.split_once('-') {
            return Some((a.trim().parse().ok()?, b.trim().parse().ok()?));
        }
        let net: ipnet::IpNet = key.parse().ok()?;
        Some((net.network(), net.broadcast()))
    }

    /// True when the object's range includes all of `net`: a saved object for another
    /// range says nothing about this one.
    pub fn covers(&self, net: ipnet::IpNet) -> bool {
        self.bounds().is_some_and(|(s, e)| {
            s.is_ipv4() == net.network().is_ipv4() && s <= net.network() && e >= net.broadcast()
        })
    }

    /// Reads a REST API answer (JSON) holding one `inetnum` or `inet6num`. An error
    /// answer, another kind of object or a document of another shape is an error naming
    /// what it is.
    pub fn from_json(bytes: &[u8], what: &str) -> Result<Self, Error> {
        let bad = |reason: String| {
            Error::Document {
            kind: Some(crate::error::Document::RipeDb),
            what: what.to_string(),
            reason,
            hint: "give the RIPE Database REST answer for the range (curl -H 'Accept: application/json' https://rest.db.ripe.net/ripe/inetnum/FIRST%20-%20LAST)".into(),
            remedies: Box::default(),
            source: None,
        }
        };
        let doc: Value =
            serde_json::from_slice(bytes).map_err(|e| bad("not JSON".into()).with_source(e))?;
        // Older answers wrap everything in "whois-resources".
        let doc = doc.get("whois-resources").unwrap_or(&doc);
        if let Some(msgs) = doc.pointer("/errormessages/errormessage")
            && doc.pointer("/objects/object").is_none()
        {
            let text: Vec<String> = msgs
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|m| m.get("text").and_then(Value::as_str))
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            return Err(bad(format!(
                "the database answered with an error: {}",
                text.join("; ")
            )));
        }
        let Some(objects) = doc.pointer("/objects/object").and_then(Value::as_array) else {
            return Err(bad(
                "it has no objects.object list: not a RIPE Database REST answer".into(),
            ));
        };
        let Some(obj) = objects.iter().find(|o| {
            matches!(
                o.get("type").and_then(Value::as_str),
                Some("inetnum" | "inet6num")
            )
        }) else {
            let kinds: Vec<&str> = objects
                .iter()
                .filter_map(|o| o.get("type").and_then(Value::as_str))
                .collect();
            return Err(bad(format!(
                "it holds no inetnum or inet6num object (found: {})",
                if kinds.is_empty() {
                    "nothing".to_string()
                } else {
                    kinds.join(", ")
                }
            )));
        };
        let kind = obj
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let attributes: Vec<Attribute> = obj
            .pointer("/attributes/attribute")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|a| {
                Some(Attribute {
                    name: a.get("name")?.as_str()?.trim().to_ascii_lowercase(),
                    value: a.get("value")?.as_str()?.to_string(),
                })
            })
            .collect();
        let key = obj
            .pointer("/primary-key/attribute/0/value")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| {
                attributes
                    .iter()
                    .find(|a| a.name == kind)
                    .map(|a| a.value.clone())
            })
            .ok_or_else(|| bad(format!("the {kind} object has no primary key")))?;
        Ok(RipeObject {
            kind,
            key: key.trim().to_string(),
            attributes,
        })
    }

    /// The values of every attribute called `name`, in order.
    pub fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.attributes
            .iter()
            .filter(move |a| a.name == name)
            .map(|a| a.value.as_str())
    }

    /// The object's `descr:` and `remarks:` lines as remarks titled `descr` and
    /// `remarks`, one remark per run of consecutive lines of the same attribute (as a
    /// registry's RDAP service groups them), so certificates split over lines are found.
    pub fn remarks(&self) -> Vec<Remark> {
        let mut out: Vec<Remark> = Vec::new();
        let mut last: Option<&str> = None;
        for a in &self.attributes {
            let name = a.name.as_str();
            if name != "descr" && name != "remarks" {
                last = None;
                continue;
            }
            match out.last_mut() {
                Some(r) if last == Some(name) => r.lines.push(a.value.clone()),
                _ => out.push(Remark {
                    title: Some(name.to_string()),
                    lines: vec![a.value.clone()],
                }),
            }
            last = Some(name);
        }
        out
    }
}

/// The member of a saved answer that says it is byoip's wrapper (as `rdap fetch` saves).
const WRAPPER: &str = "byoip_saved";

/// What `byoip ripedb fetch` saves: the REST API's `answer`, byte for byte, in a wrapper
/// recording when and from where it was fetched, since a file's modification time does not
/// survive a `git clone`:
/// `{"byoip_saved": {"fetched": "2026-11-01T09:30:00Z", "url": "…"}, "answer": {…}}`.
/// [`open`] reads it back, and the REST answer alone as `curl` saves it.
pub fn save(answer: &[u8], fetched: chrono::DateTime<chrono::Utc>, url: &str) -> Vec<u8> {
    let meta = serde_json::json!({
        "fetched": fetched.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "url": url,
    });
    let mut out = format!("{{\n  \"{WRAPPER}\": {meta},\n  \"answer\": ").into_bytes();
    out.extend_from_slice(answer.trim_ascii());
    out.extend_from_slice(b"\n}\n");
    out
}

/// A saved answer: what [`save`] writes (the object and when it was fetched), or the REST
/// answer alone (no fetch time). `what` names it in errors.
///
/// ```
/// use byoip::ripedb;
///
/// let answer = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/ripedb/inetnum-remarks.json")).unwrap();
/// let at = "2026-12-01T12:00:00Z".parse().unwrap();
/// let saved = ripedb::save(&answer, at, "https://rest.db.ripe.net/ripe/inetnum/x");
/// let (object, fetched) = ripedb::open(&saved, "saved.json")?;
/// assert_eq!(fetched.map(|f| f.at), Some(at));
/// assert_eq!(ripedb::open(&answer, "curl.json")?, (object, None));
/// # Ok::<(), byoip::Error>(())
/// ```
pub fn open(
    bytes: &[u8],
    what: &str,
) -> Result<(RipeObject, Option<crate::rdap::saved::Fetched>), Error> {
    let doc: Option<Value> = serde_json::from_slice(bytes).ok();
    let Some(meta) = doc.as_ref().and_then(|d| d.get(WRAPPER)) else {
        return Ok((RipeObject::from_json(bytes, what)?, None));
    };
    let bad = |reason: String| Error::Document {
        kind: Some(crate::error::Document::SavedRipeDb),
        what: what.to_string(),
        reason,
        hint: "fetch the RIPE Database object again and save it".into(),
        remedies: Box::default(),
        source: None,
    };
    let at = meta
        .get("fetched")
        .and_then(Value::as_str)
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .ok_or_else(|| bad("its \"fetched\" is not an RFC 3339 time".into()))?
        .with_timezone(&chrono::Utc);
    let answer = doc
        .as_ref()
        .and_then(|d| d.get("answer"))
        .ok_or_else(|| bad("it holds no \"answer\"".into()))?;
    let url = meta.get("url").and_then(Value::as_str).unwrap_or_default();
    let object = RipeObject::from_json(answer.to_string().as_bytes(), what)?;
    Ok((object, Some(crate::rdap::saved::Fetched::new(at, url))))
}

/// The lookup URL for the object of `kind` (`inetnum`, `inet6num`) keyed `key` under
/// `base` (a REST API base such as [`RIPE_DB_BASE`]): spaces and other characters a path
/// cannot hold are percent-encoded.
pub fn lookup_url(base: &str, kind: &str, key: &str) -> String {
    let base = if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    };
    let mut enc = String::new();
    for b in key.trim().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b':' | b'/' | b'-' | b'_' => {
                enc.push(char::from(b))
            }
            _ => enc.push_str(&format!("%{b:02X}")),
        }
    }
    format!("{base}ripe/{kind}/{enc}")
}

/// The lookup key and object type for the RIPE object an RDAP record describes: RIPE's
/// RDAP handle is the object's primary key (`62.239.237.0 - 62.239.237.255`, or an IPv6
/// prefix). `None` when the record has no handle of that form.
pub fn key_of(net: &crate::rdap::IpNetwork) -> Option<(&'static str, String)> {
    let handle = net.handle.as_deref()?.trim();
    if handle.contains(" - ") && handle.contains('.') {
        Some(("inetnum", handle.to_string()))
    } else if handle.contains(':') && handle.contains('/') {
        Some(("inet6num", handle.to_string()))
    } else {
        None
    }
}

#[cfg(feature = "net")]
pub use crate::net::fetch::{fetch, fetch_answer};

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str) -> RipeObject {
        let path = format!("{}/testdata/ripedb/{name}", env!("CARGO_MANIFEST_DIR"));
        RipeObject::from_json(&std::fs::read(&path).unwrap(), name).unwrap()
    }

    #[test]
    fn an_inetnum_reads_with_every_attribute_in_order() {
        let o = load("inetnum-remarks.json");
        assert_eq!(o.kind, "inetnum");
        assert_eq!(o.key, "62.239.237.0 - 62.239.237.255");
        assert_eq!(o.values("netname").collect::<Vec<_>>(), ["EXAMPLE-NET"]);
        let remarks = o.remarks();
        assert_eq!(remarks[0].title.as_deref(), Some("descr"));
        assert!(remarks.iter().any(|r| r.title.as_deref() == Some("remarks")
            && r.lines.iter().any(|l| l.contains("BEGIN CERTIFICATE"))));
    }

    #[test]
    fn consecutive_lines_of_one_attribute_make_one_remark() {
        let o = RipeObject {
            kind: "inetnum".into(),
            key: "k".into(),
            attributes: [
                ("descr", "a"),
                ("descr", "b"),
                ("remarks", "c"),
                ("country", "NL"),
                ("remarks", "d"),
                ("remarks", "e"),
            ]
            .iter()
            .map(|(n, v)| Attribute {
                name: (*n).into(),
                value: (*v).into(),
            })
            .collect(),
        };
        let r = o.remarks();
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].lines, ["a", "b"]);
        assert_eq!(r[1].lines, ["c"]);
        assert_eq!(r[2].lines, ["d", "e"]);
    }

    #[test]
    fn errors_and_other_documents_are_named() {
        let e = RipeObject::from_json(
            br#"{"errormessages":{"errormessage":[{"severity":"Error","text":"ERROR:101: no entries found\n\nNo entries found in source %s."}]}}"#,
            "t",
        )
        .unwrap_err();
        assert!(e.to_string().contains("ERROR:101: no entries found"), "{e}");
        let e = RipeObject::from_json(
            br#"{"objects":{"object":[{"type":"route","attributes":{"attribute":[]}}]}}"#,
            "t",
        )
        .unwrap_err();
        assert!(e.to_string().contains("found: route"), "{e}");
        assert!(RipeObject::from_json(b"<html>", "t").is_err());
        assert!(RipeObject::from_json(br#"{"objectClassName":"ip network"}"#, "t").is_err());
    }

    #[test]
    fn lookup_urls_encode_the_key() {
        assert_eq!(
            lookup_url(
                "https://rest.db.ripe.net",
                "inetnum",
                "193.0.0.0 - 193.0.7.255"
            ),
            "https://rest.db.ripe.net/ripe/inetnum/193.0.0.0%20-%20193.0.7.255"
        );
        assert_eq!(
            lookup_url(RIPE_DB_BASE, "inet6num", "2001:db8::/32"),
            "https://rest.db.ripe.net/ripe/inet6num/2001:db8::/32"
        );
    }

    #[test]
    fn the_key_comes_from_ripes_rdap_handle() {
        let read = |name: &str| {
            let path = format!("{}/testdata/rdap/{name}", env!("CARGO_MANIFEST_DIR"));
            crate::rdap::IpNetwork::from_json(&std::fs::read(&path).unwrap(), name).unwrap()
        };
        assert_eq!(
            key_of(&read("ripe_62_239_237_1.json")),
            Some(("inetnum", "62.239.237.0 - 62.239.237.255".to_string()))
        );
        assert_eq!(
            key_of(&read("ripe_2a00_2381_ffff__1.json")),
            Some(("inet6num", "2a00:2381:ffff::/64".to_string()))
        );
        assert_eq!(key_of(&read("arin_74_125_225_229.json")), None);
    }
}
