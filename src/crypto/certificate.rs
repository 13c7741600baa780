//! X.509 certificates as AWS and the registries handle them.
//!
//! AWS, "Prerequisites for BYOIP in Amazon EC2": a self-signed X.509 v3 certificate (`openssl req -new -x509`,
//! sha256WithRSAEncryption, `basicConstraints` critical CA:TRUE) whose public key AWS uses
//! to verify the signature; its validity must outlast provisioning. It is published
//! as one long line (`-----BEGIN CERTIFICATE-----MIIC…-----END CERTIFICATE-----`) and comes
//! back from whois/RDAP split over lines with `Comment:`/`descr:`/`remarks:` prefixes, so the
//! reader finds every BEGIN…END pair, drops line labels and whitespace, and decodes.
//! RFC 5280 §4.1 for the fields.

use std::{str::FromStr, time::SystemTime};

use base64::{Engine as _, engine::general_purpose::STANDARD};
use chrono::{DateTime, Utc};
use der::{Decode, Encode};
use rsa::traits::PublicKeyParts as _;
use serde::Serialize;
use sha2::{Sha256, Sha384, Sha512};
use spki::{ObjectIdentifier, SubjectPublicKeyInfoRef};
use x509_cert::{
    builder::{Builder, CertificateBuilder, profile::BuilderProfile},
    certificate::TbsCertificate,
    ext::{
        Extension, ToExtension,
        pkix::{AuthorityKeyIdentifier, BasicConstraints, SubjectKeyIdentifier},
    },
    name::Name,
    serial_number::SerialNumber,
    time::{Time, Validity},
};

use crate::{
    error::Error,
    key::{Fingerprint, SigningKey, VerifyingKey},
};

/// Largest certificate input read (whois output of a whole record fits easily).
pub const MAX_CERT_INPUT_BYTES: usize = 1024 * 1024;

const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
const END: &str = "-----END CERTIFICATE-----";

const SHA256_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const SHA384_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const SHA512_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
const SHA1_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.5");
const RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");

/// A parsed certificate with its DER.
#[derive(Clone, Debug)]
pub struct Certificate {
    inner: x509_cert::Certificate,
    der: Vec<u8>,
}

impl PartialEq for Certificate {
    fn eq(&self, other: &Self) -> bool {
        self.der == other.der
    }
}

