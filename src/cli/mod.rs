//! Command-line glue: argument definitions, files, prompts, output and exit codes.
//!
//! Exit codes (README "Exit codes"): 0 ok/valid, 1 a check or verification failed,
//! 2 usage, input, I/O or network error. Errors print one line, `error: WHAT; hint: WHAT TO DO`.
//! Secrets: passphrases come from a no-echo prompt, `--passphrase-file` or
//! `BYOIP_PASSPHRASE`, never argv; nothing here prints key material.

/// `eprintln!` that ignores a closed or failing stderr (`eprintln!` panics there, and a
/// diagnostic that cannot be shown must not change the exit code).
macro_rules! errln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

/// `eprint!` that ignores a closed or failing stderr.
macro_rules! errp {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($t)*);
    }};
}

mod audit;
mod batch;
mod check;
mod clouds;
mod dns_token;
mod inspect;
mod keys;
mod message;
mod rdap;
mod sign;
mod verify;

use std::{
    fs,
    io::{self, IsTerminal, Read, Write},
    path::{Path, PathBuf},
    process::ExitCode,
};

use byoip::Error;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand, parser::ValueSource};
use zeroize::Zeroizing;

/// The environment variable a passphrase may come from.
pub const PASSPHRASE_ENV: &str = "BYOIP_PASSPHRASE";

#[derive(Parser)]
#[command(
    name = "byoip",
    version,
    about = "Sign, verify and check AWS BYOIP authorization messages",
    long_about = "Sign, verify and check AWS BYOIP authorization messages (EC2, VPC IPAM, Global Accelerator).\n\n\
Exit codes: 0 ok/valid, 1 a check or verification failed, 2 usage, input, I/O or network error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour the output: auto (a terminal, unless NO_COLOR is set or TERM=dumb;
    /// CLICOLOR_FORCE forces it), always or never.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    color: ColorWhen,
}

/// `--color`: as ripgrep and git take it.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// The `--color` given, read by [`Style::detect`].
static COLOR: std::sync::OnceLock<ColorWhen> = std::sync::OnceLock::new();

#[derive(Subcommand)]
enum Command {
    /// Print the authorization message 1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS (ASN in place of CIDR with --asn; Azure's SUBSCRIPTION|CIDR|YYYYMMDD with --cloud azure).
    Message(message::MessageArgs),
    /// List every problem with a message (exit 0 clean, 1 problems, 2 unreadable).
    Lint(message::LintArgs),
    /// Sign a message with RSASSA-PSS/SHA-256 and encode it for AWS (Azure: PKCS#1 v1.5, standard base64).
    Sign(sign::SignArgs),
    /// Verify a message and signature offline, and say why a signature fails.
    Verify(verify::VerifyArgs),
    /// Check every prerequisite (prefix, message, certificate, RDAP record, ROAs) before provisioning.
    Check(Box<check::CheckArgs>),
    /// IPAM dns-token verification: plan and check the reverse-DNS TXT records.
    DnsToken(dns_token::DnsTokenArgs),
    /// Many prefixes from a manifest (byoip.toml): sign, verify or check them all.
    Batch(batch::BatchArgs),
    /// Offline CI check of key material: key, certificate, signed contexts, file modes.
    Audit(audit::AuditArgs),
    /// Registry records: fetch and save the RDAP record for offline checks.
    Rdap(rdap::RdapArgs),
    /// Generate an RSA private key (encrypted PKCS#8 by default).
    Keygen(keys::KeygenArgs),
    /// Make the self-signed X.509 certificate to publish in the registry record.
    Cert(keys::CertArgs),
    /// Explain a certificate, key, message, signature or context.
    Inspect(inspect::InspectArgs),
    /// List the clouds byoip knows (AWS, Azure, OCI) and what each wants: proof, ROA, sizes, record field.
    Clouds(clouds::CloudsArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish) on stdout.
    #[command(
        after_help = "Examples:\n  byoip completions bash > ~/.local/share/bash-completion/completions/byoip\n  \
byoip completions zsh > \"${fpath[1]}/_byoip\"\n  byoip completions fish > ~/.config/fish/completions/byoip.fish"
    )]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on stdout: byoip man > byoip.1; man ./byoip.1
    Man {
        /// A subcommand's own page instead (byoip-sign(1) is `byoip man sign`).
        #[arg(value_name = "SUBCOMMAND")]
        subcommand: Vec<String>,
    },
}

