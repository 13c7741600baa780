//! Errors as the CLI reports them: one line, `error: WHAT; hint: WHAT TO DO`, with the
//! exit code (README "Exit codes"); clap's usage errors read into the same line. A library
//! error's WHAT is its chain of causes (`a: b: c`, [`Error::chain`]); its hint, in the
//! library's words, gets this CLI's flags from its remedies ([`hint_for`]).

use std::{
    io::{self, Write},
    process::ExitCode,
};

use std::path::Path;

use byoip::Error;
use clap::CommandFactory;

use super::{Cli, json_requested_in_args, raw_args};

/// An error the CLI reports: what happened, what to do, and the exit code.
#[derive(Debug)]
pub struct CliError {
    /// What happened, in one line (a library error's causes included).
    pub(super) what: String,
    pub(super) hint: String,
    pub(super) code: u8,
    /// The system's error behind `what`, kept for a library error built from this one
    /// (a passphrase file that cannot be read); `what` already says it.
    pub(super) source: Option<byoip::error::Cause>,
}

impl CliError {
    /// An input or usage problem (exit 2).
    pub fn input(what: impl Into<String>, hint: impl Into<String>) -> Self {
        CliError {
            what: what.into(),
            hint: hint.into(),
            code: 2,
            source: None,
        }
    }

    /// An answer of the library this command does not know (the library's enums are
    /// `#[non_exhaustive]`): only a library newer than the command gives one (exit 2).
    pub fn unknown(what: &str) -> Self {
        CliError::input(
            format!("this byoip command does not know the library's {what}"),
            "build the command and the library from one checkout (cargo install --locked --path cli)",
        )
    }

    /// An error reading one of `files`, one that does not exist: its hint also names what
    /// saves it (`save`, given that file's path), e.g. "check the path, or save the record
    /// with `byoip rdap fetch --cidr 192.0.2.0/24 --out rdap.json`". Other errors (the
    /// file unreadable, not what it should be) are kept as they are.
    pub fn or_saved_by(mut self, files: &[&Path], save: impl Fn(&Path) -> String) -> Self {
        let missing = files.iter().find(|f| {
            **f != Path::new("-")
                && !f.exists()
                && self.what.contains(&format!("{:?}", f.display()))
        });
        if let Some(f) = missing {
            self.hint = format!("{}, or {}", self.hint, save(f));
        }
        self
    }

    /// What happened and its cause, on one line (`a: b`): what the user reads.
    pub fn line(&self) -> String {
        match &self.source {
            Some(c) => format!("{}: {c}", self.what),
            None => self.what.clone(),
        }
    }
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        CliError {
            hint: hint_for(&e),
            what: e.chain(),
            code: 2,
            source: None,
        }
    }
}

/// What to do about `e`, in the CLI's words: the library's hint, which says what without
/// naming flags or commands (a browser page shows it too), and its remedies as the flags
/// and commands that do it.
pub fn hint_for(e: &Error) -> String {
    super::advice::hint(&e.hint(), &e.remedies(), super::advice::Means::Flags)
}

/// The `--json` form of an error: `{"error": …, "hint": …}`.
#[derive(serde::Serialize)]
struct ErrorJson<'a> {
    error: &'a str,
    hint: &'a str,
}

/// [`ErrorJson`] on stdout (a closed pipe is ignored: the exit code still says it).
pub(super) fn print_json_error(what: &str, hint: &str) {
    // Two strings always serialize.
    if let Ok(text) = serde_json::to_string_pretty(&ErrorJson { error: what, hint }) {
        let _ = writeln!(io::stdout().lock(), "{text}");
    }
}

/// A usage error found by clap, as one line `error: WHAT; hint: WHAT TO DO` (exit 2), plus
/// the JSON object on stdout when JSON was asked for. Help and version requests print
/// clap's own output untouched and exit 0.
pub(super) fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) || !e.use_stderr() {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let (what, hint) = usage_line(e);
    if json_requested_in_args() {
        print_json_error(&what, &hint);
    }
    errln!("error: {what}; hint: {hint}");
    ExitCode::from(2)
}

