//! `signature.local`: the message and signature under the user's own key, as AWS verifies
//! them (RSASSA-PSS with SHA-256, RFC 8017 §8.1; AWS, "Prerequisites for BYOIP in Amazon
//! EC2"), before any registry is involved.

use super::{Builder, CheckId, Given};
use crate::{
    cloud::Cloud,
    error::{Remedy, Step},
    key::VerifyingKey,
    signature,
};

/// `signature.local`: the message and signature under the user's own key, independent of
/// any registry.
pub(super) fn local_signature_check(b: &mut Builder, given: Given<'_>, user_keys: &[VerifyingKey]) {
    local_signature_check_for(b, Cloud::Aws, given, user_keys, None);
}

/// [`local_signature_check`] as `cloud` verifies (its scheme and encoding; Azure's
/// diagnoses carry its failure code), with [`sign_again`] when no diagnosis says why; a
/// failure names the cloud's failure `code`, where it has one, as it is made.
pub(super) fn local_signature_check_for(
    b: &mut Builder,
    cloud: Cloud,
    given: Given<'_>,
    user_keys: &[VerifyingKey],
    code: Option<&'static str>,
) {
    match (
        given.or_why("no message and signature given (nor a context)"),
        user_keys.first(),
    ) {
        (Err(why), _) => {
            b.left_out(CheckId::SignatureLocal, why);
        }
        (Ok(_), None) => {
            b.left_out(
                CheckId::SignatureLocal,
                "no certificate or key given to verify with",
            );
        }
        (Ok(s), Some(k)) => {
            let others: Vec<&VerifyingKey> = user_keys.iter().skip(1).collect();
            let v = signature::diagnose(cloud, k, s.message, s.signature, &others);
            if v.valid {
                let (scheme, _) = signature::scheme_of(cloud);
                b.pass(
                    CheckId::SignatureLocal,
                    format!("the signature verifies with your key ({scheme})"),
                );
            } else {
                let (why, hint) = why_not(&v, sign_again(cloud));
                let message = format!("the signature does not verify with your key: {why}");
                let check = match code {
                    Some(code) => b.fail_coded(CheckId::SignatureLocal, message, hint, cloud, code),
                    None => b.fail(CheckId::SignatureLocal, message, hint),
                };
                check.remedy(remedies_of(&v, cloud));
            }
        }
    }
}

/// Why `v` does not verify, and what to do: its first diagnosis, else a plain "it does not
/// verify" and `sign_again` (shared with [`crate::audit`]).
pub(crate) fn why_not(v: &signature::Verification, sign_again: &str) -> (String, String) {
    v.first_reason().map_or_else(
        || ("it does not verify".to_string(), sign_again.to_string()),
        |d| (d.to_string(), d.hint.clone()),
    )
}

/// What to do about `v`, as values: its first diagnosis's, else sign again for `cloud`
/// (as [`why_not`] and [`sign_again`] say in words).
pub(crate) fn remedies_of(v: &signature::Verification, cloud: Cloud) -> Vec<Remedy> {
    v.first_reason().map_or_else(
        || vec![Remedy::Run(Step::Sign(cloud))],
        |d| d.remedies().to_vec(),
    )
}

/// What to do when a signature checked for `cloud` does not verify and no diagnosis says
/// why: sign again with a signer for that cloud (byoip's signs for AWS by default).
pub(super) fn sign_again(cloud: Cloud) -> &'static str {
    match cloud {
        Cloud::Azure => "sign again with a signer for Azure",
        _ => "sign again with byoip's signer",
    }
}
