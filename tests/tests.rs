//! The library's integration tests: one test binary, one module per subject, the loopback
//! servers and helpers in `common` (which the command's tests in cli/tests share).

mod common;

mod docs;
mod layers;
mod library_words;
mod online;
mod online_dns;
mod ripedb;
mod roundtrip;
