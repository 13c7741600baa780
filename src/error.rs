//! Library errors: what went wrong, and (through [`Error::hint`]) what to do about it.
//!
//! Typed, `#[non_exhaustive]`. When a lower-level error caused one (an I/O error, a DER,
//! JSON, TOML or base64 decoder's, the HTTP client's), it is kept as
//! [`std::error::Error::source`], of its own type, and not written into the message:
//! `Display` is this error's one line, [`Error::chain`] the line with its causes (`a: b: c`),
//! as a command-line tool prints it. Every error carries a recommendation,
//! [`Error::hint`], in the library's own words, naming no command-line flag, and the same
//! as values, [`Error::remedies`] ([`Remedy`]), which a caller such as the CLI names by its
//! own flags and commands. A failed *check* or an invalid *signature* is not an error:
//! those are verdicts ([`crate::signature::Verification`], [`crate::Finding`]), with
//! their remedies too.

mod remedy;

pub use remedy::{Change, Input, Of, Remedy, Step};

/// A lower-level error kept as the cause ([`std::error::Error::source`] gives the error
/// itself, so `downcast_ref` finds its type). Shared behind an `Arc` because [`Error`] is
/// `Clone`: the RDAP client hands one failed fetch to every caller that shares it.
#[derive(Clone)]
pub struct Cause(std::sync::Arc<dyn std::error::Error + Send + Sync + 'static>);

impl Cause {
    /// Keeps `e` as a cause (an [`Error`] variant's `source`).
    pub fn new(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        Cause(std::sync::Arc::new(e))
    }
}

// Deref, not `Error`: `source()` then hands out the inner error, not a wrapper around it
// (an `Arc<E>` is itself an `Error`, and `downcast_ref::<E>` would not see through it).
impl std::ops::Deref for Cause {
    type Target = dyn std::error::Error + Send + Sync + 'static;
    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl std::fmt::Debug for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&*self.0, f)
    }
}

/// `e` as a kept cause.
pub(crate) fn cause(e: impl std::error::Error + Send + Sync + 'static) -> Option<Cause> {
    Some(Cause::new(e))
}

impl Error {
    /// The error and its causes on one line, `a: b: c`, as a person reads it ([`Display`]
    /// alone is the first link: the causes are [`std::error::Error::source`]).
    ///
    /// A cause whose text the line already holds is left out (a wrapper that repeats its
    /// inner error's text), and a cause written over several lines (a TOML parser's
    /// snippet) gives its last line, the one that says what is wrong.
    ///
    /// [`Display`]: std::fmt::Display
    pub fn chain(&self) -> String {
        let mut line = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(c) = cause {
            let text = c.to_string();
            let text = text
                .lines()
                .map(str::trim)
                .rfind(|l| !l.is_empty())
                .unwrap_or_default();
            if !text.is_empty() && !line.contains(text) {
                line += ": ";
                line += text;
            }
            cause = c.source();
        }
        line
    }

    /// This error with `e` as its cause, for the variants that keep one (others are
    /// returned unchanged).
    pub(crate) fn with_source(mut self, e: impl std::error::Error + Send + Sync + 'static) -> Self {
        match &mut self {
            Error::Prefix { source, .. }
            | Error::SignatureEncoding { source, .. }
            | Error::Context { source, .. }
            | Error::KeyFormat { source, .. }
            | Error::PassphraseUnavailable { source, .. }
            | Error::UnsupportedEncryption { source, .. }
            | Error::Certificate { source, .. }
            | Error::Subject { source, .. }
            | Error::Crypto { source, .. }
            | Error::Network { source, .. }
            | Error::Document { source, .. }
            | Error::Token { source, .. } => *source = cause(e),
            _ => {}
        }
        self
    }

    /// A [`Error::Crypto`] for `what`, keeping the crypto crate's error as its cause.
    pub(crate) fn crypto(
        what: impl Into<String>,
        cause: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Error::Crypto {
            what: what.into(),
            source: Some(Cause::new(cause)),
        }
    }
}

