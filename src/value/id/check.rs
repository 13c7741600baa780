//! The check ids: one enum whose string form is the id docs/ids.md documents ("Check ids",
//! and `byoip audit`'s list in docs/batch.md), each string written once, in the table
//! below.
//!
//! Where each rule lives: an id `SUBJECT.NAME` of the prefix report is judged in
//! `src/judge/check/SUBJECT.rs` (`cert.*` in `cert.rs`, `roa.as<N>` in `roa.rs`); the ids only
//! the BYOASN report has are judged in `src/judge/check/asn.rs`, those of `check --cloud azure|oci`
//! in `src/judge/check/azure_oci.rs`; `key.load` and `context.<cidr>`
//! in `src/judge/audit.rs`, `key.permissions` by the CLI (`cli/src/audit.rs`), which owns the
//! file system.

use std::{fmt, str::FromStr};

use serde::{Serialize, Serializer};

/// Declares [`CheckId`] from one table of `Variant = "id"` rows, so that each id string is
/// written once and [`CheckId::FIXED`] lists every variant without a parameter.
macro_rules! check_ids {
    ($($(#[doc = $doc:literal])* $variant:ident = $id:literal,)*) => {
        /// A check's stable id, as reports, JSON and JUnit name it.
        ///
        /// [`Display`](fmt::Display) and [`FromStr`] give and read the documented string
        /// (`prefix.canonical`, `roa.as16509`, `context.192.0.2.0/24`); [`Serialize`]
        /// writes it as a JSON string.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum CheckId {
            $($(#[doc = $doc])* $variant,)*
            /// `roa.as<N>`: a ROA authorizes Amazon's AS`N` to originate the prefix
            /// (`src/judge/check/roa.rs`).
            Roa(crate::asn::Asn),
            /// `context.<cidr>` (`byoip audit`): a signed context still verifies and has not
            /// expired; the label is the context's CIDR as written, `AS<n>` for a BYOASN
            /// context, `?` when it names none (`src/judge/audit.rs`).
            Context(String),
        }

        impl CheckId {
            /// Every id without a parameter, in the order of the table that declares them.
            pub const FIXED: &'static [CheckId] = &[$(CheckId::$variant,)*];

            /// The id's string when it has no parameter (`const`, so that a lint id of the
            /// same name takes its string from here at compile time).
            pub(crate) const fn fixed(&self) -> Option<&'static str> {
                match self {
                    $(CheckId::$variant => Some($id),)*
                    CheckId::Roa(_) | CheckId::Context(_) => None,
                }
            }

            /// The variant's documentation, for the manual's table of check ids (byoip-check(1)).
            const fn doc(&self) -> &'static str {
                match self {
                    $(CheckId::$variant => concat!($($doc),*),)*
                    CheckId::Roa(_) => ROA_DOC,
                    CheckId::Context(_) => CONTEXT_DOC,
                }
            }
        }
    };
}

check_ids! {
    /// `prefix.canonical`: `--cidr` has no host bits and is spelled canonically
    /// (`src/judge/check/prefix.rs`).
    PrefixCanonical = "prefix.canonical",
    /// `prefix.size`: a prefix length the service accepts (`src/judge/check/prefix.rs`).
    PrefixSize = "prefix.size",
    /// `prefix.public`: not special-purpose space (`src/judge/check/prefix.rs`).
    PrefixPublic = "prefix.public",
    /// `message.format`: the message's bytes are AWS's format (`src/judge/check/message.rs`).
    MessageFormat = "message.format",
    /// `message.cidr`: the message names `--cidr` byte for byte (`src/judge/check/message.rs`).
    MessageCidr = "message.cidr",
    /// `message.asn`: the message names `--asn` in bare decimal (`src/judge/check/asn.rs`).
    MessageAsn = "message.asn",
    /// `message.account`: the message names `--account` (`src/judge/check/message.rs`).
    MessageAccount = "message.account",
    /// `message.subscription`: Azure's message names a valid subscription, `--subscription`
    /// when given (`src/judge/check/message.rs`).
    MessageSubscription = "message.subscription",
    /// `message.expiry`: the message's date leaves room for provisioning
    /// (`src/judge/check/message.rs`).
    MessageExpiry = "message.expiry",
    /// `signature.local`: the signature verifies with your own key
    /// (`src/judge/check/signature.rs`).
    SignatureLocal = "signature.local",
    /// `key.load` (`byoip audit`): the private key loads (`src/judge/audit.rs`).
    KeyLoad = "key.load",
    /// `key.permissions` (`byoip audit`): the key file is private to its owner
    /// (`cli/src/audit.rs`).
    KeyPermissions = "key.permissions",
    /// `key.cert-match`: the published certificate holds your key (`src/judge/check/key.rs`;
    /// `byoip audit`'s, the key against the manifest's certificate, in `src/judge/audit.rs`).
    KeyCertMatch = "key.cert-match",
    /// `cert.validity`: the certificate AWS will use is valid through provisioning
    /// (`src/judge/check/cert.rs`).
    CertValidity = "cert.validity",
    /// `cert.key-size`: RSA-2048 (`src/judge/check/cert.rs`).
    CertKeySize = "cert.key-size",
    /// `cert.self-signed`: the certificate is self-signed (`src/judge/check/cert.rs`).
    CertSelfSigned = "cert.self-signed",
    /// `rdap.registry`: the registry supports the verification method
    /// (`src/judge/check/rdap.rs`).
    RdapRegistry = "rdap.registry",
    /// `rdap.record`: a registry record covers the whole prefix (`src/judge/check/rdap.rs`).
    RdapRecord = "rdap.record",
    /// `rdap.autnum-record`: the registry's autnum record holds the ASN
    /// (`src/judge/check/asn.rs`).
    RdapAutnumRecord = "rdap.autnum-record",
    /// `rdap.allocation-type`: the record's type is one AWS documents
    /// (`src/judge/check/rdap.rs`).
    RdapAllocationType = "rdap.allocation-type",
    /// `rdap.certificate`: a certificate sits where AWS reads it (`src/judge/check/rdap.rs`).
    RdapCertificate = "rdap.certificate",
    /// `rdap.signature`: the signature verifies with a certificate in RDAP, AWS's own
    /// check (`src/judge/check/rdap.rs`).
    RdapSignature = "rdap.signature",
    /// `oci.token`: Oracle's `OCITOKEN::<cidr>:<token>` line sits where Oracle reads it
    /// (`src/judge/check/azure_oci/oci.rs`).
    OciToken = "oci.token",
    /// `dns.token`: the dns-token verification token has not expired (`src/judge/check/dns.rs`).
    DnsToken = "dns.token",
    /// `dns.delegation`: every planned record's reverse zone is delegated
    /// (`src/judge/check/dns.rs`).
    DnsDelegation = "dns.delegation",
    /// `dns.record`: every planned TXT record holds the token value (`src/judge/check/dns.rs`).
    DnsRecord = "dns.record",
    /// `asn.public`: a public ASN (`src/judge/check/asn.rs`).
    AsnPublic = "asn.public",
    /// `roa.own-asn`: a ROA lets the brought ASN originate the prefix
    /// (`src/judge/check/asn.rs`).
    RoaOwnAsn = "roa.own-asn",
    /// `roa.origin`: CloudFront, whose origin ASN is not documented: a ROA covers the
    /// prefix with the maxLength IPAM's rule asks; the origins found are named to verify
    /// (`src/judge/check/roa.rs`).
    RoaOrigin = "roa.origin",
    /// `irr.route`: no hand-made IRR route object names a BYOIP ASN as origin
    /// (`src/judge/check/irr.rs`).
    IrrRoute = "irr.route",
    /// `roa.current-origin`: a ROA authorizes the ASN announcing the prefix today, so its
    /// route stays valid once the cloud's ROAs exist; advisory, it never fails
    /// (`src/judge/check/roa.rs`).
    RoaCurrentOrigin = "roa.current-origin",
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`, so that `{:width$}` lines reports up in columns.
        match (self.fixed(), self) {
            (Some(s), _) => f.pad(s),
            (None, CheckId::Roa(asn)) => f.pad(&format!("{ROA}{asn}")),
            (None, CheckId::Context(label)) => f.pad(&format!("{CONTEXT}{label}")),
            (None, _) => unreachable!("every variant without a parameter has a string"),
        }
    }
}

/// What `roa.as<N>` checks, as its variant's documentation says.
const ROA_DOC: &str = "`roa.as<N>`: a ROA authorizes Amazon's AS`N` to originate the prefix (`src/judge/check/roa.rs`).";
/// What `context.<cidr>` checks, as its variant's documentation says.
const CONTEXT_DOC: &str =
    "`context.<cidr>`: a signed context still verifies and has not expired (`src/judge/audit.rs`).";

impl CheckId {
    /// The id as a manual lists it: its string, or its pattern for an id with a parameter
    /// (`roa.as<N>`, `context.<cidr>`). With [`summary`](Self::summary), a table of every
    /// check id (`byoip help check`'s, the man page's) is `FIXED` plus one `Roa` and one
    /// `Context`.
    pub fn pattern(&self) -> String {
        match self {
            CheckId::Roa(_) => format!("{ROA}<N>"),
            CheckId::Context(_) => format!("{CONTEXT}<cidr>"),
            id => id.to_string(),
        }
    }

    /// What the check asks, in a sentence: the variant's documentation without the id it
    /// opens with, the source file it closes with, or code quotes.
    pub fn summary(&self) -> String {
        let doc = self.doc();
        let doc = doc
            .split_once("`: ")
            .or_else(|| doc.split_once("): "))
            .map_or(doc, |(_, d)| d);
        let doc = doc.split(" (`src/").next().unwrap_or(doc);
        let doc = doc.split(" (`cli/src/").next().unwrap_or(doc);
        let doc = doc
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('`', "");
        doc.trim_end_matches('.').to_string()
    }
}

