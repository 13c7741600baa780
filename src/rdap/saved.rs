//! The saved form of a lookup: what a fetch saves and an offline check reads back (the
//! CLI's `rdap fetch` and `--rdap-file`, a manifest's `rdap_file`), so that an offline
//! check judges exactly what an online one would.
//!
//! A lookup that needed only the record is saved as the registry's answer itself, byte
//! for byte (RFC 9083 JSON, as `curl` would save it). When the record holds no
//! certificate and its parents were fetched too, the file is a JSON array of the
//! answers: the record first, then its ancestors, nearest first.

use std::sync::Arc;

use serde_json::Value;

use super::{Record, Source, network::IpNetwork};
use crate::error::Error;

/// The bytes to save for `record` and the `ancestors` fetched with it.
pub fn save(record: &Record, ancestors: &[Arc<Record>]) -> Vec<u8> {
    if ancestors.is_empty() {
        return record.body.clone();
    }
    let answers: Vec<Value> = std::iter::once(record)
        .chain(ancestors.iter().map(|a| a.as_ref()))
        .map(|r| serde_json::from_slice(&r.body).unwrap_or(Value::Null))
        .collect();
    let mut out = serde_json::to_vec_pretty(&answers).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Reads a saved answer: one RDAP IP network record, or a list of them (the record,
/// then its ancestors). Each comes back with its own bytes.
pub fn load(bytes: &[u8], what: &str) -> Result<Vec<(IpNetwork, Vec<u8>)>, Error> {
    let list = match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Array(items)) => items,
        // Anything else (one record, or not JSON at all) is judged as one record, whose
        // reader names what is wrong with it.
        _ => return Ok(vec![(IpNetwork::from_json(bytes, what)?, bytes.to_vec())]),
    };
    if list.is_empty() {
        return Err(Error::Document {
            what: format!("{what} (RDAP)"),
            reason: "an empty list: no record in it".into(),
            hint: "give the RDAP answer for the prefix, or a saved RDAP lookup".into(),
            source: None,
        });
    }
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            let body = serde_json::to_vec(v).unwrap_or_default();
            let network = IpNetwork::from_json(&body, &format!("{what} [{i}]"))?;
            Ok((network, body))
        })
        .collect()
}

/// Reads a saved answer (see [`load`]) as the records a check judges: the record, then its
/// ancestors, nearest first, each with the file `name` as its source.
pub fn records(bytes: &[u8], name: &str) -> Result<Vec<Arc<Record>>, Error> {
    Ok(load(bytes, name)?
        .into_iter()
        .map(|(network, body)| {
            Arc::new(Record {
                network,
                source: Source::File(name.to_string()),
                body,
                saved_at: None,
            })
        })
        .collect())
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
            saved_at: None,
        }
    }

    #[test]
    fn a_lone_record_is_saved_as_received_and_a_walk_as_a_list() {
        let r = record("rdap/synthetic/arin-good.json");
        assert_eq!(save(&r, &[]), r.body);
        let back = load(&save(&r, &[]), "t").unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].0, r.network);
        let parent = Arc::new(record("rdap/arin_74_125_225_229.json"));
        let saved = save(&r, std::slice::from_ref(&parent));
        let back = load(&saved, "t").unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!((&back[0].0, &back[1].0), (&r.network, &parent.network));
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
    }
}
