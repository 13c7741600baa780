//! Values: the newtypes every layer above takes (accounts, ASNs, prefixes, dates, clouds, registries, ids, encodings).
//!
//! A layer of the library (docs/development.md): it imports only from the layers below.

pub mod account;
pub mod asn;
pub mod cloud;
pub mod date;
pub mod encoding;
pub(crate) mod fingerprint;
pub(crate) mod id;
pub(crate) mod nouns;
pub mod prefix;
pub(crate) mod registry;
pub mod service;
pub(crate) mod signature_text;
pub mod subscription;
