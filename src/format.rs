//! Message formats: each cloud's message, authorization contexts and their files, the dns-token token and records.
//!
//! A layer of the library (docs/development.md): it imports only from the layers below.

pub mod context;
pub mod contexts;
pub mod dnstoken;
pub mod message;