/// An error the CLI reports: what happened, what to do, and the exit code.
#[derive(Debug)]
pub struct CliError {
    what: String,
    hint: String,
    code: u8,
}

impl CliError {
    /// An input or usage problem (exit 2).
    pub fn input(what: impl Into<String>, hint: impl Into<String>) -> Self {
        CliError {
            what: what.into(),
            hint: hint.into(),
            code: 2,
        }
    }
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        CliError {
            hint: e.hint(),
            what: e.to_string(),
            code: 2,
        }
    }
}

/// What a subcommand returns: success, or a negative verdict (exit 1).
pub enum Outcome {
    Ok,
    Failed,
}

type CliResult = Result<Outcome, CliError>;

/// Runs the CLI.
pub fn main() -> ExitCode {
    let matches = match Cli::command().color(clap_color_in_args()).try_get_matches() {
        Ok(m) => m,
        Err(e) => return usage_error(&e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return usage_error(&e),
    };
    let json_mode = json_requested(&matches);
    let _ = COLOR.set(cli.color);
    let result = match cli.command {
        Command::Message(a) => message::run_message(a),
        Command::Lint(a) => message::run_lint(a),
        Command::Sign(a) => sign::run(a),
        Command::Verify(a) => verify::run(a),
        Command::Check(a) => check::run(*a),
        Command::DnsToken(a) => dns_token::run(a),
        Command::Batch(a) => batch::run(a),
        Command::Audit(a) => audit::run(a),
        Command::Rdap(a) => rdap::run(a),
        Command::Keygen(a) => keys::run_keygen(a),
        Command::Cert(a) => keys::run_cert(a),
        Command::Inspect(a) => inspect::run(a),
        Command::Clouds(a) => clouds::run(a),
        Command::Completions { shell } => completions(shell),
        Command::Man { subcommand } => man(&subcommand),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(e) => {
            // Stdout carries one JSON document: a report already printed (check's report
            // of a run the network cut short) stays the answer, and the error goes to stderr.
            if json_mode && !STDOUT_WRITTEN.load(std::sync::atomic::Ordering::Relaxed) {
                print_json_error(&e.what, &e.hint);
            }
            errln!("error: {}; hint: {}", e.what, e.hint);
            ExitCode::from(e.code)
        }
    }
}

/// The completion script for `shell`, generated from the argument definitions.
fn completions(shell: clap_complete::Shell) -> CliResult {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "byoip", &mut buf);
    out(&String::from_utf8_lossy(&buf))?;
    Ok(Outcome::Ok)
}

/// The man page of byoip, or of the subcommand at `path` (`["batch", "sign"]` gives
/// byoip-batch-sign(1), the page the SUBCOMMANDS section refers to), generated from the
/// argument definitions.
fn man(path: &[String]) -> CliResult {
    let mut cmd = Cli::command();
    cmd.build();
    let mut name = "byoip".to_string();
    for part in path {
        let sub = cmd.find_subcommand(part).cloned().ok_or_else(|| {
            CliError::input(
                format!("`{name}` has no subcommand {part:?}"),
                format!("see `{name} --help` for its subcommands"),
            )
        })?;
        name = format!("{name} {}", sub.get_name());
        cmd = sub;
    }
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd)
        .source(format!("byoip {}", env!("CARGO_PKG_VERSION")))
        .render(&mut buf)
        .map_err(|e| {
            CliError::input(
                format!("cannot render the man page: {e}"),
                "this is a bug; please report it",
            )
        })?;
    out(&String::from_utf8_lossy(&buf))?;
    Ok(Outcome::Ok)
}

/// Whether the user asked for JSON (`--json`, or `--format json` given on the command
/// line): errors are then JSON on stdout as well, so a script reading stdout always gets
/// JSON.
fn json_requested(matches: &ArgMatches) -> bool {
    let mut m = matches;
    while let Some((_, sub)) = m.subcommand() {
        m = sub;
    }
    let flag = matches!(m.try_get_one::<bool>("json"), Ok(Some(true)));
    // value_source panics on an id the subcommand does not have: ask try_get_raw first.
    let format = m
        .try_get_raw("format")
        .ok()
        .flatten()
        .is_some_and(|mut v| v.any(|v| v == "json"))
        && m.value_source("format") == Some(ValueSource::CommandLine);
    flag || format
}

