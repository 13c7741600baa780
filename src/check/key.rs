//! `key.cert-match`: the key you sign with is the key of the certificate published in the
//! registry, where AWS reads it (AWS, "Prerequisites for BYOIP in Amazon EC2"; keys compared
//! by their SubjectPublicKeyInfo, RFC 5280 §4.1.2.7; docs/rules.md, "Keys and certificates").

use super::{Builder, CheckId};
use crate::key::VerifyingKey;

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
    let id = CheckId::KeyCertMatch;
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
