//! `byoip audit`: the offline CI check of key material (rules in
//! [`byoip::audit`]). Adds what only the file system can tell: the key file's mode.

use super::heading;
use std::path::{Path, PathBuf};

use byoip::{
    audit::{self, KeyState},
    check::{Check, CheckId, Status},
    contexts,
    key::SigningKey,
    manifest,
};

use super::{
    CliError, CliResult, Outcome, PassphraseArgs, Style, check::render, load_certificate,
    load_manifest, open_key_mode, out, read_input,
};

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
pub struct AuditArgs {
    /// The manifest.
    #[arg(long, value_name = "FILE", default_value = manifest::DEFAULT_NAME)]
    manifest: PathBuf,
    /// Warn when the certificate or a signed context expires within this many days.
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    warn_days: i64,
    /// Fail when the certificate or a signed context expires within this many days.
    #[arg(long, value_name = "DAYS", default_value_t = 7)]
    fail_days: i64,
    /// Signed contexts to audit (default: the manifest's `contexts`); repeatable.
    #[arg(long, value_name = "FILE")]
    contexts: Vec<PathBuf>,
    /// Print JSON ({"ok", "ready", "checks": […]}).
    #[arg(long, help_heading = heading::OUTPUT)]
    json: bool,
    /// List the checks skipped by rule too (those that do not apply here), which the report otherwise only counts.
    #[arg(long, short = 'v')]
    verbose: bool,
    #[command(flatten)]
    pass: PassphraseArgs,
}

/// `audit --json`.
#[derive(serde::Serialize)]
struct AuditJson<'a> {
    /// The checks, in report order.
    checks: &'a [Check],
    /// No check was left not run.
    complete: bool,
    /// The manifest audited.
    manifest: &'a std::path::Path,
    /// No check failed and every check ran.
    ok: bool,
    /// The labels of the contexts for no `[[prefix]]` or `[[asn]]` of the manifest (their
    /// `context.<label>` checks warn).
    orphan_contexts: Vec<String>,
    /// `ok`, and no check was left out for want of evidence: exit 0.
    ready: bool,
}

