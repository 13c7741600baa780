//! Sign, verify and check the proofs of control that clouds ask for when you bring your own
//! IP addresses or ASN: AWS's BYOIP authorization context (EC2, VPC IPAM, Global
//! Accelerator, BYOASN), Azure Custom IP Prefix's signed message, Oracle's registry token.
//!
//! This is the library behind the `byoip` command (the package `byoip-cli`, which uses only
//! this public API); the README and `docs/` are the command's manual. A Rust program takes
//! the same steps the command does.
//!
//! # Where to start
//!
//! | Task | Entry points |
//! |---|---|
//! | Write a message | [`AuthorizationMessage::new`] (a prefix), [`AuthorizationMessage::new_asn`] (BYOASN), Azure's [`AzureMessage::new`]; either form read by its shape: [`AnyMessage`] |
//! | Load a key or certificate | [`key::SigningKey::from_bytes`], [`key::VerifyingKey::from_bytes`], [`certificate::Certificate::from_bytes`]; [`rdap::read_certificate`] also takes a saved RDAP answer |
//! | Make the certificate a registry publishes | [`certificate::build_self_signed`], then [`certificate::Certificate::to_one_line`] |
//! | Sign | [`signature::sign`] (AWS), [`signature::sign_any`] (either cloud); [`signature::SignedMessage::context`] is what AWS takes |
//! | Verify a signature you were given (yes or no, one RSA verification) | [`signature::verify_strict`] |
//! | Verify, and say why not | [`signature::diagnose`] → [`signature::Verification`] |
//! | Read contexts you were given | [`context::AuthorizationContext::parse`]; a file of them: [`contexts::read_contexts`] |
//! | Lint a message's bytes | [`lint()`] with [`LintOptions`] |
//! | Check the prerequisites | [`check::run`] (a prefix, for AWS, Azure or Oracle), [`check::run_asn`] (BYOASN), acting on [`check::Report::ready`]; a context to check: `check::Signed::from(&context)`; `check::online::Sources` gathers the evidence (feature `net`) |
//! | Read registry records | [`rdap::saved::records`], [`rdap::IpNetwork::from_json`], [`rdap::identify`]; the proofs each cloud reads where they sit: [`proof::certificates`], [`ocitoken::search`]; RIPE Database objects: [`ripedb::RipeObject::from_json`] |
//! | Judge ROAs | [`roa::vrps::parse`], [`check::RoaEvidence::from_vrps`] |
//! | Read IRR route objects (RPSL) | [`irr::parse`] → [`irr::RpslObject`]; as `irr.route`'s evidence: [`check::IrrEvidence::from_saved`] |
//! | Prove control with dns-token | [`dnstoken::Token::from_aws_json`], [`dnstoken::plan`], [`dnstoken::judge`] |
//! | Write Oracle's token line | [`ocitoken::line`] |
//! | Print the provisioning command | [`provision::command`], [`provision::byoasn_command`], [`provision::dns_token_command`]; Azure's [`provision::azure_cli_command`], [`provision::azure_powershell_command`], [`provision::azure_terraform`] |
//! | Know what a cloud wants | [`Cloud::profile`] → [`Profile`] (message, [`Scheme`], [`Encoding`], ROA origins, sizes, where the proof goes: [`Placement`]); whose form a message has: [`cloud_of`]; Azure's failure codes: [`azure_codes`] |
//! | Many prefixes from one file | `manifest::Manifest::parse` (feature `manifest`) |
//!
//! Failures to read or do something are [`Error`]s (each with [`Error::hint`], what to do);
//! a failed check or an invalid signature is not an error but a verdict, as data. The
//! public enums and the structs the library hands back (reports, verdicts, parsed records)
//! are `#[non_exhaustive]`: match them with a `_` arm, and read their fields rather than
//! building them, so that a variant or field added later is not a breaking change.
//!
//! # Build and sign a message
//!
//! [`AuthorizationMessage`] is AWS's `1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS`; its
//! `Display` is the one writer of that text and `FromStr` its inverse. Keys load from any
//! form OpenSSL writes ([`key::SigningKey::from_bytes`] asks for a passphrase only when the
//! key is encrypted). [`signature::sign`] signs with RSASSA-PSS (SHA-256, salt 32) and
//! encodes in AWS's base64 variant.
//!
//! ```
//! use byoip::{AuthorizationMessage, key::SigningKey, signature};
//!
//! let message = AuthorizationMessage::new(
//!     "123456789012".parse()?,
//!     "198.51.100.0/24".parse()?,
//!     "20271231".parse()?,
//! );
//! assert_eq!(message.to_string(), "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS");
//!
//! let pem = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/demo-key.pem")).unwrap();
//! let (key, _form) = SigningKey::from_bytes(&pem, byoip::key::Passphrase::None)?;
//! let signed = signature::sign(&key, &message)?;
//! // What `aws ec2 provision-byoip-cidr --cidr-authorization-context` takes:
//! assert!(signed.context().starts_with("Message=\"1|aws|123456789012|198.51.100.0/24|"));
//! // And the whole command that provisions it (here for EC2, advertised, no pool or Region).
//! let command = byoip::provision::command(byoip::Service::Ec2, &signed, true, None, None);
//! assert!(command.starts_with("aws ec2 provision-byoip-cidr --cidr 198.51.100.0/24 --cidr-authorization-context "));
//! # Ok::<(), byoip::Error>(())
//! ```
//!
//! # Verify, and say why not
//!
//! Two functions, one verdict. [`signature::verify_strict`] is the cloud's own check and
//! nothing more: its scheme and encoding (AWS: RSASSA-PSS, SHA-256, salt 32, AWS's base64
//! variant; Azure: PKCS#1 v1.5, SHA-256, standard base64) over the exact bytes, `true` or
//! `false`, one RSA verification whether the signature is good or bad. **Use it on input you
//! did not make** (a service accepting authorization contexts): malformed text is `false`,
//! never a panic, and a bad signature costs no more than a good one.
//!
//! [`signature::diagnose`] gives the same verdict ([`signature::Verification::valid`]) and,
//! when it is no, re-verifies under the mistakes people make (a trailing newline, the wrong
//! salt length, PKCS#1 v1.5, plain base64, another key) and names the one that makes it
//! verify: 30 to 40 verifications more, for an answer someone will read (`byoip verify`).
//!
//! ```
//! use byoip::{Cloud, certificate::Certificate, signature};
//!
//! let pem = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/demo-cert.pem")).unwrap();
//! let cert = Certificate::from_bytes(&pem)?;
//! let key = cert.public_key()?;
//! let message = "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS";
//! let received = "not-a-signature".into();
//! // Accept or refuse:
//! assert!(!signature::verify_strict(Cloud::Aws, &key, message.as_bytes(), &received));
//! // Or say why:
//! let verdict = signature::diagnose(Cloud::Aws, &key, message.as_bytes(), &received, &[]);
//! assert!(!verdict.valid);
//! // Each diagnosis has a stable id (a `signature::DiagnosisId`), a message and a hint.
//! assert_eq!(verdict.diagnosis[0].id, signature::DiagnosisId::Encoding);
//! # Ok::<(), byoip::Error>(())
//! ```
//!
//! # Other clouds
//!
//! [`Cloud`] names the clouds and [`Profile`] holds what each wants (message, scheme,
//! encoding, ROA origins, sizes, where the proof goes in each registry). [`AnyMessage`]
//! reads either message form by its shape ([`cloud_of`] names the shape's cloud without
//! parsing); Azure's is [`AzureMessage`], signed with PKCS#1 v1.5 in standard base64 by
//! [`signature::sign_any`]. The failure codes Azure reports that byoip predicts are
//! [`azure_codes`]; a lint finding, diagnosis or check carries the one that applies.
//!
//! ```
//! use byoip::{AnyMessage, Cloud, key::SigningKey, signature};
//!
//! let message: AnyMessage = "3f2a1b4c-0000-4000-8000-123456789abc|198.51.100.0/24|20271231".parse()?;
//! assert_eq!(message.cloud(), Cloud::Azure);
//! let pem = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/demo-key.pem")).unwrap();
//! let (key, _) = SigningKey::from_bytes(&pem, byoip::key::Passphrase::None)?;
//! let signed = signature::sign_any(&key, &message)?;
//! assert!(signature::verify_strict(
//!     Cloud::Azure,
//!     key.verifying_key(),
//!     message.to_string().as_bytes(),
//!     &signed.signature,
//! ));
//! # Ok::<(), byoip::Error>(())
//! ```
//!
//! # Lint a message
//!
//! [`lint()`] lists every problem with a message's bytes (not only the first), each a
//! [`Finding`] with a stable id (a [`LintId`], the string `lint --json` prints), a
//! [`Severity`] and a hint. The ids of lint findings, signature diagnoses and check reports
//! are enums ([`LintId`], [`signature::DiagnosisId`], [`check::CheckId`]) whose strings are
//! the documented ones; [`LintId::check_id`] names the check that reports a finding.
//!
//! ```
//! use byoip::{LintId, LintOptions, lint};
//!
//! let findings = lint(b"1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS\n", &LintOptions::today());
//! assert!(findings.iter().any(|f| f.id == LintId::MessageWhitespace));
//! ```
//!
//! # Check a prefix before asking the cloud
//!
//! [`check::run`] judges evidence you supply (the RDAP record, VRPs, the signed message,
//! the certificate) and returns a [`check::Report`] whose every check is `pass`, `warn`,
//! `fail`, `skip` or `not-run` with a reason: it never reports a check it could not make as
//! passed. One [`check::Inputs`] serves every cloud: [`check::Inputs::new`] takes what an
//! AWS report needs (the CIDR as the user wrote it, the service, the time) and
//! [`check::Inputs::for_cloud`] what Azure's or Oracle's does (the cloud, the CIDR, the
//! time); the evidence goes in its fields, and a field of another cloud (an AWS account for
//! Azure) is refused, never left unread. The CIDR text is the one
//! source of truth: it is read into a [`Cidr`], the text and the prefix it denotes (host bits
//! cleared), so the report's prefix is always the text's; host bits set are a failing
//! `prefix.canonical`, and only text that names no prefix at all is an error.
//! [`Cidr::exact`] is the strict reading, for a caller that must refuse host bits (a message
//! to sign).
//!
//! The inputs and settings are `#[non_exhaustive]`, so a field added later is not a breaking
//! change: build them with their constructor ([`check::Inputs::new`],
//! [`check::Inputs::for_cloud`], [`check::AsnInputs::new`], [`check::Signed::new`]) or, for the
//! network settings (`http::HttpConfig`, `rdap::ResolverConfig`, `dns::DnsConfig`, feature
//! `net`), their `Default`, then set the fields you need.
//! Act on [`check::Report::ready`]: no check failed, every check ran, and none was left out
//! for want of evidence you did not supply (no message given, the registry not asked);
//! [`check::Report::left_out`] lists those, each with what was missing. A check skipped by
//! rule (under `dns-token` no certificate is needed) does not stop it.
//! [`check::Report::ok`] is the CLI's looser `ok` (nothing failed, everything ran, skips
//! allowed): a report with nothing checked is `ok`, never `ready`. A saved registry answer becomes evidence with
//! `from_saved`: [`check::RdapEvidence::from_saved`] (a prefix's record),
//! [`check::AutnumEvidence::from_saved`] (an ASN's, for [`check::run_asn`]) and
//! [`check::RipeDbEvidence::from_saved`] (the RIPE Database object whose `remarks:` Azure
//! reads in RIPE NCC space).
//!
//! ```
//! use byoip::check::{self, CheckId, Inputs, RdapEvidence, Status};
//! use byoip::{Service, certificate::Certificate, chrono::Utc};
//!
//! let testdata = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata");
//! let cert = Certificate::from_bytes(&std::fs::read(format!("{testdata}/demo-cert.pem")).unwrap())?;
//! // A saved RDAP answer: what `byoip rdap fetch` writes, or the registry's JSON.
//! let saved = std::fs::read(format!("{testdata}/rdap/synthetic/arin-good.json")).unwrap();
//!
//! let cidr = "192.198.0.0/24";
//! let mut inputs = Inputs::new(cidr, Service::Ec2, Utc::now())?;
//! inputs.certificate = Some(&cert);
//! inputs.rdap = RdapEvidence::from_saved(&saved, "arin-good.json")?;
//! let report = check::run(&inputs);
//! assert_eq!(report.get(&CheckId::RdapRecord).unwrap().status, Status::Pass);
//! // No ROAs were given: their checks are skipped, never passed.
//! assert_eq!(report.get(&CheckId::Roa(byoip::Asn::new(16509))).unwrap().status, Status::Skip);
//! // So the report is not ready, and says what was left out.
//! assert!(!report.ready());
//! assert!(report.left_out().any(|c| c.id == CheckId::Roa(byoip::Asn::new(16509))));
//! # Ok::<(), byoip::Error>(())
//! ```
//!
//! ROA evidence from a saved VRP file (Routinator's or rpki-client's export): read it with
//! [`roa::vrps::parse`] and give the report an answer for each origin it judges with
//! [`check::RoaEvidence::from_vrps`]. The report says which origins those are
//! ([`check::Inputs::roa_origins`]: Amazon's ASNs for the service and partition, Azure's
//! or Oracle's for the cloud and region), so you need not know them.
//! Each answer keeps the prefix it was computed for (a report refuses one for another
//! prefix as `not-run`) and each ROA's expiry (an expired ROA authorizes nothing). No
//! network is needed. With the `net` feature, `check::online::Sources` gathers all of it
//! (online, offline from files, or local only) and runs the report in one call:
//! `Sources::check` for a prefix (the RDAP record, the ROAs for the cloud's origins; for
//! AWS the IRR, for Azure and Oracle the RIPE Database object of RIPE NCC space), `Sources::check_asn` for
//! BYOASN (the autnum record, and with a prefix its ROAs). Saved evidence given to them
//! (e.g. `check::RdapEvidence::from_saved`) wins over the network; evidence that cannot be
//! had is `not-run`, so an offline run without it is never `ready`.
//!
//! ```
//! use byoip::check::{self, CheckId, Inputs, RoaEvidence, Status};
//! use byoip::{Asn, Service, chrono::Utc, roa::vrps};
//!
//! let saved = std::fs::read(concat!(
//!     env!("CARGO_MANIFEST_DIR"),
//!     "/testdata/vrp/synthetic-aws.csv"
//! ))
//! .unwrap();
//! let file = vrps::parse(&saved, "synthetic-aws.csv")?;
//!
//! let mut inputs = Inputs::new("192.198.0.0/24", Service::Ec2, Utc::now())?;
//! inputs.roa = RoaEvidence::from_vrps(&file, inputs.prefix(), &inputs.roa_origins(), "synthetic-aws.csv");
//! let report = check::run(&inputs);
//! // AS16509 may originate the /24; AS14618's ROA stops at /22.
//! assert_eq!(report.get(&CheckId::Roa(Asn::new(16509))).unwrap().status, Status::Pass);
//! let short = report.get(&CheckId::Roa(Asn::new(14618))).unwrap();
//! assert_eq!(short.status, Status::Fail);
//! assert!(short.message.contains("too short for a /24"), "{}", short.message);
//! # Ok::<(), byoip::Error>(())
//! ```
//!
//! # Prove control with dns-token
//!
//! VPC IPAM can verify a prefix by TXT records in its reverse DNS instead of a signed
//! message. [`dnstoken::plan`] lists the records to publish for a token (one per reverse
//! zone boundary the prefix spans); [`dnstoken::judge`] asks DNS for each and says which
//! are found, missing or wrong (with the `net` feature, `dns::Client` asks a resolver; any
//! [`dnstoken::Lookup`] will do).
//!
//! ```
//! use byoip::dnstoken::{self, Token};
//!
//! let token = Token::new("ipam-ext-res-ver-token-0123456789abcdef", "token-value")?;
//! let plan = dnstoken::plan("198.51.100.0/24".parse()?, &token)?;
//! assert_eq!(plan.records.len(), 1);
//! assert_eq!(
//!     plan.records[0].name,
//!     "ipam-ext-res-ver-token-0123456789abcdef.100.51.198.in-addr.arpa"
//! );
//! assert_eq!(plan.records[0].value, "token-value");
//! # Ok::<(), byoip::Error>(())
//! ```
//!
//! # Keys and passphrases
//!
//! [`key::Passphrase`] says where an encrypted key's passphrase comes from: none, given, or
//! asked for (a prompt) only when the key turns out to be encrypted. Key types never show
//! key material or passphrases in `Debug`. The rsa crate's types are not part of this API.
//!
//! # Time
//!
//! Dates and times are chrono's ([`chrono::DateTime<Utc>`](chrono::DateTime),
//! [`chrono::NaiveDate`]); byoip re-exports the chrono it was built with as
//! [`byoip::chrono`](crate::chrono), so your values are the types it takes.
//!
//! # Features
//!
//! None by default; a user opts in: `net` (HTTP for RDAP, RPKI validators and the RIPE
//! Database; DNS for dns-token), `manifest` (`byoip.toml`), `ring` (a faster signer). The
//! `byoip` command (the package `byoip-cli`) takes all three. Without them everything above
//! still works, with no network or TOML crate in the tree, and the library builds for
//! `wasm32-unknown-unknown`. There, chrono
//! has no clock: pass the time in yourself (`LintOptions::on(today)`, `Inputs::new(.., now)`)
//! rather than calling [`today_utc`] or [`LintOptions::today`].

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// On docs.rs (which builds with `--cfg docsrs` and every feature, Cargo.toml's
// package.metadata.docs.rs), each item that needs a feature is marked with it.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

