//! The stable ids of check reports, lint findings and signature diagnoses: one
//! `#[non_exhaustive]` enum each, whose string form is the documented id (docs/ids.md). They
//! are values, below the checks, the linter and the signer that report them, so a lint id
//! can name the check that reports it without the linter depending on the checks.

mod check;
mod diagnosis;
mod lint;

pub use check::{CheckId, UnknownCheckId};
pub use diagnosis::DiagnosisId;
pub use lint::LintId;

/// `Display` (padded, so that `{:width$}` lines ids up in columns) and `Serialize` as a
/// JSON string, both from `as_str`, for an id enum that has no parameters.
macro_rules! string_form {
    ($t:ty) => {
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::serde::Serialize for $t {
            fn serialize<S: ::serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
                ser.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use string_form;
