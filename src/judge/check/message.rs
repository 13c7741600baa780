//! `message.*`: the authorization message's form, its resource (CIDR or ASN), its holder
//! (account or subscription) and its date, read from the parsed message by name, as the
//! cloud it is checked for reads them: one check for every cloud, made AWS's, BYOASN's or
//! Azure's by the form it is given ([`MessageForm`], data citing the rules table: AWS,
//! "Prerequisites for BYOIP in Amazon EC2", `1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS`;
//! AWS, "Tutorial: Bring your ASN to IPAM", `1|aws|ACCOUNT|ASN|YYYYMMDD|SHA256|RSAPSS`;
//! Microsoft Learn, "Create a custom IPv4 address prefix using the Azure CLI",
//! `SUBSCRIPTION|CIDR|YYYYMMDD`; docs/rules.md, "The message").
//!
//! The same problem gets the same check, status, words and hint whatever the cloud; what
//! differs is what the cloud documents differently, and that is a field of its form.

use super::{Builder, Check, CheckId, Given, Status, report::worst};
use crate::{
    asn::looks_like_asn,
    cloud::Cloud,
    error::{Remedy, Step},
    lint::{Finding, LintOptions, Severity, lint},
    message::{Fields, Shape, azure::codes},
    rules::{self, Rule},
};

/// What a message's resource field names, and so the check that compares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Resource {
    /// A prefix: `message.cidr`.
    Cidr,
    /// An AS number (BYOASN): `message.asn`.
    Asn,
}

impl Resource {
    fn id(self) -> CheckId {
        match self {
            Resource::Cidr => CheckId::MessageCidr,
            Resource::Asn => CheckId::MessageAsn,
        }
    }

    /// Its name in the report's words.
    fn name(self) -> &'static str {
        match self {
            Resource::Cidr => "CIDR",
            Resource::Asn => "ASN",
        }
    }

    /// The one the report is for, in its words.
    fn given(self) -> &'static str {
        match self {
            Resource::Cidr => "the CIDR given",
            Resource::Asn => "the ASN given",
        }
    }

    /// What to do when the message names another.
    fn sign(self) -> &'static str {
        match self {
            Resource::Cidr => "sign a message for exactly the CIDR you provision",
            Resource::Asn => "sign a message for exactly the ASN you provision",
        }
    }

    /// When `field` is the other kind of resource: the check's message and hint (a message
    /// for a prefix checked as an ASN's, or the other way round).
    fn other_kind(self, field: &str) -> Option<(String, &'static str)> {
        match (self, looks_like_asn(field)) {
            (Resource::Asn, false) => Some((
                format!(
                    "the message's ASN field is {field:?}, not an ASN: this is a message for a prefix"
                ),
                "sign a BYOASN message, or check the prefix instead",
            )),
            (Resource::Cidr, true) if !field.contains('/') => Some((
                format!(
                    "the message's CIDR field is {field:?}, not a CIDR: this is a message for an ASN"
                ),
                "sign a message for the prefix, or check the ASN instead",
            )),
            _ => None,
        }
    }
}

/// Who a message's holder field names, and so the check that compares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Holder {
    /// AWS's account: `message.account`.
    Account,
    /// Azure's subscription: `message.subscription`.
    Subscription,
}

impl Holder {
    fn id(self) -> CheckId {
        match self {
            Holder::Account => CheckId::MessageAccount,
            Holder::Subscription => CheckId::MessageSubscription,
        }
    }

    /// Its name in the report's words.
    fn name(self) -> &'static str {
        match self {
            Holder::Account => "account",
            Holder::Subscription => "subscription",
        }
    }

    /// The one the report is for, in its words.
    fn given(self) -> &'static str {
        match self {
            Holder::Account => "the account given",
            Holder::Subscription => "the subscription given",
        }
    }

    /// What to give to compare it.
    fn to_compare(self) -> &'static str {
        match self {
            Holder::Account => "give the account to compare",
            Holder::Subscription => "give the subscription to compare",
        }
    }

    /// What to do when the message names another.
    fn sign(self) -> &'static str {
        match self {
            Holder::Account => {
                "sign a message naming the account that calls provision (aws sts get-caller-identity)"
            }
            Holder::Subscription => {
                "sign a message naming the subscription the prefix is created in"
            }
        }
    }
}

