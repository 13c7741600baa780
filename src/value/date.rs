//! The message's expiry date: `YYYYMMDD`, read as the end of that day in UTC.

use std::{fmt, str::FromStr};

use chrono::{Datelike, NaiveDate, Utc};
use serde::Serialize;

use crate::error::Error;

/// Longest relative expiry accepted by `+Nd` (ten years): beyond that it is a typo.
const MAX_RELATIVE_DAYS: u32 = 3650;

/// The expiry used when none is given (`message`, `sign`, the manifest): long enough for
/// any provisioning (GA: three weeks), short enough that a leaked context soon stops being
/// useful.
pub const DEFAULT_EXPIRES: &str = "+30d";

/// Today's date in UTC, the calendar AWS's `YYYYMMDD` is assumed to use.
pub fn today_utc() -> NaiveDate {
    Utc::now().date_naive()
}

/// The fixed "now" of the library's unit tests (no test depends on today's date): after
/// the demo certificate's start (2026-11-25), before the test messages expire (2027-12-31).
#[cfg(test)]
pub(crate) fn test_now() -> chrono::DateTime<Utc> {
    NaiveDate::from_ymd_opt(2026, 12, 1)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|t| t.and_utc())
        .unwrap_or_default()
}

/// A calendar date written `YYYYMMDD` in the message.
///
/// Field 5 is the message's *expiry* ("where the date is the expiry date of the message",
/// <https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/byoip-onboard.html>); timezone and
/// inclusiveness are unconfirmed (one report suggests the current UTC day was accepted), so
/// byoip treats the date as inclusive, in UTC, and refuses dates before today.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExpiryDate(NaiveDate);

impl ExpiryDate {
    /// Wraps a date. Years outside 0000–9999 cannot be written in eight digits and are
    /// refused.
    pub fn new(date: NaiveDate) -> Result<Self, Error> {
        if !(0..=9999).contains(&date.year()) {
            return Err(Error::Date {
                input: date.to_string(),
                reason: "the year does not fit in four digits".into(),
            });
        }
        Ok(ExpiryDate(date))
    }

    /// Reads `YYYYMMDD`, `YYYY-MM-DD` or `+Nd` (N days after `today`).
    pub fn parse_relative(s: &str, today: NaiveDate) -> Result<Self, Error> {
        if let Some(rest) = s.strip_prefix('+') {
            let days = rest
                .strip_suffix('d')
                .and_then(|n| n.parse::<u32>().ok())
                .filter(|n| (0..=MAX_RELATIVE_DAYS).contains(n) && !rest.starts_with('+'))
                .ok_or_else(|| Error::Date {
                    input: s.into(),
                    reason: format!(
                        "a relative date is +Nd with N from 0 to {MAX_RELATIVE_DAYS}, e.g. +30d"
                    ),
                })?;
            let date = today
                .checked_add_days(chrono::Days::new(days.into()))
                .ok_or_else(|| Error::Date {
                    input: s.into(),
                    reason: "out of range".into(),
                })?;
            return ExpiryDate::new(date);
        }
        s.parse()
    }

    /// The last day of the month after `today`'s: the expiry AWS's IPAM console fills in
    /// for a BYOASN message ("defaults to the last day of the next month", "Tutorial: Bring
    /// your ASN to IPAM").
    pub fn end_of_next_month(today: NaiveDate) -> Result<Self, Error> {
        let out_of_range = || Error::Date {
            input: today.to_string(),
            reason: "out of range".into(),
        };
        let first = today.with_day(1).ok_or_else(out_of_range)?;
        let after_next = first
            .checked_add_months(chrono::Months::new(2))
            .ok_or_else(out_of_range)?;
        ExpiryDate::new(after_next.pred_opt().ok_or_else(out_of_range)?)
    }

    /// The date.
    pub fn date(&self) -> NaiveDate {
        self.0
    }

    /// Whole days from `today` to the expiry: 0 means it expires at the end of today.
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        (self.0 - today).num_days()
    }
}

