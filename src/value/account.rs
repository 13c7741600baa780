//! AWS account IDs: exactly twelve decimal digits, leading zeros significant.

use std::{fmt, str::FromStr};

use crate::error::Error;

/// The placeholder account printed in AWS's current EC2 BYOIP guide.
const AWS_DOC_PLACEHOLDER: &str = "0123456789AB";

/// A twelve-digit AWS account ID.
///
/// Field 3 of the message (AWS's "Onboard your address range for use in Amazon EC2",
/// <https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/byoip-onboard.html>): real IDs are
/// `^[0-9]{12}$`; that page's example `0123456789AB` is a placeholder, not an ID. Whether
/// AWS tolerates a shortened ID is unconfirmed, so byoip keeps all twelve digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId([u8; 12]);

impl AccountId {
    /// The ID as written in the message (twelve ASCII digits).
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

/// Why `s` is not an account ID, with a hint, or `None` when it is one.
pub(crate) fn problem(s: &str) -> Option<(String, String)> {
    if s == AWS_DOC_PLACEHOLDER {
        return Some((
            "this is the placeholder from AWS's documentation, not an account".into(),
            "use the 12-digit ID of the account that runs the provision call (`aws sts get-caller-identity`)".into(),
        ));
    }
    if s.is_empty() {
        return Some((
            "it is empty".into(),
            "give the 12-digit ID of the account that runs the provision call".into(),
        ));
    }
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() == 12
        && digits.len() != s.len()
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
    {
        return Some((
            "it contains separators".into(),
            format!("write it as twelve digits without separators: {digits}"),
        ));
    }
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Some((
            "it contains characters other than the digits 0-9".into(),
            "an AWS account ID is exactly 12 decimal digits".into(),
        ));
    }
    if s.len() < 12 {
        return Some((
            format!("it has {} digits, not 12", s.len()),
            format!(
                "account IDs keep their leading zeros: did you mean {:0>12}?",
                s
            ),
        ));
    }
    if s.len() > 12 {
        return Some((
            format!("it has {} digits, not 12", s.len()),
            "an AWS account ID is exactly 12 decimal digits".into(),
        ));
    }
    None
}

impl FromStr for AccountId {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        if let Some((reason, hint)) = problem(s) {
            return Err(Error::Account {
                input: s.into(),
                reason,
                hint,
            });
        }
        let mut out = [0u8; 12];
        out.copy_from_slice(s.as_bytes());
        Ok(AccountId(out))
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl serde::Serialize for AccountId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Debug for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccountId({})", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_digits_round_trip_with_leading_zeros() {
        let a: AccountId = "012345678901".parse().unwrap();
        assert_eq!(a.to_string(), "012345678901");
    }

    #[test]
    fn placeholder_is_named_as_such() {
        let e = "0123456789AB".parse::<AccountId>().unwrap_err();
        assert!(e.to_string().contains("placeholder"), "{e}");
    }

    #[test]
    fn short_id_suggests_leading_zeros() {
        let e = "12345678901".parse::<AccountId>().unwrap_err();
        assert!(e.hint().contains("012345678901"), "{}", e.hint());
    }

    #[test]
    fn dashed_id_suggests_plain_digits() {
        let e = "1234-5678-9012".parse::<AccountId>().unwrap_err();
        assert!(e.hint().contains("123456789012"), "{}", e.hint());
    }

    #[test]
    fn rejects_thirteen_digits_and_letters() {
        assert!("1234567890123".parse::<AccountId>().is_err());
        assert!("12345678901x".parse::<AccountId>().is_err());
        assert!("１２３４５６７８９０１２".parse::<AccountId>().is_err());
    }

    #[test]
    fn spaced_id_suggests_plain_digits_but_other_characters_do_not() {
        let e = "1234 5678 9012".parse::<AccountId>().unwrap_err();
        assert!(e.to_string().contains("separators"), "{e}");
        assert!(e.hint().contains("123456789012"), "{}", e.hint());
        // Twelve digits among a letter are not a separated ID.
        let e = "1234-5678-9012x".parse::<AccountId>().unwrap_err();
        assert!(e.to_string().contains("other than the digits"), "{e}");
    }

    #[test]
    fn debug_shows_the_id() {
        let a: AccountId = "012345678901".parse().unwrap();
        assert_eq!(format!("{a:?}"), "AccountId(012345678901)");
    }
}
