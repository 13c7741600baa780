//! What the DNS says about the planned records: whether each name's zone is delegated
//! and whether its TXT record holds the token's value.

use std::fmt;

use serde::Serialize;

use super::{Plan, plan::in_zone};

/// What a resolver answered for one question.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Answer {
    /// Records of the type asked. For TXT, each record's character-strings, raw.
    Records(Vec<Vec<Vec<u8>>>),
    /// No record of that type: NXDOMAIN (`nxdomain`) or NODATA. `zone` is the owner of the
    /// SOA in the authority section: the zone that answered (RFC 2308 §3), when given.
    Empty {
        /// NXDOMAIN rather than NODATA.
        nxdomain: bool,
        /// The zone that answered, lower case without the trailing dot.
        zone: Option<String>,
    },
    /// The name is an alias (a CNAME, or a chain of them, RFC 1034 §3.6.2) whose last
    /// target has no record of the type asked: NXDOMAIN (`nxdomain`) or NODATA for the
    /// target, the rcode speaking of the chain's last name (RFC 2308 §2.1).
    Alias {
        /// The last name of the CNAME chain, lower case without the trailing dot.
        target: String,
        /// The target does not exist, rather than holding no record of that type.
        nxdomain: bool,
        /// The zone that answered for the target (the SOA owner in the authority section,
        /// RFC 2308 §3), when given.
        zone: Option<String>,
    },
    /// No usable answer (SERVFAIL, REFUSED, a timeout, garbage, an answer that is no
    /// evidence); the reason.
    Failed(String),
}

/// Asks DNS questions. `crate::dns::Client` asks a resolver; tests answer from a table.
pub trait Lookup {
    /// The TXT records at `name` (lower case, no trailing dot).
    fn txt(&mut self, name: &str) -> Answer;
    /// The SOA at `name`: `Records` when `name` is a zone apex, else `Empty` naming the
    /// enclosing zone.
    fn soa(&mut self, name: &str) -> Answer;
}

/// How one planned name came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum NameState {
    /// The TXT record with the token value is there.
    Found,
    /// No TXT record with that name.
    Missing,
    /// TXT records at the name, none with the token value.
    Wrong,
    /// No usable answer: the state is unknown.
    Unchecked,
}

impl fmt::Display for NameState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            NameState::Found => "found",
            NameState::Missing => "missing",
            NameState::Wrong => "wrong",
            NameState::Unchecked => "unchecked",
        })
    }
}

/// Whether a name's reverse zone is delegated (served by name servers other than the
/// registry's), as far as the answers tell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Delegation {
    /// `true`: delegated; `false`: the name is answered by an enclosing zone in which none
    /// of the planned records was found; `None`: unknown.
    pub delegated: Option<bool>,
    /// The zone whose SOA came with the answer (the zone cut above the name, or above a
    /// CNAME's target); `null` in JSON when no answer named one.
    pub zone: Option<String>,
    /// One line saying how this was concluded.
    pub reason: String,
}

/// The result for one planned name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct NameCheck {
    /// The record name.
    pub name: String,
    /// The record's own reverse zone.
    pub zone: String,
    /// The outcome.
    pub state: NameState,
    /// The value expected (the token value).
    pub expected: String,
    /// The TXT records found at the name, each as its data: the record's character-strings
    /// joined, without the quotes of a zone file (so a right value reads as `expected`
    /// does); empty when the DNS said there is none; `None` (`null` in JSON) when the name
    /// could not be checked. [`NameCheck::shown`] gives them as a zone file writes them.
    pub found: Option<Vec<String>>,
    /// The last target of the CNAME chain at the name, when the name is an alias whose
    /// target holds no TXT record (RFC 1034 §3.6.2): the target is what to fix.
    pub cname: Option<String>,
    /// Why a wrong value is wrong when the cause is recognisable (curly quotes, whitespace,
    /// split strings), why a missing record is missing when an alias explains it, or why
    /// the name could not be checked; `null` in JSON otherwise.
    pub cause: Option<String>,
    /// Delegation of the name's zone.
    pub delegation: Delegation,
    /// The TXT records found, each record's character-strings raw.
    #[serde(skip)]
    txt: Vec<Vec<Vec<u8>>>,
}

