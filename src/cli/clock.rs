//! The CLI's one clock. "Now" is read once, when the command starts: the system's time, or
//! `BYOIP_NOW` when it is set (for tests and for reproducing a run as of another moment).
//! Everything that judges a date (verdicts, default expiries, the lint's date checks,
//! certificate validity, warnings) takes it from here; the library never reads the
//! environment and takes `now` as an input.
//!
//! A set clock is never silent: stderr says so once, verdict lines end with
//! [`verdict_note`] and JSON objects gain `"now"` ([`with_now`]), so a forgotten
//! `BYOIP_NOW` in a CI job cannot pass for the real time.

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use super::{CliError, note};

/// The environment variable that sets the clock.
pub const VAR: &str = "BYOIP_NOW";

struct Clock {
    now: DateTime<Utc>,
    /// Whether `BYOIP_NOW` set it.
    set: bool,
}

static CLOCK: OnceLock<Clock> = OnceLock::new();

/// Reads the clock for this run: `BYOIP_NOW` when it is set (and not empty), else the
/// system's time. Says on stderr when `BYOIP_NOW` is the clock. An invalid value is an
/// input error (exit 2).
pub fn init() -> Result<(), CliError> {
    let given = std::env::var_os(VAR).filter(|v| !v.is_empty());
    let clock = match given {
        None => Clock {
            now: Utc::now(),
            set: false,
        },
        Some(v) => {
            let text = v.to_string_lossy();
            let now = parse(&text).map_err(|why| {
                CliError::input(
                    format!("{VAR}={text:?} is not a time: {why}"),
                    format!(
                        "write it in UTC as RFC 3339 (e.g. {VAR}=2031-06-01T12:00:00Z) or a date alone (e.g. {VAR}=2031-06-01, meaning 00:00Z), or unset it to use the system's clock"
                    ),
                )
            })?;
            note(&format!(
                "{VAR}={text} is the clock: every date is judged as of {}, not the system's time",
                rfc3339(now)
            ));
            Clock { now, set: true }
        }
    };
    let _ = CLOCK.set(clock);
    Ok(())
}

/// `2031-06-01T12:00:00Z` (RFC 3339, UTC; `z` and `+00:00` too, fractions of a second
/// kept) or `2031-06-01` (00:00Z that day).
fn parse(text: &str) -> Result<DateTime<Utc>, &'static str> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        && text.len() == 10
    {
        return Ok(day.and_time(chrono::NaiveTime::MIN).and_utc());
    }
    let t = DateTime::parse_from_rfc3339(text)
        .map_err(|_| "expected RFC 3339 in UTC (YYYY-MM-DDTHH:MM:SSZ) or YYYY-MM-DD")?;
    if t.offset().local_minus_utc() != 0 {
        return Err("the offset is not UTC");
    }
    Ok(t.with_timezone(&Utc))
}

fn clock() -> &'static Clock {
    // `init` runs first in `main`; a caller before it (none today) gets the system's time.
    CLOCK.get_or_init(|| Clock {
        now: Utc::now(),
        set: false,
    })
}

/// Now, as this run sees it.
pub fn now() -> DateTime<Utc> {
    clock().now
}

/// Today's date in UTC, as this run sees it (the calendar AWS's `YYYYMMDD` is assumed to
/// use).
pub fn today() -> NaiveDate {
    now().date_naive()
}

