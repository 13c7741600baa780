//! Cryptography: keys in every form OpenSSL writes, certificates, sign / verify / diagnose.
//!
//! A layer of the library (docs/development.md): it imports only from the layers below.

pub mod certificate;
pub mod key;
pub mod signature;