// The layers, bottom up (docs/development.md): each imports only from those below it.
// They are private; each module keeps its public path through the re-exports below.
mod crypto;
pub mod error;
mod evidence;
mod format;
mod judge;
#[cfg(feature = "net")]
mod net;
mod policy;
mod value;

pub use crypto::certificate;
pub use crypto::key;
pub use crypto::signature;
pub use evidence::irr;
pub use evidence::ocitoken;
pub use evidence::proof;
pub use evidence::rdap;
pub use evidence::ripedb;
pub use evidence::roa;
pub use format::context;
pub use format::contexts;
pub use format::dnstoken;
pub(crate) use format::message;
#[cfg(feature = "manifest")]
pub use judge::audit;
pub use judge::check;
pub(crate) use judge::lint;
#[cfg(feature = "manifest")]
pub use judge::manifest;
#[cfg(feature = "net")]
pub use net::dns;
#[cfg(feature = "net")]
pub use net::http;
#[cfg(feature = "net")]
pub use net::whois;
pub use policy::provision;
pub use policy::rules;
pub(crate) use value::account;
pub(crate) use value::asn;
pub(crate) use value::cloud;
pub(crate) use value::date;
pub use value::encoding;
use value::fingerprint;
use value::id;
pub(crate) use value::nouns;
pub(crate) use value::prefix;
use value::registry;
pub(crate) use value::service;
use value::signature_text;
pub(crate) use value::subscription;

