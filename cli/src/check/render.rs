//! The report for people: a table of the checks (those that say the same thing on one
//! row), their hints and details, and the verdict line (READY, NOT READY or INCOMPLETE,
//! with what to give next). Shared by `check`, `batch check` and `audit`.

use byoip::check::{self, CheckId, Report, Status};

use crate::{Style, text::plural};

/// The report as a table under `title`: the checks (those that say the same thing on one
/// row, so each reason is said once), hints and details under warn/fail, and the verdict.
/// Skips by rule (a check that does not apply here) are counted in one line, and listed
/// only when `verbose`.
pub fn render(r: &Report, title: &str, style: &Style, verbose: bool) -> String {
    render_only(r, title, style, verbose, |_| true)
}

/// Checks that say the same thing, the row they share.
struct Row<'a> {
    first: &'a check::Check,
    ids: Vec<&'a CheckId>,
}

/// True when `a` and `b` say the same thing that stands in the way or is skipped: one row
/// is enough for both. Each pass keeps its row, the list of what was proven.
fn same(a: &check::Check, b: &check::Check) -> bool {
    a.status != Status::Pass
        && a.status == b.status
        && a.is_left_out() == b.is_left_out()
        && a.message == b.message
        && a.hint == b.hint
        && a.details == b.details
}

/// A skip because the check does not apply here (not for want of evidence).
fn skipped_by_rule(c: &check::Check) -> bool {
    c.status == Status::Skip && !c.is_left_out()
}

/// [`render`] listing only the checks `shown` keeps; the verdict still counts them all.
pub fn render_only(
    r: &Report,
    title: &str,
    style: &Style,
    verbose: bool,
    shown: impl Fn(&check::Check) -> bool,
) -> String {
    let mut s = format!("{title}\n");
    let width = r
        .checks
        .iter()
        .map(|c| c.id.to_string().len())
        .max()
        .unwrap_or(0);
    // The status column is as wide as the widest status shown.
    let sw = if r.count(Status::NotRun) > 0 { 7 } else { 4 };
    let pad = " ".repeat(width + sw + 4);
    let hidden = r
        .checks
        .iter()
        .filter(|c| shown(c) && !verbose && skipped_by_rule(c))
        .count();
    // Checks that say the same thing share a row, at the first one's place.
    let mut rows: Vec<Row> = Vec::new();
    for c in r
        .checks
        .iter()
        .filter(|c| shown(c) && (verbose || !skipped_by_rule(c)))
    {
        match rows.iter_mut().find(|row| same(row.first, c)) {
            Some(row) => row.ids.push(&c.id),
            None => rows.push(Row {
                first: c,
                ids: vec![&c.id],
            }),
        }
    }
    let cells: Vec<String> = rows.iter().map(|row| id_list(r, &row.ids)).collect();
    for (row, cell) in rows.iter().zip(&cells) {
        let c = row.first;
        let name = match c.status {
            Status::Fail => "FAIL",
            st => st.as_str(),
        };
        let name = format!("{name:sw$}");
        let status = match c.status {
            Status::Pass => style.good(&name),
            Status::Warn | Status::NotRun => style.caution(&name),
            Status::Fail => style.bad(&name),
            _ => name,
        };
        // A reason another row says in full (the record that could not be fetched, inside
        // the key check that needed it) is named by that row's ids, not said again.
        let mut message = c.message.clone();
        for (other, other_cell) in rows.iter().zip(&cells) {
            let reason = &other.first.message;
            if other.first.status == Status::NotRun
                && reason.len() >= 40
                && reason != &c.message
                && message.contains(reason.as_str())
            {
                message = message.replacen(reason.as_str(), &format!("see {other_cell}"), 1);
            }
        }
        if cell.len() > width {
            s += &format!("{status}  {cell}\n{pad}{message}\n");
        } else {
            s += &format!("{status}  {cell:width$}  {message}\n");
        }
        if let Some(h) = c.hint.as_deref().filter(|h| !restates(&c.message, h)) {
            s += &format!("{pad}hint: {h}\n");
        }
        if c.status != Status::Pass {
            for d in &c.details {
                s += &format!("{pad}- {}\n", detail(&c.message, d));
            }
        }
    }
    if hidden > 0 {
        s += &format!(
            "({} skipped by rule; --verbose shows them)\n",
            plural(hidden, "check", "checks")
        );
    }
    s += &verdict(r, style);
    s.push('\n');
    s
}