impl FromStr for ExpiryDate {
    type Err = Error;
    /// `YYYYMMDD` or `YYYY-MM-DD`; anything else, or a day that does not exist, is refused.
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = |reason: &str| Error::Date {
            input: s.into(),
            reason: reason.into(),
        };
        let digits: String = match s.len() {
            8 => s.into(),
            10 if s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' => s.replace('-', ""),
            _ => return Err(bad("expected YYYYMMDD or YYYY-MM-DD")),
        };
        if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("expected YYYYMMDD or YYYY-MM-DD"));
        }
        let num = |r: std::ops::Range<usize>| digits[r].parse::<u32>().unwrap_or(0);
        let year = i32::try_from(num(0..4)).map_err(|_| bad("bad year"))?;
        let date = NaiveDate::from_ymd_opt(year, num(4..6), num(6..8))
            .ok_or_else(|| bad("no such day in the calendar"))?;
        ExpiryDate::new(date)
    }
}

impl fmt::Display for ExpiryDate {
    /// `YYYYMMDD`, as the message carries it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!(
            "{:04}{:02}{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        ))
    }
}

impl fmt::Debug for ExpiryDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ExpiryDate({self})")
    }
}

impl Serialize for ExpiryDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn end_of_next_month_is_awss_byoasn_default() {
        for (today, want) in [
            (day(2026, 11, 26), "20261231"),
            (day(2026, 12, 31), "20270131"),
            (day(2027, 1, 1), "20270228"),
            (day(2028, 1, 31), "20280229"),
        ] {
            assert_eq!(
                ExpiryDate::end_of_next_month(today).unwrap().to_string(),
                want
            );
        }
    }

    #[test]
    fn three_input_forms() {
        let today = day(2026, 11, 25);
        assert_eq!(
            ExpiryDate::parse_relative("20271231", today)
                .unwrap()
                .to_string(),
            "20271231"
        );
        assert_eq!(
            ExpiryDate::parse_relative("2027-12-31", today)
                .unwrap()
                .to_string(),
            "20271231"
        );
        assert_eq!(
            ExpiryDate::parse_relative("+30d", today)
                .unwrap()
                .to_string(),
            "20261225"
        );
        assert_eq!(
            ExpiryDate::parse_relative("+0d", today)
                .unwrap()
                .days_left(today),
            0
        );
    }

    #[test]
    fn impossible_and_malformed_dates_are_refused() {
        for s in [
            "20270230",
            "20271301",
            "2027-1-31",
            "2027/12/31",
            "271231",
            "+30",
            "+d",
            "+-1d",
            "+99999d",
            "+ 3d",
            "++3d",
            "2027-1231-",
            "202712-31-",
            "x0271231",
            "２０２７１２３１",
            "2027123１",
        ] {
            assert!(
                ExpiryDate::parse_relative(s, day(2026, 1, 1)).is_err(),
                "{s} accepted"
            );
        }
    }

    #[test]
    fn leap_day_is_a_real_date() {
        assert!("20280229".parse::<ExpiryDate>().is_ok());
        assert!("20270229".parse::<ExpiryDate>().is_err());
    }

    #[test]
    fn days_left_counts_whole_days_and_date_gives_the_day_back() {
        let today = day(2026, 11, 25);
        let e = ExpiryDate::parse_relative("+30d", today).unwrap();
        assert_eq!(e.days_left(today), 30);
        assert_eq!(e.days_left(day(2026, 12, 26)), -1);
        assert_eq!(e.date(), day(2026, 12, 25));
        assert_eq!(format!("{e:?}"), "ExpiryDate(20261225)");
    }

    #[test]
    fn today_is_the_utc_calendar_day() {
        // Days since 1970-01-01 from the system clock, counted without chrono's calendar.
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let epoch = day(1970, 1, 1);
        let before = epoch + chrono::Days::new(secs / 86_400);
        let got = today_utc();
        let after = epoch
            + chrono::Days::new(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_secs()
                    / 86_400,
            );
        // Read between two clock readings, so a midnight in between cannot fail it.
        assert!(before <= got && got <= after, "{before} {got} {after}");
    }
}
