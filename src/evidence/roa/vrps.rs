//! VRP exports, format detected from the content.
//!
//! - Routinator `csv`, `csvcompat` (quoted), `csvext` (URI and validity columns),
//!   `json`, `jsonext`, and `slurm` (RFC 8416 local assertions) — `testdata/vrp`.
//! - rpki-client CSV (`ASN,IP Prefix,Max Length,Trust Anchor,Expires`) and JSON, old
//!   (`"asn": "AS13335"`) and new (`"asn": 13335`, `"expires"`), and its default
//!   OpenBGPD `roa-set { … }` output.
//!
//! A malformed row is an error naming its line, never skipped: a dropped VRP would turn
//! into a wrong "no ROA" verdict.

use std::collections::HashMap;

use ipnet::IpNet;
use serde::Deserialize;

use super::{BuildTime, ExpirySpan, Origin, Vrp};
use crate::{asn::Asn, error::Error, prefix::Prefix};

/// A read VRP file ([`parse`]); new facts about a file may be added, so it is not built
/// outside the crate.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct VrpFile {
    /// The format detected, e.g. `Routinator/rpki-client JSON`.
    pub format: &'static str,
    /// Its VRPs, in file order.
    pub vrps: Vec<Vrp>,
    /// When each VRP's ROA expires (unix seconds), where the format says: rpki-client's
    /// `expires` (CSV, JSON, roa-set), Routinator's `csvext` `Not After` and `jsonext`
    /// `validity.notAfter`. The latest wins when a VRP comes from several ROAs.
    pub expires: HashMap<Vrp, i64>,
    /// What those expiries are the end of: the validation chain's earliest (rpki-client)
    /// or the ROA's own (Routinator's `csvext`); `None` when the file gives none.
    pub expiry_span: Option<ExpirySpan>,
    /// When the export was built (unix seconds), where its format says: rpki-client's
    /// `metadata.buildtime`, Routinator's `metadata.generated` (or `generatedTime`) in
    /// their JSON, and the fetch time a CSV saved by `byoip roa fetch` records
    /// ([`save_csv`]). `None` for the formats that do not say (CSV, roa-set, SLURM).
    pub built: Option<i64>,
}

impl VrpFile {
    /// [`super::validate`] over this file's VRPs, with the expiry of each VRP that matched
    /// or nearly matched, so an expired ROA is judged as the report judges it (it
    /// authorizes nothing). Use this rather than `validate` on [`VrpFile::vrps`], which
    /// cannot see expiries.
    pub fn validate(&self, asn: Asn, prefix: Prefix, source: &str) -> Origin {
        let mut o = super::validate(&self.vrps, asn, prefix, source);
        o.valid_until = self.latest_expiry(&o.matched);
        o.expiry_span = self.expiry_span;
        o.built = Some(self.built.map_or(BuildTime::Unknown, BuildTime::Known));
        o.expiries = o
            .matched
            .iter()
            .chain(&o.too_short)
            .filter_map(|x| self.expires.get(x).map(|t| (*x, *t)))
            .collect();
        o
    }

    /// The latest expiry among `vrps`, where the file gives one.
    pub(crate) fn latest_expiry<'a>(&self, vrps: impl IntoIterator<Item = &'a Vrp>) -> Option<i64> {
        vrps.into_iter()
            .filter_map(|v| self.expires.get(v).copied())
            .max()
    }
}

/// Records `when` for `vrp`, keeping the latest.
fn note_expiry(map: &mut HashMap<Vrp, i64>, vrp: Vrp, when: Option<i64>) {
    if let Some(t) = when {
        let e = map.entry(vrp).or_insert(t);
        *e = (*e).max(t);
    }
}

/// An expiry as the exporters write it: unix seconds, or an RFC 3339 time; `N/A` is none.
fn expiry(s: &str) -> Option<i64> {
    let t = s.trim().trim_matches('"');
    t.parse::<i64>().ok().or_else(|| {
        chrono::DateTime::parse_from_rfc3339(t)
            .ok()
            .map(|d| d.timestamp())
    })
}

