//! RSA private keys in every form openssl writes: PKCS#8 (RFC 5958) plain or encrypted
//! (PBES2, RFC 8018 §6.2), PKCS#1 (RFC 8017 Appendix A.1.2), PEM (RFC 7468) or DER, and the
//! legacy `Proc-Type: 4,ENCRYPTED` PEM (`legacy_pem.rs`); generation and encrypted
//! PKCS#8 writing.

use super::{kdf::check_kdf_cost, legacy_pem::legacy_decrypt, *};

/// A size of RSA key byoip generates: 2048 bits, the only size AWS and Azure document
/// (AWS, "Prerequisites for BYOIP in Amazon EC2"), or 3072 or 4096 for those who want
/// more. Its text is the number of bits; [`FromStr`](std::str::FromStr) reads nothing
/// else, so a size byoip does not generate never reaches [`SigningKey::generate`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum KeyBits {
    /// 2048 bits, the documented size.
    #[default]
    Rsa2048,
    /// 3072 bits.
    Rsa3072,
    /// 4096 bits.
    Rsa4096,
}

impl KeyBits {
    /// Every size byoip generates, smallest first.
    pub const ALL: [KeyBits; 3] = [KeyBits::Rsa2048, KeyBits::Rsa3072, KeyBits::Rsa4096];

    /// The modulus size in bits.
    pub const fn get(self) -> usize {
        match self {
            KeyBits::Rsa2048 => 2048,
            KeyBits::Rsa3072 => 3072,
            KeyBits::Rsa4096 => 4096,
        }
    }

    /// The size as text (`"2048"`), what [`FromStr`](std::str::FromStr) reads.
    pub const fn as_str(self) -> &'static str {
        match self {
            KeyBits::Rsa2048 => "2048",
            KeyBits::Rsa3072 => "3072",
            KeyBits::Rsa4096 => "4096",
        }
    }
}

impl fmt::Display for KeyBits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::str::FromStr for KeyBits {
    type Err = Error;
    /// The number of bits in decimal, exactly as [`KeyBits::as_str`] writes it.
    fn from_str(s: &str) -> Result<Self, Error> {
        KeyBits::ALL
            .into_iter()
            .find(|b| b.as_str() == s)
            .ok_or_else(|| Error::KeyFormat {
                reason: format!(
                    "{s}-bit keys are not offered; use 2048 (AWS and Azure document only 2048), 3072 or 4096"
                ),
                source: None,
            })
    }
}

/// How a private key was stored; reported so users learn what they have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
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
    pub(super) public: VerifyingKey,
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

/// The passphrase for a key that may be encrypted, wanted only when it is.
///
/// `Debug` never shows the passphrase, and byoip's own copies of it are zeroized.
///
/// ```
/// use byoip::key::{Passphrase, SigningKey};
///
/// let pem = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/demo-key.pem")).unwrap();
/// // Not encrypted: no passphrase needed.
/// let (key, form) = SigningKey::from_bytes(&pem, Passphrase::None)?;
/// assert!(!form.is_encrypted());
/// // Encrypted: a prompt (here a closure) is called only now, once.
/// let encrypted = key.to_pkcs8_pem(Some("correct horse"))?;
/// let mut asked = 0;
/// let mut prompt = || { asked += 1; Ok(byoip::zeroize::Zeroizing::new("correct horse".to_string())) };
/// let (again, _) = SigningKey::from_bytes(encrypted.as_bytes(), Passphrase::Ask(&mut prompt))?;
/// assert_eq!((asked, again.verifying_key()), (1, key.verifying_key()));
/// assert!(matches!(
///     SigningKey::from_bytes(encrypted.as_bytes(), Passphrase::None),
///     Err(byoip::Error::PassphraseRequired)
/// ));
/// # Ok::<(), byoip::Error>(())
/// ```
#[non_exhaustive]
pub enum Passphrase<'a> {
    /// None: an encrypted key is [`Error::PassphraseRequired`].
    None,
    /// This passphrase.
    Given(&'a str),
    /// Called (a prompt, a file read) only when the key turns out to be encrypted, at most
    /// once per key read.
    Ask(&'a mut dyn FnMut() -> Result<Zeroizing<String>, Error>),
}

impl Passphrase<'_> {
    /// The passphrase, now that the key is known to be encrypted.
    pub(super) fn get(&mut self) -> Result<Zeroizing<String>, Error> {
        match self {
            Passphrase::None => Err(Error::PassphraseRequired),
            Passphrase::Given(p) => Ok(Zeroizing::new((*p).to_string())),
            Passphrase::Ask(ask) => ask(),
        }
    }
}