impl NameCheck {
    /// The TXT records found, each as a zone file shows it: every character-string quoted,
    /// `"` and `\` escaped, so a value split across strings or quoted twice is visible.
    pub fn shown(&self) -> Vec<String> {
        self.txt.iter().map(|strings| show_txt(strings)).collect()
    }
}

/// How many names came out in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Tally {
    /// Found with the token value.
    pub found: usize,
    /// No TXT record.
    pub missing: usize,
    /// TXT records without the token value.
    pub wrong: usize,
    /// No usable answer.
    pub unchecked: usize,
}

impl Tally {
    /// Counts `names` by state.
    pub fn of(names: &[NameCheck]) -> Tally {
        let mut t = Tally::default();
        for c in names {
            *match c.state {
                NameState::Found => &mut t.found,
                NameState::Missing => &mut t.missing,
                NameState::Wrong => &mut t.wrong,
                NameState::Unchecked => &mut t.unchecked,
            } += 1;
        }
        t
    }
}

/// Asks `lookup` for every planned name and judges the answers: found, missing, wrong (with
/// the cause when it is a known mistake), or unchecked; and for each, whether its zone is
/// delegated. A TXT answer proves delegation; for a missing name the SOA in the negative
/// answer (or an SOA query for its zone) names the zone that answered: the record's own
/// zone means it is delegated; an enclosing zone counts as delegated only when it serves
/// another planned record that was found (a delegated parent zone).
pub fn judge(plan: &Plan, lookup: &mut dyn Lookup) -> Vec<NameCheck> {
    let mut checks: Vec<NameCheck> = plan
        .records
        .iter()
        .map(|r| {
            let mut c = NameCheck {
                name: r.name.clone(),
                zone: r.zone.clone(),
                state: NameState::Unchecked,
                expected: r.value.clone(),
                found: None,
                cname: None,
                cause: None,
                delegation: Delegation {
                    delegated: None,
                    zone: None,
                    reason: String::new(),
                },
                txt: Vec::new(),
            };
            match lookup.txt(&r.name) {
                Answer::Records(rrs) => {
                    c.found = Some(
                        rrs.iter()
                            .map(|strings| String::from_utf8_lossy(&strings.concat()).into_owned())
                            .collect(),
                    );
                    let (state, cause) = compare(&rrs, &r.value);
                    c.state = state;
                    c.cause = cause;
                    c.txt = rrs;
                    c.delegation.delegated = Some(true);
                    c.delegation.reason =
                        "a TXT record answered at this name, so its zone is delegated".into();
                }
                Answer::Empty { zone, .. } => {
                    c.state = NameState::Missing;
                    c.found = Some(Vec::new());
                    c.delegation.zone = zone;
                }
                Answer::Alias {
                    target,
                    nxdomain,
                    zone: Some(zone),
                } => {
                    // The name itself answered (with a CNAME), so the zone holding it is
                    // served: what is missing is at the alias's target, not a delegation.
                    c.state = NameState::Missing;
                    c.found = Some(Vec::new());
                    c.cause = Some(format!(
                        "{} is a CNAME to {target}, which {} from the zone {zone})",
                        r.name,
                        if nxdomain {
                            "does not exist (NXDOMAIN"
                        } else {
                            "holds no TXT record (NODATA"
                        }
                    ));
                    c.cname = Some(target);
                    c.delegation.delegated = Some(true);
                    c.delegation.zone = Some(zone);
                    c.delegation.reason =
                        "a CNAME answered at this name, so the zone holding it is served".into();
                }
                Answer::Alias { target, zone: None, .. } => {
                    // As a negative answer that names no zone (below): no evidence.
                    c.cause = Some(format!(
                        "{} is a CNAME to {target}, and the answer named no zone for {target} (no SOA, RFC 2308 §3): whether {target} holds the record is unknown",
                        r.name
                    ));
                    c.cname = Some(target);
                    c.delegation.reason =
                        "unknown: the CNAME's target could not be checked".into();
                }
                Answer::Failed(why) => {
                    c.cause = Some(why);
                    c.delegation.reason = "unknown: the name could not be checked".into();
                }
            }
            c
        })
        .collect();

    // Zone cuts of the names that answered, asked only if some missing name needs them.
    let mut found_cuts: Option<Vec<String>> = None;
    for i in 0..checks.len() {
        if checks[i].state != NameState::Missing || checks[i].cname.is_some() {
            continue;
        }
        if checks[i].delegation.zone.is_none() {
            checks[i].delegation.zone = zone_of(lookup, &checks[i].zone);
        }
        let own = checks[i].zone.clone();
        let Some(cut) = checks[i].delegation.zone.clone() else {
            // A negative answer carries the SOA of the zone that gave it (RFC 2308 §3). One
            // that names no zone, with no SOA to be had either, comes from a resolver that
            // answers "no such name" for everything it cannot reach: not evidence.
            checks[i].state = NameState::Unchecked;
            checks[i].found = None;
            checks[i].cause = Some(
                "the resolver said the name does not exist but named no zone (no SOA, RFC 2308 §3), and gave no SOA when asked: its answer cannot be trusted; ask a resolver that reaches the internet".into(),
            );
            checks[i].delegation.reason =
                "unknown: the answer named no zone, and asking for the SOA failed".into();
            continue;
        };
        if in_zone(&cut, &own) {
            checks[i].delegation.delegated = Some(true);
            checks[i].delegation.reason =
                format!("{own} is delegated (its own SOA answered), but holds no such TXT");
            continue;
        }
        let cuts = found_cuts.get_or_insert_with(|| {
            checks
                .iter()
                .filter(|c| matches!(c.state, NameState::Found | NameState::Wrong))
                .filter_map(|c| zone_of(lookup, &c.zone))
                .collect()
        });
        if cuts.contains(&cut) {
            checks[i].delegation.delegated = Some(true);
            checks[i].delegation.reason = format!(
                "answered by {cut}, a delegated parent zone (other planned records were found there); the record is missing from it"
            );
        } else {
            checks[i].delegation.delegated = Some(false);
            checks[i].delegation.reason = format!(
                "{own} is not delegated: names under it are answered by the enclosing zone {cut}"
            );
        }
    }
    checks
}

