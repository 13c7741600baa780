//! `byoip sign`: the one command that replaces AWS's openssl | base64 | tr pipeline, and
//! Azure's openssl dgst | openssl base64 one.

use super::heading;
use std::path::PathBuf;

use byoip::{
    AnyMessage, AuthorizationMessage, AzureMessage, Cloud, NetworkBorderGroup, Service, signature,
};

use super::{
    CliError, CliResult, Outcome, PassphraseArgs, TargetArgs, json, load_certificate,
    load_signing_key, message::MessageParts, out, stdout_is_terminal,
};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable text on a terminal, the bare signature when piped.
    Auto,
    /// Message, signature and the next step, for a person.
    Text,
    /// Only the encoded signature (a drop-in for signed_message=$(…)).
    Signature,
    /// {"message", "signature", "context", "cidr", "asn", "account", "expires", "spki_sha256", "key_bits"} (Azure: "cloud", "subscription", and "context": null).
    Json,
    /// Ready-to-run AWS CLI commands for EC2, IPAM, Global Accelerator and CloudFront (for an ASN: provision-ipam-byoasn).
    AwsCli,
    /// A Terraform cidr_authorization_context block (Azure: an azurerm_custom_ip_prefix resource).
    Terraform,
    /// AWS: only Message="…",Signature="…" and a newline, the value of `aws ec2 provision-byoip-cidr --cidr-authorization-context` (an ASN's: `aws ec2 provision-ipam-byoasn --asn-authorization-context`).
    Context,
    /// Azure: the az network custom-ip prefix create command.
    AzCli,
    /// Azure: the New-AzCustomIpPrefix command.
    Powershell,
}

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
pub struct SignArgs {
    /// The RSA private key (PEM or DER, PKCS#8 or PKCS#1, encrypted or not).
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    #[command(flatten)]
    parts: MessageParts,
    /// Sign this complete message instead of building one from --account/--cidr/--expires (- reads it from standard input).
    #[arg(long, value_name = "MSG", conflicts_with_all = ["account", "subscription", "cidr", "asn", "message_file"], allow_hyphen_values = true)]
    message: Option<String>,
    /// Sign the message in FILE (- for standard input; one final line ending is dropped).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["account", "subscription", "cidr", "asn"])]
    message_file: Option<PathBuf>,
    /// Refuse to sign unless the key belongs to this certificate (the one you publish): a file, - or the text itself.
    #[arg(long, value_name = "FILE|TEXT", allow_hyphen_values = true)]
    cert: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "auto", help_heading = heading::OUTPUT)]
    format: Format,
    /// Print JSON: the same as --format json.
    #[arg(long, conflicts_with = "format", help_heading = heading::OUTPUT)]
    json: bool,
    /// Region to put in the printed AWS CLI commands (Azure: the location, e.g. westus2).
    #[arg(long, value_name = "REGION", help_heading = heading::AWS)]
    region: Option<String>,
    /// Azure: the resource group to put in the printed commands.
    #[arg(long, value_name = "GROUP", help_heading = heading::AZURE)]
    resource_group: Option<String>,
    /// Azure: the custom IP prefix's name in the printed commands [default: byoip-CIDR].
    #[arg(long, value_name = "NAME", help_heading = heading::AZURE)]
    name: Option<String>,
    /// Azure: the prefix goes to Azure Government (the ROA reminder names origin AS8070, not AS8075).
    #[arg(long, help_heading = heading::AZURE)]
    govcloud: bool,
    /// IPAM pool ID to put in the printed provision-ipam-pool-cidr command.
    #[arg(long, value_name = "ID", help_heading = heading::AWS)]
    ipam_pool_id: Option<String>,
    /// IPAM ID to put in the printed provision-ipam-byoasn command (an ASN message).
    #[arg(long, value_name = "ID", help_heading = heading::AWS)]
    ipam_id: Option<String>,
    /// Where the prefix is provisioned: ec2, ipam, ga or cloudfront (size rules, expiry window) [default:
    /// ec2]. Given, only that service's command is printed (text and aws-cli).
    #[arg(long, value_name = "SERVICE", help_heading = heading::AWS)]
    service: Option<Service>,
    /// The IPv6 range will not be publicly advertised (allows up to /60).
    #[arg(long, help_heading = heading::AWS)]
    no_advertise: bool,
    /// EC2 in a Local Zone: the network border group (us-west-2-lax-1) to put in the printed provision-byoip-cidr and advertise-byoip-cidr commands (IPv4 only).
    #[arg(long, value_name = "NAME", value_parser = super::lib_value::<NetworkBorderGroup>, help_heading = heading::AWS)]
    network_border_group: Option<NetworkBorderGroup>,
    #[command(flatten)]
    pass: PassphraseArgs,
}