/// Everything the library can fail with.
#[derive(Clone, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An AWS account ID that is not exactly twelve decimal digits.
    #[error("invalid AWS account ID {input:?}: {reason}")]
    #[non_exhaustive]
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
    #[non_exhaustive]
    Prefix {
        /// What was given.
        input: String,
        /// Why it was refused.
        reason: String,
        /// What to do (often the corrected prefix).
        hint: String,
        /// The lower-level error, when there was one.
        #[source]
        source: Option<Cause>,
    },
    /// An AS number that cannot be read (not decimal, out of range, or not bare decimal
    /// where the exact form is required).
    #[error("invalid ASN {input:?}: {reason}")]
    #[non_exhaustive]
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
    #[non_exhaustive]
    Subscription {
        /// What was given.
        input: String,
        /// Why it is not a subscription ID.
        reason: String,
        /// What to do.
        hint: String,
    },
    /// A cloud region identifier that does not have the shape of one (`us-ashburn-1`).
    #[error("{reason}")]
    #[non_exhaustive]
    Region {
        /// What was given.
        input: String,
        /// Why it is not a region identifier, with the regions that change a ROA origin.
        reason: String,
    },
    /// A service name that is not one of the AWS services a prefix is brought to.
    #[error("unknown service {input:?}")]
    #[non_exhaustive]
    Service {
        /// What was given.
        input: String,
    },
    /// An expiry date that is not a real calendar date in an accepted form.
    #[error("invalid expiry date {input:?}: {reason}")]
    #[non_exhaustive]
    Date {
        /// What was given.
        input: String,
        /// Why it was refused.
        reason: String,
    },
    /// Text that is not an AWS authorization message. The first problem is named; the
    /// linter ([`crate::lint()`]) lists them all.
    #[error("not a valid AWS authorization message: {reason}")]
    #[non_exhaustive]
    Message {
        /// The first problem found.
        reason: String,
        /// What to do.
        hint: String,
    },
    /// Signature text that does not decode in AWS's base64 variant.
    #[error("signature text is not in AWS's base64 variant: {reason}")]
    #[non_exhaustive]
    SignatureEncoding {
        /// Why it does not decode.
        reason: String,
        /// The lower-level error, when there was one.
        #[source]
        source: Option<Cause>,
    },
    /// A `Message=…,Signature=…` context that cannot be split into its two values.
    #[error("cannot read the authorization context: {reason}")]
    #[non_exhaustive]
    Context {
        /// What is missing or malformed.
        reason: String,
        /// The lower-level error, when there was one.
        #[source]
        source: Option<Cause>,
    },
    /// Bytes that are not a private or public key in any supported form.
    #[error("not a readable key: {reason}")]
    #[non_exhaustive]
    KeyFormat {
        /// What was recognised and why it failed.
        reason: String,
        /// The lower-level error, when there was one.
        #[source]
        source: Option<Cause>,
    },
    /// A key of another algorithm: AWS's message names RSAPSS.
    #[error("the key is {algorithm}, not RSA")]
    #[non_exhaustive]
    NotRsa {
        /// The algorithm found (name or OID).
        algorithm: String,
    },
    /// The key is encrypted and no passphrase source produced one.
    #[error("the key is encrypted and no passphrase was given")]
    PassphraseRequired,
    /// The passphrase source named by the user could not be read.
    #[error("cannot read the passphrase: {reason}")]
    #[non_exhaustive]
    PassphraseUnavailable {
        /// Why the source failed.
        reason: String,
        /// The lower-level error, when there was one.
        #[source]
        source: Option<Cause>,
    },
    /// The passphrase did not decrypt the key.
    #[error("wrong passphrase for the encrypted key")]
    WrongPassphrase,
    /// An encrypted key whose cipher or KDF byoip does not implement.
    #[error("unsupported key encryption: {what}")]
    #[non_exhaustive]
    UnsupportedEncryption {
        /// The cipher or scheme named in the key.
        what: String,
        /// The lower-level error, when there was one.
        #[source]
        source: Option<Cause>,
    },
    /// Data that is not an X.509 certificate, or not one byoip can use.
    #[error("not a usable certificate: {reason}")]
    #[non_exhaustive]
    Certificate {
        /// Why it was refused.
        reason: String,
        /// The lower-level error, when there was one.
        #[source]
        source: Option<Cause>,
    },
    /// A certificate subject to build that is not a distinguished name.
    #[error("subject {input:?} is not a distinguished name ({reason})")]
    #[non_exhaustive]
    Subject {
        /// What was given.
        input: String,
        /// Why it was refused.
        reason: String,
        /// The lower-level error, when there was one.
        #[source]
        source: Option<Cause>,
    },
    /// The signing key does not belong to the certificate the user will publish.
    #[error(
        "the key does not match the certificate: key SPKI SHA-256 {key_fingerprint}, certificate SPKI SHA-256 {cert_fingerprint}"
    )]
    #[non_exhaustive]
    KeyMismatch {
        /// Fingerprint of the private key's public half.
        key_fingerprint: crate::fingerprint::Fingerprint,
        /// Fingerprint of the certificate's public key.
        cert_fingerprint: crate::fingerprint::Fingerprint,
    },
    /// Key generation, signing or certificate building failed inside the crypto crates.
    #[error("cryptographic operation failed: {what}")]
    #[non_exhaustive]
    Crypto {
        /// What was being done.
        what: String,
        /// The crypto crate's own error, when it gave one.
        #[source]
        source: Option<Cause>,
    },
    /// A network request failed: connection, TLS, timeout, HTTP status, redirects or size.
    #[error("{url}: {reason}")]
    #[non_exhaustive]
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
        /// What to do, as values ([`Error::remedies`]).
        remedies: Box<[Remedy]>,
        /// The lower-level error, when there was one.
        #[source]
        source: Option<Cause>,
    },
    /// A document that is not what it should be (an RDAP record, a VRP export, a
    /// validator's answer, a manifest, …), or a named thing that is not one (a zone, a
    /// resolver's address).
    #[error("{}: {reason}", named(*kind, what))]
    #[non_exhaustive]
    Document {
        /// What kind of document, where it is one.
        kind: Option<Document>,
        /// Which document: its file name or URL (with a line, where one is known), or the
        /// thing named.
        what: String,
        /// Why it cannot be used.
        reason: String,
        /// What to do.
        hint: String,
        /// What to do, as values ([`Error::remedies`]).
        remedies: Box<[Remedy]>,
        /// The lower-level error, when there was one.
        #[source]
        source: Option<Cause>,
    },
    /// An IPAM verification token (or its file) that cannot be used: not the JSON AWS
    /// prints, no such token, or a name or value that cannot be published as given.
    #[error("unusable verification token: {reason}")]
    #[non_exhaustive]
    Token {
        /// What is wrong.
        reason: String,
        /// What to do.
        hint: String,
        /// What to do, as values ([`Error::remedies`]).
        remedies: Box<[Remedy]>,
        /// The lower-level error, when there was one.
        #[source]
        source: Option<Cause>,
    },
    /// A dns-token verification method that is not one of AWS's names.
    #[error("unknown verification method {input:?}: use remarks-x509 or dns-token (AWS's names)")]
    #[non_exhaustive]
    VerificationMethod {
        /// What was given.
        input: String,
    },
    /// An input of another cloud than the one judged (an AWS account for Azure, Oracle's
    /// token for AWS): refused, since the cloud's report would not read it
    /// (`check::Inputs::validate`).
    #[error("{input} does not apply to {}: its report does not read it", cloud.vendor())]
    #[non_exhaustive]
    WrongCloud {
        /// The cloud judged.
        cloud: crate::cloud::Cloud,
        /// The input, in words.
        input: &'static str,
    },
    /// A network border group that is not a Local Zone's, or one asked of a service or a
    /// family that takes none (AWS: BYOIPv4 in Local Zones, EC2 only).
    #[error("{reason}")]
    #[non_exhaustive]
    BorderGroup {
        /// What was asked, and why it is refused.
        reason: String,
        /// What to do.
        hint: String,
    },
    /// Inputs naming something no cloud documents, refused rather than judged by a guess:
    /// AWS Global Accelerator in AWS GovCloud (US), an Oracle government realm.
    #[error("{reason}")]
    #[non_exhaustive]
    Undocumented {
        /// What was asked, and why it is not judged.
        reason: String,
        /// What to do.
        hint: String,
    },
    /// A limit on input size was hit.
    #[error("{what} is {size} bytes, over the {limit}-byte limit")]
    #[non_exhaustive]
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
            | Error::Token { hint, .. }
            | Error::Undocumented { hint, .. }
            | Error::BorderGroup { hint, .. } => hint.clone(),
            Error::Service { .. } => {
                "use ec2, ipam, ga or cloudfront (ga is Global Accelerator; also globalaccelerator or global-accelerator)".into()
            }
            Error::Date { .. } => {
                "write the expiry as YYYYMMDD, YYYY-MM-DD or +Nd (days from today, UTC)".into()
            }
            Error::SignatureEncoding { .. } => {
                "pass the signature exactly as produced (alphabet A-Z a-z 0-9 - _ ~)".into()
            }
            Error::Context { .. } => {
                "write it as Message=\"1|aws|…\",Signature=\"…\" (the value AWS's CLI takes as the CIDR authorization context)".into()
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
            Error::WrongPassphrase => {
                "check the passphrase; a passphrase file is read up to its first line break".into()
            }
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
            Error::Region { .. } => {
                "write the region identifier as the cloud's console shows it (us-ashburn-1)".into()
            }
            Error::WrongCloud { .. } => {
                "leave it out, or judge the cloud it belongs to (check::Inputs::cloud)".into()
            }
            Error::VerificationMethod { .. } => {
                "use remarks-x509 (the certificate in the registry record) or dns-token (reverse-DNS TXT records; VPC IPAM only)".into()
            }
        }
    }
}

