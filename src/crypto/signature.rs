//! Signing and verifying as AWS and Azure do, and saying why a signature fails.
//!
//! AWS: RSASSA-PSS per RFC 8017 §8.1 with SHA-256, MGF1-SHA-256 and a 32-byte salt: what
//! `openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1` does
//! (the recipe in AWS's "Prerequisites for BYOIP in Amazon EC2",
//! <https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/prepare-for-byoip.html>; `-1` = digest
//! length). Signing is blinded and randomized, so tests verify rather than compare bytes.
//! AWS documents no other salt length, so byoip signs with 32 and accepts only 32.
//!
//! Azure: RSASSA-PKCS1-v1_5 per RFC 8017 §8.2 with SHA-256, what `openssl dgst -sha256
//! -sign key.pem` does without `-sigopt` (the recipe of Microsoft Learn's "Create a custom
//! IPv4 address prefix using the Azure CLI",
//! <https://learn.microsoft.com/azure/virtual-network/ip-services/create-custom-ip-address-prefix-cli>),
//! in standard base64. v1.5 is deterministic, so byoip's signature equals the recipe's
//! byte for byte. Which scheme and encoding a cloud wants is read from its profile ([`crate::Profile`]).
//!
//! Two ways to verify. [`verify_strict`] is the cloud's own yes or no, one RSA verification
//! whatever the input: the one for signatures you receive and only accept or refuse.
//! [`diagnose`] gives the same verdict and, when it is no, says why.
//!
//! The diagnosis re-runs verification under each mistake seen in the
//! wild — a trailing newline, `echo -n` under macOS `/bin/sh`, the wrong base64 alphabet,
//! PKCS#1 v1.5, another salt length, another hash (`openssl dgst -sha1`, `-sha384`,
//! `-sha512`, under PSS or PKCS#1 v1.5; RFC 8017 §8.1 and §8.2 with those digests), hex
//! output (`openssl dgst -hex`), another key, a truncated copy — and reports the ones that
//! *verify*: a diagnosis is a fact, not a guess.

use rsa::{
    pss,
    signature::{SignatureEncoding as _, Signer as _, Verifier as _},
    traits::PublicKeyParts,
};
use serde::Serialize;
use sha1::Sha1;
use sha2::{Sha256, Sha384, Sha512};

use crate::{
    cloud::{Cloud, Encoding, Scheme},
    encoding::{self, Variant},
    error::{Error, Input, Remedy, Step},
    key::{Fingerprint, SigningKey, VerifyingKey},
    message::{AnyMessage, AuthorizationMessage, azure::codes},
};

pub use crate::id::DiagnosisId;
pub use crate::signature_text::SignatureText;

/// PSS salt length in bytes: the SHA-256 digest length (`rsa_pss_saltlen:-1`).
const SALT_LEN: usize = 32;

/// Signs `message` exactly as given, returning raw signature bytes. ring signs when it
/// holds the key (`RSA_PSS_SHA256`: SHA-256, MGF1-SHA-256, salt = 32 = digest length);
/// otherwise rsa does, with the same parameters.
pub fn sign_bytes(key: &SigningKey, message: &[u8]) -> Result<Vec<u8>, Error> {
    #[cfg(feature = "ring")]
    if let Some(fast) = key.ring() {
        return ring_sign(fast, &ring::signature::RSA_PSS_SHA256, message);
    }
    sign_bytes_rsa(key, message)
}

/// Signs with ring's RSA key pair and `padding` (PSS or PKCS#1 v1.5, both SHA-256).
#[cfg(feature = "ring")]
fn ring_sign(
    fast: &ring::rsa::KeyPair,
    padding: &'static dyn ring::signature::RsaEncoding,
    message: &[u8],
) -> Result<Vec<u8>, Error> {
    let mut sig = vec![0u8; fast.public().modulus_len()];
    fast.sign(padding, &ring::rand::SystemRandom::new(), message, &mut sig)
        .map_err(|_| Error::Crypto {
            what: "ring could not sign".into(),
            source: None,
        })?;
    Ok(sig)
}

/// Signs `message` exactly as given with `scheme`: RSASSA-PSS as [`sign_bytes`], or
/// RSASSA-PKCS1-v1_5 with SHA-256 (ring's `RSA_PKCS1_SHA256` when it holds the key, else
/// the rsa crate: the two give identical bytes, v1.5 being deterministic).
pub fn sign_bytes_with(key: &SigningKey, message: &[u8], scheme: Scheme) -> Result<Vec<u8>, Error> {
    match scheme {
        Scheme::RsaPssSha256 => sign_bytes(key, message),
        Scheme::RsaPkcs1v15Sha256 => {
            #[cfg(feature = "ring")]
            if let Some(fast) = key.ring() {
                return ring_sign(fast, &ring::signature::RSA_PKCS1_SHA256, message);
            }
            sign_pkcs1v15_rsa(key, message)
        }
    }
}

/// The reference PKCS#1 v1.5 signer (rsa crate).
fn sign_pkcs1v15_rsa(key: &SigningKey, message: &[u8]) -> Result<Vec<u8>, Error> {
    let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(key.rsa().clone());
    let sig = signer
        .try_sign(message)
        .map_err(|e| Error::crypto("signing", e))?;
    Ok(sig.to_vec())
}

/// The reference signer (rsa crate), for keys ring declines.
fn sign_bytes_rsa(key: &SigningKey, message: &[u8]) -> Result<Vec<u8>, Error> {
    let signer = pss::SigningKey::<Sha256>::new_with_salt_len(key.rsa().clone(), SALT_LEN);
    let sig = signer
        .try_sign(message)
        .map_err(|e| Error::crypto("signing", e))?;
    Ok(sig.to_vec())
}

/// A message and its signature in AWS's encoding: the two values of
/// `--cidr-authorization-context`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SignedMessage {
    /// The message.
    pub message: AuthorizationMessage,
    /// The AWS-encoded signature.
    pub signature: SignatureText,
}

impl SignedMessage {
    /// The `Message="…",Signature="…"` text for the AWS CLI.
    pub fn context(&self) -> String {
        self.authorization_context().to_string()
    }

    /// The message as text and the signature: what AWS's CLI is given, and what a check
    /// takes (`check::Signed::from(&context)`).
    pub fn authorization_context(&self) -> crate::context::AuthorizationContext {
        crate::context::AuthorizationContext {
            message: self.message.to_string(),
            signature: self.signature.clone(),
        }
    }
}

/// Signs a message and encodes the signature for AWS.
pub fn sign(key: &SigningKey, message: &AuthorizationMessage) -> Result<SignedMessage, Error> {
    let bytes = sign_bytes(key, message.to_string().as_bytes())?;
    Ok(SignedMessage {
        message: *message,
        signature: encoding::encode(&bytes).into(),
    })
}

/// A message of either cloud and its signature, encoded as that cloud wants it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnySigned {
    /// The message.
    pub message: AnyMessage,
    /// The encoded signature.
    pub signature: SignatureText,
}

