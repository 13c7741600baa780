//! Azure subscription IDs: a GUID in the 8-4-4-4-12 hexadecimal form.

use std::{fmt, str::FromStr};

use serde::Serialize;

use crate::error::Error;

/// The placeholder of Azure's documentation.
const AZURE_DOC_PLACEHOLDER: &str = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

/// The nil GUID, the placeholder of the azurerm provider's examples: never a subscription.
pub(crate) const NIL: &str = "00000000-0000-0000-0000-000000000000";

/// Lengths of the five `-`-separated groups.
const GROUPS: [usize; 5] = [8, 4, 4, 4, 12];

/// An Azure subscription ID, kept exactly as written (either case).
///
/// Field 1 of Azure's authorization message (Microsoft Learn, "Create a custom IPv4 address
/// prefix using the Azure CLI",
/// <https://learn.microsoft.com/azure/virtual-network/ip-services/create-custom-ip-address-prefix-cli>:
/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx|1.2.3.0/24|yyyymmdd`, "substituting your
/// subscription ID"). Azure prints subscription IDs in lower case (`az account show`); its
/// example is all `x`, so whether the signed text must be lower case is unconfirmed: byoip
/// accepts either case, keeps the text as given (the signature covers it) and warns about
/// upper case.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SubscriptionId([u8; 36]);

impl SubscriptionId {
    /// The ID as written.
    pub fn as_str(&self) -> &str {
        // Only ASCII hex digits and dashes are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("")
    }

    /// True when it has an upper-case hex digit (Azure itself prints lower case).
    pub fn has_upper_case(&self) -> bool {
        self.0.iter().any(u8::is_ascii_uppercase)
    }

    /// The lower-case spelling Azure prints.
    pub fn to_lowercase(&self) -> SubscriptionId {
        SubscriptionId(self.0.map(|b| b.to_ascii_lowercase()))
    }

    /// True for the nil GUID, which no subscription has.
    pub fn is_nil(&self) -> bool {
        self.as_str() == NIL
    }
}

/// Why `s` is not a subscription ID, with a hint, or `None` when it is one.
pub(crate) fn problem(s: &str) -> Option<(String, String)> {
    let form = "a subscription ID is a GUID, 8-4-4-4-12 hex digits (`az account show --query id -o tsv` prints yours)";
    if s.eq_ignore_ascii_case(AZURE_DOC_PLACEHOLDER) {
        return Some((
            "this is the placeholder from Azure's documentation, not a subscription".into(),
            form.into(),
        ));
    }
    let trimmed = s.trim_start_matches('{').trim_end_matches('}');
    if trimmed.len() != s.len() && problem(trimmed).is_none() {
        return Some((
            "it is wrapped in braces".into(),
            format!("write it without them: {trimmed}"),
        ));
    }
    if s.is_empty() {
        return Some(("it is empty".into(), form.into()));
    }
    if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
        return Some((
            "this is a 12-digit AWS account ID, not an Azure subscription".into(),
            form.into(),
        ));
    }
    if let Some(c) = s.chars().find(|c| !c.is_ascii_hexdigit() && *c != '-') {
        return Some((format!("{c:?} is not a hexadecimal digit"), form.into()));
    }
    let groups: Vec<&str> = s.split('-').collect();
    if groups.len() != GROUPS.len() {
        if groups.len() == 1 && s.len() == 32 {
            let dashed = format!(
                "{}-{}-{}-{}-{}",
                &s[..8],
                &s[8..12],
                &s[12..16],
                &s[16..20],
                &s[20..]
            );
            return Some((
                "it has no dashes".into(),
                format!("write it in the 8-4-4-4-12 form: {dashed}"),
            ));
        }
        let reason = if groups.len() == 1 {
            "it has no dashes".to_string()
        } else {
            format!("it has {} dash-separated groups, not 5", groups.len())
        };
        return Some((reason, form.into()));
    }
    for (i, (g, want)) in groups.iter().zip(GROUPS).enumerate() {
        if g.len() != want {
            return Some((
                format!("group {} has {} hex digits, not {want}", i + 1, g.len()),
                form.into(),
            ));
        }
    }
    None
}

impl FromStr for SubscriptionId {
    type Err = Error;

    /// The 8-4-4-4-12 form in either case; anything else is refused with a hint.
    fn from_str(s: &str) -> Result<Self, Error> {
        if let Some((reason, hint)) = problem(s) {
            return Err(Error::Subscription {
                input: s.into(),
                reason,
                hint,
            });
        }
        let mut bytes = [0u8; 36];
        bytes.copy_from_slice(s.as_bytes());
        Ok(SubscriptionId(bytes))
    }
}

impl fmt::Display for SubscriptionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for SubscriptionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SubscriptionId({})", self.as_str())
    }
}

impl Serialize for SubscriptionId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_case_is_accepted_and_kept_as_written() {
        for s in [
            "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab",
            "6F1B3C2A-9D4E-4F5A-8B7C-0123456789AB",
            NIL,
        ] {
            let id: SubscriptionId = s.parse().unwrap();
            assert_eq!(id.to_string(), s);
        }
        let upper: SubscriptionId = "6F1B3C2A-9D4E-4F5A-8B7C-0123456789AB".parse().unwrap();
        assert!(upper.has_upper_case());
        assert_eq!(
            upper.to_lowercase().as_str(),
            "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab"
        );
        assert!(NIL.parse::<SubscriptionId>().unwrap().is_nil());
    }

    #[test]
    fn everything_else_is_refused_with_a_reason() {
        for (s, reason) in [
            (AZURE_DOC_PLACEHOLDER, "placeholder"),
            ("", "empty"),
            ("6f1b3c2a9d4e4f5a8b7c0123456789ab", "no dashes"),
            ("{6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab}", "braces"),
            ("00000000-0000-0000-0000-00000000", "group 5 has 8"),
            ("6f1b3c2a-9d4e-4f5a-8b7c", "4 dash-separated"),
            ("6f1b3c2g-9d4e-4f5a-8b7c-0123456789ab", "'g'"),
            ("123456789012", "AWS account ID"),
            ("abcdefabcdef", "no dashes"),
            ("6f1b3c2a", "no dashes"),
        ] {
            let e = s.parse::<SubscriptionId>().unwrap_err().to_string();
            assert!(e.contains(reason), "{s}: {e}");
        }
    }

    #[test]
    fn a_lower_case_real_id_is_neither_upper_case_nor_nil() {
        let id: SubscriptionId = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab".parse().unwrap();
        assert!(!id.has_upper_case());
        assert!(!id.is_nil());
        // Letters only in one group still count.
        let one: SubscriptionId = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789aB".parse().unwrap();
        assert!(one.has_upper_case());
    }

    #[test]
    fn thirty_two_bare_hex_digits_get_the_dashed_form_as_the_hint() {
        let e = "6f1b3c2a9d4e4f5a8b7c0123456789ab"
            .parse::<SubscriptionId>()
            .unwrap_err();
        assert!(
            e.hint().contains("6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab"),
            "{}",
            e.hint()
        );
        let id: SubscriptionId = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab".parse().unwrap();
        assert_eq!(
            format!("{id:?}"),
            "SubscriptionId(6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab)"
        );
    }
}