/// Reads a VRP file in any supported format. `what` names it in errors.
pub fn parse(bytes: &[u8], what: &str) -> Result<VrpFile, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        bad(
            what,
            None,
            format!("not UTF-8 text (byte {})", e.valid_up_to()),
        )
        .with_source(e)
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let start = text.trim_start();
    if start.starts_with('{') {
        json(start, what)
    } else if start.contains("roa-set") {
        openbgpd(text, what)
    } else if start.is_empty() {
        Err(bad(what, None, "the file is empty".into()))
    } else {
        csv(text, what)
    }
}

fn bad(what: &str, line: Option<usize>, reason: String) -> Error {
    Error::Document {
        kind: Some(crate::error::Document::Vrps),
        what: match line {
            Some(n) => format!("{what} line {n}"),
            None => what.to_string(),
        },
        reason,
        hint: "give a VRP export: `routinator vrps --format csv|json|jsonext|slurm` or rpki-client's CSV, JSON or OpenBGPD output".into(),
        remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::Vrps)]),
        source: None,
    }
}

/// An AS number as VRP exports and validators write it: `AS64496`, `as64496` or `64496`.
pub(super) fn asn(s: &str) -> Option<u32> {
    let t = s.trim().trim_matches('"');
    let digits = t
        .strip_prefix("AS")
        .or_else(|| t.strip_prefix("as"))
        .unwrap_or(t);
    digits.parse().ok()
}

/// One VRP from its three fields as text (`AS64496` or `64496`; a prefix; a maxLength that
/// defaults to the prefix length and must fit it): the one constructor for every reader.
pub(super) fn vrp(asn_text: &str, prefix: &str, max_len: Option<&str>) -> Result<Vrp, String> {
    let asn = asn(asn_text).ok_or_else(|| format!("{asn_text:?} is not an AS number"))?;
    let p = prefix.trim().trim_matches('"');
    let net: IpNet = p
        .parse()
        .map_err(|_| format!("{p:?} is not an IP prefix"))?;
    match max_len.map(|m| m.trim().trim_matches('"')) {
        None | Some("") => Vrp::checked(Asn::new(asn), net, net.prefix_len()),
        Some(m) => m
            .parse::<u8>()
            .ok()
            .and_then(|m| Vrp::checked(Asn::new(asn), net, m)),
    }
    .ok_or_else(|| {
        format!(
            "max length {:?} does not fit {p}",
            max_len.unwrap_or_default().trim().trim_matches('"')
        )
    })
}

/// The first line of the CSV `byoip roa fetch` saves ([`save_csv`]).
const SAVED_BY: &str = "# byoip roa fetch:";
/// The comment line of a saved CSV that records when the validator was asked.
const FETCHED: &str = "# fetched:";