impl SignArgs {
    /// The service rules to sign under: the one given, else EC2's.
    fn target(&self) -> TargetArgs {
        TargetArgs {
            service: self.service.unwrap_or_default(),
            no_advertise: self.no_advertise,
        }
    }
}

pub fn run(a: SignArgs) -> CliResult {
    match message_from_args(&a)? {
        AnyMessage::Aws(msg) => run_aws(&a, msg),
        AnyMessage::Azure(msg) => run_azure(&a, &msg),
        _ => Err(CliError::unknown("message form")),
    }
}

/// `sign --format json` for AWS (fields in alphabetical order, the order this output has
/// always had): the message, its fields, the signature, the context and the key's public
/// facts (never the key). Azure's fields are here too, `null`: every documented field is
/// present whichever cloud signed.
#[derive(serde::Serialize)]
struct SignAwsJson<'a> {
    account: byoip::AccountId,
    asn: Option<byoip::Asn>,
    cidr: Option<byoip::Prefix>,
    cloud: Cloud,
    context: String,
    expires: byoip::ExpiryDate,
    key_bits: usize,
    message: String,
    signature: &'a str,
    spki_sha256: byoip::key::Fingerprint,
    subscription: Option<byoip::SubscriptionId>,
}

/// `sign --format json` for Azure, in the same vocabulary as `message --json` (the fields
/// AWS's form has null, and `context`, which Azure does not take).
#[derive(serde::Serialize)]
struct SignAzureJson<'a> {
    account: Option<byoip::AccountId>,
    asn: Option<byoip::Asn>,
    cidr: Option<byoip::Prefix>,
    cloud: Cloud,
    context: Option<String>,
    expires: byoip::ExpiryDate,
    key_bits: usize,
    message: String,
    signature: &'a str,
    spki_sha256: byoip::key::Fingerprint,
    subscription: Option<byoip::SubscriptionId>,
}

fn run_aws(a: &SignArgs, msg: AuthorizationMessage) -> CliResult {
    refuse_for_aws(a)?;
    if let Some(asn) = msg.asn() {
        refuse_for_asn(a, asn)?;
    }
    super::refuse_no_advertise(a.target())?;
    if let (Some(group), Some(prefix)) = (&a.network_border_group, msg.prefix()) {
        group.allowed(a.target().service, prefix)?;
    }
    // The Terraform AWS provider's one resource with a cidr_authorization_context block
    // (aws_vpc_ipam_pool_cidr: ipam_pool_id, cidr, netmask_length) has no network border
    // group, and it has no resource for EC2's provision-byoip-cidr: writing the block would
    // silently drop the Local Zone.
    if a.network_border_group.is_some() && a.format == Format::Terraform && !a.json {
        return Err(CliError::input(
            "--format terraform cannot place a prefix in a Local Zone: the Terraform AWS provider has no network border group for BYOIP (its cidr_authorization_context is on aws_vpc_ipam_pool_cidr, an IPAM pool)",
            "use --format aws-cli for the provision-byoip-cidr and advertise-byoip-cidr commands with --network-border-group",
        ));
    }
    let (key, cert) = key_and_cert(a)?;
    if let Some(cert) = &cert {
        warn_about_certificate(cert, Cloud::Aws, a.target().service, Some(msg.expires));
    }
    let signed = signature::sign(&key, &msg)?;
    let fp = key.verifying_key().fingerprint();
    let text = match output_format(a) {
        Format::Signature => format!("{}\n", signed.signature),
        // The AWS CLI's shorthand for the CidrAuthorizationContext structure ("Using
        // shorthand syntax in the AWS CLI"; `provision-byoip-cidr`'s reference:
        // `--cidr-authorization-context` (structure) Message, Signature). Its quotes are
        // read by a shell when pasted, and by the CLI's shorthand parser (a double-quoted
        // value) when passed as "$(byoip sign … --format context)".
        Format::Context => format!("{}\n", signed.context()),
        Format::Json => json(&SignAwsJson {
            account: msg.account,
            asn: msg.asn(),
            cidr: msg.prefix(),
            cloud: Cloud::Aws,
            context: signed.context(),
            expires: msg.expires,
            key_bits: key.verifying_key().bits(),
            message: signed.message.to_string(),
            signature: &signed.signature,
            spki_sha256: fp,
            subscription: None,
        })?,
        Format::AwsCli => match msg.asn() {
            Some(asn) => format!(
                "# VPC IPAM, bring your own ASN\n{}\n# then, for each of your prefixes in IPAM (at most one change of ASN per hour):\n# aws ec2 associate-ipam-byoasn --asn {asn} --cidr CIDR{}\n",
                byoasn_command(asn, &signed, a),
                region(a)
            ),
            None => aws_cli(&signed, a),
        },
        Format::Terraform => format!(
            "cidr_authorization_context {{\n  message   = \"{}\"\n  signature = \"{}\"\n}}\n",
            signed.message, signed.signature
        ),
        Format::Text | Format::Auto | Format::AzCli | Format::Powershell => format!(
            "Message:    {}\nSignature:  {}\nKey:        RSA-{}, SPKI SHA-256 {fp}\n\nNext, provision it (more forms: --format aws-cli):\n  {}\n",
            signed.message,
            signed.signature,
            key.verifying_key().bits(),
            match msg.asn() {
                Some(asn) => byoasn_command(asn, &signed, a),
                // CloudFront's and a Local Zone's are several commands, one a line.
                None => command(a.target().service, &signed, a).replace('\n', "\n  "),
            },
        ),
    };
    out(&text)?;
    Ok(Outcome::Ok)
}

