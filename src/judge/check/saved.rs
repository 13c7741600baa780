//! How old a saved answer is (RDAP, RIPE Database, IRR): said in a check's details, and a
//! pass turned into a warning when the copy is old enough that the registry may have
//! changed since (a certificate replaced, a range transferred).

use chrono::{DateTime, Utc};

use super::{Check, Status};
use crate::rdap::saved::Fetched;

/// Days after which a saved registry answer is old enough to warn about: records change
/// (a certificate replaced, a range transferred), and a month-old copy may no longer be
/// what the cloud will read.
pub(super) const MAX_SAVED_AGE_DAYS: i64 = 30;

/// When a saved answer was saved, as far as its reader knows: the fetch time the file
/// records (`byoip rdap fetch`), else the file's modification time, which a copy or a
/// `git clone` resets (so a committed answer would always look fresh), else nothing (an
/// answer fetched for this report).
pub(super) enum SavedWhen<'a> {
    /// Recorded in the file by the fetch that saved it (`rdap fetch`, `ripedb fetch`).
    Fetched(&'a Fetched),
    /// The file's modification time; `recordable` when `rdap fetch` could have recorded
    /// the time (RDAP answers; a RIPE Database answer saved by hand says nothing of it).
    Modified { at: DateTime<Utc>, recordable: bool },
    /// Fetched for this report.
    Now,
}

impl<'a> SavedWhen<'a> {
    /// A saved RDAP answer's time: recorded by `rdap fetch`, else the file's `modified`.
    pub(super) fn rdap(fetched: Option<&'a Fetched>, modified: Option<DateTime<Utc>>) -> Self {
        match (fetched, modified) {
            (Some(f), _) => SavedWhen::Fetched(f),
            (None, Some(at)) => SavedWhen::Modified {
                at,
                recordable: true,
            },
            (None, None) => SavedWhen::Now,
        }
    }
}

/// How a kind of saved answer is saved with its fetch time, in the library's words.
pub(super) struct SavedWords {
    /// Where the fetch time was read: `(recorded in the saved file)`.
    recorded: &'static str,
    /// How to save it so: `save it with a fetch that records when it was fetched`.
    save: &'static str,
    /// The hint for an old one.
    again: &'static str,
}

/// A saved RDAP answer's words (the CLI's `byoip rdap fetch`).
pub(super) const RDAP_SAVED: SavedWords = SavedWords {
    recorded: "recorded in the saved file",
    save: "save it with a fetch that records when it was fetched",
    again: "fetch it again and check with the fresh answer",
};

/// A saved IRR answer's words (the CLI's `byoip irr fetch`).
pub(super) const IRR_SAVED: SavedWords = SavedWords {
    recorded: "recorded in the saved IRR answer",
    save: "save the IRR answer with a fetch that records when it was fetched",
    again: "fetch the IRR answer again and check with the fresh answer",
};

/// Says in `check`'s details how old the saved answer `what` is as of the report's `now`
/// and how that is known ([`SavedWhen`]), and turns a pass into a warning when it is older
/// than [`MAX_SAVED_AGE_DAYS`] (a failure stays one, with the age among its details).
/// Nothing for an answer fetched for this report. `words` say how such answers are saved
/// with their fetch time, in the library's words ([`RDAP_SAVED`], [`IRR_SAVED`]), which a
/// front end turns into its own commands.
pub(super) fn saved_age(
    check: &mut Check,
    what: &str,
    saved: SavedWhen<'_>,
    now: DateTime<Utc>,
    words: &SavedWords,
) {
    let stamp = |at: DateTime<Utc>| at.format("%Y-%m-%d %H:%M UTC").to_string();
    let (at, how, caveat) = match saved {
        SavedWhen::Now => return,
        SavedWhen::Fetched(f) => {
            let from = if f.url.is_empty() {
                String::new()
            } else {
                format!(" from {}", f.url)
            };
            (
                f.at,
                format!("fetched {}{from} ({})", stamp(f.at), words.recorded),
                String::new(),
            )
        }
        SavedWhen::Modified { at, recordable } => (
            at,
            format!("file modified {}", stamp(at)),
            if recordable {
                // A front end names its way of saving (the CLI: `byoip rdap fetch`).
                format!(" — a clone resets this; {}", words.save)
            } else {
                " — a copy or a clone resets this".to_string()
            },
        ),
    };
    let days = (now - at).num_days();
    if at > now {
        check.details.push(format!(
            "saved answer {what}: {how}, after the report's time{caveat}"
        ));
        // A recorded fetch time after the report's is impossible on a right clock: the
        // clock or the file is wrong, and its age cannot be judged. A file's modification
        // time is no such record (a copy or an unpacked archive sets it), so it says
        // nothing.
        if let SavedWhen::Fetched(f) = saved
            && matches!(check.status, Status::Pass | Status::Warn)
        {
            check.message = format!(
                "{}; but the saved answer {what} was fetched {}, in the future by this clock: check the clock or the file",
                check.message,
                stamp(f.at)
            );
            if check.status == Status::Pass {
                check.hint = Some(words.again.into());
            }
            check.status = Status::Warn;
        }
        return;
    }
    let age = if days >= 1 {
        crate::nouns::plural(days, "day", "days")
    } else {
        crate::nouns::plural((now - at).num_hours(), "hour", "hours")
    };
    check.details.push(format!(
        "saved answer {what}: {how}, {age} before the report's time{caveat}"
    ));
    if days > MAX_SAVED_AGE_DAYS && matches!(check.status, Status::Pass | Status::Warn) {
        check.message = format!(
            "{}; but the saved answer {what} is {age} old (more than {MAX_SAVED_AGE_DAYS}): the registry may have changed since",
            check.message
        );
        if check.status == Status::Pass {
            check.hint = Some(words.again.into());
        }
        check.status = Status::Warn;
    }
}
