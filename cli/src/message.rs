//! `byoip message` and `byoip lint`.

use super::heading;
use std::path::PathBuf;

use byoip::{
    AccountId, AnyMessage, Asn, AuthorizationMessage, AzureMessage, Cloud, ExpiryDate, Resource,
    Severity, SubscriptionId,
};

use super::{
    CidrArg, CliError, CliResult, FindingJson, Outcome, Style, TargetArgs, json, note, out,
    render_findings, warn,
};

/// The three variable fields of a message, and the cloud whose form it takes.
#[derive(clap::Args, Clone)]
#[command(next_help_heading = heading::INPUTS)]
pub struct MessageParts {
    /// The cloud the prefix is brought to: aws (1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS) or
    /// azure (SUBSCRIPTION|CIDR|YYYYMMDD) [default: aws].
    #[arg(long, value_name = "CLOUD")]
    pub cloud: Option<Cloud>,
    /// The 12-digit AWS account that will run the provision call.
    #[arg(long, value_name = "ID", value_parser = super::lib_value::<AccountId>, conflicts_with = "subscription", help_heading = heading::AWS)]
    pub account: Option<AccountId>,
    /// The Azure subscription the custom IP prefix is created in (8-4-4-4-12 GUID; with --cloud azure).
    #[arg(long, value_name = "GUID", value_parser = super::lib_value::<SubscriptionId>, conflicts_with = "asn", help_heading = heading::AZURE)]
    pub subscription: Option<SubscriptionId>,
    /// The prefix to bring, e.g. 198.51.100.0/24 or 2001:db8:1200::/48 (host bits zero).
    #[arg(long, value_name = "CIDR", conflicts_with = "asn", value_parser = CidrArg::parse)]
    pub cidr: Option<CidrArg>,
    /// The ASN to bring to VPC IPAM (BYOASN) instead of a prefix, in decimal (AS64496 is rewritten as 64496).
    #[arg(long, value_name = "ASN")]
    pub asn: Option<String>,
    /// Expiry date of the message: YYYYMMDD, YYYY-MM-DD or +Nd (days from today, UTC)
    /// [default: +30d for a prefix; for an ASN the last day of next month, AWS's console default].
    /// For Azure the ROA's validity end, required.
    #[arg(long, value_name = "DATE")]
    pub expires: Option<String>,
}

#[derive(clap::Args)]
#[command(next_help_heading = heading::OUTPUT)]
// `sign` takes these parts or a whole message; here they are the only input, so --help
// and the usage line show them as required.
#[command(
    group(clap::ArgGroup::new("owner").args(["account", "subscription"]).required(true)),
    group(clap::ArgGroup::new("resource").args(["cidr", "asn"]).required(true))
)]
pub struct MessageArgs {
    #[command(flatten)]
    parts: MessageParts,
    #[command(flatten)]
    target: TargetArgs,
    /// Print JSON ({"message", "cloud", "account", "subscription", "cidr", "asn", "expires"}).
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
pub struct LintArgs {
    /// The message, exactly as it will be signed (quote it: it contains |); - reads it from standard input.
    #[arg(
        value_name = "MESSAGE",
        conflicts_with = "file",
        required_unless_present = "file",
        allow_hyphen_values = true
    )]
    message: Option<String>,
    /// The cloud the message is for: aws or azure. Without it the form is recognised by
    /// its shape; with it, a message of the other form is an error.
    #[arg(long, value_name = "CLOUD")]
    cloud: Option<Cloud>,
    /// Read the message from FILE (- for standard input); one final line ending is dropped.
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,
    #[command(flatten)]
    target: TargetArgs,
    /// Exit 1 on warnings too.
    #[arg(long, help_heading = heading::OUTPUT)]
    deny_warnings: bool,
    /// Print JSON ({"ok", "findings": [{"id", "severity", "message", "hint"}]}).
    #[arg(long, help_heading = heading::OUTPUT)]
    json: bool,
}

