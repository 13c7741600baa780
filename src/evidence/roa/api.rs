//! ROA evidence from validators over HTTP (the ROA checks AWS suggests in "Prerequisites for
//! BYOIP in Amazon EC2").
//!
//! - Routinator: `GET {base}/api/v1/validity/AS<asn>/<prefix>` →
//!   `{"validated_route": {"validity": {"state", "VRPs": {"matched", "unmatched_as",
//!   "unmatched_length"}}}}` (also the list form `validated_routes`); `max_length` is a
//!   string there.
//! - RIPEstat: `GET {base}/data/rpki-validation/data.json?resource=AS<asn>&prefix=<p>` →
//!   `{"data": {"status": "valid|invalid_asn|invalid_length|unknown", "validating_roas":
//!   [{"origin", "prefix", "max_length", "validity"}]}}` — the call AWS's guide uses.
//!
//! Parsing is pure: [`Validator::url`] says what to fetch and [`Validator::parse`] reads
//! the answer, so a caller with its own HTTP (a browser, a service's client) judges it
//! without the `net` feature; with it, `check::online::Sources` asks the validator.

use serde_json::Value;

use super::{Origin, RoaState, Vrp};
use crate::{asn::Asn, error::Error, prefix::Prefix};

/// RIPEstat's public base URL.
pub const RIPESTAT_BASE: &str = "https://stat.ripe.net";

/// A validator byoip can ask.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Validator {
    /// A Routinator HTTP server at this base URL.
    Routinator(String),
    /// RIPEstat (or a compatible server) at this base URL.
    RipeStat(String),
}

impl Validator {
    /// The URL that answers for (`asn`, `prefix`).
    pub fn url(&self, asn: Asn, prefix: Prefix) -> String {
        match self {
            Validator::Routinator(base) => format!(
                "{}/api/v1/validity/AS{asn}/{prefix}",
                base.trim_end_matches('/')
            ),
            Validator::RipeStat(base) => format!(
                "{}/data/rpki-validation/data.json?resource=AS{asn}&prefix={prefix}&sourceapp=byoip",
                base.trim_end_matches('/')
            ),
        }
    }