/// True when `message` already says what `hint` does: the hint whole, or all of it after
/// its verb ("publish it in the Public Comments …" beside "ARIN wants it in the Public
/// Comments …").
fn restates(message: &str, hint: &str) -> bool {
    let object = hint.splitn(3, ' ').nth(2).unwrap_or(hint);
    message.contains(hint) || (object.len() >= 30 && message.contains(object))
}

/// A detail `PLACE: WHY` whose WHY (a sentence, not a VRP the message quotes) the message
/// already says, as its PLACE alone.
fn detail<'a>(message: &str, d: &'a str) -> &'a str {
    match d.split_once(": ") {
        Some((place, why)) if why.len() >= 60 && message.contains(why) => place,
        _ => d,
    }
}

/// The verdict line, under 100 characters: NOT READY when a check failed; INCOMPLETE when
/// none failed but one did not run or was left out for want of evidence; READY only when
/// the report is ready ([`Report::ready`], the one verdict of exit 0). Then the counts,
/// and how many reasons the rows above give for what did not run or was left out; an
/// INCOMPLETE line names what to give next where a flag or command gives it.
pub fn verdict(r: &Report, style: &Style) -> String {
    let (fail, not_run) = (r.count(Status::Fail), r.count(Status::NotRun));
    let mut counts = format!(
        "{} failed, {}, {} passed, {} skipped",
        fail,
        plural(r.count(Status::Warn), "warning", "warnings"),
        r.count(Status::Pass),
        r.count(Status::Skip)
    );
    if not_run > 0 {
        counts += &format!(", {not_run} not run");
    }
    let (word, paint): (&str, fn(&Style, &str) -> String) = if fail > 0 {
        ("NOT READY", Style::bad)
    } else if r.eligible_so_far() {
        // Before a key exists, nothing against the prefix: what passed, and the next step.
        return eligible_line(r, style) + &crate::clock::verdict_note();
    } else if r.ready() {
        ("READY", Style::good)
    } else {
        ("INCOMPLETE", Style::caution)
    };
    let reasons = reason_count(r);
    let above = (reasons > 0).then(|| format!("; {} above", plural(reasons, "reason", "reasons")));
    let next = next_step(r)
        .filter(|_| fail == 0)
        .map(|n| format!("; next: {n}"));
    let mut tail = format!(
        "{}{}",
        above.as_deref().unwrap_or_default(),
        next.as_deref().unwrap_or_default()
    );
    // The line stays short: what to give next wins over the count of reasons.
    let fits = |tail: &str| word.len() + 2 + counts.len() + tail.chars().count() < MAX_VERDICT;
    if !fits(&tail) {
        tail = [next, above]
            .into_iter()
            .flatten()
            .find(|t| fits(t))
            .unwrap_or_default();
    }
    format!("{}: {counts}{tail}", paint(style, word)) + &crate::clock::verdict_note()
}

/// The verdict of a report that judged eligibility alone and found nothing against it
/// ([`Report::eligible_so_far`]): `INCOMPLETE: eligible so far — registry, allocation type,
/// prefix, ROAs and IRR pass; next: byoip keygen`, naming the subjects the report judged (an
/// ASN's has no allocation type; a range not advertised, no ROAs; Azure and Oracle, no IRR)
/// and any warnings.
fn eligible_line(r: &Report, style: &Style) -> String {
    // The subject each check judges, in the order the line names them.
    let subject = |id: &CheckId| match id {
        CheckId::RdapRegistry | CheckId::RdapRecord | CheckId::RdapAutnumRecord => Some("registry"),
        CheckId::RdapAllocationType => Some("allocation type"),
        CheckId::PrefixCanonical | CheckId::PrefixSize | CheckId::PrefixPublic => Some("prefix"),
        CheckId::AsnPublic => Some("ASN"),
        CheckId::Roa(_) | CheckId::RoaOwnAsn => Some("ROAs"),
        CheckId::IrrRoute => Some("IRR"),
        _ => None,
    };
    let passed: Vec<&str> = [
        "registry",
        "allocation type",
        "prefix",
        "ASN",
        "ROAs",
        "IRR",
    ]
    .into_iter()
    .filter(|name| {
        r.checks.iter().any(|c| {
            subject(&c.id) == Some(*name) && matches!(c.status, Status::Pass | Status::Warn)
        })
    })
    .collect();
    let list = match passed.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_string(),
        None => "nothing".to_string(),
    };
    let warnings = match r.count(Status::Warn) {
        0 => String::new(),
        n => format!(", with {}", plural(n, "warning", "warnings")),
    };
    // Oracle signs nothing: its proof is the token it issues when the import is started.
    let next = match r.cloud {
        byoip::Cloud::Oci => "import in OCI, then --validation-token",
        _ => "byoip keygen",
    };
    // Under 100 characters: the list more briefly, else the rows above list what passed.
    let said = [
        format!("eligible so far — {list} pass{warnings}; next: {next}"),
        format!(
            "eligible so far — {}{warnings}; next: {next}",
            passed.join(", ")
        ),
        format!("eligible so far{warnings}; next: {next}"),
    ]
    .into_iter()
    .find(|l| "INCOMPLETE: ".len() + l.chars().count() < MAX_VERDICT)
    .unwrap_or_else(|| format!("eligible so far; next: {next}"));
    format!("{}: {said}", style.caution("INCOMPLETE"))
}

