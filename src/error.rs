//! Library errors: what went wrong, and (through [`Error::hint`]) what to do about it.
//!
//! Typed, `#[non_exhaustive]`, causes kept as [`std::error::Error::source`]; every error
//! carries a recommendation in the library's own words (a caller such as the CLI maps it to
//! its own flags). A failed *check* or an invalid *signature* is not an error: those are
//! verdicts ([`crate::signature::Verification`], [`crate::lint::Finding`]).

/// A lower-level error kept as the cause ([`std::error::Error::source`]). Behind an
/// `Arc` because [`Error`] is `Clone`: the RDAP client hands one failed fetch to every
/// caller that shares it.
pub type Cause = std::sync::Arc<dyn std::error::Error + Send + Sync + 'static>;

impl Error {
    /// A [`Error::Crypto`] for `what`, keeping the crypto crate's error as its cause.
    pub(crate) fn crypto(
        what: impl Into<String>,
        cause: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Error::Crypto {
            what: what.into(),
            source: Some(std::sync::Arc::new(cause)),
        }
    }
}

/// Everything the library can fail with.
#[derive(Clone, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An AWS account ID that is not exactly twelve decimal digits.
    #[error("invalid AWS account ID {input:?}: {reason}")]
    Account {
        /// What was given.
        input: String,
        /// Why it is not an account ID.
        reason: String,
        /// What to do.
        hint: String,
    },
    /// A CIDR that cannot be used as a BYOIP prefix.
    #[error("invalid CIDR {input:?}: {reason}")]
    Prefix {
        /// What was given.
        input: String,
        /// Why it was refused.
        reason: String,
        /// What to do (often the corrected prefix).
        hint: String,
    },
    /// An AS number that cannot be read (not decimal, out of range, or not bare decimal
    /// where the exact form is required).
    #[error("invalid ASN {input:?}: {reason}")]
    Asn {
        /// What was given.
        input: String,
        /// Why it was refused.
        reason: String,
        /// What to do.
        hint: String,
    },
    /// An Azure subscription ID that is not a GUID in the 8-4-4-4-12 form.
    #[error("invalid Azure subscription ID {input:?}: {reason}")]
    Subscription {
        /// What was given.
        input: String,
        /// Why it is not a subscription ID.
        reason: String,
        /// What to do.
        hint: String,
    },
    /// A service name that is not one of the AWS services a prefix is brought to.
    #[error("unknown service {input:?}")]
    Service {
        /// What was given.
        input: String,
    },
    /// An expiry date that is not a real calendar date in an accepted form.
    #[error("invalid expiry date {input:?}: {reason}")]
    Date {
        /// What was given.
        input: String,
        /// Why it was refused.
        reason: String,
    },
    /// Text that is not an AWS authorization message. The first problem is named; the
    /// linter ([`crate::lint::lint`]) lists them all.
    #[error("not a valid AWS authorization message: {reason}")]
    Message {
        /// The first problem found.
        reason: String,
        /// What to do.
        hint: String,
    },
    /// Signature text that does not decode in AWS's base64 variant.
    #[error("signature text is not in AWS's base64 variant: {reason}")]
    SignatureEncoding {
        /// Why it does not decode.
        reason: String,
    },
    /// A `Message=…,Signature=…` context that cannot be split into its two values.
    #[error("cannot read the authorization context: {reason}")]
    Context {
        /// What is missing or malformed.
        reason: String,
    },
    /// Bytes that are not a private or public key in any supported form.
    #[error("not a readable key: {reason}")]
    KeyFormat {
        /// What was recognised and why it failed.
        reason: String,
    },
    /// A key of another algorithm: AWS's message names RSAPSS.
    #[error("the key is {algorithm}, not RSA")]
    NotRsa {
        /// The algorithm found (name or OID).
        algorithm: String,
    },
    /// The key is encrypted and no passphrase source produced one.
    #[error("the key is encrypted and no passphrase was given")]
    PassphraseRequired,
    /// The passphrase source named by the user could not be read.
    #[error("cannot read the passphrase: {reason}")]
    PassphraseUnavailable {
        /// Why the source failed.
        reason: String,
    },
    /// The passphrase did not decrypt the key.
    #[error("wrong passphrase for the encrypted key")]
    WrongPassphrase,
    /// An encrypted key whose cipher or KDF byoip does not implement.
    #[error("unsupported key encryption: {what}")]
    UnsupportedEncryption {
        /// The cipher or scheme named in the key.
        what: String,
    },
    /// Data that is not an X.509 certificate, or not one byoip can use.
    #[error("not a usable certificate: {reason}")]
    Certificate {
        /// Why it was refused.
        reason: String,
    },
    /// A certificate subject to build that is not a distinguished name.
    #[error("subject {input:?} is not a distinguished name ({reason})")]
    Subject {
        /// What was given.
        input: String,
        /// Why it was refused.
        reason: String,
    },
    /// The signing key does not belong to the certificate the user will publish.
    #[error(
        "the key does not match the certificate: key SPKI SHA-256 {key_fingerprint}, certificate SPKI SHA-256 {cert_fingerprint}"
    )]
    KeyMismatch {
        /// Fingerprint of the private key's public half.
        key_fingerprint: String,
        /// Fingerprint of the certificate's public key.
        cert_fingerprint: String,
    },
    /// Key generation, signing or certificate building failed inside the crypto crates.
    #[error("cryptographic operation failed: {what}")]
    Crypto {
        /// What was being done.
        what: String,
        /// The crypto crate's own error, when it gave one.
        #[source]
        source: Option<Cause>,
    },
    /// A network request failed: connection, TLS, timeout, HTTP status, redirects or size.
    #[error("{url}: {reason}")]
    Network {
        /// The URL asked for (the last one, after redirects).
        url: String,
        /// What went wrong.
        reason: String,
        /// What to do.
        hint: String,
        /// The server could not be reached at all (no DNS answer, no connection): the
        /// network itself is likely down, not the server.
        unreachable: bool,
    },
    /// A document that is not what it should be: RDAP JSON, an RDAP bootstrap file, a VRP
    /// export or a validator's answer.
    #[error("{what}: {reason}")]
    Document {
        /// Which document (a file name or URL, and its kind).
        what: String,
        /// Why it cannot be used.
        reason: String,
        /// What to do.
        hint: String,
    },
    /// An IPAM verification token (or its file) that cannot be used: not the JSON AWS
    /// prints, no such token, or a name or value that cannot be published as given.
    #[error("unusable verification token: {reason}")]
    Token {
        /// What is wrong.
        reason: String,
        /// What to do.
        hint: String,
    },
    /// A limit on input size was hit.
    #[error("{what} is {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        /// What was being read.
        what: &'static str,
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
}

