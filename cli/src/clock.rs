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
use serde::{
    Serialize, Serializer,
    ser::{SerializeMap, SerializeStruct},
};

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

/// `value` as it serializes, with `"now": "…"` among a top-level object's keys when
/// `BYOIP_NOW` set the clock; as it is otherwise ([`WithNow`]).
pub fn with_now<T: Serialize + ?Sized>(value: &T) -> WithNow<'_, T> {
    WithNow {
        value,
        now: set_to(),
    }
}

/// A value that serializes as itself, with `"now"` (when set) put among its top-level keys
/// as a value, through serde: before the first key that sorts after `now`, else last, so
/// an output in alphabetical order stays so and a declared order keeps its place. Not
/// added to an empty object, to one whose own `now` comes before that place, or to a value
/// that is not an object.
pub struct WithNow<'a, T: ?Sized> {
    value: &'a T,
    now: Option<String>,
}

impl<T: Serialize + ?Sized> Serialize for WithNow<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.now {
            Some(now) => self.value.serialize(AddNow { inner: s, now }),
            None => self.value.serialize(s),
        }
    }
}

/// The serializer under [`WithNow`]: `inner`, with `now` added to the top-level object
/// (a struct or a map, through `Option` and newtypes); every other value passes through.
struct AddNow<'n, S> {
    inner: S,
    now: &'n str,
}

/// Where `"now"` goes among an object's keys, as they are written.
struct Place<'n> {
    now: &'n str,
    placed: bool,
    written: usize,
}

impl<'n> Place<'n> {
    fn new(now: &'n str, empty: bool) -> Self {
        Place {
            now,
            placed: empty,
            written: 0,
        }
    }

    /// Before the key `key` (its name, when it has one) is written: whether `"now"` goes
    /// first.
    fn before(&mut self, key: Option<&str>) -> bool {
        self.written += 1;
        match key {
            _ if self.placed => false,
            // The object's own "now": the clock's is not added.
            Some("now") => {
                self.placed = true;
                false
            }
            Some(k) if k > "now" => {
                self.placed = true;
                true
            }
            _ => false,
        }
    }

    /// At the end of the object: whether `"now"` goes last.
    fn last(&self) -> bool {
        !self.placed && self.written > 0
    }
}

/// Serializer methods that pass a value straight to `inner`.
macro_rules! pass_through {
    ($($name:ident($($arg:ident: $t:ty),*) -> $out:ty;)*) => {
        $(fn $name(self, $($arg: $t),*) -> Result<$out, S::Error> {
            self.inner.$name($($arg),*)
        })*
    };
}

impl<'n, S: Serializer> Serializer for AddNow<'n, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = S::SerializeSeq;
    type SerializeTuple = S::SerializeTuple;
    type SerializeTupleStruct = S::SerializeTupleStruct;
    type SerializeTupleVariant = S::SerializeTupleVariant;
    type SerializeMap = NowMap<'n, S::SerializeMap>;
    type SerializeStruct = NowStruct<'n, S::SerializeStruct>;
    type SerializeStructVariant = S::SerializeStructVariant;

    pass_through! {
        serialize_bool(v: bool) -> S::Ok;
        serialize_i8(v: i8) -> S::Ok;
        serialize_i16(v: i16) -> S::Ok;
        serialize_i32(v: i32) -> S::Ok;
        serialize_i64(v: i64) -> S::Ok;
        serialize_i128(v: i128) -> S::Ok;
        serialize_u8(v: u8) -> S::Ok;
        serialize_u16(v: u16) -> S::Ok;
        serialize_u32(v: u32) -> S::Ok;
        serialize_u64(v: u64) -> S::Ok;
        serialize_u128(v: u128) -> S::Ok;
        serialize_f32(v: f32) -> S::Ok;
        serialize_f64(v: f64) -> S::Ok;
        serialize_char(v: char) -> S::Ok;
        serialize_str(v: &str) -> S::Ok;
        serialize_bytes(v: &[u8]) -> S::Ok;
        serialize_none() -> S::Ok;
        serialize_unit() -> S::Ok;
        serialize_unit_struct(name: &'static str) -> S::Ok;
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> S::Ok;
        serialize_seq(len: Option<usize>) -> S::SerializeSeq;
        serialize_tuple(len: usize) -> S::SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> S::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> S::SerializeTupleVariant;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> S::SerializeStructVariant;
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner
            .serialize_newtype_variant(name, index, variant, value)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        let empty = len == Some(0);
        Ok(NowMap {
            inner: self
                .inner
                .serialize_map(len.map(|n| n + usize::from(!empty)))?,
            place: Place::new(self.now, empty),
        })
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        let empty = len == 0;
        Ok(NowStruct {
            inner: self
                .inner
                .serialize_struct(name, len + usize::from(!empty))?,
            place: Place::new(self.now, empty),
        })
    }
}

