//! `byoip batch sign`: one signed message per entry of a manifest, every core signing,
//! printed for the AWS CLI, Azure's CLI or PowerShell, Terraform, JSON or CSV.

use super::{Jobs, MANIFEST_KEY, missing};
use crate::heading;
use std::{fmt::Write as _, path::PathBuf};

use byoip::{
    AnyMessage, AuthorizationMessage, AzureMessage, Cloud,
    manifest::{self, Entry, Manifest},
    signature::{self, AnySigned, SignedMessage},
};

use crate::{
    CliError, CliResult, Outcome, PassphraseArgs, Progress, check::plural, json, load_certificate,
    load_manifest, load_signing_key, out, parallel::map_parallel, write_atomic,
};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SignFormat {
    Json,
    Csv,
    /// AWS: a tfvars list of cidr_authorization_context values; Azure: azurerm_custom_ip_prefix resources.
    Terraform,
    AwsCli,
    /// Azure (cloud = "azure"): one az network custom-ip prefix create per prefix.
    AzCli,
    /// Azure (cloud = "azure"): one New-AzCustomIpPrefix per prefix.
    Powershell,
}

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
pub(super) struct SignArgs {
    /// The manifest.
    #[arg(long, value_name = "FILE", default_value = manifest::DEFAULT_NAME)]
    manifest: PathBuf,
    /// Output format (aws-cli: one provisioning command per prefix, by its service).
    #[arg(long, value_enum, default_value = "json", help_heading = heading::OUTPUT)]
    format: SignFormat,
    /// Print JSON: the same as --format json.
    #[arg(long, conflicts_with = "format", help_heading = heading::OUTPUT)]
    json: bool,
    /// With --format aws-cli: the IPAM pool to provision into (else $IPAM_POOL_ID).
    #[arg(long, value_name = "ID", help_heading = heading::AWS)]
    ipam_pool_id: Option<String>,
    /// With --format aws-cli: the IPAM to bring [[asn]] entries to (else $IPAM_ID).
    #[arg(long, value_name = "ID", help_heading = heading::AWS)]
    ipam_id: Option<String>,
    /// With --format aws-cli: the Region for EC2 and IPAM commands (Azure: the location).
    #[arg(long, value_name = "REGION", help_heading = heading::AWS)]
    region: Option<String>,
    /// Azure: the resource group for the printed commands.
    #[arg(long, value_name = "GROUP", help_heading = heading::AZURE)]
    resource_group: Option<String>,
    /// Write to FILE (atomically; refuses to replace it without --force) instead of stdout (-).
    #[arg(long, value_name = "FILE", help_heading = heading::OUTPUT)]
    out: Option<PathBuf>,
    /// Replace an existing --out file.
    #[arg(long, help_heading = heading::OUTPUT)]
    force: bool,
    #[command(flatten)]
    jobs: Jobs,
    #[command(flatten)]
    pass: PassphraseArgs,
}

/// Each entry's message, the prefixes' then the ASNs', refused (with the manifest line)
/// where the cloud would refuse it.
fn messages_of(m: &Manifest) -> Result<Vec<AnyMessage>, CliError> {
    match m.cloud {
        Cloud::Azure | Cloud::Aws => {}
        other => return Err(crate::message::no_message(other)),
    }
    let asns = m.asns.iter().map(|e| {
        let at = Line::of(m, e.line, format!("AS{}", e.asn), "[[asn]]");
        let account = at.required(e.account, "account", "123456789012")?;
        let msg = AuthorizationMessage::new_asn(account, e.asn, e.expires);
        check_entry_message(
            m,
            &msg,
            byoip::Service::Ipam,
            true,
            (e.line, e.expires_line),
            e.expires,
        )?;
        Ok(AnyMessage::Aws(msg))
    });
    m.prefixes
        .iter()
        .map(|e| prefix_message(m, e))
        .chain(asns.filter(|_| m.cloud == Cloud::Aws))
        .collect()
}