/// The scheme and encoding `cloud` signs with (AWS's for a cloud that takes no signature).
pub(crate) fn scheme_of(cloud: Cloud) -> (Scheme, Encoding) {
    cloud
        .signing()
        .unwrap_or((Scheme::RsaPssSha256, Encoding::AwsBase64))
}

/// Signs a message of either cloud with that cloud's scheme and encoding.
pub fn sign_any(key: &SigningKey, message: &AnyMessage) -> Result<AnySigned, Error> {
    let (scheme, enc) = scheme_of(message.cloud());
    let bytes = sign_bytes_with(key, message.to_string().as_bytes(), scheme)?;
    Ok(AnySigned {
        message: *message,
        signature: encoding::encode_as(enc, &bytes).into(),
    })
}

/// The strict check AWS makes: PSS, SHA-256, MGF1-SHA-256, salt 32, over exact bytes.
pub(crate) fn verify_bytes(key: &VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
    verify_pss(key, message, signature, Some(SALT_LEN))
}

fn verify_pss(key: &VerifyingKey, message: &[u8], signature: &[u8], salt: Option<usize>) -> bool {
    verify_pss_with::<Sha256>(key, message, signature, salt)
}

/// RSASSA-PSS with digest `D` for the message and for MGF1, as `openssl dgst -D` uses it.
fn verify_pss_with<D>(
    key: &VerifyingKey,
    message: &[u8],
    signature: &[u8],
    salt: Option<usize>,
) -> bool
where
    D: sha2::digest::Digest + sha2::digest::FixedOutputReset,
{
    counted();
    let Ok(sig) = pss::Signature::try_from(signature) else {
        return false;
    };
    let pk = key.rsa().clone();
    let vk = match salt {
        Some(s) => pss::VerifyingKey::<D>::new_with_salt_len(pk, s),
        None => pss::VerifyingKey::<D>::new_with_auto_salt_len(pk),
    };
    vk.verify(message, &sig).is_ok()
}

fn verify_pkcs1v15(key: &VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
    verify_pkcs1v15_with::<Sha256>(key, message, signature)
}

fn verify_pkcs1v15_with<D>(key: &VerifyingKey, message: &[u8], signature: &[u8]) -> bool
where
    D: sha2::digest::Digest + sha2::digest::const_oid::AssociatedOid,
{
    counted();
    key.rsa().pkcs1v15_verify::<D>(message, signature).is_ok()
}

#[cfg(test)]
thread_local! {
    /// RSA verifications made on this thread: what the tests count to pin each function's
    /// cost without timing it.
    static VERIFICATIONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts one RSA verification (in tests; nothing otherwise).
fn counted() {
    #[cfg(test)]
    VERIFICATIONS.with(|n| n.set(n.get() + 1));
}

/// One reason a signature does not verify, established by making it verify.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Diagnosis {
    /// Stable id, e.g. `signature.trailing-newline`.
    pub id: DiagnosisId,
    /// What happened.
    pub message: String,
    /// What to do.
    pub hint: String,
    /// The failure code the cloud reports for it, where it names its failures (Azure:
    /// `CustomerSignatureNotVerified`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// What to do, as values a front end names in its own way ([`Diagnosis::remedies`]).
    #[serde(skip)]
    remedies: Vec<Remedy>,
}

impl Diagnosis {
    /// What to do, as values ([`crate::Remedy`]): the `hint`'s words, for a front end to
    /// name by its own means (the CLI's commands).
    pub fn remedies(&self) -> &[Remedy] {
        &self.remedies
    }
}

/// The diagnosis in one line: `message (id)`, without the hint.
impl std::fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.id)
    }
}

fn diag(id: DiagnosisId, message: impl Into<String>, hint: impl Into<String>) -> Diagnosis {
    Diagnosis {
        id,
        message: message.into(),
        hint: hint.into(),
        code: None,
        remedies: Vec::new(),
    }
}

/// What a cloud's verifier expects, and how byoip words its mistakes.
#[derive(Clone, Copy)]
struct Expect {
    cloud: Cloud,
    scheme: Scheme,
    encoding: Encoding,
}

impl Expect {
    fn of(cloud: Cloud) -> Self {
        let (scheme, encoding) = scheme_of(cloud);
        Expect {
            cloud,
            scheme,
            encoding,
        }
    }

    fn variant(self) -> Variant {
        match self.encoding {
            Encoding::Base64 => Variant::Standard,
            _ => Variant::Aws,
        }
    }

    fn azure(self) -> bool {
        self.cloud == Cloud::Azure
    }

    /// The failure code every signature diagnosis maps to.
    fn code(self) -> Option<&'static str> {
        self.azure().then_some(codes::SIGNATURE_NOT_VERIFIED)
    }

    /// The cloud's check: its encoding exactly, a signature as long as the key's modulus,
    /// its scheme over the exact bytes. One RSA verification at most.
    fn accepts(self, key: &VerifyingKey, message: &[u8], text: &str) -> bool {
        let expected = key.signature_len();
        // Both encodings are padded base64 without whitespace, so only text of this length
        // can decode to a signature of this key: anything else is refused unread.
        if text.len() != encoding::encoded_len(expected) {
            return false;
        }
        match encoding::decode_as(self.encoding, text) {
            Ok(sig) if sig.len() == expected => match self.scheme {
                Scheme::RsaPkcs1v15Sha256 => verify_pkcs1v15(key, message, &sig),
                Scheme::RsaPssSha256 => verify_bytes(key, message, &sig),
            },
            _ => false,
        }
    }
}

/// The verdict on a message and signature under one key.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Verification {
    /// True when the cloud's check passes: [`verify_strict`]'s answer (its encoding exactly,
    /// its scheme, the exact bytes).
    pub valid: bool,
    /// The key the verdict is about.
    pub key_fingerprint: Fingerprint,
    /// Its size.
    pub key_bits: usize,
    /// Decoded signature length, when it decoded at all.
    pub signature_bytes: Option<usize>,
    /// Why it is not valid (empty when valid).
    pub diagnosis: Vec<Diagnosis>,
}

impl Verification {
    /// Why it is not valid, in one diagnosis: the first, the one a one-line report names
    /// (its `Display` is that line, `message (id)`); `None` when there is none.
    pub fn first_reason(&self) -> Option<&Diagnosis> {
        self.diagnosis.first()
    }
}

