//! The lint's finding ids: one enum whose string form is the id docs/ids.md documents (its
//! table "Lint finding ids"), each string written once.
//!
//! Each finding is reported by one check of `byoip check` ([`LintId::check_id`]). Most ids
//! are that check's name as well (`message.cidr`, `prefix.size`, …), and their string is
//! the [`CheckId`]'s, taken from its table at compile time. The others are the lint's own:
//! `message.ascii` and `message.whitespace`, which `message.format` reports, and
//! `token.expiry`, about IPAM's DNS verification token, which `dns.token` reports.

use super::CheckId;

/// Declares [`LintId`] from the lint's own `Variant = "id" => Check` rows (the check that
/// reports it) and the variants it shares, by name, with [`CheckId`], so that each id
/// string is written once.
macro_rules! lint_ids {
    (
        own { $($(#[doc = $odoc:literal])* $own:ident = $id:literal => $check:ident,)* }
        checks { $($(#[doc = $cdoc:literal])* $shared:ident,)* }
    ) => {
        /// A lint finding's stable id, as `lint --json`, `verify --json` and the text
        /// output name it.
        ///
        /// [`as_str`](LintId::as_str), [`Display`](std::fmt::Display) and [`Serialize`](serde::Serialize) give the
        /// documented string (`message.whitespace`, `prefix.size`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum LintId {
            $($(#[doc = $odoc])* $own,)*
            $($(#[doc = $cdoc])* $shared,)*
        }

        impl LintId {
            /// Every lint id: the lint's own, then those it shares with a check.
            pub const ALL: &'static [LintId] = &[$(LintId::$own,)* $(LintId::$shared,)*];

            /// The documented string.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(LintId::$own => $id,)*
                    $(LintId::$shared => const { check_name(&CheckId::$shared) },)*
                }
            }

            /// The check that reports this finding in a check report: the one of the same
            /// name, else `message.format` for `message.ascii` and `message.whitespace`,
            /// `dns.token` for `token.expiry`.
            pub fn check_id(self) -> CheckId {
                match self {
                    $(LintId::$own => CheckId::$check,)*
                    $(LintId::$shared => CheckId::$shared,)*
                }
            }
        }
    };
}

/// The string of a check id without a parameter; a compile error for any other.
const fn check_name(id: &CheckId) -> &'static str {
    match id.fixed() {
        Some(s) => s,
        None => panic!("a lint id shares only a check id without a parameter"),
    }
}

lint_ids! {
    own {
        /// `message.ascii`: a byte that is not ASCII, each character named by code point
        /// (look-alikes of `|` and `-`, invisible characters, full-width digits), or bytes
        /// that are not UTF-8.
        MessageAscii = "message.ascii" => MessageFormat,
        /// `message.whitespace`: whitespace around the message or between its fields (a
        /// trailing newline, CR LF, spaces).
        MessageWhitespace = "message.whitespace" => MessageFormat,
        /// `token.expiry`: IPAM's DNS verification token has expired, expires within a
        /// day, or is in a state that cannot be used ([`crate::dnstoken`]).
        TokenExpiry = "token.expiry" => DnsToken,
    }
    checks {
        /// `message.format`: not the cloud's fields (their count, the fixed fields, the
        /// unofficial 8-field format, the other cloud's form).
        MessageFormat,
        /// `message.account`: field 3 is not a 12-digit AWS account (AWS's placeholder
        /// included).
        MessageAccount,
        /// `message.cidr`: the CIDR does not parse, or is not written canonically.
        MessageCidr,
        /// `message.asn`: a BYOASN message's ASN does not parse, or is not bare decimal.
        MessageAsn,
        /// `message.subscription`: Azure's subscription ID is no GUID, or is the nil GUID
        /// or upper case.
        MessageSubscription,
        /// `message.expiry`: the date is not `YYYYMMDD`, has passed, or is too near for
        /// provisioning.
        MessageExpiry,
        /// `prefix.size`: a prefix length the service does not take ([`crate::Prefix`]).
        PrefixSize,
        /// `prefix.public`: special-purpose address space (RFC 6890).
        PrefixPublic,
        /// `asn.public`: a reserved, private or documentation ASN ([`crate::Asn`]).
        AsnPublic,
    }
}

super::string_form!(LintId);

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Each of `all` is `as_str` when displayed and serialized, and no two are the same.
    pub(crate) fn assert_one_string_each<T: ToString + serde::Serialize>(
        all: &[T],
        as_str: fn(&T) -> &'static str,
    ) {
        let mut names = Vec::new();
        for id in all {
            let s = as_str(id);
            assert_eq!(id.to_string(), s);
            assert_eq!(serde_json::to_value(id).unwrap(), serde_json::json!(s));
            names.push(s);
        }
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n);
    }

    /// The reference page of ids, docs/ids.md.
    pub(crate) const IDS_PAGE: &str = include_str!("../../../docs/ids.md");

    /// The ids the table of docs/ids.md under `header` lists: the backquoted words of its
    /// first column, sorted.
    pub(crate) fn docs_table_ids(header: &str) -> Vec<&'static str> {
        let table = IDS_PAGE
            .split(header)
            .nth(1)
            .unwrap_or_else(|| panic!("docs/ids.md has no table {header:?}"));
        let mut listed = Vec::new();
        for row in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
            let first = row.split('|').nth(1).unwrap_or_default();
            listed.extend(first.split('`').skip(1).step_by(2));
        }
        listed.sort_unstable();
        listed
    }

    #[test]
    fn each_id_is_its_string_everywhere_and_listed_once() {
        assert_one_string_each(LintId::ALL, |id| id.as_str());
        assert_eq!(
            format!("{:20}|", LintId::PrefixSize),
            "prefix.size         |"
        );
    }

    #[test]
    fn each_finding_is_reported_by_the_check_of_its_name_else_the_one_its_row_names() {
        for id in LintId::ALL {
            if let Ok(by_name) = id.as_str().parse::<CheckId>() {
                assert_eq!(id.check_id(), by_name, "{id}");
            }
        }
        assert_eq!(LintId::MessageCidr.check_id(), CheckId::MessageCidr);
        assert_eq!(LintId::MessageAscii.check_id(), CheckId::MessageFormat);
        assert_eq!(LintId::MessageWhitespace.check_id(), CheckId::MessageFormat);
        assert_eq!(LintId::TokenExpiry.check_id(), CheckId::DnsToken);
        assert_eq!(LintId::TokenExpiry.as_str(), "token.expiry");
        assert_eq!(LintId::AsnPublic.as_str(), "asn.public");
    }

    /// The table of lint ids in docs/ids.md lists every id, and only ids.
    #[test]
    fn the_docs_table_lists_every_lint_id_and_only_lint_ids() {
        let mut all: Vec<&str> = LintId::ALL.iter().map(|id| id.as_str()).collect();
        all.sort_unstable();
        assert_eq!(docs_table_ids("| id | finds |"), all);
    }
}
