//! RDAP as AWS reads it: find the registry (RFC 9224 bootstrap), fetch the IP network
//! record (RFC 9082), read it leniently (RFC 9083 and the quirks of real servers), find
//! every certificate in its remarks, and judge where each one sits (AWS, "Prerequisites for
//! BYOIP in Amazon EC2").
//!
//! Everything here but `client` (the `net` feature) is pure: bytes in, facts out, tested without a network.

pub(crate) mod autnum;
pub(crate) mod bootstrap;
pub(crate) mod certs;
#[cfg(feature = "net")]
pub(crate) use crate::net::rdap_client as client;
pub(crate) mod network;
pub(crate) mod registry;
pub mod saved;

pub use autnum::Autnum;
pub use bootstrap::{Bootstrap, MAX_BOOTSTRAP_BYTES};
pub use certs::{
    FoundCertificate, Place, RdapCertificate, ReadCertificate, answer_certificates,
    autnum_certificates, certificates, on_autnum, read_certificate,
};
#[cfg(feature = "net")]
pub use client::{AutnumLookup, BootstrapSource, Lookup, Resolver, ResolverConfig};
pub use network::{Entity, IpNetwork, Link, Remark};
pub(crate) use registry::Placement;
pub use registry::{Identification, Nir, Registry, identify, identify_autnum, stub_reason};

/// Largest RDAP document read (real ones are a few KiB; a record with many entities and
/// certificates stays far below this): the client's cap, and what a program reading a saved
/// answer can apply.
pub const MAX_RDAP_BYTES: u64 = 4 * 1024 * 1024;

/// The media type RDAP servers answer with (RFC 9083 §10.1).
#[cfg_attr(not(feature = "net"), allow(dead_code))]
pub(crate) const RDAP_ACCEPT: &str = "application/rdap+json, application/json;q=0.9";

/// Where an RDAP answer came from: a server, or a file saved from one. Only a server's URL
/// is evidence of which registry answered.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Source {
    /// The URL that answered (after redirects).
    Url(String),
    /// The saved file it was read from, as the user named it.
    File(String),
}

impl Source {
    /// The URL, when the answer came from a server.
    pub fn url(&self) -> Option<&str> {
        match self {
            Source::Url(u) => Some(u),
            Source::File(_) => None,
        }
    }
}

impl std::fmt::Display for Source {
    /// The URL or the file name, as given.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Url(s) | Source::File(s) => f.write_str(s),
        }
    }
}

impl serde::Serialize for Source {
    /// The URL or the file name, a string as before.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An autnum record and where it came from, as [`Record`] for a network.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AutnumRecord {
    /// The parsed record.
    pub autnum: Autnum,
    /// Where the answer came from.
    pub source: Source,
    /// The answer's bytes as received (what `byoip rdap fetch --asn` saves).
    pub body: Vec<u8>,
    /// When a saved answer was fetched and from where, as `byoip rdap fetch` records it in
    /// the file ([`saved::Fetched`]); `None` for an answer fetched for this report and for a
    /// file that does not record it. The report's age of the answer reads this first.
    pub fetched: Option<saved::Fetched>,
    /// When a saved answer was saved, where known: the caller reading a file gives it (the
    /// CLI: the file's modification time), used for its age when the file records no
    /// [`fetched`](Self::fetched) time. `None` for an answer fetched for this report. The
    /// report shows the answer's age and warns when it is older than 30 days.
    pub saved_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A record and where it came from: fetched by `client` (the `net` feature) or read from
/// a saved answer ([`saved`]).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Record {
    /// The parsed record.
    pub network: IpNetwork,
    /// Where the answer came from.
    pub source: Source,
    /// The answer's bytes as received (what `byoip rdap fetch` saves).
    pub body: Vec<u8>,
    /// When a saved answer was fetched and from where, as `byoip rdap fetch` records it in
    /// the file ([`saved::Fetched`]); `None` for an answer fetched for this report and for a
    /// file that does not record it. The report's age of the answer reads this first.
    pub fetched: Option<saved::Fetched>,
    /// When a saved answer was saved, where known: the caller reading a file gives it (the
    /// CLI: the file's modification time), used for its age when the file records no
    /// [`fetched`](Self::fetched) time. `None` for an answer fetched for this report. The
    /// report shows the answer's age and warns when it is older than 30 days.
    pub saved_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[cfg(test)]
mod source_tests {
    use super::Source;

    #[test]
    fn only_a_server_answer_has_a_url() {
        let url = Source::Url("https://rdap.arin.net/registry/ip/192.0.2.0/24".into());
        let file = Source::File("rdap/ip/saved.json".into());
        assert_eq!(
            url.url(),
            Some("https://rdap.arin.net/registry/ip/192.0.2.0/24")
        );
        assert_eq!(file.url(), None);
        assert_eq!(file.to_string(), "rdap/ip/saved.json");
        assert_eq!(
            serde_json::to_value(&url).unwrap(),
            serde_json::json!("https://rdap.arin.net/registry/ip/192.0.2.0/24")
        );
    }
}