/// `now` as RFC 3339, whole seconds unless it has a fraction.
fn rfc3339(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// What `BYOIP_NOW` set the clock to, as RFC 3339; `None` on the system's clock.
pub fn set_to() -> Option<String> {
    let c = clock();
    c.set.then(|| rfc3339(c.now))
}

/// The end of a verdict line: ` (clock: BYOIP_NOW=…)` when `BYOIP_NOW` set the clock,
/// else nothing.
pub fn verdict_note() -> String {
    set_to()
        .map(|t| format!(" (clock: {VAR}={t})"))
        .unwrap_or_default()
}

/// Pretty JSON `text` with `"now": "…"` among an object's top-level keys when `BYOIP_NOW`
/// set the clock (after the last key that sorts before it, so an output in alphabetical
/// order stays so); unchanged otherwise, or when the document is not an object.
pub fn with_now(text: String) -> String {
    match set_to() {
        Some(t) => insert_now(text, &t),
        None => text,
    }
}

/// [`with_now`] for the time `t`.
fn insert_now(text: String, t: &str) -> String {
    if !text.starts_with("{\n") {
        return text;
    }
    let entry = format!("  \"now\": {}", serde_json::Value::from(t));
    // In serde_json's pretty form a top-level key is a line that starts with exactly two
    // spaces and a quote; strings never hold a raw line break.
    let lines: Vec<&str> = text.lines().collect();
    let keys: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("  \"") && !l.starts_with("   "))
        .map(|(i, l)| (i, l[3..].split('"').next().unwrap_or_default()))
        .collect();
    if keys.iter().any(|(_, k)| *k == "now") {
        return text;
    }
    let mut out: Vec<String> = lines.iter().map(ToString::to_string).collect();
    match keys.iter().find(|(_, k)| *k > "now") {
        Some((at, _)) => out.insert(*at, format!("{entry},")),
        None => {
            // The last line is the closing brace; the one before it ends the last value.
            let last = out.len() - 1;
            if last > 0 && out[last - 1] != "{" {
                out[last - 1].push(',');
            }
            out.insert(last, entry);
        }
    }
    let mut s = out.join("\n");
    if text.ends_with('\n') {
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byoip_now_reads_rfc3339_utc_and_a_date_alone() {
        let t = |s: &str| parse(s).map(rfc3339);
        assert_eq!(
            t("2031-06-01T12:00:00Z").as_deref(),
            Ok("2031-06-01T12:00:00Z")
        );
        assert_eq!(t("2031-06-01").as_deref(), Ok("2031-06-01T00:00:00Z"));
        assert_eq!(
            t("2031-06-01t12:00:00.5z").as_deref(),
            Ok("2031-06-01T12:00:00.500Z")
        );
        assert_eq!(
            t("2031-06-01T12:00:00+00:00").as_deref(),
            Ok("2031-06-01T12:00:00Z")
        );
        assert_eq!(t("2031-06-01T12:00:00+02:00"), Err("the offset is not UTC"));
        for bad in [
            "",
            "now",
            "20310601",
            "2031-6-1",
            "2031-06-01T12:00:00",
            "2031-02-30",
            "2031-06-01 12:00:00Z x",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn now_goes_among_the_top_level_keys_in_alphabetical_place() {
        let pretty = |v: serde_json::Value| serde_json::to_string_pretty(&v).unwrap() + "\n";
        let t = "2031-06-01T00:00:00Z";
        // Sorted output stays sorted, nested keys untouched.
        let sorted =
            pretty(serde_json::json!({"a": {"now": 1, "z": [1, 2]}, "ok": true, "z": "x"}));
        let want = pretty(
            serde_json::json!({"a": {"now": 1, "z": [1, 2]}, "now": t, "ok": true, "z": "x"}),
        );
        assert_eq!(insert_now(sorted, t), want);
        // Last, first and alone.
        let last = pretty(serde_json::json!({"a": {"b": 1}}));
        assert_eq!(
            insert_now(last, t),
            pretty(serde_json::json!({"a": {"b": 1}, "now": t}))
        );
        let first = pretty(serde_json::json!({"ok": [1]}));
        assert_eq!(
            insert_now(first, t),
            pretty(serde_json::json!({"now": t, "ok": [1]}))
        );
        assert_eq!(insert_now("{}\n".into(), t), "{}\n");
        // A declared order: before the first key that sorts after it.
        let declared = "{\n  \"cidr\": \"x\",\n  \"ok\": true,\n  \"asn\": null\n}\n";
        assert_eq!(
            insert_now(declared.into(), t),
            "{\n  \"cidr\": \"x\",\n  \"now\": \"2031-06-01T00:00:00Z\",\n  \"ok\": true,\n  \"asn\": null\n}\n"
        );
        // Not an object, or one that has its own "now": unchanged.
        let list = pretty(serde_json::json!([{"a": 1}]));
        assert_eq!(insert_now(list.clone(), t), list);
        let own = pretty(serde_json::json!({"now": 1}));
        assert_eq!(insert_now(own.clone(), t), own);
    }
}