/// Message byte variants that common shell recipes sign instead of the message, each
/// with the diagnosis it establishes when it is the one that verifies (`None`: the exact
/// message, no mistake).
fn message_variants(message: &[u8], expect: Expect) -> Vec<(Option<Diagnosis>, Vec<u8>)> {
    let newline_hint = if expect.azure() {
        "sign the exact message: keep `tr -d \"\\n\"` between echo and openssl dgst in Azure's recipe, or use a signer for Azure"
    } else {
        "sign the exact message: `echo -n`/`printf '%s'` in the recipe, or byoip's signer"
    };
    let mut v = vec![
        (None, message.to_vec()),
        (
            Some(diag(
                DiagnosisId::TrailingNewline,
                "the signature covers the message plus a newline (\\n): `echo` without -n, or a file saved with a final newline",
                newline_hint,
            )),
            [message, b"\n"].concat(),
        ),
        (
            Some(diag(
                DiagnosisId::TrailingCrlf,
                "the signature covers the message plus CR LF (\\r\\n), as a Windows editor saves it",
                "sign the exact message without a line ending, e.g. with byoip's signer",
            )),
            [message, b"\r\n"].concat(),
        ),
        (
            Some(diag(
                DiagnosisId::EchoDashN,
                "the signature covers \"-n \" + message + newline: `echo -n` under a /bin/sh that does not know -n (macOS)",
                "use `printf '%s' \"$text_message\"` instead of `echo -n`, or byoip's signer",
            )),
            [b"-n ", message, b"\n"].concat(),
        ),
    ];
    let trimmed = message.trim_ascii();
    if trimmed.len() != message.len() {
        v.push((
            Some(diag(
                DiagnosisId::MessageWhitespace,
                "the signature covers the message without the whitespace around the one given here",
                "pass the message to the cloud (and here) without a trailing newline or spaces",
            )),
            trimmed.to_vec(),
        ));
    }
    v
}

/// A digest other than AWS's SHA-256 that `openssl dgst` signs with on request.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum OtherHash {
    Sha1,
    Sha384,
    Sha512,
}

impl OtherHash {
    const ALL: [OtherHash; 3] = [OtherHash::Sha1, OtherHash::Sha384, OtherHash::Sha512];

    fn name(self) -> &'static str {
        match self {
            OtherHash::Sha1 => "SHA-1",
            OtherHash::Sha384 => "SHA-384",
            OtherHash::Sha512 => "SHA-512",
        }
    }

    fn openssl_flag(self) -> &'static str {
        match self {
            OtherHash::Sha1 => "-sha1",
            OtherHash::Sha384 => "-sha384",
            OtherHash::Sha512 => "-sha512",
        }
    }

    /// PSS with this digest (message and MGF1) and any salt.
    fn verify_pss(self, key: &VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
        match self {
            OtherHash::Sha1 => verify_pss_with::<Sha1>(key, message, signature, None),
            OtherHash::Sha384 => verify_pss_with::<Sha384>(key, message, signature, None),
            OtherHash::Sha512 => verify_pss_with::<Sha512>(key, message, signature, None),
        }
    }

    fn verify_pkcs1v15(self, key: &VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
        match self {
            OtherHash::Sha1 => verify_pkcs1v15_with::<Sha1>(key, message, signature),
            OtherHash::Sha384 => verify_pkcs1v15_with::<Sha384>(key, message, signature),
            OtherHash::Sha512 => verify_pkcs1v15_with::<Sha512>(key, message, signature),
        }
    }
}

/// A scheme the diagnosis tries.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tried {
    Pss32,
    PssOtherSalt,
    Pkcs1v15,
    PssHash(OtherHash),
    Pkcs1v15Hash(OtherHash),
}

impl Tried {
    /// Every scheme tried, the cloud's own first, then the mistakes from the most common.
    fn all(expect: Expect) -> Vec<Tried> {
        let mut v = if expect.scheme == Scheme::RsaPkcs1v15Sha256 {
            vec![Tried::Pkcs1v15, Tried::Pss32, Tried::PssOtherSalt]
        } else {
            vec![Tried::Pss32, Tried::PssOtherSalt, Tried::Pkcs1v15]
        };
        for h in OtherHash::ALL {
            v.push(Tried::PssHash(h));
            v.push(Tried::Pkcs1v15Hash(h));
        }
        v
    }

    fn verifies(self, key: &VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
        match self {
            Tried::Pss32 => verify_pss(key, message, signature, Some(SALT_LEN)),
            Tried::PssOtherSalt => verify_pss(key, message, signature, None),
            Tried::Pkcs1v15 => verify_pkcs1v15(key, message, signature),
            Tried::PssHash(h) => h.verify_pss(key, message, signature),
            Tried::Pkcs1v15Hash(h) => h.verify_pkcs1v15(key, message, signature),
        }
    }
}

/// Whether `cloud` accepts `signature_text` over `message` under `key`: the cloud's one
/// scheme and encoding (AWS: RSASSA-PSS, SHA-256, salt 32, in AWS's base64 variant; Azure:
/// RSASSA-PKCS1-v1_5, SHA-256, in standard base64 with padding; a cloud that takes no
/// signature, Oracle, as AWS), over the exact bytes, at the cost of one RSA verification.
///
/// This is the check for input you did not make: a bad signature costs what a good one
/// does, and text that is not exactly the cloud's encoding of a signature as long as the
/// key's modulus (line breaks, another alphabet, hex, cut short, garbage) is `false`
/// before any arithmetic. [`diagnose`] says why a signature fails, at 30 to 40
/// verifications more; call it when someone will read the answer.
///
/// ```
/// use byoip::{AuthorizationMessage, Cloud, key::SigningKey, signature};
///
/// let pem = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/demo-key.pem")).unwrap();
/// let (key, _) = SigningKey::from_bytes(&pem, byoip::key::Passphrase::None)?;
/// let message: AuthorizationMessage = "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS".parse()?;
/// let signed = signature::sign(&key, &message)?;
/// let bytes = message.to_string();
/// assert!(signature::verify_strict(Cloud::Aws, key.verifying_key(), bytes.as_bytes(), &signed.signature));
/// // Azure's scheme is another: the same signature is not Azure's.
/// assert!(!signature::verify_strict(Cloud::Azure, key.verifying_key(), bytes.as_bytes(), &signed.signature));
/// assert!(!signature::verify_strict(Cloud::Aws, key.verifying_key(), bytes.as_bytes(), &"not base64!".into()));
/// # Ok::<(), byoip::Error>(())
/// ```
pub fn verify_strict(
    cloud: Cloud,
    key: &VerifyingKey,
    message: &[u8],
    signature_text: &SignatureText,
) -> bool {
    Expect::of(cloud).accepts(key, message, signature_text.as_str())
}

/// [`verify_strict`], then, only when it fails, why: the verdict with its diagnosis.
/// `valid` is [`verify_strict`]'s answer, at its cost; a failure re-verifies under each
/// known mistake (the other scheme, salt lengths and hashes, the other encodings, the
/// message with a newline, and each of `other_keys`, e.g. the private key the user holds)
/// and names the ones that make it verify, 30 to 40 verifications in all. The text is read
/// as given ([`SignatureText`]): its line breaks, alphabet or hex are among what the
/// diagnosis names. Every diagnosis of a cloud that names its failures carries that
/// cloud's code.
///
/// For a signature someone will read about (what `byoip verify` prints); on input you
/// only accept or refuse, use [`verify_strict`].
pub fn diagnose(
    cloud: Cloud,
    key: &VerifyingKey,
    message: &[u8],
    signature_text: &SignatureText,
    other_keys: &[&VerifyingKey],
) -> Verification {
    let expect = Expect::of(cloud);
    let mut out = verify_expecting(expect, key, message, signature_text, other_keys);
    for d in &mut out.diagnosis {
        d.code = expect.code();
        d.remedies = vec![remedy(d.id, cloud)];
    }
    out
}