impl Error {
    /// What the user should do about this error: one sentence, safe to print.
    pub fn hint(&self) -> String {
        match self {
            Error::Account { hint, .. }
            | Error::Prefix { hint, .. }
            | Error::Asn { hint, .. }
            | Error::Subscription { hint, .. }
            | Error::Message { hint, .. }
            | Error::Network { hint, .. }
            | Error::Document { hint, .. }
            | Error::Token { hint, .. } => hint.clone(),
            Error::Service { .. } => {
                "use ec2, ipam or ga (Global Accelerator; also globalaccelerator or global-accelerator)".into()
            }
            Error::Date { .. } => {
                "write the expiry as YYYYMMDD, YYYY-MM-DD or +Nd (days from today, UTC)".into()
            }
            Error::SignatureEncoding { .. } => {
                "pass the signature exactly as produced (alphabet A-Z a-z 0-9 - _ ~)".into()
            }
            Error::Context { .. } => {
                "write it as Message=\"1|aws|…\",Signature=\"…\" (the value of --cidr-authorization-context)".into()
            }
            Error::KeyFormat { .. } => {
                "give an RSA private key in PEM or DER (PKCS#8 or PKCS#1, encrypted or not), as openssl genpkey or genrsa writes it".into()
            }
            Error::NotRsa { .. } => {
                "AWS requires an RSA key (RSASSA-PSS): make an RSA-2048 key".into()
            }
            Error::PassphraseRequired => "supply the key's passphrase".into(),
            Error::PassphraseUnavailable { .. } => {
                "check the passphrase's source: readable UTF-8 text whose first line is the passphrase".into()
            }
            Error::WrongPassphrase => "check the passphrase".into(),
            Error::UnsupportedEncryption { .. } => {
                "re-encrypt it with `openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out NEW`".into()
            }
            Error::Subject { .. } => {
                "write it as CN=name (RFC 4514), e.g. \"CN=example.com\", or as openssl's \"/CN=example.com\"; AWS ignores the subject".into()
            }
            Error::Certificate { .. } => {
                "give an X.509 certificate as PEM (multi-line or one line), DER, or whois/RDAP text containing -----BEGIN CERTIFICATE-----".into()
            }
            Error::KeyMismatch { .. } => {
                "sign with the key whose certificate is published in the registry record, or publish a certificate of this key".into()
            }
            Error::Crypto { .. } => "this is unexpected; please report it with what you ran".into(),
            Error::TooLarge { .. } => "check that the right file was given".into(),
        }
    }
}

/// Library result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_say_what_to_do_without_naming_the_clis_flags() {
        let errors = [
            Error::PassphraseRequired,
            Error::PassphraseUnavailable { reason: "x".into() },
            Error::WrongPassphrase,
            Error::NotRsa {
                algorithm: "EC".into(),
            },
            Error::SignatureEncoding { reason: "x".into() },
            Error::Subject {
                input: "x".into(),
                reason: "x".into(),
            },
            Error::KeyMismatch {
                key_fingerprint: "a".into(),
                cert_fingerprint: "b".into(),
            },
            Error::Service { input: "x".into() },
        ];
        for e in errors {
            let hint = e.hint();
            assert!(
                !hint.contains("--") && !hint.contains("byoip ") && !hint.contains("BYOIP_"),
                "{e}: {hint}"
            );
        }
    }

    #[test]
    fn a_crypto_failure_keeps_its_cause() {
        let cause = std::io::Error::other("no entropy");
        let e = Error::crypto("drawing random bytes", cause);
        assert_eq!(
            e.to_string(),
            "cryptographic operation failed: drawing random bytes"
        );
        let source = std::error::Error::source(&e).map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("no entropy"));
        // Clone keeps the same cause (shared, not copied).
        let copy = e.clone();
        assert!(std::error::Error::source(&copy).is_some());
    }
}
