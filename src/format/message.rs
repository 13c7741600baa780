//! The authorization messages byoip signs: AWS's `1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS`,
//! its BYOASN twin `1|aws|ACCOUNT|ASN|YYYYMMDD|SHA256|RSAPSS`, and Azure's three-field
//! `SUBSCRIPTION|CIDR|YYYYMMDD` ([`azure`]).
//!
//! AWS's "Onboard your address range for use in Amazon EC2"
//! (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/byoip-onboard.html>), the Global
//! Accelerator BYOIP guide and the VPC IPAM BYOIP tutorials
//! (<https://docs.aws.amazon.com/vpc/latest/ipam/>) give the same message: seven
//! `|`-separated ASCII fields, no spaces, no trailing newline; the signature covers these
//! exact bytes. AWS's "Tutorial: Bring your ASN to IPAM"
//! (<https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoasn.html>) signs the same
//! message with the ASN in place of the CIDR. [`AuthorizationMessage`]'s `Display` is the *only* producer of that text in
//! byoip, and `FromStr` is its inverse. [`AnyMessage`] reads either cloud's form, picking
//! it by shape ([`cloud_of`]); one crate-private reader splits `|`-separated fields,
//! strict for the parsers and lenient for the linter and the reports.

use std::{fmt, str::FromStr};

use serde::Serialize;

use crate::{
    account::AccountId,
    asn::{Asn, looks_like_asn},
    cloud::Cloud,
    date::ExpiryDate,
    error::Error,
    prefix::Prefix,
};

pub mod azure;

pub use azure::AzureMessage;

/// Characters that look like `|` and split fields the eye sees but the cloud does not.
pub(crate) const PIPE_LOOKALIKES: &[char] = &[
    '\u{FF5C}', '\u{2223}', '\u{01C0}', '\u{2502}', '\u{23D0}', '\u{FFE8}', '\u{2758}',
];
/// Characters that are invisible and vanish when copied back.
pub(crate) const INVISIBLE: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
];

/// The `|`-separated fields of message text: the one place byoip splits a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fields(Vec<String>);

/// Which cloud's message a list of fields has the shape of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Seven fields (or anything not Azure's): AWS's `1|aws|…|SHA256|RSAPSS`.
    Aws,
    /// Three fields: Azure's `SUBSCRIPTION|CIDR|YYYYMMDD`.
    Azure,
}

impl Shape {
    /// The cloud whose message this is.
    pub fn cloud(self) -> Cloud {
        match self {
            Shape::Aws => Cloud::Aws,
            Shape::Azure => Cloud::Azure,
        }
    }
}

/// The cloud whose message form `bytes` has, read as the linter reads it (look-alikes of
/// `|` as `|`), so every command that picks a cloud by the message agrees with the lint.
/// Three fields (or fewer than seven led by a subscription ID) are Azure's form; anything
/// else is judged as AWS's.
///
/// ```
/// use byoip::{Cloud, cloud_of};
///
/// assert_eq!(cloud_of(b"1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS"), Cloud::Aws);
/// assert_eq!(cloud_of(b"3f2a1b4c-0000-4000-8000-123456789abc|198.51.100.0/24|20271231"), Cloud::Azure);
/// ```
pub fn cloud_of(bytes: &[u8]) -> Cloud {
    Fields::lenient(&String::from_utf8_lossy(bytes))
        .shape()
        .cloud()
}

impl Fields {
    /// The fields exactly as written: what the strict parsers read.
    pub fn exact(text: &str) -> Fields {
        Fields(text.split('|').map(str::to_string).collect())
    }

    /// The fields as a person meant them: look-alikes of `|` read as `|`, invisible
    /// characters and whitespace dropped, so that one stray character does not hide every
    /// other problem (the linter names the stray characters itself).
    pub fn lenient(text: &str) -> Fields {
        let normalised: String = text
            .chars()
            .filter(|c| !INVISIBLE.contains(c) && !c.is_whitespace())
            .map(|c| if PIPE_LOOKALIKES.contains(&c) { '|' } else { c })
            .collect();
        Fields::exact(&normalised)
    }

