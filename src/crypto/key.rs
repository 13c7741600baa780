//! RSA keys in every form openssl has written for AWS's BYOIP recipes.
//!
//! AWS, "Prerequisites for BYOIP in Amazon EC2"
//! (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/prepare-for-byoip.html>), documents
//! `openssl genpkey -aes256 -algorithm RSA` (encrypted PKCS#8, PBES2, RFC 8018); its earlier
//! versions used `openssl genrsa` (PKCS#1, `BEGIN RSA PRIVATE KEY`, optionally
//! `Proc-Type: 4,ENCRYPTED` per RFC 1421). Only RSA can produce `RSAPSS`; 2048 bits is the
//! only size AWS documents. Legacy PEM encryption is OpenSSL's
//! `EVP_BytesToKey(MD5, 1 iteration, salt = IV[..8])` + CBC (OpenSSL's EVP_BytesToKey(3)
//! manual page), which RustCrypto does not ship.
//!
//! Secrets: private keys have a redacting `Debug`; every buffer that holds key material or
//! a passphrase is zeroized on drop.

// The public half is in `key/public.rs`, private keys and their forms in `private.rs`,
// the RFC 1421 legacy encryption in `legacy_pem.rs`, and the limits on key-derivation work
// in `kdf.rs`; everything public is re-exported here.

use std::fmt;

use cbc::cipher::{BlockModeDecrypt, KeyIvInit, block_padding::Pkcs7};
use md5::{Digest as _, Md5};
use pkcs8::{
    EncryptedPrivateKeyInfoRef, ObjectIdentifier, PrivateKeyInfoRef, SubjectPublicKeyInfoRef,
    der::Decode,
};
use rsa::{
    PrivateKey, PublicKey,
    pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey},
    traits::PublicKeyParts,
};
use serde::Serialize;
use spki::EncodePublicKey;
use zeroize::Zeroizing;

use crate::error::Error;
pub use crate::fingerprint::Fingerprint;

mod kdf;
mod legacy_pem;
mod private;
mod public;

pub use private::{KeyBits, KeyForm, Passphrase, SigningKey};
pub use public::VerifyingKey;

/// Largest key file byoip reads: a 16384-bit PEM key is about 12 KiB (the "64 KiB" of
/// docs/security.md).
pub const MAX_KEY_BYTES: usize = 64 * 1024;
/// The only RSA size AWS documents.
pub const DOCUMENTED_BITS: usize = 2048;
/// PBKDF2-HMAC-SHA256 iterations for keys byoip writes (OWASP's 2023 figure, also pkcs5's default).
pub(crate) const PBKDF2_ITERATIONS: u32 = 600_000;

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");

/// Names the algorithm of a non-RSA key for the error message.
fn algorithm_name(oid: ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "1.2.840.10045.2.1" => "EC (ECDSA)".into(),
        "1.3.101.112" => "Ed25519".into(),
        "1.3.101.113" => "Ed448".into(),
        "1.3.101.110" => "X25519".into(),
        "1.3.101.111" => "X448".into(),
        "1.2.840.10040.4.1" => "DSA".into(),
        "1.2.840.113549.1.3.1" => "DH".into(),
        other => format!("an algorithm with OID {other}"),
    }
}

fn check_size(data: &[u8], what: &'static str) -> Result<(), Error> {
    if data.len() > MAX_KEY_BYTES {
        return Err(Error::TooLarge {
            what,
            size: data.len(),
            limit: MAX_KEY_BYTES,
        });
    }
    Ok(())
}

/// PEM blocks when the data is text with at least one `-----BEGIN`, else `None` (DER).
/// Lenient: the one-line registry form (markers touching the base64) parses too.
pub(crate) fn pem_blocks(data: &[u8]) -> Option<Vec<pem::Pem>> {
    let text = std::str::from_utf8(data).ok()?;
    if !text.contains("-----BEGIN ") {
        return None;
    }
    match pem::parse_many(text) {
        Ok(blocks) if !blocks.is_empty() => Some(blocks),
        // Markers present but unparsable: report as an empty PEM set, not as DER.
        _ => Some(Vec::new()),
    }
}

