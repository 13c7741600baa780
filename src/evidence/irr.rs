//! Internet Routing Registry objects: RPSL text (RFC 2622 §2) as a whois server answers it,
//! read into objects that keep every attribute, so that a check can name an object, its
//! `origin:` and `mnt-by:`, and a later one can read `descr:` or `remarks:` tokens.
//!
//! RFC 2622 §2 ("RPSL Names, Reserved Words, and Representation"): an object is a run of
//! `attribute: value` lines ended by an empty line; the attribute name is
//! case-insensitive; a value continues on lines that start with a space, a tab or `+`
//! (`+` allowing an empty line inside a value); lines starting with `#` are comments.
//! Whois servers add their own comment lines starting with `%` (IRRd: "%  No entries
//! found for the selected source(s)." when nothing matched, `%% <message>` when the query
//! was refused; IRRd documentation, "Whois queries", RIPE style TCP responses).
//!
//! A saved answer ([`save`], what `byoip irr fetch` writes) is that RPSL text, byte for
//! byte, after one comment line recording when, from where and for which prefix it was
//! fetched:
//!
//! ```text
//! % byoip_saved: fetched=2026-11-01T09:30:00Z url=whois://whois.radb.net:43 prefix=192.0.2.0/24
//! ```
//!
//! so the file stays plain RPSL text any whois tool reads, a check judges its age from the
//! recorded time rather than the file's modification time, which a clone resets, and a
//! check of another prefix can tell that the file does not answer for it.
//!
//! End-of-line comments (RFC 2622 §2: "Comments can be anywhere in an object definition …
//! starting with a '#' and ending at the end of line") are cut from attribute values, so
//! `origin: AS16509 # ours` reads as `AS16509`; the free-text attributes `descr:` and
//! `remarks:` keep their values as written, `#` and all, because a `#` there is often part
//! of the text and later checks read tokens in it.

use chrono::{DateTime, SecondsFormat, Utc};
use ipnet::IpNet;
use serde::Serialize;

use crate::{error::Error, rdap::saved::Fetched};

/// Largest answer read, from a server or a file: a prefix's route objects and their
/// more-specifics are a few KiB; 4 MiB is far past any honest answer.
pub const MAX_IRR_BYTES: u64 = 4 * 1024 * 1024;

/// The comment that opens a saved answer and records its fetch ([`save`]).
const SAVED: &str = "% byoip_saved:";

/// One attribute of an RPSL object, in the object's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Attribute {
    /// The attribute's name, lower case (`route`, `origin`, `mnt-by`, `descr`).
    pub name: String,
    /// Its value without surrounding white space; a value continued over several lines
    /// (RFC 2622 §2) has one line per continuation, joined by `\n` (a `+` continuation is
    /// an empty line). End-of-line `#` comments are cut from each line, except in the
    /// free-text `descr` and `remarks`, which keep the text as written.
    pub value: String,
}

/// An RPSL object with every attribute, in order (multi-valued attributes repeat).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RpslObject {
    /// Every attribute; the first names the object's class (`route`, `route6`, `mntner`).
    pub attributes: Vec<Attribute>,
}

impl RpslObject {
    /// The object's class: its first attribute's name.
    pub fn class(&self) -> &str {
        self.attributes.first().map_or("", |a| a.name.as_str())
    }

    /// The value of the first attribute, the class's key (`192.0.2.0/24` for a route).
    pub fn key(&self) -> &str {
        self.attributes.first().map_or("", |a| a.value.as_str())
    }