    /// The fields.
    pub fn as_slice(&self) -> Vec<&str> {
        self.0.iter().map(String::as_str).collect()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Field `i` (from 0).
    pub fn get(&self, i: usize) -> Option<&str> {
        self.0.get(i).map(String::as_str)
    }

    /// The form these fields are closest to: Azure's when there are three of them (and
    /// the second is not AWS's `aws`), or fewer than seven led by what looks like a
    /// subscription ID; AWS's otherwise.
    pub fn shape(&self) -> Shape {
        let first = self.get(0).unwrap_or("");
        let guid_like = first.len() >= 32 && first.contains('-');
        let three = self.len() == azure::FIELD_COUNT
            && !self.get(1).is_some_and(|f| f.eq_ignore_ascii_case(ISSUER));
        if three || (guid_like && self.len() < FIELD_COUNT) {
            Shape::Azure
        } else {
            Shape::Aws
        }
    }

    /// The resource field of either form: the CIDR (or an AWS message's ASN).
    pub fn resource(&self) -> Option<&str> {
        self.read_as(self.shape()).resource
    }

    /// The date field of either form (read by `byoip audit`, crate::audit).
    #[cfg(feature = "manifest")]
    pub fn date(&self) -> Option<&str> {
        self.read_as(self.shape()).date
    }

    /// The variable fields by name, read where `form` puts them. A check passes the form
    /// of the cloud it checks for, not the form the text looks like: it must compare what
    /// that cloud would read, even from a message written for another.
    pub fn read_as(&self, form: Shape) -> Named<'_> {
        let at = |aws: usize, azure: usize| {
            self.get(match form {
                Shape::Aws => aws,
                Shape::Azure => azure,
            })
        };
        Named {
            holder: at(2, 0),
            resource: at(3, 1),
            date: at(4, 2),
        }
    }
}

/// A message's variable fields by name ([`Fields::read_as`]), each as written, or `None`
/// where the message has no such field: the one place that knows where each form puts
/// them, so no check reads a field by its position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Named<'f> {
    /// AWS's account, Azure's subscription.
    pub holder: Option<&'f str>,
    /// The CIDR, or a BYOASN message's ASN.
    pub resource: Option<&'f str>,
    /// The expiry, `YYYYMMDD`.
    pub date: Option<&'f str>,
}

/// The fixed fields, in order, around the three variable ones.
pub(crate) const VERSION: &str = "1";
/// Field 2.
pub(crate) const ISSUER: &str = "aws";
/// Field 6.
pub(crate) const HASH: &str = "SHA256";
/// Field 7.
pub(crate) const ALGORITHM: &str = "RSAPSS";
/// Number of fields.
pub(crate) const FIELD_COUNT: usize = 7;

