//! `cert.*`: the certificate the cloud will read, judged as the cloud documents it: AWS,
//! "Prerequisites for BYOIP in Amazon EC2" (a self-signed X.509 certificate, RFC 5280, with
//! an RSA-2048 key, valid through provisioning; docs/rules.md, "Keys and certificates");
//! Microsoft Azure, "Create a custom IPv4 address prefix using the Azure CLI" (the same
//! recipe: an RSA-2048 key, a self-signed certificate). Each text names the cloud judged,
//! and the signature scheme it verifies.

use chrono::{DateTime, Duration, Utc};

use super::{Builder, Check, CheckId, Status};
use crate::{
    certificate::Certificate,
    cloud::{Cloud, Scheme},
    date::ExpiryDate,
    error::{Input, Remedy, Step},
    rules::profile::Proof,
    rules::{self, Rule, number_of},
    service::Service,
};

/// How long a certificate must still be valid: fail inside `fail_days`, warn inside
/// `warn_days` (`why` says where that threshold comes from), and warn when it ends before
/// the message it verifies (`outlast`) does.
pub(crate) struct Horizon {
    pub(crate) fail_days: i64,
    pub(crate) warn_days: i64,
    pub(crate) why: String,
    /// The last day of the message the certificate verifies (AWS's: "AWS checks the
    /// signature with the certificate" while it provisions, so a message that outlives
    /// its certificate is refused in its last days). Not Azure's date, the ROA's end.
    pub(crate) outlast: Option<ExpiryDate>,
    /// The rules-table row `warn_days` comes from, where one states it.
    pub(crate) rule: Option<&'static Rule>,
}

/// Days a certificate must still be valid for Azure: Azure reads it when it validates the
/// prefix ("Manage a custom IP address prefix": `CertFromRIRPageExpired`), which takes
/// about half an hour, but a prefix is often created some days after its message is
/// signed.
const AZURE_MARGIN_DAYS: i64 = 7;

impl Horizon {
    /// The horizon every report and `sign` judge `cloud`'s certificate by: for AWS the
    /// days `service`'s provisioning can take and the message's expiry `outlast`; for
    /// Azure a week.
    pub(crate) fn of(cloud: Cloud, service: Service, outlast: Option<ExpiryDate>) -> Horizon {
        match cloud {
            Cloud::Azure => Horizon {
                fail_days: 0,
                warn_days: AZURE_MARGIN_DAYS,
                why: "a week of the day it is signed: Azure reads it when it validates the prefix, often days later".into(),
                outlast: None,
                rule: Some(&rules::AZURE_CERT_VALIDITY),
            },
            _ => {
                let window = service.provisioning_days();
                let name = match service {
                    Service::Ec2 => "EC2",
                    Service::Ipam => "IPAM",
                    Service::Ga => "Global Accelerator",
                    Service::Cloudfront => "CloudFront (IPAM)",
                };
                Horizon {
                    fail_days: 0,
                    warn_days: window,
                    why: format!("the {window} days {name} provisioning can take"),
                    outlast,
                    rule: Some(rules::aws_window(service)),
                }
            }
        }
    }
}

/// `cert.validity` of `cert` as every report judges it, for a caller that holds a
/// certificate and not a report: `sign` judges the certificate it signs beside exactly as
/// `check` will judge it in the registry. An expired (or not yet valid) certificate
/// fails; one ending within the service's provisioning time (AWS: 7 days, Global
/// Accelerator 21; Azure: a week), or before the message that `message_expires` ends
/// (AWS), warns. `service` is ignored for Azure, and so is `message_expires` (Azure's
/// date is the ROA's end).
///
/// ```
/// use byoip::{Cloud, Service, certificate::Certificate, check::{self, Status}};
///
/// let pem = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/keys/expired-cert.pem")).unwrap();
/// let cert = Certificate::from_bytes(&pem)?;
/// let c = check::cert_validity(&cert, Cloud::Aws, Service::Ec2, None, byoip::chrono::Utc::now());
/// assert_eq!(c.status, Status::Fail);
/// assert!(c.message.starts_with("the certificate expired on 2020-02-01"), "{}", c.message);
/// # Ok::<(), byoip::Error>(())
/// ```
pub fn cert_validity(
    cert: &Certificate,
    cloud: Cloud,
    service: Service,
    message_expires: Option<ExpiryDate>,
    now: DateTime<Utc>,
) -> Check {
    validity(
        cloud,
        "the certificate",
        cert,
        now,
        &Horizon::of(cloud, service, message_expires),
    )
}

