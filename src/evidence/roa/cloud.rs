//! The ROA rules of clouds other than AWS, over the same evidence ([`Origin`]).
//!
//! - Microsoft Azure ("Create a custom IPv4 address prefix using the Azure CLI"): the
//!   origin is AS8075 (AS8070 for the US Government cloud) and "The prefix length should
//!   exactly match the prefixes that can be advertised by Microsoft": a ROA whose prefix
//!   is the prefix brought and whose maxLength equals its length. A covering ROA, or one
//!   with a longer maxLength, fails as `InvalidPrefixLengthInROA`; no ROA for the origin
//!   as `ROANotFound` ("Manage a custom IP address prefix", validation failures).
//! - Oracle ("Bring Your Own IP",
//!   <https://docs.oracle.com/en-us/iaas/Content/Network/Concepts/BYOIP.htm>): AS31898
//!   (AS14544 in Serbia Central) covering the prefix as RFC 6811 has it, and "Set an
//!   expiry date at least 6 months in the future". Only some VRP sources carry an expiry
//!   (rpki-client's `expires`, Routinator's `csvext`/`jsonext` validity); RIPEstat and
//!   Routinator's validity API do not, so the expiry can be unknown. rpki-client's is the
//!   earliest end in the validation chain, not the ROA's ([`super::ExpirySpan`]).

use serde::Serialize;

use super::{Origin, Vrp};

/// Azure's verdict on the ROAs for one origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ExactState {
    /// A ROA with exactly the prefix and maxLength equal to its length.
    Exact,
    /// ROAs for the origin cover the prefix, none exactly (Azure: `InvalidPrefixLengthInROA`).
    Inexact,
    /// No ROA for the origin covers the prefix (Azure: `ROANotFound`).
    NotFound,
}

impl ExactState {
    /// The code Azure's validation gives for this state, when it fails.
    pub fn azure_code(self) -> Option<&'static str> {
        match self {
            ExactState::Exact => None,
            ExactState::Inexact => Some("InvalidPrefixLengthInROA"),
            ExactState::NotFound => Some("ROANotFound"),
        }
    }
}

/// The exact-match verdict from the evidence for one origin, for the prefix it was
/// computed for: the VRPs that match exactly, and the ones for the origin that cover it
/// otherwise.
pub fn exact(origin: &Origin) -> (ExactState, Vec<Vrp>, Vec<Vrp>) {
    let prefix = origin.prefix.net();
    let len = prefix.prefix_len();
    let (exact, inexact): (Vec<Vrp>, Vec<Vrp>) = origin
        .matched
        .iter()
        .chain(&origin.too_short)
        .partition(|v| v.prefix == prefix && v.max_length == len);
    let state = if !exact.is_empty() {
        ExactState::Exact
    } else if !inexact.is_empty() {
        ExactState::Inexact
    } else {
        ExactState::NotFound
    };
    (state, exact, inexact)
}

/// Whether the ROA stays valid long enough.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Validity {
    /// Valid until `until` (unix seconds), at least the days asked.
    Enough {
        /// When the longest-lived matching ROA expires.
        until: i64,
    },
    /// Expires at `until`, sooner than asked.
    TooSoon {
        /// When the longest-lived matching ROA expires.
        until: i64,
    },
    /// The source gave no expiry.
    Unknown,
}

/// Judges `origin`'s expiry (the latest among its matching VRPs, where the source gave
/// it) against `min_days` days from `now` (unix seconds).
pub fn validity(origin: &Origin, now: i64, min_days: u32) -> Validity {
    match origin.valid_until {
        None => Validity::Unknown,
        Some(until) if until >= now.saturating_add(i64::from(min_days) * 86_400) => {
            Validity::Enough { until }
        }
        Some(until) => Validity::TooSoon { until },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prefix::Prefix;
    use crate::roa::tests::{validate, vrp};

    fn p() -> Prefix {
        "198.18.4.0/24".parse().unwrap()
    }

    #[test]
    fn azure_wants_the_exact_prefix_and_maxlength() {
        let exact_one = [vrp(8075, "198.18.4.0/24", 24)];
        let (s, e, _) = exact(&validate(&exact_one, 8075, p(), "t"));
        assert_eq!((s, e.len()), (ExactState::Exact, 1));
        assert_eq!(s.azure_code(), None);
        // Covering, with a maxLength that allows the /24: RFC 6811 valid, Azure not.
        let covering = [vrp(8075, "198.18.0.0/16", 24)];
        let o = validate(&covering, 8075, p(), "t");
        let (s, _, inexact) = exact(&o);
        assert_eq!(s, ExactState::Inexact);
        assert_eq!(inexact, covering);
        assert_eq!(s.azure_code(), Some("InvalidPrefixLengthInROA"));
        // The exact prefix with a longer maxLength.
        let longer = [vrp(8075, "198.18.4.0/24", 26)];
        assert_eq!(
            exact(&validate(&longer, 8075, p(), "t")).0,
            ExactState::Inexact
        );
        // A covering ROA too short for the /24 is still a ROA of the wrong length.
        let short = [vrp(8075, "198.18.0.0/16", 16)];
        assert_eq!(
            exact(&validate(&short, 8075, p(), "t")).0,
            ExactState::Inexact
        );
        // Another origin only, or nothing.
        let other = [vrp(64496, "198.18.4.0/24", 24)];
        let (s, _, _) = exact(&validate(&other, 8075, p(), "t"));
        assert_eq!(s, ExactState::NotFound);
        assert_eq!(s.azure_code(), Some("ROANotFound"));
        // An exact ROA beside a covering one: exact wins.
        let both = [
            vrp(8075, "198.18.0.0/16", 24),
            vrp(8075, "198.18.4.0/24", 24),
        ];
        assert_eq!(exact(&validate(&both, 8075, p(), "t")).0, ExactState::Exact);
    }

    #[test]
    fn oracle_wants_six_months_when_the_source_says() {
        let now = 1_800_000_000;
        let mut o = validate(&[vrp(31898, "198.18.0.0/16", 24)], 31898, p(), "t");
        assert_eq!(validity(&o, now, 183), Validity::Unknown);
        o.valid_until = Some(now + 183 * 86_400);
        assert!(matches!(validity(&o, now, 183), Validity::Enough { .. }));
        o.valid_until = Some(now + 183 * 86_400 - 1);
        assert!(matches!(validity(&o, now, 183), Validity::TooSoon { .. }));
    }
}
