//! `key.cert-match` and `cert.*`: the certificate AWS will read, judged as AWS documents
//! it (AWS, "Prerequisites for BYOIP in Amazon EC2": a self-signed X.509 certificate, RFC
//! 5280, with an RSA-2048 key, valid through provisioning; docs/rules.md, "Keys and
//! certificates").

use chrono::{DateTime, Duration, Utc};

use super::Builder;
use crate::{certificate::Certificate, key::VerifyingKey};

/// Why no registry record holds a certificate to compare with, for `key.cert-match`.
pub(super) enum Absent<'a> {
    /// Needed, not gathered: `not-run`.
    NotGathered(&'a str),
    /// Not consulted by choice: `skip`.
    NotAsked(&'a str),
    /// Looked at, none found: `skip`.
    NoneFound,
}

/// `key.cert-match`: one of the `published` certificates (where, and its key or why it has
/// none) holds the user's key, and `--key` matches `--cert`.
pub(super) fn key_cert_match(
    b: &mut Builder,
    user_keys: &[VerifyingKey],
    published: &[(String, Result<&VerifyingKey, String>)],
    absent: &Absent<'_>,
) {
    let id = "key.cert-match";
    let fps: Vec<String> = user_keys
        .iter()
        .map(|k| k.fingerprint().to_string())
        .collect();
    let matching = published
        .iter()
        .find(|(_, k)| k.as_ref().is_ok_and(|k| user_keys.contains(k)));
    if user_keys.len() == 2 && user_keys[0] != user_keys[1] {
        b.fail(
            id,
            format!("--key ({}) is not the key of --cert ({})", fps[1], fps[0]),
            "sign with the key whose certificate you publish; `byoip inspect FILE` shows each fingerprint",
        );
    } else if fps.is_empty() {
        b.skip(id, "no --cert or --key given");
    } else if let Some((place, _)) = matching {
        b.pass(
            id,
            format!(
                "the certificate in the {place} holds your key {}…",
                fps[0].get(..16).unwrap_or(&fps[0])
            ),
        );
    } else if !published.is_empty() {
        let c = b.fail(
            id,
            format!("no certificate in RDAP holds your key {}", fps[0]),
            "publish the certificate of the key you sign with (`byoip cert --key KEY --out cert.pem`), or sign with the key whose certificate is published",
        );
        for (place, key) in published {
            let fp = match key {
                Ok(k) => k.fingerprint().to_string(),
                Err(e) => e.clone(),
            };
            c.details.push(format!("RDAP {place}: key {fp}"));
        }
    } else {
        // Your key and certificate agreeing is half the check: the other half is the
        // certificate AWS reads, in the registry.
        let same = if fps.len() == 2 {
            format!(
                "your key and certificate hold the same key {}, but ",
                fps[0]
            )
        } else {
            String::new()
        };
        match absent {
            Absent::NotGathered(why) => {
                b.not_run(
                    id,
                    format!("{same}no RDAP record to compare your key with: {why}"),
                );
            }
            _ if fps.len() == 2 => {
                b.pass(
                    id,
                    format!(
                        "your key and certificate hold the same key {} (no certificate in RDAP to compare)",
                        fps[0]
                    ),
                );
            }
            Absent::NotAsked(why) => {
                b.skip(id, format!("RDAP not consulted ({why})"));
            }
            Absent::NoneFound => {
                b.skip(id, "no certificate found in RDAP to compare your key with");
            }
        }
    }
}

/// How long a certificate (or message) must still be valid: fail inside `fail_days`,
/// warn inside `warn_days`; `why` says where the warning threshold comes from.
pub(crate) struct Horizon<'a> {
    pub(crate) fail_days: i64,
    pub(crate) warn_days: i64,
    pub(crate) why: &'a str,
}

/// `cert.validity`, `cert.key-size`, `cert.self-signed` for the certificate `chosen`.
pub(crate) fn cert_checks(
    b: &mut Builder,
    chosen: Option<(String, &Certificate)>,
    now: DateTime<Utc>,
    h: &Horizon<'_>,
) {
    let Some((label, cert)) = chosen else {
        for id in ["cert.validity", "cert.key-size", "cert.self-signed"] {
            b.skip(
                id,
                "no certificate: give --cert, or let byoip find one in RDAP",
            );
        }
        return;
    };
    let info = cert.info(now);
    let end = info.not_after.format("%Y-%m-%d %H:%M UTC");
    if info.not_yet_valid {
        b.fail(
            "cert.validity",
            format!(
                "{label} is not valid before {}",
                info.not_before.format("%Y-%m-%d %H:%M UTC")
            ),
            "make a certificate valid from now (`byoip cert --key KEY --out cert.pem`), or wait",
        );
    } else if info.expired {
        b.fail(
            "cert.validity",
            format!("{label} expired on {end}"),
            "make a new certificate (`byoip cert --key KEY --out cert.pem`) and publish it in place of the old one",
        );
    } else if info.not_after < now + Duration::days(h.fail_days) {
        b.fail(
            "cert.validity",
            format!("{label} expires on {end}, in {}: under the {}-day limit", crate::text::days(info.days_left), h.fail_days),
            "make a new certificate (`byoip cert --key KEY --out cert.pem`) and publish it before this one expires",
        );
    } else if info.not_after < now + Duration::days(h.warn_days) {
        b.warn(
            "cert.validity",
            format!("{label} expires on {end}, within {}", h.why),
            "publish a certificate valid for longer",
        );
    } else {
        b.pass(
            "cert.validity",
            format!(
                "{label} is valid until {end} ({})",
                crate::text::days(info.days_left)
            ),
        );
    }
    match info.key_bits {
        Some(2048) => {
            b.pass("cert.key-size", "RSA-2048, the size AWS documents");
        }
        Some(bits) => {
            b.warn(
                "cert.key-size",
                format!("RSA-{bits}: AWS documents only RSA-2048 (other sizes are unconfirmed)"),
                "use an RSA-2048 key (`byoip keygen --out KEY`) to be safe",
            );
        }
        None => {
            b.fail(
                "cert.key-size",
                format!("the certificate's key is {}, not RSA", info.key_algorithm),
                "AWS verifies RSASSA-PSS signatures: make an RSA-2048 key and certificate (`byoip keygen --out KEY`, `byoip cert --key KEY --out cert.pem`)",
            );
        }
    }
    if info.self_signed() {
        b.pass("cert.self-signed", "self-signed, as AWS asks");
    } else {
        b.warn(
            "cert.self-signed",
            format!("{label} is not self-signed (issuer {})", info.issuer),
            "AWS asks for a self-signed certificate (`byoip cert --key KEY --out cert.pem`); whether others work is unconfirmed",
        );
    }
}