/// The kind of a document an [`Error::Document`] refuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Document {
    /// An RDAP record, as a server answered it.
    Rdap,
    /// An RDAP record saved to a file.
    SavedRdap,
    /// An RDAP bootstrap file (IANA's registry of RDAP servers).
    RdapBootstrap,
    /// A VRP export.
    Vrps,
    /// An RPKI validator's answer.
    Validator,
    /// RIPEstat's answer on who announces a prefix.
    Ripestat,
    /// A RIPE Database answer.
    RipeDb,
    /// A RIPE Database answer saved to a file.
    SavedRipeDb,
    /// The signed contexts a batch signing wrote, as JSON.
    Contexts,
    /// The signed contexts a batch signing wrote, as CSV.
    ContextsCsv,
    /// A batch manifest.
    Manifest,
    /// An IRR's whois answer.
    Irr,
}

impl Document {
    /// The kind as [`Error::Document`]'s line names it after the document's name:
    /// " (RDAP)"; a manifest's errors name the manifest's file and line alone.
    fn suffix(self) -> &'static str {
        match self {
            Document::Rdap => " (RDAP)",
            Document::SavedRdap => " (saved RDAP)",
            Document::RdapBootstrap => " (RDAP bootstrap)",
            Document::Vrps => " (VRPs)",
            Document::Validator => " (validator answer)",
            Document::Ripestat => " (RIPEstat prefix-overview answer)",
            Document::RipeDb => " (RIPE Database)",
            Document::SavedRipeDb => " (saved RIPE Database answer)",
            Document::Contexts => " (signed contexts)",
            Document::ContextsCsv => " (signed contexts, CSV)",
            Document::Manifest => "",
            Document::Irr => " (IRR answer)",
        }
    }
}

