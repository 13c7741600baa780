//! `byoip batch sign|verify|check`: every prefix of a manifest in one run.
//!
//! Signing and verifying use every core (`crate::parallel::map_parallel`); the key is loaded
//! and its passphrase asked once. Checks share one bootstrap and one request per distinct
//! registry record, with bounded concurrency.

use super::heading;
use std::{
    fmt::Write as _,
    path::{Path, PathBuf},
    sync::Mutex,
};

use byoip::{
    AnyMessage, AuthorizationMessage, AzureMessage, Cloud,
    batch::{self, ContextEntry, ContextRecord},
    check::{self, Check, Inputs, Report, Signed, Status},
    key::VerifyingKey,
    manifest::{self, AsnEntry, Entry, Manifest},
    service::VerificationMethod,
    signature::{self, AnySigned, SignedMessage, Verification},
};

use super::{
    CliError, CliResult, Outcome, PassphraseArgs, Progress, Style,
    check::{NetArgs, Sources, heading, id_list, plural, render_only},
    json, junit, load_certificate, load_manifest, load_signing_key, out,
    parallel::{default_jobs, map_parallel},
    read_input, write_atomic,
};

/// Largest contexts file read (1,000 contexts are about 600 KB).
pub(crate) const MAX_CONTEXTS_BYTES: usize = 64 * 1024 * 1024;

#[derive(clap::Args)]
pub struct BatchArgs {
    #[command(subcommand)]
    command: BatchCommand,
}

#[derive(clap::Subcommand)]
enum BatchCommand {
    /// Sign one message per prefix of the manifest.
    Sign(SignArgs),
    /// Verify every signed context of a file (as `batch sign` writes it).
    Verify(VerifyArgs),
    /// Run `byoip check` for every prefix of the manifest.
    Check(CheckArgs),
}

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
struct SignArgs {
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

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
struct VerifyArgs {
    /// The manifest whose cert and contexts are verified where --cert or --input is not given [default: byoip.toml].
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
    /// The certificate published in the registry [default: the manifest's cert].
    #[arg(long, value_name = "FILE|TEXT", allow_hyphen_values = true)]
    cert: Option<PathBuf>,
    /// The contexts, as `batch sign` writes them: JSON ([{"cidr", "message", "signature"}] or "context") or CSV (cidr,message,signature) [default: the manifest's contexts].
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,
    #[command(flatten)]
    jobs: Jobs,
    /// Print JSON.
    #[arg(long, help_heading = heading::OUTPUT)]
    json: bool,
}

/// Where a manifest names the private key, for hints about a key given as the certificate.
pub const MANIFEST_KEY: &str = "key = \"…\" in the manifest";

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
// The shared --offline help names `check`'s --rdap-file; here the manifest holds the files.
#[command(mut_arg("offline", |a| a.help(
    "Never touch the network: RDAP from each entry's rdap_file in the manifest, ROAs from --vrps or its vrps (checks without them are \"not run\")"
)))]
struct CheckArgs {
    /// The manifest.
    #[arg(long, value_name = "FILE", default_value = manifest::DEFAULT_NAME)]
    manifest: PathBuf,
    #[command(flatten)]
    jobs: Jobs,
    /// Ask the registry for every prefix, even one a record already fetched covers.
    #[arg(long, help_heading = heading::NETWORK)]
    no_share_records: bool,
    /// Also write JUnit XML (one test case per prefix and check) to FILE, replacing it (- : stdout, the summary then goes to stderr).
    #[arg(long, value_name = "FILE", help_heading = heading::OUTPUT)]
    junit: Option<PathBuf>,
    /// Print JSON ({"ok", "ready", "prefixes": [report, …], "asns": [report, …]}).
    #[arg(long, help_heading = heading::OUTPUT)]
    json: bool,
    /// Print every check of each entry not ready, skips by rule (those that do not apply) included, not only what stands in the way.
    #[arg(long, short = 'v')]
    verbose: bool,
    #[command(flatten)]
    net: NetArgs,
    #[command(flatten)]
    pass: PassphraseArgs,
}

/// `--jobs`, one rule for the three batch commands: how many entries are worked on at
/// once, by default as many as there are cores.
#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
struct Jobs {
    /// Entries worked on at once (default: every core).
    #[arg(long, value_name = "N", value_parser = super::check::at_least_one::<usize>)]
    jobs: Option<usize>,
}

