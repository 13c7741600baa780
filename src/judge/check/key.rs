//! `key.cert-match`: the key you sign with is the key of the certificate published in the
//! registry, where AWS reads it (AWS, "Prerequisites for BYOIP in Amazon EC2"; keys compared
//! by their SubjectPublicKeyInfo, RFC 5280 §4.1.2.7; docs/rules.md, "Keys and certificates").

use super::{Builder, CheckId};
use crate::{
    cloud::Cloud,
    error::{Change, Remedy, Step},
    key::VerifyingKey,
    rules::Rule,
};

/// A certificate found in the record, for `key.cert-match`: where it sits, its key (or why
/// it has none), and, when the cloud does not read it there, what to do instead.
pub(super) struct PublishedKey<'k> {
    /// Where it sits, for people.
    pub(super) place: String,
    /// Its key, or why it has none.
    pub(super) key: Result<&'k VerifyingKey, String>,
    /// `None` where the cloud reads it; otherwise the hint saying where it must go.
    pub(super) unread: Option<String>,
}

/// Why no registry record holds a certificate to compare with, for `key.cert-match`.
pub(super) enum Absent<'a> {
    /// Needed, not gathered: `not-run`.
    NotGathered(&'a str),
    /// Not consulted by choice: `skip`.
    NotAsked(&'a str),
    /// Looked at, none found: `skip`.
    NoneFound,
}

/// `key.cert-match`, citing `placement` (the rules-table row of where `cloud` reads at this
/// registry): one of the `published` certificates that sits where `cloud` reads holds
/// the user's key, and the key given matches the certificate given. A certificate holding the key where the
/// cloud does not read it is no match: the cloud would never see it. `absent` says why a
/// place the cloud reads may not have been seen (then nothing fails on what was seen).
/// `foreign` says why the record is for another range: given a key, the check did not run
/// (nothing on such a record is this prefix's), citing no row.
pub(super) fn key_cert_match(
    b: &mut Builder,
    cloud: Cloud,
    placement: Option<&'static Rule>,
    foreign: Option<&str>,
    user_keys: &[VerifyingKey],
    published: &[PublishedKey<'_>],
    absent: &Absent<'_>,
) {
    let id = CheckId::KeyCertMatch;
    if let Some(why) = foreign.filter(|_| !user_keys.is_empty()) {
        b.not_run(id, why);
        return;
    }
    let b = &mut b.citing(placement);
    let fps: Vec<String> = user_keys
        .iter()
        .map(|k| k.fingerprint().to_string())
        .collect();
    let holds_key = |p: &&PublishedKey<'_>| p.key.as_ref().is_ok_and(|k| user_keys.contains(k));
    let matching = published
        .iter()
        .filter(|p| p.unread.is_none())
        .find(holds_key);
    let misplaced = published
        .iter()
        .filter(|p| p.unread.is_some())
        .find(holds_key);
    let name = cloud.vendor();
    if user_keys.len() == 2 && user_keys[0] != user_keys[1] {
        b.fail(
            id,
            format!("the key given ({}) is not the key of the certificate given ({})", fps[1], fps[0]),
            "sign with the key whose certificate you publish; inspecting each file shows its fingerprint",
        )
        .remedy([Remedy::Run(Step::Inspect)]);
    } else if fps.is_empty() {
        b.left_out(id, "no certificate or key given");
    } else if matching.is_some() {
        // Every place a certificate of your key sits where the cloud reads, each once: never
        // just the first in the record, whose order says nothing.
        let mut places: Vec<&str> = Vec::new();
        for p in published
            .iter()
            .filter(|p| p.unread.is_none())
            .filter(holds_key)
        {
            if !places.contains(&p.place.as_str()) {
                places.push(&p.place);
            }
        }
        places.sort_unstable();
        b.pass(
            id,
            format!(
                "the certificate in the {} holds your key {}…",
                places.join(" and in the "),
                fps[0].get(..16).unwrap_or(&fps[0])
            ),
        );
    } else if let (Absent::NotGathered(why), Some(p)) = (absent, misplaced) {
        // Where the cloud reads was not seen: the copy elsewhere proves nothing either way.
        b.not_run(
            id,
            format!(
                "the certificate holding your key is in the {}, which {name} does not read, and where {name} reads was not seen: {why}",
                p.place
            ),
        );
    } else if let Some(p) = misplaced {
        b.fail(
            id,
            format!(
                "the certificate holding your key {} is in the {}, which {name} does not read",
                fps[0], p.place
            ),
            p.unread.clone().unwrap_or_default(),
        )
        .remedy([Remedy::Change(Change::CertificatePlacement)]);
    } else if let (Absent::NotGathered(why), false) = (absent, published.is_empty()) {
        b.not_run(
            id,
            format!(
                "no certificate seen holds your key {}, but where {name} reads was not seen: {why}",
                fps[0]
            ),
        );
    } else if !published.is_empty() {
        let c = b.fail(
            id,
            format!("no certificate in RDAP holds your key {}", fps[0]),
            "publish the certificate of the key you sign with, or sign with the key whose certificate is published",
        );
        c.remedy([Remedy::Run(Step::MakeCertificate)]);
        for p in published {
            let fp = match &p.key {
                Ok(k) => k.fingerprint().to_string(),
                Err(e) => e.clone(),
            };
            let unread = if p.unread.is_some() {
                format!(" ({name} does not read it there)")
            } else {
                String::new()
            };
            c.details
                .push(format!("RDAP {}: key {fp}{unread}", p.place));
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
                b.left_out(id, format!("RDAP not consulted ({why})"));
            }
            Absent::NoneFound => {
                b.skip(id, "no certificate found in RDAP to compare your key with");
            }
        }
    }
}
