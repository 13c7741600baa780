//! The AWS BYOIP authorization message, `1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS`, and
//! its BYOASN twin, `1|aws|ACCOUNT|ASN|YYYYMMDD|SHA256|RSAPSS`.
//!
//! AWS's "Onboard your address range for use in Amazon EC2"
//! (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/byoip-onboard.html>), the Global
//! Accelerator BYOIP guide and the VPC IPAM BYOIP tutorials
//! (<https://docs.aws.amazon.com/vpc/latest/ipam/>) give the same message: seven
//! `|`-separated ASCII fields, no spaces, no trailing newline; the signature covers these
//! exact bytes. AWS's "Tutorial: Bring your ASN to IPAM"
//! (<https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoasn.html>) signs the same
//! message with the ASN in place of the CIDR. [`AuthorizationMessage`]'s `Display` is the *only* producer of that text in
//! byoip, and `FromStr` is its inverse.

use std::{fmt, str::FromStr};

use serde::Serialize;

use crate::{
    account::AccountId,
    asn::{Asn, looks_like_asn},
    date::ExpiryDate,
    error::Error,
    prefix::Prefix,
};

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

/// What a message authorizes: a prefix (BYOIP) or an AS number (BYOASN), field 4.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Resource {
    /// A prefix, canonical.
    Prefix(Prefix),
    /// An AS number, bare decimal.
    Asn(Asn),
}

impl From<Prefix> for Resource {
    fn from(p: Prefix) -> Self {
        Resource::Prefix(p)
    }
}

impl From<Asn> for Resource {
    fn from(a: Asn) -> Self {
        Resource::Asn(a)
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Resource::Prefix(p) => p.fmt(f),
            Resource::Asn(a) => a.fmt(f),
        }
    }
}

impl Resource {
    /// The expiry of a message for this resource when none is given: 30 days
    /// ([`crate::date::DEFAULT_EXPIRES`]) for a prefix; for an ASN the last day of next
    /// month, what AWS's IPAM console fills in ("Tutorial: Bring your ASN to IPAM").
    pub fn default_expiry(self, today: chrono::NaiveDate) -> Result<ExpiryDate, crate::Error> {
        match self {
            Resource::Prefix(_) => ExpiryDate::parse_relative(crate::date::DEFAULT_EXPIRES, today),
            Resource::Asn(_) => ExpiryDate::end_of_next_month(today),
        }
    }
}

/// A well-formed authorization message. Construct it from its parts or parse it; its
/// `Display` gives the bytes to sign.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct AuthorizationMessage {
    /// The account that will run the provision call.
    pub account: AccountId,
    /// The prefix or ASN it authorizes.
    pub resource: Resource,
    /// Last day (UTC) on which the message is valid.
    pub expires: ExpiryDate,
}

impl AuthorizationMessage {
    /// Assembles a BYOIP message for a prefix. (It takes a [`Prefix`], not any
    /// `Into<Resource>`, so that `"198.51.100.0/24".parse()?` still infers its type.)
    pub fn new(account: AccountId, prefix: Prefix, expires: ExpiryDate) -> Self {
        Self::for_resource(account, prefix, expires)
    }

    /// Assembles a BYOASN message for an AS number.
    pub fn new_asn(account: AccountId, asn: Asn, expires: ExpiryDate) -> Self {
        Self::for_resource(account, asn, expires)
    }

    /// Assembles a message for a prefix or an ASN.
    pub fn for_resource(
        account: AccountId,
        resource: impl Into<Resource>,
        expires: ExpiryDate,
    ) -> Self {
        AuthorizationMessage {
            account,
            resource: resource.into(),
            expires,
        }
    }

    /// The prefix, for a BYOIP message.
    pub fn prefix(&self) -> Option<Prefix> {
        match self.resource {
            Resource::Prefix(p) => Some(p),
            Resource::Asn(_) => None,
        }
    }

    /// The ASN, for a BYOASN message.
    pub fn asn(&self) -> Option<Asn> {
        match self.resource {
            Resource::Asn(a) => Some(a),
            Resource::Prefix(_) => None,
        }
    }
}

