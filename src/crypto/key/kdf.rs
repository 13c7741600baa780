//! Limits on the work an encrypted key may ask for before its passphrase is tried
//! (PBKDF2, RFC 8018 §5.2; scrypt, RFC 7914): no real key needs more, and a crafted one
//! must not stall the tool.

use super::*;

/// Most PBKDF2 iterations accepted: 16× what byoip writes, far above OpenSSL's 2048.
pub(crate) const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;
/// Most memory scrypt may use (128 · r · N bytes); OpenSSL's default takes 16 MiB.
pub(crate) const MAX_SCRYPT_BYTES: u64 = 1 << 30;
/// A key file is outside input and its KDF parameters set the cost of decrypting it:
/// refuse, before asking for a passphrase, work no honest key needs (a hostile file with
/// 2^32 iterations, or scrypt asking for terabytes, would otherwise hang or abort).
pub(super) fn check_kdf_cost(scheme: &pkcs8::pkcs5::EncryptionScheme) -> Result<(), Error> {
    use pkcs8::pkcs5::pbes2::Kdf;
    let pkcs8::pkcs5::EncryptionScheme::Pbes2(params) = scheme else {
        return Ok(());
    };
    let too_costly = |what: String| {
        Err(Error::UnsupportedEncryption {
            what: format!("{what}, more work than any real key needs (refused to avoid hanging)"),
            source: None,
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
}
