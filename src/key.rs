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
use sha2::Sha256;
use spki::EncodePublicKey;
use zeroize::Zeroizing;

use crate::error::Error;

/// Largest key file byoip reads (a 16384-bit PEM key is about 12 KiB).
pub const MAX_KEY_BYTES: usize = crate::text::MAX_SMALL_INPUT_BYTES;
/// The only RSA size AWS documents.
pub const DOCUMENTED_BITS: usize = 2048;
/// PBKDF2-HMAC-SHA256 iterations for keys byoip writes (OWASP's 2023 figure, also pkcs5's default).
pub const PBKDF2_ITERATIONS: u32 = 600_000;

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

/// SHA-256 over the DER `SubjectPublicKeyInfo`: the key's identity in byoip's messages.
/// Same as `openssl pkey -pubin -outform DER | openssl dgst -sha256`.
#[derive(Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Fingerprint(String);

impl Fingerprint {
    fn of_spki(der: &[u8]) -> Self {
        let d = Sha256::digest(der);
        Fingerprint(d.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// Lower-case hex, 64 characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({})", self.0)
    }
}

/// An RSA public key and its canonical `rsaEncryption` SPKI encoding.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifyingKey {
    inner: PublicKey,
    spki_der: Vec<u8>,
}

impl VerifyingKey {
    /// Wraps an RSA public key.
    pub fn from_rsa(inner: PublicKey) -> Result<Self, Error> {
        let spki_der = inner
            .to_public_key_der()
            .map_err(|e| Error::Crypto(e.to_string()))?
            .into_vec();
        Ok(VerifyingKey { inner, spki_der })
    }

    /// Reads a `SubjectPublicKeyInfo` in DER (RSA or RSA-PSS OID).
    pub fn from_spki_der(der: &[u8]) -> Result<Self, Error> {
        let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(|e| Error::KeyFormat {
            reason: format!("bad SubjectPublicKeyInfo: {e}"),
        })?;
        let oid = spki.algorithm.oid;
        if oid != OID_RSA && oid != OID_RSA_PSS {
            return Err(Error::NotRsa {
                algorithm: algorithm_name(oid),
            });
        }
        let bits = spki
            .subject_public_key
            .as_bytes()
            .ok_or_else(|| Error::KeyFormat {
                reason: "public key bit string is not whole bytes".into(),
            })?;
        let pk = PublicKey::from_pkcs1_der(bits).map_err(|e| Error::KeyFormat {
            reason: format!("bad RSA public key: {e}"),
        })?;
        VerifyingKey::from_rsa(pk)
    }

    /// Reads a public key: SPKI (`BEGIN PUBLIC KEY`) or PKCS#1 (`BEGIN RSA PUBLIC KEY`), as
    /// PEM (also the one-line registry form) or DER.
    pub fn from_bytes(data: &[u8]) -> Result<Self, Error> {
        check_size(data, "public key file")?;
        if let Some(blocks) = pem_blocks(data) {
            for block in &blocks {
                match block.tag() {
                    "PUBLIC KEY" => return VerifyingKey::from_spki_der(block.contents()),
                    "RSA PUBLIC KEY" => {
                        let pk = PublicKey::from_pkcs1_der(block.contents()).map_err(|e| {
                            Error::KeyFormat {
                                reason: format!("bad RSA PUBLIC KEY: {e}"),
                            }
                        })?;
                        return VerifyingKey::from_rsa(pk);
                    }
                    _ => {}
                }
            }
            let tags: Vec<&str> = blocks.iter().map(|b| b.tag()).collect();
            return Err(Error::KeyFormat {
                reason: format!("no PUBLIC KEY block (found {})", tags.join(", ")),
            });
        }
        VerifyingKey::from_spki_der(data).or_else(|spki_err| {
            PublicKey::from_pkcs1_der(data)
                .map_err(|_| spki_err)
                .and_then(VerifyingKey::from_rsa)
        })
    }

    /// The RSA key.
    pub fn rsa(&self) -> &PublicKey {
        &self.inner
    }

    /// Modulus size in bits.
    pub fn bits(&self) -> usize {
        self.inner.n().bit_width() as usize
    }

    /// Signature length in bytes for this key.
    pub fn signature_len(&self) -> usize {
        self.inner.size()
    }

