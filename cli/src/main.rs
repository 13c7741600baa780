//! The `byoip` command: the argument definitions and the dispatch to one file per
//! subcommand; everything it checks, signs or judges is in the `byoip` library, which it
//! reaches as any user's code would. Beside the subcommands: [`error`] (the one-line error and
//! exit codes), [`io`] (files and standard input), [`prompt`] (passphrases and keys),
//! [`output`] (stdout, stderr, colour) and [`junit`] (batch check's JUnit XML).
//!
//! Exit codes (README "Exit codes"): 0 ok/valid, 1 a check or verification failed,
//! 2 usage, input, I/O or network error. Errors print one line, `error: WHAT; hint: WHAT TO DO`.
//! Secrets: passphrases come from a no-echo prompt, `--passphrase-file` or
//! `BYOIP_PASSPHRASE`, never argv; nothing here prints key material.

#![forbid(unsafe_code)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

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

mod advice;
mod args;
mod audit;
mod batch;
mod check;
mod clock;
mod clouds;
mod dns_token;
mod inspect;
mod irr;
mod junit;
mod keys;
mod man;
mod message;
mod rdap;
mod ripedb;
mod roa;
mod rules;
mod sign;
mod verify;

mod cidr;
mod error;
mod heading;
mod io;
mod output;
mod parallel;
mod prompt;
mod text;

pub use cidr::CidrArg;
pub use error::*;
pub use io::*;
pub use output::*;
pub use prompt::*;

use std::process::ExitCode;

use byoip::Error;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand, parser::ValueSource};

#[derive(Parser)]
#[command(
    name = "byoip",
    version,
    about = "Sign, verify and check bring-your-own-IP authorizations for AWS, Azure and Oracle Cloud",
    long_about = "Sign, verify and check bring-your-own-IP (BYOIP) authorizations before the cloud sees them: \
AWS (EC2, VPC IPAM, Global Accelerator, CloudFront, BYOASN), Azure (Custom IP Prefix) and Oracle Cloud (OCI BYOIP).\n\n\
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
        value_name = "WHEN",
        help_heading = heading::OUTPUT,
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
    /// IRR route objects: fetch and save them (whois) for offline checks.
    Irr(irr::IrrArgs),
    /// ROAs: fetch the VRPs a check asks a validator about and save them for offline checks.
    Roa(roa::RoaArgs),
    /// The RIPE Database: fetch and save a RIPE NCC range's object for offline checks.
    Ripedb(ripedb::RipeDbArgs),
    /// Generate an RSA private key (encrypted PKCS#8 by default).
    Keygen(keys::KeygenArgs),
    /// Make the self-signed X.509 certificate to publish in the registry record.
    Cert(keys::CertArgs),
    /// Explain a certificate, key, message, signature or context.
    Inspect(inspect::InspectArgs),
    /// List the clouds byoip knows (AWS, Azure, OCI) and what each wants: proof, ROA, sizes, record field.
    Clouds(clouds::CloudsArgs),
    /// Print the rules table: each rule a check applies, with its value, public source, quote and date (--json, --format markdown).
    Rules(rules::RulesArgs),
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
    #[command(
        after_help = "Examples:\n  byoip man > byoip.1 && man ./byoip.1\n  byoip man batch sign | man -l -\n  \
byoip man --dir ~/.local/share/man/man1 && man byoip-check"
    )]
    Man {
        /// A subcommand's own page instead (byoip-sign(1) is `byoip man sign`).
        #[arg(value_name = "SUBCOMMAND")]
        subcommand: Vec<String>,
        /// Write every page (byoip.1, byoip-check.1, …) into DIR, made if missing, instead of printing one.
        #[arg(long, value_name = "DIR", conflicts_with = "subcommand", help_heading = heading::OUTPUT)]
        dir: Option<std::path::PathBuf>,
        /// Replace pages already in --dir.
        #[arg(long, requires = "dir", help_heading = heading::OUTPUT)]
        force: bool,
    },
}

/// What a subcommand returns: success, or a negative verdict (exit 1).
pub enum Outcome {
    Ok,
    Failed,
}

type CliResult = Result<Outcome, CliError>;