/// A manifest entry's line, for the errors about it: `byoip.toml line 7: no account for
/// 198.51.100.0/24`, and the table that could say what is missing.
struct Line<'m> {
    m: &'m Manifest,
    line: usize,
    subject: String,
    table: &'static str,
}

impl<'m> Line<'m> {
    fn of(m: &'m Manifest, line: usize, subject: String, table: &'static str) -> Self {
        Line {
            m,
            line,
            subject,
            table,
        }
    }

    /// `value`, the entry's (or the manifest's) `field`; its absence is the error, with
    /// an `example` of what to set.
    fn required<T>(&self, value: Option<T>, field: &str, example: &str) -> Result<T, CliError> {
        value.ok_or_else(|| {
            CliError::input(
                format!(
                    "{} line {}: no {field} for {}",
                    self.m.path.display(),
                    self.line,
                    self.subject
                ),
                format!(
                    "set {field} = \"{example}\" at the top of the manifest or in this {}",
                    self.table
                ),
            )
        })
    }
}

/// The message of a `[[prefix]]`, for the manifest's cloud: AWS's (from its account) or
/// Azure's (from its subscription), refused (with the line) when the cloud would refuse it.
fn prefix_message(m: &Manifest, e: &Entry) -> Result<AnyMessage, CliError> {
    let at = Line::of(m, e.line, e.cidr.to_string(), "[[prefix]]");
    if m.cloud == Cloud::Azure {
        let subscription = at.required(e.subscription, "subscription", "GUID")?;
        let msg = AzureMessage::new(subscription, e.cidr, e.expires);
        crate::message::check_before_signing(
            msg.to_string().as_bytes(),
            &byoip::LintOptions::on(crate::clock::today()),
            &format!("{} line {}: ", m.path.display(), e.line),
        )?;
        return Ok(AnyMessage::Azure(msg));
    }
    let account = at.required(e.account, "account", "123456789012")?;
    let msg = AuthorizationMessage::new(account, e.cidr, e.expires);
    check_entry_message(
        m,
        &msg,
        e.service,
        e.advertise,
        (e.line, e.expires_line),
        e.expires,
    )?;
    Ok(AnyMessage::Aws(msg))
}

/// Refuses an entry's message as `sign` would, at the entry's line (`lines.0`); a date
/// that has passed at the line of the `expires` that set it (`lines.1`), with what to
/// change in the manifest: the date comes from there, not from a `--expires` flag.
fn check_entry_message(
    m: &Manifest,
    msg: &AuthorizationMessage,
    service: byoip::Service,
    advertise: bool,
    (line, expires_line): (usize, Option<usize>),
    expires: byoip::ExpiryDate,
) -> Result<(), CliError> {
    let today = crate::clock::today();
    let passed = expires.days_left(today) < 0;
    let at = match expires_line {
        Some(l) if passed => l,
        _ => line,
    };
    crate::message::check_before_signing_with(
        msg.to_string().as_bytes(),
        &{
            let mut options = byoip::LintOptions::on(today);
            options.service = service;
            options.advertise = advertise;
            options
        },
        &format!("{} line {at}: ", m.path.display()),
        |f| {
            (passed && f.id == byoip::LintId::MessageExpiry).then(|| {
                "set expires in the manifest to a future date (expires = \"+30d\", or YYYYMMDD)"
                    .to_string()
            })
        },
    )
}

/// The format flags of the other cloud, refused before the key is read.
fn refuse_foreign_format(m: &Manifest, format: SignFormat) -> Result<(), CliError> {
    let azure = m.cloud == Cloud::Azure;
    match format {
        SignFormat::AwsCli if azure => Err(CliError::input(
            format!(
                "{} is for Azure: --format aws-cli has nothing to print",
                m.path.display()
            ),
            "use --format az-cli, powershell, terraform, json or csv",
        )),
        SignFormat::AzCli | SignFormat::Powershell if !azure => Err(CliError::input(
            format!(
                "{} is for AWS: --format az-cli and powershell are for Azure's custom IP prefixes",
                m.path.display()
            ),
            "use --format aws-cli, terraform, json or csv (or set cloud = \"azure\" in an Azure manifest)",
        )),
        _ => Ok(()),
    }
}