impl CheckId {
    /// True for the checks of the signed message itself (`message.*`): those a report
    /// leaves out when no message was given, and those `audit` judges of each context.
    pub fn is_message(&self) -> bool {
        self.fixed().is_some_and(|s| s.starts_with("message."))
    }
}

/// The prefix of `roa.as<N>`.
const ROA: &str = "roa.as";
/// The prefix of `context.<cidr>`.
const CONTEXT: &str = "context.";

/// A string that is no check id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCheckId(pub String);

impl fmt::Display for UnknownCheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a check id", self.0)
    }
}

impl std::error::Error for UnknownCheckId {}

impl FromStr for CheckId {
    type Err = UnknownCheckId;

    /// The inverse of `Display`: only the exact documented spelling is read (`roa.as<N>`
    /// with `N` in decimal without leading zeros, `context.` with a non-empty label).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(id) = CheckId::FIXED.iter().find(|id| id.fixed() == Some(s)) {
            return Ok(id.clone());
        }
        if let Some(n) = s.strip_prefix(ROA)
            && let Ok(asn) = n.parse::<u32>()
            && asn.to_string() == n
        {
            return Ok(CheckId::Roa(crate::asn::Asn::new(asn)));
        }
        match s.strip_prefix(CONTEXT) {
            Some(label) if !label.is_empty() => Ok(CheckId::Context(label.to_string())),
            _ => Err(UnknownCheckId(s.to_string())),
        }
    }
}