/// How a cloud judges the message's date field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DateForm {
    /// AWS's expiry: `YYYYMMDD`, outlasting provisioning (the service's window, a row of
    /// the rules table).
    Expiry,
    /// Azure's: `yyyymmdd`, in the future, the ROA's validity end.
    RoaEnd,
}

/// A cloud's message form, as the message checks read it: what makes the one check AWS's,
/// BYOASN's or Azure's.
#[derive(Debug)]
pub(super) struct MessageForm {
    /// The cloud whose form it is: its name in the checks' words, and its failure codes
    /// named where a finding carries one.
    pub cloud: Cloud,
    /// Where its fields are ([`Fields::read_as`]).
    shape: Shape,
    /// Its fields, as the cloud documents them.
    fields: &'static str,
    /// How many fields, in words.
    count: &'static str,
    /// What it is built from, in words.
    built_from: &'static str,
    /// What its resource field names.
    resource: Resource,
    /// How the cloud compares the message's resource with the one it is asked for: the
    /// reason a difference fails.
    compared: &'static str,
    /// Whether the message's resource must also be the resource written canonically:
    /// Azure compares it with the prefix it creates (`CIDRInAuthorizationMessageNotMatchCustomerIP`);
    /// AWS with the text it is given, whose spelling `prefix.canonical` judges.
    canonical: bool,
    /// What its holder field names.
    holder: Holder,
    /// How the date is judged.
    date: DateForm,
    /// The cloud's failure code for a message not of its form (or without a field), a
    /// resource unlike the one asked for, and a date that is not a date, where it names
    /// its failures (Azure, "Manage a custom IP address prefix", "Validation failures").
    codes: Option<Codes>,
    /// The rules table's row for the form.
    rule: &'static Rule,
}

/// The failure codes a [`MessageForm`]'s checks name.
#[derive(Clone, Copy, Debug)]
struct Codes {
    format: &'static str,
    mismatch: &'static str,
    date: &'static str,
}

/// AWS's message for a prefix.
pub(super) const AWS_PREFIX: MessageForm = MessageForm {
    cloud: Cloud::Aws,
    shape: Shape::Aws,
    fields: "1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS",
    count: "seven",
    built_from: "the account, the CIDR and the expiry",
    resource: Resource::Cidr,
    compared: "AWS rebuilds the message from the CIDR it is asked to provision",
    canonical: false,
    holder: Holder::Account,
    date: DateForm::Expiry,
    codes: None,
    rule: &rules::AWS_MESSAGE,
};

/// AWS's message for an ASN (BYOASN).
pub(super) const AWS_ASN: MessageForm = MessageForm {
    fields: "1|aws|ACCOUNT|ASN|YYYYMMDD|SHA256|RSAPSS",
    built_from: "the account, the ASN and the expiry",
    resource: Resource::Asn,
    compared: "AWS compares the message's ASN with the one it is asked to provision, as text",
    rule: &rules::AWS_BYOASN_MESSAGE,
    ..AWS_PREFIX
};

/// Azure's message.
pub(super) const AZURE: MessageForm = MessageForm {
    cloud: Cloud::Azure,
    shape: Shape::Azure,
    fields: "SUBSCRIPTION|CIDR|YYYYMMDD",
    count: "three",
    built_from: "the subscription, the CIDR and the expiry",
    resource: Resource::Cidr,
    compared: "Azure compares it with the prefix it creates, written canonically",
    canonical: true,
    holder: Holder::Subscription,
    date: DateForm::RoaEnd,
    codes: Some(Codes {
        format: codes::FORMAT_INVALID,
        mismatch: codes::CIDR_MISMATCH,
        date: codes::EXPIRY_INVALID,
    }),
    rule: &rules::AZURE_MESSAGE,
};

impl MessageForm {
    /// The cloud and its failure code `which`, where it names its failures.
    fn code(&self, which: fn(Codes) -> &'static str) -> Option<(Cloud, &'static str)> {
        self.codes.map(|c| (self.cloud, which(c)))
    }

