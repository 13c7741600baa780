//! The command's integration tests: one test binary (as ripgrep keeps its own), one module
//! per subject, each running the `byoip` binary this package builds
//! (`CARGO_BIN_EXE_byoip`, which only this package's tests have). The helpers and the
//! loopback servers are the workspace's `tests/common`, shared with the library's tests;
//! `testdata/` is at the workspace root.

#[path = "../../tests/common/mod.rs"]
mod common;

mod azure;
mod batch;
mod byoasn;
mod catalogue;
mod check;
mod check_clouds;
mod cli;
mod clock;
mod cloudfront;
mod clouds;
mod current_origin;
mod diagnosis;
mod dns_token;
mod early;
mod false_ready;
mod fetch;
mod first_use;
mod flag_advice;
mod inputs;
mod interop;
mod irr;
mod json_fields;
mod json_output;
mod prompt;
mod rules;