/// What a message authorizes: a prefix (BYOIP) or an AS number (BYOASN), field 4.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
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
    /// The expiry of a message for this resource when none is given: 30 days from `today`
    /// for a prefix (long enough for any provisioning, short enough that a leaked context
    /// soon stops being useful); for an ASN the last day of next
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
    /// the other (the JSON vocabulary of docs/json.md).
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
    /// [`crate::lint()`] to learn everything that is wrong with a rejected message.
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = |reason: String, hint: &str| Error::Message {
            reason,
            hint: hint.into(),
        };
        let fields = Fields::exact(s);
        let fields = fields.as_slice();
        if fields.len() != FIELD_COUNT {
            return Err(bad(
                format!(
                    "it has {} |-separated fields, not {FIELD_COUNT}",
                    fields.len()
                ),
                "the format is 1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS (ASN in place of CIDR for BYOASN); the linter lists every problem",
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
                    &format!(
                        "write it as {} in the message and as the CIDR given",
                        parsed.prefix
                    ),
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

/// A message of either cloud's form, told apart by its shape ([`cloud_of`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum AnyMessage {
    /// AWS's seven-field message (a prefix or an ASN).
    Aws(AuthorizationMessage),
    /// Azure's three-field message.
    Azure(AzureMessage),
}

impl AnyMessage {
    /// The cloud the message is for.
    pub fn cloud(&self) -> Cloud {
        match self {
            AnyMessage::Aws(_) => Cloud::Aws,
            AnyMessage::Azure(_) => Cloud::Azure,
        }
    }

    /// The prefix it authorizes, if it authorizes one.
    pub fn prefix(&self) -> Option<Prefix> {
        match self {
            AnyMessage::Aws(m) => m.prefix(),
            AnyMessage::Azure(m) => Some(m.prefix),
        }
    }

    /// The ASN, for an AWS BYOASN message.
    pub fn asn(&self) -> Option<Asn> {
        match self {
            AnyMessage::Aws(m) => m.asn(),
            AnyMessage::Azure(_) => None,
        }
    }

    /// The date field: the message's expiry for AWS, the ROA's validity end for Azure.
    pub fn expires(&self) -> ExpiryDate {
        match self {
            AnyMessage::Aws(m) => m.expires,
            AnyMessage::Azure(m) => m.expires,
        }
    }

    /// The AWS account, for an AWS message.
    pub fn account(&self) -> Option<AccountId> {
        match self {
            AnyMessage::Aws(m) => Some(m.account),
            AnyMessage::Azure(_) => None,
        }
    }

    /// The Azure subscription, for an Azure message.
    pub fn subscription(&self) -> Option<crate::subscription::SubscriptionId> {
        match self {
            AnyMessage::Aws(_) => None,
            AnyMessage::Azure(m) => Some(m.subscription),
        }
    }
}

impl From<AuthorizationMessage> for AnyMessage {
    fn from(m: AuthorizationMessage) -> Self {
        AnyMessage::Aws(m)
    }
}

impl From<AzureMessage> for AnyMessage {
    fn from(m: AzureMessage) -> Self {
        AnyMessage::Azure(m)
    }
}

impl fmt::Display for AnyMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnyMessage::Aws(m) => m.fmt(f),
            AnyMessage::Azure(m) => m.fmt(f),
        }
    }
}

impl FromStr for AnyMessage {
    type Err = Error;

    /// Strict, in the form its shape names: Azure's for three fields (or fewer than seven
    /// led by a subscription ID), AWS's otherwise.
    fn from_str(s: &str) -> Result<Self, Error> {
        match Fields::exact(s).shape() {
            Shape::Aws => s.parse().map(AnyMessage::Aws),
            Shape::Azure => s.parse().map(AnyMessage::Azure),
        }
    }
}

impl Serialize for AnyMessage {
    /// `{"cloud", "account", "subscription", "cidr", "asn", "expires"}`, the fields the
    /// other cloud's form has not null.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("AnyMessage", 6)?;
        st.serialize_field("cloud", &self.cloud())?;
        st.serialize_field("account", &self.account())?;
        st.serialize_field("subscription", &self.subscription())?;
        st.serialize_field("cidr", &self.prefix())?;
        st.serialize_field("asn", &self.asn())?;
        st.serialize_field("expires", &self.expires())?;
        st.end()
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
    fn fields_pick_the_form_by_shape() {
        let aws = "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS";
        let az = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|198.51.100.0/24|20271231";
        for (text, shape, resource, date) in [
            (aws, Shape::Aws, "198.51.100.0/24", "20271231"),
            (az, Shape::Azure, "198.51.100.0/24", "20271231"),
            // An Azure message with a field too many is still Azure's, by its GUID.
            (
                "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|x|198.51.100.0/24|20271231",
                Shape::Azure,
                "x",
                "198.51.100.0/24",
            ),
            ("1|aws|1|2|3", Shape::Aws, "2", "3"),
        ] {
            let f = Fields::exact(text);
            assert_eq!(
                (f.shape(), f.resource(), f.read_as(f.shape()).date),
                (shape, Some(resource), Some(date)),
                "{text}"
            );
        }
        let lenient =
            Fields::lenient("1|aws|123456789012|198.51.100.0/24\u{FF5C}2027 1231|SHA256|RSAPSS\n");
        assert_eq!(lenient.as_slice(), aws.split('|').collect::<Vec<_>>());
        assert_eq!(Fields::exact("").len(), 1);
    }

