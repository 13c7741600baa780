//! `byoip keygen` and `byoip cert`: the key pair and the certificate to publish.
//!
//! AWS, "Prerequisites for BYOIP in Amazon EC2"
//! (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/prepare-for-byoip.html>): an
//! RSA-2048 key (encrypted as its `openssl genpkey -aes256` recipe does), a self-signed
//! X.509 v3 certificate, flattened to one line and placed per registry.

use super::heading;
use std::{
    path::{Path, PathBuf},
    time::SystemTime,
};

use byoip::{
    ExpiryDate,
    certificate::{Subject, build_self_signed},
    key::{KeyBits, SigningKey},
};
use clap::builder::TypedValueParser;
use zeroize::Zeroizing;

use super::{
    CliError, CliResult, Outcome, PASSPHRASE_ENV, PassphraseArgs, json, load_signing_key, out,
    refuse_existing, warn, write_atomic,
};

#[derive(clap::Args)]
#[command(next_help_heading = heading::OUTPUT)]
pub struct KeygenArgs {
    /// Where to write the private key (mode 0600; never over an existing file without
    /// --force). Never standard output: `-` is refused.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Key size; AWS and Azure document only 2048.
    #[arg(long, default_value_t, value_name = "BITS", value_parser = key_bits(), help_heading = heading::INPUTS)]
    bits: KeyBits,
    /// Write the key unencrypted (PKCS#8 PEM). Not recommended.
    #[arg(long)]
    no_encrypt: bool,
    /// Replace an existing file.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    pass: PassphraseArgs,
    /// Print JSON ({"path", "key_bits", "encrypted", "spki_sha256"}).
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
pub struct CertArgs {
    /// The private key the certificate is for.
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// Where to write the certificate (PEM); - prints it on standard output.
    #[arg(long, value_name = "FILE", help_heading = heading::OUTPUT)]
    out: PathBuf,
    /// Validity in days from now (AWS's recipe uses 365; it must outlast provisioning).
    #[arg(long, default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=3650))]
    days: u32,
    /// Last day of validity instead of --days (YYYY-MM-DD or YYYYMMDD, end of day UTC).
    #[arg(long, value_name = "DATE", conflicts_with = "days")]
    not_after: Option<String>,
    /// Subject, e.g. "CN=example.com" or openssl's "/CN=example.com" (AWS ignores it).
    #[arg(long, default_value = "CN=byoip")]
    subject: String,
    /// Replace an existing file.
    #[arg(long, help_heading = heading::OUTPUT)]
    force: bool,
    #[command(flatten)]
    pass: PassphraseArgs,
    /// The cloud whose placement rules to print: aws or azure (they differ at RIPE NCC:
    /// AWS reads descr:, Azure remarks:) [default: aws].
    #[arg(long, value_name = "CLOUD")]
    cloud: Option<byoip::Cloud>,
    /// Print JSON ({"path", "pem", "one_line", "subject", "not_after", "spki_sha256", "key_bits", "cloud", "placement"}).
    #[arg(long, help_heading = heading::OUTPUT)]
    json: bool,
}

/// clap parser for `--bits`: the sizes [`KeyBits`] reads, listed as clap's possible values
/// (in `--help`, completions and the usage error).
fn key_bits() -> impl TypedValueParser<Value = KeyBits> {
    clap::builder::PossibleValuesParser::new(KeyBits::ALL.map(KeyBits::as_str))
        .try_map(|s| s.parse::<KeyBits>())
}

/// A new passphrase: from file or environment as given, else typed twice.
fn new_passphrase(pass: &PassphraseArgs, what: &str) -> Result<Zeroizing<String>, CliError> {
    let p = if pass.passphrase_file.is_some() || std::env::var_os(PASSPHRASE_ENV).is_some() {
        pass.get(what)?
    } else {
        let first = rpassword::prompt_password(format!("New passphrase for {what}: "))
            .map(Zeroizing::new)
            .map_err(|_| no_passphrase())?;
        let second = rpassword::prompt_password("Repeat the passphrase: ")
            .map(Zeroizing::new)
            .map_err(|_| no_passphrase())?;
        if first != second {
            return Err(CliError::input(
                "the two passphrases differ",
                "run keygen again and type the same passphrase twice",
            ));
        }
        first
    };
    if p.is_empty() {
        return Err(CliError::input(
            "the passphrase is empty",
            "choose a passphrase, or pass --no-encrypt to write the key unencrypted",
        ));
    }
    Ok(p)
}

fn no_passphrase() -> CliError {
    CliError::input(
        "no terminal to ask for a passphrase",
        format!("set {PASSPHRASE_ENV}, pass --passphrase-file FILE, or --no-encrypt"),
    )
}

/// `keygen --json`: where the key went and its public facts. The key itself is only ever
/// in the file: nothing here can hold it, or the passphrase.
#[derive(serde::Serialize)]
struct KeygenJson<'a> {
    encrypted: bool,
    key_bits: usize,
    path: &'a str,
    spki_sha256: byoip::key::Fingerprint,
}

