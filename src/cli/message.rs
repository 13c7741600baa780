//! `byoip message` and `byoip lint`.

use std::path::PathBuf;

use byoip::{AccountId, Asn, AuthorizationMessage, ExpiryDate, Prefix, Resource, Severity, lint};

use super::{
    CliError, CliResult, Outcome, Style, TargetArgs, json, note, out, render_findings, warn,
};

/// The three variable fields of a message.
#[derive(clap::Args, Clone)]
pub struct MessageParts {
    /// The 12-digit AWS account that will run the provision call.
    #[arg(long, value_name = "ID", value_parser = parse_account)]
    pub account: Option<AccountId>,
    /// The prefix to bring, e.g. 198.51.100.0/24 or 2001:db8:1200::/48 (host bits zero).
    #[arg(long, value_name = "CIDR", conflicts_with = "asn")]
    pub cidr: Option<String>,
    /// The ASN to bring to VPC IPAM (BYOASN) instead of a prefix, in decimal (AS64496 is rewritten as 64496).
    #[arg(long, value_name = "ASN")]
    pub asn: Option<String>,
    /// Expiry date of the message: YYYYMMDD, YYYY-MM-DD or +Nd (days from today, UTC)
    /// [default: +30d for a prefix; for an ASN the last day of next month, AWS's console default].
    #[arg(long, value_name = "DATE")]
    pub expires: Option<String>,
}

/// clap parser that keeps the library's hint in the message.
pub fn parse_account(s: &str) -> Result<AccountId, String> {
    s.parse()
        .map_err(|e: byoip::Error| format!("{e}; hint: {}", e.hint()))
}

#[derive(clap::Args)]
// `sign` takes these parts or a whole message; here they are the only input, so --help
// and the usage line show them as required.
#[command(
    mut_arg("account", |a| a.required(true)),
    group(clap::ArgGroup::new("resource").args(["cidr", "asn"]).required(true))
)]
pub struct MessageArgs {
    #[command(flatten)]
    parts: MessageParts,
    #[command(flatten)]
    target: TargetArgs,
    /// Print JSON ({"message", "account", "cidr", "asn", "expires"}).
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct LintArgs {
    /// The message, exactly as it will be signed (quote it: it contains |); - reads it from standard input.
    #[arg(
        value_name = "MESSAGE",
        conflicts_with = "file",
        required_unless_present = "file",
        allow_hyphen_values = true
    )]
    message: Option<String>,
    /// Read the message from FILE (- for standard input); one final line ending is dropped.
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,
    #[command(flatten)]
    target: TargetArgs,
    /// Exit 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Print JSON ({"ok", "findings": [{"id", "severity", "message", "hint"}]}).
    #[arg(long)]
    json: bool,
}

/// Builds a message from its parts, telling the user about rewritten CIDRs and refusing
/// anything AWS would refuse (warnings are printed and allowed).
pub fn build(parts: &MessageParts, target: &TargetArgs) -> Result<AuthorizationMessage, CliError> {
    let account = parts
        .account
        .ok_or_else(|| CliError::input("--account is required", "give the 12-digit account ID"))?;
    let resource = resource(parts)?;
    let today = byoip::today_utc();
    let expires = match &parts.expires {
        Some(e) => ExpiryDate::parse_relative(e, today)?,
        None => resource.default_expiry(today)?,
    };
    let msg = AuthorizationMessage::for_resource(account, resource, expires);
    check_before_signing(msg.to_string().as_bytes(), &target.lint_options(), "")?;
    Ok(msg)
}

/// The prefix (`--cidr`) or ASN (`--asn`) of `parts`, with a note when its spelling was
/// rewritten.
pub fn resource(parts: &MessageParts) -> Result<Resource, CliError> {
    if let Some(text) = parts.asn.as_deref() {
        let parsed = Asn::parse_lenient(text)?;
        if parsed.rewritten {
            note(&format!(
                "ASN {text:?} written as {}, the bare decimal of AWS's examples (--asn 12345); use that in --asn too",
                parsed.asn
            ));
        }
        return Ok(Resource::Asn(parsed.asn));
    }
    let cidr = parts.cidr.as_deref().ok_or_else(|| {
        CliError::input(
            "--cidr or --asn is required",
            "give the prefix, e.g. --cidr 198.51.100.0/24, or the ASN, e.g. --asn 64496",
        )
    })?;
    let parsed = Prefix::parse_lenient(cidr)?;
    if parsed.rewritten {
        note(&format!(
            "CIDR {cidr:?} written in canonical form as {}; use that in --cidr too",
            parsed.prefix
        ));
    }
    Ok(Resource::Prefix(parsed.prefix))
}

/// Lints a message about to be signed: errors refuse, warnings are printed. `place`
/// prefixes both (e.g. `byoip.toml line 8: ` for a manifest entry).
pub fn check_before_signing(
    bytes: &[u8],
    opts: &byoip::LintOptions,
    place: &str,
) -> Result<(), CliError> {
    let findings = lint(bytes, opts);
    for f in findings.iter().filter(|f| f.severity == Severity::Warning) {
        warn(&format!("{place}{}: {}; {}", f.id, f.message, f.hint));
    }
    if let Some(f) = findings.iter().find(|f| f.severity == Severity::Error) {
        let more = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
            - 1;
        let what = if more > 0 {
            format!("{place}{} (and {more} more: see `byoip lint`)", f.message)
        } else {
            format!("{place}{}", f.message)
        };
        return Err(CliError::input(what, f.hint.clone()));
    }
    Ok(())
}

pub fn run_message(a: MessageArgs) -> CliResult {
    let msg = build(&a.parts, &a.target)?;
    if a.json {
        out(&json(&serde_json::json!({
            "message": msg.to_string(),
            "account": msg.account,
            "cidr": msg.prefix(),
            "asn": msg.asn(),
            "expires": msg.expires,
        }))?)?;
    } else {
        out(&format!("{msg}\n"))?;
    }
    Ok(Outcome::Ok)
}

pub fn run_lint(a: LintArgs) -> CliResult {
    let bytes = super::read_message(a.message.as_deref(), a.file.as_deref())?.ok_or_else(|| {
        CliError::input(
            "no message given",
            "pass the message as an argument or with --file",
        )
    })?;
    let findings = lint(&bytes, &a.target.lint_options());
    let failed = findings
        .iter()
        .any(|f| f.severity == Severity::Error || a.deny_warnings);
    if a.json {
        out(&json(
            &serde_json::json!({ "ok": !failed, "findings": findings }),
        )?)?;
    } else if findings.is_empty() {
        out("ok: the message is in AWS's documented format\n")?;
    } else {
        let style = Style::detect();
        out(&format!(
            "{}:\n{}",
            byoip::text::plural(findings.len(), "problem", "problems"),
            render_findings(&findings, &style)
        ))?;
    }
    Ok(if failed { Outcome::Failed } else { Outcome::Ok })
}