impl Certificate {
    /// Parses DER.
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let inner = x509_cert::Certificate::from_der(der).map_err(|e| Error::Certificate {
            reason: "the DER does not parse as X.509".into(),
            source: crate::error::cause(e),
        })?;
        Ok(Certificate {
            inner,
            der: der.to_vec(),
        })
    }

    /// Reads the first certificate in DER, PEM (multi-line or one line) or pasted
    /// whois/RDAP text.
    pub fn from_bytes(data: &[u8]) -> Result<Self, Error> {
        if data.len() > MAX_CERT_INPUT_BYTES {
            return Err(Error::TooLarge {
                what: "certificate input",
                size: data.len(),
                limit: MAX_CERT_INPUT_BYTES,
            });
        }
        if data.first() == Some(&0x30) {
            return Certificate::from_der(data);
        }
        let text = std::str::from_utf8(data).map_err(|_| Error::Certificate {
            reason: "it is neither DER nor text".into(),
            source: None,
        })?;
        let mut found = Certificate::all_from_text(text).into_iter();
        match found.next() {
            Some(first) => first,
            // A private key where a certificate belongs: the usual mix-up of two files.
            None if text.contains("PRIVATE KEY-----") => Err(Error::Certificate {
                reason: "it holds a private key, not a certificate".into(),
                source: None,
            }),
            None if text.contains("-----BEGIN ") => Err(Error::Certificate {
                reason: format!("no {BEGIN} … {END} block (a key or another PEM type?)"),
                source: None,
            }),
            None => Err(Error::Certificate {
                reason: format!("no {BEGIN} marker found"),
                source: None,
            }),
        }
    }

    /// Every certificate in `text`, in order, each parsed or with its error.
    pub fn all_from_text(text: &str) -> Vec<Result<Certificate, Error>> {
        pem_bodies(text)
            .into_iter()
            .map(|body| {
                let der = STANDARD.decode(&body).map_err(|e| Error::Certificate {
                    reason: "the text between the markers is not base64".into(),
                    source: crate::error::cause(e),
                })?;
                Certificate::from_der(&der)
            })
            .collect()
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// Multi-line PEM, as `openssl x509` reads it.
    pub fn to_pem(&self) -> String {
        pem::encode_config(
            &pem::Pem::new("CERTIFICATE", self.der.clone()),
            pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
        )
    }

    /// The one-line form the registries want (AWS, "Prerequisites for BYOIP in Amazon EC2":
    /// "All of this content must be on a single, long line").
    pub fn to_one_line(&self) -> String {
        format!("{BEGIN}{}{END}", STANDARD.encode(&self.der))
    }

    /// Subject as an RFC 4514 string.
    pub fn subject(&self) -> String {
        self.inner.tbs_certificate().subject().to_string()
    }

    /// Issuer as an RFC 4514 string.
    pub fn issuer(&self) -> String {
        self.inner.tbs_certificate().issuer().to_string()
    }

    /// Start of validity.
    pub fn not_before(&self) -> DateTime<Utc> {
        to_chrono(self.inner.tbs_certificate().validity().not_before)
    }

    /// End of validity.
    pub fn not_after(&self) -> DateTime<Utc> {
        to_chrono(self.inner.tbs_certificate().validity().not_after)
    }

    /// True when the certificate stops being valid before a message expiring on
    /// `expires` does (the end of that day, UTC): AWS verifies the signature with the
    /// published certificate while it provisions, so a message that outlives its
    /// certificate is refused in its last days.
    pub fn expires_before(&self, expires: crate::date::ExpiryDate) -> bool {
        let end = expires
            .date()
            .and_hms_opt(23, 59, 59)
            .map_or(DateTime::<Utc>::MAX_UTC, |t| t.and_utc());
        self.not_after() < end
    }

    /// The RSA public key (`NotRsa` for other algorithms).
    pub fn public_key(&self) -> Result<VerifyingKey, Error> {
        let der = self
            .inner
            .tbs_certificate()
            .subject_public_key_info()
            .to_der()
            .map_err(|e| Error::Certificate {
                reason: "its public key does not encode as DER".into(),
                source: crate::error::cause(e),
            })?;
        VerifyingKey::from_spki_der(&der)
    }

    /// `Ok` when `key` is this certificate's key; otherwise [`Error::KeyMismatch`] with
    /// both fingerprints (a signature from `key` would not verify under what is published).
    pub fn check_key(&self, key: &VerifyingKey) -> Result<(), Error> {
        let cert_key = self.public_key()?;
        if cert_key == *key {
            Ok(())
        } else {
            Err(Error::KeyMismatch {
                key_fingerprint: key.fingerprint(),
                cert_fingerprint: cert_key.fingerprint(),
            })
        }
    }

    /// True when issuer and subject are the same name.
    pub fn is_self_issued(&self) -> bool {
        self.inner.tbs_certificate().issuer() == self.inner.tbs_certificate().subject()
    }

    /// Whether the certificate's own key verifies its signature: `None` when the
    /// algorithm is not one byoip checks (SHA-1, RSA-PSS) or the key is not RSA.
    pub fn self_signature_valid(&self) -> Option<bool> {
        let key = self.public_key().ok()?;
        let tbs = self.inner.tbs_certificate().to_der().ok()?;
        let sig = self.inner.signature().as_bytes()?;
        let pk = key.rsa();
        let oid = self.inner.signature_algorithm().oid;
        Some(if oid == SHA256_RSA {
            pk.pkcs1v15_verify::<Sha256>(&tbs, sig).is_ok()
        } else if oid == SHA384_RSA {
            pk.pkcs1v15_verify::<Sha384>(&tbs, sig).is_ok()
        } else if oid == SHA512_RSA {
            pk.pkcs1v15_verify::<Sha512>(&tbs, sig).is_ok()
        } else {
            return None;
        })
    }

    /// The signature algorithm's name.
    pub fn signature_algorithm(&self) -> String {
        let oid = self.inner.signature_algorithm().oid;
        match oid {
            o if o == SHA256_RSA => "sha256WithRSAEncryption".into(),
            o if o == SHA384_RSA => "sha384WithRSAEncryption".into(),
            o if o == SHA512_RSA => "sha512WithRSAEncryption".into(),
            o if o == SHA1_RSA => "sha1WithRSAEncryption".into(),
            o if o == RSA_PSS => "RSASSA-PSS".into(),
            o => o.to_string(),
        }
    }

    /// Everything `byoip inspect` shows, as of `now`.
    pub fn info(&self, now: DateTime<Utc>) -> CertificateInfo {
        let key = self.public_key();
        CertificateInfo {
            subject: self.subject(),
            issuer: self.issuer(),
            serial: self.inner.tbs_certificate().serial_number().to_string(),
            not_before: self.not_before(),
            not_after: self.not_after(),
            days_left: (self.not_after() - now).num_days(),
            expired: now > self.not_after(),
            not_yet_valid: now < self.not_before(),
            key_algorithm: match &key {
                Ok(_) => "RSA".into(),
                Err(Error::NotRsa { algorithm }) => algorithm.clone(),
                Err(e) => e.chain(),
            },
            key_bits: key.as_ref().ok().map(|k| k.rsa().size() * 8),
            spki_sha256: key.as_ref().ok().map(VerifyingKey::fingerprint),
            signature_algorithm: self.signature_algorithm(),
            self_issued: self.is_self_issued(),
            self_signature_valid: self.self_signature_valid(),
        }
    }
}