/// The VRP CSV `byoip roa fetch` saves: the Routinator/rpki-client CSV shape
/// (`ASN,IP Prefix,Max Length,Trust Anchor`; a validator's answer names no trust anchor,
/// so that field is empty, and no expiry, so there is no `Expires` column), after two
/// comment lines: what was asked of whom (`about`, on one line), and `# fetched: TIME`
/// (RFC 3339), which [`parse`] reads as the export's build time, so a file more than
/// [`super::MAX_EXPORT_AGE_DAYS`] days older than a report is not judged. `vrps` are
/// written sorted, each once.
///
/// ```
/// use byoip::{Asn, roa::{Vrp, vrps}};
///
/// let v = Vrp::new(Asn::new(16509), "192.0.2.0/24".parse().unwrap(), 24)?;
/// let at = "2026-12-01T12:00:00Z".parse().unwrap();
/// let text = vrps::save_csv(&[v], at, "the VRPs RIPEstat gave for AS16509 and 192.0.2.0/24");
/// let file = vrps::parse(text.as_bytes(), "saved.csv")?;
/// assert_eq!(file.vrps, [v]);
/// assert_eq!(file.built, Some(1_796_126_400));
/// # Ok::<(), byoip::Error>(())
/// ```
pub fn save_csv(vrps: &[Vrp], fetched: chrono::DateTime<chrono::Utc>, about: &str) -> String {
    let mut sorted: Vec<Vrp> = vrps.to_vec();
    sorted.sort_by_key(|v| (v.prefix.addr(), v.prefix.prefix_len(), v.asn, v.max_length));
    sorted.dedup();
    let about: String = about
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut out = format!(
        "{SAVED_BY} {about}\n{FETCHED} {}\nASN,IP Prefix,Max Length,Trust Anchor\n",
        fetched.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    for v in sorted {
        out += &format!("AS{},{},{},\n", v.asn, v.prefix, v.max_length);
    }
    out
}

fn csv(text: &str, what: &str) -> Result<VrpFile, Error> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .peekable();
    // Comment lines before the header: those of `byoip roa fetch` say when it asked.
    let mut saved = false;
    let mut built = None;
    while let Some((n, line)) = lines.next_if(|(_, l)| l.trim_start().starts_with('#')) {
        let line = line.trim();
        saved |= line.starts_with(SAVED_BY);
        if let Some(at) = line.strip_prefix(FETCHED) {
            let t = chrono::DateTime::parse_from_rfc3339(at.trim()).map_err(|e| {
                bad(what, Some(n + 1), format!("{at:?} is not an RFC 3339 time")).with_source(e)
            })?;
            built = Some(t.timestamp());
        }
    }
    let Some((hn, header)) = lines.next() else {
        return Err(bad(what, None, "the file is empty".into()));
    };
    let cols: Vec<String> = header
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    let find = |name: &str| cols.iter().position(|c| c == name);
    let (Some(a), Some(p)) = (find("asn"), find("ip prefix")) else {
        return Err(bad(
            what,
            Some(hn + 1),
            format!(
                "unknown format: the first line {:?} is not a VRP CSV header (ASN,IP Prefix,Max Length,…), and the file is not JSON, SLURM or an OpenBGPD roa-set",
                header.chars().take(80).collect::<String>()
            ),
        ));
    };
    let m = find("max length");
    let x = find("expires").or_else(|| find("not after"));
    // rpki-client's Expires is the chain's earliest end; Routinator's Not After the ROA's.
    let span = if find("expires").is_some() {
        Some(ExpirySpan::Chain)
    } else {
        x.map(|_| ExpirySpan::Roa)
    };
    let format = if saved {
        "byoip roa fetch CSV"
    } else if cols.first().is_some_and(|c| c == "uri") {
        "Routinator csvext"
    } else if header.trim_start().starts_with('"') {
        "Routinator csvcompat"
    } else if find("expires").is_some() {
        "rpki-client CSV"
    } else {
        "Routinator CSV"
    };
    let mut vrps = Vec::new();
    let mut expires = HashMap::new();
    for (n, line) in lines {
        let f: Vec<&str> = line.split(',').collect();
        let get = |i: usize| f.get(i).copied();
        let (Some(av), Some(pv)) = (get(a), get(p)) else {
            return Err(bad(
                what,
                Some(n + 1),
                format!("{} fields, the header has {}", f.len(), cols.len()),
            ));
        };
        let v = vrp(av, pv, m.and_then(get)).map_err(|r| bad(what, Some(n + 1), r))?;
        note_expiry(&mut expires, v, x.and_then(get).and_then(expiry));
        vrps.push(v);
    }
    Ok(VrpFile {
        format,
        vrps,
        expiry_span: span.filter(|_| !expires.is_empty()),
        expires,
        built,
    })
}

/// A number that some exporters write as a string.
#[derive(Deserialize)]
#[serde(untagged)]
enum NumOrText {
    Num(u64),
    Text(String),
}

impl NumOrText {
    fn text(&self) -> String {
        match self {
            NumOrText::Num(n) => n.to_string(),
            NumOrText::Text(s) => s.clone(),
        }
    }
}