/// The same request read from the raw arguments, for errors clap finds before there is
/// anything parsed (everything after `--` is a value, never a flag).
fn json_requested_in_args() -> bool {
    let args = raw_args();
    args.iter().enumerate().any(|(i, a)| {
        a == "--json"
            || a == "--format=json"
            || (a == "--format" && args.get(i + 1).is_some_and(|v| v == "json"))
    })
}

/// `--color` read from the raw arguments, so that clap's own output (help, usage errors)
/// follows it too; under `auto` clap applies NO_COLOR, CLICOLOR_FORCE and TERM itself.
fn clap_color_in_args() -> clap::ColorChoice {
    let args = raw_args();
    let given = args.iter().enumerate().rev().find_map(|(i, a)| {
        a.strip_prefix("--color=")
            .or_else(|| (a == "--color").then(|| args.get(i + 1).map(String::as_str))?)
    });
    match given {
        Some("always") => clap::ColorChoice::Always,
        Some("never") => clap::ColorChoice::Never,
        _ => clap::ColorChoice::Auto,
    }
}

/// The arguments before any `--` (after it everything is a value, never a flag). Read as
/// OS strings: `std::env::args` panics on an argument that is not UTF-8, which clap
/// reports as an error of its own.
fn raw_args() -> Vec<String> {
    std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .take_while(|a| a != "--")
        .collect()
}

/// `{"error": …, "hint": …}` on stdout (a closed pipe is ignored: the exit code still says it).
fn print_json_error(what: &str, hint: &str) {
    let v = serde_json::json!({ "error": what, "hint": hint });
    let _ = writeln!(io::stdout().lock(), "{v:#}");
}

