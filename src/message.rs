//! The AWS BYOIP authorization message, `1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS`.
//!
//! AWS's "Onboard your address range for use in Amazon EC2"
//! (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/byoip-onboard.html>), the Global
//! Accelerator BYOIP guide and the VPC IPAM BYOIP tutorials
//! (<https://docs.aws.amazon.com/vpc/latest/ipam/>) give the same message: seven
//! `|`-separated ASCII fields, no spaces, no trailing newline; the signature covers these
//! exact bytes. [`AuthorizationMessage`]'s `Display` is the *only* producer of that text in
//! byoip, and `FromStr` is its inverse.

use std::{fmt, str::FromStr};

use serde::Serialize;

use crate::{account::AccountId, date::ExpiryDate, error::Error, prefix::Prefix};

/// The fixed fields, in order, around the three variable ones.
pub const VERSION: &str = "1";
/// Field 2.
pub const ISSUER: &str = "aws";
/// Field 6.
pub const HASH: &str = "SHA256";
/// Field 7.
pub const ALGORITHM: &str = "RSAPSS";
/// Number of fields.
pub const FIELD_COUNT: usize = 7;

/// A well-formed authorization message. Construct it from its parts or parse it; its
/// `Display` gives the bytes to sign.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize)]
pub struct AuthorizationMessage {
    /// The account that will run the provision call.
    pub account: AccountId,
    /// The prefix, canonical.
    pub prefix: Prefix,
    /// Last day (UTC) on which the message is valid.
    pub expires: ExpiryDate,
}

impl AuthorizationMessage {
    /// Assembles a message.
    pub fn new(account: AccountId, prefix: Prefix, expires: ExpiryDate) -> Self {
        AuthorizationMessage {
            account,
            prefix,
            expires,
        }
    }
}

impl fmt::Display for AuthorizationMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{VERSION}|{ISSUER}|{}|{}|{}|{HASH}|{ALGORITHM}",
            self.account, self.prefix, self.expires
        )
    }
}

impl FromStr for AuthorizationMessage {
    type Err = Error;

    /// Strict: exactly the text [`Display`](fmt::Display) would produce. Use
    /// [`crate::lint::lint`] to learn everything that is wrong with a rejected message.
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = |reason: String, hint: &str| Error::Message {
            reason,
            hint: hint.into(),
        };
        let fields: Vec<&str> = s.split('|').collect();
        if fields.len() != FIELD_COUNT {
            return Err(bad(
                format!(
                    "it has {} |-separated fields, not {FIELD_COUNT}",
                    fields.len()
                ),
                "the format is 1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS; `byoip lint` lists every problem",
            ));
        }
        for (i, want) in [(0, VERSION), (1, ISSUER), (5, HASH), (6, ALGORITHM)] {
            if fields[i] != want {
                return Err(bad(
                    format!("field {} is {:?}, not {want:?}", i + 1, fields[i]),
                    "except for the account, CIDR and date, the fields are fixed",
                ));
            }
        }
        let account: AccountId = fields[2].parse()?;
        let parsed = Prefix::parse_lenient(fields[3])?;
        if parsed.rewritten {
            return Err(bad(
                format!("the CIDR {:?} is not in canonical form", fields[3]),
                &format!("write it as {} in the message and in --cidr", parsed.prefix),
            ));
        }
        if fields[4].len() != 8 {
            return Err(bad(
                format!("the date {:?} is not YYYYMMDD", fields[4]),
                "write the expiry as eight digits, YYYYMMDD",
            ));
        }
        let expires: ExpiryDate = fields[4].parse()?;
        Ok(AuthorizationMessage {
            account,
            prefix: parsed.prefix,
            expires,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_examples_round_trip() {
        for s in [
            "1|aws|470889052444|130.137.245.0/24|20250101|SHA256|RSAPSS",
            "1|aws|470889052444|2605:9cc0:409::/48|20250101|SHA256|RSAPSS",
            "1|aws|123456789012|2a06:e881:73ff::/48|20220711|SHA256|RSAPSS",
        ] {
            let m: AuthorizationMessage = s.parse().unwrap();
            assert_eq!(m.to_string(), s);
        }
    }

    #[test]
    fn strict_parse_refuses_what_display_never_writes() {
        for s in [
            "1|aws|470889052444|130.137.245.0/24|20250101|SHA256|RSAPSS\n",
            "1|aws|470889052444|2605:9CC0:409::/48|20250101|SHA256|RSAPSS",
            "1|AWS|470889052444|130.137.245.0/24|20250101|SHA256|RSAPSS",
            "1|aws|0123456789AB|198.51.100.0/24|20211231|SHA256|RSAPSS",
            "1|aws|470889052444|130.137.245.0/24|2025-01-01|SHA256|RSAPSS",
            "1|aws|130.137.245.0/24|20250101|20260101|ripe|SHA256|RSAPSS",
            "",
        ] {
            assert!(s.parse::<AuthorizationMessage>().is_err(), "{s:?} accepted");
        }
    }
}