    /// The values of every attribute called `name` (lower case), in order.
    pub fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.attributes
            .iter()
            .filter(move |a| a.name == name)
            .map(|a| a.value.as_str())
    }

    /// The first value of `name`, if any.
    pub fn first<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        self.values(name).next()
    }

    /// The prefix of a `route` or `route6` object; `None` for another class or a key that
    /// is no prefix.
    pub fn route_prefix(&self) -> Option<IpNet> {
        match self.class() {
            "route" | "route6" => self.key().trim().parse::<IpNet>().ok().map(|n| n.trunc()),
            _ => None,
        }
    }

    /// The object as people name it: `route 192.0.2.0/24 AS64496 (RADB)`.
    pub fn describe(&self) -> String {
        let mut s = format!("{} {}", self.class(), self.key());
        if let Some(origin) = self.first("origin") {
            s += &format!(" {}", origin.trim());
        }
        if let Some(source) = self.first("source") {
            s += &format!(" ({})", source.trim());
        }
        s
    }
}

/// What a whois answer or a saved file holds: its objects and, when `byoip irr fetch`
/// saved it, when and from where.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Answer {
    /// Every object, in the answer's order.
    pub objects: Vec<RpslObject>,
    /// When and from which server it was fetched, when the file records it.
    pub fetched: Option<Fetched>,
    /// The prefix whose objects (and those of its more-specifics) were asked for, when
    /// known: recorded in a saved file by `byoip irr fetch`, or the prefix a live query
    /// asked. A plain RPSL file does not say.
    pub prefix: Option<IpNet>,
}

impl Answer {
    /// The `route` and `route6` objects for `prefix` or a more-specific of it.
    pub fn routes_within(&self, prefix: IpNet) -> impl Iterator<Item = &RpslObject> {
        self.objects
            .iter()
            .filter(move |o| o.route_prefix().is_some_and(|p| prefix.contains(&p)))
    }
}

/// Reads RPSL text (`what` names it in errors): every object with every attribute. An
/// answer that is not text, a line that is neither an attribute, a continuation, a comment
/// nor empty, or a server's error (`%%` or `%ERROR`) is an error naming it; an answer of
/// comments only (IRRd's "%  No entries found for the selected source(s).") holds no
/// objects. An answer with nothing in it (no bytes, or only white space, after a saved
/// file's first line) is an error: a server that says nothing has not said "none".
pub fn parse(bytes: &[u8], what: &str) -> Result<Answer, Error> {
    let bad = |reason: String| Error::Document {
        kind: Some(crate::error::Document::Irr),
        what: what.to_string(),
        reason,
        hint: "give the whois server's RPSL answer as received (byoip irr fetch saves it)".into(),
        remedies: Box::default(),
        source: None,
    };
    let text = std::str::from_utf8(bytes)
        .map_err(|e| bad(format!("not UTF-8 text (byte {})", e.valid_up_to())))?;
    let body = match text.strip_prefix(SAVED) {
        Some(rest) => rest.split_once('\n').map_or("", |(_, b)| b),
        None => text,
    };
    if body.trim().is_empty() {
        return Err(bad(
            "it is empty: not even a server's \"No entries found\" (an IRRd server says that when it has no objects)".into(),
        ));
    }
    let mut fetched = None;
    let mut prefix = None;
    let mut objects = Vec::new();
    let mut current: Vec<Attribute> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let at = n + 1;
        if let Some(meta) = line.strip_prefix(SAVED) {
            if n == 0 {
                let (f, p) = read_saved(meta).map_err(|r| bad(format!("line 1: {r}")))?;
                (fetched, prefix) = (Some(f), p);
            }
            continue;
        }
        if line.starts_with('%') {
            if let Some(e) = server_error(line) {
                return Err(bad(format!("line {at}: the server answered {e:?}")));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if !current.is_empty() {
                objects.push(RpslObject {
                    attributes: std::mem::take(&mut current),
                });
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix(['+', ' ', '\t']) {
            let Some(last) = current.last_mut() else {
                return Err(bad(format!(
                    "line {at}: a continuation line with no attribute before it: {}",
                    shown(line)
                )));
            };
            let cont = if line.starts_with('+') { rest } else { line };
            last.value.push('\n');
            last.value.push_str(uncommented(&last.name, cont).trim());
            continue;
        }
        let Some((name, value)) = line.split_once(':').filter(|(n, _)| is_name(n)) else {
            return Err(bad(format!(
                "line {at} is not an RPSL attribute (name: value): {}",
                shown(line)
            )));
        };
        let name = name.to_ascii_lowercase();
        let value = uncommented(&name, value).trim().to_string();
        current.push(Attribute { name, value });
    }
    if !current.is_empty() {
        objects.push(RpslObject {
            attributes: current,
        });
    }
    Ok(Answer {
        objects,
        fetched,
        prefix,
    })
}

/// A value line of attribute `name` without its end-of-line `#` comment (RFC 2622 §2),
/// except for the free-text `descr` and `remarks`, kept as written (see the module's
/// header).
fn uncommented<'a>(name: &str, line: &'a str) -> &'a str {
    if matches!(name, "descr" | "remarks") {
        return line;
    }
    line.split_once('#').map_or(line, |(v, _)| v)
}