/// A usage error found by clap, as one line `error: WHAT; hint: WHAT TO DO` (exit 2), plus
/// the JSON object on stdout when JSON was asked for. Help and version requests print
/// clap's own output untouched and exit 0.
fn usage_error(e: &clap::Error) -> ExitCode {
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

/// Whether anything was written to stdout (see [`out`]).
static STDOUT_WRITTEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Set once stdout's reader has gone away: nothing more is written there.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes to stdout; a closed pipe (`byoip … | head`) ends the program quietly.
pub fn out(text: &str) -> Result<(), CliError> {
    STDOUT_WRITTEN.store(true, std::sync::atomic::Ordering::Relaxed);
    if STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed) {
        return Ok(());
    }
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        // The reader went away (`byoip check | head`): stop writing, quietly, and let the
        // command still end with its verdict's exit code.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
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

/// Reads a file of at most `limit` bytes, `-` meaning standard input. The buffer is
/// zeroized on drop since it may hold a key.
pub fn read_input(path: &Path, limit: usize, what: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let shown = path.display();
    let mut buf = Zeroizing::new(Vec::new());
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    if path == Path::new("-") {
        claim_stdin(what)?;
        io::stdin()
            .lock()
            .take(cap)
            .read_to_end(&mut buf)
            .map_err(|e| {
                CliError::input(
                    format!("cannot read {what} from standard input: {e}"),
                    "pipe the data in, or give a file",
                )
            })?;
    } else {
        let meta = fs::metadata(path).map_err(|e| io_error(what, &shown, &e))?;
        if meta.is_dir() {
            return Err(CliError::input(
                format!("{what} {shown:?} is a directory"),
                format!("give the path of the {what} file"),
            ));
        }
        // A regular file that is too large is refused without reading it; pipes and
        // devices are read up to the limit (bounded memory either way).
        if meta.is_file() && meta.len() > u64::try_from(limit).unwrap_or(u64::MAX) {
            return Err(too_large(what, &shown, limit));
        }
        let file = fs::File::open(path).map_err(|e| io_error(what, &shown, &e))?;
        file.take(cap)
            .read_to_end(&mut buf)
            .map_err(|e| io_error(what, &shown, &e))?;
    }
    if buf.len() > limit {
        return Err(too_large(what, &shown, limit));
    }
    Ok(buf)
}

/// Standard input can be read once: a second `-` would silently get nothing.
static STDIN_CLAIMED: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn claim_stdin(what: &str) -> Result<(), CliError> {
    let mut claimed = STDIN_CLAIMED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(first) = claimed.as_deref() {
        return Err(CliError::input(
            format!("standard input (-) is already the {first}; it cannot also be the {what}"),
            "give at most one argument as -, and the others as files or text",
        ));
    }
    *claimed = Some(what.to_string());
    Ok(())
}

/// Refuses more than one `-` among a command's arguments, before anything is read.
pub fn one_stdin(dashes: usize) -> Result<(), CliError> {
    if dashes > 1 {
        return Err(CliError::input(
            format!("{dashes} arguments are - (standard input), which can be read only once"),
            "give at most one argument as -, and the others as files or text",
        ));
    }
    Ok(())
}

/// The bytes of a text argument, `-` meaning standard input (what `cat`, git and the AWS
/// CLI do); the text itself otherwise.
pub fn text_arg(value: &str, limit: usize, what: &str) -> Result<Vec<u8>, CliError> {
    if value == "-" {
        Ok(read_input(Path::new("-"), limit, what)?.to_vec())
    } else {
        Ok(value.as_bytes().to_vec())
    }
}

fn too_large(what: &str, shown: &std::path::Display<'_>, limit: usize) -> CliError {
    CliError::input(
        format!("{what} {shown:?} is larger than the {limit}-byte limit"),
        format!("check that {shown:?} is the {what} you meant"),
    )
}

fn io_error(what: &str, shown: &std::path::Display<'_>, e: &io::Error) -> CliError {
    let hint = match e.kind() {
        io::ErrorKind::NotFound => "check the path".to_string(),
        io::ErrorKind::PermissionDenied => {
            "check the file's permissions (or run as its owner)".to_string()
        }
        _ => format!("check that {shown} is a readable {what} file"),
    };
    CliError::input(format!("cannot read {what} {shown:?}: {e}"), hint)
}

/// Where passphrases come from, in order: `--passphrase-file`, `BYOIP_PASSPHRASE`, a
/// no-echo prompt on the terminal.
#[derive(clap::Args, Clone, Default)]
pub struct PassphraseArgs {
    /// Read the key's passphrase from the first line of FILE (else BYOIP_PASSPHRASE, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
}

impl PassphraseArgs {
    /// Obtains the passphrase once; `what` names the key in the prompt.
    pub fn get(&self, what: &str) -> Result<Zeroizing<String>, Error> {
        if let Some(path) = &self.passphrase_file {
            let bytes = read_input(path, 4096, "passphrase file")
                .map_err(|e| Error::PassphraseUnavailable { reason: e.what })?;
            let text =
                String::from_utf8(bytes.to_vec()).map_err(|_| Error::PassphraseUnavailable {
                    reason: format!("{:?} is not UTF-8 text", path.display()),
                })?;
            let text = Zeroizing::new(text);
            let line = text.split(['\n', '\r']).next().unwrap_or("");
            return Ok(Zeroizing::new(line.to_string()));
        }
        if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
            return Ok(Zeroizing::new(p));
        }
        if !io::stdin().is_terminal() && !Path::new("/dev/tty").exists() {
            return Err(Error::PassphraseRequired);
        }
        rpassword::prompt_password(format!("Passphrase for {what}: "))
            .map(Zeroizing::new)
            .map_err(|_| Error::PassphraseRequired)
    }
}

/// Loads the private key at `path`, asking for a passphrase only if it is encrypted, and
/// warns about what AWS does not document.
pub fn load_signing_key(
    path: &Path,
    pass: &PassphraseArgs,
) -> Result<byoip::key::SigningKey, CliError> {
    let data = read_input(path, byoip::key::MAX_KEY_BYTES, "key file")?;
    let shown = path.display().to_string();
    let (key, _form) = byoip::key::SigningKey::from_bytes(&data, &mut || pass.get(&shown))
        .map_err(|e| {
            let mut c = CliError::from(e);
            c.what = format!("{shown}: {}", c.what);
            c
        })?;
    // Only once it is known to hold a private key: a certificate given by mistake is
    // refused by name, not warned about as if it were secret.
    warn_if_key_readable_by_others(path);
    let bits = key.verifying_key().bits();
    if bits != byoip::key::DOCUMENTED_BITS {
        warn(&format!(
            "{shown} is an RSA-{bits} key; AWS documents only RSA-2048 (whether it accepts {bits} is unconfirmed)"
        ));
    }
    Ok(key)
}

