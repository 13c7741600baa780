//! The signature diagnosis ids: one enum whose string form is the id docs/ids.md documents
//! (its table "Signature diagnosis ids"), each string written once, in the table
//! below. Each is established in `src/crypto/signature.rs` by making the signature verify under
//! that mistake.

/// Declares [`DiagnosisId`] from one table of `Variant = "id"` rows, so that each id string
/// is written once and [`DiagnosisId::ALL`] lists every variant.
macro_rules! diagnosis_ids {
    ($($(#[doc = $doc:literal])* $variant:ident = $id:literal,)*) => {
        /// A signature diagnosis's stable id, as `verify` (text and `--json`), `batch
        /// verify --json` and check's `signature.local`/`rdap.signature` name it.
        ///
        /// [`as_str`](DiagnosisId::as_str), [`Display`](std::fmt::Display) and [`Serialize`](serde::Serialize)
        /// give the documented string (`signature.trailing-newline`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum DiagnosisId {
            $($(#[doc = $doc])* $variant,)*
        }

        impl DiagnosisId {
            /// Every diagnosis id, in the order of the table that declares them.
            pub const ALL: &'static [DiagnosisId] = &[$(DiagnosisId::$variant,)*];

            /// The documented string.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(DiagnosisId::$variant => $id,)*
                }
            }
        }
    };
}

diagnosis_ids! {
    /// `signature.trailing-newline`: signed over the message and a newline (`echo`
    /// without `-n`).
    TrailingNewline = "signature.trailing-newline",
    /// `signature.trailing-crlf`: signed over the message and CR LF (a Windows editor).
    TrailingCrlf = "signature.trailing-crlf",
    /// `signature.echo-dash-n`: signed over `-n `, the message and a newline (`echo -n`
    /// under a `/bin/sh` that does not know `-n`).
    EchoDashN = "signature.echo-dash-n",
    /// `signature.message-whitespace`: the message given has whitespace around it that the
    /// signed one did not.
    MessageWhitespace = "signature.message-whitespace",
    /// `signature.encoding`: another base64 variant than the cloud's, or no base64 at all.
    Encoding = "signature.encoding",
    /// `signature.line-breaks`: `openssl base64`'s line breaks left in.
    LineBreaks = "signature.line-breaks",
    /// `signature.hex`: hex from `openssl dgst -hex` instead of base64.
    Hex = "signature.hex",
    /// `signature.pkcs1v15`: PKCS#1 v1.5 where AWS verifies RSASSA-PSS.
    Pkcs1v15 = "signature.pkcs1v15",
    /// `signature.pss`: RSASSA-PSS where Azure verifies PKCS#1 v1.5.
    Pss = "signature.pss",
    /// `signature.hash`: another digest than SHA-256.
    Hash = "signature.hash",
    /// `signature.salt-length`: RSASSA-PSS with another salt length than 32.
    SaltLength = "signature.salt-length",
    /// `signature.different-key`: made by another key that was given.
    DifferentKey = "signature.different-key",
    /// `signature.key-size`: the length of another key size's signature.
    KeySize = "signature.key-size",
    /// `signature.length`: longer than the key's signatures, and no other common key
    /// size's length.
    Length = "signature.length",
    /// `signature.truncated`: shorter than the key's signatures (a bad copy).
    Truncated = "signature.truncated",
    /// `signature.mismatch`: none of the above: another key or another message.
    Mismatch = "signature.mismatch",
}

super::string_form!(DiagnosisId);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::lint::tests::{assert_one_string_each, docs_table_ids};

    #[test]
    fn each_id_is_its_string_everywhere_and_listed_once() {
        assert_one_string_each(DiagnosisId::ALL, |id| id.as_str());
        assert!(
            DiagnosisId::ALL
                .iter()
                .all(|id| id.as_str().starts_with("signature."))
        );
        assert_eq!(format!("{:20}|", DiagnosisId::Hex), "signature.hex       |");
        assert_eq!(DiagnosisId::EchoDashN.as_str(), "signature.echo-dash-n");
    }

    /// The table of diagnoses in docs/ids.md lists every id, and only ids.
    #[test]
    fn the_docs_table_lists_every_diagnosis_id_and_only_those() {
        let mut all: Vec<&str> = DiagnosisId::ALL.iter().map(|id| id.as_str()).collect();
        all.sort_unstable();
        assert_eq!(docs_table_ids("| id | mistake |"), all);
    }
}