    /// SHA-256 of the SPKI.
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint::of_spki(&self.spki_der)
    }

    /// The SPKI as DER.
    pub fn spki_der(&self) -> &[u8] {
        &self.spki_der
    }

    /// The SPKI as PEM (`BEGIN PUBLIC KEY`).
    pub fn to_pem(&self) -> String {
        // LF line ends, as openssl writes PEM (the pem crate's default is CRLF).
        pem::encode_config(
            &pem::Pem::new("PUBLIC KEY", self.spki_der.clone()),
            pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
        )
    }
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "VerifyingKey(RSA-{}, {})",
            self.bits(),
            self.fingerprint()
        )
    }
}

/// How a private key was stored; reported so users learn what they have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyForm {
    /// `BEGIN PRIVATE KEY` (PKCS#8, `openssl genpkey`).
    Pkcs8Pem,
    /// PKCS#8 DER.
    Pkcs8Der,
    /// `BEGIN ENCRYPTED PRIVATE KEY` (PKCS#8 + PBES2, `openssl genpkey -aes256`).
    EncryptedPkcs8Pem,
    /// Encrypted PKCS#8 DER.
    EncryptedPkcs8Der,
    /// `BEGIN RSA PRIVATE KEY` (PKCS#1, `openssl genrsa` in 1.x).
    Pkcs1Pem,
    /// PKCS#1 DER.
    Pkcs1Der,
    /// `BEGIN RSA PRIVATE KEY` with `Proc-Type: 4,ENCRYPTED` (`openssl genrsa -aes256` in 1.x).
    LegacyEncryptedPkcs1Pem,
}

impl KeyForm {
    /// True when a passphrase was needed.
    pub fn is_encrypted(self) -> bool {
        matches!(
            self,
            KeyForm::EncryptedPkcs8Pem
                | KeyForm::EncryptedPkcs8Der
                | KeyForm::LegacyEncryptedPkcs1Pem
        )
    }

    /// A human description.
    pub fn describe(self) -> &'static str {
        match self {
            KeyForm::Pkcs8Pem => "PKCS#8 PEM, unencrypted",
            KeyForm::Pkcs8Der => "PKCS#8 DER, unencrypted",
            KeyForm::EncryptedPkcs8Pem => "PKCS#8 PEM, encrypted (PBES2)",
            KeyForm::EncryptedPkcs8Der => "PKCS#8 DER, encrypted (PBES2)",
            KeyForm::Pkcs1Pem => "PKCS#1 PEM (BEGIN RSA PRIVATE KEY), unencrypted",
            KeyForm::Pkcs1Der => "PKCS#1 DER, unencrypted",
            KeyForm::LegacyEncryptedPkcs1Pem => {
                "PKCS#1 PEM with legacy OpenSSL encryption (Proc-Type/DEK-Info)"
            }
        }
    }
}

/// An RSA private key. `Debug` shows only its size and public fingerprint.
pub struct SigningKey {
    inner: PrivateKey,
    public: VerifyingKey,
    /// The same key for ring, which signs about ten times faster; `None` when ring declines
    /// it (outside 2048–8192 bits, an unusual exponent) or is not built in, and rsa signs
    /// instead.
    #[cfg(feature = "ring")]
    fast: Option<ring::rsa::KeyPair>,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SigningKey(RSA-{}, {}, private part redacted)",
            self.public.bits(),
            self.public.fingerprint()
        )
    }
}

/// Where a passphrase comes from, asked only when the key turns out to be encrypted.
pub type PassphraseSource<'a> = &'a mut dyn FnMut() -> Result<Zeroizing<String>, Error>;

impl SigningKey {
    /// Wraps an RSA private key.
    pub fn from_rsa(inner: PrivateKey) -> Result<Self, Error> {
        #[cfg(feature = "ring")]
        use pkcs1::EncodeRsaPrivateKey;
        let public = VerifyingKey::from_rsa(inner.to_public_key())?;
        #[cfg(feature = "ring")]
        let fast = inner
            .to_pkcs1_der()
            .ok()
            .and_then(|der| ring::rsa::KeyPair::from_der(der.as_bytes()).ok());
        Ok(SigningKey {
            inner,
            public,
            #[cfg(feature = "ring")]
            fast,
        })
    }