/// The key, and `--cert` when given, refused unless the key is the certificate's.
fn key_and_cert(
    a: &SignArgs,
) -> Result<
    (
        byoip::key::SigningKey,
        Option<byoip::certificate::Certificate>,
    ),
    CliError,
> {
    let cert = match &a.cert {
        Some(p) => Some(load_certificate(p, Some("--key"))?),
        None => None,
    };
    let key = load_signing_key(&a.key, &a.pass)?;
    if let Some(cert) = &cert {
        cert.check_key(key.verifying_key())?;
    }
    Ok((key, cert))
}

/// `--format` resolved: `--json`, and `auto` by where stdout goes.
fn output_format(a: &SignArgs) -> Format {
    match a.format {
        _ if a.json => Format::Json,
        Format::Auto if stdout_is_terminal() => Format::Text,
        Format::Auto => Format::Signature,
        f => f,
    }
}

/// What `sign` cannot do for AWS's message, refused before the key is read.
fn refuse_for_aws(a: &SignArgs) -> Result<(), CliError> {
    let azure_only = [
        (a.format == Format::AzCli && !a.json, "--format az-cli"),
        (
            a.format == Format::Powershell && !a.json,
            "--format powershell",
        ),
        (a.resource_group.is_some(), "--resource-group"),
        (a.name.is_some(), "--name"),
        (a.govcloud, "--govcloud"),
    ];
    if let Some((_, flag)) = azure_only.iter().find(|(given, _)| *given) {
        return Err(CliError::input(
            format!("{flag} is for Azure's custom IP prefix, and this is AWS's message"),
            "sign with --cloud azure --subscription GUID for Azure, or use --format aws-cli or terraform for AWS",
        ));
    }
    Ok(())
}

/// What `sign` cannot do for Azure's message, refused before the key is read.
fn refuse_for_azure(a: &SignArgs) -> Result<(), CliError> {
    // Azure takes the message and the signature as two values of its commands
    // (--authorization-message and --signed-message); there is no context to print.
    if a.format == Format::Context && !a.json {
        return Err(CliError::input(
            "--format context is AWS's Message=\"…\",Signature=\"…\" value; Azure takes the message and the signature as two values",
            "use --format az-cli or powershell for the command that creates the prefix (or terraform, json or signature)",
        ));
    }
    super::message::refuse_aws_flags(
        &[
            (a.format == Format::AwsCli && !a.json, "--format aws-cli"),
            (a.service.is_some(), "--service"),
            (a.no_advertise, "--no-advertise"),
            (a.ipam_pool_id.is_some(), "--ipam-pool-id"),
            (a.ipam_id.is_some(), "--ipam-id"),
            (a.network_border_group.is_some(), "--network-border-group"),
        ],
        "for Azure use --format az-cli, powershell, terraform or json (with --resource-group, --region and --name for the printed commands)",
    )
}