/// An attribute name (RFC 2622 §2: letters, digits, `-` and `_`, starting with a letter).
fn is_name(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f.is_ascii_alphabetic())
        && c.all(|x| x.is_ascii_alphanumeric() || x == '-' || x == '_')
}

/// A line as an error shows it: at most 60 characters.
fn shown(line: &str) -> String {
    let cut: String = line.chars().take(60).collect();
    if cut.len() < line.len() {
        format!("{cut:?}…")
    } else {
        format!("{cut:?}")
    }
}

/// The error a server's comment line reports: IRRd's `%% message`, RIPE's `%ERROR:…`,
/// except "no entries found", which is an empty answer.
fn server_error(line: &str) -> Option<&str> {
    let body = line.trim_start_matches('%').trim();
    let error = line.starts_with("%%") || body.to_ascii_uppercase().starts_with("ERROR");
    let empty = body.to_ascii_lowercase().contains("no entries found");
    (error && !empty && !body.is_empty()).then_some(body)
}

/// The fetch recorded in a saved answer's first line (`fetched=… url=… prefix=…`; files
/// saved before the prefix was recorded have no `prefix=`).
fn read_saved(meta: &str) -> Result<(Fetched, Option<IpNet>), String> {
    let mut at = None;
    let mut url = String::new();
    let mut prefix = None;
    for field in meta.split_whitespace() {
        if let Some(t) = field.strip_prefix("fetched=") {
            at = Some(
                DateTime::parse_from_rfc3339(t)
                    .map_err(|e| format!("fetched={t} is not an RFC 3339 time ({e})"))?
                    .with_timezone(&Utc),
            );
        } else if let Some(u) = field.strip_prefix("url=") {
            url = u.to_string();
        } else if let Some(p) = field.strip_prefix("prefix=") {
            prefix = Some(
                p.parse::<IpNet>()
                    .map_err(|_| format!("prefix={p} is not a prefix"))?
                    .trunc(),
            );
        }
    }
    at.map(|at| (Fetched::new(at, url), prefix))
        .ok_or_else(|| format!("{SAVED} without a fetched= time"))
}

/// The bytes to save for the whois `answers` to the queries for `prefix` (each server
/// answer as received), `fetched` as recorded: one comment line, then the answers (see the
/// module's header).
pub fn save(answers: &[&[u8]], fetched: &Fetched, prefix: IpNet) -> Vec<u8> {
    let mut out = format!(
        "{SAVED} fetched={} url={} prefix={}\n",
        fetched.at.to_rfc3339_opts(SecondsFormat::Secs, true),
        fetched.url,
        prefix.trunc()
    )
    .into_bytes();
    for a in answers {
        out.extend_from_slice(a);
        if !a.ends_with(b"\n") {
            out.push(b'\n');
        }
    }
    out
}