/// Reads clap's multi-line report (the error with its details, `tip:` lines, a `Usage:`
/// line, a pointer to `--help`) into what happened and what to do.
fn usage_line(e: &clap::Error) -> (String, String) {
    use clap::error::ErrorKind;
    let (command, cmd) = command_in_args();
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let subs: Vec<&str> = cmd
            .get_subcommands()
            .map(clap::Command::get_name)
            .filter(|n| *n != "help")
            .collect();
        return (
            format!("`{command}` needs a subcommand: {}", subs.join(", ")),
            format!("see `{command} --help`"),
        );
    }
    let rendered = e.render().to_string();
    let lines: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let is_tail = |l: &str| {
        l.starts_with("Usage:") || l.starts_with("tip:") || l.starts_with("For more information")
    };
    // The error with its details ("the following required arguments were not provided:
    // --key <FILE>", "[possible values: …]"), up to the tips and the usage line.
    let what = lines
        .iter()
        .take_while(|l| !is_tail(l))
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let what = what.strip_prefix("error: ").unwrap_or(&what).to_string();
    // byoip's own value parsers already say what to do ("…; hint: did you mean …").
    if let Some((what, hint)) = what.split_once("; hint: ") {
        return (what.to_string(), hint.to_string());
    }
    let what = if what.is_empty() {
        "invalid arguments".to_string()
    } else {
        what
    };
    // Two flags that exclude each other: clap's usage line would echo the given flags back
    // as if they were the advice. Name the two, and that one must go.
    if e.kind() == ErrorKind::ArgumentConflict
        && let Some(hint) = conflict_hint(e, &command)
    {
        return (what, hint);
    }
    let mut hint: Vec<String> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("tip: "))
        .map(str::to_string)
        .collect();
    if let Some(usage) = lines.iter().find_map(|l| l.strip_prefix("Usage: ")) {
        hint.push(format!("usage: {usage}"));
    }
    hint.push(format!("see `{command} --help`"));
    (what, hint.join("; "))
}

/// "drop --offline or --local-only (not both); see `byoip check --help`" for a conflict
/// between flags, by their names alone (without clap's `<VALUE>` placeholders).
fn conflict_hint(e: &clap::Error, command: &str) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    let name = |v: &ContextValue| -> Vec<String> {
        let flags: Vec<&String> = match v {
            ContextValue::String(s) => vec![s],
            ContextValue::Strings(v) => v.iter().collect(),
            _ => Vec::new(),
        };
        flags
            .into_iter()
            .filter_map(|f| f.split_whitespace().next().map(str::to_string))
            .collect()
    };
    let mut flags = name(e.get(ContextKind::InvalidArg)?);
    flags.extend(name(e.get(ContextKind::PriorArg)?));
    flags.dedup();
    let (last, rest) = flags.split_last()?;
    if rest.is_empty() {
        return None;
    }
    Some(format!(
        "drop {} or {last} (not both); see `{command} --help`",
        rest.join(", ")
    ))
}

/// The subcommand the raw arguments name (`byoip batch sign`), and its definition, for a
/// usage error's pointer to the right `--help`.
fn command_in_args() -> (String, clap::Command) {
    let mut cmd = Cli::command();
    cmd.build();
    let mut name = "byoip".to_string();
    let args = raw_args();
    let mut args = args.iter();
    while let Some(a) = args.next() {
        if a == "--color" {
            args.next();
            continue;
        }
        if a.starts_with('-') {
            continue;
        }
        let Some(sub) = cmd.find_subcommand(a).cloned() else {
            break;
        };
        name = format!("{name} {}", sub.get_name());
        cmd = sub;
    }
    (name, cmd)
}