#[derive(Deserialize)]
struct JsonRoa {
    asn: NumOrText,
    prefix: String,
    #[serde(rename = "maxLength", alias = "max_length", alias = "maxPrefixLength")]
    max_length: Option<NumOrText>,
    /// rpki-client: unix seconds.
    expires: Option<NumOrText>,
    /// Routinator jsonext: the ROAs behind the VRP, each with its `validity`.
    source: Option<Vec<serde_json::Value>>,
}

impl JsonRoa {
    /// rpki-client's `expires`, else the latest `notAfter` of Routinator's sources
    /// (the chain's validity when given, which is what ends the VRP), with what it is the
    /// end of.
    fn expiry(&self) -> Option<(i64, ExpirySpan)> {
        if let Some(e) = &self.expires {
            return expiry(&e.text()).map(|t| (t, ExpirySpan::Chain));
        }
        self.source
            .iter()
            .flatten()
            .filter_map(|s| {
                let (at, span) = match s.pointer("/chainValidity/notAfter") {
                    Some(at) => (at, ExpirySpan::Chain),
                    None => (s.pointer("/validity/notAfter")?, ExpirySpan::Roa),
                };
                at.as_str().and_then(expiry).map(|t| (t, span))
            })
            .max_by_key(|(t, _)| *t)
    }
}

#[derive(Deserialize)]
struct Slurm {
    #[serde(rename = "prefixAssertions", default)]
    prefix_assertions: Vec<JsonRoa>,
}

#[derive(Deserialize)]
struct JsonDoc {
    metadata: Option<serde_json::Value>,
    roas: Option<Vec<JsonRoa>>,
    #[serde(rename = "locallyAddedAssertions")]
    slurm: Option<Slurm>,
    routes: Option<serde::de::IgnoredAny>,
}

/// When a JSON export says it was built: rpki-client's `buildtime` (an RFC 3339 time),
/// Routinator's `generated` (unix seconds) or `generatedTime` (RFC 3339). A build time
/// written in a shape not read here is an error, not an unknown age: a stale export must not
/// pass for one whose age cannot be told.
fn build_time(metadata: Option<&serde_json::Value>, what: &str) -> Result<Option<i64>, Error> {
    let Some(m) = metadata else {
        return Ok(None);
    };
    for key in ["buildtime", "generated", "generatedTime"] {
        let Some(v) = m.get(key) else { continue };
        let at = match v {
            serde_json::Value::Number(n) => n.as_i64(),
            serde_json::Value::String(t) => expiry(t),
            _ => None,
        };
        return at.map(Some).ok_or_else(|| {
            bad(
                what,
                None,
                format!("its metadata's {key} {v} is not a time (unix seconds or RFC 3339)"),
            )
        });
    }
    Ok(None)
}

fn json(text: &str, what: &str) -> Result<VrpFile, Error> {
    let doc: JsonDoc = serde_json::from_str(text)
        .map_err(|e| bad(what, Some(e.line()), "not a VRP JSON document".into()).with_source(e))?;
    let built = build_time(doc.metadata.as_ref(), what)?;
    let (format, roas) = match doc {
        JsonDoc { roas: Some(r), .. } => ("Routinator/rpki-client JSON", r),
        JsonDoc { slurm: Some(s), .. } => {
            ("SLURM local assertions (RFC 8416)", s.prefix_assertions)
        }
        JsonDoc {
            routes: Some(_), ..
        } => {
            return Err(Error::Document {
                kind: Some(crate::error::Document::Vrps),
                what: what.to_string(),
                reason: "this is a list of routes to validate (the format of `routinator validate --input`), not VRPs: it says what is announced, not what is authorized".into(),
                hint: "give the VRP export instead: `routinator vrps --format json` or rpki-client's JSON".into(),
                remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::Vrps)]),
                source: None,
            });
        }
        _ => {
            return Err(bad(
                what,
                None,
                "a JSON document without \"roas\" or SLURM \"locallyAddedAssertions\"".into(),
            ));
        }
    };
    let mut expires = HashMap::new();
    let mut span = None;
    let vrps = roas
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let v = vrp(
                &r.asn.text(),
                &r.prefix,
                r.max_length.as_ref().map(NumOrText::text).as_deref(),
            )
            .map_err(|e| bad(what, None, format!("entry {}: {e}", i + 1)))?;
            let x = r.expiry();
            // One chain date makes every date of the file suspect: say so.
            if span != Some(ExpirySpan::Chain) {
                span = x.map(|(_, s)| s).or(span);
            }
            note_expiry(&mut expires, v, x.map(|(t, _)| t));
            Ok(v)
        })
        .collect::<Result<_, _>>()?;
    Ok(VrpFile {
        format,
        vrps,
        expires,
        expiry_span: span,
        built,
    })
}