/// What to do about a diagnosis, as a value: sign again (with a signer that does it
/// right), give the signature again (copied whole), or use the key and certificate that
/// belong together.
fn remedy(id: DiagnosisId, cloud: Cloud) -> Remedy {
    match id {
        DiagnosisId::TrailingNewline
        | DiagnosisId::TrailingCrlf
        | DiagnosisId::EchoDashN
        | DiagnosisId::MessageWhitespace
        | DiagnosisId::Encoding
        | DiagnosisId::LineBreaks
        | DiagnosisId::Hex
        | DiagnosisId::Pkcs1v15
        | DiagnosisId::Pss
        | DiagnosisId::Hash
        | DiagnosisId::SaltLength
        | DiagnosisId::KeySize => Remedy::Run(Step::Sign(cloud)),
        DiagnosisId::DifferentKey => Remedy::Run(Step::MakeCertificate),
        DiagnosisId::Length | DiagnosisId::Truncated => Remedy::Give(Input::Signature),
        DiagnosisId::Mismatch => Remedy::Run(Step::Inspect),
    }
}

fn verify_expecting(
    expect: Expect,
    key: &VerifyingKey,
    message: &[u8],
    signature_text: &SignatureText,
    other_keys: &[&VerifyingKey],
) -> Verification {
    let decodings = encoding::decode_any(signature_text.as_str());
    let strict = encoding::decode_as(expect.encoding, signature_text.as_str());
    let expected_len = key.signature_len();
    let mut out = Verification {
        valid: false,
        key_fingerprint: key.fingerprint(),
        key_bits: key.bits(),
        // Hex text also decodes as base64, to the wrong length: the hex reading wins.
        signature_bytes: decodings
            .first()
            .filter(|d| d.variant == Variant::Hex)
            .map(|d| &d.bytes)
            .or(strict.as_ref().ok())
            .or(decodings.first().map(|d| &d.bytes))
            .map(Vec::len),
        diagnosis: Vec::new(),
    };
    if expect.accepts(key, message, signature_text.as_str()) {
        out.valid = true;
        return out;
    }

    if decodings.is_empty() {
        let reason = strict.err().map(|e| e.chain()).unwrap_or_default();
        out.diagnosis.push(diag(
            DiagnosisId::Encoding,
            format!("the signature does not decode as base64 in any variant ({reason})"),
            if expect.azure() {
                "copy the whole signature again; it uses only A-Z a-z 0-9 + / and = at the end"
            } else {
                "copy the whole signature again; it uses only A-Z a-z 0-9 - _ ~"
            },
        ));
        return out;
    }

    let keys: Vec<&VerifyingKey> = std::iter::once(key)
        .chain(other_keys.iter().copied())
        .collect();
    let variants = message_variants(message, expect);
    let mut found = None;
    'search: for (ki, k) in keys.iter().enumerate() {
        for d in decodings
            .iter()
            .filter(|d| d.bytes.len() == k.signature_len())
        {
            for (mi, (_, m)) in variants.iter().enumerate() {
                for tried in Tried::all(expect) {
                    if tried.verifies(k, m, &d.bytes) {
                        found = Some((ki, d, mi, tried));
                        break 'search;
                    }
                }
            }
        }
    }

    let Some((ki, d, mi, tried)) = found else {
        out.diagnosis
            .extend(unexplained(key, &decodings, expected_len, expect));
        return out;
    };
    let k = keys[ki];
    if ki != 0 {
        out.diagnosis.push(diag(
            DiagnosisId::DifferentKey,
            format!(
                "the signature was made with another key: it verifies under SPKI SHA-256 {}, not under {}",
                k.fingerprint(),
                key.fingerprint()
            ),
            "sign with the key of the certificate in the registry record, or publish this key's certificate",
        ));
    }
    if d.whitespace_removed {
        out.diagnosis.push(diag(
            DiagnosisId::LineBreaks,
            "the signature contains line breaks or spaces (openssl base64 wraps at 64 columns)",
            if expect.azure() {
                "remove them: Azure's recipe ends with `tr -d \"\\n\"` (or use `openssl base64 -A`); byoip's signer never wraps"
            } else {
                "remove them: AWS's recipe ends with `tr -d \"\\n\"`; byoip's signer never wraps"
            },
        ));
    }
    if d.variant == Variant::Hex {
        out.diagnosis.push(hex_diagnosis(&d.bytes, expect));
    } else if d.variant != expect.variant() {
        out.diagnosis.push(if expect.azure() {
            diag(
                DiagnosisId::Encoding,
                format!(
                    "the signature is in {}, not standard base64 with padding",
                    d.variant.name()
                ),
                format!(
                    "Azure takes `openssl base64`'s output unchanged (no tr '+=/' '-_~', not base64url); re-encoded it is {}",
                    encoding::encode_as(expect.encoding, &d.bytes)
                ),
            )
        } else {
            diag(
                DiagnosisId::Encoding,
                format!("the signature is in {}, not AWS's variant", d.variant.name()),
                format!(
                    "AWS's variant is standard base64 with + → -, = → _, / → ~ (not base64url); re-encoded it is {}",
                    encoding::encode(&d.bytes)
                ),
            )
        });
    }
    out.diagnosis.extend(variants[mi].0.clone());
    let pkcs1 = expect.scheme == Scheme::RsaPkcs1v15Sha256;
    match tried {
        Tried::Pss32 | Tried::PssOtherSalt if pkcs1 => out.diagnosis.push(pss_diagnosis()),
        Tried::Pkcs1v15 if pkcs1 => {}
        Tried::Pss32 => {}
        Tried::PssOtherSalt => {
            let salt = find_salt(k, &variants[mi].1, &d.bytes);
            out.diagnosis.push(diag(
                DiagnosisId::SaltLength,
                match salt {
                    Some(s) => format!("valid RSASSA-PSS, but with a {s}-byte salt; AWS's recipe uses {SALT_LEN} (rsa_pss_saltlen:-1)"),
                    None => format!("valid RSASSA-PSS, but not with AWS's {SALT_LEN}-byte salt"),
                },
                "sign with -sigopt rsa_pss_saltlen:-1 (digest length), or with byoip's signer",
            ));
        }
        Tried::Pkcs1v15 => out.diagnosis.push(pkcs1v15_diagnosis()),
        Tried::PssHash(h) => {
            out.diagnosis.push(hash_diagnosis(h, "RSASSA-PSS", expect));
            if pkcs1 {
                out.diagnosis.push(pss_diagnosis());
            }
        }
        Tried::Pkcs1v15Hash(h) => {
            out.diagnosis.push(hash_diagnosis(h, "PKCS#1 v1.5", expect));
            if !pkcs1 {
                out.diagnosis.push(pkcs1v15_diagnosis());
            }
        }
    }
    out
}

