//! The network (feature `net`): HTTP, DNS and whois clients, the RDAP client, and the `Sources` that gather evidence for a check.
//!
//! A layer of the library (docs/development.md): it imports only from the layers below.

#[cfg(feature = "net")]
pub mod dns;
pub(crate) mod fetch;
#[cfg(feature = "net")]
pub mod http;
pub mod rdap_client;
pub mod sources;
#[cfg(feature = "net")]
pub mod whois;