/// Reads any key-like input for verification: a public key, or a private key's public
/// half (`passphrase` is asked only for an encrypted private key): what `byoip verify
/// --key` takes.
pub fn public_key_from_any(data: &[u8], passphrase: Passphrase<'_>) -> Result<VerifyingKey, Error> {
    match VerifyingKey::from_bytes(data) {
        Ok(k) => Ok(k),
        Err(e @ Error::NotRsa { .. }) => Err(e),
        Err(e) => SigningKey::from_bytes(data, passphrase)
            .map(|(k, _)| k.public.clone())
            .map_err(|private| match private {
                // It is a private key, and what stands in the way is its encryption: say
                // so, rather than that it is not a public key.
                Error::PassphraseRequired
                | Error::WrongPassphrase
                | Error::PassphraseUnavailable { .. }
                | Error::UnsupportedEncryption { .. } => private,
                // It is a private key of another algorithm (EC, Ed25519): name it, as
                // the signer does.
                Error::NotRsa { .. } => private,
                _ => e,
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASS: &str = "demo-passphrase";

    fn load(bytes: &[u8]) -> Result<(SigningKey, KeyForm), Error> {
        SigningKey::from_bytes(bytes, Passphrase::Given(PASS))
    }

    fn no_prompt(bytes: &[u8]) -> Result<(SigningKey, KeyForm), Error> {
        SigningKey::from_bytes(bytes, Passphrase::None)
    }

    #[test]
    fn a_private_key_of_another_algorithm_is_named_when_read_for_verification() {
        for (file, alg) in [("ec-p256.pem", "EC"), ("ed25519.pem", "Ed25519")] {
            let path = format!("{}/testdata/keys/{file}", env!("CARGO_MANIFEST_DIR"));
            let bytes = std::fs::read(path).unwrap();
            let err = public_key_from_any(&bytes, Passphrase::None).unwrap_err();
            assert!(matches!(err, Error::NotRsa { .. }), "{file}: {err:?}");
            assert!(err.to_string().contains(alg), "{file}: {err}");
        }
    }

    #[test]
    fn key_bits_read_only_the_sizes_byoip_generates_and_write_them_back() {
        for b in KeyBits::ALL {
            assert_eq!(b.as_str().parse::<KeyBits>().unwrap(), b);
            assert_eq!(b.to_string(), b.get().to_string());
        }
        assert_eq!(
            KeyBits::ALL.map(KeyBits::get),
            [DOCUMENTED_BITS, 3072, 4096]
        );
        assert_eq!(KeyBits::default().get(), DOCUMENTED_BITS);
        for bad in ["1024", "8192", "02048", " 2048", "2048 ", "+2048", "", "2k"] {
            let e = bad.parse::<KeyBits>().unwrap_err().to_string();
            assert!(
                e.contains("not offered") && e.contains("2048"),
                "{bad:?}: {e}"
            );
        }
    }

    #[test]
    fn every_openssl_form_loads_to_the_same_key() {
        let reference = load(include_bytes!("../../testdata/keys/pkcs8.pem"))
            .unwrap()
            .0
            .verifying_key()
            .fingerprint();
        let forms: [(&[u8], KeyForm); 10] = [
            (
                include_bytes!("../../testdata/keys/pkcs8.pem"),
                KeyForm::Pkcs8Pem,
            ),
            (
                include_bytes!("../../testdata/keys/pkcs8.der"),
                KeyForm::Pkcs8Der,
            ),
            (
                include_bytes!("../../testdata/keys/pkcs1.pem"),
                KeyForm::Pkcs1Pem,
            ),
            (
                include_bytes!("../../testdata/keys/pkcs1.der"),
                KeyForm::Pkcs1Der,
            ),
            (
                include_bytes!("../../testdata/keys/pkcs8-aes256.pem"),
                KeyForm::EncryptedPkcs8Pem,
            ),
            (
                include_bytes!("../../testdata/keys/pkcs8-des3-sha1.pem"),
                KeyForm::EncryptedPkcs8Pem,
            ),
            (
                include_bytes!("../../testdata/keys/pkcs8-scrypt.pem"),
                KeyForm::EncryptedPkcs8Pem,
            ),
            (
                include_bytes!("../../testdata/keys/pkcs1-aes256.pem"),
                KeyForm::LegacyEncryptedPkcs1Pem,
            ),
            (
                include_bytes!("../../testdata/keys/pkcs1-aes128.pem"),
                KeyForm::LegacyEncryptedPkcs1Pem,
            ),
            (
                include_bytes!("../../testdata/keys/pkcs1-des3.pem"),
                KeyForm::LegacyEncryptedPkcs1Pem,
            ),
        ];
        for (i, (bytes, form)) in forms.iter().enumerate() {
            let (key, got) = load(bytes).unwrap_or_else(|e| panic!("form {i}: {e}"));
            assert_eq!(got, *form, "form {i}");
            assert_eq!(key.verifying_key().fingerprint(), reference, "form {i}");
        }
    }

    #[test]
    fn fingerprint_matches_openssl_spki_sha256() {
        // openssl pkey -in testdata/keys/pkcs8.pem -pubout -outform DER | openssl dgst -sha256
        let expected = include_str!("../../testdata/keys/public.sha256").trim();
        let (key, _) = load(include_bytes!("../../testdata/keys/pkcs8.pem")).unwrap();
        assert_eq!(key.verifying_key().fingerprint().as_str(), expected);
        let public =
            VerifyingKey::from_bytes(include_bytes!("../../testdata/keys/public.pem")).unwrap();
        assert_eq!(public.fingerprint().as_str(), expected);
        let pkcs1 =
            VerifyingKey::from_bytes(include_bytes!("../../testdata/keys/public-pkcs1.pem"))
                .unwrap();
        assert_eq!(pkcs1.fingerprint().as_str(), expected);
    }

    #[test]
    fn wrong_passphrase_is_named_for_both_encryption_styles() {
        for bytes in [
            &include_bytes!("../../testdata/keys/pkcs8-aes256.pem")[..],
            &include_bytes!("../../testdata/keys/pkcs1-aes256.pem")[..],
            &include_bytes!("../../testdata/keys/pkcs1-des3.pem")[..],
        ] {
            let e = SigningKey::from_bytes(bytes, Passphrase::Given("wrong")).unwrap_err();
            assert!(matches!(e, Error::WrongPassphrase), "{e}");
        }
    }

    #[test]
    fn passphrase_is_asked_only_for_encrypted_keys() {
        assert!(no_prompt(include_bytes!("../../testdata/keys/pkcs8.pem")).is_ok());
        let e = no_prompt(include_bytes!("../../testdata/keys/pkcs8-aes256.pem")).unwrap_err();
        assert!(matches!(e, Error::PassphraseRequired));
        // A prompt is called only for the encrypted key, once.
        let mut asked = 0;
        let mut ask = || {
            asked += 1;
            Ok(Zeroizing::new(PASS.to_string()))
        };
        SigningKey::from_bytes(
            include_bytes!("../../testdata/keys/pkcs8.pem"),
            Passphrase::Ask(&mut ask),
        )
        .unwrap();
        SigningKey::from_bytes(
            include_bytes!("../../testdata/keys/pkcs1-aes256.pem"),
            Passphrase::Ask(&mut ask),
        )
        .unwrap();
        assert_eq!(asked, 1);
    }

    #[test]
    fn a_passphrase_never_shows_in_debug() {
        let shown = format!("{:?}", Passphrase::Given(PASS));
        assert!(
            !shown.contains(PASS) && shown.contains("redacted"),
            "{shown}"
        );
        let mut ask = || Ok(Zeroizing::new(PASS.to_string()));
        assert_eq!(
            format!("{:?}", Passphrase::Ask(&mut ask)),
            "Passphrase::Ask(..)"
        );
    }

    #[test]
    fn non_rsa_keys_are_named() {
        let ec = no_prompt(include_bytes!("../../testdata/keys/ec-p256.pem")).unwrap_err();
        assert!(ec.to_string().contains("EC (ECDSA)"), "{ec}");
        let ed = no_prompt(include_bytes!("../../testdata/keys/ed25519.pem")).unwrap_err();
        assert!(ed.to_string().contains("Ed25519"), "{ed}");
        assert!(ed.hint().contains("RSA"));
    }

    #[test]
    fn rsa_pss_oid_keys_load() {
        let (k, _) = no_prompt(include_bytes!("../../testdata/keys/rsa-pss.pem")).unwrap();
        assert_eq!(k.verifying_key().bits(), 2048);
    }

    #[test]
    fn public_key_given_as_private_key_is_explained() {
        let e = no_prompt(include_bytes!("../../testdata/keys/public.pem")).unwrap_err();
        assert!(e.to_string().contains("no private key"), "{e}");
    }

    #[test]
    fn debug_never_shows_private_material() {
        let (k, _) = no_prompt(include_bytes!("../../testdata/keys/pkcs8.pem")).unwrap();
        let dbg = format!("{k:?}");
        assert!(dbg.contains("redacted") && dbg.len() < 200, "{dbg}");
    }

    #[test]
    fn garbage_and_oversized_inputs_are_errors() {
        assert!(matches!(
            no_prompt(b"").unwrap_err(),
            Error::KeyFormat { .. }
        ));
        assert!(matches!(
            no_prompt(&[0x30, 0x82, 0xff]).unwrap_err(),
            Error::KeyFormat { .. }
        ));
        assert!(matches!(
            no_prompt(b"-----BEGIN PRIVATE KEY-----\n!!!\n").unwrap_err(),
            Error::KeyFormat { .. }
        ));
        assert!(matches!(
            no_prompt(&vec![b'A'; MAX_KEY_BYTES + 1]).unwrap_err(),
            Error::TooLarge { .. }
        ));
    }

    #[test]
    fn written_encrypted_key_reads_back() {
        let (k, _) = no_prompt(include_bytes!("../../testdata/keys/pkcs8.pem")).unwrap();
        let pem = k.to_pkcs8_pem(Some(PASS)).unwrap();
        assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        let (back, form) = load(pem.as_bytes()).unwrap();
        assert_eq!(form, KeyForm::EncryptedPkcs8Pem);
        assert_eq!(back.verifying_key(), k.verifying_key());
    }
}