/// The one judge of `cert.validity`, for [`cert_checks`] and [`cert_validity`].
fn validity(
    cloud: Cloud,
    label: &str,
    cert: &Certificate,
    now: DateTime<Utc>,
    h: &Horizon,
) -> Check {
    let info = cert.info(now);
    let end = info.not_after.format("%Y-%m-%d %H:%M UTC");
    let id = CheckId::CertValidity;
    let fail = |message: String, hint: &str| {
        let mut c = Check::new(id.clone(), Status::Fail, message, Some(hint.to_string()));
        if cloud == Cloud::Azure {
            c.coded(Cloud::Azure, crate::message::azure::codes::CERT_EXPIRED);
        }
        c
    };
    // Ends before the message it verifies: AWS refuses the message in its last days.
    let before_message = h
        .outlast
        .filter(|m| cert.expires_before(*m))
        .map(|m| {
            format!(
                "before the message it verifies (valid through {}, end of day UTC): AWS checks the signature with the certificate, so the message is refused once it has expired",
                m.date()
            )
        });
    const OUTLAST: &str =
        "publish a certificate that outlasts the message, or sign with an earlier expiry";
    // The rows applied: the cloud's certificate rule and the window it is judged over.
    let cited: Vec<&'static str> = cert_rules(cloud)[0]
        .into_iter()
        .chain(h.rule)
        .map(|r| r.id)
        .collect();
    let check = if info.not_yet_valid {
        fail(
            format!(
                "{label} is not valid before {}",
                info.not_before.format("%Y-%m-%d %H:%M UTC")
            ),
            "make a certificate valid from now, or wait",
        )
    } else if info.expired {
        fail(
            format!("{label} expired on {end}"),
            "make a new certificate and publish it in place of the old one",
        )
    } else if info.not_after < now + Duration::days(h.fail_days) {
        fail(
            format!(
                "{label} expires on {end}, in {}: under the {}-day limit",
                crate::nouns::days(info.days_left),
                h.fail_days
            ),
            "make a new certificate and publish it before this one expires",
        )
    } else if info.not_after < now + Duration::days(h.warn_days) {
        let message = match &before_message {
            Some(m) => format!("{label} expires on {end}, within {}, and {m}", h.why),
            None => format!("{label} expires on {end}, within {}", h.why),
        };
        Check::new(
            id,
            Status::Warn,
            message,
            Some("publish a certificate valid for longer".into()),
        )
    } else if let Some(m) = before_message {
        Check::new(
            id,
            Status::Warn,
            format!("{label} expires on {end}, {m}"),
            Some(OUTLAST.into()),
        )
        .with_remedies([Remedy::Give(Input::Expiry)])
    } else {
        Check::new(
            id,
            Status::Pass,
            format!(
                "{label} is valid until {end} ({})",
                crate::nouns::days(info.days_left)
            ),
            None,
        )
    };
    // Every fail and warn above is met by a new certificate.
    let renew = (check.status != Status::Pass).then_some(Remedy::Run(Step::MakeCertificate));
    check.with_remedies(renew).with_rules(cited)
}

/// `cloud`'s rows for the certificate: its validity, key size and self-signing.
fn cert_rules(cloud: Cloud) -> [Option<&'static Rule>; 3] {
    match cloud {
        Cloud::Aws => [
            Some(&rules::AWS_CERT_VALIDITY),
            Some(&rules::AWS_CERT_KEY),
            Some(&rules::AWS_CERT_SELF_SIGNED),
        ],
        Cloud::Azure => [
            None,
            Some(&rules::AZURE_CERT_KEY),
            Some(&rules::AZURE_CERT_SELF_SIGNED),
        ],
        _ => [None, None, None],
    }
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
    out: &mut Builder,
    cloud: Cloud,
    chosen: Option<(String, &Certificate)>,
    now: DateTime<Utc>,
    h: &Horizon,
) {
    let Some((label, cert)) = chosen else {
        out.all_left_out(
            CERT_IDS,
            "no certificate: give one, or let the registry's RDAP record supply it",
        );
        return;
    };
    out.0.push(validity(cloud, &label, cert, now, h));
    key_checks(out, cloud, &label, cert, now);
}