/// A document's name as [`Error::Document`]'s line gives it: "x.json (RDAP)", "RDAP
/// bootstrap" where no file is named.
fn named(kind: Option<Document>, what: &str) -> String {
    match kind {
        None => what.to_string(),
        Some(k) if what.is_empty() => k.suffix().trim_start().trim_matches(['(', ')']).to_string(),
        Some(k) => format!("{what}{}", k.suffix()),
    }
}

impl Error {
    /// A passphrase source that could not be read (a front end's own: a file, a prompt),
    /// keeping the error that stopped it as the cause.
    pub fn passphrase_unavailable(reason: impl Into<String>, source: Option<Cause>) -> Self {
        Error::PassphraseUnavailable {
            reason: reason.into(),
            source,
        }
    }

    /// A network request to `url` that failed for `reason` (a front end's own request);
    /// `unreachable` when no server could be reached at all.
    pub fn network(
        url: impl Into<String>,
        reason: impl Into<String>,
        hint: impl Into<String>,
        unreachable: bool,
    ) -> Self {
        Error::Network {
            url: url.into(),
            reason: reason.into(),
            hint: hint.into(),
            unreachable,
            remedies: Box::default(),
            source: None,
        }
    }

    /// This error with `remedies` as what to do ([`Error::remedies`]), for the variants
    /// that keep their own (others are returned unchanged).
    pub(crate) fn with_remedies(mut self, more: impl IntoIterator<Item = Remedy>) -> Self {
        if let Error::Network { remedies, .. }
        | Error::Document { remedies, .. }
        | Error::Token { remedies, .. } = &mut self
        {
            *remedies = remedies.iter().copied().chain(more).collect();
        }
        self
    }