pub use account::AccountId;
pub use asn::{Asn, ParsedAsn, SpecialAsn, looks_like_asn};
pub use cloud::{
    Cloud, Encoding, Field, Placement, Profile, Proof, Region, RegionalOrigin, RoaLength, RoaRule,
    Scheme, Sizes, UnknownCloud,
};
pub use date::{DEFAULT_EXPIRES, ExpiryDate, today_utc};
pub use error::{Error, Remedy, Result};
pub use lint::{Finding, LintId, LintOptions, Severity, lint};
pub use message::azure::codes as azure_codes;
pub use message::{AnyMessage, AuthorizationMessage, AzureMessage, Resource, cloud_of};
pub use prefix::{Cidr, ParsedPrefix, Prefix, SizeViolation, SpecialPurpose};
pub use service::{NetworkBorderGroup, Service, VerificationMethod};
pub use subscription::SubscriptionId;

/// The date and time types the API takes (`DateTime<Utc>`, `NaiveDate`), re-exported so a
/// caller uses the same chrono as byoip.
pub use chrono;
/// `IpNet`, the address block of [`Prefix::net`], of RDAP records' CIDRs and of the
/// dns-token and OCI token helpers, re-exported so a caller uses the same ipnet as byoip.
pub use ipnet;
/// `Zeroizing`, which carries passphrases and private key bytes through the API and wipes
/// them when dropped, re-exported so a caller need not depend on zeroize itself.
pub use zeroize;

// The Rust examples of the README and of docs/library.md run as doctests too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(doctest)]
#[doc = include_str!("../docs/library.md")]
struct LibraryDoctests;
