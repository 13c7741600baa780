#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod account;
pub mod asn;
pub mod audit;
pub mod batch;
pub mod certificate;
pub mod check;
pub mod cloud;
pub mod context;
pub mod date;
#[cfg(feature = "net")]
pub mod dns;
pub mod dnstoken;
pub mod encoding;
pub mod error;
#[cfg(feature = "net")]
pub mod http;
pub mod key;
pub mod lint;
#[cfg(feature = "manifest")]
pub mod manifest;
pub mod message;
pub mod ocitoken;
pub mod prefix;
pub mod proof;
pub mod provision;
pub mod rdap;
pub mod ripedb;
pub mod roa;
pub mod signature;
pub mod subscription;
pub mod text;

pub use account::AccountId;
pub use asn::Asn;
pub use cloud::Cloud;
pub use date::{ExpiryDate, today_utc};
pub use error::{Error, Result};
pub use lint::{Finding, LintOptions, Severity, lint};
pub use message::{AnyMessage, AuthorizationMessage, AzureMessage, Resource};
pub use prefix::{Prefix, Service};
pub use subscription::SubscriptionId;
