//! The signature as text: what a cloud takes and what a user pastes.
//!
//! AWS takes the signature in its own base64 variant (standard base64 with `+` → `-`,
//! `=` → `_`, `/` → `~`: the `tr` step of "Prerequisites for BYOIP in Amazon EC2",
//! <https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/prepare-for-byoip.html>), Azure in
//! standard base64 (RFC 4648 §4, as `openssl base64` writes it). The text is kept exactly as
//! given, never trimmed or re-encoded: the diagnosis reads the raw text (line breaks, the
//! wrong alphabet, hex) to say why a signature fails.

use std::{fmt, ops::Deref};

use serde::{Deserialize, Serialize};

/// A signature as text, exactly as it was given or will be sent: AWS's base64 variant,
/// Azure's standard base64, or whatever was pasted. [`crate::signature::verify_strict`]
/// reads it as the cloud does, [`crate::signature::diagnose`] explains what is wrong with it; nothing here changes it.
///
/// A signature is no secret (it is sent to the cloud and may be published), so `Debug`
/// shows it. It reads as a `&str` (`Deref`), serializes as a plain string, and converts
/// from `String` and `&str`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SignatureText(String);

impl SignatureText {
    /// The text, unchanged.
    pub fn new(text: impl Into<String>) -> Self {
        SignatureText(text.into())
    }

    /// The text as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for SignatureText {
    /// The text as given: what goes into `Signature="…"` or a cloud's field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Deref for SignatureText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SignatureText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<String> for SignatureText {
    fn from(text: String) -> Self {
        SignatureText(text)
    }
}

impl From<&str> for SignatureText {
    fn from(text: &str) -> Self {
        SignatureText(text.to_string())
    }
}

impl From<SignatureText> for String {
    fn from(text: SignatureText) -> Self {
        text.0
    }
}

impl PartialEq<str> for SignatureText {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for SignatureText {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_kept_as_given() {
        for t in ["abc-_~", " abc\n", "ab+/c=\r\n", "", "MIIB\nAAA"] {
            let s = SignatureText::from(t);
            assert_eq!(s.as_str(), t);
            assert_eq!(s.to_string(), t);
            assert_eq!(&*s, t);
            assert_eq!(s, t);
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                serde_json::to_string(t).unwrap()
            );
            let back: SignatureText =
                serde_json::from_str(&serde_json::to_string(t).unwrap()).unwrap();
            assert_eq!(back, s);
            assert_eq!(String::from(s.clone()), t);
            assert_eq!(SignatureText::new(t.to_string()).into_string(), t);
        }
    }
}