/// Builds a message of `--cloud`'s form from its parts, telling the user about rewritten
/// CIDRs and refusing anything the cloud would refuse (warnings are printed and allowed).
pub fn build(parts: &MessageParts, target: &TargetArgs) -> Result<AnyMessage, CliError> {
    match parts.cloud.unwrap_or_default() {
        Cloud::Azure => {
            refuse_aws_targets(target)?;
            build_azure(parts).map(AnyMessage::Azure)
        }
        Cloud::Aws => {
            if parts.subscription.is_some() {
                return Err(CliError::input(
                    "--subscription is Azure's; the AWS message takes --account",
                    "add --cloud azure for Azure's SUBSCRIPTION|CIDR|YYYYMMDD message, or give --account for AWS's",
                ));
            }
            build_aws(parts, target).map(AnyMessage::Aws)
        }
        other => Err(no_message(other)),
    }
}

/// A cloud that takes no signed message (Oracle's registry token).
pub fn no_message(cloud: Cloud) -> CliError {
    CliError::input(
        cloud
            .profile()
            .signs_nothing("signed message")
            .unwrap_or_else(|| format!("{} takes no signed message", cloud.vendor())),
        "put the token line the cloud gives you in the registry record",
    )
}

/// Refuses the first of AWS's flags that was given (`given`: whether each was, and its
/// name) for Azure's message, with `hint`.
pub(super) fn refuse_aws_flags(given: &[(bool, &str)], hint: &str) -> Result<(), CliError> {
    match given.iter().find(|(given, _)| *given) {
        Some((_, flag)) => Err(CliError::input(
            format!("{flag} is AWS's, and this is Azure's message"),
            hint,
        )),
        None => Ok(()),
    }
}

/// Azure's message: `--subscription`, `--cidr` and `--expires`, the ROA's validity end,
/// which has no default.
fn build_azure(parts: &MessageParts) -> Result<AzureMessage, CliError> {
    if parts.account.is_some() || parts.asn.is_some() {
        return Err(CliError::input(
            "--account and --asn are AWS's; Azure's message is SUBSCRIPTION|CIDR|YYYYMMDD",
            "give --subscription GUID, --cidr CIDR and --expires DATE (the ROA's validity end)",
        ));
    }
    let subscription = parts.subscription.ok_or_else(|| {
        CliError::input(
            "--cloud azure needs --subscription",
            "give the subscription the prefix is created in: --subscription GUID (`az account show --query id -o tsv` prints it)",
        )
    })?;
    // Upper case is kept as given; the lint run below warns about it.
    let Resource::Prefix(prefix) = resource(parts)? else {
        return Err(CliError::input("--asn is AWS's", "give --cidr CIDR"));
    };
    let expires = parts.expires.as_deref().ok_or_else(|| {
        CliError::input(
            "--cloud azure needs --expires: Azure's date is the ROA's validity end, so byoip does not guess it",
            "give the Validity End of the ROA for this prefix, e.g. --expires 20271231 (if the ROA has none, the date until which Azure should advertise)",
        )
    })?;
    let expires = ExpiryDate::parse_relative(expires, super::clock::today())?;
    let msg = AzureMessage::new(subscription, prefix, expires);
    check_before_signing(
        msg.to_string().as_bytes(),
        &byoip::LintOptions::on(super::clock::today()),
        "",
    )?;
    Ok(msg)
}

/// `--service` and `--no-advertise` choose AWS's rules; for Azure's message they would be
/// ignored, so they are refused (as `sign` refuses them). `--service ec2` is the default
/// and cannot be told apart from no `--service`, which is harmless.
fn refuse_aws_targets(target: &TargetArgs) -> Result<(), CliError> {
    refuse_aws_flags(
        &[
            (target.service != byoip::Service::Ec2, "--service"),
            (target.no_advertise, "--no-advertise"),
        ],
        "drop it: Azure's sizes and rules do not depend on an AWS service",
    )
}

fn looks_like_an_option(text: &str) -> bool {
    text.strip_prefix("--").is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '=')
    })
}

/// The finding for a message of one cloud's form linted as another's (`lint --cloud`).
fn form_mismatch(want: Cloud, shape: Cloud) -> byoip::Finding {
    let form = |c: Cloud| c.profile().message_form().unwrap_or("no message");
    byoip::Finding::new(
        byoip::LintId::MessageFormat,
        Severity::Error,
        format!(
            "this is {}'s message form, and --cloud {want} expects {}",
            shape.vendor(),
            form(want)
        ),
        format!(
            "build the message with `byoip message --cloud {want}`, or lint it without --cloud"
        ),
    )
}