impl Serialize for CheckId {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_round_trips_through_its_string() {
        let all = CheckId::FIXED.iter().cloned().chain([
            CheckId::Roa(crate::asn::Asn::new(16509)),
            CheckId::Roa(crate::asn::Asn::new(0)),
            CheckId::Context("192.0.2.0/24".into()),
            CheckId::Context("AS64496".into()),
            CheckId::Context("?".into()),
        ]);
        for id in all {
            let s = id.to_string();
            assert_eq!(s.parse::<CheckId>(), Ok(id.clone()), "{s}");
            assert_eq!(serde_json::to_value(&id).unwrap(), serde_json::json!(s));
        }
        assert_eq!(
            CheckId::Roa(crate::asn::Asn::new(14618)).to_string(),
            "roa.as14618"
        );
        assert_eq!(format!("{:13}|", CheckId::DnsRecord), "dns.record   |");
        assert_eq!(
            format!("{:13}|", CheckId::Roa(crate::asn::Asn::new(1))),
            "roa.as1      |"
        );
        assert_eq!(
            CheckId::Context("AS64496".into()).to_string(),
            "context.AS64496"
        );
    }

    #[test]
    fn only_the_documented_spelling_is_an_id() {
        for bad in [
            "",
            "prefix",
            "Prefix.canonical",
            "prefix.canonical ",
            "roa.as",
            "roa.as+1",
            "roa.as016509",
            "roa.asx",
            "roa.as4294967296",
            "context.",
        ] {
            assert_eq!(
                bad.parse::<CheckId>(),
                Err(UnknownCheckId(bad.into())),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn each_fixed_id_is_listed_once() {
        let mut names: Vec<String> = CheckId::FIXED.iter().map(ToString::to_string).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n);
    }

    /// docs/ids.md documents every id, and every id in its table of check ids is one.
    #[test]
    fn the_docs_document_every_id_and_only_ids() {
        let page = crate::id::lint::tests::IDS_PAGE;
        for id in CheckId::FIXED {
            assert!(
                page.contains(&format!("`{id}`")),
                "docs/ids.md lacks `{id}`"
            );
        }
        for pattern in ["`roa.as16509`", "`context.<cidr>`"] {
            assert!(page.contains(pattern), "docs/ids.md lacks {pattern}");
        }
        // Backquoted words of the first column, options (`--asn`) aside.
        let listed: Vec<CheckId> =
            crate::id::lint::tests::docs_table_ids("| id | passes when | source |")
                .into_iter()
                .filter(|id| !id.starts_with('-'))
                .map(|id| id.parse().expect("a row of the table names an id"))
                .collect();
        // The table is `check`'s; `byoip audit`'s own ids are described with audit.
        for id in CheckId::FIXED {
            let audit_only = matches!(id, CheckId::KeyLoad | CheckId::KeyPermissions);
            assert_eq!(
                listed.contains(id),
                !audit_only,
                "docs/ids.md's table and `{id}`"
            );
        }
        assert!(listed.contains(&CheckId::Roa(crate::asn::Asn::new(16509))));
    }
}