/// A certificate the cloud may read for the key the message is signed with, for
/// [`cert_checks_among`].
pub(crate) struct Held<'c> {
    /// How a report names it when it is the only one, e.g. "the RDAP certificate on …".
    pub(crate) label: String,
    /// Where it sits, e.g. `remark "Registration Comments" of NET-…`.
    pub(crate) place: String,
    pub(crate) cert: &'c Certificate,
}

/// Each certificate of `found` once (by its DER), with every place it sits named once, in
/// the order first seen: the same certificate in two fields is one certificate.
pub(super) fn distinct_certificates<'a, T>(
    found: &'a [T],
    cert: impl Fn(&T) -> &Certificate,
    place: impl Fn(&'a T) -> &'a str,
) -> Vec<(&'a T, Vec<&'a str>)> {
    let mut distinct: Vec<(&T, Vec<&str>)> = Vec::new();
    for f in found {
        match distinct
            .iter_mut()
            .find(|(d, _)| cert(d).der() == cert(f).der())
        {
            Some((_, places)) if !places.contains(&place(f)) => places.push(place(f)),
            Some(_) => {}
            None => distinct.push((f, vec![place(f)])),
        }
    }
    distinct
}

/// A certificate's end as the several-certificates words write it: `2027-01-01 00:00 UTC`.
pub(super) fn not_after_text(c: &Certificate) -> String {
    c.not_after().format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The certificates a cloud may use, which the `cert.*` checks judge ([`cert_checks_among`]):
/// those holding the user's key where the cloud reads (`readable`), else anywhere, else
/// those the signature verifies under, else every readable one; none on a record for
/// another range (`foreign`: the cloud would not read it for this prefix). With what they
/// are certificates of, for the checks' words.
pub(super) fn certificates_in_use<T>(
    found: &[T],
    foreign: bool,
    readable: impl Fn(&T) -> bool,
    holds: impl Fn(&T) -> bool,
    verifies: impl Fn(&T) -> bool,
) -> (Vec<&T>, &'static str) {
    let all = |keep: &dyn Fn(&T) -> bool| found.iter().filter(|t| keep(t)).collect::<Vec<_>>();
    if foreign {
        return (Vec::new(), "");
    }
    let read_holders = all(&|t| readable(t) && holds(t));
    if !read_holders.is_empty() {
        (read_holders, " of your key")
    } else if found.iter().any(&holds) {
        (all(&holds), " of your key")
    } else if found.iter().any(&verifies) {
        (all(&verifies), " of the key the signature verifies under")
    } else {
        (all(&readable), "")
    }
}

/// `cert.*` for every certificate in `held` (those where the cloud reads that hold the key
/// the message is signed with, or `what` else the caller gathered), whatever their order in
/// the record: the cloud does not document which one it reads (AWS, "Prerequisites for
/// BYOIP in Amazon EC2", asks for one certificate), so each is judged and none is picked
/// by its place in the list. One certificate (however often it sits in the record) is
/// judged as [`cert_checks`] judges it. Several: `cert.validity` is the worst of their
/// verdicts (the earliest-ending among equals), and when they disagree, one failing
/// (expired, or not yet valid) beside one that does not, it fails naming the failing one
/// and saying to remove it; each is listed in the details. `None`: `fallback`, as
/// [`cert_checks`] judges it.
pub(crate) fn cert_checks_among(
    out: &mut Builder,
    cloud: Cloud,
    held: &[Held<'_>],
    what: &str,
    fallback: Option<(String, &Certificate)>,
    now: DateTime<Utc>,
    h: &Horizon,
) {
    let distinct = distinct_certificates(held, |h| h.cert, |h| &h.place);
    match distinct.as_slice() {
        [] => return cert_checks(out, cloud, fallback, now, h),
        [(one, _)] => return cert_checks(out, cloud, Some((one.label.clone(), one.cert)), now, h),
        _ => {}
    }
    let name = cloud.vendor();
    let rank = |s: Status| match s {
        Status::Fail => 0,
        Status::Warn => 1,
        _ => 2,
    };
    let mut judged: Vec<(&Certificate, String, Check)> = distinct
        .iter()
        .map(|(c, places)| {
            let place = places.join(" and in the ");
            let label = format!("the certificate in the {place}");
            (c.cert, place, validity(cloud, &label, c.cert, now, h))
        })
        .collect();
    // The worst verdict first, then the earliest end, then the bytes: never the record's
    // order.
    judged.sort_by(|a, b| {
        (rank(a.2.status), a.0.not_after(), a.0.der()).cmp(&(
            rank(b.2.status),
            b.0.not_after(),
            b.0.der(),
        ))
    });
    let end = not_after_text;
    let (failing, standing): (Vec<_>, Vec<_>) =
        judged.iter().partition(|j| j.2.status == Status::Fail);
    let mut check = judged[0].2.clone();
    if let (false, Some(keep)) = (failing.is_empty(), standing.first()) {
        check.message = format!(
            "{} different certificates{what} sit where {name} reads and disagree: {}, while the certificate in the {} is valid until {}; {name} does not document which one it reads",
            judged.len(),
            failing
                .iter()
                .map(|j| j.2.message.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            keep.1,
            end(keep.0)
        );
        check.hint = Some(format!(
            "remove {} and keep the one valid until {}",
            failing
                .iter()
                .map(|j| format!(
                    "the {} certificate (notAfter {}) from the {}",
                    if j.0.not_after() < now {
                        "expired"
                    } else {
                        "not yet valid"
                    },
                    end(j.0),
                    j.1
                ))
                .collect::<Vec<_>>()
                .join(", and "),
            end(keep.0)
        ));
    } else {
        check.message = format!(
            "{} ({} different certificates{what} sit where {name} reads; {name} does not document which one it reads, so the worst is reported)",
            check.message,
            judged.len()
        );
    }
    check.details = judged
        .iter()
        .map(|(cert, place, c)| {
            format!(
                "subject {}, notAfter {}, in the {place}: {}",
                cert.subject(),
                end(cert),
                match c.status {
                    Status::Fail if cert.not_after() < now => "expired",
                    Status::Fail => "not yet valid",
                    Status::Warn => "valid, with a warning",
                    _ => "valid",
                }
            )
        })
        .collect();
    out.0.push(check);
    let (cert, place, _) = &judged[0];
    key_checks(
        out,
        cloud,
        &format!("the certificate in the {place}"),
        cert,
        now,
    );
}

/// `cert.key-size` and `cert.self-signed` of `cert`, named `label`, in `cloud`'s words.
fn key_checks(
    out: &mut Builder,
    cloud: Cloud,
    label: &str,
    cert: &Certificate,
    now: DateTime<Utc>,
) {
    let name = cloud.vendor();
    let info = cert.info(now);
    let [_, key_rule, self_signed_rule] = cert_rules(cloud);
    // The size the cloud documents (its row): RSA-2048 for both clouds that sign.
    let want = key_rule.map_or(2048, number_of);
    let mut cited = out.citing(key_rule);
    let b = &mut *cited;
    match info.key_bits {
        Some(bits) if u32::try_from(bits).is_ok_and(|bits| bits == want) => {
            b.pass(
                CheckId::CertKeySize,
                format!("RSA-{want}, the size {name} documents"),
            );
        }
        Some(bits) => {
            b.warn(
                CheckId::CertKeySize,
                format!(
                    "RSA-{bits}: {name} documents only RSA-{want} (other sizes are unconfirmed)"
                ),
                "use an RSA-2048 key to be safe",
            )
            .remedy([Remedy::Run(Step::MakeKey)]);
        }
        None => {
            b.fail(
                CheckId::CertKeySize,
                format!("the certificate's key is {}, not RSA", info.key_algorithm),
                format!(
                    "{name} verifies {} signatures: make an RSA-2048 key and certificate",
                    scheme_name(cloud)
                ),
            )
            .remedy([
                Remedy::Run(Step::MakeKey),
                Remedy::Run(Step::MakeCertificate),
            ]);
        }
    }
    drop(cited);
    let mut cited = out.citing(self_signed_rule);
    let b = &mut *cited;
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
        )
        .remedy([Remedy::Run(Step::MakeCertificate)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Inputs, Signed, run};
    use crate::signature::SignatureText;

    fn cert(pem: &[u8]) -> Certificate {
        Certificate::from_bytes(pem).unwrap()
    }

    /// `cert.validity` of a report on `cert` with a message expiring on `expires`, and the
    /// one-call judge's, at `now`.
    fn both(
        cert: &Certificate,
        service: Service,
        expires: &str,
        now: DateTime<Utc>,
    ) -> (Check, Check) {
        let message = format!("1|aws|123456789012|130.137.245.0/24|{expires}|SHA256|RSAPSS");
        let sig = SignatureText::from("c2ln");
        let mut inp = Inputs::new("130.137.245.0/24", service, now).unwrap();
        inp.certificate = Some(cert);
        inp.signed = Some(Signed::new(message.as_bytes(), &sig));
        let report = run(&inp).get(&CheckId::CertValidity).unwrap().clone();
        let expiry = message
            .parse::<crate::message::AuthorizationMessage>()
            .unwrap()
            .expires;
        (
            report,
            cert_validity(cert, Cloud::Aws, service, Some(expiry), now),
        )
    }

    #[test]
    fn a_report_and_the_one_call_judge_agree() {
        let demo = cert(include_bytes!("../../../testdata/demo-cert.pem"));
        let expired = cert(include_bytes!("../../../testdata/keys/expired-cert.pem"));
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let now = at("2031-06-01T00:00:00Z");
        for (c, service, expires, status) in [
            (&expired, Service::Ec2, "20311231", Status::Fail),
            // The demo certificate ends 2126-11-01: a message past it warns.
            (&demo, Service::Ec2, "21261231", Status::Warn),
            (&demo, Service::Ga, "21261231", Status::Warn),
            (&demo, Service::Ec2, "20311231", Status::Pass),
        ] {
            let (report, judged) = both(c, service, expires, now);
            assert_eq!(
                (report.status, judged.status),
                (status, status),
                "{expires}: {}",
                report.message
            );
            assert_eq!(report.hint, judged.hint);
            // The same words, the label aside ("your certificate" in a report).
            assert_eq!(
                report.message.trim_start_matches("your certificate"),
                judged.message.trim_start_matches("the certificate"),
            );
        }
        // Within provisioning time and before the message: both reasons, one warning.
        let now = at("2126-10-20T00:00:00Z");
        let (report, _) = both(&demo, Service::Ga, "21261231", now);
        assert_eq!(report.status, Status::Warn);
        assert!(
            report.message.contains("within the 21 days Global Accelerator provisioning can take, and before the message it verifies"),
            "{}",
            report.message
        );
    }

    #[test]
    fn azure_fails_an_expired_certificate_with_its_code_and_ignores_the_date() {
        let expired = cert(include_bytes!("../../../testdata/keys/expired-cert.pem"));
        let c = cert_validity(
            &expired,
            Cloud::Azure,
            Service::Ec2,
            None,
            crate::date::test_now(),
        );
        assert_eq!(
            (c.status, c.code),
            (Status::Fail, Some("CertFromRIRPageExpired"))
        );
        // Azure's judge cites its row, whose value says the week is byoip's caution.
        assert!(
            c.rules().contains(&"azure.cert.validity"),
            "{:?}",
            c.rules()
        );
        let demo = cert(include_bytes!("../../../testdata/demo-cert.pem"));
        let far = ExpiryDate::parse_relative(
            "21261231",
            chrono::NaiveDate::from_ymd_opt(2031, 1, 1).unwrap(),
        )
        .unwrap();
        let c = cert_validity(
            &demo,
            Cloud::Azure,
            Service::Ec2,
            Some(far),
            DateTime::parse_from_rfc3339("2031-06-01T00:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
        );
        assert_eq!(c.status, Status::Pass, "{}", c.message);
    }
}
