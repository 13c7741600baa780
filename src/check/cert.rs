//! `cert.*`: the certificate the cloud will read, judged as the cloud documents it: AWS,
//! "Prerequisites for BYOIP in Amazon EC2" (a self-signed X.509 certificate, RFC 5280, with
//! an RSA-2048 key, valid through provisioning; docs/rules.md, "Keys and certificates");
//! Microsoft Azure, "Create a custom IPv4 address prefix using the Azure CLI" (the same
//! recipe: an RSA-2048 key, a self-signed certificate). Each text names the cloud judged,
//! and the signature scheme it verifies.

use chrono::{DateTime, Duration, Utc};

use super::{Builder, CheckId};
use crate::{
    certificate::Certificate,
    cloud::{Cloud, Proof, Scheme},
};

/// How long a certificate (or message) must still be valid: fail inside `fail_days`,
/// warn inside `warn_days`; `why` says where the warning threshold comes from.
pub(crate) struct Horizon<'a> {
    pub(crate) fail_days: i64,
    pub(crate) warn_days: i64,
    pub(crate) why: &'a str,
}

/// The `cert.*` checks, in report order.
pub(super) const CERT_IDS: [CheckId; 3] = [
    CheckId::CertValidity,
    CheckId::CertKeySize,
    CheckId::CertSelfSigned,
];

/// The signature scheme `cloud` verifies, by its short name.
fn scheme_name(cloud: Cloud) -> &'static str {
    match cloud.profile().proof {
        Proof::SignedMessage {
            scheme: Scheme::RsaPkcs1v15Sha256,
            ..
        } => "RSASSA-PKCS1-v1_5",
        _ => "RSASSA-PSS",
    }
}

/// `cert.validity`, `cert.key-size`, `cert.self-signed` for the certificate `chosen`, in
/// the words of `cloud`, whose rules they are.
pub(crate) fn cert_checks(
    b: &mut Builder,
    cloud: Cloud,
    chosen: Option<(String, &Certificate)>,
    now: DateTime<Utc>,
    h: &Horizon<'_>,
) {
    let Some((label, cert)) = chosen else {
        b.all_left_out(
            CERT_IDS,
            "no certificate: give one, or let the registry's RDAP record supply it",
        );
        return;
    };
    let name = cloud.vendor();
    let info = cert.info(now);
    let end = info.not_after.format("%Y-%m-%d %H:%M UTC");
    if info.not_yet_valid {
        b.fail(
            CheckId::CertValidity,
            format!(
                "{label} is not valid before {}",
                info.not_before.format("%Y-%m-%d %H:%M UTC")
            ),
            "make a certificate valid from now, or wait",
        );
    } else if info.expired {
        b.fail(
            CheckId::CertValidity,
            format!("{label} expired on {end}"),
            "make a new certificate and publish it in place of the old one",
        );
    } else if info.not_after < now + Duration::days(h.fail_days) {
        b.fail(
            CheckId::CertValidity,
            format!(
                "{label} expires on {end}, in {}: under the {}-day limit",
                crate::text::days(info.days_left),
                h.fail_days
            ),
            "make a new certificate and publish it before this one expires",
        );
    } else if info.not_after < now + Duration::days(h.warn_days) {
        b.warn(
            CheckId::CertValidity,
            format!("{label} expires on {end}, within {}", h.why),
            "publish a certificate valid for longer",
        );
    } else {
        b.pass(
            CheckId::CertValidity,
            format!(
                "{label} is valid until {end} ({})",
                crate::text::days(info.days_left)
            ),
        );
    }
    match info.key_bits {
        Some(2048) => {
            b.pass(
                CheckId::CertKeySize,
                format!("RSA-2048, the size {name} documents"),
            );
        }
        Some(bits) => {
            b.warn(
                CheckId::CertKeySize,
                format!("RSA-{bits}: {name} documents only RSA-2048 (other sizes are unconfirmed)"),
                "use an RSA-2048 key to be safe",
            );
        }
        None => {
            b.fail(
                CheckId::CertKeySize,
                format!("the certificate's key is {}, not RSA", info.key_algorithm),
                format!(
                    "{name} verifies {} signatures: make an RSA-2048 key and certificate",
                    scheme_name(cloud)
                ),
            );
        }
    }
    if info.self_signed() {
        b.pass(
            CheckId::CertSelfSigned,
            format!("self-signed, as {name} asks"),
        );
    } else {
        b.warn(
            CheckId::CertSelfSigned,
            format!("{label} is not self-signed (issuer {})", info.issuer),
            format!(
                "{name} asks for a self-signed certificate; whether others work is unconfirmed"
            ),
        );
    }
}