fn run_azure(a: &SignArgs, msg: &AzureMessage) -> CliResult {
    refuse_for_azure(a)?;
    // Azure's date is the ROA's end, and Azure keeps advertising after it, so the message's
    // date says nothing about the certificate; but Azure reads the certificate when it
    // validates the prefix ("Manage a custom IP address prefix": CertFromRIRPageExpired).
    let (key, cert) = key_and_cert(a)?;
    if let Some(cert) = &cert {
        warn_about_certificate(cert, Cloud::Azure, Service::default(), None);
    }
    let signed = signature::sign_any(&key, &AnyMessage::Azure(*msg))?;
    let sig = signed.signature.as_str();
    let fp = key.verifying_key().fingerprint();
    let target = byoip::provision::AzureTarget {
        name: a.name.as_deref(),
        resource_group: a.resource_group.as_deref(),
        location: a.region.as_deref(),
    };
    let text = match output_format(a) {
        Format::Signature => format!("{sig}\n"),
        Format::Json => json(&SignAzureJson {
            account: signed.message.account(),
            asn: signed.message.asn(),
            cidr: signed.message.prefix(),
            cloud: signed.message.cloud(),
            context: None,
            expires: signed.message.expires(),
            key_bits: key.verifying_key().bits(),
            message: msg.to_string(),
            signature: sig,
            spki_sha256: fp,
            subscription: signed.message.subscription(),
        })?,
        Format::AzCli => format!(
            "{}\n",
            byoip::provision::azure_cli_command(msg, sig, target)
        ),
        Format::Powershell => format!(
            "{}\n",
            byoip::provision::azure_powershell_preamble(target)
                + &byoip::provision::azure_powershell_command(msg, sig, target)
        ),
        Format::Terraform => {
            byoip::provision::azure_terraform_variables(target)
                + &byoip::provision::azure_terraform(msg, sig, target)
        }
        Format::Text | Format::Auto | Format::AwsCli | Format::Context => format!(
            "Message:    {msg}\nSignature:  {sig}\nKey:        RSA-{}, SPKI SHA-256 {fp}\nROA:        {}\n\nNext, create the prefix (more forms: --format powershell, terraform):\n  {}\n",
            key.verifying_key().bits(),
            azure_roa_reminder(msg, a.govcloud),
            byoip::provision::azure_cli_command(msg, sig, target),
        ),
    };
    out(&text)?;
    Ok(Outcome::Ok)
}

/// Judges `cert` as `check` will judge it in the registry (the library's `cert.validity`,
/// for `cloud` and `service`, against the message's last day `expires`) and says so on
/// stderr: a certificate that has expired, or is not yet valid, loudly, since `check`
/// fails it; a warning as a warning. Signing goes on (exit 0): the signature is valid.
pub(super) fn warn_about_certificate(
    cert: &byoip::certificate::Certificate,
    cloud: Cloud,
    service: Service,
    expires: Option<byoip::ExpiryDate>,
) {
    let now = super::clock::now();
    let c = byoip::check::cert_validity(cert, cloud, service, expires, now);
    let hint = super::advice::hint_of(&c).unwrap_or_default();
    match c.status {
        byoip::check::Status::Fail => {
            let what = if cert.not_after() < now {
                "CERTIFICATE EXPIRED"
            } else {
                "CERTIFICATE NOT VALID YET"
            };
            super::warn(&format!(
                "{what}: {}; the signature is valid, but `byoip check` fails cert.validity until a valid certificate is published; hint: {hint}",
                c.message
            ));
        }
        byoip::check::Status::Warn => super::warn(&format!("{}; hint: {hint}", c.message)),
        _ => {}
    }
}

/// The ROA Azure's routers need, from the cloud table: its origin, exactly this prefix,
/// and the message's date as its validity end.
fn azure_roa_reminder(msg: &AzureMessage, gov: bool) -> String {
    let origins: Vec<String> = Cloud::Azure
        .profile()
        .roa_origins(gov)
        .iter()
        .map(|n| format!("AS{n}"))
        .collect();
    format!(
        "origin {}, prefix exactly {} with maxLength {}, valid until {} (the message's date); allow 24 hours after creating it",
        origins.join(" and "),
        msg.prefix,
        msg.prefix.prefix_len(),
        msg.expires.date()
    )
}