/// The public half of any key file (a public key, or a private key, asking for its
/// passphrase only if it is encrypted).
pub fn load_public_key(
    path: &Path,
    pass: &PassphraseArgs,
) -> Result<byoip::key::VerifyingKey, CliError> {
    let data = read_input(path, byoip::key::MAX_KEY_BYTES, "key file")?;
    let shown = path.display().to_string();
    byoip::key::public_key_from_any(&data, &mut || pass.get(&shown)).map_err(|e| {
        let mut c = CliError::from(e);
        c.what = format!("{shown}: {}", c.what);
        c
    })
}

/// Warns when a private key file is readable by group or others.
pub fn warn_if_key_readable_by_others(path: &Path) {
    if let Some(mode) = open_key_mode(path) {
        warn(&format!(
            "private key {} is readable by group or others (mode {mode:04o}); run: chmod 600 {}",
            path.display(),
            path.display()
        ));
    }
}

/// The file's permission bits when group or others have any access to it (Unix).
pub fn open_key_mode(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).ok()?.permissions().mode() & 0o777;
        (mode & 0o077 != 0).then_some(mode)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Writes `data` to `path` atomically: a temporary file beside it (mode `mode`), synced,
/// then linked into place. Without `force` an existing file is never replaced, and no
/// partial file is ever left at `path`.
pub fn write_atomic(path: &Path, data: &[u8], mode: u32, force: bool) -> Result<(), CliError> {
    let shown = path.display();
    let fail = |e: io::Error| {
        CliError::input(
            format!("cannot write {shown:?}: {e}"),
            "check that the directory exists and is writable",
        )
    };
    refuse_existing(path, force)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| {
        CliError::input(format!("{shown:?} is not a file path"), "give a file name")
    })?;
    let mut rand = [0u8; 6];
    getrandom::fill(&mut rand).map_err(|e| fail(io::Error::other(e.to_string())))?;
    let suffix: String = rand.iter().map(|b| format!("{b:02x}")).collect();
    let tmp = dir.join(format!(".{}.{suffix}.tmp", name.to_string_lossy()));
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, mode);
    #[cfg(not(unix))]
    let _ = mode;
    let result = (|| {
        let mut f = opts.open(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        drop(f);
        if force {
            fs::rename(&tmp, path)
        } else {
            // link() refuses to replace an existing file: no clobbering even in a race.
            fs::hard_link(&tmp, path).and_then(|()| fs::remove_file(&tmp))
        }
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(if e.kind() == io::ErrorKind::AlreadyExists {
            exists_error(path)
        } else {
            fail(e)
        });
    }
    Ok(())
}

/// Reads the certificate `arg` names: a file, `-` for standard input, or the certificate
/// pasted as the argument itself (the one-line registry form, PEM or whois text), in PEM,
/// one line, DER, whois text or a saved RDAP JSON answer; size-bounded. Which certificate
/// of an RDAP answer was taken is said on stderr.
pub fn load_certificate(arg: &Path) -> Result<byoip::certificate::Certificate, CliError> {
    let limit = byoip::certificate::MAX_CERT_INPUT_BYTES;
    let data = match pasted_certificate(arg) {
        Some(text) if text.len() <= limit => Zeroizing::new(text.as_bytes().to_vec()),
        _ => read_input(arg, limit, "certificate")?,
    };
    let read = byoip::certificate::read_certificate(&data).map_err(|e| {
        let mut c = CliError::from(e);
        if pasted_certificate(arg).is_none() && arg != Path::new("-") {
            c.what = format!("{}: {}", arg.display(), c.what);
        }
        c
    })?;
    if let Some(place) = &read.found_in {
        note(&format!("using the certificate in the {place}"));
    }
    Ok(read.certificate)
}

/// The argument itself when it is certificate text rather than a path: it names no file
/// and holds a PEM marker or a line break (a path has neither).
fn pasted_certificate(arg: &Path) -> Option<&str> {
    let text = arg.to_str()?;
    let looks_pasted = text.contains("-----BEGIN") || text.contains('\n');
    (looks_pasted && fs::symlink_metadata(arg).is_err()).then_some(text)
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

/// Refuses an existing `path` unless `force`: checked before slow work (key generation)
/// and again, atomically, when the file is linked into place.
pub fn refuse_existing(path: &Path, force: bool) -> Result<(), CliError> {
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(exists_error(path));
    }
    Ok(())
}

/// The one error for a file that is there already (see [`refuse_existing`]).
fn exists_error(path: &Path) -> CliError {
    CliError::input(
        format!("{:?} already exists", path.display()),
        "choose another --out path, or pass --force to replace it",
    )
}

/// Largest message or signature input read.
const MAX_MESSAGE_BYTES: usize = byoip::text::MAX_SMALL_INPUT_BYTES;

/// The message bytes from `--message MSG` or `--message-file FILE`. An argument is taken
/// byte for byte. From a file or standard input (`-` for either), one final line ending
/// (`\n` or `\r\n`) is dropped with a note, because every tool that writes a text file —
/// `byoip message > m.txt` included — ends it with one, as POSIX defines a line
/// (POSIX.1-2017 §3.206); a second line ending or other whitespace stays, for the lint to
/// name.
pub fn read_message(arg: Option<&str>, file: Option<&Path>) -> Result<Option<Vec<u8>>, CliError> {
    Ok(match (arg, file) {
        (Some("-"), _) => Some(message_from_file(Path::new("-"))?),
        (Some(m), _) => Some(m.as_bytes().to_vec()),
        (None, Some(f)) => Some(message_from_file(f)?),
        (None, None) => None,
    })
}

fn message_from_file(path: &Path) -> Result<Vec<u8>, CliError> {
    let bytes = read_input(path, MAX_MESSAGE_BYTES, "message")?.to_vec();
    Ok(drop_final_line_ending(bytes, path))
}

/// A message read from `path` (`-`: standard input) without its one final `\n` or
/// `\r\n`, with a note when there was one.
pub fn drop_final_line_ending(mut bytes: Vec<u8>, path: &Path) -> Vec<u8> {
    let (ending, shown) = if bytes.ends_with(b"\r\n") {
        (2, "\\r\\n")
    } else if bytes.ends_with(b"\n") {
        (1, "\\n")
    } else {
        return bytes;
    };
    bytes.truncate(bytes.len() - ending);
    let source = if path == Path::new("-") {
        "standard input".to_string()
    } else {
        format!("{:?}", path.display())
    };
    note(&format!(
        "dropped the final line ending ({shown}) of the message from {source}: what is signed or checked is the message without it"
    ));
    bytes
}

/// The message in `bytes` when it is exactly a well-formed one of either cloud's form (for
/// the `account`, `subscription`, `cidr` and `expires` fields of JSON output; `null`
/// otherwise).
pub fn parse_message(bytes: &[u8]) -> Option<byoip::AnyMessage> {
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

/// Serializes to pretty JSON followed by a newline.
pub fn json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| {
            CliError::input(
                format!("cannot render JSON: {e}"),
                "this is a bug; please report it",
            )
        })
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
            render_finding(f.severity, f.id, &message, &f.hint, style)
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
        byoip::Severity::Warning => style.caution("warning"),
    };
    format!("  {sev} {id}: {message}\n      hint: {hint}\n")
}

