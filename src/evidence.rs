//! Evidence: RDAP records and the proofs in them, ROAs and VRPs, RIPE Database and IRR objects, Oracle's token.
//!
//! A layer of the library (docs/development.md): it imports only from the layers below.

pub mod irr;
pub mod ocitoken;
pub mod proof;
pub mod rdap;
pub mod ripedb;
pub mod roa;
