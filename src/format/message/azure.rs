//! Azure's authorization message, `SUBSCRIPTION|CIDR|YYYYMMDD`, and the failure codes Azure
//! reports when it refuses one.
//!
//! Microsoft Learn, "Create a custom IPv4 address prefix using the Azure CLI"
//! (<https://learn.microsoft.com/azure/virtual-network/ip-services/create-custom-ip-address-prefix-cli>):
//! "Use the following format, substituting your subscription ID, prefix to be provisioned,
//! and expiration date matching the Validity Date on the ROA. Ensure the format is in that
//! order": `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx|1.2.3.0/24|yyyymmdd`. The azurerm Terraform
//! provider's `azurerm_custom_ip_prefix` resource builds the same three fields from the
//! subscription, `cidr` and `roa_validity_end_date` (`20060102` layout). The date is the
//! ROA's validity end, not the message's expiry: "Microsoft will not stop advertising the
//! range after the specified date". [`AzureMessage`]'s `Display` is byoip's one producer of
//! that text, `FromStr` its inverse.
//!
//! The failure codes are those of "Manage a custom IP address prefix"
//! (<https://learn.microsoft.com/azure/virtual-network/ip-services/manage-custom-ip-address-prefix>,
//! "Validation failures"), shown in the prefix's `FailedReason`.

use std::{fmt, str::FromStr};

use serde::Serialize;

use crate::{date::ExpiryDate, error::Error, prefix::Prefix, subscription::SubscriptionId};

use super::Fields;

/// Number of fields.
pub(crate) const FIELD_COUNT: usize = 3;

/// The failure codes Azure reports in `FailedReason` that byoip can predict locally. A
/// library user mostly reads them where they are reported (a lint finding's, a diagnosis's
/// or a check's `code`), and every code Azure documents from
/// [`crate::rules::profile::Profile::failure_codes`].
pub mod codes {
    /// The signature does not verify under the registry's certificate.
    pub const SIGNATURE_NOT_VERIFIED: &str = "CustomerSignatureNotVerified";
    /// The date field is not `yyyymmdd`, or is not in the future.
    pub const EXPIRY_INVALID: &str = "ExpiryDateFormatInvalidOrNotInThefuture";
    /// The message's CIDR is not the prefix being created.
    pub const CIDR_MISMATCH: &str = "CIDRInAuthorizationMessageNotMatchCustomerIP";
    /// The message is not `SUBSCRIPTION|CIDR|YYYYMMDD`.
    pub const FORMAT_INVALID: &str = "AuthMessageFormatInvalid";
    /// The message's CIDR is not a CIDR.
    pub const CIDR_FORMAT_INVALID: &str = "InvalidCIDRFormatInAuthorizationMessage";
    /// No certificate could be read from the registry record.
    pub const CERT_UNPARSABLE: &str = "CannotParseValidCertificateFromRIRPage";
    /// The registry's certificate has expired.
    pub const CERT_EXPIRED: &str = "CertFromRIRPageExpired";
    /// Every code byoip names, for the test that keeps them in the cloud table.
    #[cfg(test)]
    pub const ALL: [&str; 7] = [
        SIGNATURE_NOT_VERIFIED,
        EXPIRY_INVALID,
        CIDR_MISMATCH,
        FORMAT_INVALID,
        CIDR_FORMAT_INVALID,
        CERT_UNPARSABLE,
        CERT_EXPIRED,
    ];
}

/// A well-formed Azure authorization message.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct AzureMessage {
    /// The subscription the custom IP prefix is created in.
    pub subscription: SubscriptionId,
    /// The prefix.
    pub prefix: Prefix,
    /// The ROA's validity end (or when Azure should stop advertising, if the ROA has none).
    pub expires: ExpiryDate,
}

impl AzureMessage {
    /// Assembles a message.
    pub fn new(subscription: SubscriptionId, prefix: Prefix, expires: ExpiryDate) -> Self {
        AzureMessage {
            subscription,
            prefix,
            expires,
        }
    }
}

impl fmt::Display for AzureMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}|{}|{}", self.subscription, self.prefix, self.expires)
    }
}

impl Serialize for AzureMessage {
    /// `{"subscription", "cidr", "expires"}`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("AzureMessage", 3)?;
        st.serialize_field("subscription", &self.subscription)?;
        st.serialize_field("cidr", &self.prefix)?;
        st.serialize_field("expires", &self.expires)?;
        st.end()
    }
}