    /// Reads this validator's answer for (`asn`, `prefix`).
    pub fn parse(
        &self,
        body: &[u8],
        asn: Asn,
        prefix: Prefix,
        source: &str,
    ) -> Result<Origin, Error> {
        let bad = |reason: String| Error::Document {
            kind: Some(crate::error::Document::Validator),
            what: source.to_string(),
            reason,
            hint:
                "check the validator's URL: it must point at a Routinator HTTP server or RIPEstat"
                    .into(),
            remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::Validator)]),
            source: None,
        };
        let doc: Value =
            serde_json::from_slice(body).map_err(|e| bad("not JSON".into()).with_source(e))?;
        let mut o = Origin::empty(asn, prefix, source);
        let mut named = Vec::new();
        // The validator's verdict; `None` where it gives none byoip can read (an invalid
        // route without its reason), which the VRPs it names then decide.
        let said = match self {
            Validator::Routinator(_) => {
                let route = doc
                    .get("validated_route")
                    .or_else(|| doc.get("validated_routes").and_then(|r| r.get(0)))
                    .ok_or_else(|| bad("no \"validated_route\" in the answer".into()))?;
                let validity = route
                    .get("validity")
                    .ok_or_else(|| bad("no \"validity\" in the answer".into()))?;
                let vrps = validity.get("VRPs");
                let list = |k: &str| -> Result<Vec<Vrp>, Error> {
                    vrps.and_then(|v| v.get(k))
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .map(|v| {
                            json_vrp(v, "asn")
                                .ok_or_else(|| bad(format!("a VRP in {k:?} is malformed: {v}")))
                        })
                        .collect()
                };
                named = [
                    list("matched")?,
                    list("unmatched_length")?,
                    list("unmatched_as")?,
                ]
                .concat();
                match validity.get("state").and_then(Value::as_str) {
                    Some("valid") => Some(RoaState::Valid),
                    Some("invalid") => match validity.get("reason").and_then(Value::as_str) {
                        Some("length") => Some(RoaState::InvalidLength),
                        Some("as") => Some(RoaState::InvalidAsn),
                        _ => None,
                    },
                    Some("not-found") => Some(RoaState::NotFound),
                    other => return Err(bad(format!("unknown validity state {other:?}"))),
                }
            }
            Validator::RipeStat(_) => {
                let data = doc
                    .get("data")
                    .ok_or_else(|| bad("no \"data\" in the answer".into()))?;
                for r in data
                    .get("validating_roas")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let v = json_vrp(r, "origin").ok_or_else(|| {
                        bad(format!("a ROA in \"validating_roas\" is malformed: {r}"))
                    })?;
                    named.push(v);
                }
                match data.get("status").and_then(Value::as_str) {
                    Some("valid") => Some(RoaState::Valid),
                    Some("invalid_asn") => Some(RoaState::InvalidAsn),
                    Some("invalid_length") => Some(RoaState::InvalidLength),
                    Some("invalid") => None,
                    Some("unknown") | Some("not-found") => Some(RoaState::NotFound),
                    other => return Err(bad(format!("unknown status {other:?}"))),
                }
            }
        };
        // The validator's lists are not taken on trust: a VRP authorizes the route only if
        // it names this ASN and covers this prefix with a long enough maxLength (RFC 6811
        // §2), which byoip judges from the VRPs themselves; one covering nothing asked is
        // dropped. An answer whose own VRPs contradict its verdict is no evidence.
        let judged = super::validate(&named, asn, prefix, source);
        o.state = said.unwrap_or(judged.state);
        if (o.state == RoaState::Valid) != (judged.state == RoaState::Valid) {
            let said = if o.state == RoaState::Valid {
                "valid"
            } else {
                "not valid"
            };
            let named = if judged.state == RoaState::Valid {
                "named a"
            } else {
                "named no"
            };
            return Err(Error::Document {
                kind: Some(crate::error::Document::Validator),
                what: source.to_string(),
                reason: format!(
                    "the validator said {said} but {named} VRP for AS{asn} covering {prefix} with a maxLength of at least {}",
                    prefix.prefix_len()
                ),
                hint: "the validator's answer contradicts itself: ask another validator, or judge a VRP export".into(),
                remedies: Box::default(),
                source: None,
            });
        }
        o.matched = judged.matched;
        o.too_short = judged.too_short;
        o.other_asn = judged.other_asn;
        Ok(o)
    }

    /// What to call it in reports.
    pub fn name(&self) -> &'static str {
        match self {
            Validator::Routinator(_) => "Routinator",
            Validator::RipeStat(_) => "RIPEstat",
        }
    }
}