/// `roa-set { PREFIX [maxlen N] source-as ASN [expires T] … }` (OpenBGPD, rpki-client's
/// default output).
fn openbgpd(text: &str, what: &str) -> Result<VrpFile, Error> {
    let mut vrps = Vec::new();
    let mut expires = HashMap::new();
    let mut inside = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.starts_with("roa-set") {
            inside = true;
            continue;
        }
        if line.starts_with('}') {
            inside = false;
            continue;
        }
        if !inside || line.is_empty() {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let after = |k: &str| {
            words
                .iter()
                .position(|w| *w == k)
                .and_then(|i| words.get(i + 1).copied())
        };
        let (Some(prefix), Some(source)) = (words.first(), after("source-as")) else {
            return Err(bad(
                what,
                Some(n + 1),
                format!("{line:?} is not `PREFIX [maxlen N] source-as ASN`"),
            ));
        };
        let v = vrp(source, prefix, after("maxlen")).map_err(|r| bad(what, Some(n + 1), r))?;
        note_expiry(&mut expires, v, after("expires").and_then(expiry));
        vrps.push(v);
    }
    Ok(VrpFile {
        format: "OpenBGPD roa-set",
        vrps,
        // rpki-client writes the chain's earliest end here, as in its CSV and JSON.
        expiry_span: (!expires.is_empty()).then_some(ExpirySpan::Chain),
        expires,
        built: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> VrpFile {
        let path = format!("{}/testdata/vrp/{name}", env!("CARGO_MANIFEST_DIR"));
        parse(&std::fs::read(path).unwrap(), name).unwrap()
    }

    #[test]
    fn a_files_validate_keeps_the_expiries_so_an_expired_roa_authorizes_nothing() {
        let csv = b"ASN,IP Prefix,Max Length,Trust Anchor,Expires\nAS16509,192.198.0.0/22,24,arin,1600000000\n";
        let f = parse(csv, "expired.csv").unwrap();
        let p: Prefix = "192.198.0.0/24".parse().unwrap();
        let o = f.validate(Asn::new(16509), p, "expired.csv");
        assert_eq!(o.valid_until, Some(1_600_000_000));
        assert_eq!(o.expiries.len(), 1);
        // Judged today, the expired ROA no longer matches; the bare validate cannot tell.
        assert!(o.as_of(1_700_000_000).matched.is_empty());
        assert!(
            !super::super::validate(&f.vrps, Asn::new(16509), p, "x")
                .matched
                .is_empty()
        );
    }

    #[test]
    fn each_format_says_whether_its_expiry_is_the_roas_or_the_chains() {
        let span = |text: &str| parse(text.as_bytes(), "t").unwrap().expiry_span;
        let row = "AS13335,1.0.0.0/24,24";
        assert_eq!(
            span(&format!(
                "ASN,IP Prefix,Max Length,Trust Anchor,Expires\n{row},apnic,1783952256\n"
            )),
            Some(ExpirySpan::Chain)
        );
        assert_eq!(
            span(&format!(
                "URI,ASN,IP Prefix,Max Length,Not Before,Not After\nrsync://x/a.roa,{row},2020-01-01T00:00:00Z,2030-01-01T00:00:00Z\n"
            )),
            Some(ExpirySpan::Roa)
        );
        assert_eq!(
            span(&format!(
                "ASN,IP Prefix,Max Length,Trust Anchor\n{row},apnic\n"
            )),
            None
        );
        let jsonext = |validity: &str| {
            format!(
                r#"{{"roas":[{{"asn":"AS13335","prefix":"1.0.0.0/24","maxLength":24,"source":[{{"type":"roa",{validity}}}]}}]}}"#
            )
        };
        let roa =
            r#""validity":{"notBefore":"2020-01-01T00:00:00Z","notAfter":"2030-01-01T00:00:00Z"}"#;
        let chain = r#""chainValidity":{"notBefore":"2020-01-01T00:00:00Z","notAfter":"2026-12-01T00:00:00Z"}"#;
        assert_eq!(span(&jsonext(roa)), Some(ExpirySpan::Roa));
        assert_eq!(
            span(&jsonext(&format!("{roa},{chain}"))),
            Some(ExpirySpan::Chain)
        );
        let bgpd = "roa-set {\n\t1.0.0.0/24 source-as 13335 expires 1783952256\n}\n";
        assert_eq!(span(bgpd), Some(ExpirySpan::Chain));
        // The origin judged carries it to the checks.
        let f = parse(bgpd.as_bytes(), "t").unwrap();
        let o = f.validate(Asn::new(13335), "1.0.0.0/24".parse().unwrap(), "t");
        assert_eq!(o.expiry_span, Some(ExpirySpan::Chain));
    }

    #[test]
    fn every_routinator_format_reads_to_the_same_vrps() {
        let want = Vrp {
            asn: Asn::new(1234),
            prefix: "12.34.56.0/24".parse().unwrap(),
            max_length: 24,
        };
        for (name, format) in [
            ("100.csv", "Routinator CSV"),
            ("100.csvcompat", "Routinator csvcompat"),
            ("100.csvext", "Routinator csvext"),
            ("100.json", "Routinator/rpki-client JSON"),
            ("100.jsonext", "Routinator/rpki-client JSON"),
            ("100.slurm", "SLURM local assertions (RFC 8416)"),
            ("110.json", "Routinator/rpki-client JSON"),
        ] {
            let f = file(name);
            assert_eq!(f.format, format, "{name}");
            assert_eq!(f.vrps, vec![want, want], "{name}");
        }
    }

    #[test]
    fn rpki_client_formats_old_and_new() {
        let want = vec![Vrp {
            asn: Asn::new(13335),
            prefix: "1.0.0.0/24".parse().unwrap(),
            max_length: 24,
        }];
        let csv = "ASN,IP Prefix,Max Length,Trust Anchor,Expires\nAS13335,1.0.0.0/24,24,apnic,1783952256\n";
        let new = r#"{"metadata":{"buildtime":"2026-07-13T14:17:36Z"},"roas":[{"asn":13335,"prefix":"1.0.0.0/24","maxLength":24,"ta":"apnic","expires":1783952256}]}"#;
        let old =
            r#"{"roas":[{"asn":"AS13335","prefix":"1.0.0.0/24","maxLength":24,"ta":"apnic"}]}"#;
        let bgpd = "roa-set {\n\t1.0.0.0/24 source-as 13335 expires 1783952256\n\t1.0.4.0/22 maxlen 24 source-as 38803\n}\n";
        assert_eq!(
            parse(csv.as_bytes(), "t").unwrap().format,
            "rpki-client CSV"
        );
        for doc in [csv, new, old] {
            assert_eq!(parse(doc.as_bytes(), "t").unwrap().vrps, want, "{doc}");
        }
        let b = parse(bgpd.as_bytes(), "t").unwrap();
        assert_eq!(b.vrps[0], want[0]);
        assert_eq!(b.vrps[1].max_length, 24);
        assert_eq!(b.vrps[1].asn, Asn::new(38803));
    }

    #[test]
    fn expiries_are_read_where_the_format_has_them() {
        let v = Vrp {
            asn: Asn::new(13335),
            prefix: "1.0.0.0/24".parse().unwrap(),
            max_length: 24,
        };
        let t = 1_783_952_256;
        let csv = "ASN,IP Prefix,Max Length,Trust Anchor,Expires\nAS13335,1.0.0.0/24,24,apnic,1783952256\n";
        let new = r#"{"roas":[{"asn":13335,"prefix":"1.0.0.0/24","maxLength":24,"ta":"apnic","expires":1783952256}]}"#;
        let bgpd = "roa-set {\n\t1.0.0.0/24 source-as 13335 expires 1783952256\n}\n";
        let csvext = "URI,ASN,IP Prefix,Max Length,Not Before,Not After\nrsync://x/a.roa,AS13335,1.0.0.0/24,24,2026-01-01T00:00:00Z,2026-07-13T14:17:36Z\n";
        let jsonext = r#"{"roas":[{"asn":"AS13335","prefix":"1.0.0.0/24","maxLength":24,"source":[
            {"type":"roa","validity":{"notBefore":"2026-01-01T00:00:00Z","notAfter":"2027-01-01T00:00:00Z"},
             "chainValidity":{"notBefore":"2026-01-01T00:00:00Z","notAfter":"2026-07-13T14:17:36Z"}},
            {"type":"roa","validity":{"notBefore":"2026-01-01T00:00:00Z","notAfter":"2026-02-01T00:00:00Z"}}]}]}"#;
        for doc in [csv, new, bgpd, csvext, jsonext] {
            let f = parse(doc.as_bytes(), "t").unwrap();
            assert_eq!(f.latest_expiry(&[v]), Some(t), "{doc}");
        }
        // Formats without an expiry, and Routinator's N/A.
        for doc in [
            "ASN,IP Prefix,Max Length,Trust Anchor\nAS13335,1.0.0.0/24,24,apnic\n",
            "URI,ASN,IP Prefix,Max Length,Not Before,Not After\nN/A,AS13335,1.0.0.0/24,24,N/A,N/A\n",
        ] {
            assert_eq!(
                parse(doc.as_bytes(), "t").unwrap().latest_expiry(&[v]),
                None
            );
        }
    }

    #[test]
    fn the_build_time_is_read_where_the_export_records_it() {
        let roas = r#""roas":[{"asn":13335,"prefix":"1.0.0.0/24","maxLength":24}]"#;
        let built = |meta: &str| {
            parse(format!("{{{meta}{roas}}}").as_bytes(), "t")
                .unwrap()
                .built
        };
        // rpki-client's JSON: buildtime, RFC 3339.
        assert_eq!(
            built(r#""metadata":{"buildmachine":"x","buildtime":"2026-07-13T14:17:36Z"},"#),
            Some(1_783_952_256)
        );
        // Routinator's JSON: generated (unix seconds) and generatedTime.
        assert_eq!(
            built(r#""metadata":{"generated":1783952256,"generatedTime":"2026-07-13T14:17:36Z"},"#),
            Some(1_783_952_256)
        );
        assert_eq!(
            built(r#""metadata":{"generatedTime":"2026-07-13T14:17:36Z"},"#),
            Some(1_783_952_256)
        );
        // Routinator's test outputs say generated 0: the epoch, a stale export.
        assert_eq!(file("100.json").built, Some(0));
        assert_eq!(file("100.jsonext").built, Some(0));
        // Formats that record none.
        assert_eq!(built(""), None);
        for name in ["100.csv", "100.csvcompat", "100.csvext", "100.slurm"] {
            assert_eq!(file(name).built, None, "{name}");
        }
        let bgpd = "roa-set {\n\t1.0.0.0/24 source-as 13335\n}\n";
        assert_eq!(parse(bgpd.as_bytes(), "t").unwrap().built, None);
        // A build time that is not a time is refused, not taken for an unknown age.
        let e = parse(
            format!(r#"{{"metadata":{{"buildtime":"yesterday"}},{roas}}}"#).as_bytes(),
            "t",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("buildtime") && e.contains("not a time"), "{e}");
        // The origin judged carries it: known, or unknown for a format without one.
        let p: Prefix = "1.0.0.0/24".parse().unwrap();
        let f = parse(
            format!(r#"{{"metadata":{{"buildtime":"2026-07-13T14:17:36Z"}},{roas}}}"#).as_bytes(),
            "t",
        )
        .unwrap();
        assert_eq!(
            f.validate(Asn::new(13335), p, "t").built,
            Some(BuildTime::Known(1_783_952_256))
        );
        assert_eq!(
            file("100.csv").validate(Asn::new(13335), p, "t").built,
            Some(BuildTime::Unknown)
        );
    }

    #[test]
    fn a_saved_csv_round_trips_with_its_fetch_time() {
        let at: chrono::DateTime<chrono::Utc> = "2026-12-01T12:00:00Z".parse().unwrap();
        let v = |a: u32, p: &str, m: u8| Vrp::new(Asn::new(a), p.parse().unwrap(), m).unwrap();
        let list = [
            v(64496, "192.0.2.0/24", 24),
            v(16509, "192.0.0.0/16", 24),
            v(16509, "192.0.0.0/16", 24),
            v(14618, "2001:db8::/32", 48),
        ];
        let text = save_csv(&list, at, "the VRPs for AS16509\nand more");
        assert_eq!(
            text,
            "# byoip roa fetch: the VRPs for AS16509 and more\n# fetched: 2026-12-01T12:00:00Z\nASN,IP Prefix,Max Length,Trust Anchor\nAS16509,192.0.0.0/16,24,\nAS64496,192.0.2.0/24,24,\nAS14618,2001:db8::/32,48,\n"
        );
        let f = parse(text.as_bytes(), "t.csv").unwrap();
        assert_eq!(f.format, "byoip roa fetch CSV");
        assert_eq!(f.built, Some(at.timestamp()));
        assert_eq!(f.vrps.len(), 3);
        assert!(f.expires.is_empty());
        // No VRPs at all is a file too: nothing covers the prefix.
        let none = parse(save_csv(&[], at, "x").as_bytes(), "t.csv").unwrap();
        assert!(none.vrps.is_empty());
        // Another CSV's comments are skipped and record nothing; a bad time is an error.
        let other = parse(
            b"# mine\nASN,IP Prefix,Max Length\nAS1,192.0.2.0/24,24\n",
            "o",
        )
        .unwrap();
        assert_eq!((other.built, other.format), (None, "Routinator CSV"));
        let e = parse(b"# fetched: yesterday\nASN,IP Prefix,Max Length\n", "b.csv").unwrap_err();
        assert!(e.to_string().contains("b.csv line 1"), "{e}");
    }

    #[test]
    fn a_routes_file_is_refused_with_the_reason() {
        let path = format!(
            "{}/testdata/vrp/validate-input-beacons.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let e = parse(&std::fs::read(path).unwrap(), "beacons").unwrap_err();
        assert!(e.to_string().contains("routes to validate"), "{e}");
    }

    #[test]
    fn malformed_rows_name_their_line() {
        for (doc, needle) in [
            (
                "ASN,IP Prefix,Max Length\nAS1,10.0.0.0/8,8\nASx,10.0.0.0/8,8\n",
                "line 3",
            ),
            (
                "ASN,IP Prefix,Max Length\nAS1,10.0.0.0/8,7\n",
                "does not fit",
            ),
            (
                "ASN,IP Prefix,Max Length\nAS1,banana,8\n",
                "not an IP prefix",
            ),
            ("ASN,IP Prefix,Max Length\nAS1\n", "line 2"),
            ("hello,world\n1,2\n", "unknown format"),
            ("", "empty"),
            ("{\"roas\": 5}", "not a VRP JSON"),
            ("{\"other\": []}", "without \"roas\""),
            ("roa-set {\n 1.0.0.0/24 maxlen 24\n}", "line 2"),
        ] {
            let e = parse(doc.as_bytes(), "t").unwrap_err().to_string();
            assert!(e.contains(needle), "{doc:?}: {e}");
        }
        assert!(parse(&[0xff, 0xfe, 0x00], "t").is_err());
    }
}
