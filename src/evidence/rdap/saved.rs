//! The saved form of a lookup: what a fetch saves and an offline check reads back (the
//! CLI's `rdap fetch` and `--rdap-file`, a manifest's `rdap_file`), so that an offline
//! check judges exactly what an online one would.
//!
//! `byoip rdap fetch` saves a small wrapper around the registry's answers, recording when
//! they were fetched and from where, because a file's modification time does not survive
//! a `git clone` and a committed answer would otherwise never look old:
//!
//! ```json
//! {
//!   "byoip_saved": {"fetched": "2026-11-01T09:30:00Z", "url": "https://rdap.arin.net/registry/ip/192.0.2.0/24"},
//!   "answers": [ {…the record, byte for byte as the registry sent it…}, {…its parents, nearest first…} ]
//! }
//! ```
//!
//! Each answer in `answers` is the registry's RFC 9083 JSON as received. Older forms are
//! still read: the registry's answer itself (as `curl` saves it), and a JSON array of the
//! answers (the record, then its ancestors, nearest first), neither of which says when it
//! was fetched.

use std::sync::Arc;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;

use super::{AutnumRecord, Record, Source, network::IpNetwork};
use crate::error::Error;

/// The member of a saved file that says it is byoip's wrapper and holds [`Fetched`].
const WRAPPER: &str = "byoip_saved";

/// When and from where a saved answer was fetched, as `byoip rdap fetch` records it in
/// the file. A check reads the answer's age from it rather than from the file's
/// modification time, which a copy or a clone resets.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Fetched {
    /// When the registry answered (the fetching run's clock).
    pub at: DateTime<Utc>,
    /// The URL that answered for the record (the first answer).
    pub url: String,
}

impl Fetched {
    /// Fetched at `at` from `url`.
    pub fn new(at: DateTime<Utc>, url: impl Into<String>) -> Self {
        Fetched {
            at,
            url: url.into(),
        }
    }
}

/// The bytes to save for `record` and the `ancestors` fetched with it, `fetched` as
/// recorded: byoip's wrapper, each answer inside it byte for byte.
pub fn save(record: &Record, ancestors: &[Arc<Record>], fetched: &Fetched) -> Vec<u8> {
    let bodies: Vec<&[u8]> = std::iter::once(record)
        .chain(ancestors.iter().map(|a| a.as_ref()))
        .map(|r| r.body.as_slice())
        .collect();
    wrap(&bodies, fetched)
}

/// The bytes to save for an ASN's autnum `record`, `fetched` as recorded (the wrapper of
/// [`save`], with one answer).
pub fn save_autnum(record: &AutnumRecord, fetched: &Fetched) -> Vec<u8> {
    wrap(&[record.body.as_slice()], fetched)
}

/// The wrapper around `bodies`, written by hand so that each answer stays the registry's
/// bytes (every body was read as JSON, so the whole is JSON).
fn wrap(bodies: &[&[u8]], fetched: &Fetched) -> Vec<u8> {
    let meta = serde_json::json!({
        "fetched": fetched.at.to_rfc3339_opts(SecondsFormat::Secs, true),
        "url": fetched.url,
    });
    let mut out = format!("{{\n  \"{WRAPPER}\": {meta},\n  \"answers\": [\n").into_bytes();
    for (i, body) in bodies.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(body.trim_ascii());
    }
    out.extend_from_slice(b"\n  ]\n}\n");
    out
}

/// A saved file opened: when it was fetched (only byoip's wrapper says) and its answers'
/// bytes, the record first.
pub(crate) struct Opened {
    pub(crate) fetched: Option<Fetched>,
    pub(crate) answers: Vec<Vec<u8>>,
    /// Whether the answers came from a list (wrapper or array): errors then name the
    /// answer's index.
    pub(crate) listed: bool,
}