impl Serialize for AuthorizationMessage {
    /// `{"account", "cidr", "asn", "expires"}`, `cidr` or `asn` null as the message is for
    /// the other (the README's JSON vocabulary).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("AuthorizationMessage", 4)?;
        st.serialize_field("account", &self.account)?;
        st.serialize_field("cidr", &self.prefix())?;
        st.serialize_field("asn", &self.asn())?;
        st.serialize_field("expires", &self.expires)?;
        st.end()
    }
}

impl fmt::Display for AuthorizationMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{VERSION}|{ISSUER}|{}|{}|{}|{HASH}|{ALGORITHM}",
            self.account, self.resource, self.expires
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
                "the format is 1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS (ASN in place of CIDR for BYOASN); `byoip lint` lists every problem",
            ));
        }
        for (i, want) in [(0, VERSION), (1, ISSUER), (5, HASH), (6, ALGORITHM)] {
            if fields[i] != want {
                return Err(bad(
                    format!("field {} is {:?}, not {want:?}", i + 1, fields[i]),
                    "except for the account, CIDR (or ASN) and date, the fields are fixed",
                ));
            }
        }
        let account: AccountId = fields[2].parse()?;
        let resource = if looks_like_asn(fields[3]) {
            Resource::Asn(fields[3].parse()?)
        } else {
            let parsed = Prefix::parse_lenient(fields[3])?;
            if parsed.rewritten {
                return Err(bad(
                    format!("the CIDR {:?} is not in canonical form", fields[3]),
                    &format!("write it as {} in the message and in --cidr", parsed.prefix),
                ));
            }
            Resource::Prefix(parsed.prefix)
        };
        if fields[4].len() != 8 {
            return Err(bad(
                format!("the date {:?} is not YYYYMMDD", fields[4]),
                "write the expiry as eight digits, YYYYMMDD",
            ));
        }
        let expires: ExpiryDate = fields[4].parse()?;
        Ok(AuthorizationMessage {
            account,
            resource,
            expires,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn default_expiry_is_30_days_for_a_prefix_and_the_end_of_next_month_for_an_asn() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        let prefix = Resource::Prefix("198.51.100.0/24".parse().unwrap());
        assert_eq!(
            prefix.default_expiry(today).unwrap().to_string(),
            "20260302"
        );
        let asn = Resource::Asn(Asn::new(64496));
        assert_eq!(asn.default_expiry(today).unwrap().to_string(), "20260228");
    }

    proptest! {
        #[test]
        fn asn_messages_round_trip(n in any::<u32>(), days in 0u64..3000) {
            let expires = ExpiryDate::new(
                chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(days),
            ).unwrap();
            let m = AuthorizationMessage::new_asn(
                "123456789012".parse().unwrap(),
                Asn::new(n),
                expires,
            );
            let text = m.to_string();
            prop_assert_eq!(text.parse::<AuthorizationMessage>().unwrap(), m);
            prop_assert_eq!(m.asn(), Some(Asn::new(n)));
            prop_assert_eq!(m.prefix(), None);
        }
    }

    #[test]
    fn json_names_cidr_and_asn_null_for_the_other() {
        let m: AuthorizationMessage = "1|aws|123456789012|64496|20271231|SHA256|RSAPSS"
            .parse()
            .unwrap();
        assert_eq!(
            serde_json::to_value(m).unwrap(),
            serde_json::json!({"account": "123456789012", "cidr": null, "asn": "64496", "expires": "20271231"})
        );
    }

    #[test]
    fn documented_examples_round_trip() {
        for s in [
            "1|aws|470889052444|130.137.245.0/24|20250101|SHA256|RSAPSS",
            "1|aws|470889052444|2605:9cc0:409::/48|20250101|SHA256|RSAPSS",
            "1|aws|123456789012|2a06:e881:73ff::/48|20220711|SHA256|RSAPSS",
            "1|aws|123456789012|64496|20271231|SHA256|RSAPSS",
            "1|aws|123456789012|4200000000|20271231|SHA256|RSAPSS",
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
            "1|aws|123456789012|AS64496|20271231|SHA256|RSAPSS",
            "1|aws|123456789012|064496|20271231|SHA256|RSAPSS",
            "1|aws|123456789012|4294967296|20271231|SHA256|RSAPSS",
            "",
        ] {
            assert!(s.parse::<AuthorizationMessage>().is_err(), "{s:?} accepted");
        }
    }
}