/// `cert --json` (fields in alphabetical order, the order this output has always had):
/// the certificate, its one-line form, its facts and where the line goes at each registry
/// (`placement`: registry key → `"REGISTRY: how"`, keys sorted).
#[derive(serde::Serialize)]
struct CertJson<'a> {
    cloud: byoip::Cloud,
    key_bits: Option<usize>,
    not_after: chrono::DateTime<chrono::Utc>,
    one_line: String,
    /// Null when the certificate went to stdout.
    path: Option<&'a String>,
    pem: &'a str,
    placement: std::collections::BTreeMap<String, String>,
    spki_sha256: Option<byoip::key::Fingerprint>,
    subject: &'a str,
}

pub fn run_keygen(a: KeygenArgs) -> CliResult {
    if is_stdout(&a.out) {
        return Err(CliError::input(
            "a private key is never written to stdout",
            "give a file path",
        ));
    }
    refuse_existing(&a.out, a.force)?;
    let bits = a.bits;
    if bits.get() != byoip::key::DOCUMENTED_BITS {
        warn(&format!(
            "AWS and Azure document only RSA-2048; whether they accept {bits}-bit keys is unconfirmed"
        ));
    }
    let shown = a.out.display().to_string();
    let passphrase = if a.no_encrypt {
        None
    } else {
        Some(new_passphrase(&a.pass, &shown)?)
    };
    let key = SigningKey::generate(bits)?;
    let pem = key.to_pkcs8_pem(passphrase.as_ref().map(|p| p.as_str()))?;
    write_atomic(&a.out, pem.as_bytes(), 0o600, a.force)?;
    let fp = key.verifying_key().fingerprint();
    if a.json {
        out(&json(&KeygenJson {
            encrypted: passphrase.is_some(),
            key_bits: bits.get(),
            path: &shown,
            spki_sha256: fp,
        })?)?;
    } else {
        let enc = if passphrase.is_some() {
            "encrypted (PKCS#8, PBKDF2-SHA256, AES-256-CBC)"
        } else {
            "UNENCRYPTED"
        };
        out(&format!(
            "wrote RSA-{bits} private key to {shown}, {enc}, mode 0600\nSPKI SHA-256: {fp}\n"
        ))?;
        errln!("next: byoip cert --key {shown} --out byoip-cert.pem");
    }
    Ok(Outcome::Ok)
}

/// Where the one-line certificate goes at each regional registry for `cloud`, from the
/// cloud table: `(key, "REGISTRY: how")`.
fn placement(cloud: byoip::Cloud) -> Vec<(String, String)> {
    cloud
        .profile()
        .placement
        .iter()
        .map(|p| {
            let key = match p.registry {
                byoip::rdap::Registry::RipeNcc => "ripe".to_string(),
                r => r.to_string().to_ascii_lowercase(),
            };
            (key, format!("{}: {}", p.registry, p.how))
        })
        .collect()
}