    /// The key as ring holds it, when ring accepted it.
    #[cfg(feature = "ring")]
    pub(crate) fn ring(&self) -> Option<&ring::rsa::KeyPair> {
        self.fast.as_ref()
    }

    /// Generates a key of `bits` (2048, 3072 or 4096) from the OS random source.
    pub fn generate(bits: usize) -> Result<Self, Error> {
        if ![2048, 3072, 4096].contains(&bits) {
            return Err(Error::KeyFormat {
                reason: format!(
                    "{bits}-bit keys are not offered; use 2048 (AWS documents only 2048)"
                ),
            });
        }
        let key = PrivateKey::new(&mut getrandom::SysRng, bits)
            .map_err(|e| Error::Crypto(e.to_string()))?;
        SigningKey::from_rsa(key)
    }

    /// Reads a private key in any supported form, calling `passphrase` only if it is
    /// encrypted.
    pub fn from_bytes(
        data: &[u8],
        passphrase: PassphraseSource<'_>,
    ) -> Result<(Self, KeyForm), Error> {
        check_size(data, "key file")?;
        let (key, form) = match pem_blocks(data) {
            Some(blocks) => from_pem_blocks(&blocks, passphrase)?,
            None => from_der(data, passphrase)?,
        };
        Ok((SigningKey::from_rsa(key)?, form))
    }

    /// The public half.
    pub fn verifying_key(&self) -> &VerifyingKey {
        &self.public
    }

    /// The RSA key, for signing inside the crate: the private key never leaves it.
    pub(crate) fn rsa(&self) -> &PrivateKey {
        &self.inner
    }