/// A top-level struct, gaining `"now"` in its place.
struct NowStruct<'n, M> {
    inner: M,
    place: Place<'n>,
}

impl<M: SerializeStruct> SerializeStruct for NowStruct<'_, M> {
    type Ok = M::Ok;
    type Error = M::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        if self.place.before(Some(key)) {
            self.inner.serialize_field("now", self.place.now)?;
        }
        self.inner.serialize_field(key, value)
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), M::Error> {
        self.inner.skip_field(key)
    }

    fn end(mut self) -> Result<M::Ok, M::Error> {
        if self.place.last() {
            self.inner.serialize_field("now", self.place.now)?;
        }
        self.inner.end()
    }
}

/// A top-level map, gaining `"now"` in its place.
struct NowMap<'n, M> {
    inner: M,
    place: Place<'n>,
}

impl<M: SerializeMap> SerializeMap for NowMap<'_, M> {
    type Ok = M::Ok;
    type Error = M::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), M::Error> {
        // A key's name, when it serializes as a string (JSON's keys do).
        let name = serde_json::to_value(key).ok();
        if self
            .place
            .before(name.as_ref().and_then(serde_json::Value::as_str))
        {
            self.inner.serialize_entry("now", self.place.now)?;
        }
        self.inner.serialize_key(key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), M::Error> {
        self.inner.serialize_value(value)
    }

    fn end(mut self) -> Result<M::Ok, M::Error> {
        if self.place.last() {
            self.inner.serialize_entry("now", self.place.now)?;
        }
        self.inner.end()
    }
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
        let t = "2031-06-01T00:00:00Z";
        fn with<T: Serialize>(value: &T) -> String {
            let now = Some("2031-06-01T00:00:00Z".to_string());
            serde_json::to_string_pretty(&WithNow { value, now }).unwrap()
        }
        let pretty = |v: serde_json::Value| serde_json::to_string_pretty(&v).unwrap();
        // Sorted output stays sorted, nested keys untouched.
        let sorted = serde_json::json!({"a": {"now": 1, "z": [1, 2]}, "ok": true, "z": "x"});
        let want =
            serde_json::json!({"a": {"now": 1, "z": [1, 2]}, "now": t, "ok": true, "z": "x"});
        assert_eq!(with(&sorted), pretty(want));
        // Last, first and alone.
        let last = serde_json::json!({"a": {"b": 1}});
        assert_eq!(
            with(&last),
            pretty(serde_json::json!({"a": {"b": 1}, "now": t}))
        );
        let first = serde_json::json!({"ok": [1]});
        assert_eq!(
            with(&first),
            pretty(serde_json::json!({"now": t, "ok": [1]}))
        );
        assert_eq!(with(&serde_json::json!({})), "{}");
        // A declared order: before the first key that sorts after it, through an Option.
        #[derive(Serialize)]
        struct Declared {
            cidr: &'static str,
            ok: bool,
            asn: Option<u32>,
        }
        let declared = Some(Declared {
            cidr: "x",
            ok: true,
            asn: None,
        });
        assert_eq!(
            with(&declared),
            "{\n  \"cidr\": \"x\",\n  \"now\": \"2031-06-01T00:00:00Z\",\n  \"ok\": true,\n  \"asn\": null\n}"
        );
        // Not an object, or one that has its own "now": unchanged.
        let list = serde_json::json!([{"a": 1}]);
        assert_eq!(with(&list), pretty(list.clone()));
        let own = serde_json::json!({"now": 1});
        assert_eq!(with(&own), pretty(own.clone()));
        // On the system's clock, nothing is added.
        let plain = WithNow {
            value: &first,
            now: None,
        };
        assert_eq!(
            serde_json::to_string_pretty(&plain).unwrap(),
            pretty(first.clone())
        );
    }
}