pub fn run(a: AuditArgs) -> CliResult {
    if a.fail_days > a.warn_days {
        return Err(CliError::input(
            format!(
                "--fail-days {} is more than --warn-days {}",
                a.fail_days, a.warn_days
            ),
            "the failure threshold is the nearer one: e.g. --warn-days 30 --fail-days 7",
        ));
    }
    let m = load_manifest(&a.manifest)?;
    // An audit that looked at nothing must not read as READY.
    if m.cloud == byoip::Cloud::Oci {
        return Err(CliError::input(
            format!(
                "{}: an Oracle manifest has no key, certificate or signed context to audit (Oracle's proof is a token line in the registry record)",
                m.path.display()
            ),
            format!(
                "check the tokens with `byoip batch check --manifest {}`",
                m.path.display()
            ),
        ));
    }
    if m.key.is_none() && m.cert.is_none() && m.contexts.is_none() && a.contexts.is_empty() {
        return Err(CliError::input(
            format!(
                "{}: the manifest names no key, certificate or signed contexts: nothing to audit",
                m.path.display()
            ),
            "add key = \"…\", cert = \"…\" or contexts = \"…\" to the manifest, or give --contexts FILE",
        ));
    }
    let mut extra: Vec<Check> = Vec::new();
    let key = key_state(m.key.as_deref(), &a.pass, &mut extra);
    let certificate = m
        .cert
        .as_deref()
        .map(|p| load_certificate(p, Some(super::batch::MANIFEST_KEY)))
        .transpose()?;
    let files: Vec<PathBuf> = if a.contexts.is_empty() {
        if let Some(f) = &m.contexts {
            super::manifest_file_exists(&m, "contexts", f)?;
        }
        m.contexts.iter().cloned().collect()
    } else {
        a.contexts.clone()
    };
    let mut contexts = Vec::new();
    for f in &files {
        let data = read_input(f, super::batch::MAX_CONTEXTS_BYTES, "contexts file")?;
        let shown = f.display().to_string();
        contexts.extend(
            contexts::read_contexts(&data, &shown)?
                .into_iter()
                .map(|r| (shown.clone(), r)),
        );
    }
    // Every prefix proven by a signed message needs its context, held to it; dns-token's
    // need none.
    let expected: Vec<audit::Expected<'_>> = m
        .prefixes
        .iter()
        .filter(|e| e.verification == byoip::VerificationMethod::RemarksX509)
        .map(|entry| audit::Expected::Prefix {
            cloud: m.cloud,
            entry,
        })
        .chain(m.asns.iter().map(audit::Expected::Asn))
        .collect();
    let inputs = audit::Inputs {
        name: m.path.display().to_string(),
        key,
        certificate: certificate.as_ref(),
        contexts,
        expected: Some(expected),
        fail_days: a.fail_days,
        warn_days: a.warn_days,
        now: super::clock::now(),
    };
    let mut report = audit::run(&inputs, extra);
    for c in &mut report.checks {
        c.hint = super::advice::hint_of(c);
        // A context's message is compared with the manifest, not with flags ("the account
        // given" is the manifest's): its message and details keep the library's words.
        if !matches!(c.id, CheckId::Context(_)) {
            c.message = super::advice::text(&c.message);
            for d in &mut c.details {
                *d = super::advice::text(d);
            }
        }
    }
    if a.json {
        out(&super::sorted_json(&AuditJson {
            checks: &report.checks,
            complete: report.complete(),
            manifest: &m.path,
            ok: report.ok(),
            orphan_contexts: audit::orphan_contexts(&inputs),
            ready: report.ready(),
        })?)?;
    } else {
        let title = format!(
            "byoip audit {} (warn within {}, fail within {})",
            m.path.display(),
            crate::text::days(a.warn_days),
            crate::text::days(a.fail_days)
        );
        out(&render(&report, &title, &Style::detect(), a.verbose))?;
    }
    Ok(if report.ready() {
        Outcome::Ok
    } else {
        Outcome::Failed
    })
}

/// The manifest's key (`path`), for the audit: loaded (its public half), broken, or not
/// checked (encrypted, no passphrase); `extra` gets the check of its file's permissions.
fn key_state(path: Option<&Path>, pass: &PassphraseArgs, extra: &mut Vec<Check>) -> KeyState {
    match path {
        None => KeyState::Absent,
        Some(p) => {
            extra.push(match open_key_mode(p) {
                Some(mode) => Check::new(
                    CheckId::KeyPermissions,
                    Status::Fail,
                    format!(
                        "{} is readable by group or others (mode {mode:04o})",
                        p.display()
                    ),
                    Some(format!("chmod 600 {}", p.display())),
                ),
                None => Check::new(
                    CheckId::KeyPermissions,
                    Status::Pass,
                    format!("{} is private to its owner", p.display()),
                    None,
                ),
            });
            let shown = p.display().to_string();
            match read_input(p, byoip::key::MAX_KEY_BYTES, "key file") {
                Err(e) => KeyState::Broken {
                    reason: e.line(),
                    hint: e.hint,
                },
                Ok(data) => match SigningKey::from_bytes(&data, byoip::key::Passphrase::Ask(&mut || pass.get(&shown))) {
                    Ok((k, _)) => KeyState::Loaded(k.verifying_key().clone()),
                    Err(byoip::Error::PassphraseRequired) => {
                        KeyState::NotChecked("it is encrypted and no passphrase was given".into())
                    }
                    Err(e) => KeyState::Broken {
                        hint: match e {
                            byoip::Error::WrongPassphrase | byoip::Error::PassphraseUnavailable { .. } => super::hint_for(&e),
                            _ => "restore the key file from its backup; without it no new message can be signed".into(),
                        },
                        reason: e.chain(),
                    },
                },
            }
        }
    }
}