/// Parses the arguments, runs, and maps the outcome to an exit code.
fn main() -> ExitCode {
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
    // The one reading of the clock: every "now" below comes from it.
    let result = clock::init().and_then(|()| match cli.command {
        Command::Message(a) => message::run_message(a),
        Command::Lint(a) => message::run_lint(a),
        Command::Sign(a) => sign::run(a),
        Command::Verify(a) => verify::run(a),
        Command::Check(a) => check::run(*a),
        Command::DnsToken(a) => dns_token::run(a),
        Command::Batch(a) => batch::run(a),
        Command::Audit(a) => audit::run(a),
        Command::Rdap(a) => rdap::run(a),
        Command::Irr(a) => irr::run(a),
        Command::Roa(a) => roa::run(a),
        Command::Ripedb(a) => ripedb::run(a),
        Command::Keygen(a) => keys::run_keygen(a),
        Command::Cert(a) => keys::run_cert(a),
        Command::Inspect(a) => inspect::run(a),
        Command::Clouds(a) => clouds::run(a),
        Command::Rules(a) => rules::run(a),
        Command::Completions { shell } => completions(shell),
        Command::Man {
            subcommand,
            dir,
            force,
        } => man(&subcommand, dir.as_deref(), force),
    });
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(e) => {
            // Stdout carries one JSON document: a report already printed (check's report
            // of a run the network cut short) stays the answer, and the error goes to stderr.
            if json_mode && Stdout::state() == Stdout::Unwritten {
                print_json_error(&e.line(), &e.hint);
            }
            errln!("error: {}; hint: {}", e.line(), e.hint);
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
/// byoip-batch-sign(1), the page the SUBCOMMANDS section refers to); with `dir`, every page
/// written there, one path a line on stdout.
fn man(path: &[String], dir: Option<&std::path::Path>, force: bool) -> CliResult {
    let mut root = Cli::command();
    root.build();
    match dir {
        None => out(&man::page(&root, path)?.0)?,
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| {
                CliError::input(
                    format!("cannot make the directory {:?}: {e}", dir.display()),
                    "give --dir a directory you can write to",
                )
            })?;
            for file in man::write_all(&root, dir, force)? {
                out(&format!("{}\n", dir.join(file).display()))?;
            }
        }
    }
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

/// clap parser for a library type read from text: the library's error and its hint, which
/// the usage error line splits into `error: …; hint: …`.
pub fn lib_value<T: std::str::FromStr<Err = Error>>(s: &str) -> Result<T, String> {
    s.parse()
        .map_err(|e: Error| format!("{}; hint: {}", e.chain(), hint_for(&e)))
}

/// Service and advertisement options shared by message, lint, sign and verify.
#[derive(clap::Args, Clone, Copy)]
#[command(next_help_heading = heading::AWS)]
pub struct TargetArgs {
    /// Where the prefix is provisioned: ec2, ipam, ga or cloudfront (size rules, expiry window).
    #[arg(long, default_value = "ec2", value_name = "SERVICE", value_parser = lib_value::<byoip::Service>)]
    pub service: byoip::Service,
    /// The IPv6 range will not be publicly advertised (allows up to /60).
    #[arg(long)]
    pub no_advertise: bool,
}

/// Refuses `--no-advertise` where it means nothing: CloudFront announces every range it
/// takes from its edge locations, IPv6 too.
pub fn refuse_no_advertise(t: TargetArgs) -> Result<(), CliError> {
    if t.no_advertise && t.service == byoip::Service::Cloudfront {
        return Err(CliError::input(
            "--no-advertise does not apply to CloudFront: it announces every range it takes from its edge locations",
            "drop --no-advertise, or bring a range that stays unadvertised to --service ec2 or ipam",
        ));
    }
    Ok(())
}

impl TargetArgs {
    /// Lint options for today (the run's clock).
    pub fn lint_options(&self) -> byoip::LintOptions {
        let mut options = byoip::LintOptions::on(clock::today());
        options.service = self.service;
        options.advertise = !self.no_advertise;
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `--flag` in `text`, in order.
    fn flags_in(text: &str) -> Vec<&str> {
        let mut found = Vec::new();
        let mut rest = text;
        while let Some(i) = rest.find("--") {
            let after = &rest[i + 2..];
            let len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(after.len());
            let name = after[..len].trim_end_matches('-');
            // `--` alone (the end of options) and `---` rules are not flags.
            if !name.is_empty() && name.starts_with(|c: char| c.is_ascii_lowercase()) {
                found.push(name);
            }
            rest = &after[len.max(1).min(after.len())..];
        }
        found
    }

    /// The subcommands a sentence names as `byoip X Y`, or as `X Y` opening a backquoted
    /// span: each resolved from the top as far as its words are subcommands.
    fn commands_named(root: &clap::Command, sentence: &str) -> Vec<clap::Command> {
        let mut starts: Vec<&str> = sentence
            .match_indices("byoip ")
            .map(|(i, _)| &sentence[i + 6..])
            .collect();
        starts.extend(sentence.split('`').skip(1).step_by(2));
        let mut named = Vec::new();
        for start in starts {
            let mut cmd = root;
            for word in start.split_whitespace() {
                match cmd
                    .find_subcommand(word.trim_end_matches(|c: char| !c.is_ascii_alphanumeric()))
                {
                    Some(sub) => cmd = sub,
                    None => break,
                }
            }
            if !std::ptr::eq(cmd, root) {
                named.push(cmd.clone());
            }
        }
        named
    }

    fn accepts(cmd: &clap::Command, flag: &str) -> bool {
        flag == "help"
            || flag == "version"
            || cmd.get_arguments().any(|a| a.get_long() == Some(flag))
    }

    /// Walks `cmd` and its subcommands: every flag a command's help names is one it
    /// accepts, or one the command named in the same sentence accepts.
    fn unaccepted(
        root: &clap::Command,
        cmd: &mut clap::Command,
        path: &str,
        bad: &mut Vec<String>,
    ) {
        let help = cmd.render_long_help().to_string();
        for line in help.lines() {
            // A line of the "Commands:" list describes the subcommand it opens with.
            let listed = line
                .split_whitespace()
                .next()
                .and_then(|w| cmd.find_subcommand(w))
                .cloned();
            for sentence in line.split(". ").flat_map(|s| s.split("; ")) {
                // A flag after `aws ` (a word of its own) is the AWS CLI's.
                let aws = sentence
                    .match_indices("aws ")
                    .find(|(i, _)| *i == 0 || sentence[..*i].ends_with([' ', '`', '(']))
                    .map_or(sentence.len(), |(i, _)| i);
                let own = &sentence[..aws];
                for flag in flags_in(own) {
                    let mut named = commands_named(root, sentence);
                    named.extend(listed.clone());
                    if !accepts(cmd, flag) && !named.iter().any(|c| accepts(c, flag)) {
                        bad.push(format!(
                            "`{path} --help` names --{flag}: {}",
                            sentence.trim()
                        ));
                    }
                }
            }
        }
        for sub in cmd.get_subcommands_mut().filter(|s| s.get_name() != "help") {
            let sub_path = format!("{path} {}", sub.get_name());
            unaccepted(root, sub, &sub_path, bad);
        }
    }

    /// The options of `cmd` and of every subcommand below it that have no heading, or
    /// one outside [`heading::ALL`].
    fn unheaded(cmd: &clap::Command, path: &str, bad: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if arg.is_positional() || id == "help" || id == "version" {
                continue;
            }
            let flag = arg
                .get_long()
                .map_or_else(|| id.to_string(), |l| format!("--{l}"));
            match arg.get_help_heading() {
                Some(h) if heading::ALL.contains(&h) => {}
                Some(h) => bad.push(format!(
                    "`{path}` {flag}: heading {h:?} is not in heading::ALL"
                )),
                None => bad.push(format!("`{path}` {flag}: no heading")),
            }
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            unheaded(sub, &format!("{path} {}", sub.get_name()), bad);
        }
    }

    #[test]
    fn top_level_help_names_every_cloud_and_aws_service() {
        let short = Cli::command().render_help().to_string();
        let long = Cli::command().render_long_help().to_string();
        for cloud in byoip::Cloud::ALL {
            assert!(
                short.contains(cloud.vendor()),
                "{} missing from:\n{short}",
                cloud.vendor()
            );
        }
        for name in [
            "EC2",
            "VPC IPAM",
            "Global Accelerator",
            "CloudFront",
            "BYOASN",
            "Azure",
            "Oracle Cloud",
        ] {
            assert!(long.contains(name), "{name} missing from:\n{long}");
        }
        assert!(
            !long.contains("AWS BYOIP"),
            "the tool is not AWS's alone:\n{long}"
        );
    }

    #[test]
    fn every_option_has_a_known_heading() {
        let mut root = Cli::command();
        root.build();
        let mut bad = Vec::new();
        unheaded(&root, "byoip", &mut bad);
        assert!(
            bad.is_empty(),
            "every option of every subcommand goes under one of the headings in \
             cli/src/heading.rs (INPUTS, EVIDENCE, NETWORK, OUTPUT, AWS, AZURE, ORACLE): \
             give the argument `help_heading = heading::NETWORK` (or whichever fits), or its \
             struct `#[command(next_help_heading = heading::…)]`; add a constant there only \
             if none fits.\n{}",
            bad.join("\n")
        );
    }

    #[test]
    fn every_flag_a_help_text_names_is_one_its_command_accepts() {
        // Unwrapped, so a sentence stays on one line.
        let mut root = Cli::command().term_width(0);
        root.build();
        let mut cmd = root.clone();
        let mut bad = Vec::new();
        unaccepted(&root, &mut cmd, "byoip", &mut bad);
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}