/// The whois queries that find the route objects of `prefix` and its more-specifics on an
/// IRRd server such as RADb (IRRd documentation, "Whois queries", RIPE style queries:
/// `-x` finds exact matching `route`/`route6` objects, `-M` more specific ones
/// "excluding exact matches"; `-T route,route6` restricts the classes). Two queries,
/// because neither form returns both.
pub fn queries(prefix: IpNet) -> [String; 2] {
    [
        format!("-T route,route6 -x {prefix}"),
        format!("-T route,route6 -M {prefix}"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Answer {
        parse(text.as_bytes(), "t").unwrap()
    }

    #[test]
    fn objects_keep_every_attribute_in_order_and_continuations() {
        let a = read(
            "% This is the RADb whois server.\n\
             \n\
             route:      192.0.2.0/24\n\
             descr:      Example\n\
             \x20           second line\n\
             +\n\
             \tafter a blank\n\
             Origin:     AS64496\n\
             mnt-by:     MAINT-EXAMPLE\n\
             mnt-by:     MAINT-OTHER\n\
             # a comment inside the object\n\
             remarks:    cf-validation: abc\n\
             source:     RADB\n\
             \n\
             route6:     2001:db8::/48\n\
             origin:     AS16509\n\
             mnt-by:     MAINT-AS16509\n\
             source:     RADB\n",
        );
        assert_eq!(a.objects.len(), 2);
        let r = &a.objects[0];
        assert_eq!(r.class(), "route");
        assert_eq!(r.key(), "192.0.2.0/24");
        assert_eq!(
            r.first("descr"),
            Some("Example\nsecond line\n\nafter a blank")
        );
        assert_eq!(r.first("origin"), Some("AS64496"), "names read lower case");
        assert_eq!(
            r.values("mnt-by").collect::<Vec<_>>(),
            ["MAINT-EXAMPLE", "MAINT-OTHER"]
        );
        assert_eq!(r.first("remarks"), Some("cf-validation: abc"));
        let names: Vec<&str> = r.attributes.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "route", "descr", "origin", "mnt-by", "mnt-by", "remarks", "source"
            ]
        );
        let r6 = &a.objects[1];
        assert_eq!(r6.class(), "route6");
        assert_eq!(r6.route_prefix(), Some("2001:db8::/48".parse().unwrap()));
        assert_eq!(r6.describe(), "route6 2001:db8::/48 AS16509 (RADB)");
        assert!(a.fetched.is_none());
    }

    #[test]
    fn comments_and_no_entries_are_no_objects() {
        for text in [
            "%  No entries found for the selected source(s).\n\n\n",
            "# only a comment\n",
            "%ERROR:101: no entries found\n%\n% No entries found in source RIPE.\n",
        ] {
            assert!(read(text).objects.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn an_answer_with_nothing_in_it_is_an_error_not_no_objects() {
        for text in ["", "\n", " \r\n\t\n"] {
            let e = parse(text.as_bytes(), "irr.txt").unwrap_err();
            assert!(e.to_string().contains("it is empty"), "{text:?}: {e}");
        }
        // A saved file whose answers are empty is as empty.
        let f = Fetched::new(crate::date::test_now(), "whois://x:43");
        let data = save(&[b"", b"\n"], &f, "192.0.2.0/24".parse().unwrap());
        assert!(parse(&data, "x").is_err());
    }

    #[test]
    fn end_of_line_comments_are_cut_except_in_descr_and_remarks() {
        let a = read(
            "route: 192.0.2.0/24 # ours\n\
             origin: AS16509 # note\n\
             mnt-by: MAINT-X#y\n\
             \x20 MAINT-Z # more\n\
             descr: Example # 1\n\
             remarks: ticket #42\n",
        );
        let o = &a.objects[0];
        assert_eq!(o.key(), "192.0.2.0/24");
        assert_eq!(o.first("origin"), Some("AS16509"));
        assert_eq!(o.first("mnt-by"), Some("MAINT-X\nMAINT-Z"));
        assert_eq!(o.first("descr"), Some("Example # 1"));
        assert_eq!(o.first("remarks"), Some("ticket #42"));
    }

    #[test]
    fn errors_garbage_and_stray_continuations_are_named() {
        let e = parse(b"%% ERROR: Invalid query\n", "radb").unwrap_err();
        assert!(
            e.to_string()
                .contains("the server answered \"ERROR: Invalid query\""),
            "{e}"
        );
        let e = parse(b"<html><body>hello</body></html>\n", "x").unwrap_err();
        assert!(
            e.to_string().contains("line 1 is not an RPSL attribute"),
            "{e}"
        );
        let e = parse(b" continued\n", "x").unwrap_err();
        assert!(
            e.to_string()
                .contains("a continuation line with no attribute")
        );
        let e = parse(&[0xff, 0xfe, b'a'], "x").unwrap_err();
        assert!(e.to_string().contains("not UTF-8"), "{e}");
        // A colon after something that is no attribute name.
        assert!(parse(b"1route: x\n", "x").is_err());
    }

    #[test]
    fn routes_within_are_the_prefix_and_its_more_specifics() {
        let a = read(
            "route: 192.0.2.0/23\norigin: AS1\n\n\
             route: 192.0.2.0/24\norigin: AS2\n\n\
             route: 192.0.2.128/25\norigin: AS3\n\n\
             route6: 2001:db8::/32\norigin: AS4\n\n\
             mntner: MAINT-X\n\n\
             route: not-a-prefix\norigin: AS5\n",
        );
        let p: IpNet = "192.0.2.0/24".parse().unwrap();
        let got: Vec<&str> = a
            .routes_within(p)
            .filter_map(|o| o.first("origin"))
            .collect();
        assert_eq!(got, ["AS2", "AS3"]);
    }

    #[test]
    fn a_saved_answer_records_its_fetch_and_reads_back() {
        let at: DateTime<Utc> = "2026-11-01T09:30:00Z".parse().unwrap();
        let f = Fetched::new(at, "whois://whois.radb.net:43");
        let first = b"route: 192.0.2.0/24\norigin: AS64496\nsource: RADB\n\n";
        let second = b"%  No entries found for the selected source(s).";
        let data = save(&[first, second], &f, "192.0.2.0/24".parse().unwrap());
        let text = String::from_utf8(data.clone()).unwrap();
        assert!(text.starts_with(
            "% byoip_saved: fetched=2026-11-01T09:30:00Z url=whois://whois.radb.net:43 prefix=192.0.2.0/24\nroute: 192.0.2.0/24\n"
        ));
        assert!(text.ends_with("selected source(s).\n"));
        let a = parse(&data, "saved").unwrap();
        assert_eq!(a.fetched, Some(f));
        assert_eq!(a.prefix, Some("192.0.2.0/24".parse().unwrap()));
        assert_eq!(a.objects.len(), 1);
        // Before the prefix was recorded: read, the prefix unknown.
        let old = text.replace(" prefix=192.0.2.0/24", "");
        assert_eq!(parse(old.as_bytes(), "x").unwrap().prefix, None);
        // The record is read on the first line only.
        let moved = format!("\n{text}");
        assert!(parse(moved.as_bytes(), "x").unwrap().fetched.is_none());
        let e = parse(
            b"% byoip_saved: fetched=yesterday\n%  No entries found.\n",
            "x",
        )
        .unwrap_err();
        assert!(e.to_string().contains("not an RFC 3339 time"), "{e}");
    }

    #[test]
    fn the_queries_ask_for_the_exact_prefix_and_its_more_specifics() {
        assert_eq!(
            queries("192.0.2.0/24".parse().unwrap()),
            [
                "-T route,route6 -x 192.0.2.0/24",
                "-T route,route6 -M 192.0.2.0/24"
            ]
        );
    }
}
