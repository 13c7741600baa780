//! What the user brings to `check`: their certificate, the public half of their key, and
//! a signed message, read once and refused early when it cannot be what they meant.

use super::CheckArgs;
use crate::{CliError, PassphraseArgs, load_certificate, note, read_input};

/// What the user brings to `check`, read once: their certificate, the public half of their
/// key, and a message with its signature.
pub(super) struct Own {
    pub(super) certificate: Option<byoip::certificate::Certificate>,
    pub(super) key: Option<byoip::key::VerifyingKey>,
    pub(super) signed: Option<(Vec<u8>, byoip::signature::SignatureText)>,
}

/// Reads [`Own`] for `check` (a prefix or an ASN), and refuses `--local-only` beside a
/// saved record it would not read.
pub(super) fn own_evidence(a: &CheckArgs) -> Result<Own, CliError> {
    let certificate = a
        .cert
        .as_deref()
        .map(|p| load_certificate(p, Some("--key")))
        .transpose()?;
    let key = a
        .key
        .as_deref()
        .map(|p| public_half(p, certificate.is_some(), &a.pass))
        .transpose()?
        .flatten();
    let signed = a.signed.read()?;
    // Azure's message under AWS's check (the default) would fail every message check for
    // the wrong reason ("no CIDR field"): name the form instead. (AWS's message under
    // `--cloud azure` is reported as Azure would: message.format, AuthMessageFormatInvalid.)
    if let Some((message, _)) = &signed {
        let shape = byoip::cloud_of(message);
        if a.cloud == byoip::Cloud::Aws && shape != a.cloud {
            return Err(CliError::input(
                format!(
                    "the message is in {}'s form, and this is a check for AWS",
                    shape.vendor()
                ),
                format!("add --cloud {shape} to check it for {}", shape.vendor()),
            ));
        }
    }
    if a.net.local_only && a.irr_file.is_some() {
        return Err(CliError::input(
            "--local-only skips the IRR check, so --irr-file would not be read",
            "drop --local-only to judge the saved answer (with --offline), or drop --irr-file",
        ));
    }
    if a.net.local_only && !a.rdap_file.is_empty() {
        return Err(CliError::input(
            "--local-only skips the registry checks, so --rdap-file would not be read",
            "drop --local-only to judge the saved record (with --offline), or drop --rdap-file",
        ));
    }
    Ok(Own {
        certificate,
        key,
        signed,
    })
}

/// The public half of the key at `path`, for checks that never sign. With a certificate
/// beside it (`have_cert`), an encrypted private key is opened only when a passphrase is
/// at hand without asking (`--passphrase-file`, `BYOIP_PASSPHRASE`); otherwise the
/// certificate's key serves, with a note. Without one, the passphrase is asked for as
/// `sign` asks, and its absence is the error.
pub fn public_half(
    path: &std::path::Path,
    have_cert: bool,
    pass: &PassphraseArgs,
) -> Result<Option<byoip::key::VerifyingKey>, CliError> {
    let at_hand =
        pass.passphrase_file.is_some() || std::env::var_os(crate::PASSPHRASE_ENV).is_some();
    if !have_cert || at_hand {
        return crate::load_public_key(path, pass).map(Some);
    }
    let data = read_input(path, byoip::key::MAX_KEY_BYTES, "key file")?;
    match byoip::key::public_key_from_any(&data, byoip::key::Passphrase::None) {
        Ok(k) => Ok(Some(k)),
        Err(byoip::Error::PassphraseRequired) => {
            note(&format!(
                "{} is encrypted and no passphrase was given (BYOIP_PASSPHRASE or --passphrase-file): the certificate's key is used, and the key itself is not compared with it",
                path.display()
            ));
            Ok(None)
        }
        Err(e) => Err(crate::prompt::key_error(
            &path.display().to_string(),
            e,
            pass,
        )),
    }
}

/// A signed message given without a key or certificate to check it against (`where_`
/// says where the certificate is published, after "you publish").
pub(super) fn message_without_key(where_: &str) -> CliError {
    CliError::input(
        "a signed message is checked against your key: give --cert or --key with it",
        format!(
            "give --cert FILE (the certificate you publish{where_}), or drop the message to check eligibility alone"
        ),
    )
}