/// One signed context in `batch sign --format json` (fields in alphabetical order, the
/// order this output has always had): an AWS context with how it is provisioned, or an
/// Azure message.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum SignedJson<'a> {
    Aws {
        account: Option<byoip::AccountId>,
        /// Null for an `[[asn]]` entry, which is not advertised itself.
        advertise: Option<bool>,
        asn: Option<byoip::Asn>,
        cidr: Option<byoip::Prefix>,
        cloud: Cloud,
        context: Option<String>,
        expires: byoip::ExpiryDate,
        message: String,
        service: byoip::Service,
        signature: &'a str,
    },
    Azure {
        cidr: Option<byoip::Prefix>,
        cloud: Cloud,
        expires: byoip::ExpiryDate,
        message: String,
        signature: &'a str,
        subscription: Option<byoip::SubscriptionId>,
    },
}

pub(super) fn sign(a: SignArgs) -> CliResult {
    let m = load_manifest(&a.manifest)?;
    if let Some(why) = m.cloud.profile().signs_nothing("signed message") {
        return Err(CliError::input(
            format!(
                "{} is for {} (cloud = \"{}\"): {why}",
                m.path.display(),
                m.cloud.vendor(),
                m.cloud
            ),
            "put each validation token in its range's record and run `byoip batch check`",
        ));
    }
    let format = if a.json { SignFormat::Json } else { a.format };
    refuse_foreign_format(&m, format)?;
    let messages = messages_of(&m)?;
    // `--out -` is standard output, as everywhere else.
    let out_path = a.out.as_deref().filter(|p| *p != std::path::Path::new("-"));
    if let Some(out) = out_path {
        crate::refuse_existing(out, a.force)?;
    }
    let key = signing_key(&m, &a, &messages)?;
    let progress = Progress::new(messages.len(), "signed", true);
    let signed = map_parallel(
        &messages,
        a.jobs.get(),
        |msg| signature::sign_any(&key, msg),
        &|| progress.tick(),
    )
    .into_iter()
    .collect::<Result<Vec<_>, _>>()?;
    let text = match format {
        SignFormat::Json => signed_json(&m, &signed)?,
        SignFormat::Csv => csv(&signed),
        SignFormat::Terraform if m.cloud == Cloud::Azure => azure_terraform(&a, &m, &signed),
        SignFormat::AzCli | SignFormat::Powershell => azure_commands(&a, &m, &signed, format),
        SignFormat::Terraform => {
            if !m.asns.is_empty() {
                crate::warn(&format!(
                    "{} left out of the Terraform file: the Terraform AWS provider has no BYOASN resource; use --format aws-cli or json for them",
                    plural(m.asns.len(), "ASN is", "ASNs are")
                ));
            }
            let aws: Vec<SignedMessage> = signed.iter().filter_map(aws_signed).collect();
            terraform(&aws[..m.prefixes.len()], &m)
        }
        SignFormat::AwsCli => aws_commands(&a, &m, &signed),
    };
    match out_path {
        Some(path) => {
            write_atomic(path, text.as_bytes(), 0o644, a.force)?;
            crate::note(&format!(
                "wrote {} to {}",
                plural(signed.len(), "signed context", "signed contexts"),
                path.display()
            ));
        }
        None => out(&text)?,
    }
    Ok(Outcome::Ok)
}