/// A VRP object in a validator answer: `asn`/`origin` as `"AS1"`, `"1"` or `1`;
/// `max_length`/`maxLength` as a number or a string; read by the VRP files' constructor.
fn json_vrp(v: &Value, asn_key: &str) -> Option<Vrp> {
    let text = |x: &Value| match x {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    };
    let max = v.get("max_length").or_else(|| v.get("maxLength"));
    let max = match max {
        Some(m) => Some(text(m)?),
        None => None,
    };
    super::vrps::vrp(
        &text(v.get(asn_key)?)?,
        v.get("prefix")?.as_str()?,
        max.as_deref(),
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Prefix {
        s.parse().unwrap()
    }

    #[test]
    fn routinator_answers_are_read() {
        let aws = Asn::new(16509);
        let r = Validator::Routinator("http://127.0.0.1:8323/".into());
        assert_eq!(
            r.url(aws, p("192.0.2.0/24")),
            "http://127.0.0.1:8323/api/v1/validity/AS16509/192.0.2.0/24"
        );
        let body = br#"{"validated_route":{"route":{"origin_asn":"AS16509","prefix":"192.0.2.0/24"},
          "validity":{"state":"invalid","reason":"length","description":"x",
            "VRPs":{"matched":[],"unmatched_as":[{"asn":"AS64496","prefix":"192.0.2.0/24","max_length":"24"}],
                    "unmatched_length":[{"asn":"AS16509","prefix":"192.0.0.0/22","max_length":"22"}]}}}}"#;
        let o = r.parse(body, aws, p("192.0.2.0/24"), "t").unwrap();
        assert_eq!(o.state, RoaState::InvalidLength);
        assert_eq!(o.too_short[0].max_length, 22);
        assert_eq!(o.other_asn[0].asn, Asn::new(64496));
        let list = br#"{"validated_routes":[{"route":{},"validity":{"state":"valid",
            "VRPs":{"matched":[{"asn":"AS16509","prefix":"192.0.2.0/24","max_length":"24"}],"unmatched_as":[],"unmatched_length":[]}}}]}"#;
        assert_eq!(
            r.parse(list, aws, p("192.0.2.0/24"), "t").unwrap().state,
            RoaState::Valid
        );
        assert!(r.parse(b"{}", aws, p("192.0.2.0/24"), "t").is_err());
        assert!(r.parse(b"<html>", aws, p("192.0.2.0/24"), "t").is_err());
    }

    #[test]
    fn a_validators_vrps_are_judged_not_its_word() {
        let aws = Asn::new(16509);
        let route = p("192.198.0.0/24");
        let r = Validator::Routinator("http://v".into());
        // "valid", matched by a VRP for another ASN and prefix: a contradiction, no pass.
        let other = br#"{"validated_route":{"validity":{"state":"valid","VRPs":{"matched":[
            {"asn":"AS64511","prefix":"10.0.0.0/24","max_length":"24"}],"unmatched_as":[],"unmatched_length":[]}}}}"#;
        let e = r
            .parse(other, aws, route, "http://v/x")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("http://v/x (validator answer): the validator said valid but named no VRP for AS16509 covering 192.198.0.0/24"),
            "{e}"
        );
        // Right ASN and prefix, maxLength too short: as wrong.
        let short = br#"{"validated_route":{"validity":{"state":"valid","VRPs":{"matched":[
            {"asn":"AS16509","prefix":"192.198.0.0/22","max_length":"22"}]}}}}"#;
        assert!(r.parse(short, aws, route, "t").is_err());
        // A true match is kept; a VRP covering nothing asked is dropped.
        let good = br#"{"validated_route":{"validity":{"state":"valid","VRPs":{"matched":[
            {"asn":"AS16509","prefix":"192.198.0.0/22","max_length":"24"},
            {"asn":"AS16509","prefix":"10.0.0.0/8","max_length":"24"}]}}}}"#;
        let o = r.parse(good, aws, route, "t").unwrap();
        assert_eq!((o.state, o.matched.len()), (RoaState::Valid, 1));
        // RIPEstat alike: its per-ROA "valid" is not taken either.
        let s = Validator::RipeStat("http://v".into());
        let other = br#"{"data":{"status":"valid","validating_roas":[
            {"origin":"64511","prefix":"10.0.0.0/24","max_length":24,"validity":"valid"}]}}"#;
        assert!(s.parse(other, aws, route, "t").is_err());
        // And "not found" beside a VRP that authorizes the route contradicts itself too.
        let hidden = br#"{"data":{"status":"unknown","validating_roas":[
            {"origin":"16509","prefix":"192.198.0.0/24","max_length":24,"validity":"unknown"}]}}"#;
        let e = s.parse(hidden, aws, route, "t").unwrap_err().to_string();
        assert!(
            e.contains("said not valid but named a VRP for AS16509"),
            "{e}"
        );
    }

    #[test]
    fn ripestat_answers_are_read() {
        let aws2 = Asn::new(14618);
        let s = Validator::RipeStat(RIPESTAT_BASE.into());
        assert!(s.url(aws2, p("192.0.2.0/24")).starts_with(
            "https://stat.ripe.net/data/rpki-validation/data.json?resource=AS14618&prefix=192.0.2.0/24"
        ));
        let body = br#"{"status":"ok","data":{"status":"valid","validating_roas":[
            {"origin":"14618","prefix":"192.0.0.0/16","max_length":24,"validity":"valid"},
            {"origin":"64496","prefix":"192.0.2.0/24","max_length":24,"validity":"invalid_asn"}]}}"#;
        let o = s.parse(body, aws2, p("192.0.2.0/24"), "t").unwrap();
        assert_eq!(o.state, RoaState::Valid);
        assert_eq!(o.matched.len(), 1);
        assert_eq!(o.other_asn.len(), 1);
        let unknown = br#"{"data":{"status":"unknown","validating_roas":[]}}"#;
        assert_eq!(
            s.parse(unknown, aws2, p("192.0.2.0/24"), "t")
                .unwrap()
                .state,
            RoaState::NotFound
        );
    }
}