    /// Its checks, in report order.
    pub(super) fn ids(&self) -> [CheckId; 4] {
        [
            CheckId::MessageFormat,
            self.resource.id(),
            self.holder.id(),
            CheckId::MessageExpiry,
        ]
    }
}

/// What the message checks compare the message with.
pub(super) struct Expected<'a> {
    /// The message and signature, or why there are none (in place of [`NO_MESSAGE`]).
    pub message: Given<'a>,
    /// The resource as given (the CIDR's text, the ASN).
    pub given: &'a str,
    /// The resource written canonically.
    pub canonical: String,
    /// The holder (account, subscription), if given.
    pub holder: Option<&'a str>,
    /// The lint's calendar and service (the provisioning window).
    pub lint: LintOptions,
}

/// What a check left out for want of a message says.
pub(super) const NO_MESSAGE: &str = "no message given (a message with its signature, or a context)";

/// The `message.*` checks of `form`, in report order: the lint's findings, each under the
/// check of its id (the others with it as details), and the message's fields by name
/// against what is `expected`. A message not of the form fails `message.format` and skips
/// the rest; no message leaves them all out.
pub(super) fn message_checks(b: &mut Builder, form: &MessageForm, expected: &Expected<'_>) {
    let ids = form.ids();
    let mut b = b.citing([form.rule]);
    let s = match expected.message.or_why(NO_MESSAGE) {
        Ok(s) => s,
        Err(why) => {
            b.all_left_out(ids, why);
            return;
        }
    };
    let vendor = form.cloud.vendor();
    let text = String::from_utf8_lossy(s.message);
    // The form is told as the lint tells it (look-alikes of | read as |), so the findings
    // below are always about this form.
    if Fields::lenient(&text).shape() != form.shape {
        fail(
            &mut b,
            form.code(|c| c.format),
            CheckId::MessageFormat,
            format!(
                "this is not {vendor}'s message: {vendor}'s is {}, {} fields",
                form.fields, form.count
            ),
            format!("build {vendor}'s message from {}", form.built_from),
        );
        b.all(
            ids.into_iter().skip(1),
            Status::Skip,
            &format!("the message is not in {vendor}'s form"),
        );
        return;
    }
    let findings = lint(s.message, &expected.lint);
    let fields = Fields::exact(&text);
    let named = fields.read_as(form.shape);
    let no_field = |b: &mut Builder, id: CheckId, what: &str| {
        fail(
            b,
            form.code(|c| c.format),
            id,
            format!("the message has no {what} field"),
            "build the message from its fields",
        )
        .remedy([Remedy::Run(Step::BuildMessage)]);
    };

    // message.format
    if found(&mut b, form, CheckId::MessageFormat, &findings).is_none() {
        b.pass(
            CheckId::MessageFormat,
            format!("{}, exact bytes, no whitespace", form.fields),
        );
    }

    // message.cidr or message.asn
    let r = form.resource;
    let (id, what, given) = (r.id(), r.name(), r.given());
    match named.resource {
        None => no_field(&mut b, id, what),
        Some(f) => {
            let error = worst(&findings, &id).filter(|f| f.severity == Severity::Error);
            let matches = f == expected.given && (!form.canonical || f == expected.canonical);
            if error.is_some() {
                found(&mut b, form, id, &findings);
            } else if let Some((message, hint)) = r.other_kind(f) {
                fail(&mut b, None, id, message, hint);
            } else if matches {
                b.pass(id, format!("the message's {what} is {f}, as {given}"));
            } else {
                let check = fail(
                    &mut b,
                    form.code(|c| c.mismatch),
                    id.clone(),
                    format!(
                        "the message says {f:?}, {given} says {:?}: {}",
                        expected.given, form.compared
                    ),
                    if form.canonical {
                        format!("{}, written {}", r.sign(), expected.canonical)
                    } else {
                        r.sign().to_string()
                    },
                );
                // What the lint says of the field's spelling, a warning: beside the failure.
                check.details = also(&findings, &id, None);
            }
        }
    }

    // message.account or message.subscription
    let h = form.holder;
    let (id, who, given) = (h.id(), h.name(), h.given());
    if found(&mut b, form, id.clone(), &findings).is_none() {
        match (named.holder, expected.holder) {
            (None, _) => no_field(&mut b, id, who),
            (Some(m), Some(g)) if m.eq_ignore_ascii_case(g) => {
                b.pass(id, format!("the message names {who} {g}, as {given}"));
            }
            (Some(m), Some(g)) => {
                b.fail(
                    id,
                    format!("the message names {who} {m}, {given} is {g}"),
                    h.sign(),
                );
            }
            (Some(m), None) => {
                b.left_out(
                    id,
                    format!("the message names {who} {m}; {}", h.to_compare()),
                );
            }
        }
    }

    // message.expiry: the date field judged as the cloud reads it, by the lint's judge of
    // that form; AWS's must outlast provisioning (the service's window, a row of the rules
    // table).
    let id = CheckId::MessageExpiry;
    let today = expected.lint.today;
    let window = expected.lint.service;
    let mut b = b.citing((form.date == DateForm::Expiry).then(|| rules::aws_window(window)));
    let Some(d) = named.date else {
        fail(
            &mut b,
            form.code(|c| c.date),
            id,
            "the message has no date field",
            "build the message from its fields",
        )
        .remedy([Remedy::Run(Step::BuildMessage)]);
        return;
    };
    let finding = match form.date {
        DateForm::Expiry => crate::lint::expiry_finding(d, &expected.lint),
        DateForm::RoaEnd => crate::lint::azure_date_finding(d, today),
    };
    match (&finding, d.parse::<crate::date::ExpiryDate>()) {
        (Some(f), _) => {
            b.finding_coded(id, f, form.cloud);
        }
        (None, Ok(date)) if form.date == DateForm::Expiry => {
            b.pass(
                id,
                format!(
                    "expires {date}, in {} (provisioning can take {})",
                    crate::nouns::days(date.days_left(today)),
                    window.provisioning_days()
                ),
            );
        }
        (None, _) => {
            b.pass(
                id,
                format!(
                    "{d} is a yyyymmdd date in the future ({vendor} wants the ROA's validity end)"
                ),
            );
        }
    }
}