/// Opens any saved form: byoip's wrapper, a JSON array of answers, or one answer (anything
/// else, JSON or not, is handed back whole for the record's reader to name what is wrong).
pub(crate) fn open(bytes: &[u8], what: &str) -> Result<Opened, Error> {
    let bad = |reason: String| {
        Error::Document {
        kind: Some(crate::error::Document::SavedRdap),
        what: what.to_string(),
        reason,
        hint: "save the lookup again, or give the registry's RDAP answer as received (as curl saves it)".into(),
        remedies: Box::default(),
        source: None,
    }
    };
    let (fetched, list) = match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Array(items)) => (None, items),
        Ok(Value::Object(mut doc)) if doc.contains_key(WRAPPER) => {
            let meta = doc.remove(WRAPPER).unwrap_or_default();
            let at = meta
                .get("fetched")
                .and_then(Value::as_str)
                .ok_or_else(|| bad(format!("\"{WRAPPER}\" has no \"fetched\" time")))?;
            let at = DateTime::parse_from_rfc3339(at)
                .map_err(|e| {
                    bad(format!(
                        "\"{WRAPPER}\".\"fetched\" is not an RFC 3339 time ({at:?}: {e})"
                    ))
                })?
                .with_timezone(&Utc);
            let url = meta.get("url").and_then(Value::as_str).unwrap_or_default();
            let Some(Value::Array(items)) = doc.remove("answers") else {
                return Err(bad(format!("\"{WRAPPER}\" without an \"answers\" list")));
            };
            (Some(Fetched::new(at, url)), items)
        }
        _ => {
            return Ok(Opened {
                fetched: None,
                answers: vec![bytes.to_vec()],
                listed: false,
            });
        }
    };
    if list.is_empty() {
        return Err(Error::Document {
            kind: Some(crate::error::Document::Rdap),
            what: what.to_string(),
            reason: "an empty list: no record in it".into(),
            hint: "give the RDAP answer for the prefix, or a saved RDAP lookup".into(),
            remedies: Box::default(),
            source: None,
        });
    }
    Ok(Opened {
        fetched,
        answers: list
            .iter()
            .map(|v| serde_json::to_vec(v).unwrap_or_default())
            .collect(),
        listed: true,
    })
}

/// Reads a saved answer: one RDAP IP network record, or a list of them (the record,
/// then its ancestors), in any saved form. Each comes back with its own bytes.
pub fn load(bytes: &[u8], what: &str) -> Result<Vec<(IpNetwork, Vec<u8>)>, Error> {
    Ok(networks(bytes, what)?.1)
}

/// Saved IP network answers, each with its bytes.
type Networks = Vec<(IpNetwork, Vec<u8>)>;

/// The answers of [`load`], and when they were fetched where the file says.
fn networks(bytes: &[u8], what: &str) -> Result<(Option<Fetched>, Networks), Error> {
    let opened = open(bytes, what)?;
    let listed = opened.listed;
    let list = opened
        .answers
        .into_iter()
        .enumerate()
        .map(|(i, body)| {
            let name = if listed {
                format!("{what} [{i}]")
            } else {
                what.to_string()
            };
            Ok((IpNetwork::from_json(&body, &name)?, body))
        })
        .collect::<Result<_, Error>>()?;
    Ok((opened.fetched, list))
}

/// Reads a saved answer (see [`load`]) as the records a check judges: the record, then its
/// ancestors, nearest first, each with the file `name` as its source and, when the file
/// records it ([`Fetched`]), when it was fetched.
pub fn records(bytes: &[u8], name: &str) -> Result<Vec<Arc<Record>>, Error> {
    let (fetched, list) = networks(bytes, name)?;
    Ok(list
        .into_iter()
        .map(|(network, body)| {
            Arc::new(Record {
                network,
                source: Source::File(name.to_string()),
                body,
                fetched: fetched.clone(),
                saved_at: None,
            })
        })
        .collect())
}

