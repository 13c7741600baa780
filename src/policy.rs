//! What each cloud takes: the rules table (each row a value, its public source and a quote), the cloud profiles built from it, and the provisioning commands.
//!
//! A layer of the library (docs/development.md): it imports only from the layers below.

pub mod provision;
pub mod rules;