/// The check `id` as the lint's worst finding for it judged it (naming `form`'s failure
/// code when the finding has one), with the others for it as details; `None` when the
/// lint found nothing for it.
fn found<'b>(
    b: &'b mut Builder,
    form: &MessageForm,
    id: CheckId,
    findings: &[Finding],
) -> Option<&'b mut Check> {
    let worst = worst(findings, &id)?;
    let details = also(findings, &id, Some(worst));
    let check = b.finding_coded(id, worst, form.cloud);
    check.details = details;
    Some(check)
}

/// The lint's findings for the check `id` but `shown`, as details.
fn also(findings: &[Finding], id: &CheckId, shown: Option<&Finding>) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.id.check_id() == *id && shown.is_none_or(|s| !std::ptr::eq(*f, s)))
        .map(|f| format!("also: {}", f.message))
        .collect()
}

/// The check `id` failing, naming the cloud's failure `code` where it has one.
fn fail<'b>(
    b: &'b mut Builder,
    code: Option<(Cloud, &'static str)>,
    id: CheckId,
    message: impl Into<String>,
    hint: impl Into<String>,
) -> &'b mut Check {
    match code {
        Some((cloud, code)) => b.fail_coded(id, message, hint, cloud, code),
        None => b.fail(id, message, hint),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::SignatureText;

    const SUB: &str = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab";

    /// The message checks of `form` for `message`, held to `given` (the CIDR or ASN) and
    /// `holder`, as of the unit tests' clock.
    fn judge(form: &MessageForm, message: Option<&str>, given: &str, holder: &str) -> Vec<Check> {
        let signature = SignatureText::from("c2ln");
        let mut b = Builder::default();
        let service = match form.resource {
            Resource::Asn => crate::service::Service::Ipam,
            Resource::Cidr => crate::service::Service::Ec2,
        };
        let canonical = match form.resource {
            Resource::Cidr => crate::prefix::Cidr::parse(given)
                .unwrap()
                .prefix()
                .to_string(),
            Resource::Asn => given.to_string(),
        };
        message_checks(
            &mut b,
            form,
            &Expected {
                message: Given {
                    signed: message.map(|m| super::super::Signed::new(m.as_bytes(), &signature)),
                    why_not: None,
                },
                given,
                canonical,
                holder: Some(holder),
                lint: LintOptions {
                    service,
                    ..LintOptions::on(crate::date::test_now().date_naive())
                },
            },
        );
        b.0
    }

    fn get(checks: &[Check], id: CheckId) -> &Check {
        checks.iter().find(|c| c.id == id).unwrap()
    }

    /// Each form, a good message of it, its resource and its holder.
    fn forms() -> [(&'static MessageForm, String, &'static str, &'static str); 3] {
        [
            (
                &AWS_PREFIX,
                "1|aws|123456789012|192.198.0.0/24|20271231|SHA256|RSAPSS".into(),
                "192.198.0.0/24",
                "123456789012",
            ),
            (
                &AWS_ASN,
                "1|aws|123456789012|397979|20271231|SHA256|RSAPSS".into(),
                "397979",
                "123456789012",
            ),
            (
                &AZURE,
                format!("{SUB}|192.198.0.0/24|20271231"),
                "192.198.0.0/24",
                SUB,
            ),
        ]
    }

    #[test]
    fn the_same_problem_is_judged_alike_for_every_cloud() {
        for (form, good, given, holder) in forms() {
            let name = form.cloud.vendor();
            let ids = form.ids();
            // A good message passes every check, each citing the form's row.
            let checks = judge(form, Some(&good), given, holder);
            assert_eq!(checks.iter().map(|c| c.id.clone()).collect::<Vec<_>>(), ids);
            for c in &checks {
                assert_eq!(c.status, Status::Pass, "{name}: {c:?}");
                assert!(c.rules().contains(&form.rule.id), "{name}: {c:?}");
            }
            // No message: every check left out, in the same words.
            for c in judge(form, None, given, holder) {
                assert!(c.is_left_out(), "{name}: {c:?}");
                assert_eq!(c.message, NO_MESSAGE, "{name}");
            }
            // Another resource: the same failure and hint, with the cloud's reason.
            let other = if form.resource == Resource::Asn {
                "397980"
            } else {
                "192.198.1.0/24"
            };
            let c = get(&judge(form, Some(&good), other, holder), ids[1].clone()).clone();
            assert_eq!(c.status, Status::Fail, "{name}: {c:?}");
            let what = form.resource.name();
            assert!(
                c.message.starts_with(&format!(
                    "the message says {given:?}, the {what} given says {other:?}: "
                )),
                "{name}: {}",
                c.message
            );
            assert!(
                c.hint.as_deref().unwrap().starts_with(&format!(
                    "sign a message for exactly the {what} you provision"
                )),
                "{name}: {:?}",
                c.hint
            );
            // Another holder: the same failure.
            let someone = if form.holder == Holder::Account {
                "123456789013"
            } else {
                "0b2f7c1e-1111-4a2b-9c3d-abcdefabcdef"
            };
            let c = get(&judge(form, Some(&good), given, someone), ids[2].clone()).clone();
            let who = form.holder.name();
            assert_eq!(c.status, Status::Fail, "{name}: {c:?}");
            assert_eq!(
                c.message,
                format!("the message names {who} {holder}, the {who} given is {someone}")
            );
            // A date with dashes: the lint's error, whatever the cloud (AWS's prefix check
            // once passed it).
            let dashed = good.replace("20271231", "2027-12-31");
            let c = get(
                &judge(form, Some(&dashed), given, holder),
                CheckId::MessageExpiry,
            )
            .clone();
            assert_eq!(c.status, Status::Fail, "{name}: {c:?}");
            assert!(
                c.message.contains("has separators"),
                "{name}: {}",
                c.message
            );
        }
    }

    #[test]
    fn a_message_of_another_form_fails_the_format_and_judges_no_field() {
        for (form, _, given, holder) in forms() {
            let name = form.cloud.vendor();
            // The other cloud's good message.
            let other = forms()
                .into_iter()
                .find(|f| f.0.shape != form.shape)
                .unwrap()
                .1;
            let checks = judge(form, Some(&other), given, holder);
            let c = &checks[0];
            assert_eq!(
                (c.id.clone(), c.status),
                (CheckId::MessageFormat, Status::Fail),
                "{name}: {c:?}"
            );
            assert!(
                c.message
                    .starts_with(&format!("this is not {name}'s message: {name}'s is ")),
                "{}",
                c.message
            );
            // Azure names its failure code; AWS names none.
            assert_eq!(c.code, form.codes.map(|c| c.format), "{name}: {c:?}");
            for c in &checks[1..] {
                assert_eq!(c.status, Status::Skip, "{name}: {c:?}");
                assert!(!c.is_left_out());
            }
        }
    }

    #[test]
    fn a_message_for_the_other_resource_is_named() {
        let asn_message = "1|aws|123456789012|397979|20271231|SHA256|RSAPSS";
        let c = judge(
            &AWS_PREFIX,
            Some(asn_message),
            "192.198.0.0/24",
            "123456789012",
        )
        .remove(1);
        assert_eq!(c.status, Status::Fail);
        assert!(
            c.message.ends_with("this is a message for an ASN"),
            "{}",
            c.message
        );
        let prefix_message = "1|aws|123456789012|192.198.0.0/24|20271231|SHA256|RSAPSS";
        let c = judge(&AWS_ASN, Some(prefix_message), "397979", "123456789012").remove(1);
        assert_eq!(c.status, Status::Fail);
        assert!(
            c.message.ends_with("this is a message for a prefix"),
            "{}",
            c.message
        );
    }

    #[test]
    fn a_spelling_the_lint_warns_of_fails_as_a_difference_with_the_warning_beside_it() {
        // An ASN not bare decimal, a CIDR not canonical: the cloud compares text.
        let asn = "1|aws|123456789012|AS397979|20271231|SHA256|RSAPSS";
        let c = judge(&AWS_ASN, Some(asn), "397979", "123456789012").remove(1);
        assert_eq!(c.status, Status::Fail, "{c:?}");
        assert!(
            c.details.iter().any(|d| d.contains("not bare decimal")),
            "{c:?}"
        );
        let azure = format!("{SUB}|2001:DB8::/32|20271231");
        let c = judge(&AZURE, Some(&azure), "2001:db8::/32", SUB).remove(1);
        assert_eq!(c.status, Status::Fail, "{c:?}");
        assert_eq!(c.code, Some(codes::CIDR_MISMATCH));
        assert!(
            c.details.iter().any(|d| d.contains("canonical form")),
            "{c:?}"
        );
        // Azure compares the message with the prefix it creates: the same non-canonical
        // text given fails there; AWS compares it with the text it is given, whose spelling
        // prefix.canonical judges.
        let azure = format!("{SUB}|2001:DB8::/32|20271231");
        let c = judge(&AZURE, Some(&azure), "2001:DB8::/32", SUB).remove(1);
        assert_eq!(c.status, Status::Fail, "{c:?}");
        let aws = "1|aws|123456789012|2001:DB8::/32|20271231|SHA256|RSAPSS";
        let c = judge(&AWS_PREFIX, Some(aws), "2001:DB8::/32", "123456789012").remove(1);
        assert_eq!(c.status, Status::Pass, "{c:?}");
        // Host bits set: the lint's error, for either cloud.
        for (form, m) in [
            (
                &AWS_PREFIX,
                "1|aws|123456789012|192.198.0.1/24|20271231|SHA256|RSAPSS".to_string(),
            ),
            (&AZURE, format!("{SUB}|192.198.0.1/24|20271231")),
        ] {
            let holder = if form.holder == Holder::Account {
                "123456789012"
            } else {
                SUB
            };
            let c = judge(form, Some(&m), "192.198.0.1/24", holder).remove(1);
            assert_eq!(c.status, Status::Fail, "{c:?}");
            assert!(c.message.contains("host bits are set"), "{}", c.message);
        }
    }

    #[test]
    fn every_finding_of_a_check_is_shown_the_worst_first() {
        let m = "1|aws|123456789012|192.198.0.0/24|20271231|SHA256\u{FF5C}RSAPSS\n";
        let c = judge(&AWS_PREFIX, Some(m), "192.198.0.0/24", "123456789012").remove(0);
        assert_eq!(c.status, Status::Fail);
        assert_eq!(c.details.len(), 1, "{c:?}");
        assert!(c.details[0].starts_with("also: "), "{c:?}");
    }
}