    /// PKCS#8 PEM, encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) when a passphrase
    /// is given: the same scheme `openssl genpkey -aes256` writes, readable by any openssl.
    pub fn to_pkcs8_pem(&self, passphrase: Option<&str>) -> Result<Zeroizing<String>, Error> {
        use pkcs8::EncodePrivateKey;
        let crypto = |e: pkcs8::Error| Error::Crypto(e.to_string());
        let doc = self.inner.to_pkcs8_der().map_err(crypto)?;
        let Some(pass) = passphrase else {
            return doc
                .to_pem("PRIVATE KEY", pkcs8::LineEnding::LF)
                .map_err(|e| Error::Crypto(e.to_string()));
        };
        let mut salt = [0u8; 16];
        let mut iv = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| Error::Crypto(e.to_string()))?;
        getrandom::fill(&mut iv).map_err(|e| Error::Crypto(e.to_string()))?;
        let params = pkcs8::pkcs5::pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(
            PBKDF2_ITERATIONS,
            &salt,
            iv,
        )
        .map_err(|e| Error::Crypto(e.to_string()))?;
        let info = PrivateKeyInfoRef::try_from(doc.as_bytes()).map_err(crypto)?;
        let enc = info
            .encrypt_with_params(params, pass.as_bytes())
            .map_err(crypto)?;
        enc.to_pem("ENCRYPTED PRIVATE KEY", pkcs8::LineEnding::LF)
            .map_err(|e| Error::Crypto(e.to_string()))
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

fn from_pem_blocks(
    blocks: &[pem::Pem],
    passphrase: PassphraseSource<'_>,
) -> Result<(PrivateKey, KeyForm), Error> {
    for block in blocks {
        let contents = Zeroizing::new(block.contents().to_vec());
        match block.tag() {
            "PRIVATE KEY" => return Ok((from_pkcs8(&contents)?, KeyForm::Pkcs8Pem)),
            "ENCRYPTED PRIVATE KEY" => {
                return Ok((
                    from_encrypted_pkcs8(&contents, passphrase)?,
                    KeyForm::EncryptedPkcs8Pem,
                ));
            }
            "RSA PRIVATE KEY" => {
                if block
                    .headers()
                    .get("Proc-Type")
                    .is_some_and(|v| v.contains("ENCRYPTED"))
                {
                    let dek = block.headers().get("DEK-Info").unwrap_or_default();
                    let der = legacy_decrypt(dek, &contents, passphrase)?;
                    let key =
                        PrivateKey::from_pkcs1_der(&der).map_err(|_| Error::WrongPassphrase)?;
                    return Ok((key, KeyForm::LegacyEncryptedPkcs1Pem));
                }
                let key = PrivateKey::from_pkcs1_der(&contents).map_err(|e| Error::KeyFormat {
                    reason: format!("bad RSA PRIVATE KEY: {e}"),
                })?;
                return Ok((key, KeyForm::Pkcs1Pem));
            }
            "EC PRIVATE KEY" => {
                return Err(Error::NotRsa {
                    algorithm: "EC (ECDSA)".into(),
                });
            }
            "DSA PRIVATE KEY" => {
                return Err(Error::NotRsa {
                    algorithm: "DSA".into(),
                });
            }
            "OPENSSH PRIVATE KEY" => {
                return Err(Error::KeyFormat {
                    reason: "this is an OpenSSH key; convert it with `ssh-keygen -p -m PKCS8 -f FILE` (RSA only)".into(),
                });
            }
            _ => {}
        }
    }
    let tags: Vec<&str> = blocks.iter().map(|b| b.tag()).collect();
    let reason = if tags.is_empty() {
        "the PEM markers are present but the block does not parse".to_string()
    } else if tags
        .iter()
        .any(|t| t.contains("PUBLIC KEY") || *t == "CERTIFICATE")
    {
        format!(
            "this holds a {} and no private key; signing needs the private key",
            tags.join(", ")
        )
    } else {
        format!("no private key block (found {})", tags.join(", "))
    };
    Err(Error::KeyFormat { reason })
}

fn from_der(data: &[u8], passphrase: PassphraseSource<'_>) -> Result<(PrivateKey, KeyForm), Error> {
    if PrivateKeyInfoRef::from_der(data).is_ok() {
        return Ok((from_pkcs8(data)?, KeyForm::Pkcs8Der));
    }
    if EncryptedPrivateKeyInfoRef::from_der(data).is_ok() {
        return Ok((
            from_encrypted_pkcs8(data, passphrase)?,
            KeyForm::EncryptedPkcs8Der,
        ));
    }
    if let Ok(key) = PrivateKey::from_pkcs1_der(data) {
        return Ok((key, KeyForm::Pkcs1Der));
    }
    let reason = if std::str::from_utf8(data).is_ok() {
        "it is text without a -----BEGIN … PRIVATE KEY----- block"
    } else {
        "it is neither PEM nor DER PKCS#8/PKCS#1"
    };
    Err(Error::KeyFormat {
        reason: reason.into(),
    })
}

/// PKCS#8 `PrivateKeyInfo`: RSA (also the RSA-PSS OID that `genpkey -algorithm RSA-PSS`
/// writes); other algorithms are named in the error.
fn from_pkcs8(der: &[u8]) -> Result<PrivateKey, Error> {
    let info = PrivateKeyInfoRef::from_der(der).map_err(|e| Error::KeyFormat {
        reason: format!("bad PKCS#8 PrivateKeyInfo: {e}"),
    })?;
    let oid = info.algorithm.oid;
    if oid != OID_RSA && oid != OID_RSA_PSS {
        return Err(Error::NotRsa {
            algorithm: algorithm_name(oid),
        });
    }
    PrivateKey::from_pkcs1_der(info.private_key.as_bytes()).map_err(|e| Error::KeyFormat {
        reason: format!("bad RSA key inside PKCS#8: {e}"),
    })
}

fn from_encrypted_pkcs8(der: &[u8], passphrase: PassphraseSource<'_>) -> Result<PrivateKey, Error> {
    use pkcs8::pkcs5::Error as P5;
    let info =
        EncryptedPrivateKeyInfoRef::from_der(der).map_err(|e| Error::UnsupportedEncryption {
            what: format!("the encryption parameters do not parse ({e}); PBES1 is not supported"),
        })?;
    check_kdf_cost(&info.encryption_algorithm)?;
    let pass = passphrase()?;
    match info.decrypt(pass.as_bytes()) {
        Ok(doc) => from_pkcs8(doc.as_bytes()).map_err(|e| match e {
            Error::NotRsa { .. } => e,
            _ => Error::WrongPassphrase,
        }),
        Err(pkcs8::Error::EncryptedPrivateKey(P5::UnsupportedAlgorithm { oid })) => {
            Err(Error::UnsupportedEncryption {
                what: format!("algorithm {oid}"),
            })
        }
        Err(pkcs8::Error::EncryptedPrivateKey(P5::NoPbes1CryptSupport)) => {
            Err(Error::UnsupportedEncryption {
                what: "PBES1 (openssl pkcs8 -v1)".into(),
            })
        }
        Err(_) => Err(Error::WrongPassphrase),
    }
}

/// Most PBKDF2 iterations accepted: 16× what byoip writes, far above OpenSSL's 2048.
pub const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;
/// Most memory scrypt may use (128 · r · N bytes); OpenSSL's default takes 16 MiB.
pub const MAX_SCRYPT_BYTES: u64 = 1 << 30;

/// A key file is outside input and its KDF parameters set the cost of decrypting it:
/// refuse, before asking for a passphrase, work no honest key needs (a hostile file with
/// 2^32 iterations, or scrypt asking for terabytes, would otherwise hang or abort).
fn check_kdf_cost(scheme: &pkcs8::pkcs5::EncryptionScheme) -> Result<(), Error> {
    use pkcs8::pkcs5::pbes2::Kdf;
    let pkcs8::pkcs5::EncryptionScheme::Pbes2(params) = scheme else {
        return Ok(());
    };
    let too_costly = |what: String| {
        Err(Error::UnsupportedEncryption {
            what: format!("{what}, more work than any real key needs (refused to avoid hanging)"),
        })
    };
    match &params.kdf {
        Kdf::Pbkdf2(p) if p.iteration_count > MAX_PBKDF2_ITERATIONS => too_costly(format!(
            "PBKDF2 with {} iterations (limit {MAX_PBKDF2_ITERATIONS})",
            p.iteration_count
        )),
        Kdf::Scrypt(p) => {
            let bytes = 128u64
                .saturating_mul(u64::from(p.block_size))
                .saturating_mul(p.cost_parameter);
            if bytes > MAX_SCRYPT_BYTES || p.parallelization > 16 {
                too_costly(format!(
                    "scrypt with N={}, r={}, p={} ({} MiB)",
                    p.cost_parameter,
                    p.block_size,
                    p.parallelization,
                    bytes >> 20
                ))
            } else {
                Ok(())
            }
        }
        _ => Ok(()),
    }
}

/// `DEK-Info: CIPHER,IVHEX` decryption as OpenSSL's `PEM_read_bio_PrivateKey` does it.
fn legacy_decrypt(
    dek_info: &str,
    data: &[u8],
    passphrase: PassphraseSource<'_>,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let (cipher, iv_hex) = dek_info.split_once(',').ok_or_else(|| Error::KeyFormat {
        reason: "Proc-Type ENCRYPTED without a DEK-Info header".into(),
    })?;
    let iv = hex_decode(iv_hex.trim()).ok_or_else(|| Error::KeyFormat {
        reason: format!("DEK-Info IV {iv_hex:?} is not hex"),
    })?;
    let key_len = match cipher.trim() {
        "AES-128-CBC" => 16,
        "AES-192-CBC" | "DES-EDE3-CBC" => 24,
        "AES-256-CBC" => 32,
        other => {
            return Err(Error::UnsupportedEncryption {
                what: format!("legacy PEM cipher {other}"),
            });
        }
    };
    let iv_len = if cipher.trim() == "DES-EDE3-CBC" {
        8
    } else {
        16
    };
    if iv.len() != iv_len {
        return Err(Error::KeyFormat {
            reason: format!(
                "DEK-Info IV has {} bytes, {cipher} needs {iv_len}",
                iv.len()
            ),
        });
    }
    let pass = passphrase()?;
    let key = evp_bytes_to_key(pass.as_bytes(), &iv[..8], key_len);
    let plain = match cipher.trim() {
        "AES-128-CBC" => cbc_decrypt::<aes::Aes128>(&key, &iv, data),
        "AES-192-CBC" => cbc_decrypt::<aes::Aes192>(&key, &iv, data),
        "AES-256-CBC" => cbc_decrypt::<aes::Aes256>(&key, &iv, data),
        _ => cbc_decrypt::<des::TdesEde3>(&key, &iv, data),
    };
    plain.ok_or(Error::WrongPassphrase)
}

