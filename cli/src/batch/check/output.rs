//! What `batch check` writes: the JUnit XML, and the run as JSON, or the summary of each
//! entry not ready, with the verdict over all.

use std::{fmt::Write as _, path::Path};

use byoip::{
    VerificationMethod,
    check::{self, Check, Report, Status},
    contexts::ContextRecord,
    manifest::Manifest,
};

use crate::{
    CliError, Style,
    check::{heading, id_list, plural, render_only},
    junit, out, write_atomic,
};

use super::{CheckArgs, orphan_contexts};

/// Writes the JUnit XML (`--junit FILE`) and prints the run: JSON (`--json`), the JUnit XML
/// on stdout (`--junit -`, the summary then on stderr) or the summary; `requests`: the
/// HTTP requests the run sent. True when every report is ready.
pub(super) fn print_all(
    a: &CheckArgs,
    m: &Manifest,
    contexts: &[(String, ContextRecord)],
    reports: &[Report],
    prefix_count: usize,
    requests: u64,
) -> Result<bool, CliError> {
    let junit_to_stdout = a.junit.as_deref() == Some(Path::new("-"));
    let wanted: Vec<(String, bool)> = m
        .prefixes
        .iter()
        .map(|e| {
            (
                e.cidr.to_string(),
                e.verification == VerificationMethod::RemarksX509,
            )
        })
        .chain(m.asns.iter().map(|e| (e.asn.to_string(), true)))
        .collect();
    // Contexts for nothing in the manifest: a warning each, never a failure.
    let orphans: Vec<Check> = orphan_contexts(contexts, &wanted, m.contexts.as_deref());
    // A report is replaced whenever it is written again (keys and signed contexts never
    // are without --force).
    if let Some(path) = a.junit.as_deref().filter(|_| !junit_to_stdout) {
        write_atomic(
            path,
            junit::junit(
                reports,
                &orphans,
                &m.path.display().to_string(),
                crate::clock::set_to().as_deref(),
            )
            .as_bytes(),
            0o644,
            true,
        )?;
    }
    let ok = reports.iter().all(|r| r.ok());
    let ready = reports.iter().all(|r| r.ready());
    let complete = reports.iter().all(|r| r.complete());
    if a.json {
        out(&crate::sorted_json(&CheckJson {
            asns: &reports[prefix_count..],
            complete,
            http_requests: requests,
            manifest: &m.path,
            ok,
            orphan_contexts: orphans
                .iter()
                .map(|c| match &c.id {
                    check::CheckId::Context(label) => label.as_str(),
                    _ => "?",
                })
                .collect(),
            prefixes: &reports[..prefix_count],
            ready,
        })?)?;
    } else if junit_to_stdout {
        errp!(
            "{}",
            summary(reports, &orphans, m, &Style::plain(), a.verbose)
        );
        out(&junit::junit(
            reports,
            &orphans,
            &m.path.display().to_string(),
            crate::clock::set_to().as_deref(),
        ))?;
    } else {
        out(&summary(reports, &orphans, m, &Style::detect(), a.verbose))?;
    }
    Ok(ready)
}

/// `batch check --json`.
#[derive(serde::Serialize)]
struct CheckJson<'a> {
    /// The `[[asn]]` reports.
    asns: &'a [Report],
    /// No check of any report was left not run.
    complete: bool,
    /// HTTP requests made (cached answers are not requests).
    http_requests: u64,
    /// The manifest checked.
    manifest: &'a std::path::Path,
    /// Every report is `ok`: no check failed and every check ran.
    ok: bool,
    /// The labels of the signed contexts for no `[[prefix]]` or `[[asn]]` (each a warning
    /// in the summary, not a failure).
    orphan_contexts: Vec<&'a str>,
    /// The `[[prefix]]` reports.
    prefixes: &'a [Report],
    /// Every report is ready (nothing failed, not run or left out): exit 0.
    ready: bool,
}

fn summary(
    reports: &[Report],
    orphans: &[Check],
    m: &Manifest,
    style: &Style,
    verbose: bool,
) -> String {
    let mut s = String::new();
    let width = reports
        .iter()
        .map(|r| junit::report_name(r).len())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        s,
        "{:width$}  {:10}  FAILED / [NOT RUN] / {{LEFT OUT}} / (WARNINGS)",
        "CIDR", "RESULT"
    );
    for r in reports {
        let ids = |st: Status| {
            r.checks
                .iter()
                .filter(|c| c.status == st)
                .map(|c| c.id.to_string())
                .collect::<Vec<_>>()
        };
        let (fails, not_run, warns) = (ids(Status::Fail), ids(Status::NotRun), ids(Status::Warn));
        let verdict = if !fails.is_empty() {
            style.bad("NOT READY ")
        } else if !r.ready() {
            style.caution("INCOMPLETE")
        } else {
            style.good("READY     ")
        };
        let mut list: Vec<String> = fails.iter().map(|i| (*i).to_string()).collect();
        list.extend(not_run.iter().map(|i| format!("[{i}]")));
        let out: Vec<&check::CheckId> = r.left_out().map(|c| &c.id).collect();
        if !out.is_empty() {
            list.push(format!("{{{}}}", id_list(r, &out)));
        }
        list.extend(warns.iter().map(|i| format!("({i})")));
        let _ = writeln!(
            s,
            "{:width$}  {verdict}  {}",
            junit::report_name(r),
            list.join(" ")
        );
    }
    if !orphans.is_empty() {
        s.push('\n');
    }
    for c in orphans {
        let _ = writeln!(s, "{}  {}  {}", style.caution("warn"), c.id, c.message);
        if let Some(h) = &c.hint {
            let _ = writeln!(s, "      hint: {h}");
        }
    }
    for (i, r) in reports.iter().enumerate().filter(|(_, r)| !r.ready()) {
        s.push('\n');
        let title = match m.prefixes.get(i) {
            Some(e) => format!(
                "byoip check {} ({})",
                r.cidr,
                heading(e.service, e.advertise, e.govcloud)
            ),
            None => format!("byoip check {} (BYOASN to VPC IPAM)", junit::report_name(r)),
        };
        s += &render_only(r, &title, style, verbose, |c| {
            verbose || matches!(c.status, Status::Fail | Status::NotRun) || c.is_left_out()
        });
    }
    let bad = reports.iter().filter(|r| !r.ready()).count();
    let failed = reports.iter().filter(|r| r.count(Status::Fail) > 0).count();
    let verdict = if failed > 0 {
        style.bad("NOT READY")
    } else if bad > 0 {
        style.caution("INCOMPLETE")
    } else {
        style.good("READY")
    };
    let (one, many) = if m.asns.is_empty() {
        ("prefix", "prefixes")
    } else {
        ("entry", "entries")
    };
    let _ = write!(
        s,
        "\n{verdict}: {} of {} {} ready",
        reports.len() - bad,
        reports.len(),
        if reports.len() == 1 { one } else { many }
    );
    if bad > failed {
        let _ = write!(
            s,
            " ({} not fully checked)",
            plural(bad - failed, one, many)
        );
    }
    s += &crate::clock::verdict_note();
    s.push('\n');
    s
}
