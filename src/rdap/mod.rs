//! RDAP as AWS reads it: find the registry (RFC 9224 bootstrap), fetch the IP network
//! record (RFC 9082), read it leniently (RFC 9083 and the quirks of real servers), find
//! every certificate in its remarks, and judge where each one sits (AWS, "Prerequisites for
//! BYOIP in Amazon EC2").
//!
//! Everything here but [`client`] is pure: bytes in, facts out, tested without a network.

pub mod autnum;
pub mod bootstrap;
pub mod certs;
#[cfg(feature = "net")]
pub mod client;
pub mod network;
pub mod registry;
pub mod saved;

pub use autnum::Autnum;
pub use bootstrap::Bootstrap;
pub use certs::{FoundCertificate, Place, certificates};
#[cfg(feature = "net")]
pub use client::{AutnumLookup, Lookup, Resolver, ResolverConfig};
pub use network::{IpNetwork, Remark};
pub use registry::{Identification, Nir, Placement, Registry};

/// Largest RDAP document read (real ones are a few KiB; a record with many entities and
/// certificates stays far below this).
pub const MAX_RDAP_BYTES: u64 = 4 * 1024 * 1024;

/// The media type RDAP servers answer with (RFC 9083 §10.1).
pub const RDAP_ACCEPT: &str = "application/rdap+json, application/json;q=0.9";

/// An autnum record and where it came from, as [`Record`] for a network.
#[derive(Clone, Debug)]
pub struct AutnumRecord {
    /// The parsed record.
    pub autnum: Autnum,
    /// The URL that answered (after redirects), or the file it was read from.
    pub source: String,
    /// True when `source` is a URL.
    pub fetched: bool,
    /// The answer's bytes as received (what `byoip rdap fetch --asn` saves).
    pub body: Vec<u8>,
}

/// A record and where it came from: fetched by [`client`] (the `net` feature) or read from
/// a saved answer ([`saved`]).
#[derive(Clone, Debug)]
pub struct Record {
    /// The parsed record.
    pub network: IpNetwork,
    /// The URL that answered (after redirects), or the file it was read from.
    pub source: String,
    /// True when `source` is a URL.
    pub fetched: bool,
    /// The answer's bytes as received (what `byoip rdap fetch` saves).
    pub body: Vec<u8>,
}