/// The manifest's signing key, checked against its certificate when it names one, whose
/// expiry is judged as `sign --cert` judges it.
fn signing_key(
    m: &Manifest,
    a: &SignArgs,
    messages: &[AnyMessage],
) -> Result<byoip::key::SigningKey, CliError> {
    let key_path = m.key.clone().ok_or_else(|| {
        missing(
            m,
            "key",
            "set key = \"path/to/key.pem\" in the manifest (relative to it)",
        )
    })?;
    let key = load_signing_key(&key_path, &a.pass)?;
    if let Some(cert_path) = &m.cert {
        let cert = load_certificate(cert_path, Some(MANIFEST_KEY))?;
        cert.check_key(key.verifying_key())?;
        // As `sign --cert`, and as `check` will: judged once, against the message that
        // expires last and the longest provisioning among the manifest's services. (Azure's
        // date is the ROA's end, not the message's: Azure keeps advertising after it.)
        let last = messages
            .iter()
            .filter(|msg| msg.cloud() == Cloud::Aws)
            .map(AnyMessage::expires)
            .max();
        let service = m
            .prefixes
            .iter()
            .map(|p| p.service)
            .max_by_key(|s| s.provisioning_days())
            .unwrap_or_default();
        crate::sign::warn_about_certificate(&cert, m.cloud, service, last);
    }
    Ok(key)
}

/// `--format json`: one object per signed context.
fn signed_json(m: &Manifest, signed: &[AnySigned]) -> Result<String, CliError> {
    json(
        &signed
            .iter()
            .enumerate()
            .map(|(i, s)| {
                // An [[asn]] entry is provisioned to IPAM and is not advertised itself.
                let (service, advertise) = match m.prefixes.get(i) {
                    Some(e) => (e.service, Some(e.advertise)),
                    None => (byoip::Service::Ipam, None),
                };
                if m.cloud == Cloud::Azure {
                    return SignedJson::Azure {
                        cidr: s.message.prefix(),
                        cloud: m.cloud,
                        expires: s.message.expires(),
                        message: s.message.to_string(),
                        signature: &s.signature,
                        subscription: s.message.subscription(),
                    };
                }
                SignedJson::Aws {
                    account: s.message.account(),
                    advertise,
                    asn: s.message.asn(),
                    cidr: s.message.prefix(),
                    cloud: m.cloud,
                    context: aws_context(s),
                    expires: s.message.expires(),
                    message: s.message.to_string(),
                    service,
                    signature: &s.signature,
                }
            })
            .collect::<Vec<_>>(),
    )
}

/// `--format csv`: `cidr,message,signature` (an ASN in the first column for `[[asn]]`).
fn csv(signed: &[AnySigned]) -> String {
    let mut t = String::from("cidr,message,signature\n");
    for s in signed {
        // No field can hold a comma or a quote: the alphabet is fixed.
        let resource = s
            .message
            .prefix()
            .map(|p| p.to_string())
            .or_else(|| s.message.asn().map(|a| a.to_string()))
            .unwrap_or_default();
        let _ = writeln!(t, "{resource},{},{}", s.message, s.signature);
    }
    t
}

/// Azure's message of a signed context, if it is one.
fn azure(s: &AnySigned) -> Option<AzureMessage> {
    match s.message {
        AnyMessage::Azure(msg) => Some(msg),
        _ => None,
    }
}

/// Where Azure's commands and resources create the prefixes.
fn azure_target(a: &SignArgs) -> byoip::provision::AzureTarget<'_> {
    byoip::provision::AzureTarget {
        name: None,
        resource_group: a.resource_group.as_deref(),
        location: a.region.as_deref(),
    }
}

/// `--format terraform` for Azure: one azurerm_custom_ip_prefix per prefix.
fn azure_terraform(a: &SignArgs, m: &Manifest, signed: &[AnySigned]) -> String {
    let target = azure_target(a);
    let mut t = format!("# Written by byoip batch sign from {}.\n", m.path.display());
    t += &byoip::provision::azure_terraform_variables(target);
    // azurerm rebuilds each message from its provider's subscription: one provider
    // cannot serve messages signed for several.
    let subs: std::collections::BTreeSet<String> = signed
        .iter()
        .filter_map(|s| Some(azure(s)?.subscription.to_string()))
        .collect();
    if subs.len() > 1 {
        crate::warn(&format!(
            "the prefixes name {} subscriptions, and azurerm rebuilds each message from its provider's subscription: give each subscription its own provider alias (`provider = azurerm.<alias>`) in the resources",
            subs.len()
        ));
    }
    for (s, msg) in signed.iter().filter_map(|s| Some((s, azure(s)?))) {
        t += &byoip::provision::azure_terraform(&msg, &s.signature, target);
    }
    t
}