/// A certificate's facts, for display and `--json`.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct CertificateInfo {
    /// Subject (RFC 4514).
    pub subject: String,
    /// Issuer (RFC 4514).
    pub issuer: String,
    /// Serial number (hex).
    pub serial: String,
    /// Start of validity.
    pub not_before: DateTime<Utc>,
    /// End of validity.
    pub not_after: DateTime<Utc>,
    /// Whole days until `not_after` (negative once expired).
    pub days_left: i64,
    /// Past `not_after`.
    pub expired: bool,
    /// Before `not_before`.
    pub not_yet_valid: bool,
    /// "RSA" or the other algorithm's name.
    pub key_algorithm: String,
    /// RSA modulus size.
    pub key_bits: Option<usize>,
    /// SHA-256 of the SPKI (RSA keys).
    pub spki_sha256: Option<Fingerprint>,
    /// The certificate's signature algorithm.
    pub signature_algorithm: String,
    /// Issuer equals subject.
    pub self_issued: bool,
    /// The certificate's key verifies its own signature (`None`: algorithm not checked).
    pub self_signature_valid: Option<bool>,
}

impl CertificateInfo {
    /// Self-signed in the sense AWS asks for: self-issued and verified by its own key.
    pub fn self_signed(&self) -> bool {
        self.self_issued && self.self_signature_valid != Some(false)
    }
}