/// AWS's message: `--account`, `--cidr` or `--asn`, and `--expires` (with a default).
fn build_aws(parts: &MessageParts, target: &TargetArgs) -> Result<AuthorizationMessage, CliError> {
    let account = parts
        .account
        .ok_or_else(|| CliError::input("--account is required", "give the 12-digit account ID"))?;
    let resource = resource(parts)?;
    let today = super::clock::today();
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
    let cidr = parts.cidr.as_ref().ok_or_else(|| {
        CliError::input(
            "--cidr or --asn is required",
            "give the prefix, e.g. --cidr 198.51.100.0/24, or the ASN, e.g. --asn 64496",
        )
    })?;
    Ok(Resource::Prefix(
        cidr.exact_noting("; use that in --cidr too")?,
    ))
}

/// Lints a message about to be signed: errors refuse, warnings are printed. `place`
/// prefixes both (e.g. `byoip.toml line 8: ` for a manifest entry).
pub fn check_before_signing(
    bytes: &[u8],
    opts: &byoip::LintOptions,
    place: &str,
) -> Result<(), CliError> {
    check_before_signing_with(bytes, opts, place, |_| None)
}

/// [`check_before_signing`], with the hint of the error it stops at from `own_hint` where
/// that gives one: what the command running says in the lint's place.
pub fn check_before_signing_with(
    bytes: &[u8],
    opts: &byoip::LintOptions,
    place: &str,
    own_hint: impl Fn(&byoip::Finding) -> Option<String>,
) -> Result<(), CliError> {
    let findings = super::advice::lint(bytes, opts);
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
        return Err(CliError::input(
            what,
            own_hint(f).unwrap_or_else(|| f.hint.clone()),
        ));
    }
    Ok(())
}

/// `message --json`: the message and its fields, those of the other cloud's form null
/// (fields in alphabetical order, the order of every `--json` built before they were typed).
#[derive(serde::Serialize)]
struct MessageJson {
    account: Option<AccountId>,
    asn: Option<Asn>,
    cidr: Option<byoip::Prefix>,
    cloud: Cloud,
    expires: ExpiryDate,
    message: String,
    subscription: Option<SubscriptionId>,
}

/// `lint --json`.
#[derive(serde::Serialize)]
struct LintJson<'a> {
    findings: Vec<FindingJson<'a>>,
    ok: bool,
}

pub fn run_message(a: MessageArgs) -> CliResult {
    let msg = build(&a.parts, &a.target)?;
    if a.json {
        out(&json(&MessageJson {
            account: msg.account(),
            asn: msg.asn(),
            cidr: msg.prefix(),
            cloud: msg.cloud(),
            expires: msg.expires(),
            message: msg.to_string(),
            subscription: msg.subscription(),
        })?)?;
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
    // A message may start with a dash (`-n 1|aws|…`, pasted from an `echo -n` that printed
    // its flag, is a mistake lint names), so clap takes dashed values; but a lone `--word`
    // with no `|` is a mistyped option, not a message.
    if let Some(m) = a.message.as_deref().filter(|m| looks_like_an_option(m)) {
        return Err(CliError::input(
            format!("unexpected argument '{m}'"),
            "see `byoip lint --help` for the options; a message contains |",
        ));
    }
    if let Some(why) = a
        .cloud
        .and_then(|c| c.profile().signs_nothing("signed message"))
    {
        return Err(CliError::input(
            why,
            "check the token with `byoip check --cloud oci --cidr CIDR --validation-token TOKEN`",
        ));
    }
    let shape = byoip::cloud_of(&bytes);
    if shape == Cloud::Azure {
        refuse_aws_targets(&a.target)?;
    }
    let mut findings = super::advice::lint(&bytes, &a.target.lint_options());
    if let Some(want) = a.cloud.filter(|want| *want != shape) {
        findings.insert(0, form_mismatch(want, shape));
    }
    let failed = findings
        .iter()
        .any(|f| f.severity == Severity::Error || a.deny_warnings);
    if a.json {
        out(&json(&LintJson {
            findings: FindingJson::list(&findings),
            ok: !failed,
        })?)?;
    } else if findings.is_empty() {
        out(&format!(
            "ok: the message is in {}'s documented format\n",
            shape.vendor()
        ))?;
    } else {
        let style = Style::detect();
        out(&format!(
            "{}:\n{}",
            crate::text::plural(findings.len(), "problem", "problems"),
            render_findings(&findings, &style)
        ))?;
    }
    Ok(if failed { Outcome::Failed } else { Outcome::Ok })
}
