//! Who announces a prefix today, from RIPEstat's prefix-overview data call (RIPEstat Data
//! API, "Prefix Overview", <https://stat.ripe.net/docs/02.data-api/prefix-overview.html>):
//! `GET {base}/data/prefix-overview/data.json?resource=<prefix>` →
//! `{"data": {"announced": bool, "asns": [{"asn": 3333, "holder": "…"}], "resource",
//! "is_less_specific"}}`, the originating ASNs RIPE's route collectors (RIS) see.
//!
//! Why it matters: once a cloud's ROAs for the prefix exist, a route from an ASN no ROA
//! authorizes is RPKI-invalid (RFC 6811 §2), so the network announcing the prefix today
//! needs its own ROA first (AWS, "Prerequisites for BYOIP in Amazon EC2": "you must create
//! a ROA for your existing ASN before creating the ROAs for Amazon's ASNs").
//!
//! Parsing is pure ([`url`], [`parse`]); with the `net` feature `check::online::Sources`
//! asks RIPEstat.

use serde_json::Value;

use crate::{asn::Asn, error::Error, prefix::Prefix};

/// What RIPEstat says of a prefix's routes today.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Announcement {
    /// The prefix asked about.
    pub prefix: Prefix,
    /// The originating ASNs, with their holder's name where RIPEstat gives one; empty when
    /// the prefix is not announced.
    pub origins: Vec<(Asn, Option<String>)>,
    /// The route seen is a less specific prefix covering the one asked about
    /// (`is_less_specific`), named here.
    pub covering: Option<String>,
    /// Where the answer came from (the URL asked).
    pub source: String,
}

/// The prefix-overview URL for `prefix` at the RIPEstat base `base`.
pub fn url(base: &str, prefix: Prefix) -> String {
    format!(
        "{}/data/prefix-overview/data.json?resource={prefix}&sourceapp=byoip",
        base.trim_end_matches('/')
    )
}

/// Reads RIPEstat's prefix-overview answer for `prefix`; `source` names it in errors and
/// reports.
///
/// ```
/// use byoip::roa::announced;
///
/// let body = br#"{"status":"ok","data":{"announced":true,"asns":[{"asn":64496,"holder":"EXAMPLE-AS"}],"resource":"192.0.2.0/24"}}"#;
/// let a = announced::parse(body, "192.0.2.0/24".parse()?, "stat")?;
/// assert_eq!(a.origins[0].0, byoip::Asn::new(64496));
/// assert!(announced::parse(b"<html>", "192.0.2.0/24".parse()?, "stat").is_err());
/// # Ok::<(), byoip::Error>(())
/// ```
pub fn parse(body: &[u8], prefix: Prefix, source: &str) -> Result<Announcement, Error> {
    let bad = |reason: String| Error::Document {
        kind: Some(crate::error::Document::Ripestat),
        what: source.to_string(),
        reason,
        hint: "check the RIPEstat URL: it must point at RIPEstat's data API".into(),
        remedies: Box::default(),
        source: None,
    };
    let doc: Value =
        serde_json::from_slice(body).map_err(|e| bad("not JSON".into()).with_source(e))?;
    let data = doc
        .get("data")
        .filter(|d| d.is_object())
        .ok_or_else(|| bad("no \"data\" in the answer".into()))?;
    let announced = match data.get("announced") {
        Some(Value::Bool(b)) => *b,
        // The documentation words it "True"/"False".
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => true,
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => false,
        other => {
            return Err(bad(format!(
                "\"announced\" is not true or false: {other:?}"
            )));
        }
    };
    let mut origins = Vec::new();
    for a in data
        .get("asns")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let asn = match a.get("asn") {
            Some(Value::Number(n)) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
            Some(Value::String(s)) => super::vrps::asn(s),
            _ => None,
        }
        .ok_or_else(|| bad(format!("an entry of \"asns\" names no ASN: {a}")))?;
        let holder = a
            .get("holder")
            .and_then(Value::as_str)
            .filter(|h| !h.trim().is_empty())
            .map(|h| h.trim().to_string());
        if !origins.iter().any(|(x, _)| *x == Asn::new(asn)) {
            origins.push((Asn::new(asn), holder));
        }
    }
    if announced && origins.is_empty() {
        return Err(bad("announced, but \"asns\" names no origin".into()));
    }
    if !announced {
        origins.clear();
    }
    let covering = (data.get("is_less_specific") == Some(&Value::Bool(true)))
        .then(|| {
            data.get("resource")
                .and_then(Value::as_str)
                .unwrap_or("a less specific prefix")
                .to_string()
        })
        .filter(|_| announced);
    Ok(Announcement {
        prefix,
        origins,
        covering,
        source: source.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> Prefix {
        "193.0.0.0/21".parse().unwrap()
    }

    #[test]
    fn ripestats_answer_is_read_as_documented() {
        assert_eq!(
            url("https://stat.ripe.net/", p()),
            "https://stat.ripe.net/data/prefix-overview/data.json?resource=193.0.0.0/21&sourceapp=byoip"
        );
        let body = br#"{"status":"ok","data":{"is_less_specific":false,"announced":true,
            "asns":[{"asn":3333,"holder":"RIPE-NCC-AS - Reseaux IP Europeens Network Coordination Centre (RIPE NCC)"},
                    {"asn":"AS64496","holder":""}],
            "related_prefixes":[],"resource":"193.0.0.0/21","type":"prefix"}}"#;
        let a = parse(body, p(), "s").unwrap();
        assert_eq!(
            a.origins,
            [
                (
                    Asn::new(3333),
                    Some(
                        "RIPE-NCC-AS - Reseaux IP Europeens Network Coordination Centre (RIPE NCC)"
                            .into()
                    )
                ),
                (Asn::new(64496), None)
            ]
        );
        assert_eq!(a.covering, None);
        // Not announced: no origins, whatever else it lists.
        let none = br#"{"data":{"announced":false,"asns":[],"resource":"193.0.0.0/21"}}"#;
        assert!(parse(none, p(), "s").unwrap().origins.is_empty());
        // The route seen covers the prefix asked about.
        let less = br#"{"data":{"announced":true,"is_less_specific":true,"asns":[{"asn":3333}],"resource":"193.0.0.0/20"}}"#;
        assert_eq!(
            parse(less, p(), "s").unwrap().covering.as_deref(),
            Some("193.0.0.0/20")
        );
    }

    #[test]
    fn an_answer_that_is_not_ripestats_is_an_error() {
        for body in [
            &b"<html>"[..],
            br#"{"status":"ok"}"#,
            br#"{"data":{"asns":[]}}"#,
            br#"{"data":{"announced":true,"asns":[]}}"#,
            br#"{"data":{"announced":true,"asns":[{"holder":"x"}]}}"#,
            br#"{"data":{"announced":true,"asns":[{"asn":-1}]}}"#,
        ] {
            let e = parse(body, p(), "s").unwrap_err();
            assert!(
                e.to_string().contains("RIPEstat prefix-overview answer"),
                "{e}"
            );
        }
    }
}