/// PSS where Azure's recipe signs PKCS#1 v1.5 (AWS's recipe applied to Azure's message).
fn pss_diagnosis() -> Diagnosis {
    diag(
        DiagnosisId::Pss,
        "the signature is RSASSA-PSS (AWS's scheme), not PKCS#1 v1.5",
        "sign with `openssl dgst -sha256 -sign KEY` without the -sigopt rsa_padding_mode:pss options, or with a signer for Azure",
    )
}

fn pkcs1v15_diagnosis() -> Diagnosis {
    diag(
        DiagnosisId::Pkcs1v15,
        "the signature is PKCS#1 v1.5, not RSASSA-PSS",
        "add -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1 to openssl dgst, or use byoip's signer",
    )
}

fn hash_diagnosis(h: OtherHash, padding: &str, expect: Expect) -> Diagnosis {
    diag(
        DiagnosisId::Hash,
        format!(
            "the signature is {padding} over a {} digest, not SHA-256 (`openssl dgst {}`)",
            h.name(),
            h.openssl_flag()
        ),
        if expect.azure() {
            "sign with openssl dgst -sha256, as Azure's recipe does, or with a signer for Azure"
        } else {
            "sign with openssl dgst -sha256 (the message's SHA256 field), or with byoip's signer"
        },
    )
}

fn hex_diagnosis(bytes: &[u8], expect: Expect) -> Diagnosis {
    if expect.azure() {
        return diag(
            DiagnosisId::Hex,
            format!(
                "the signature is hex ({} characters, `openssl dgst -hex`), not standard base64",
                bytes.len() * 2
            ),
            format!(
                "convert it with `{}`, or sign with a signer for Azure; converted it is {}",
                encoding::HEX_TO_BASE64,
                encoding::encode_as(expect.encoding, bytes)
            ),
        );
    }
    diag(
        DiagnosisId::Hex,
        format!(
            "the signature is hex ({} characters, `openssl dgst -hex`), not AWS's base64 variant",
            bytes.len() * 2
        ),
        format!(
            "convert it with `{}`, or sign with byoip's signer; converted it is {}",
            encoding::HEX_TO_AWS,
            encoding::encode(bytes)
        ),
    )
}

/// The exact PSS salt length, found by trying each one (at most a few hundred verifies).
fn find_salt(key: &VerifyingKey, message: &[u8], sig: &[u8]) -> Option<usize> {
    let em_len = (key.rsa().n().bit_width() as usize - 1).div_ceil(8);
    let max = em_len.checked_sub(32 + 2)?;
    (0..=max).find(|s| verify_pss(key, message, sig, Some(*s)))
}

/// What can still be said when no known mistake explains the failure.
fn unexplained(
    key: &VerifyingKey,
    decodings: &[encoding::Decoding],
    expected: usize,
    expect: Expect,
) -> Vec<Diagnosis> {
    // Hex text is read as hex only: its base64 readings are accidents of the alphabet.
    let hex = decodings.first().filter(|d| d.variant == Variant::Hex);
    let decodings = hex.map_or(decodings, std::slice::from_ref);
    let mut out: Vec<Diagnosis> = hex
        .map(|d| hex_diagnosis(&d.bytes, expect))
        .into_iter()
        .collect();
    let lens: Vec<usize> = decodings.iter().map(|d| d.bytes.len()).collect();
    out.push(length_or_mismatch(key, &lens, expected));
    out
}