    /// What to do about this error, as values a front end renders as its own means (the
    /// CLI's flags and commands); [`Error::hint`] says the same in words. Empty where the
    /// words alone say it: a value that does not parse (how to write it), an input of
    /// another cloud (leave it out).
    pub fn remedies(&self) -> Vec<Remedy> {
        use Remedy::{Change as Alter, Give, Run};
        match self {
            Error::Network { remedies, .. }
            | Error::Document { remedies, .. }
            | Error::Token { remedies, .. } => remedies.to_vec(),
            Error::Message { .. } => vec![Run(Step::Lint)],
            Error::SignatureEncoding { .. } => vec![Run(Step::Inspect)],
            Error::KeyFormat { .. } => vec![Give(Input::Key)],
            Error::NotRsa { .. } => vec![Run(Step::MakeKey)],
            Error::PassphraseRequired
            | Error::PassphraseUnavailable { .. }
            | Error::WrongPassphrase => vec![Give(Input::Passphrase)],
            Error::UnsupportedEncryption { .. } => vec![Alter(Change::KeyEncryption)],
            Error::Certificate { .. } => vec![Give(Input::Certificate)],
            Error::KeyMismatch { .. } => vec![Run(Step::MakeCertificate)],
            Error::Crypto { .. } => vec![Run(Step::Report)],
            Error::BorderGroup { .. } => vec![Give(Input::BorderGroup)],
            // A value that does not parse: the words say how to write it, and the input is
            // the one just given.
            Error::Account { .. }
            | Error::Prefix { .. }
            | Error::Asn { .. }
            | Error::Subscription { .. }
            | Error::Region { .. }
            | Error::Service { .. }
            | Error::Date { .. }
            | Error::Context { .. }
            | Error::Subject { .. }
            | Error::VerificationMethod { .. }
            | Error::WrongCloud { .. }
            | Error::Undocumented { .. }
            | Error::TooLarge { .. } => Vec::new(),
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
            Error::PassphraseUnavailable {
                reason: "x".into(),
                source: None,
            },
            Error::WrongPassphrase,
            Error::NotRsa {
                algorithm: "EC".into(),
            },
            Error::SignatureEncoding {
                reason: "x".into(),
                source: None,
            },
            Error::Subject {
                input: "x".into(),
                reason: "x".into(),
                source: None,
            },
            Error::KeyMismatch {
                key_fingerprint: crate::fingerprint::Fingerprint("a".into()),
                cert_fingerprint: crate::fingerprint::Fingerprint("b".into()),
            },
            Error::Service { input: "x".into() },
            Error::Region {
                input: "x".into(),
                reason: "x".into(),
            },
            Error::VerificationMethod { input: "x".into() },
            Error::WrongCloud {
                cloud: crate::cloud::Cloud::Aws,
                input: "an Oracle region",
            },
            crate::rules::profile::refuse_undocumented_aws(crate::service::Service::Ga, true)
                .unwrap_err(),
            "us-west-2"
                .parse::<crate::service::NetworkBorderGroup>()
                .unwrap_err(),
            "us-west-2-lax-1a"
                .parse::<crate::service::NetworkBorderGroup>()
                .unwrap_err(),
            "x".parse::<crate::service::NetworkBorderGroup>()
                .unwrap_err(),
            crate::rules::profile::refuse_undocumented_oci(None, true).unwrap_err(),
        ];
        for e in errors {
            let hint = e.hint();
            assert!(
                !hint.contains("--") && !hint.contains("byoip ") && !hint.contains("BYOIP_"),
                "{e}: {hint}"
            );
        }
    }