impl Jobs {
    fn get(&self) -> usize {
        self.jobs.unwrap_or_else(default_jobs)
    }
}

pub fn run(a: BatchArgs) -> CliResult {
    match a.command {
        BatchCommand::Sign(a) => sign(a),
        BatchCommand::Verify(a) => verify(a),
        BatchCommand::Check(a) => check_all(a),
    }
}

fn missing(m: &Manifest, what: &str, hint: &str) -> CliError {
    CliError::input(format!("{}: no {what}", m.path.display()), hint)
}

/// The message for one entry, refused (with the line) when AWS would refuse it.
fn message_for(m: &Manifest, e: &Entry) -> Result<AuthorizationMessage, CliError> {
    let account = e.account.ok_or_else(|| {
        CliError::input(
            format!(
                "{} line {}: no account for {}",
                m.path.display(),
                e.line,
                e.cidr
            ),
            "set account = \"123456789012\" at the top of the manifest or in this [[prefix]]",
        )
    })?;
    let msg = AuthorizationMessage::new(account, e.cidr, e.expires);
    check_entry_message(
        m,
        &msg,
        e.service,
        e.advertise,
        (e.line, e.expires_line),
        e.expires,
    )?;
    Ok(msg)
}

/// The BYOASN message for an `[[asn]]` entry, refused (with the line) when AWS would
/// refuse it.
fn asn_message_for(m: &Manifest, e: &AsnEntry) -> Result<AuthorizationMessage, CliError> {
    let account = e.account.ok_or_else(|| {
        CliError::input(
            format!(
                "{} line {}: no account for AS{}",
                m.path.display(),
                e.line,
                e.asn
            ),
            "set account = \"123456789012\" at the top of the manifest or in this [[asn]]",
        )
    })?;
    let msg = AuthorizationMessage::new_asn(account, e.asn, e.expires);
    check_entry_message(
        m,
        &msg,
        byoip::Service::Ipam,
        true,
        (e.line, e.expires_line),
        e.expires,
    )?;
    Ok(msg)
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
    let today = super::clock::today();
    let passed = expires.days_left(today) < 0;
    let at = match expires_line {
        Some(l) if passed => l,
        _ => line,
    };
    super::message::check_before_signing_with(
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

/// Azure's message for an entry of a `cloud = "azure"` manifest, refused (with the line)
/// when Azure would refuse it.
fn azure_message_for(m: &Manifest, e: &Entry) -> Result<AzureMessage, CliError> {
    let subscription = e.subscription.ok_or_else(|| {
        CliError::input(
            format!(
                "{} line {}: no subscription for {}",
                m.path.display(),
                e.line,
                e.cidr
            ),
            "set subscription = \"GUID\" at the top of the manifest or in this [[prefix]]",
        )
    })?;
    let msg = AzureMessage::new(subscription, e.cidr, e.expires);
    super::message::check_before_signing(
        msg.to_string().as_bytes(),
        &byoip::LintOptions::on(super::clock::today()),
        &format!("{} line {}: ", m.path.display(), e.line),
    )?;
    Ok(msg)
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

fn sign(a: SignArgs) -> CliResult {
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
    // The prefixes' messages, then the ASNs'.
    let messages: Vec<AnyMessage> = match m.cloud {
        Cloud::Azure => m
            .prefixes
            .iter()
            .map(|e| azure_message_for(&m, e).map(AnyMessage::Azure))
            .collect::<Result<_, _>>()?,
        Cloud::Aws => m
            .prefixes
            .iter()
            .map(|e| message_for(&m, e))
            .chain(m.asns.iter().map(|e| asn_message_for(&m, e)))
            .map(|r| r.map(AnyMessage::Aws))
            .collect::<Result<_, _>>()?,
        other => return Err(super::message::no_message(other)),
    };
    // `--out -` is standard output, as everywhere else.
    let out_path = a.out.as_deref().filter(|p| *p != std::path::Path::new("-"));
    if let Some(out) = out_path {
        super::refuse_existing(out, a.force)?;
    }
    let key_path = m.key.clone().ok_or_else(|| {
        missing(
            &m,
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
        super::sign::warn_about_certificate(&cert, m.cloud, service, last);
    }
    let progress = Progress::new(messages.len(), "signed", true);
    let signed = map_parallel(
        &messages,
        a.jobs.get(),
        |msg| signature::sign_any(&key, msg),
        &|| progress.tick(),
    )
    .into_iter()
    .collect::<Result<Vec<_>, _>>()?;
    let target = byoip::provision::AzureTarget {
        name: None,
        resource_group: a.resource_group.as_deref(),
        location: a.region.as_deref(),
    };
    let azure = |s: &AnySigned| match s.message {
        AnyMessage::Azure(msg) => Some(msg),
        _ => None,
    };
    let text = match format {
        SignFormat::Json => json(
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
        )?,
        SignFormat::Csv => {
            let mut t = String::from("cidr,message,signature\n");
            for s in &signed {
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
        SignFormat::Terraform if m.cloud == Cloud::Azure => {
            let mut t = format!("# Written by byoip batch sign from {}.\n", m.path.display());
            t += &byoip::provision::azure_terraform_variables(target);
            // azurerm rebuilds each message from its provider's subscription: one provider
            // cannot serve messages signed for several.
            let subs: std::collections::BTreeSet<String> = signed
                .iter()
                .filter_map(|s| Some(azure(s)?.subscription.to_string()))
                .collect();
            if subs.len() > 1 {
                super::warn(&format!(
                    "the prefixes name {} subscriptions, and azurerm rebuilds each message from its provider's subscription: give each subscription its own provider alias (`provider = azurerm.<alias>`) in the resources",
                    subs.len()
                ));
            }
            for (s, msg) in signed.iter().filter_map(|s| Some((s, azure(s)?))) {
                t += &byoip::provision::azure_terraform(&msg, &s.signature, target);
            }
            t
        }
        SignFormat::AzCli | SignFormat::Powershell => {
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
        SignFormat::Terraform => {
            if !m.asns.is_empty() {
                super::warn(&format!(
                    "{} left out of the Terraform file: the Terraform AWS provider has no BYOASN resource; use --format aws-cli or json for them",
                    plural(m.asns.len(), "ASN is", "ASNs are")
                ));
            }
            let aws: Vec<SignedMessage> = signed.iter().filter_map(aws_signed).collect();
            terraform(&aws[..m.prefixes.len()], &m)
        }
        SignFormat::AwsCli => {
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
                let cmd = byoip::provision::byoasn_command(
                    e.asn,
                    s,
                    a.ipam_id.as_deref(),
                    a.region.as_deref(),
                );
                let _ = writeln!(t, "{cmd}");
            }
            t
        }
    };
    match out_path {
        Some(path) => {
            write_atomic(path, text.as_bytes(), 0o644, a.force)?;
            super::note(&format!(
                "wrote {} to {}",
                plural(signed.len(), "signed context", "signed contexts"),
                path.display()
            ));
        }
        None => out(&text)?,
    }
    Ok(Outcome::Ok)
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

/// `batch verify --json`.
#[derive(serde::Serialize)]
struct VerifyJson<'a> {
    /// The certificate's key size.
    key_bits: usize,
    /// Every context verifies.
    ok: bool,
    /// One per context, in file order.
    results: Vec<VerifiedJson<'a>>,
    /// The certificate's key.
    spki_sha256: byoip::key::Fingerprint,
}

/// One context's verdict in `batch verify --json`: labelled by `cidr`, or by `asn` for a
/// BYOASN context; `error` when it could not be verified at all.
#[derive(serde::Serialize)]
struct VerifiedJson<'a> {
    asn: Option<&'a str>,
    cidr: Option<&'a str>,
    diagnosis: &'a [signature::Diagnosis],
    error: Option<&'a str>,
    valid: bool,
}

/// The certificate and the contexts file `batch verify` reads: `--cert` and `--input`
/// where given, else the manifest's `cert` and `contexts` (as `batch check` and `audit`
/// read them). The manifest is read only when one of the two is missing or `--manifest`
/// names it.
fn verify_files(a: &VerifyArgs) -> Result<(PathBuf, PathBuf), CliError> {
    if let (Some(cert), Some(input), None) = (&a.cert, &a.input, &a.manifest) {
        return Ok((cert.clone(), input.clone()));
    }
    let path = a
        .manifest
        .clone()
        .unwrap_or_else(|| PathBuf::from(manifest::DEFAULT_NAME));
    // Without the default manifest, what is missing is the flags, not the file.
    if a.manifest.is_none() && !path.exists() {
        let what = match (&a.cert, &a.input) {
            (None, None) => "--cert and --input",
            (None, Some(_)) => "--cert",
            _ => "--input",
        };
        return Err(CliError::input(
            format!(
                "no {what} given, and no {} here to read them from",
                manifest::DEFAULT_NAME
            ),
            "give --cert CERT --input CONTEXTS, or --manifest FILE naming cert = \"…\" and contexts = \"…\"",
        ));
    }
    let m = load_manifest(&path)?;
    let cert = match (&a.cert, &m.cert) {
        (Some(c), _) | (None, Some(c)) => c.clone(),
        (None, None) => {
            return Err(missing(
                &m,
                "cert",
                "add cert = \"…\" (the certificate you publish) to the manifest, or give --cert FILE",
            ));
        }
    };
    let input = match (&a.input, &m.contexts) {
        (Some(i), _) => i.clone(),
        (None, Some(i)) => {
            super::manifest_file_exists(&m, "contexts", i)?;
            i.clone()
        }
        (None, None) => {
            return Err(missing(
                &m,
                "contexts",
                "add contexts = \"contexts.json\" (what `byoip batch sign --out contexts.json` writes) to the manifest, or give --input FILE",
            ));
        }
    };
    Ok((cert, input))
}

fn verify(a: VerifyArgs) -> CliResult {
    let (cert_file, input) = verify_files(&a)?;
    let cert = load_certificate(&cert_file, None)?;
    let key = cert.public_key()?;
    let data = read_input(&input, MAX_CONTEXTS_BYTES, "contexts file")?;
    let shown = input.display().to_string();
    let records = batch::read_contexts(&data, &shown)?;
    let progress = Progress::new(records.len(), "verified", !a.json);
    let results: Vec<(String, Result<Verification, String>)> =
        map_parallel(&records, a.jobs.get(), |r| verify_one(&key, r), &|| {
            progress.tick()
        });
    let invalid = results
        .iter()
        .filter(|(_, v)| !matches!(v, Ok(v) if v.valid))
        .count();
    if a.json {
        let results = results
            .iter()
            .map(|(label, v)| {
                // A BYOASN context is labelled by its ASN: `asn` set, `cidr` null.
                let (cidr, asn) = if byoip::asn::looks_like_asn(label) {
                    (None, Some(label.as_str()))
                } else {
                    (Some(label.as_str()), None)
                };
                let (valid, diagnosis, error) = match v {
                    Ok(v) => (v.valid, v.diagnosis.as_slice(), None),
                    Err(e) => (false, &[][..], Some(e.as_str())),
                };
                VerifiedJson {
                    asn,
                    cidr,
                    diagnosis,
                    error,
                    valid,
                }
            })
            .collect();
        out(&super::sorted_json(&VerifyJson {
            key_bits: key.bits(),
            ok: invalid == 0,
            results,
            spki_sha256: key.fingerprint(),
        })?)?;
    } else {
        let style = Style::detect();
        let mut s = String::new();
        for (cidr, v) in &results {
            match v {
                Ok(v) if v.valid => {
                    let _ = writeln!(s, "{}  {cidr}", style.good("valid  "));
                }
                Ok(v) => {
                    let why = v
                        .first_reason()
                        .map_or("does not verify".into(), ToString::to_string);
                    let _ = writeln!(s, "{}  {cidr}: {why}", style.bad("INVALID"));
                }
                Err(e) => {
                    let _ = writeln!(s, "{}  {cidr}: {e}", style.bad("INVALID"));
                }
            }
        }
        let _ = writeln!(
            s,
            "{} of {} contexts verify under {} (RSA-{}, SPKI SHA-256 {})",
            results.len() - invalid,
            results.len(),
            cert_file.display(),
            key.bits(),
            key.fingerprint()
        );
        out(&s)?;
    }
    Ok(if invalid == 0 {
        Outcome::Ok
    } else {
        Outcome::Failed
    })
}

fn verify_one(key: &VerifyingKey, entry: &ContextEntry) -> (String, Result<Verification, String>) {
    match entry {
        Ok(r) => {
            let cidr = r.cidr_or_message().unwrap_or_else(|| "?".into());
            let m = r.message().as_bytes();
            let cloud = byoip::message::cloud_of(m);
            (
                cidr,
                Ok(super::advice::verification(signature::diagnose(
                    cloud,
                    key,
                    m,
                    r.signature(),
                    &[],
                ))),
            )
        }
        Err(u) => (
            u.cidr.clone().unwrap_or_else(|| "?".into()),
            Err(u.error.chain()),
        ),
    }
}

fn check_all(mut a: CheckArgs) -> CliResult {
    // `--junit -`: the JUnit XML is the document on stdout, and the summary goes to
    // stderr; with --json, stdout already carries the report, so two documents would mix.
    let junit_to_stdout = a.junit.as_deref() == Some(Path::new("-"));
    if junit_to_stdout && a.json {
        return Err(CliError::input(
            "--junit - and --json would both write to standard output",
            "write the JUnit XML to a file (--junit FILE), or drop --json to get it on stdout",
        ));
    }
    let m = load_manifest(&a.manifest)?;
    // The manifest's saved evidence (rdap_file, vrps) is for offline runs; online, the
    // live registries are asked. A flag on the command line wins over the manifest.
    let offline = a.net.offline;
    if offline && a.net.vrps.is_none() {
        if let Some(v) = &m.vrps {
            super::manifest_file_exists(&m, "vrps", v)?;
        }
        a.net.vrps = m.vrps.clone();
    }
    let saved = m.vrps.is_some()
        || m.prefixes.iter().any(|e| !e.rdap_files.is_empty())
        || m.asns.iter().any(|e| e.rdap_file.is_some());
    if !offline && !a.net.local_only && saved {
        super::note(
            "online: the manifest's rdap_file and vrps are for --offline runs; asking the live registries",
        );
    }
    if a.net.registry.rdap_url.is_none() {
        a.net.registry.rdap_url = m.rdap_url.clone();
    }
    if a.net.registry.bootstrap.is_none() {
        a.net.registry.bootstrap = m.bootstrap.clone();
    }
    let certificate = m
        .cert
        .as_deref()
        .map(|p| load_certificate(p, Some(MANIFEST_KEY)))
        .transpose()?;
    let key = m
        .key
        .as_deref()
        .map(|p| super::check::public_half(p, certificate.is_some(), &a.pass))
        .transpose()?
        .flatten();
    // dns-token prefixes need no certificate or key; their tokens are read up front, so a
    // bad token file stops the run before anything is asked.
    let x509 = m.cloud != Cloud::Oci
        && (!m.asns.is_empty()
            || m.prefixes
                .iter()
                .any(|e| e.verification == VerificationMethod::RemarksX509));
    // One read per token file and id, however many prefixes share it: a token serves any
    // number of prefixes for 72 hours (its expiry is each report's dns.token).
    let mut read: Vec<((PathBuf, Option<String>), byoip::dnstoken::Token)> = Vec::new();
    let mut tokens: Vec<Option<byoip::dnstoken::Token>> = Vec::new();
    for e in &m.prefixes {
        let (Some(f), VerificationMethod::DnsToken) = (&e.token_file, e.verification) else {
            tokens.push(None);
            continue;
        };
        let k = (f.clone(), e.token_id.clone());
        let t = match read.iter().find(|(key, _)| *key == k) {
            Some((_, t)) => t.clone(),
            None => {
                let t = super::dns_token::load_token_file(f, e.token_id.as_deref())?;
                read.push((k, t.clone()));
                t
            }
        };
        tokens.push(Some(t));
    }
    // The first DNS failure or unreadable saved record: the closing error (exit 2), after
    // the report.
    let dns_failure: Mutex<Option<CliError>> = Mutex::new(None);
    if x509 && certificate.is_none() && key.is_none() {
        return Err(missing(
            &m,
            "cert or key",
            "set cert = \"…\" (and key = \"…\") in the manifest",
        ));
    }
    // Signed contexts from the manifest's file, matched to prefixes by CIDR; an entry
    // that cannot be used is an error naming it, never dropped.
    let mut contexts: Vec<(String, ContextRecord)> = Vec::new();
    // Each context's entry number in the file (from 1), beside `contexts`.
    let mut entry_numbers: Vec<usize> = Vec::new();
    if let Some(p) = &m.contexts {
        super::manifest_file_exists(&m, "contexts", p)?;
        let data = read_input(p, MAX_CONTEXTS_BYTES, "contexts file")?;
        let shown = p.display().to_string();
        for (i, r) in batch::read_contexts(&data, &shown)?.iter().enumerate() {
            let unusable = |why: String| {
                CliError::input(
                    format!(
                        "{shown}: entry {} (of the contexts the manifest names): {why}",
                        i + 1
                    ),
                    "give each entry \"cidr\", \"message\" and \"signature\" (as `byoip batch sign --format json` writes), or remove it",
                )
            };
            let r = r.as_ref().map_err(|u| unusable(u.error.chain()))?;
            let cidr = r.cidr_or_message().ok_or_else(|| {
                unusable("it names no CIDR (no \"cidr\" and no CIDR in the message)".into())
            })?;
            contexts.push((cidr, r.clone()));
            entry_numbers.push(i + 1);
        }
    }
    // Every context for `key` (a CIDR or an ASN), with its entry number: a prefix with
    // several is judged on each, as `audit` and `batch verify` judge every entry.
    let signed_for = |key: &str| -> Vec<(usize, Signed<'_>)> {
        contexts
            .iter()
            .zip(&entry_numbers)
            .filter(|((c, _), _)| c == key)
            .map(|((_, r), n)| (*n, Signed::new(r.message().as_bytes(), r.signature())))
            .collect()
    };
    let mut sources = Sources::new(&a.net, !a.no_share_records)?;
    if tokens.iter().any(Option::is_some) {
        sources = sources.with_dns(&a.net)?;
    }
    let progress = Progress::new(m.prefixes.len(), "checked", !a.json);
    let now = super::clock::now();
    // A prefix (or ASN) the contexts file has no entry for: its message and signature
    // checks are left out, and what to give is its signed context, not a flag.
    let unsigned = no_context(m.contexts.as_deref(), &m.path);
    let entries: Vec<(&Entry, Option<&byoip::dnstoken::Token>)> = m
        .prefixes
        .iter()
        .zip(tokens.iter().map(Option::as_ref))
        .collect();
    // A saved file (rdap_file, irr_file; a prefix's or an ASN's) that cannot be read leaves
    // its checks not run, the report still written; the first such error ends the run.
    // What the report says.
    let unreadable = |err: &CliError, what: &str, hint: String| -> String {
        let mut first = dns_failure.lock().unwrap_or_else(|p| p.into_inner());
        first.get_or_insert(CliError::input(err.line(), hint));
        format!("the {what} could not be read: {}", err.line())
    };
    let results: Vec<Result<Report, CliError>> = map_parallel(
        &entries,
        a.jobs.get(),
        |&(e, token)| {
            let cidr = e.cidr.to_string();
            let files: &[PathBuf] = if offline { &e.rdap_files } else { &[] };
            // An rdap_file that cannot be read leaves this prefix's registry checks not
            // run; the report and JUnit are still written, and the run ends with the error.
            let saved = match sources.saved_rdap(e.cidr, files) {
                Ok(r) => r,
                Err(err) => Some(check::RdapEvidence::Unavailable(unreadable(
                    &err,
                    "saved record",
                    format!(
                        "check the manifest's rdap_file path (relative to the manifest's folder), or save the record with `byoip rdap fetch --cidr {cidr} --out FILE`"
                    ),
                ))),
            };
            let all_signed = signed_for(&cidr);
            let signed = all_signed.first().map(|(_, s)| *s);
            if m.cloud != Cloud::Aws {
                let ripe_file = e.ripe_db_file.as_deref().filter(|_| offline);
                let ripe_db = super::check::cloud::saved_ripe_db(&sources, ripe_file)?;
                let mut inputs = Inputs::for_cidr(e.cidr.into(), byoip::Service::Ec2, now);
                inputs.cloud = m.cloud;
                inputs.govcloud = e.govcloud;
                inputs.region = e.region.clone();
                inputs.certificate = certificate.as_ref();
                inputs.key = key.as_ref();
                inputs.signed = signed;
                if inputs.signed.is_none() && e.verification == VerificationMethod::RemarksX509 {
                    inputs.no_message = Some(unsigned.clone());
                }
                inputs.subscription = e.subscription;
                inputs.token = e.validation_token.as_deref();
                if let Some(o) = &e.origin {
                    inputs.origin = o.clone();
                }
                inputs.ripe_db = ripe_db.unwrap_or_default();
                sources.gather(&mut inputs, saved);
                super::check::cloud::ripe_db_used(e.cidr, &inputs, ripe_file)?;
                return Ok(on_each_context(&all_signed, |s| {
                    inputs.signed = s;
                    check::run(&inputs)
                }));
            }
            let rdap = match saved {
                Some(r) => r,
                None => sources.rdap(e.cidr, &[])?,
            };
            let mut inputs = Inputs::for_cidr(e.cidr.into(), e.service, now);
            inputs.advertise = e.advertise;
            inputs.govcloud = e.govcloud;
            inputs.network_border_group = e.network_border_group.clone();
            // Who announces the prefix today (the manifest's origin, else RIPEstat online).
            if let Some(o) = &e.origin {
                inputs.origin = o.clone();
            }
            inputs.origin = sources.current_origin(e.cidr, inputs.origin.clone());
            inputs.roa = sources.origins(e.cidr, &inputs.roa_origins());
            // As rdap_file: the saved answer offline, whois online. One that cannot be
            // read leaves irr.route not run, and the run ends with the error.
            let irr_file = e.irr_file.as_deref().filter(|_| offline);
            inputs.irr = match sources.irr(e.cidr, irr_file) {
                Ok(ev) => ev,
                Err(err) => check::IrrEvidence::Unavailable(unreadable(
                    &err,
                    "saved IRR answer",
                    format!(
                        "check the manifest's irr_file path (relative to the manifest's folder), or save the answer with `byoip irr fetch --cidr {cidr} --out FILE`"
                    ),
                )),
            };
            let dns_token = match token {
                Some(t) => Some(check::DnsToken {
                    dns: sources.dns_token(e.cidr, t)?,
                    token: t.clone(),
                }),
                None => None,
            };
            if let Some(err) = super::dns_token::dns_failure(dns_token.as_ref()) {
                let mut first = dns_failure.lock().unwrap_or_else(|p| p.into_inner());
                first.get_or_insert(err);
            }
            inputs.account = e.account;
            inputs.certificate = certificate.as_ref();
            inputs.key = key.as_ref();
            inputs.signed = signed;
            if inputs.signed.is_none() && e.verification == VerificationMethod::RemarksX509 {
                inputs.no_message = Some(unsigned.clone());
            }
            inputs.rdap = rdap;
            inputs.dns_token = dns_token;
            Ok(on_each_context(&all_signed, |s| {
                inputs.signed = s;
                check::run(&inputs)
            }))
        },
        &|| progress.tick(),
    );
    sources.print_notes();
    // What remains are input errors (an unreadable rdap_file): the first is the error line.
    let mut reports = Vec::new();
    for r in results {
        reports.push(super::advice::manifest_report(r?));
    }
    // The [[asn]] entries (at most a few: AWS allows 5), after the prefixes, judged as
    // `check --asn` judges one.
    let prefix_count = reports.len();
    for e in &m.asns {
        let files: Vec<PathBuf> = if offline {
            e.rdap_file.iter().cloned().collect()
        } else {
            Vec::new()
        };
        // As a prefix's rdap_file: one that cannot be read leaves this ASN's registry
        // checks not run, the report and JUnit still written, and the run ends with it.
        let saved = match super::check::asn::saved_autnum(&sources, &files) {
            Ok(saved) => saved,
            Err(err) => Some(check::AutnumEvidence::Unavailable(unreadable(
                &err,
                "saved record",
                format!(
                    "check the manifest's rdap_file path (relative to the manifest's folder), or save the record with `byoip rdap fetch --asn {} --out FILE`",
                    e.asn
                ),
            ))),
        };
        let text = e.asn.to_string();
        let all_signed = signed_for(&text);
        let signed = all_signed.first().map(|(_, s)| *s);
        let mut inputs = check::AsnInputs::new(e.asn, now);
        inputs.account = e.account;
        inputs.certificate = certificate.as_ref();
        inputs.key = key.as_ref();
        inputs.signed = signed;
        if inputs.signed.is_none() {
            inputs.no_message = Some(unsigned.clone());
        }
        // No prefix: no ROA checks. The registry is asked once, whatever the contexts.
        inputs.rdap = sources.autnum(e.asn, saved);
        inputs.roa = check::RoaEvidence::Origins(Vec::new());
        reports.push(on_each_context(&all_signed, |s| {
            inputs.signed = s;
            check::run_asn(&inputs)
        }));
    }
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
    let orphans: Vec<Check> = orphan_contexts(&contexts, &wanted, m.contexts.as_deref());
    // A report is replaced whenever it is written again (keys and signed contexts never
    // are without --force).
    if let Some(path) = a.junit.as_deref().filter(|_| !junit_to_stdout) {
        write_atomic(
            path,
            junit::junit(
                &reports,
                &orphans,
                &m.path.display().to_string(),
                super::clock::set_to().as_deref(),
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
        out(&super::sorted_json(&CheckJson {
            asns: &reports[prefix_count..],
            complete,
            http_requests: sources.client().requests_sent(),
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
            summary(&reports, &orphans, &m, &Style::plain(), a.verbose)
        );
        out(&junit::junit(
            &reports,
            &orphans,
            &m.path.display().to_string(),
            super::clock::set_to().as_deref(),
        ))?;
    } else {
        out(&summary(
            &reports,
            &orphans,
            &m,
            &Style::detect(),
            a.verbose,
        ))?;
    }
    if let Some(e) = sources.failure() {
        return Err(super::check::network_failure(
            &e,
            &sources.missing(),
            &super::check::Saving::Manifest,
        ));
    }
    super::check::offline_note(&sources.missing(), &super::check::Saving::Manifest);
    if let Some(e) = dns_failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    Ok(if ready { Outcome::Ok } else { Outcome::Failed })
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

/// The report judged with the first of a prefix's (or ASN's) signed contexts, or with none,
/// made worse by each further one's ([`worst_of`]): every entry of the contexts file is
/// judged, as `audit` and `batch verify` judge them.
fn on_each_context<'a>(
    signed: &[(usize, Signed<'a>)],
    mut judge: impl FnMut(Option<Signed<'a>>) -> Report,
) -> Report {
    let mut report = judge(signed.first().map(|(_, s)| *s));
    for &(n, s) in signed.iter().skip(1) {
        worst_of(&mut report, judge(Some(s)), n);
    }
    report
}

/// Folds into `report` the report `other` made with the contexts file's entry `entry`, a
/// further context for the same prefix (or ASN): each check `other` judged worse (a
/// failure over anything, a not-run over a warning or pass, a warning over a pass) takes
/// the place of `report`'s, naming the entry, so that any failing context fails the
/// prefix whatever the file's order.
fn worst_of(report: &mut Report, other: Report, entry: usize) {
    let rank = |s: Status| match s {
        Status::Fail => 3,
        Status::NotRun => 2,
        Status::Warn => 1,
        _ => 0,
    };
    for mut c in other.checks {
        if let Some(mine) = report.checks.iter_mut().find(|m| m.id == c.id)
            && rank(c.status) > rank(mine.status)
        {
            c.message = format!("entry {entry} of the contexts file: {}", c.message);
            *mine = c;
        }
    }
}

/// Why a prefix (or ASN) of the manifest at `manifest` has no message: its contexts file
/// (`file`, or none named) has no signed context for it. What the checks left out for want
/// of one say, with what to give and the command that writes it: `batch sign` signs every
/// entry of the manifest, and replaces the file (which was read, so it exists) only with
/// `--force`.
fn no_context(file: Option<&Path>, manifest: &Path) -> String {
    let sign = match manifest.display().to_string() {
        m if m == manifest::DEFAULT_NAME => "byoip batch sign".to_string(),
        m => format!("byoip batch sign --manifest {m}"),
    };
    match file {
        Some(f) => format!(
            "no signed context in {} (re-sign the manifest with `{sign} --out {0} --force`)",
            f.display()
        ),
        None => format!(
            "no signed context: the manifest names no contexts file (add contexts = \"FILE\" and sign them with `{sign} --out FILE`)"
        ),
    }
}

/// A warning `context.<label>` for each entry of `contexts` (matched by prefix, or ASN in
/// bare decimal) that is for none of `wanted`, once each.
fn orphan_contexts(
    contexts: &[(String, ContextRecord)],
    wanted: &[(String, bool)],
    file: Option<&Path>,
) -> Vec<Check> {
    let file = file.map_or_else(|| "the contexts file".into(), |f| f.display().to_string());
    let mut out: Vec<Check> = Vec::new();
    for (key, r) in contexts {
        let id = check::CheckId::Context(r.label());
        if wanted.iter().any(|(w, _)| w == key) || out.iter().any(|c| c.id == id) {
            continue;
        }
        let (warning, hint) = byoip::audit::orphan_words(&r.label(), &file);
        out.push(Check::new(
            id,
            Status::Warn,
            format!("{warning} ({file})"),
            Some(hint),
        ));
    }
    out
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
    s += &super::clock::verdict_note();
    s.push('\n');
    s
}
