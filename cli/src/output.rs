//! Output: stdout carries data (a reader that goes away ends the writing quietly), stderr
//! notes and warnings; colour only where wanted; findings and progress rendered.

use std::io::{self, IsTerminal, Write};

use super::{COLOR, CliError, ColorWhen};

/// What has happened to stdout so far, the one record of it: read by [`out`] (nothing
/// more is written once the reader is gone) and at exit (an error goes to stdout as JSON
/// only when no report is there already).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Stdout {
    /// Nothing written yet.
    Unwritten = 0,
    /// Something written: the command's document is there.
    Written = 1,
    /// The reader went away (`byoip check | head`): the rest is dropped, quietly, and the
    /// command still ends with its verdict's exit code.
    ReaderGone = 2,
}

static STDOUT: std::sync::atomic::AtomicU8 =
    std::sync::atomic::AtomicU8::new(Stdout::Unwritten as u8);

impl Stdout {
    /// The state now.
    pub fn state() -> Stdout {
        match STDOUT.load(std::sync::atomic::Ordering::Relaxed) {
            0 => Stdout::Unwritten,
            1 => Stdout::Written,
            _ => Stdout::ReaderGone,
        }
    }

    fn set(self) {
        STDOUT.store(self as u8, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Writes to stdout; a closed pipe (`byoip … | head`) is [`Stdout::ReaderGone`], not an
/// error: the writing stops and the exit code stays the verdict's.
pub fn out(text: &str) -> Result<(), CliError> {
    match Stdout::state() {
        Stdout::ReaderGone => return Ok(()),
        Stdout::Unwritten => Stdout::Written.set(),
        Stdout::Written => {}
    }
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            Stdout::ReaderGone.set();
            Ok(())
        }
        Err(e) => Err(CliError::input(
            format!("cannot write to standard output: {e}"),
            "check where the output goes",
        )),
    }
}

/// A warning on stderr.
pub fn warn(text: &str) {
    errln!("warning: {text}");
}

/// A note on stderr.
pub fn note(text: &str) {
    errln!("note: {text}");
}

/// Whether stdout is a terminal (decides the default output format and colour).
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Warns when `cert` stops being valid before a message expiring on `expires` would.
/// `what` names the certificate; `fix` says what to do.
pub fn warn_if_cert_expires_first(
    cert: &byoip::certificate::Certificate,
    expires: byoip::ExpiryDate,
    what: &str,
    fix: &str,
) {
    if cert.expires_before(expires) {
        warn(&format!(
            "{what} expires on {}, before a message valid through {} (end of day, UTC): AWS checks the signature with the certificate, so the message is refused once it has expired; {fix}",
            cert.not_after().format("%Y-%m-%d %H:%M UTC"),
            expires.date()
        ));
    }
}

/// The message in `bytes` when it is exactly a well-formed one of either cloud's form (for
/// the `account`, `subscription`, `cidr` and `expires` fields of JSON output; `null`
/// otherwise).
pub fn parse_message(bytes: &[u8]) -> Option<byoip::AnyMessage> {
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

/// A lint finding as `lint --json` (`findings`) and `verify --json` (`lint`) print it:
/// the library's [`byoip::Finding`] with its keys in alphabetical order, the order these two
/// outputs have always had (check and inspect print the library's own order).
#[derive(serde::Serialize)]
pub struct FindingJson<'a> {
    /// The cloud's failure code, where it names one (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    hint: &'a str,
    id: byoip::LintId,
    message: &'a str,
    severity: byoip::Severity,
}

impl<'a> FindingJson<'a> {
    /// Each of `findings`, in order.
    pub fn list(findings: &'a [byoip::Finding]) -> Vec<FindingJson<'a>> {
        findings
            .iter()
            .map(|f| FindingJson {
                code: f.code,
                hint: &f.hint,
                id: f.id,
                message: &f.message,
                severity: f.severity,
            })
            .collect()
    }
}

/// For `#[serde(serialize_with = "alphabetical")]`: a library value printed with every
/// object's keys in alphabetical order (serde_json's own `Value` keeps its keys sorted), as
/// the outputs that embed it have always printed it, whatever order its fields are declared
/// in.
pub fn alphabetical<T: serde::Serialize, S: serde::Serializer>(
    value: &T,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::Serialize;
    serde_json::to_value(value)
        .map_err(serde::ser::Error::custom)?
        .serialize(s)
}

/// `value` as pretty JSON with every object's keys in alphabetical order, nested values
/// included: the form `batch check`, `batch verify`, `audit` and `inspect --json` have
/// always printed (`check --json` prints a report's fields in their declared order).
pub fn sorted_json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    // serde_json's own `Value` keeps its keys sorted, nested ones included.
    json(&serde_json::to_value(value).map_err(unrenderable)?)
}

/// Serializes to pretty JSON followed by a newline. The output structs of the commands
/// whose JSON was once built as `serde_json::Value` declare their fields in alphabetical
/// order, the order that JSON has always had.
/// Under `BYOIP_NOW` an object gains `"now"` ([`super::clock::with_now`]).
pub fn json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(&super::clock::with_now(value))
        .map(|s| s + "\n")
        .map_err(unrenderable)
}

