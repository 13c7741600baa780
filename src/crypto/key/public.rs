//! The public half of an RSA key: SPKI (RFC 5280 §4.1.2.7) and PKCS#1 `RSAPublicKey`
//! (RFC 8017 Appendix A.1.1), PEM or DER; its SPKI SHA-256 fingerprint, as
//! `openssl pkey -pubout -outform DER | openssl dgst -sha256` prints it.

use super::*;

/// An RSA public key and its canonical `rsaEncryption` SPKI encoding.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifyingKey {
    inner: PublicKey,
    spki_der: Vec<u8>,
}

impl VerifyingKey {
    /// Wraps an RSA public key (crate-only: the rsa crate's types stay out of the API).
    pub(crate) fn from_rsa(inner: PublicKey) -> Result<Self, Error> {
        let spki_der = inner
            .to_public_key_der()
            .map_err(|e| Error::crypto("encoding the public key", e))?
            .into_vec();
        Ok(VerifyingKey { inner, spki_der })
    }

    /// Reads a `SubjectPublicKeyInfo` in DER (RSA or RSA-PSS OID).
    pub fn from_spki_der(der: &[u8]) -> Result<Self, Error> {
        let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(|e| Error::KeyFormat {
            reason: "bad SubjectPublicKeyInfo".into(),
            source: crate::error::cause(e),
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
                source: None,
            })?;
        let pk = PublicKey::from_pkcs1_der(bits).map_err(|e| Error::KeyFormat {
            reason: "bad RSA public key".into(),
            source: crate::error::cause(e),
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
                                reason: "bad RSA PUBLIC KEY".into(),
                                source: crate::error::cause(e),
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
                source: None,
            });
        }
        VerifyingKey::from_spki_der(data).or_else(|spki_err| {
            PublicKey::from_pkcs1_der(data)
                .map_err(|_| spki_err)
                .and_then(VerifyingKey::from_rsa)
        })
    }

    /// The RSA key, for verifying inside the crate.
    pub(crate) fn rsa(&self) -> &PublicKey {
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
