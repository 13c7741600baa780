//! A public key's fingerprint: SHA-256 over its DER `SubjectPublicKeyInfo`, as hex. A value
//! (errors and reports carry it), so it sits below the keys that compute it.

use std::fmt;

use serde::Serialize;
use sha2::{Digest as _, Sha256};

/// SHA-256 over the DER `SubjectPublicKeyInfo`: the key's identity in byoip's messages.
/// Same as `openssl pkey -pubin -outform DER | openssl dgst -sha256`.
#[derive(Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Fingerprint(pub(crate) String);

impl Fingerprint {
    pub(crate) fn of_spki(der: &[u8]) -> Self {
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
        f.pad(&self.0)
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({})", self.0)
    }
}