/// `--format az-cli` or `powershell`: one command per prefix.
fn azure_commands(a: &SignArgs, m: &Manifest, signed: &[AnySigned], format: SignFormat) -> String {
    let target = azure_target(a);
    let mut t = format!("# Written by byoip batch sign from {}.\n", m.path.display());
    if format == SignFormat::Powershell {
        t += &byoip::provision::azure_powershell_preamble(target);
    }
    for (s, msg) in signed.iter().filter_map(|s| Some((s, azure(s)?))) {
        let cmd = if format == SignFormat::AzCli {
            byoip::provision::azure_cli_command(&msg, &s.signature, target)
        } else {
            byoip::provision::azure_powershell_command(&msg, &s.signature, target)
        };
        let _ = writeln!(t, "{cmd}");
    }
    t
}

/// `--format aws-cli`: each prefix's provisioning command by its service, then each ASN's.
fn aws_commands(a: &SignArgs, m: &Manifest, signed: &[AnySigned]) -> String {
    let mut t = format!("# Written by byoip batch sign from {}.\n", m.path.display());
    let aws: Vec<SignedMessage> = signed.iter().filter_map(aws_signed).collect();
    for (s, e) in aws.iter().zip(&m.prefixes) {
        let cmd = byoip::provision::command_in(
            e.service,
            s,
            e.advertise,
            a.ipam_pool_id.as_deref(),
            a.region.as_deref(),
            e.network_border_group.as_ref(),
        );
        let _ = writeln!(t, "{cmd}");
    }
    for (s, e) in aws[m.prefixes.len()..].iter().zip(&m.asns) {
        let cmd =
            byoip::provision::byoasn_command(e.asn, s, a.ipam_id.as_deref(), a.region.as_deref());
        let _ = writeln!(t, "{cmd}");
    }
    t
}

/// An AWS message and its signature as [`SignedMessage`] (its context and commands).
fn aws_signed(s: &AnySigned) -> Option<SignedMessage> {
    match s.message {
        AnyMessage::Aws(message) => Some(SignedMessage {
            message,
            signature: s.signature.clone(),
        }),
        _ => None,
    }
}

/// `Message="…",Signature="…"` for an AWS message; `None` for Azure, which has no such form.
fn aws_context(s: &AnySigned) -> Option<String> {
    aws_signed(s).map(|s| s.context())
}

/// A tfvars file whose list fits the aws-ia/ipam module's `top_cidr_authorization_contexts`
/// (list(object({cidr, message, signature}))) and, keyed by `cidr`, the
/// `cidr_authorization_context { message, signature }` block of `aws_vpc_ipam_pool_cidr`.
fn terraform(signed: &[SignedMessage], m: &Manifest) -> String {
    let mut t = format!(
        "# Written by byoip batch sign from {}.\n\
         # module \"ipam\" {{ top_cidr_authorization_contexts = var.byoip_cidr_authorization_contexts }}, or\n\
         # resource \"aws_vpc_ipam_pool_cidr\" with for_each = {{ for c in var.byoip_cidr_authorization_contexts : c.cidr => c }}\n\
         # and cidr_authorization_context {{ message = each.value.message, signature = each.value.signature }}.\n\
         byoip_cidr_authorization_contexts = [\n",
        m.path.display()
    );
    for s in signed {
        let _ = write!(
            t,
            "  {{\n    cidr      = \"{}\"\n    message   = \"{}\"\n    signature = \"{}\"\n  }},\n",
            s.message.resource, s.message, s.signature
        );
    }
    t.push_str("]\n");
    t
}
