//! Legacy PEM encryption (RFC 1421 §4.6.1.3 `Proc-Type`/`DEK-Info` headers, as
//! `openssl genrsa -aes256` wrote in OpenSSL 1.x): the key is OpenSSL's
//! `EVP_BytesToKey(MD5, 1 iteration, salt = IV[..8])` (OpenSSL's EVP_BytesToKey(3) manual
//! page), then CBC; RustCrypto does not ship it.

use super::*;

/// `DEK-Info: CIPHER,IVHEX` decryption as OpenSSL's `PEM_read_bio_PrivateKey` does it.
pub(super) fn legacy_decrypt(
    dek_info: &str,
    data: &[u8],
    passphrase: &mut Passphrase<'_>,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let (cipher, iv_hex) = dek_info.split_once(',').ok_or_else(|| Error::KeyFormat {
        reason: "Proc-Type ENCRYPTED without a DEK-Info header".into(),
        source: None,
    })?;
    let iv = hex_decode(iv_hex.trim()).ok_or_else(|| Error::KeyFormat {
        reason: format!("DEK-Info IV {iv_hex:?} is not hex"),
        source: None,
    })?;
    let key_len = match cipher.trim() {
        "AES-128-CBC" => 16,
        "AES-192-CBC" | "DES-EDE3-CBC" => 24,
        "AES-256-CBC" => 32,
        other => {
            return Err(Error::UnsupportedEncryption {
                what: format!("legacy PEM cipher {other}"),
                source: None,
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
            source: None,
        });
    }
    let pass = passphrase.get()?;
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