fn cbc_decrypt<C>(key: &[u8], iv: &[u8], data: &[u8]) -> Option<Zeroizing<Vec<u8>>>
where
    C: cbc::cipher::BlockCipherDecrypt + cbc::cipher::KeyInit,
    cbc::Decryptor<C>: KeyIvInit + BlockModeDecrypt,
{
    let dec = cbc::Decryptor::<C>::new_from_slices(key, iv).ok()?;
    dec.decrypt_padded_vec::<Pkcs7>(data)
        .ok()
        .map(Zeroizing::new)
}

/// OpenSSL `EVP_BytesToKey` with MD5 and one iteration:
/// `D_i = MD5(D_{i-1} || pass || salt)`, concatenated until `len` bytes.
fn evp_bytes_to_key(pass: &[u8], salt: &[u8], len: usize) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(len + 16));
    let mut prev: Vec<u8> = Vec::new();
    while out.len() < len {
        let mut h = Md5::new();
        h.update(&prev);
        h.update(pass);
        h.update(salt);
        prev = h.finalize().to_vec();
        out.extend_from_slice(&prev);
    }
    zeroize::Zeroize::zeroize(&mut prev);
    out.truncate(len);
    out
}

fn hex_decode(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Reads any key-like input for verification: a public key, or a private key's public
/// half (`passphrase` is asked only for an encrypted private key).
pub fn public_key_from_any(
    data: &[u8],
    passphrase: PassphraseSource<'_>,
) -> Result<VerifyingKey, Error> {
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
                _ => e,
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_derivation_costs_beyond_any_real_key_are_refused_before_the_passphrase() {
        use pkcs8::pkcs5::{
            EncryptionScheme,
            pbes2::{self, Kdf, Pbkdf2Params, ScryptParams},
        };
        let scheme = |kdf: Kdf| {
            EncryptionScheme::Pbes2(pbes2::Parameters {
                kdf,
                encryption: pbes2::EncryptionScheme::Aes256Cbc { iv: [0; 16] },
            })
        };
        let pbkdf2 = |n| {
            let mut p = Pbkdf2Params::hmac_sha256(600_000, b"saltsalt").unwrap();
            // A file can say anything; the constructor's own limit does not apply to DER.
            p.iteration_count = n;
            Kdf::Pbkdf2(p)
        };
        assert!(check_kdf_cost(&scheme(pbkdf2(600_000))).is_ok());
        assert!(check_kdf_cost(&scheme(pbkdf2(MAX_PBKDF2_ITERATIONS))).is_ok());
        let e = check_kdf_cost(&scheme(pbkdf2(u32::MAX)))
            .unwrap_err()
            .to_string();
        assert!(e.contains("4294967295 iterations"), "{e}");
        let scrypt = |log_n, r| {
            let p = scrypt::Params::new(log_n, r, 1).unwrap();
            Kdf::Scrypt(ScryptParams::from_params_and_salt(p, b"saltsalt").unwrap())
        };
        assert!(check_kdf_cost(&scheme(scrypt(14, 8))).is_ok());
        let e = check_kdf_cost(&scheme(scrypt(30, 8)))
            .unwrap_err()
            .to_string();
        assert!(e.contains("scrypt with N=1073741824"), "{e}");
    }

    const PASS: &str = "demo-passphrase";

    fn load(bytes: &[u8]) -> Result<(SigningKey, KeyForm), Error> {
        SigningKey::from_bytes(bytes, &mut || Ok(Zeroizing::new(PASS.to_string())))
    }

    fn no_prompt(bytes: &[u8]) -> Result<(SigningKey, KeyForm), Error> {
        SigningKey::from_bytes(bytes, &mut || Err(Error::PassphraseRequired))
    }

    #[test]
    fn every_openssl_form_loads_to_the_same_key() {
        let reference = load(include_bytes!("../testdata/keys/pkcs8.pem"))
            .unwrap()
            .0
            .verifying_key()
            .fingerprint();
        let forms: [(&[u8], KeyForm); 10] = [
            (
                include_bytes!("../testdata/keys/pkcs8.pem"),
                KeyForm::Pkcs8Pem,
            ),
            (
                include_bytes!("../testdata/keys/pkcs8.der"),
                KeyForm::Pkcs8Der,
            ),
            (
                include_bytes!("../testdata/keys/pkcs1.pem"),
                KeyForm::Pkcs1Pem,
            ),
            (
                include_bytes!("../testdata/keys/pkcs1.der"),
                KeyForm::Pkcs1Der,
            ),
            (
                include_bytes!("../testdata/keys/pkcs8-aes256.pem"),
                KeyForm::EncryptedPkcs8Pem,
            ),
            (
                include_bytes!("../testdata/keys/pkcs8-des3-sha1.pem"),
                KeyForm::EncryptedPkcs8Pem,
            ),
            (
                include_bytes!("../testdata/keys/pkcs8-scrypt.pem"),
                KeyForm::EncryptedPkcs8Pem,
            ),
            (
                include_bytes!("../testdata/keys/pkcs1-aes256.pem"),
                KeyForm::LegacyEncryptedPkcs1Pem,
            ),
            (
                include_bytes!("../testdata/keys/pkcs1-aes128.pem"),
                KeyForm::LegacyEncryptedPkcs1Pem,
            ),
            (
                include_bytes!("../testdata/keys/pkcs1-des3.pem"),
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
        let expected = include_str!("../testdata/keys/public.sha256").trim();
        let (key, _) = load(include_bytes!("../testdata/keys/pkcs8.pem")).unwrap();
        assert_eq!(key.verifying_key().fingerprint().as_str(), expected);
        let public =
            VerifyingKey::from_bytes(include_bytes!("../testdata/keys/public.pem")).unwrap();
        assert_eq!(public.fingerprint().as_str(), expected);
        let pkcs1 =
            VerifyingKey::from_bytes(include_bytes!("../testdata/keys/public-pkcs1.pem")).unwrap();
        assert_eq!(pkcs1.fingerprint().as_str(), expected);
    }

    #[test]
    fn wrong_passphrase_is_named_for_both_encryption_styles() {
        for bytes in [
            &include_bytes!("../testdata/keys/pkcs8-aes256.pem")[..],
            &include_bytes!("../testdata/keys/pkcs1-aes256.pem")[..],
            &include_bytes!("../testdata/keys/pkcs1-des3.pem")[..],
        ] {
            let e = SigningKey::from_bytes(bytes, &mut || Ok(Zeroizing::new("wrong".into())))
                .unwrap_err();
            assert!(matches!(e, Error::WrongPassphrase), "{e}");
        }
    }

    #[test]
    fn passphrase_is_asked_only_for_encrypted_keys() {
        assert!(no_prompt(include_bytes!("../testdata/keys/pkcs8.pem")).is_ok());
        let e = no_prompt(include_bytes!("../testdata/keys/pkcs8-aes256.pem")).unwrap_err();
        assert!(matches!(e, Error::PassphraseRequired));
    }

    #[test]
    fn non_rsa_keys_are_named() {
        let ec = no_prompt(include_bytes!("../testdata/keys/ec-p256.pem")).unwrap_err();
        assert!(ec.to_string().contains("EC (ECDSA)"), "{ec}");
        let ed = no_prompt(include_bytes!("../testdata/keys/ed25519.pem")).unwrap_err();
        assert!(ed.to_string().contains("Ed25519"), "{ed}");
        assert!(ed.hint().contains("RSA"));
    }

    #[test]
    fn rsa_pss_oid_keys_load() {
        let (k, _) = no_prompt(include_bytes!("../testdata/keys/rsa-pss.pem")).unwrap();
        assert_eq!(k.verifying_key().bits(), 2048);
    }

    #[test]
    fn public_key_given_as_private_key_is_explained() {
        let e = no_prompt(include_bytes!("../testdata/keys/public.pem")).unwrap_err();
        assert!(e.to_string().contains("no private key"), "{e}");
    }

    #[test]
    fn debug_never_shows_private_material() {
        let (k, _) = no_prompt(include_bytes!("../testdata/keys/pkcs8.pem")).unwrap();
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
        let (k, _) = no_prompt(include_bytes!("../testdata/keys/pkcs8.pem")).unwrap();
        let pem = k.to_pkcs8_pem(Some(PASS)).unwrap();
        assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        let (back, form) = load(pem.as_bytes()).unwrap();
        assert_eq!(form, KeyForm::EncryptedPkcs8Pem);
        assert_eq!(back.verifying_key(), k.verifying_key());
    }
}