/// A message and its signature, as `verify` and `check` take them.
#[derive(clap::Args)]
pub struct SignedArgs {
    /// The message exactly as sent to AWS (- reads it from standard input).
    #[arg(long, value_name = "MSG", conflicts_with_all = ["message_file", "context"], allow_hyphen_values = true)]
    message: Option<String>,
    /// Read the message from FILE (- for standard input; one final line ending is dropped).
    #[arg(long, value_name = "FILE", conflicts_with = "context")]
    message_file: Option<PathBuf>,
    /// The signature in AWS's encoding, or standard base64 for Azure (- reads it from standard input).
    #[arg(long, value_name = "SIG", conflicts_with_all = ["signature_file", "context"], allow_hyphen_values = true)]
    signature: Option<String>,
    /// Read the signature from FILE (- for standard input; surrounding whitespace ignored).
    #[arg(long, value_name = "FILE", conflicts_with = "context")]
    signature_file: Option<PathBuf>,
    /// Both at once: Message="…",Signature="…" (or the JSON form; - reads it from standard input).
    #[arg(long, value_name = "CONTEXT", allow_hyphen_values = true)]
    context: Option<String>,
}

impl SignedArgs {
    /// Whether any message or signature argument was given.
    pub fn given(&self) -> bool {
        self.message.is_some()
            || self.message_file.is_some()
            || self.signature.is_some()
            || self.signature_file.is_some()
            || self.context.is_some()
    }