/// Reads a saved autnum answer (BYOASN) in any saved form: byoip's wrapper holding one
/// answer, or the registry's answer itself; `name` becomes its source.
pub(crate) fn autnum(bytes: &[u8], name: &str) -> Result<AutnumRecord, Error> {
    let opened = open(bytes, name)?;
    let [body] = opened.answers.as_slice() else {
        return Err(Error::Document {
            kind: Some(crate::error::Document::SavedRdap),
            what: name.to_string(),
            reason: format!(
                "{} answers where an ASN's saved answer holds one (its autnum record)",
                opened.answers.len()
            ),
            hint: "give the ASN's own autnum answer, saved alone".into(),
            remedies: Box::default(),
            source: None,
        });
    };
    Ok(AutnumRecord {
        autnum: super::Autnum::from_json(body, name)?,
        source: Source::File(name.to_string()),
        body: body.clone(),
        fetched: opened.fetched,
        saved_at: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(path: &str) -> Record {
        let body =
            std::fs::read(format!("{}/testdata/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        Record {
            network: IpNetwork::from_json(&body, path).unwrap(),
            source: crate::rdap::Source::Url(path.into()),
            body,
            fetched: None,
            saved_at: None,
        }
    }

    fn fetched() -> Fetched {
        Fetched::new(
            "2026-01-01T00:00:00Z".parse().unwrap(),
            "https://rdap.example/ip/192.198.0.0/24",
        )
    }

    #[test]
    fn a_fetch_is_saved_in_the_wrapper_with_each_answer_as_received() {
        let r = record("rdap/synthetic/arin-good.json");
        let saved = save(&r, &[], &fetched());
        let text = String::from_utf8(saved.clone()).unwrap();
        assert!(
            text.contains(std::str::from_utf8(r.body.trim_ascii()).unwrap()),
            "the answer byte for byte: {text}"
        );
        let doc: Value = serde_json::from_slice(&saved).unwrap();
        assert_eq!(doc["byoip_saved"]["fetched"], "2026-01-01T00:00:00Z");
        assert_eq!(
            doc["byoip_saved"]["url"],
            "https://rdap.example/ip/192.198.0.0/24"
        );
        let back = records(&saved, "t").unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].network, r.network);
        assert_eq!(back[0].fetched, Some(fetched()));
        let parent = Arc::new(record("rdap/arin_74_125_225_229.json"));
        let saved = save(&r, std::slice::from_ref(&parent), &fetched());
        let back = records(&saved, "t").unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(
            (&back[0].network, &back[1].network),
            (&r.network, &parent.network)
        );
        assert!(back.iter().all(|b| b.fetched == Some(fetched())));
    }

    #[test]
    fn the_older_forms_still_load_without_a_fetch_time() {
        let r = record("rdap/synthetic/arin-good.json");
        let back = records(&r.body, "t").unwrap();
        assert_eq!((back.len(), back[0].fetched.clone()), (1, None));
        assert_eq!(back[0].network, r.network);
        let parent = record("rdap/arin_74_125_225_229.json");
        let list = format!(
            "[{}, {}]",
            String::from_utf8_lossy(&r.body),
            String::from_utf8_lossy(&parent.body)
        );
        let back = records(list.as_bytes(), "t").unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[1].network, parent.network);
        assert!(back.iter().all(|b| b.fetched.is_none()));
    }

    #[test]
    fn a_broken_saved_file_is_an_error_naming_what_is_wrong() {
        let e = load(b"[]", "t").unwrap_err().to_string();
        assert!(e.contains("no record"), "{e}");
        let e = load(b"[{\"objectClassName\":\"autnum\"}]", "t")
            .unwrap_err()
            .to_string();
        assert!(e.contains("t [0]") && e.contains("autnum"), "{e}");
        assert!(
            load(b"<html>", "t")
                .unwrap_err()
                .to_string()
                .contains("not JSON")
        );
        let e = load(
            br#"{"byoip_saved":{"fetched":"yesterday","url":"u"},"answers":[]}"#,
            "t",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("not an RFC 3339 time"), "{e}");
        let e = load(br#"{"byoip_saved":{"url":"u"},"answers":[]}"#, "t")
            .unwrap_err()
            .to_string();
        assert!(e.contains("no \"fetched\" time"), "{e}");
        let e = load(
            br#"{"byoip_saved":{"fetched":"2026-01-01T00:00:00Z"}}"#,
            "t",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("without an \"answers\" list"), "{e}");
    }

    #[test]
    fn an_asn_answer_is_read_from_the_wrapper_or_as_received() {
        let body = std::fs::read(format!(
            "{}/testdata/rdap/synthetic/arin-autnum-good.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let plain = autnum(&body, "t").unwrap();
        assert_eq!(plain.fetched, None);
        let saved = save_autnum(&plain, &fetched());
        let back = autnum(&saved, "t").unwrap();
        assert_eq!(back.fetched, Some(fetched()));
        assert_eq!(back.autnum.describe(), plain.autnum.describe());
        let two = wrap(&[&body, &body], &fetched());
        let e = autnum(&two, "t").unwrap_err().to_string();
        assert!(e.contains("2 answers"), "{e}");
    }
}