/// Why a signature of these decoded lengths cannot be explained under `key`.
fn length_or_mismatch(key: &VerifyingKey, lens: &[usize], expected: usize) -> Diagnosis {
    if !lens.contains(&expected) {
        let got = lens[0];
        let chars = encoding::encoded_len(expected);
        return if got < expected {
            diag(
                DiagnosisId::Truncated,
                format!(
                    "the signature is {got} bytes; a {}-bit key signs {expected} bytes ({chars} characters of base64): it was cut short",
                    key.bits()
                ),
                "copy the whole signature again (it often breaks at a line end or a shell quote)",
            )
        } else if [256, 384, 512].contains(&got) {
            diag(
                DiagnosisId::KeySize,
                format!(
                    "the signature is {got} bytes, made by a {}-bit key; this key is {}-bit: another key signed it",
                    got * 8,
                    key.bits()
                ),
                "verify with the certificate of the key that signed, or sign again with this one",
            )
        } else {
            diag(
                DiagnosisId::Length,
                format!(
                    "the signature is {got} bytes; a {}-bit key signs {expected} bytes",
                    key.bits()
                ),
                "copy the whole signature again, exactly as produced",
            )
        };
    }
    diag(
        DiagnosisId::Mismatch,
        format!(
            "the signature does not verify under key {} with any known mistake: it was made with another key, or over another message (another account or subscription, CIDR or date)",
            key.fingerprint()
        ),
        "compare the key's fingerprint with the certificate's, and the message byte for byte with what was signed",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> SigningKey {
        SigningKey::from_bytes(
            include_bytes!("../../testdata/keys/pkcs8.pem"),
            crate::key::Passphrase::None,
        )
        .unwrap()
        .0
    }

    const MSG: &[u8] = b"1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS";

    /// The raw signature `signer` makes over [`MSG`]: how the tests sign with the hashes,
    /// paddings and salts that are not the AWS scheme.
    fn signed_by<S, T>(signer: S) -> Vec<u8>
    where
        S: rsa::signature::Signer<T>,
        T: rsa::signature::SignatureEncoding,
    {
        signer.try_sign(MSG).unwrap().to_vec()
    }

    /// [`super::diagnose`] for AWS with the signature text given as `&str`, as the tests
    /// write it.
    fn diagnose_aws(
        key: &VerifyingKey,
        m: &[u8],
        sig: &str,
        others: &[&VerifyingKey],
    ) -> Verification {
        diagnose_for(Cloud::Aws, key, m, sig, others)
    }

    /// [`super::diagnose`], likewise, for `cloud`.
    fn diagnose_for(
        cloud: Cloud,
        key: &VerifyingKey,
        m: &[u8],
        sig: &str,
        others: &[&VerifyingKey],
    ) -> Verification {
        super::diagnose(cloud, key, m, &SignatureText::from(sig), others)
    }

    #[test]
    #[cfg(feature = "ring")]
    fn ring_and_rsa_signers_both_make_signatures_aws_accepts() {
        for pem in [
            &include_bytes!("../../testdata/keys/pkcs8.pem")[..],
            include_bytes!("../../testdata/keys/rsa3072.pem"),
            include_bytes!("../../testdata/keys/rsa4096.pem"),
            include_bytes!("../../testdata/keys/rsa-pss.pem"),
        ] {
            let (key, _) = SigningKey::from_bytes(pem, crate::key::Passphrase::None).unwrap();
            assert!(key.ring().is_some(), "ring takes every size byoip offers");
            let fast = sign_bytes(&key, MSG).unwrap();
            let reference = sign_bytes_rsa(&key, MSG).unwrap();
            for sig in [&fast, &reference] {
                assert_eq!(sig.len(), key.verifying_key().signature_len());
                assert!(verify_bytes(key.verifying_key(), MSG, sig));
                // Salt exactly 32: the strict verifier above, and not PKCS#1 v1.5.
                assert!(!verify_pkcs1v15(key.verifying_key(), MSG, sig));
            }
            assert_ne!(fast, reference, "PSS is randomized");
        }
    }

    const AZ_MSG: &[u8] = b"6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|198.51.100.0/24|20271231";

    #[test]
    fn first_reason_is_the_first_diagnosis_typed_and_displays_as_one_line() {
        let key = demo();
        let mut with_newline = MSG.to_vec();
        with_newline.push(b'\n');
        let sig = encoding::encode(&sign_bytes(&key, &with_newline).unwrap());
        let v = diagnose_aws(key.verifying_key(), MSG, &sig, &[]);
        let first = v.first_reason().expect("a diagnosis");
        assert_eq!(first.id, DiagnosisId::TrailingNewline);
        assert_eq!(first, &v.diagnosis[0]);
        assert_eq!(
            first.to_string(),
            format!("{} (signature.trailing-newline)", first.message)
        );
        let good = encoding::encode(&sign_bytes(&key, MSG).unwrap());
        assert!(
            diagnose_aws(key.verifying_key(), MSG, &good, &[])
                .first_reason()
                .is_none()
        );
    }

    #[test]
    fn pkcs1v15_signers_agree_byte_for_byte() {
        for pem in [
            &include_bytes!("../../testdata/keys/pkcs8.pem")[..],
            include_bytes!("../../testdata/keys/rsa3072.pem"),
            include_bytes!("../../testdata/keys/rsa4096.pem"),
        ] {
            let (key, _) = SigningKey::from_bytes(pem, crate::key::Passphrase::None).unwrap();
            #[cfg(feature = "ring")]
            assert!(key.ring().is_some(), "the fast path is the one compared");
            let fast = sign_bytes_with(&key, AZ_MSG, Scheme::RsaPkcs1v15Sha256).unwrap();
            let reference = sign_pkcs1v15_rsa(&key, AZ_MSG).unwrap();
            assert_eq!(fast, reference, "v1.5 is deterministic: both paths agree");
            assert!(verify_pkcs1v15(key.verifying_key(), AZ_MSG, &fast));
            assert!(!verify_bytes(key.verifying_key(), AZ_MSG, &fast));
        }
    }

    fn azure(k: &SigningKey, sig: &str) -> Verification {
        diagnose_for(Cloud::Azure, k.verifying_key(), AZ_MSG, sig, &[])
    }

    #[test]
    fn azure_signatures_verify_only_as_azure_signs() {
        use base64::Engine as _;
        let k = demo();
        let m: AnyMessage = std::str::from_utf8(AZ_MSG).unwrap().parse().unwrap();
        let signed = sign_any(&k, &m).unwrap();
        assert_eq!(signed.signature.len(), 344);
        let raw = base64::engine::general_purpose::STANDARD
            .decode(signed.signature.as_str())
            .unwrap();
        assert_eq!(raw, sign_pkcs1v15_rsa(&k, AZ_MSG).unwrap());
        let v = azure(&k, &signed.signature);
        assert!(v.valid && v.diagnosis.is_empty());
        // The same signature is a mistake for AWS, and AWS's is one for Azure.
        let v = diagnose_aws(k.verifying_key(), AZ_MSG, &signed.signature, &[]);
        assert!(!v.valid);
        assert!(ids(&v).contains(&DiagnosisId::Pkcs1v15), "{:?}", ids(&v));
    }

    #[test]
    fn each_azure_mistake_is_diagnosed_with_azures_code() {
        use base64::Engine as _;
        use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
        let k = demo();
        let other = SigningKey::from_bytes(
            include_bytes!("../../testdata/keys/other2048.pem"),
            crate::key::Passphrase::None,
        )
        .unwrap()
        .0;
        let v15 = |key: &SigningKey, m: &[u8]| sign_pkcs1v15_rsa(key, m).unwrap();
        let right = v15(&k, AZ_MSG);
        let cases: Vec<(String, Vec<DiagnosisId>)> = vec![
            // AWS's recipe applied to Azure's message.
            (
                STANDARD.encode(sign_bytes(&k, AZ_MSG).unwrap()),
                vec![DiagnosisId::Pss],
            ),
            // Azure's signature passed through AWS's tr step.
            (encoding::encode(&right), vec![DiagnosisId::Encoding]),
            (URL_SAFE_NO_PAD.encode(&right), vec![DiagnosisId::Encoding]),
            // echo without tr -d "\n".
            (
                STANDARD.encode(v15(&k, &[AZ_MSG, b"\n"].concat())),
                vec![DiagnosisId::TrailingNewline],
            ),
            (
                STANDARD
                    .encode(&right)
                    .as_bytes()
                    .chunks(64)
                    .map(|c| String::from_utf8_lossy(c) + "\n")
                    .collect(),
                vec![DiagnosisId::LineBreaks],
            ),
        ];
        for (sig, want) in cases {
            let v = azure(&k, &sig);
            assert_eq!((v.valid, ids(&v)), (false, want.clone()), "{sig:.20}");
            for d in &v.diagnosis {
                assert_eq!(d.code, Some("CustomerSignatureNotVerified"), "{}", d.id);
            }
        }
        let aws_alphabet = azure(&k, &encoding::encode(&right));
        assert!(
            aws_alphabet.diagnosis[0]
                .hint
                .contains(&STANDARD.encode(&right))
        );
        // The wrong key: named when the key that signed is at hand.
        let theirs = STANDARD.encode(v15(&other, AZ_MSG));
        let v = diagnose_for(
            Cloud::Azure,
            k.verifying_key(),
            AZ_MSG,
            &theirs,
            &[other.verifying_key()],
        );
        assert_eq!(ids(&v), [DiagnosisId::DifferentKey]);
        assert_eq!(ids(&azure(&k, &theirs)), [DiagnosisId::Mismatch]);
        // AWS's diagnoses carry no code.
        let v = diagnose_aws(k.verifying_key(), AZ_MSG, &theirs, &[]);
        assert!(v.diagnosis.iter().all(|d| d.code.is_none()));
    }

    #[test]
    fn signs_and_verifies_with_salt_32() {
        let k = demo();
        let sig = sign_bytes(&k, MSG).unwrap();
        assert_eq!(sig.len(), 256);
        assert!(verify_bytes(k.verifying_key(), MSG, &sig));
        assert_eq!(find_salt(k.verifying_key(), MSG, &sig), Some(32));
        let v = diagnose_aws(k.verifying_key(), MSG, &encoding::encode(&sig), &[]);
        assert!(v.valid && v.diagnosis.is_empty());
    }

    #[test]
    fn alkira_vector_verifies_although_account_is_placeholder() {
        // Source: alkiranet/terraform-provider-alkira, examples/resources/alkira_byoip_prefix/resource.tf
        // @ ab0bb1354cc3a8077fd3c12e92b73eb111fcf145 (see testdata/alkira/README.md).
        let key = VerifyingKey::from_bytes(include_bytes!(
            "../../testdata/alkira/public_key.oneline.txt"
        ))
        .unwrap();
        let msg = include_bytes!("../../testdata/alkira/message.txt");
        let sig = include_str!("../../testdata/alkira/signature.aws-b64.txt");
        assert!(diagnose_aws(&key, msg, sig, &[]).valid);
        assert!(!diagnose_aws(&key, &[&msg[..], b"\n"].concat(), sig, &[]).valid);
    }

    #[test]
    fn newline_mistake_is_diagnosed() {
        let k = demo();
        let sig = encoding::encode(&sign_bytes(&k, &[MSG, b"\n"].concat()).unwrap());
        let v = diagnose_aws(k.verifying_key(), MSG, &sig, &[]);
        assert!(!v.valid);
        assert_eq!(
            v.diagnosis.iter().map(|d| d.id).collect::<Vec<_>>(),
            [DiagnosisId::TrailingNewline]
        );
        // What to do is a value too: sign again, for the cloud diagnosed.
        assert_eq!(
            v.diagnosis[0].remedies(),
            [Remedy::Run(Step::Sign(Cloud::Aws))]
        );
    }

    #[test]
    fn truncated_signature_is_diagnosed() {
        let k = demo();
        let sig = encoding::encode(&sign_bytes(&k, MSG).unwrap());
        let v = diagnose_aws(k.verifying_key(), MSG, &sig[..340], &[]);
        assert_eq!(
            v.diagnosis[0].id,
            DiagnosisId::Truncated,
            "{:?}",
            v.diagnosis
        );
    }

    #[test]
    fn different_key_shows_both_fingerprints() {
        let k = demo();
        let other = SigningKey::from_bytes(
            include_bytes!("../../testdata/keys/other2048.pem"),
            crate::key::Passphrase::None,
        )
        .unwrap()
        .0;
        let sig = encoding::encode(&sign_bytes(&other, MSG).unwrap());
        let v = diagnose_aws(k.verifying_key(), MSG, &sig, &[other.verifying_key()]);
        assert_eq!(v.diagnosis[0].id, DiagnosisId::DifferentKey);
        assert!(
            v.diagnosis[0]
                .message
                .contains(other.verifying_key().fingerprint().as_str())
        );
        assert!(
            v.diagnosis[0]
                .message
                .contains(k.verifying_key().fingerprint().as_str())
        );
        let alone = diagnose_aws(k.verifying_key(), MSG, &sig, &[]);
        assert_eq!(alone.diagnosis[0].id, DiagnosisId::Mismatch);
    }

    fn ids(v: &Verification) -> Vec<DiagnosisId> {
        v.diagnosis.iter().map(|d| d.id).collect()
    }

    #[test]
    fn hex_signature_is_named_with_its_conversion() {
        let k = demo();
        let raw = sign_bytes(&k, MSG).unwrap();
        let hex: String = raw.iter().map(|b| format!("{b:02x}")).collect();
        let v = diagnose_aws(k.verifying_key(), MSG, &hex, &[]);
        assert_eq!((v.valid, ids(&v)), (false, vec![DiagnosisId::Hex]));
        assert_eq!(
            v.signature_bytes,
            Some(256),
            "not a 384-byte base64 reading"
        );
        assert!(v.diagnosis[0].hint.contains(&encoding::encode(&raw)));
        // Hex that does not verify is still read as hex: hex, then why it fails.
        let other = sign_bytes(&k, b"another message").unwrap();
        let hex: String = other.iter().map(|b| format!("{b:02x}")).collect();
        let v = diagnose_aws(k.verifying_key(), MSG, &hex, &[]);
        assert_eq!(ids(&v), [DiagnosisId::Hex, DiagnosisId::Mismatch]);
        let v = diagnose_aws(k.verifying_key(), MSG, &hex[..400], &[]);
        assert_eq!(ids(&v), [DiagnosisId::Hex, DiagnosisId::Truncated]);
    }

    #[test]
    fn other_hashes_are_named_under_pss_and_pkcs1v15() {
        use rsa::pkcs1v15;
        let k = demo();
        let rsa = k.rsa().clone();
        let cases: Vec<(Vec<u8>, &str, Vec<DiagnosisId>)> = vec![
            (
                signed_by(pss::SigningKey::<Sha384>::new(rsa.clone())),
                "SHA-384",
                vec![DiagnosisId::Hash],
            ),
            (
                signed_by(pss::SigningKey::<Sha512>::new(rsa.clone())),
                "SHA-512",
                vec![DiagnosisId::Hash],
            ),
            (
                signed_by(pss::SigningKey::<Sha1>::new(rsa.clone())),
                "SHA-1",
                vec![DiagnosisId::Hash],
            ),
            (
                signed_by(pkcs1v15::SigningKey::<Sha1>::new(rsa.clone())),
                "SHA-1",
                vec![DiagnosisId::Hash, DiagnosisId::Pkcs1v15],
            ),
            (
                signed_by(pkcs1v15::SigningKey::<Sha512>::new(rsa)),
                "SHA-512",
                vec![DiagnosisId::Hash, DiagnosisId::Pkcs1v15],
            ),
        ];
        for (sig, hash, want) in cases {
            let v = diagnose_aws(k.verifying_key(), MSG, &encoding::encode(&sig), &[]);
            assert_eq!(ids(&v), want, "{hash}");
            assert!(
                v.diagnosis[0].message.contains(hash),
                "{:?}",
                v.diagnosis[0]
            );
        }
    }

    #[test]
    fn garbage_signature_is_a_verdict_not_a_panic() {
        let k = demo();
        for s in ["", "!!!!", "____", "a", &"A".repeat(100_000)] {
            let v = diagnose_aws(k.verifying_key(), MSG, s, &[]);
            assert!(!v.valid && !v.diagnosis.is_empty(), "{s:.20}");
        }
    }

    #[test]
    fn whitespace_around_the_given_message_is_diagnosed() {
        let k = demo();
        let sig = encoding::encode(&sign_bytes(&k, MSG).unwrap());
        for given in [[MSG, b" "].concat(), [b"\t", MSG, b"\n\n"].concat()] {
            let v = diagnose_aws(k.verifying_key(), &given, &sig, &[]);
            assert_eq!(ids(&v), [DiagnosisId::MessageWhitespace]);
        }
    }

    #[test]
    fn another_hash_names_the_openssl_flag_that_made_it() {
        let rsa = demo().rsa().clone();
        let k = demo();
        for (sig, flag) in [
            (
                signed_by(pss::SigningKey::<Sha1>::new(rsa.clone())),
                "`openssl dgst -sha1`",
            ),
            (
                signed_by(pss::SigningKey::<Sha384>::new(rsa.clone())),
                "`openssl dgst -sha384`",
            ),
            (
                signed_by(pss::SigningKey::<Sha512>::new(rsa.clone())),
                "`openssl dgst -sha512`",
            ),
        ] {
            let v = diagnose_aws(k.verifying_key(), MSG, &encoding::encode(&sig), &[]);
            assert!(v.diagnosis[0].message.contains(flag), "{:?}", v.diagnosis);
        }
    }

    #[test]
    fn the_largest_salt_a_key_allows_is_found_and_named() {
        // `rsa_pss_saltlen:max` for a 2048-bit key: emLen 256 - hLen 32 - 2 = 222 bytes.
        let k = demo();
        let sig = signed_by(pss::SigningKey::<Sha256>::new_with_salt_len(
            k.rsa().clone(),
            222,
        ));
        assert_eq!(find_salt(k.verifying_key(), MSG, &sig), Some(222));
        let v = diagnose_aws(k.verifying_key(), MSG, &encoding::encode(&sig), &[]);
        assert_eq!(ids(&v), [DiagnosisId::SaltLength]);
        assert!(
            v.diagnosis[0].message.contains("222-byte salt"),
            "{:?}",
            v.diagnosis
        );
    }

    #[test]
    fn a_signed_message_gives_the_aws_cli_context() {
        let k = demo();
        let m: AuthorizationMessage = std::str::from_utf8(MSG).unwrap().parse().unwrap();
        let signed = sign(&k, &m).unwrap();
        let context = signed.context();
        assert_eq!(
            context,
            format!(
                "Message=\"{}\",Signature=\"{}\"",
                MSG.escape_ascii(),
                signed.signature
            )
        );
        let read = crate::context::AuthorizationContext::parse(&context).unwrap();
        assert!(
            diagnose_aws(
                k.verifying_key(),
                read.message.as_bytes(),
                &read.signature,
                &[]
            )
            .valid
        );
    }

    /// The RSA verifications `f` makes.
    fn verifications<T>(f: impl FnOnce() -> T) -> (T, usize) {
        let before = VERIFICATIONS.with(std::cell::Cell::get);
        let out = f();
        (out, VERIFICATIONS.with(std::cell::Cell::get) - before)
    }

    /// Each kind of signature a cloud refuses, for `cloud`'s message `m`: the right one
    /// first, then (name, text) of the wrong ones.
    fn variants(cloud: Cloud, k: &SigningKey, m: &[u8]) -> (String, Vec<(&'static str, String)>) {
        use base64::Engine as _;
        use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
        let other = SigningKey::from_bytes(
            include_bytes!("../../testdata/keys/other2048.pem"),
            crate::key::Passphrase::None,
        )
        .unwrap()
        .0;
        let (scheme, enc) = scheme_of(cloud);
        let wrong_scheme = match scheme {
            Scheme::RsaPssSha256 => Scheme::RsaPkcs1v15Sha256,
            Scheme::RsaPkcs1v15Sha256 => Scheme::RsaPssSha256,
        };
        let raw = sign_bytes_with(k, m, scheme).unwrap();
        let right = encoding::encode_as(enc, &raw);
        let other_enc = match enc {
            Encoding::AwsBase64 => STANDARD.encode(&raw),
            Encoding::Base64 => encoding::encode(&raw),
        };
        let hex: String = raw.iter().map(|b| format!("{b:02x}")).collect();
        let mut flipped = raw.clone();
        flipped[100] ^= 1;
        let e = |bytes: &[u8]| encoding::encode_as(enc, bytes);
        let wrong = vec![
            (
                "another scheme",
                e(&sign_bytes_with(k, m, wrong_scheme).unwrap()),
            ),
            (
                "PSS with another salt",
                e(
                    &pss::SigningKey::<Sha256>::new_with_salt_len(k.rsa().clone(), 20)
                        .try_sign(m)
                        .unwrap()
                        .to_vec(),
                ),
            ),
            (
                "another hash",
                e(&rsa::pkcs1v15::SigningKey::<Sha384>::new(k.rsa().clone())
                    .try_sign(m)
                    .unwrap()
                    .to_vec()),
            ),
            ("the other encoding", other_enc),
            ("base64url", URL_SAFE_NO_PAD.encode(&raw)),
            ("hex", hex),
            ("a trailing newline after it", format!("{right}\n")),
            (
                "wrapped at 64 columns",
                right
                    .as_bytes()
                    .chunks(64)
                    .map(|c| String::from_utf8_lossy(c) + "\n")
                    .collect(),
            ),
            (
                "the message plus a newline",
                e(&sign_bytes_with(k, &[m, b"\n"].concat(), scheme).unwrap()),
            ),
            (
                "another message",
                e(&sign_bytes_with(k, b"another message", scheme).unwrap()),
            ),
            (
                "another key",
                e(&sign_bytes_with(&other, m, scheme).unwrap()),
            ),
            ("one bit flipped", e(&flipped)),
            ("truncated", right[..right.len() - 4].to_string()),
            ("empty", String::new()),
            ("garbage", "!!!!".into()),
            (
                "garbage as long as a signature",
                "é".repeat(right.len() / 2),
            ),
            ("the modulus's size of 0xff", e(&vec![0xff; raw.len()])),
            ("huge", "A".repeat(1 << 20)),
        ];
        (right, wrong)
    }

    #[test]
    fn verify_strict_accepts_only_the_clouds_exact_form_at_one_verification() {
        let k = demo();
        for (cloud, m) in [(Cloud::Aws, MSG), (Cloud::Azure, AZ_MSG)] {
            let (right, wrong) = variants(cloud, &k, m);
            let vk = k.verifying_key();
            let strict = |sig: &str| super::verify_strict(cloud, vk, m, &SignatureText::from(sig));
            let (ok, n) = verifications(|| strict(&right));
            assert!(ok, "{cloud:?}");
            assert_eq!(n, 1, "{cloud:?}: one verification for a good signature");
            for (what, sig) in &wrong {
                let (ok, n) = verifications(|| strict(sig));
                assert!(!ok, "{cloud:?}: {what}");
                assert!(n <= 1, "{cloud:?}: {what}: {n} verifications");
                // The diagnosis's verdict is the same; only its cost differs.
                assert!(
                    !diagnose_for(cloud, vk, m, sig, &[]).valid,
                    "{cloud:?}: {what}"
                );
            }
            assert!(diagnose_for(cloud, vk, m, &right, &[]).valid);
        }
    }

    #[test]
    fn diagnose_costs_one_verification_when_good_and_dozens_when_bad() {
        let k = demo();
        let good = encoding::encode(&sign_bytes(&k, MSG).unwrap());
        let bad = encoding::encode(&sign_bytes(&k, b"another message").unwrap());
        let (v, n) = verifications(|| diagnose_aws(k.verifying_key(), MSG, &good, &[]));
        assert!(v.valid);
        assert_eq!(n, 1);
        let (v, n) = verifications(|| diagnose_aws(k.verifying_key(), MSG, &bad, &[]));
        assert_eq!(ids(&v), [DiagnosisId::Mismatch]);
        assert!(n >= 30, "{n}: the search verify_strict spares");
    }
}