impl FromStr for AzureMessage {
    type Err = Error;

    /// Strict: exactly the text [`Display`](fmt::Display) would produce (either case of the
    /// subscription ID). [`crate::lint()`] lists everything wrong with a rejected one.
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = |reason: String, hint: String| Error::Message { reason, hint };
        let fields = Fields::exact(s);
        let fields = fields.as_slice();
        if fields.len() != FIELD_COUNT {
            return Err(bad(
                format!(
                    "it has {} |-separated fields, not Azure's {FIELD_COUNT}",
                    fields.len()
                ),
                "Azure's format is SUBSCRIPTION|CIDR|YYYYMMDD; the linter lists every problem"
                    .into(),
            ));
        }
        let subscription: SubscriptionId = fields[0].parse()?;
        let parsed = Prefix::parse_lenient(fields[1])?;
        if parsed.rewritten {
            return Err(bad(
                format!("the CIDR {:?} is not in canonical form", fields[1]),
                format!(
                    "write it as {} in the message and as the CIDR given",
                    parsed.prefix
                ),
            ));
        }
        if fields[2].len() != 8 {
            return Err(bad(
                format!("the date {:?} is not yyyymmdd", fields[2]),
                "write the ROA's validity end as eight digits, yyyymmdd".into(),
            ));
        }
        let expires: ExpiryDate = fields[2].parse()?;
        Ok(AzureMessage::new(subscription, parsed.prefix, expires))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::Cloud;
    use proptest::prelude::*;

    const SUB: &str = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab";

    #[test]
    fn the_documented_shape_round_trips() {
        for s in [
            format!("{SUB}|198.51.100.0/24|20271231"),
            format!("{}|198.51.100.0/22|20271231", SUB.to_uppercase()),
            format!("{SUB}|2001:db8:1200::/48|20280229"),
            "00000000-0000-0000-0000-000000000000|0.0.0.0/24|20221231".to_string(),
        ] {
            let m: AzureMessage = s.parse().unwrap();
            assert_eq!(m.to_string(), s);
        }
    }

    #[test]
    fn strict_parse_refuses_what_display_never_writes() {
        for s in [
            format!("{SUB}|198.51.100.0/24|20271231\n"),
            format!("{SUB}|198.51.100.0/24|2027-12-31"),
            format!("{SUB}|198.51.100.1/24|20271231"),
            format!("{SUB}|2001:DB8:1200::/48|20271231"),
            format!("{SUB}|198.51.100.0/24"),
            "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx|1.2.3.0/24|yyyymmdd".into(),
            // The azurerm docs' older example, one group short.
            "00000000-0000-0000-0000-00000000|0.0.0.0/24|20221231".into(),
            format!("{SUB}|198.51.100.0/24|20271231|SHA256"),
        ] {
            assert!(s.parse::<AzureMessage>().is_err(), "{s:?} accepted");
        }
    }

    #[test]
    fn every_code_byoip_names_is_one_azure_documents() {
        for c in codes::ALL {
            assert!(Cloud::Azure.profile().failure_codes.contains(&c), "{c}");
        }
    }

    proptest! {
        #[test]
        fn messages_round_trip(
            groups in proptest::array::uniform5(any::<u64>()),
            upper in any::<bool>(),
            octets in any::<[u8; 2]>(),
            len in 21u8..=24,
            days in 0u64..3000,
        ) {
            let sub = format!(
                "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
                groups[0] as u32, groups[1] as u16, groups[2] as u16, groups[3] as u16,
                groups[4] & 0xffff_ffff_ffff
            );
            let sub = if upper { sub.to_uppercase() } else { sub };
            let net = ipnet::Ipv4Net::new(
                std::net::Ipv4Addr::new(octets[0], octets[1], 0, 0), len,
            ).unwrap().trunc();
            let prefix: Prefix = net.to_string().parse().unwrap();
            let expires = ExpiryDate::new(
                chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(days),
            ).unwrap();
            let m = AzureMessage::new(sub.parse().unwrap(), prefix, expires);
            let text = m.to_string();
            prop_assert_eq!(text.parse::<AzureMessage>().unwrap(), m);
            prop_assert!(text.starts_with(&sub));
        }
    }
}