    /// Display is this error's own line; the cause is `source()`, of the type that failed,
    /// and [`Error::chain`] is both on one line.
    fn assert_kept<C: std::error::Error + 'static>(e: &Error) {
        let source = std::error::Error::source(e).unwrap_or_else(|| panic!("{e}: no source"));
        assert!(source.downcast_ref::<C>().is_some(), "{e}: {source:?}");
        let line = e.to_string();
        assert!(!line.contains(&source.to_string()), "{line}");
        assert!(!e.chain().contains('\n'), "{}", e.chain());
        assert!(e.chain().starts_with(&format!("{line}: ")), "{}", e.chain());
    }

    #[test]
    fn a_bad_der_certificate_keeps_the_der_error() {
        let e = crate::certificate::Certificate::from_der(&[0x30, 0x03, 0x02, 0x01])
            .err()
            .unwrap_or_else(|| panic!("parsed"));
        assert!(matches!(e, Error::Certificate { .. }), "{e:?}");
        assert_kept::<der::Error>(&e);
    }

    #[test]
    fn a_bad_der_public_key_keeps_the_der_error() {
        let e = crate::key::VerifyingKey::from_spki_der(&[0x30, 0x00])
            .err()
            .unwrap_or_else(|| panic!("parsed"));
        assert!(matches!(e, Error::KeyFormat { .. }), "{e:?}");
        assert_kept::<der::Error>(&e);
    }

    #[test]
    fn a_document_that_is_not_json_keeps_the_json_error() {
        let e = crate::rdap::IpNetwork::from_json(b"{not json", "x.json")
            .err()
            .unwrap_or_else(|| panic!("parsed"));
        assert!(matches!(e, Error::Document { .. }), "{e:?}");
        assert_kept::<serde_json::Error>(&e);
    }

    #[test]
    fn a_signature_that_is_not_base64_keeps_the_decoder_error() {
        let e = crate::encoding::decode_as(crate::cloud::Encoding::Base64, "abc")
            .err()
            .unwrap_or_else(|| panic!("decoded"));
        assert!(matches!(e, Error::SignatureEncoding { .. }), "{e:?}");
        assert_kept::<base64::DecodeError>(&e);
    }

    #[test]
    fn a_cause_the_line_already_says_is_not_repeated() {
        let e = Error::Document {
            kind: Some(Document::Manifest),
            what: "m.toml line 2".into(),
            reason: "invalid type: integer `5`, expected a string".into(),
            hint: "x".into(),
            remedies: Box::default(),
            source: cause(std::io::Error::other(
                "TOML parse error at line 2, column 8\n  |\n2 | cloud = 5\n  |        ^\ninvalid type: integer `5`, expected a string\n",
            )),
        };
        assert_eq!(
            e.chain(),
            "m.toml line 2: invalid type: integer `5`, expected a string"
        );
        // A cause over several lines gives its last one.
        let e = e.with_source(std::io::Error::other("snippet\n  |\nwhat is wrong\n"));
        assert_eq!(
            e.chain(),
            "m.toml line 2: invalid type: integer `5`, expected a string: what is wrong"
        );
    }

    #[test]
    fn a_documents_kind_is_a_value_its_line_names() {
        let e = crate::rdap::IpNetwork::from_json(b"{not json", "x.json")
            .err()
            .unwrap_or_else(|| panic!("parsed"));
        assert!(
            matches!(&e, Error::Document { kind: Some(Document::Rdap), what, .. } if what == "x.json"),
            "{e:?}"
        );
        assert!(e.to_string().starts_with("x.json (RDAP): "), "{e}");
        // A kind without a file's name is named alone.
        assert_eq!(named(Some(Document::RdapBootstrap), ""), "RDAP bootstrap");
        assert_eq!(
            named(Some(Document::Manifest), "m.toml line 2"),
            "m.toml line 2"
        );
        assert_eq!(named(None, "zone \"x\""), "zone \"x\"");
    }

    #[test]
    fn every_error_says_what_to_do_as_a_value_too() {
        assert_eq!(
            Error::PassphraseRequired.remedies(),
            [Remedy::Give(Input::Passphrase)]
        );
        assert_eq!(
            Error::NotRsa {
                algorithm: "EC".into()
            }
            .remedies(),
            [Remedy::Run(Step::MakeKey)]
        );
        // A document's remedies are its own, given where it is refused.
        let e = Error::network("https://x", "down", "use saved data", true)
            .with_remedies([Remedy::Give(Input::Offline)]);
        assert_eq!(e.remedies(), [Remedy::Give(Input::Offline)]);
        assert!(matches!(
            e,
            Error::Network {
                unreachable: true,
                ..
            }
        ));
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