    /// How many of these arguments are `-` (standard input), so a command can refuse two
    /// readers of standard input before reading either.
    pub fn stdin_args(&self) -> usize {
        [
            self.message.as_deref(),
            self.message_file.as_deref().and_then(Path::to_str),
            self.signature.as_deref(),
            self.signature_file.as_deref().and_then(Path::to_str),
            self.context.as_deref(),
        ]
        .iter()
        .filter(|a| **a == Some("-"))
        .count()
    }

    /// The message bytes and signature text; `None` when neither was given, an error when
    /// only one was.
    pub fn read(&self) -> Result<Option<(Vec<u8>, String)>, CliError> {
        if let Some(c) = &self.context {
            let text = text_arg(c, byoip::context::MAX_CONTEXT_BYTES, "context")?;
            let ctx = byoip::context::AuthorizationContext::parse(&String::from_utf8_lossy(&text))?;
            return Ok(Some((ctx.message.into_bytes(), ctx.signature)));
        }
        let message = read_message(self.message.as_deref(), self.message_file.as_deref())?;
        let from_input = |f: &Path| -> Result<String, CliError> {
            let bytes = read_input(f, MAX_MESSAGE_BYTES, "signature")?;
            Ok(String::from_utf8_lossy(&bytes).trim().to_string())
        };
        let signature = match (&self.signature, &self.signature_file) {
            (Some(s), _) if s == "-" => Some(from_input(Path::new("-"))?),
            (Some(s), _) => Some(s.clone()),
            (None, Some(f)) => Some(from_input(f)?),
            (None, None) => None,
        };
        match (message, signature) {
            (Some(m), Some(s)) => Ok(Some((m, s))),
            (None, None) => Ok(None),
            (Some(_), None) => Err(CliError::input(
                "a message was given without its signature",
                "add --signature SIG or --signature-file FILE (or give both with --context)",
            )),
            (None, Some(_)) => Err(CliError::input(
                "a signature was given without its message",
                "add --message MSG or --message-file FILE (or give both with --context)",
            )),
        }
    }
}

/// Reads the manifest at `path` (size-bounded) and prints its notes.
pub fn load_manifest(path: &Path) -> Result<byoip::manifest::Manifest, CliError> {
    let data = read_input(path, byoip::manifest::MAX_MANIFEST_BYTES, "manifest")?;
    let text = std::str::from_utf8(&data).map_err(|_| {
        CliError::input(
            format!("manifest {:?} is not UTF-8 text", path.display()),
            "a manifest is a TOML text file (see the README)",
        )
    })?;
    let m = byoip::manifest::Manifest::parse(text, path, byoip::today_utc())?;
    for n in &m.notes {
        note(n);
    }
    Ok(m)
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

/// clap parser for a library type read from text: the library's error and its hint, which
/// the usage error line splits into `error: …; hint: …`.
pub fn lib_value<T: std::str::FromStr<Err = Error>>(s: &str) -> Result<T, String> {
    s.parse()
        .map_err(|e: Error| format!("{e}; hint: {}", e.hint()))
}

/// Service and advertisement options shared by message, lint, sign and verify.
#[derive(clap::Args, Clone, Copy)]
pub struct TargetArgs {
    /// Where the prefix is provisioned: ec2, ipam or ga (size rules, expiry window).
    #[arg(long, default_value = "ec2", value_name = "SERVICE", value_parser = lib_value::<byoip::Service>)]
    pub service: byoip::Service,
    /// The IPv6 range will not be publicly advertised (allows up to /60).
    #[arg(long)]
    pub no_advertise: bool,
}

impl TargetArgs {
    /// Lint options for today.
    pub fn lint_options(&self) -> byoip::LintOptions {
        byoip::LintOptions {
            today: byoip::today_utc(),
            service: self.service,
            advertise: !self.no_advertise,
        }
    }
}
