//! `signature.local`: the message and signature under the user's own key, as AWS verifies
//! them (RSASSA-PSS with SHA-256, RFC 8017 §8.1; AWS, "Prerequisites for BYOIP in Amazon
//! EC2"), before any registry is involved.

use super::{Builder, Signed};
use crate::{key::VerifyingKey, signature};

/// `signature.local`: the message and signature under the user's own key, independent of
/// any registry.
pub(super) fn local_signature_check(
    b: &mut Builder,
    signed: Option<Signed<'_>>,
    user_keys: &[VerifyingKey],
) {
    match (signed, user_keys.first()) {
        (None, _) => {
            b.skip(
                "signature.local",
                "no message and signature given (--message/--signature or --context)",
            );
        }
        (Some(_), None) => {
            b.skip(
                "signature.local",
                "no certificate or key given to verify with",
            );
        }
        (Some(s), Some(k)) => {
            let others: Vec<&VerifyingKey> = user_keys.iter().skip(1).collect();
            let v = signature::verify(k, s.message, s.signature, &others);
            if v.valid {
                b.pass(
                    "signature.local",
                    "the signature verifies with your key (RSASSA-PSS, SHA-256, salt 32)",
                );
            } else {
                let (why, hint) = first_diagnosis(&v);
                b.fail(
                    "signature.local",
                    format!("the signature does not verify with your key: {why}"),
                    hint,
                );
            }
        }
    }
}

pub(super) fn first_diagnosis(v: &signature::Verification) -> (String, String) {
    v.diagnosis.first().map_or_else(
        || {
            (
                "it does not verify".to_string(),
                "sign again with `byoip sign`".to_string(),
            )
        },
        |d| (format!("{} ({})", d.message, d.id), d.hint.clone()),
    )
}