/// `--out -`: standard output, as everywhere else.
fn is_stdout(path: &Path) -> bool {
    path == Path::new("-")
}

pub fn run_cert(a: CertArgs) -> CliResult {
    let cloud = a.cloud.unwrap_or_default();
    if let Some(why) = cloud.profile().signs_nothing("certificate") {
        return Err(CliError::input(
            why,
            format!(
                "publish the token line `byoip clouds` shows for {cloud}, then `byoip check --cloud {cloud}`"
            ),
        ));
    }
    let to_stdout = is_stdout(&a.out);
    if !to_stdout {
        refuse_existing(&a.out, a.force)?;
    }
    let subject: Subject = a.subject.parse()?;
    let now = SystemTime::from(super::clock::now());
    let not_after = match &a.not_after {
        Some(d) => {
            let date = d.parse::<ExpiryDate>()?.date();
            let end = date.and_hms_opt(23, 59, 59).unwrap_or_default().and_utc();
            let secs = u64::try_from(end.timestamp()).map_err(|_| {
                CliError::input(
                    format!("--not-after {d} is before 1970"),
                    "give a future date",
                )
            })?;
            SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs)
        }
        None => now + std::time::Duration::from_secs(u64::from(a.days) * 86_400),
    };
    if not_after <= now {
        return Err(CliError::input(
            "the certificate would already be expired",
            "give a --not-after date in the future",
        ));
    }
    let key = load_signing_key(&a.key, &a.pass)?;
    let cert = build_self_signed(&key, &subject, now, not_after)?;
    let pem = cert.to_pem();
    if !to_stdout {
        write_atomic(&a.out, pem.as_bytes(), 0o644, a.force)?;
    }
    // A message signed today with AWS's default expiry must not outlive the certificate
    // (Azure's date is the ROA's end and has no default).
    if cloud == byoip::Cloud::Aws
        && let Ok(default) =
            ExpiryDate::parse_relative(byoip::DEFAULT_EXPIRES, super::clock::today())
    {
        super::warn_if_cert_expires_first(
            &cert,
            default,
            "this certificate",
            &format!(
                "messages signed today expire {} days out by default (--expires); give --days {} or more",
                default.days_left(super::clock::today()),
                default.days_left(super::clock::today()) + 1
            ),
        );
    }
    let info = cert.info(super::clock::now());
    let shown = a.out.display().to_string();
    if a.json {
        out(&json(&CertJson {
            cloud,
            key_bits: info.key_bits,
            not_after: info.not_after,
            one_line: cert.to_one_line(),
            path: (!to_stdout).then_some(&shown),
            pem: &pem,
            placement: placement(cloud).into_iter().collect(),
            spki_sha256: info.spki_sha256,
            subject: &info.subject,
        })?)?;
    } else {
        let fp = key.verifying_key().fingerprint();
        if to_stdout {
            // The PEM is the data; the line to publish is for the person, on stderr.
            out(&pem)?;
            errln!(
                "the certificate is valid until {} (SPKI SHA-256 {fp}).\n\
                 Publish this line, whole, in the registry record of your prefix:\n{}",
                info.not_after,
                cert.to_one_line()
            );
        } else {
            out(&format!("{}\n", cert.to_one_line()))?;
            errln!(
                "wrote the certificate to {shown} (valid until {}, SPKI SHA-256 {fp}).\n\
                 Publish the line above, whole, in the registry record of your prefix:",
                info.not_after,
            );
        }
        errln!("For {}:", cloud.vendor());
        for (_, where_) in placement(cloud) {
            errln!("  - {where_}");
        }
        errln!(
            "At RIPE NCC, AWS reads descr: and Azure remarks:; for a prefix brought to both, publish it in both lines."
        );
        errln!("It must stay valid until provisioning ends; you may remove it afterwards.");
    }
    Ok(Outcome::Ok)
}
