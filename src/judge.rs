//! Judging: the message linter, the prerequisite checks and their report, the manifest and its audit.
//!
//! A layer of the library (docs/development.md): it imports only from the layers below.

pub mod check;
pub mod lint;
#[cfg(feature = "manifest")]
pub mod manifest;
// Judges a manifest's key material and contexts (`byoip audit`): it reads the manifest's entries.
#[cfg(feature = "manifest")]
pub mod audit;