    #[test]
    fn read_as_names_the_fields_where_the_cloud_checked_for_reads_them() {
        let aws = "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS";
        let az = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|198.51.100.0/24|20271231";
        let named = |holder, resource, date| Named {
            holder,
            resource,
            date,
        };
        let (cidr, day) = (Some("198.51.100.0/24"), Some("20271231"));
        for (text, form, want) in [
            (aws, Shape::Aws, named(Some("123456789012"), cidr, day)),
            (az, Shape::Azure, named(Some(&az[..36]), cidr, day)),
            // Azure's message read as AWS reads it: AWS finds no CIDR or date there,
            // whatever the text looks like, so a check for AWS fails it rather than
            // comparing Azure's fields.
            (az, Shape::Aws, named(day, None, None)),
            // And AWS's read as Azure's: the version, the issuer and the account.
            (
                aws,
                Shape::Azure,
                named(Some("1"), Some("aws"), Some("123456789012")),
            ),
        ] {
            assert_eq!(
                Fields::exact(text).read_as(form),
                want,
                "{text} as {form:?}"
            );
        }
    }

    #[test]
    fn any_message_parses_either_form_and_round_trips() {
        for (text, cloud) in [
            (
                "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS",
                Cloud::Aws,
            ),
            (
                "1|aws|123456789012|64496|20271231|SHA256|RSAPSS",
                Cloud::Aws,
            ),
            (
                "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|198.51.100.0/24|20271231",
                Cloud::Azure,
            ),
            (
                "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|2001:db8:1200::/48|20271231",
                Cloud::Azure,
            ),
        ] {
            let m: AnyMessage = text.parse().unwrap();
            assert_eq!((m.to_string().as_str(), m.cloud()), (text, cloud));
        }
        let m: AnyMessage = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|198.51.100.0/24|20271231"
            .parse()
            .unwrap();
        assert_eq!(
            serde_json::to_value(m).unwrap(),
            serde_json::json!({"cloud": "azure", "account": null, "subscription": "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab", "cidr": "198.51.100.0/24", "asn": null, "expires": "20271231"})
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

    #[test]
    fn shape_edges_and_the_cloud_of_each_shape() {
        let guid = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab";
        for (text, shape) in [
            // Three fields with AWS's issuer second: a cut-short AWS message.
            ("1|aws|123456789012", Shape::Aws),
            ("1|AWS|123456789012", Shape::Aws),
            // Seven fields are AWS's even when the first looks like a GUID.
            (
                &format!("{guid}|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS"),
                Shape::Aws,
            ),
            (
                &format!("{guid}|198.51.100.0/24|20271231|x|y|z"),
                Shape::Azure,
            ),
            // GUID-like needs both the length and a dash.
            (
                "0123456789abcdef0123456789abcdef|198.51.100.0/24",
                Shape::Aws,
            ),
            ("1-2|aws|3|4", Shape::Aws),
            // A wrong issuer does not make a seven-field message Azure's.
            (
                "1|awz|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS",
                Shape::Aws,
            ),
        ] {
            assert_eq!(Fields::exact(text).shape(), shape, "{text}");
        }
        assert_eq!(Shape::Aws.cloud(), Cloud::Aws);
        assert_eq!(Shape::Azure.cloud(), Cloud::Azure);
        assert_eq!(Fields::exact("").len(), 1);
    }

    #[test]
    fn any_message_json_of_an_aws_message_names_its_account_and_resource() {
        let json = |text: &str| serde_json::to_value(text.parse::<AnyMessage>().unwrap()).unwrap();
        assert_eq!(
            json("1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS"),
            serde_json::json!({"cloud": "aws", "account": "123456789012", "subscription": null, "cidr": "198.51.100.0/24", "asn": null, "expires": "20271231"})
        );
        assert_eq!(
            json("1|aws|123456789012|64496|20271231|SHA256|RSAPSS"),
            serde_json::json!({"cloud": "aws", "account": "123456789012", "subscription": null, "cidr": null, "asn": "64496", "expires": "20271231"})
        );
    }
}
