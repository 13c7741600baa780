//! `message.*`: the authorization message's bytes, CIDR, account and expiry, as AWS
//! rebuilds and compares them (AWS, "Prerequisites for BYOIP in Amazon EC2", the
//! `1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS` format; docs/rules.md, "The message").

use super::{Builder, CheckId, Inputs, report::worst};
use crate::{
    account::AccountId,
    date::ExpiryDate,
    lint::{LintId, LintOptions, Severity, lint},
};

/// `message.account`: the message's account (field 3) is valid and the account given.
pub(super) fn account_check(
    b: &mut Builder,
    in_message: Option<&str>,
    account: Option<&AccountId>,
    finding: Option<&crate::lint::Finding>,
) {
    match (in_message, account, finding) {
        (_, _, Some(f)) => {
            b.fail(CheckId::MessageAccount, f.message.clone(), f.hint.clone());
        }
        (Some(m), Some(a), None) if m == a.as_str() => {
            b.pass(
                CheckId::MessageAccount,
                format!("the message names account {a}, as the account given"),
            );
        }
        (Some(m), Some(a), None) => {
            b.fail(
                CheckId::MessageAccount,
                format!("the message names account {m}, the account given is {a}"),
                "sign a message naming the account that calls provision (aws sts get-caller-identity)",
            );
        }
        _ => {
            b.left_out(
                CheckId::MessageAccount,
                "give the account to compare it with the message",
            );
        }
    }
}

/// `message.format` of AWS's form (a prefix's or BYOASN's): the lint's worst finding about
/// the form, else a pass naming `form`.
pub(super) fn format_check(b: &mut Builder, findings: &[crate::lint::Finding], form: &str) {
    match worst(findings, &CheckId::MessageFormat) {
        Some(f) => b.finding(CheckId::MessageFormat, f),
        None => b.pass(CheckId::MessageFormat, form),
    };
}

/// The `message.*` checks of a prefix report, in report order.
pub(super) const MESSAGE_IDS: [CheckId; 4] = [
    CheckId::MessageFormat,
    CheckId::MessageCidr,
    CheckId::MessageAccount,
    CheckId::MessageExpiry,
];

pub(super) fn message_checks(b: &mut Builder, inp: &Inputs<'_>, window: i64, service: &str) {
    let Some(s) = inp.signed else {
        b.all_left_out(
            MESSAGE_IDS,
            "no message given (a message with its signature, or a context)",
        );
        return;
    };
    let today = inp.now.date_naive();
    let findings = lint(
        s.message,
        &LintOptions {
            today,
            service: inp.service,
            advertise: inp.advertise,
        },
    );
    format_check(
        b,
        &findings,
        "1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS, exact bytes, no whitespace",
    );
    let text = String::from_utf8_lossy(s.message);
    let fields = crate::message::Fields::exact(&text);
    let named = fields.read_as(crate::message::Shape::Aws);
    match named.resource {
        Some(c) if c == inp.cidr.text() => {
            b.pass(
                CheckId::MessageCidr,
                format!("the message's CIDR is {c}, as the CIDR given"),
            );
        }
        Some(c) => {
            b.fail(
                CheckId::MessageCidr,
                format!("the message says {c:?}, the CIDR given says {:?}: AWS rebuilds the message from the CIDR it is asked to provision", inp.cidr.text()),
                "sign a message for exactly the CIDR you provision",
            );
        }
        None => {
            b.fail(
                CheckId::MessageCidr,
                "the message has no CIDR field",
                "build the message from its fields",
            );
        }
    }
    account_check(
        b,
        named.holder,
        inp.account.as_ref(),
        findings.iter().find(|f| f.id == LintId::MessageAccount),
    );
    // The expiry must outlast provisioning: the service's window, a row of the rules table.
    let mut b = b.citing([crate::rules::aws_window(inp.service)]);
    match named.date.and_then(|d| d.parse::<ExpiryDate>().ok()) {
        Some(d) => {
            let left = d.days_left(today);
            match d.severity(today, 0, window) {
                Some(severity @ Severity::Error) => b.judged(
                    CheckId::MessageExpiry,
                    severity,
                    format!(
                        "the message expired on {d} ({} ago)",
                        crate::text::days(-left)
                    ),
                    "sign a new message with a later date",
                ),
                Some(severity @ Severity::Warning) => b.judged(
                    CheckId::MessageExpiry,
                    severity,
                    format!("the message expires on {d}, in {}: {service} provisioning can take up to {window} days", crate::text::days(left)),
                    "sign a new message that expires after provisioning can finish",
                ),
                None => b.pass(
                    CheckId::MessageExpiry,
                    format!(
                        "expires {d}, in {} (provisioning can take {window})",
                        crate::text::days(left)
                    ),
                ),
            };
        }
        None => {
            b.fail(
                CheckId::MessageExpiry,
                "the message's date field is not a YYYYMMDD date",
                "build the message from its fields",
            );
        }
    }
}