/// The verdict line's length limit (colour and the clock's note aside).
const MAX_VERDICT: usize = 100;

/// How many distinct reasons the report gives for checks that did not run or were left
/// out (one that restates another counted once).
fn reason_count(r: &Report) -> usize {
    let not_run = not_run_reasons(r);
    let mut left: Vec<&str> = Vec::new();
    for c in r.left_out() {
        if !left.contains(&c.message.as_str()) && !not_run.contains(&c.message.as_str()) {
            left.push(&c.message);
        }
    }
    not_run.len() + left.len()
}

/// What to give next for the checks `r` left out, in this CLI's flags and commands, short
/// enough for the verdict line; `None` when nothing was left out, or nothing short says it
/// (the rows above then do).
fn next_step(r: &Report) -> Option<&'static str> {
    let out: Vec<&check::Check> = r.left_out().collect();
    let first = |want: fn(&CheckId) -> bool| out.iter().find(|c| want(&c.id));
    if out.iter().any(|c| skipped_by_local_only(c)) {
        return Some("a run without --local-only");
    }
    // Before a key exists the message is no next step: what stopped an eligibility report
    // is the evidence that did not come, which the error or note below says how to get.
    if r.judges_eligibility() && !r.complete() {
        return Some("network or saved files");
    }
    if first(|id| matches!(id, CheckId::KeyCertMatch)).is_some_and(|c| c.message.contains("--cert"))
    {
        return Some("--cert and --key");
    }
    if let Some(c) = first(|id| {
        id.is_message()
            || matches!(
                id,
                CheckId::SignatureLocal | CheckId::RdapSignature | CheckId::Context(_)
            )
    }) {
        // batch check and audit: the manifest's signed contexts, which `batch sign` writes.
        return Some(if c.message.contains("signed context") {
            "byoip batch sign"
        } else {
            "--message/--signature"
        });
    }
    first(|id| matches!(id, CheckId::OciToken)).map(|_| "--validation-token")
}

/// True when `c` was skipped because `--local-only` asked for the local checks alone: its
/// message says so, in the CLI's words (`check`) or the library's (`batch check`, whose
/// manifest words need no flag).
pub fn skipped_by_local_only(c: &check::Check) -> bool {
    c.is_left_out()
        && (c.message.contains("--local-only") || c.message.contains("local checks only"))
}

/// `ids` for people: every check of a family the report has (two or more) as `family.*`
/// (`message.*`, `roa.*`), the others by name, in report order.
pub fn id_list(r: &Report, ids: &[&CheckId]) -> String {
    let family = |id: &CheckId| {
        let s = id.to_string();
        s.split_once('.').map_or(s.clone(), |(f, _)| f.to_string())
    };
    let mut shown: Vec<String> = Vec::new();
    for id in ids {
        let f = family(id);
        let all: Vec<&CheckId> = r
            .checks
            .iter()
            .map(|c| &c.id)
            .filter(|i| family(i) == f)
            .collect();
        let whole = all.len() > 1 && all.iter().all(|i| ids.contains(i));
        let name = if whole {
            format!("{f}.*")
        } else {
            id.to_string()
        };
        if !shown.contains(&name) {
            shown.push(name);
        }
    }
    shown.join(", ")
}

/// The distinct reasons checks did not run, leaving out any that restates another.
pub fn not_run_reasons(r: &Report) -> Vec<&str> {
    let mut all: Vec<&str> = Vec::new();
    for c in r.checks.iter().filter(|c| c.status == Status::NotRun) {
        if !all.contains(&c.message.as_str()) {
            all.push(&c.message);
        }
    }
    let kept: Vec<&str> = all
        .iter()
        .copied()
        .filter(|m| !all.iter().any(|o| o != m && m.contains(o)))
        .collect();
    kept
}
