//! `byoip batch verify`: every signed context of a file, verified on every core against
//! the certificate published in the registry.

use super::{Jobs, MAX_CONTEXTS_BYTES, missing};
use crate::heading;
use std::{fmt::Write as _, path::PathBuf};

use byoip::{
    contexts::{self, ContextEntry},
    key::VerifyingKey,
    manifest::{self},
    signature::{self, Verification},
};

use crate::{
    CliError, CliResult, Outcome, Progress, Style, load_certificate, load_manifest, out,
    parallel::map_parallel, read_input,
};

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
pub(super) struct VerifyArgs {
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
            crate::manifest_file_exists(&m, "contexts", i)?;
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

pub(super) fn verify(a: VerifyArgs) -> CliResult {
    let (cert_file, input) = verify_files(&a)?;
    let cert = load_certificate(&cert_file, None)?;
    let key = cert.public_key()?;
    let data = read_input(&input, MAX_CONTEXTS_BYTES, "contexts file")?;
    let shown = input.display().to_string();
    let records = contexts::read_contexts(&data, &shown)?;
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
                let (cidr, asn) = if byoip::looks_like_asn(label) {
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
        out(&crate::sorted_json(&VerifyJson {
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
            let cloud = byoip::cloud_of(m);
            (
                cidr,
                Ok(crate::advice::verification(signature::diagnose(
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
