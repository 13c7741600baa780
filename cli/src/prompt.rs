//! Passphrases and the keys they unlock: `--passphrase-file`, `BYOIP_PASSPHRASE`, else a
//! no-echo prompt on the terminal, never argv; key files readable by others are warned
//! about.

use super::heading;
use std::{
    fs,
    io::{self, IsTerminal},
    path::{Path, PathBuf},
};

use byoip::Error;
use zeroize::Zeroizing;

use super::{CliError, read_input, warn};

/// The environment variable a passphrase may come from.
pub const PASSPHRASE_ENV: &str = "BYOIP_PASSPHRASE";
/// Where passphrases come from, in order: `--passphrase-file`, `BYOIP_PASSPHRASE`, a
/// no-echo prompt on the terminal.
#[derive(clap::Args, Clone, Default)]
#[command(next_help_heading = heading::INPUTS)]
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
                .map_err(|e| Error::passphrase_unavailable(e.what, e.source))?;
            let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
                Error::passphrase_unavailable(
                    format!("{:?} is not UTF-8 text", path.display()),
                    Some(byoip::error::Cause::new(e)),
                )
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

/// Why the key file `shown` could not be read. [`PassphraseArgs::get`] gives up for want of
/// a passphrase only when it has no file, no environment variable and no terminal to ask
/// on: say that, in keygen's words, rather than "type it at the prompt" there is none of.
pub(super) fn key_error(shown: &str, e: Error, pass: &PassphraseArgs) -> CliError {
    let no_terminal = matches!(e, Error::PassphraseRequired);
    // The passphrase came from BYOIP_PASSPHRASE when no --passphrase-file was given
    // ([`PassphraseArgs::get`]): name the variable, not the flag that was not used.
    let from_env = matches!(e, Error::WrongPassphrase)
        && pass.passphrase_file.is_none()
        && std::env::var_os(PASSPHRASE_ENV).is_some();
    let mut c = CliError::from(e);
    if from_env {
        c.hint = format!(
            "check the passphrase in {PASSPHRASE_ENV} (its whole value is the passphrase), or unset it to be asked"
        );
    }
    c.what = if no_terminal {
        format!("{shown}: the key is encrypted, and there is no terminal to ask for a passphrase")
    } else {
        format!("{shown}: {}", c.what)
    };
    c
}

/// Loads the private key at `path`, asking for a passphrase only if it is encrypted, and
/// warns about what AWS does not document.
pub fn load_signing_key(
    path: &Path,
    pass: &PassphraseArgs,
) -> Result<byoip::key::SigningKey, CliError> {
    let data = read_input(path, byoip::key::MAX_KEY_BYTES, "key file")?;
    let shown = path.display().to_string();
    let (key, _form) = byoip::key::SigningKey::from_bytes(
        &data,
        byoip::key::Passphrase::Ask(&mut || pass.get(&shown)),
    )
    .map_err(|e| key_error(&shown, e, pass))?;
    // Only once it is known to hold a private key: a certificate given by mistake is
    // refused by name, not warned about as if it were secret.
    warn_if_key_readable_by_others(path);
    let bits = key.verifying_key().bits();
    if bits != byoip::key::DOCUMENTED_BITS {
        warn(&format!(
            "{shown} is an RSA-{bits} key; AWS and Azure document only RSA-2048 (whether they accept {bits} is unconfirmed)"
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
    byoip::key::public_key_from_any(&data, byoip::key::Passphrase::Ask(&mut || pass.get(&shown)))
        .map_err(|e| key_error(&shown, e, pass))
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_file_that_cannot_be_read_keeps_the_systems_error() {
        let dir = tempfile::tempdir().unwrap();
        let args = PassphraseArgs {
            passphrase_file: Some(dir.path().join("missing")),
        };
        let e = args.get("key.pem").err().unwrap();
        assert!(matches!(e, Error::PassphraseUnavailable { .. }), "{e:?}");
        let source = std::error::Error::source(&e).unwrap();
        let io = source.downcast_ref::<io::Error>().unwrap();
        assert_eq!(io.kind(), io::ErrorKind::NotFound);
        // Said once: the line names the file, the cause says why.
        assert_eq!(
            e.chain().matches(&io.to_string()).count(),
            1,
            "{}",
            e.chain()
        );
    }
}
