//! Evidence saved earlier (what `byoip rdap fetch`, `irr fetch` and `ripedb fetch` write),
//! given to [`Sources::gather`] as the bytes the caller read: the sources parse it and
//! prefer it to the network. Reading stays with the caller (a path, standard input, an
//! upload to a service), so gathering needs no file system and every front end names its
//! own files.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{Missing, Sources};
use crate::{
    check::{AutnumEvidence, IrrEvidence, RipeDbEvidence},
    error::Error,
    rdap::{self, Record},
};

/// One saved answer as the caller read it: the name reports call it by, its bytes, and
/// when it was saved if the caller knows (a file's modification time; an answer that
/// records when it was fetched says so itself, and that wins). Built with
/// [`SavedFile::new`], or [`SavedFile::unreadable`] for one that could not be read.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SavedFile {
    /// What reports call it (a file's path as given).
    pub name: String,
    /// Its bytes, or why they could not be read.
    pub bytes: Result<Vec<u8>, String>,
    /// When it was saved, when known.
    pub saved_at: Option<DateTime<Utc>>,
}

impl SavedFile {
    /// The answer `bytes`, called `name`, saved at `saved_at` when known.
    pub fn new(
        name: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
        saved_at: Option<DateTime<Utc>>,
    ) -> Self {
        SavedFile {
            name: name.into(),
            bytes: Ok(bytes.into()),
            saved_at,
        }
    }

    /// An answer named `name` that could not be read, for `why`: its checks are `not-run`
    /// saying so, while the rest of the run goes on (a batch's other entries; this entry's
    /// other evidence).
    pub fn unreadable(name: impl Into<String>, why: impl Into<String>) -> Self {
        SavedFile {
            name: name.into(),
            bytes: Err(why.into()),
            saved_at: None,
        }
    }
}

/// The saved evidence of one check, each kind used instead of asking its source. Under
/// local checks only none of it is read.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Saved {
    /// RDAP answers: for a prefix, its record then its ancestors, nearest first (one file
    /// may hold a walk up, as `byoip rdap fetch` saves it); for an ASN, its autnum record
    /// (the first).
    pub rdap: Vec<SavedFile>,
    /// The IRR's route objects (plain RPSL text), for AWS's `irr.route`.
    pub irr: Option<SavedFile>,
    /// The RIPE Database object of a RIPE NCC range, for Azure and Oracle.
    pub ripe_db: Option<SavedFile>,
}

/// A saved answer that could not be used: the evidence the run went without for it, and
/// why. Its checks are `not-run`, saying why; the rest of the evidence was gathered.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Unusable {
    /// What the answer was for.
    pub missing: Missing,
    /// Why it could not be used (the name of the answer is in it).
    pub error: Error,
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for Unusable {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.error)
    }
}

/// The not-run reason of an answer that could not be read or parsed.
fn unread(what: &str, why: &str) -> String {
    format!("the {what} could not be read: {why}")
}

/// The saved evidence parsed: each kind's, or why it could not be used, and the first
/// answer that did not parse.
pub(super) struct Parsed {
    pub(super) rdap: Option<Vec<Arc<Record>>>,
    pub(super) unread_rdap: Option<String>,
    pub(super) irr: Option<IrrEvidence>,
    pub(super) ripe_db: Option<RipeDbEvidence>,
    pub(super) unusable: Option<Unusable>,
}

impl Sources {
    /// Parses `saved` for a prefix's check: nothing under local checks only.
    pub(super) fn parse_saved(&self, saved: &Saved) -> Parsed {
        let mut parsed = Parsed {
            rdap: None,
            unread_rdap: None,
            irr: None,
            ripe_db: None,
            unusable: None,
        };
        if self.local_only() {
            return parsed;
        }
        let mut fail = |missing: Missing, error: Error| {
            let why = error.chain();
            parsed.unusable.get_or_insert(Unusable { missing, error });
            why
        };
        let mut records = Vec::new();
        for f in &saved.rdap {
            match f.bytes.as_deref().map(|b| rdap::saved::records(b, &f.name)) {
                Ok(Ok(list)) => records.extend(list.into_iter().map(|mut r| {
                    Arc::make_mut(&mut r).saved_at = f.saved_at;
                    r
                })),
                Ok(Err(e)) => {
                    let why = fail(Missing::RdapRecord, e);
                    parsed.unread_rdap = Some(unread("saved record", &why));
                }
                Err(why) => parsed.unread_rdap = Some(unread("saved record", why)),
            }
            if parsed.unread_rdap.is_some() {
                break;
            }
        }
        parsed.rdap = (!records.is_empty()).then_some(records);
        parsed.irr = saved.irr.as_ref().map(|f| {
            match f
                .bytes
                .as_deref()
                .map(|b| IrrEvidence::from_saved(b, &f.name))
            {
                Ok(Ok(ev)) => match f.saved_at {
                    Some(at) => ev.saved_at(at),
                    None => ev,
                },
                Ok(Err(e)) => IrrEvidence::Unavailable(unread(
                    "saved IRR answer",
                    &fail(Missing::IrrObjects, e),
                )),
                Err(why) => IrrEvidence::Unavailable(unread("saved IRR answer", why)),
            }
        });
        parsed.ripe_db = saved.ripe_db.as_ref().and_then(|f| {
            match f
                .bytes
                .as_deref()
                .map(|b| RipeDbEvidence::from_saved(b, &f.name))
            {
                // The file's time stands in for a fetch time the file does not record (the
                // report prefers the one `ripedb fetch` recorded).
                Ok(Ok(ev)) => Some(match f.saved_at {
                    Some(at) => ev.saved_at(at),
                    None => ev,
                }),
                Ok(Err(e)) => {
                    fail(Missing::RipeDbObject, e);
                    None
                }
                Err(why) => Some(RipeDbEvidence::Unavailable(unread(
                    "saved RIPE Database object",
                    why,
                ))),
            }
        });
        parsed
    }

    /// Parses `saved`'s first RDAP answer as an ASN's autnum record: `None` without one
    /// (or under local checks only); one that does not parse is `Unavailable`, saying why,
    /// and [`Unusable`].
    pub(super) fn parse_autnum(&self, saved: &Saved) -> (Option<AutnumEvidence>, Option<Unusable>) {
        let Some(f) = saved.rdap.first().filter(|_| !self.local_only()) else {
            return (None, None);
        };
        let ev = match f
            .bytes
            .as_deref()
            .map(|b| AutnumEvidence::from_saved(b, &f.name))
        {
            Ok(Ok(ev)) => ev,
            Ok(Err(error)) => {
                let why = unread("saved record", &error.chain());
                let unusable = Unusable {
                    missing: Missing::AutnumRecord,
                    error,
                };
                return (Some(AutnumEvidence::Unavailable(why)), Some(unusable));
            }
            Err(why) => {
                return (
                    Some(AutnumEvidence::Unavailable(unread("saved record", why))),
                    None,
                );
            }
        };
        let ev = match f.saved_at {
            Some(at) => ev.saved_at(at),
            None => ev,
        };
        (Some(ev), None)
    }
}