fn message_from_args(a: &SignArgs) -> Result<AnyMessage, CliError> {
    let given = super::read_message(a.message.as_deref(), a.message_file.as_deref())?;
    let Some(bytes) = given else {
        return super::message::build(&a.parts, &a.target());
    };
    // byoip signs only messages the cloud documents: the lint names what is wrong. A
    // literal --message is signed byte for byte, so whitespace at its ends came from the
    // shell ($'\n', a here-string): say to drop it there, not "use `byoip sign`", which is
    // already running.
    let literal = a.message.as_deref().filter(|m| *m != "-");
    let edges = literal.is_some_and(|m| m.trim() != m);
    // A file name given as the message: say to read the file instead.
    let file = super::text_names_a_file(literal, "--message-file");
    super::message::check_before_signing_with(&bytes, &a.target().lint_options(), "", |f| {
        if f.id == byoip::LintId::MessageFormat && file.is_some() {
            return Some(super::hint_and(&f.hint, file.as_deref()));
        }
        (edges && f.id == byoip::LintId::MessageWhitespace).then(|| {
            "remove it from --message: byoip signs exactly the bytes given and adds nothing (--message-file drops a file's one final line ending)".to_string()
        })
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| CliError::input("the message is not UTF-8", "retype it in plain ASCII"))?;
    let msg: AnyMessage = text.parse()?;
    if let Some(cloud) = a.parts.cloud
        && cloud != msg.cloud()
    {
        return Err(CliError::input(
            format!(
                "--cloud {cloud} was given, but the message is in {}'s form",
                msg.cloud().vendor()
            ),
            format!(
                "give {}'s message, or drop --cloud: the message's shape says which cloud it is for",
                cloud.vendor()
            ),
        ));
    }
    Ok(msg)
}

/// What `sign` cannot do for an ASN, refused before the key is read.
fn refuse_for_asn(a: &SignArgs, asn: byoip::Asn) -> Result<(), CliError> {
    if a.format == Format::Terraform && !a.json {
        return Err(CliError::input(
            format!(
                "--format terraform has nothing to write for AS{asn}: the Terraform AWS provider has no BYOASN resource (no asn_authorization_context, as it has cidr_authorization_context for prefixes)"
            ),
            "use --format aws-cli for the provision-ipam-byoasn command, or --format json and pass message and signature to your own tooling",
        ));
    }
    if let Some(s) = a.service.filter(|s| *s != Service::Ipam) {
        return Err(CliError::input(
            format!("--service {s} does not take an ASN: AWS brings your own ASN to VPC IPAM only"),
            "drop --service (or give --service ipam) when signing an ASN message",
        ));
    }
    if a.ipam_pool_id.is_some() {
        return Err(CliError::input(
            "--ipam-pool-id names a pool for a prefix; an ASN is provisioned to the IPAM itself",
            "give --ipam-id IPAM_ID instead",
        ));
    }
    if a.network_border_group.is_some() {
        return Err(CliError::input(
            "--network-border-group places an EC2 prefix in a Local Zone; an ASN is provisioned to the IPAM",
            "drop --network-border-group when signing an ASN message",
        ));
    }
    Ok(())
}

fn region(a: &SignArgs) -> String {
    a.region
        .as_deref()
        .map(|r| format!(" --region {r}"))
        .unwrap_or_default()
}

fn byoasn_command(asn: byoip::Asn, s: &signature::SignedMessage, a: &SignArgs) -> String {
    byoip::provision::byoasn_command(asn, s, a.ipam_id.as_deref(), a.region.as_deref())
}

fn command(service: Service, s: &signature::SignedMessage, a: &SignArgs) -> String {
    byoip::provision::command_in(
        service,
        s,
        !a.no_advertise,
        a.ipam_pool_id.as_deref(),
        a.region.as_deref(),
        a.network_border_group.as_ref(),
    )
}

/// Every service's command, or only the one `--service` names; with a network border
/// group only EC2's, the one service that takes it (a border group implies EC2).
fn aws_cli(s: &signature::SignedMessage, a: &SignArgs) -> String {
    let only = a
        .service
        .or(a.network_border_group.as_ref().map(|_| Service::Ec2));
    byoip::provision::SERVICES
        .iter()
        .filter(|(service, _)| only.is_none_or(|given| given == *service))
        .map(|(service, title)| format!("# {title}\n{}\n", command(*service, s, a)))
        .collect::<Vec<_>>()
        .join("\n")
}