impl fmt::Debug for Passphrase<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Passphrase::None => "Passphrase::None",
            Passphrase::Given(_) => "Passphrase::Given(redacted)",
            Passphrase::Ask(_) => "Passphrase::Ask(..)",
        })
    }
}
impl SigningKey {
    /// Wraps an RSA private key (crate-only: the rsa crate's types stay out of the API).
    pub(crate) fn from_rsa(inner: PrivateKey) -> Result<Self, Error> {
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

    /// Generates a key of `bits` from the OS random source.
    pub fn generate(bits: KeyBits) -> Result<Self, Error> {
        let key = PrivateKey::new(&mut getrandom::SysRng, bits.get())
            .map_err(|e| Error::crypto("generating the key", e))?;
        SigningKey::from_rsa(key)
    }

    /// Reads a private key in any supported form, calling `passphrase` only if it is
    /// encrypted.
    pub fn from_bytes(
        data: &[u8],
        mut passphrase: Passphrase<'_>,
    ) -> Result<(Self, KeyForm), Error> {
        check_size(data, "key file")?;
        let (key, form) = match pem_blocks(data) {
            Some(blocks) => from_pem_blocks(&blocks, &mut passphrase)?,
            None => from_der(data, &mut passphrase)?,
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
        let crypto = |e: pkcs8::Error| Error::crypto("writing the key", e);
        let doc = self.inner.to_pkcs8_der().map_err(crypto)?;
        let Some(pass) = passphrase else {
            return doc
                .to_pem("PRIVATE KEY", pkcs8::LineEnding::LF)
                .map_err(|e| Error::crypto("writing the key", e));
        };
        let mut salt = [0u8; 16];
        let mut iv = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| Error::crypto("drawing random bytes", e))?;
        getrandom::fill(&mut iv).map_err(|e| Error::crypto("drawing random bytes", e))?;
        let params = pkcs8::pkcs5::pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(
            PBKDF2_ITERATIONS,
            &salt,
            iv,
        )
        .map_err(|e| Error::crypto("writing the key", e))?;
        let info = PrivateKeyInfoRef::try_from(doc.as_bytes()).map_err(crypto)?;
        let enc = info
            .encrypt_with_params(params, pass.as_bytes())
            .map_err(crypto)?;
        enc.to_pem("ENCRYPTED PRIVATE KEY", pkcs8::LineEnding::LF)
            .map_err(|e| Error::crypto("writing the key", e))
    }
}

fn from_pem_blocks(
    blocks: &[pem::Pem],
    passphrase: &mut Passphrase<'_>,
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
                    reason: "bad RSA PRIVATE KEY".into(),
                    source: crate::error::cause(e),
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
                    source: None,
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
    Err(Error::KeyFormat {
        reason,
        source: None,
    })
}

fn from_der(data: &[u8], passphrase: &mut Passphrase<'_>) -> Result<(PrivateKey, KeyForm), Error> {
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
        source: None,
    })
}

/// PKCS#8 `PrivateKeyInfo`: RSA (also the RSA-PSS OID that `genpkey -algorithm RSA-PSS`
/// writes); other algorithms are named in the error.
fn from_pkcs8(der: &[u8]) -> Result<PrivateKey, Error> {
    let info = PrivateKeyInfoRef::from_der(der).map_err(|e| Error::KeyFormat {
        reason: "bad PKCS#8 PrivateKeyInfo".into(),
        source: crate::error::cause(e),
    })?;
    let oid = info.algorithm.oid;
    if oid != OID_RSA && oid != OID_RSA_PSS {
        return Err(Error::NotRsa {
            algorithm: algorithm_name(oid),
        });
    }
    PrivateKey::from_pkcs1_der(info.private_key.as_bytes()).map_err(|e| Error::KeyFormat {
        reason: "bad RSA key inside PKCS#8".into(),
        source: crate::error::cause(e),
    })
}

fn from_encrypted_pkcs8(der: &[u8], passphrase: &mut Passphrase<'_>) -> Result<PrivateKey, Error> {
    use pkcs8::pkcs5::Error as P5;
    let info =
        EncryptedPrivateKeyInfoRef::from_der(der).map_err(|e| Error::UnsupportedEncryption {
            what: "unparsable encryption parameters (PBES1 is not supported)".into(),
            source: crate::error::cause(e),
        })?;
    check_kdf_cost(&info.encryption_algorithm)?;
    let pass = passphrase.get()?;
    match info.decrypt(pass.as_bytes()) {
        Ok(doc) => from_pkcs8(doc.as_bytes()).map_err(|e| match e {
            Error::NotRsa { .. } => e,
            _ => Error::WrongPassphrase,
        }),
        Err(pkcs8::Error::EncryptedPrivateKey(P5::UnsupportedAlgorithm { oid })) => {
            Err(Error::UnsupportedEncryption {
                what: format!("algorithm {oid}"),
                source: None,
            })
        }
        Err(pkcs8::Error::EncryptedPrivateKey(P5::NoPbes1CryptSupport)) => {
            Err(Error::UnsupportedEncryption {
                what: "PBES1 (openssl pkcs8 -v1)".into(),
                source: None,
            })
        }
        Err(_) => Err(Error::WrongPassphrase),
    }
}