fn to_chrono(t: Time) -> DateTime<Utc> {
    let secs = i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// The base64 bodies of every `BEGIN CERTIFICATE` block in `text`, with whois/RDAP line
/// labels (`Comment:`, `descr:`, `remarks:` — anything up to a line's last `:`, which base64
/// never contains) and all whitespace removed.
pub(crate) fn pem_bodies(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(b) = rest.find(BEGIN) {
        let after = &rest[b + BEGIN.len()..];
        let Some(e) = after.find(END) else { break };
        let body: String = after[..e]
            .lines()
            .map(|l| l.rfind(':').map_or(l, |i| &l[i + 1..]))
            .flat_map(str::chars)
            .filter(|c| !c.is_whitespace())
            .collect();
        out.push(body);
        rest = &after[e + END.len()..];
    }
    out
}

/// The subject (a distinguished name) of a certificate to build, read with `FromStr` from
/// RFC 4514 text (`CN=example.com,O=Example`) or openssl's `-subj` form
/// (`/CN=example.com/O=Example`); `Display` writes RFC 4514. The x509 crate's name type
/// stays inside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subject(Name);

impl FromStr for Subject {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        parse_subject(s).map(Subject)
    }
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

/// Reads a subject as RFC 4514 (`CN=example.com,O=Example`) or openssl's `-subj` form
/// (`/CN=example.com/O=Example`).
fn parse_subject(s: &str) -> Result<Name, Error> {
    let rfc4514 = if let Some(rest) = s.strip_prefix('/') {
        // openssl lists RDNs most-significant first; RFC 4514 strings list them last first.
        rest.split('/')
            .filter(|p| !p.is_empty())
            .rev()
            .collect::<Vec<_>>()
            .join(",")
    } else {
        s.to_string()
    };
    Name::from_str(&rfc4514).map_err(|e| Error::Subject {
        input: s.to_string(),
        reason: "RFC 4514".into(),
        source: crate::error::cause(e),
    })
}

/// What `openssl req -x509` puts in: issuer = subject, SKI, AKI and critical CA:TRUE.
struct SelfSigned {
    subject: Name,
}

impl BuilderProfile for SelfSigned {
    fn get_issuer(&self, subject: &Name) -> Name {
        subject.clone()
    }

    fn get_subject(&self) -> Name {
        self.subject.clone()
    }

    fn build_extensions(
        &self,
        spk: SubjectPublicKeyInfoRef<'_>,
        _issuer_spk: SubjectPublicKeyInfoRef<'_>,
        tbs: &TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        let ski = SubjectKeyIdentifier::try_from(spk)?;
        let mut ext = Vec::new();
        let aki = AuthorityKeyIdentifier {
            key_identifier: Some(ski.0.clone()),
            ..Default::default()
        };
        ext.push(ski.to_extension(tbs.subject(), &ext)?);
        ext.push(aki.to_extension(tbs.subject(), &ext)?);
        ext.push(
            BasicConstraints {
                ca: true,
                path_len_constraint: None,
            }
            .to_extension(tbs.subject(), &ext)?,
        );
        Ok(ext)
    }
}

/// A failure inside the crypto crates while building the certificate, cause kept.
fn crypto(e: impl std::error::Error + Send + Sync + 'static) -> Error {
    Error::crypto("building the certificate", e)
}

/// Builds a self-signed X.509 v3 certificate (sha256WithRSAEncryption) for `key`.
pub fn build_self_signed(
    key: &SigningKey,
    subject: &Subject,
    not_before: SystemTime,
    not_after: SystemTime,
) -> Result<Certificate, Error> {
    if not_after <= not_before {
        return Err(Error::Certificate {
            reason: "the end of validity is not after its start".into(),
            source: None,
        });
    }
    let mut serial = [0u8; 16];
    getrandom::fill(&mut serial).map_err(crypto)?;
    // A positive INTEGER without a leading zero byte: clear the top bit, set the next.
    serial[0] = (serial[0] & 0x7f) | 0x40;
    let serial = SerialNumber::new(&serial).map_err(crypto)?;
    let validity = Validity::new(
        Time::try_from(not_before).map_err(crypto)?,
        Time::try_from(not_after).map_err(crypto)?,
    );
    let spki = spki::SubjectPublicKeyInfoOwned::from_der(key.verifying_key().spki_der())
        .map_err(crypto)?;
    let builder = CertificateBuilder::new(
        SelfSigned {
            subject: subject.0.clone(),
        },
        serial,
        validity,
        spki,
    )
    .map_err(crypto)?;
    let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(key.rsa().clone());
    let cert = builder
        .build::<_, rsa::pkcs1v15::Signature>(&signer)
        .map_err(crypto)?;
    let der = cert.to_der().map_err(crypto)?;
    Certificate::from_der(&der)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO_CERT: &[u8] = include_bytes!("../../testdata/demo-cert.pem");

    #[test]
    fn expires_before_compares_with_the_end_of_the_message_day() {
        let c = Certificate::from_bytes(DEMO_CERT).unwrap();
        let last = c.not_after().date_naive();
        let day = |d: chrono::NaiveDate| crate::date::ExpiryDate::new(d).unwrap();
        // The demo certificate ends at 19:45 UTC: a message for that day outlives it.
        assert!(c.expires_before(day(last)));
        assert!(!c.expires_before(day(last.pred_opt().unwrap())));
        assert!(c.expires_before(day(last.succ_opt().unwrap())));
    }

    fn demo_key() -> SigningKey {
        SigningKey::from_bytes(
            include_bytes!("../../testdata/demo-key.pem"),
            crate::key::Passphrase::None,
        )
        .unwrap()
        .0
    }

    #[test]
    fn multi_line_one_line_and_der_read_the_same() {
        let a = Certificate::from_bytes(DEMO_CERT).unwrap();
        let b = Certificate::from_bytes(include_bytes!("../../testdata/demo-cert.oneline.txt"))
            .unwrap();
        let c = Certificate::from_bytes(a.der()).unwrap();
        assert!(a == b && b == c);
        assert_eq!(
            Certificate::from_bytes(a.to_one_line().as_bytes()).unwrap(),
            a
        );
    }

    #[test]
    fn whois_and_rdap_pastes_are_read() {
        let one = Certificate::from_bytes(DEMO_CERT).unwrap().to_one_line();
        let body = &one[BEGIN.len()..one.len() - END.len()];
        // ARIN whois: split over Comment: lines.
        let mut arin =
            format!("NetRange: 198.51.100.0 - 198.51.100.255\nComment:        {BEGIN}\n");
        for chunk in body.as_bytes().chunks(64) {
            arin += &format!("Comment:        {}\n", std::str::from_utf8(chunk).unwrap());
        }
        arin += &format!("Comment:        {END}\n");
        // RIPE: one descr: line.
        let ripe = format!("inetnum: x\ndescr:          {one}\nsource: RIPE\n");
        for text in [arin, ripe] {
            assert_eq!(
                Certificate::from_bytes(text.as_bytes())
                    .unwrap()
                    .to_one_line(),
                one
            );
        }
        assert_eq!(
            Certificate::all_from_text(&format!("{one}\n{one}")).len(),
            2
        );
    }

    #[test]
    fn openssl_made_certificate_is_self_signed() {
        let info = Certificate::from_bytes(DEMO_CERT)
            .unwrap()
            .info(crate::date::test_now());
        assert!(info.self_signed() && !info.expired);
        assert_eq!(info.key_bits, Some(2048));
        assert_eq!(info.signature_algorithm, "sha256WithRSAEncryption");
    }

    #[test]
    fn built_certificate_verifies_itself_and_has_the_key() {
        let key = demo_key();
        let now = SystemTime::from(crate::date::test_now());
        let cert = build_self_signed(
            &key,
            &"CN=example.com".parse::<Subject>().unwrap(),
            now,
            now + std::time::Duration::from_secs(86_400),
        )
        .unwrap();
        assert_eq!(cert.public_key().unwrap(), *key.verifying_key());
        let info = cert.info(crate::date::test_now());
        assert!(info.self_signed() && info.self_signature_valid == Some(true));
        assert_eq!(info.subject, "CN=example.com");
    }

    #[test]
    fn openssl_subject_form_is_accepted() {
        assert_eq!(
            "/C=NL/CN=x".parse::<Subject>().unwrap().to_string(),
            "CN=x,C=NL"
        );
        assert!(matches!(
            "no equals sign".parse::<Subject>(),
            Err(Error::Subject { .. })
        ));
    }

    #[test]
    fn expired_certificate_is_reported() {
        let info = Certificate::from_bytes(include_bytes!("../../testdata/keys/expired-cert.pem"))
            .unwrap()
            .info(crate::date::test_now());
        assert!(info.expired && info.days_left < 0);
    }

    #[test]
    fn non_certificates_are_errors() {
        assert!(Certificate::from_bytes(b"").is_err());
        assert!(Certificate::from_bytes(include_bytes!("../../testdata/keys/public.pem")).is_err());
        assert!(Certificate::from_bytes(format!("{BEGIN}!!!{END}").as_bytes()).is_err());
        assert!(Certificate::from_bytes(&[0x30, 0x03, 0x02, 0x01]).is_err());
    }
}