/// The zone that holds `name`: `name` itself when it has an SOA, else the zone the
/// negative answer names.
fn zone_of(lookup: &mut dyn Lookup, name: &str) -> Option<String> {
    match lookup.soa(name) {
        Answer::Records(_) => Some(name.to_string()),
        Answer::Empty { zone, .. } | Answer::Alias { zone, .. } => zone,
        Answer::Failed(_) => None,
    }
}

/// A TXT record as a zone file shows it: each string quoted, non-ASCII bytes kept as UTF-8
/// text where they are valid (so a curly quote reads as one), `"` and `\` escaped.
fn show_txt(strings: &[Vec<u8>]) -> String {
    strings
        .iter()
        .map(|s| {
            let text = String::from_utf8_lossy(s);
            format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Found when one record is exactly the value in one string; otherwise wrong, with the
/// cause when a known mistake explains the difference.
pub(super) fn compare(rrs: &[Vec<Vec<u8>>], want: &str) -> (NameState, Option<String>) {
    let want_b = want.as_bytes();
    if rrs.iter().any(|s| s.len() == 1 && s[0] == want_b) {
        return (NameState::Found, None);
    }
    for strings in rrs {
        let joined: Vec<u8> = strings.concat();
        let text = String::from_utf8_lossy(&joined);
        if strings.len() > 1 && joined == want_b {
            return (
                NameState::Wrong,
                Some(format!(
                    "the value is split across {} strings; publish it as one string",
                    strings.len()
                )),
            );
        }
        let curly = ['\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}'];
        if text.contains(curly)
            && text.trim_matches(|c: char| curly.contains(&c) || c.is_whitespace()) == want
        {
            return (
                NameState::Wrong,
                Some("typographic (curly) quotes are part of the value; publish the bare value, with ASCII quotes in a zone file".into()),
            );
        }
        if text.trim_matches('"') == want && text.contains('"') {
            return (
                NameState::Wrong,
                Some(
                    "the quotes are part of the value (quoted twice); publish the bare value"
                        .into(),
                ),
            );
        }
        if text.trim() == want {
            return (
                NameState::Wrong,
                Some("stray whitespace around the value; remove it".into()),
            );
        }
    }
    (
        NameState::Wrong,
        Some("another value (an older token, or another token's value?)".into()),
    )
}
