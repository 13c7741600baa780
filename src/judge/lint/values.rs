//! The lint verdicts on values: an ASN that is not public, an expiry date too close, an
//! IPAM token that cannot be used. The values themselves (`crate::asn`, `crate::date`,
//! `crate::dnstoken`) say what they are; what is wrong with them for a cloud is judged here,
//! one layer up, so the values do not depend on the linter.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::{Finding, LintId, Severity};
use crate::{
    asn::{Asn, SPECIAL, SpecialAsn},
    date::ExpiryDate,
    dnstoken::Token,
};

impl Asn {
    /// `asn.public`: an error for numbers AWS cannot take (reserved, private, AS_TRANS), a
    /// warning for documentation numbers, `None` for a public ASN.
    pub fn public_finding(self) -> Option<Finding> {
        let s = self.special()?;
        Some(if s.documentation {
            Finding::new(
                LintId::AsnPublic,
                Severity::Warning,
                format!(
                    "AS{self} is {} ({} {}): AWS will refuse it, as it takes only public ASNs",
                    s.name,
                    s.range(),
                    s.rfc
                ),
                format!(
                    "bring an ASN registered to your organization; {} appear in examples only",
                    SPECIAL
                        .iter()
                        .filter(|s| s.documentation)
                        .map(SpecialAsn::range)
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
            )
        } else {
            Finding::new(
                LintId::AsnPublic,
                Severity::Error,
                format!(
                    "AS{self} is {} ({} {}), not a public ASN",
                    s.name,
                    s.range(),
                    s.rfc
                ),
                "bring a public ASN registered to your organization at ARIN, RIPE NCC or APNIC",
            )
        })
    }
}

impl ExpiryDate {
    /// The one expiry rule of `lint`, `check` and `audit`: an error when fewer than
    /// `fail_within` days are left (0: only once the date has passed), a warning when fewer
    /// than `warn_within` (provisioning can take that long: AWS, "Onboard your address
    /// range for use in Amazon EC2"), else nothing to say.
    pub fn severity(
        &self,
        today: NaiveDate,
        fail_within: i64,
        warn_within: i64,
    ) -> Option<Severity> {
        let left = self.days_left(today);
        if left < fail_within {
            Some(Severity::Error)
        } else if left < warn_within {
            Some(Severity::Warning)
        } else {
            None
        }
    }
}

impl Token {
    /// Whether the token is expired, about to expire (within a day) or in a state that
    /// cannot be used; `None` when it is fine or nothing is known.
    pub fn expiry_finding(&self, now: DateTime<Utc>) -> Option<Finding> {
        let id = LintId::TokenExpiry;
        let create_new = "create a new token (`aws ec2 create-ipam-external-resource-verification-token`) and publish its records";
        let expired = self.status.as_deref() == Some("expired");
        if let Some(at) = self.not_after {
            let stamp = at.format("%Y-%m-%d %H:%M UTC");
            if at <= now || expired {
                return Some(Finding::new(
                    id,
                    Severity::Error,
                    format!("the token expired at {stamp}; AWS accepts a token for 72 hours"),
                    create_new,
                ));
            }
            if at - now < Duration::days(1) {
                let left = at - now;
                return Some(Finding::new(
                    id,
                    Severity::Warning,
                    format!(
                        "the token expires at {stamp}, in {}h{:02}m: provision before then",
                        left.num_hours(),
                        left.num_minutes() % 60
                    ),
                    "if the records cannot be published and seen in time, create a new token",
                ));
            }
        } else if expired {
            return Some(Finding::new(
                id,
                Severity::Error,
                "the token's Status is expired",
                create_new,
            ));
        }
        // The states of IpamExternalResourceVerificationToken (Amazon EC2 API Reference,
        // IpamExternalResourceVerificationToken):
        // create-in-progress | create-complete | create-failed | delete-in-progress |
        // delete-complete | delete-failed. `create-in-progress` is what the create call
        // itself returns (AWS's example shows it), so a token saved from that call always
        // carries it and is usable moments later: it is not a finding. A state outside the
        // list is named, not guessed at.
        match self.state.as_deref() {
            None | Some("create-complete" | "create-in-progress") => None,
            Some(
                s @ ("create-failed" | "delete-in-progress" | "delete-complete" | "delete-failed"),
            ) => Some(Finding::new(
                id,
                Severity::Error,
                format!("the token's State is {s}"),
                create_new,
            )),
            Some(s) => Some(Finding::new(
                id,
                Severity::Warning,
                format!("the token's State is {s:?}, not one of the states AWS documents"),
                "provision only when `aws ec2 describe-ipam-external-resource-verification-tokens` shows the token create-complete",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn special_ranges_are_refused_or_warned_at_their_edges() {
        use Severity::{Error, Warning};
        for (n, want) in [
            (0, Some(Error)),
            (1, None),
            (23456, Some(Error)),
            (64495, None),
            (64496, Some(Warning)),
            (64511, Some(Warning)),
            (64512, Some(Error)),
            (65534, Some(Error)),
            (65535, Some(Error)),
            (65536, Some(Warning)),
            (65551, Some(Warning)),
            (65552, Some(Error)),
            (131_071, Some(Error)),
            (131_072, None),
            (16509, None),
            (4_199_999_999, None),
            (4_200_000_000, Some(Error)),
            (4_294_967_294, Some(Error)),
            (4_294_967_295, Some(Error)),
        ] {
            let got = Asn::new(n).public_finding().map(|f| f.severity);
            assert_eq!(got, want, "AS{n}");
        }
        let f = Asn::new(64512).public_finding().unwrap();
        assert!(f.message.contains("RFC 6996"), "{}", f.message);
        let f = Asn::new(65535).public_finding().unwrap();
        assert!(f.message.contains("RFC 7300"), "{}", f.message);
        // The texts are written from the table: a single number, a span, and the hint that
        // lists every documentation span.
        let f = Asn::new(23456).public_finding().unwrap();
        assert!(f.message.contains("(23456 RFC 6793)"), "{}", f.message);
        let f = Asn::new(65551).public_finding().unwrap();
        assert!(
            f.message.contains("(65536-65551 RFC 5398)"),
            "{}",
            f.message
        );
        assert_eq!(
            f.hint,
            "bring an ASN registered to your organization; 64496-64511 and 65536-65551 appear in examples only"
        );
    }

    #[test]
    fn one_expiry_rule_fails_inside_the_first_threshold_and_warns_inside_the_second() {
        use Severity::{Error, Warning};
        let d: ExpiryDate = "20270110".parse().unwrap();
        let at = |today| d.severity(today, 0, 7);
        assert_eq!(at(day(2027, 1, 11)), Some(Error), "a day past");
        assert_eq!(at(day(2027, 1, 10)), Some(Warning), "its last day");
        assert_eq!(at(day(2027, 1, 4)), Some(Warning), "6 days left");
        assert_eq!(at(day(2027, 1, 3)), None, "7 days left");
        // audit's thresholds: fail within 7 days, warn within 30.
        assert_eq!(d.severity(day(2027, 1, 4), 7, 30), Some(Error));
        assert_eq!(d.severity(day(2027, 1, 3), 7, 30), Some(Warning));
        assert_eq!(d.severity(day(2026, 12, 11), 7, 30), None);
    }
}