/// A value serde_json cannot render (a map with non-string keys): a bug of this CLI's.
fn unrenderable(e: serde_json::Error) -> CliError {
    CliError::input(
        format!("cannot render JSON: {e}"),
        "this is a bug; please report it",
    )
}

/// Colours for a terminal that wants them.
pub struct Style {
    on: bool,
}

impl Style {
    /// Decides from `--color`, the environment and whether stdout is a terminal.
    pub fn detect() -> Self {
        let when = COLOR.get().copied().unwrap_or(ColorWhen::Auto);
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Style {
            on: colour_wanted(
                when,
                env("NO_COLOR").is_some(),
                env("CLICOLOR_FORCE").is_some_and(|v| v != "0"),
                env("TERM").as_deref() == Some("dumb"),
                stdout_is_terminal(),
            ),
        }
    }

    /// No colour, for text that does not go to stdout.
    pub fn plain() -> Self {
        Style { on: false }
    }

    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// Green.
    pub fn good(&self, s: &str) -> String {
        self.paint("32", s)
    }

    /// Red, bold.
    pub fn bad(&self, s: &str) -> String {
        self.paint("1;31", s)
    }

    /// Yellow.
    pub fn caution(&self, s: &str) -> String {
        self.paint("33", s)
    }
}

/// Whether to colour. An explicit `--color always|never` wins; under `auto`, `NO_COLOR`
/// (no-color.org) turns colour off, then `CLICOLOR_FORCE` (bixense.com/clicolors) turns it
/// on even in a pipe, and otherwise a terminal gets colour unless `TERM=dumb` — the order
/// anstream (clap's own output) uses.
fn colour_wanted(when: ColorWhen, no_color: bool, force: bool, dumb: bool, terminal: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto if no_color => false,
        ColorWhen::Auto if force => true,
        ColorWhen::Auto => terminal && !dumb,
    }
}

/// Renders lint findings as indented lines, each with the failure code the cloud would
/// report, where it names one.
pub fn render_findings(findings: &[byoip::Finding], style: &Style) -> String {
    findings
        .iter()
        .map(|f| {
            let message = match f.code {
                Some(code) => format!("{} (failure code {code})", f.message),
                None => f.message.clone(),
            };
            render_finding(f.severity, f.id.as_str(), &message, &f.hint, style)
        })
        .collect()
}

/// One finding: `  error id: message` and its hint below.
pub fn render_finding(
    severity: byoip::Severity,
    id: &str,
    message: &str,
    hint: &str,
    style: &Style,
) -> String {
    let sev = match severity {
        byoip::Severity::Error => style.bad("error"),
        _ => style.caution("warning"),
    };
    format!("  {sev} {id}: {message}\n      hint: {hint}\n")
}

/// A one-line progress counter on stderr, only when stderr is a terminal and the output
/// is not JSON: nothing of it reaches a pipe or a log.
pub struct Progress {
    on: bool,
    total: usize,
    done: std::sync::atomic::AtomicUsize,
    what: &'static str,
}

impl Progress {
    /// A counter for `total` items, shown if `wanted` and stderr is a terminal.
    pub fn new(total: usize, what: &'static str, wanted: bool) -> Self {
        Progress {
            on: wanted && io::stderr().is_terminal() && total > 1,
            total,
            done: std::sync::atomic::AtomicUsize::new(0),
            what,
        }
    }

    /// One more item done.
    pub fn tick(&self) {
        let n = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if self.on {
            let width = 30;
            let filled = n * width / self.total.max(1);
            errp!(
                "\r[{}{}] {n}/{} {}",
                "#".repeat(filled),
                " ".repeat(width - filled),
                self.total,
                self.what
            );
            if n == self.total {
                errp!("\r{}\r", " ".repeat(width + 40));
            }
        }
    }
}
