//! The message linter: every problem with a candidate authorization message, each with a

mod prefix;
mod values;

use chrono::NaiveDate;
use serde::Serialize;

pub use crate::id::LintId;

use crate::{
    account,
    asn::{Asn, looks_like_asn},
    cloud::Cloud,
    date::ExpiryDate,
    error::{Input, Remedy, Step},
    message::{
        ALGORITHM, FIELD_COUNT, Fields, HASH, INVISIBLE, ISSUER, PIPE_LOOKALIKES, Shape, VERSION,
        azure::codes,
    },
    prefix::Prefix,
    service::Service,
    subscription,
};

/// How bad a finding is. A check report speaks in [`Status`](crate::check::Status)
/// instead, which also passes, skips and does not run; `Status::from` maps one to the
/// other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Severity {
    /// AWS documents something else; provisioning would fail or behaviour is unconfirmed.
    Warning,
    /// AWS will not accept this.
    Error,
}

/// One problem, with a stable id, a message and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// Stable identifier, e.g. `message.account`.
    pub id: LintId,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
    /// The failure code the cloud would report for it, where the cloud names its failures
    /// (Azure's `FailedReason`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// What to do, as values a front end names in its own way ([`Finding::remedies`]).
    #[serde(skip)]
    remedies: Vec<Remedy>,
}

impl Finding {
    /// What to do, as values ([`crate::Remedy`]): the `hint`'s words, for a front end to
    /// name by its own means (the CLI's flags and commands).
    pub fn remedies(&self) -> &[Remedy] {
        &self.remedies
    }

    /// The same finding, with `remedies` as what to do besides its hint's words.
    pub(crate) fn with_remedies(mut self, remedies: impl IntoIterator<Item = Remedy>) -> Self {
        self.remedies.extend(remedies);
        self
    }

    /// Builds a finding (a front end's own, beside [`lint()`](crate::lint())'s).
    pub fn new(
        id: LintId,
        severity: Severity,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Finding {
            id,
            severity,
            message: message.into(),
            hint: hint.into(),
            code: None,
            remedies: Vec::new(),
        }
    }

    /// The same finding, naming the failure code the cloud would report.
    pub(crate) fn with_code(self, code: &'static str) -> Self {
        Finding {
            code: Some(code),
            ..self
        }
    }
}

/// Context the lint needs: the calendar and what the prefix will be provisioned to.
///
/// Built with [`LintOptions::on`] (or [`LintOptions::today`]), then fields set:
/// `#[non_exhaustive]`, so a field added later breaks no caller.
///
/// ```
/// let mut opts = byoip::LintOptions::on("2027-01-15".parse().unwrap());
/// opts.service = byoip::Service::Ipam;
/// let findings = byoip::lint(b"1|aws|123456789012|198.51.100.0/24|20270301|SHA256|RSAPSS", &opts);
/// // Documentation space: fine for trying things out, refused by AWS.
/// assert_eq!(findings.len(), 1);
/// assert_eq!(findings[0].id, byoip::LintId::PrefixPublic);
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct LintOptions {
    /// Today's date in UTC.
    pub today: NaiveDate,
    /// The target service (size rules, provisioning window).
    pub service: Service,
    /// Whether the range will be publicly advertised (IPv6 may opt out).
    pub advertise: bool,
}

impl LintOptions {
    /// EC2, advertised, judged as of `today` (no clock is read: for a browser page, or a
    /// date of the caller's choosing).
    pub fn on(today: NaiveDate) -> Self {
        LintOptions {
            today,
            service: Service::Ec2,
            advertise: true,
        }
    }

    /// EC2, advertised, today in UTC from the system clock (on `wasm32-unknown-unknown`
    /// the clock needs chrono's `wasmbind` feature: use [`LintOptions::on`] there).
    pub fn today() -> Self {
        Self::on(crate::date::today_utc())
    }
}

/// Lists every problem with `bytes` as an authorization message. An empty list means it
/// is a message AWS documents, for the given service and date.
///
/// hint, independent of any signature.
///
/// Rules: the message format of AWS's "Onboard your address range for use in Amazon EC2"
/// (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/byoip-onboard.html>): the fields,
/// a 12-digit account, the CIDR, a `YYYYMMDD` expiry, no whitespace; the unofficial 8-field
/// `…|validFrom|validUntil|registry|…` format of third-party guides is not AWS's (that
/// page: "This is not to be confused with a ROA message"); the expiry must outlast
/// provisioning (a week for EC2/IPAM, three weeks for Global Accelerator); sizes and
/// special-purpose space as in [`crate::Prefix`]. A BYOASN message (AWS's "Tutorial:
/// Bring your ASN to IPAM", <https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoasn.html>)
/// is recognised by the shape of field 4 and judged by [`crate::Asn`]'s rules, with IPAM's
/// provisioning window.
///
/// Azure's three-field message (Microsoft Learn, "Create a custom IPv4 address prefix using
/// the Azure CLI", <https://learn.microsoft.com/azure/virtual-network/ip-services/create-custom-ip-address-prefix-cli>)
/// is recognised by its shape ([`crate::cloud_of`]) and judged by its own
/// rules: a subscription GUID, a canonical CIDR of Azure's sizes, a `yyyymmdd` date in the
/// future. Each finding Azure would refuse carries the failure code it would report
/// ("Manage a custom IP address prefix", "Validation failures").
pub fn lint(bytes: &[u8], opts: &LintOptions) -> Vec<Finding> {
    let mut out = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(e) => {
            out.push(Finding::new(
                LintId::MessageAscii,
                Severity::Error,
                format!(
                    "the message is not valid UTF-8 (bad byte at offset {})",
                    e.valid_up_to()
                ),
                "the message is plain ASCII: retype it, or check the file's encoding",
            ));
            String::from_utf8_lossy(bytes)
        }
    };
    let trimmed = text.trim_matches(|c: char| c.is_whitespace());
    out.extend(whitespace_findings(&text, trimmed));
    out.extend(non_ascii_findings(trimmed));
    // Read the fields the way the user meant them, so one look-alike does not hide the
    // other problems.
    let fields = Fields::lenient(trimmed);
    if fields.shape() == Shape::Azure {
        out.extend(lint_azure(&fields, opts));
    } else {
        out.extend(lint_aws(&fields.as_slice(), opts));
    }
    out
}

/// Whitespace around the message (the signature covers exact bytes: AWS's recipe signs
/// `echo -n $text_message`) and between its fields. `trimmed` is `text` without it.
fn whitespace_findings(text: &str, trimmed: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    if trimmed.len() != text.len() {
        let tail = &text[text.trim_end_matches(char::is_whitespace).len()..];
        let head = &text[..text.len() - text.trim_start_matches(char::is_whitespace).len()];
        let (what, hint) = if tail == "\n" {
            (
                "ends with a newline (\\n)",
                "sign the message without it: `echo -n`, `printf '%s'`, or byoip's signer, which never adds one",
            )
        } else if tail == "\r\n" {
            (
                "ends with CR LF (\\r\\n), as Windows editors save it",
                "remove the line ending; the signature covers the exact bytes",
            )
        } else if tail.contains('\r') && tail.len() == 1 {
            (
                "ends with a carriage return (\\r)",
                "remove it; the signature covers the exact bytes",
            )
        } else if !tail.is_empty() {
            (
                "ends with whitespace",
                "remove the trailing whitespace; the signature covers the exact bytes",
            )
        } else {
            (
                "starts with whitespace",
                "remove the leading whitespace; the signature covers the exact bytes",
            )
        };
        let what = if !head.is_empty() && !tail.is_empty() {
            "is surrounded by whitespace"
        } else {
            what
        };
        out.push(Finding::new(
            LintId::MessageWhitespace,
            Severity::Error,
            format!("the message {what}"),
            hint,
        ));
    }
    if trimmed.chars().any(char::is_whitespace) {
        out.push(Finding::new(
            LintId::MessageWhitespace,
            Severity::Error,
            "the message contains whitespace between its fields",
            "the fields are separated by | alone, with no spaces or line breaks",
        ));
    }
    out
}

/// Each non-ASCII character, named once, because look-alikes are invisible in a terminal.
fn non_ascii_findings(trimmed: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for c in trimmed
        .chars()
        .filter(|c| !c.is_ascii() && *c != '\u{FFFD}')
    {
        if seen.contains(&c) {
            continue;
        }
        seen.push(c);
        let what = if PIPE_LOOKALIKES.contains(&c) {
            "a look-alike of |"
        } else if INVISIBLE.contains(&c) {
            "an invisible character"
        } else if ('\u{FF10}'..='\u{FF19}').contains(&c) {
            "a full-width digit"
        } else if c.is_whitespace() {
            "a non-ASCII space"
        } else if ('\u{2010}'..='\u{2015}').contains(&c) || c == '\u{2212}' {
            "a look-alike of -"
        } else {
            "not ASCII"
        };
        out.push(Finding::new(
            LintId::MessageAscii,
            Severity::Error,
            format!("the message contains U+{:04X} {c:?}, {what}", c as u32),
            "retype the message in plain ASCII (copying from web pages and chat brings in look-alikes)",
        ));
    }
    out
}

/// AWS's `1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS` (or an ASN in place of the CIDR),
/// field by field: the format, the fixed fields, the account, the CIDR or ASN, the expiry.
fn lint_aws(fields: &[&str], opts: &LintOptions) -> Vec<Finding> {
    if looks_roa_like(fields) {
        return vec![Finding::new(
            LintId::MessageFormat,
            Severity::Error,
            "this is the unofficial 8-field format from third-party guides (1|aws|CIDR|FROM|UNTIL|REGISTRY|SHA256|RSAPSS), not AWS's",
            "AWS's message is 1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS: build it from the account and the CIDR",
        )
.with_remedies([Remedy::Run(Step::BuildMessage)])];
    }
    if fields.len() != FIELD_COUNT {
        return vec![
            Finding::new(
                LintId::MessageFormat,
                Severity::Error,
                format!(
                    "the message has {} |-separated fields; AWS's format has {FIELD_COUNT}",
                    fields.len()
                ),
                "the format is 1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS: build it from its fields",
            )
            .with_remedies([Remedy::Run(Step::BuildMessage)]),
        ];
    }
    let mut out = fixed_field_findings(fields);
    if let Some((reason, hint)) = account::problem(fields[2]) {
        out.push(Finding::new(
            LintId::MessageAccount,
            Severity::Error,
            format!("the account {:?} is not valid: {reason}", fields[2]),
            hint,
        ));
    }
    let asn = looks_like_asn(fields[3]);
    if asn {
        out.extend(asn_findings(fields[3]));
    } else {
        out.extend(cidr_findings(fields[3], opts));
    }
    let opts = if asn {
        // BYOASN is an IPAM feature: its provisioning window, whatever --service says.
        &LintOptions {
            service: Service::Ipam,
            ..*opts
        }
    } else {
        opts
    };
    out.extend(expiry_finding(fields[4], opts));
    out
}

/// The fields AWS's message always holds as they are: version, issuer, hash, algorithm.
fn fixed_field_findings(fields: &[&str]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, want, name) in [
        (0, VERSION, "version"),
        (1, ISSUER, "issuer"),
        (5, HASH, "hash"),
        (6, ALGORITHM, "algorithm"),
    ] {
        let got = fields[i];
        if got != want {
            let hint = if got.eq_ignore_ascii_case(want) {
                format!("write it exactly as {want:?} (case matters)")
            } else {
                format!(
                    "field {} is always {want:?}: \"Except for the message content, do not modify or replace any of the values\" (AWS)",
                    i + 1
                )
            };
            out.push(Finding::new(
                LintId::MessageFormat,
                Severity::Error,
                format!("field {} ({name}) is {got:?}, not {want:?}", i + 1),
                hint,
            ));
        }
    }
    out
}

/// The message's CIDR: valid, canonical, of a size the service takes, public.
fn cidr_findings(field: &str, opts: &LintOptions) -> Vec<Finding> {
    match Prefix::parse_lenient(field) {
        Err(e) => {
            let reason = match &e {
                crate::Error::Prefix { reason, .. } => reason.clone(),
                other => other.to_string(),
            };
            vec![Finding::new(
                LintId::MessageCidr,
                Severity::Error,
                format!("the CIDR {field:?} is not valid: {reason}"),
                e.hint(),
            )]
        }
        Ok(parsed) => {
            let mut out = Vec::new();
            if parsed.rewritten {
                out.push(Finding::new(
                    LintId::MessageCidr,
                    Severity::Warning,
                    format!("the CIDR {field:?} is not in canonical form ({})", parsed.prefix),
                    format!(
                        "every AWS example uses the canonical form; write {} in the message and as the CIDR given (whether AWS normalises is unconfirmed)",
                        parsed.prefix
                    ),
                ));
            }
            out.extend(parsed.prefix.size_finding(opts.service, opts.advertise));
            out.extend(parsed.prefix.public_finding());
            out
        }
    }
}

/// Azure's `SUBSCRIPTION|CIDR|YYYYMMDD`, field by field.
fn lint_azure(fields: &Fields, opts: &LintOptions) -> Vec<Finding> {
    use Severity::{Error, Warning};
    let fields = fields.as_slice();
    if fields.len() != crate::message::azure::FIELD_COUNT {
        return vec![
            Finding::new(
                LintId::MessageFormat,
                Error,
                format!(
                    "the message has {} |-separated fields; Azure's format has 3, SUBSCRIPTION|CIDR|YYYYMMDD",
                    fields.len()
                ),
                "build Azure's message from the subscription, the CIDR and the expiry",
            )
.with_remedies([Remedy::Run(Step::BuildMessage)])
            .with_code(codes::FORMAT_INVALID),
        ];
    }
    let mut out = Vec::new();
    let sub = fields[0];
    match subscription::problem(sub) {
        Some((reason, hint)) => out.push(
            Finding::new(
                LintId::MessageSubscription,
                Error,
                format!("the subscription ID {sub:?} is not valid: {reason}"),
                hint,
            )
            .with_code(codes::FORMAT_INVALID),
        ),
        None if sub == subscription::NIL => out.push(Finding::new(
            LintId::MessageSubscription,
            Warning,
            "the subscription ID is the nil GUID, the placeholder of the azurerm provider's examples",
            "use the ID of the subscription the prefix is created in (`az account show --query id -o tsv`)",
        )),
        None if sub.bytes().any(|b| b.is_ascii_uppercase()) => out.push(Finding::new(
            LintId::MessageSubscription,
            Warning,
            format!(
                "the subscription ID {sub:?} has upper-case letters; Azure prints subscription IDs in lower case (whether it compares them ignoring case is unconfirmed)"
            ),
            format!(
                "write it as {}, as `az account show` prints it",
                sub.to_ascii_lowercase()
            ),
        )),
        None => {}
    }
    match Prefix::parse_lenient(fields[1]) {
        Err(e) => {
            let reason = match &e {
                crate::Error::Prefix { reason, .. } => reason.clone(),
                other => other.to_string(),
            };
            out.push(
                Finding::new(
                    LintId::MessageCidr,
                    Error,
                    format!("the CIDR {:?} is not valid: {reason}", fields[1]),
                    e.hint(),
                )
                .with_code(codes::CIDR_FORMAT_INVALID),
            );
        }
        Ok(parsed) => {
            if parsed.rewritten {
                out.push(Finding::new(
                    LintId::MessageCidr,
                    Warning,
                    format!(
                        "the CIDR {:?} is not in canonical form ({})",
                        fields[1], parsed.prefix
                    ),
                    format!(
                        "write {} in the message and as the CIDR given: Azure compares the two (CIDRInAuthorizationMessageNotMatchCustomerIP when they differ)",
                        parsed.prefix
                    ),
                ));
            }
            out.extend(parsed.prefix.azure_size_finding());
            out.extend(parsed.prefix.public_finding_for(Cloud::Azure));
        }
    }
    out.extend(azure_date_finding(fields[2], opts.today));
    out
}

/// Azure's date field: `yyyymmdd`, in the future (`ExpiryDateFormatInvalidOrNotInThefuture`),
/// and meant to be the ROA's validity end.
pub(crate) fn azure_date_finding(field: &str, today: NaiveDate) -> Option<Finding> {
    use Severity::{Error, Warning};
    let id = LintId::MessageExpiry;
    let finding = match field.parse::<ExpiryDate>() {
        Ok(d) if field.len() != 8 && d.days_left(today) < 0 => Finding::new(
            id,
            Error,
            format!(
                "the date {field:?} has separators; Azure expects yyyymmdd, and a date in the future: it passed {} ago",
                crate::nouns::days(-d.days_left(today))
            ),
            "write the date as yyyymmdd, and sign a new message with a future date (the ROA's validity end)",
        )
.with_remedies([Remedy::Run(Step::Sign(Cloud::Azure)), Remedy::Give(Input::Expiry)]),
        Ok(d) if field.len() != 8 => Finding::new(
            id,
            Error,
            format!("the date {field:?} has separators; Azure expects yyyymmdd"),
            format!("write it as {d}"),
        ),
        Err(e) => {
            let reason = match e {
                crate::Error::Date { reason, .. } => reason,
                other => other.to_string(),
            };
            Finding::new(
                id,
                Error,
                format!("the date {field:?} is not a valid yyyymmdd date: {reason}"),
                "write the ROA's validity end date as eight digits, yyyymmdd",
            )
        }
        Ok(d) if d.days_left(today) < 0 => Finding::new(
            id,
            Error,
            format!(
                "the date {} is past ({} ago); Azure wants a date in the future",
                d.date(),
                crate::nouns::days(-d.days_left(today))
            ),
            "use the ROA's validity end date; if the ROA has expired, renew it first",
        ),
        Ok(d) if d.days_left(today) == 0 => Finding::new(
            id,
            Warning,
            format!(
                "the date {} is today; Azure wants a date in the future",
                d.date()
            ),
            "use the ROA's validity end date, which should be later than today",
        ),
        Ok(_) => return None,
    };
    Some(finding.with_code(codes::EXPIRY_INVALID))
}

/// Field 4 of a BYOASN message: bare decimal, a public ASN.
fn asn_findings(field: &str) -> Vec<Finding> {
    match Asn::parse_lenient(field) {
        Err(e) => {
            let reason = match &e {
                crate::Error::Asn { reason, .. } => reason.clone(),
                other => other.to_string(),
            };
            vec![Finding::new(
                LintId::MessageAsn,
                Severity::Error,
                format!("the ASN {field:?} is not valid: {reason}"),
                e.hint(),
            )]
        }
        Ok(parsed) => {
            let mut out = Vec::new();
            if parsed.rewritten {
                out.push(Finding::new(
                    LintId::MessageAsn,
                    Severity::Warning,
                    format!(
                        "the ASN {field:?} is not bare decimal ({})",
                        parsed.asn
                    ),
                    format!(
                        "every AWS example writes the ASN as bare digits (12345); write {} in the message and as the ASN given (whether AWS accepts another form is unconfirmed)",
                        parsed.asn
                    ),
                ));
            }
            out.extend(parsed.asn.public_finding());
            out
        }
    }
}

/// The made-up format from unofficial guides:
/// `1|aws|<cidr>|<validFrom>|<validUntil>|<registry>|SHA256|RSAPSS`.
fn looks_roa_like(fields: &[&str]) -> bool {
    let date_like = |s: &str| s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit());
    fields.len() == 8 && fields[2].contains('/') && date_like(fields[3]) && date_like(fields[4])
}

/// The date field: a real `YYYYMMDD` date, not past, outlasting provisioning.
pub(crate) fn expiry_finding(field: &str, opts: &LintOptions) -> Option<Finding> {
    use Severity::{Error, Warning};
    let date = match field.parse::<ExpiryDate>() {
        Ok(d) if field.len() == 8 => d,
        Ok(d) => {
            // Rewriting a date that has passed would only trade this error for another.
            let left = d.days_left(opts.today);
            return Some(if left < 0 {
                Finding::new(
                    LintId::MessageExpiry,
                    Error,
                    format!(
                        "the date {field:?} has separators, and it has passed ({} ago)",
                        crate::nouns::days(-left)
                    ),
                    "write the date as YYYYMMDD, and sign a new message with a future date",
                )
                .with_remedies([
                    Remedy::Run(Step::Sign(Cloud::Aws)),
                    Remedy::Give(Input::Expiry),
                ])
            } else {
                Finding::new(
                    LintId::MessageExpiry,
                    Error,
                    format!("the date {field:?} has separators"),
                    format!("write it as YYYYMMDD: {d}"),
                )
            });
        }
        Err(e) => {
            let reason = match e {
                crate::Error::Date { reason, .. } => reason,
                other => other.to_string(),
            };
            return Some(
                Finding::new(
                    LintId::MessageExpiry,
                    Error,
                    format!("the date {field:?} is not a valid YYYYMMDD date: {reason}"),
                    "write the expiry date as eight digits, YYYYMMDD",
                )
                .with_remedies([Remedy::Run(Step::BuildMessage), Remedy::Give(Input::Expiry)]),
            );
        }
    };
    let left = date.days_left(opts.today);
    let window = opts.service.provisioning_days();
    match date.severity(opts.today, 0, window)? {
        Error => Some(Finding::new(
            LintId::MessageExpiry,
            Error,
            format!(
                "the message expired on {} ({} ago)",
                date.date(),
                crate::nouns::days(-left)
            ),
            "sign a new message with a future date",
        )
.with_remedies([Remedy::Run(Step::Sign(Cloud::Aws)), Remedy::Give(Input::Expiry)])),
        Warning => Some(Finding::new(
            LintId::MessageExpiry,
            Warning,
            format!(
                "the message expires on {} ({} from now); provisioning to {} can take up to {window} days",
                date.date(),
                crate::nouns::days(left),
                opts.service
            ),
            format!("sign with an expiry at least {window} days from signing"),
        )
.with_remedies([Remedy::Run(Step::Sign(Cloud::Aws)), Remedy::Give(Input::Expiry)])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> LintOptions {
        LintOptions {
            today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            service: Service::Ec2,
            advertise: true,
        }
    }

    fn ids(msg: &str) -> Vec<(LintId, Severity)> {
        lint(msg.as_bytes(), &opts())
            .into_iter()
            .map(|f| (f.id, f.severity))
            .collect()
    }

    #[test]
    fn a_good_message_is_clean() {
        assert!(ids("1|aws|123456789012|130.137.245.0/24|20271231|SHA256|RSAPSS").is_empty());
    }

    #[test]
    fn every_problem_is_listed_at_once() {
        let f = ids("2|AWS|0123456789AB|203.0.113.25/24|20250101|SHA1|RSA\n");
        assert_eq!(
            f.iter().map(|x| x.0).collect::<Vec<_>>(),
            [
                LintId::MessageWhitespace,
                LintId::MessageFormat,
                LintId::MessageFormat,
                LintId::MessageFormat,
                LintId::MessageFormat,
                LintId::MessageAccount,
                LintId::MessageCidr,
                LintId::MessageExpiry
            ]
        );
    }

    #[test]
    fn trailing_newline_and_crlf_are_named() {
        let f = lint(
            b"1|aws|123456789012|130.137.245.0/24|20271231|SHA256|RSAPSS\r\n",
            &opts(),
        );
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("CR LF"), "{}", f[0].message);
        let f = lint(
            b"1|aws|123456789012|130.137.245.0/24|20271231|SHA256|RSAPSS\n",
            &opts(),
        );
        assert!(f[0].message.contains("newline"), "{}", f[0].message);
    }

    #[test]
    fn roa_like_format_is_named() {
        let f = lint(
            b"1|aws|130.137.245.0/24|20260101|20270101|ripe|SHA256|RSAPSS",
            &opts(),
        );
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("unofficial 8-field"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn pipe_lookalike_is_named_and_fields_still_checked() {
        let f = lint(
            "1|aws|12345678901|130.137.245.0/24\u{FF5C}20271231|SHA256|RSAPSS".as_bytes(),
            &opts(),
        );
        assert!(
            f[0].message.contains("U+FF5C") && f[0].message.contains("look-alike of |"),
            "{}",
            f[0].message
        );
        assert_eq!(f[1].id, LintId::MessageAccount);
    }

    #[test]
    fn non_canonical_cidr_is_a_warning_with_the_canonical_form() {
        let f = lint(
            b"1|aws|123456789012|2605:9CC0:0409::/48|20271231|SHA256|RSAPSS",
            &opts(),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(f[0].hint.contains("2605:9cc0:409::/48"));
    }

    #[test]
    fn expiry_window_depends_on_service() {
        let msg = b"1|aws|123456789012|130.137.245.0/24|20261210|SHA256|RSAPSS";
        assert!(lint(msg, &opts()).is_empty());
        let ga = LintOptions {
            service: Service::Ga,
            ..opts()
        };
        assert_eq!(lint(msg, &ga)[0].severity, Severity::Warning);
        let today = b"1|aws|123456789012|130.137.245.0/24|20261125|SHA256|RSAPSS";
        assert_eq!(lint(today, &opts())[0].severity, Severity::Warning);
        let past = b"1|aws|123456789012|130.137.245.0/24|20261124|SHA256|RSAPSS";
        assert_eq!(lint(past, &opts())[0].severity, Severity::Error);
    }

    #[test]
    fn ipv6_sizes_follow_advertise_flag() {
        let msg = b"1|aws|123456789012|2605:9cc0:400::/56|20271231|SHA256|RSAPSS";
        assert_eq!(lint(msg, &opts())[0].id, LintId::PrefixSize);
        assert!(
            lint(
                msg,
                &LintOptions {
                    advertise: false,
                    ..opts()
                }
            )
            .is_empty()
        );
    }

    #[test]
    fn special_purpose_prefixes_are_a_warning_naming_the_block() {
        for (msg, name) in [
            (
                "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS",
                "documentation space TEST-NET-2 (198.51.100.0/24, RFC 5737)",
            ),
            (
                "1|aws|123456789012|10.0.0.0/24|20271231|SHA256|RSAPSS",
                "private-use space (10.0.0.0/8, RFC 1918)",
            ),
            (
                "1|aws|123456789012|2001:db8:1200::/48|20271231|SHA256|RSAPSS",
                "(2001:db8::/32, RFC 3849)",
            ),
        ] {
            let f = lint(msg.as_bytes(), &opts());
            assert_eq!(f.len(), 1, "{f:?}");
            assert_eq!(
                (f[0].id, f[0].severity),
                (LintId::PrefixPublic, Severity::Warning)
            );
            assert!(
                f[0].message.contains(name) && f[0].message.contains("AWS will refuse"),
                "{}",
                f[0].message
            );
        }
    }

    #[test]
    fn asn_messages_are_judged_by_the_asn_rules() {
        assert!(ids("1|aws|123456789012|16509|20271231|SHA256|RSAPSS").is_empty());
        for (msg, want) in [
            (
                "1|aws|123456789012|AS16509|20271231|SHA256|RSAPSS",
                vec![(LintId::MessageAsn, Severity::Warning)],
            ),
            (
                "1|aws|123456789012|64512|20271231|SHA256|RSAPSS",
                vec![(LintId::AsnPublic, Severity::Error)],
            ),
            (
                "1|aws|123456789012|4294967295|20271231|SHA256|RSAPSS",
                vec![(LintId::AsnPublic, Severity::Error)],
            ),
            (
                "1|aws|123456789012|64496|20271231|SHA256|RSAPSS",
                vec![(LintId::AsnPublic, Severity::Warning)],
            ),
            (
                "1|aws|123456789012|4294967296|20271231|SHA256|RSAPSS",
                vec![(LintId::MessageAsn, Severity::Error)],
            ),
            (
                "1|aws|123456789012|ASN|20271231|SHA256|RSAPSS",
                vec![(LintId::MessageAsn, Severity::Error)],
            ),
            (
                "1|aws|0123456789AB|16509|20271231|SHA256|RSAPSS",
                vec![(LintId::MessageAccount, Severity::Error)],
            ),
        ] {
            assert_eq!(ids(msg), want, "{msg}");
        }
        // IPAM's window (7 days) even when the options say Global Accelerator (21).
        let ga = LintOptions {
            service: Service::Ga,
            ..opts()
        };
        assert!(lint(b"1|aws|123456789012|16509|20261210|SHA256|RSAPSS", &ga).is_empty());
    }

    /// (id, severity, Azure code) of each finding.
    fn azure(msg: &str) -> Vec<(LintId, Severity, Option<&'static str>)> {
        lint(msg.as_bytes(), &opts())
            .into_iter()
            .map(|f| (f.id, f.severity, f.code))
            .collect()
    }

    const SUB: &str = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab";

    #[test]
    fn a_good_azure_message_is_clean() {
        for cidr in ["130.137.240.0/21", "130.137.245.0/24", "2605:9cc0:409::/48"] {
            assert!(
                azure(&format!("{SUB}|{cidr}|20271231")).is_empty(),
                "{cidr}"
            );
        }
    }

    #[test]
    fn azure_messages_are_judged_field_by_field_with_azures_codes() {
        use Severity::{Error, Warning};
        const FORMAT: Option<&str> = Some("AuthMessageFormatInvalid");
        const CIDR: Option<&str> = Some("InvalidCIDRFormatInAuthorizationMessage");
        const DATE: Option<&str> = Some("ExpiryDateFormatInvalidOrNotInThefuture");
        for (msg, want) in [
            // The GUID.
            (
                "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx|130.137.245.0/24|20271231".to_string(),
                vec![(LintId::MessageSubscription, Error, FORMAT)],
            ),
            (
                "00000000-0000-0000-0000-00000000|130.137.245.0/24|20271231".into(),
                vec![(LintId::MessageSubscription, Error, FORMAT)],
            ),
            (
                "123456789012|130.137.245.0/24|20271231".into(),
                vec![(LintId::MessageSubscription, Error, FORMAT)],
            ),
            (
                format!("{}|130.137.245.0/24|20271231", SUB.to_uppercase()),
                vec![(LintId::MessageSubscription, Warning, None)],
            ),
            (
                "00000000-0000-0000-0000-000000000000|130.137.245.0/24|20271231".into(),
                vec![(LintId::MessageSubscription, Warning, None)],
            ),
            // The CIDR.
            (
                format!("{SUB}|130.137.245.7/24|20271231"),
                vec![(LintId::MessageCidr, Error, CIDR)],
            ),
            (
                format!("{SUB}|1.2.3.0|20271231"),
                vec![(LintId::MessageCidr, Error, CIDR)],
            ),
            (
                format!("{SUB}|2605:9CC0:409::/48|20271231"),
                vec![(LintId::MessageCidr, Warning, None)],
            ),
            (
                format!("{SUB}|130.137.0.0/16|20271231"),
                vec![(LintId::PrefixSize, Error, None)],
            ),
            (
                format!("{SUB}|130.137.245.0/26|20271231"),
                vec![(LintId::PrefixSize, Warning, None)],
            ),
            (
                format!("{SUB}|2605:9cc0:409::/64|20271231"),
                vec![(LintId::PrefixSize, Warning, None)],
            ),
            (
                format!("{SUB}|2605:9cc0::/32|20271231"),
                vec![(LintId::PrefixSize, Error, None)],
            ),
            (
                format!("{SUB}|198.51.100.0/24|20271231"),
                vec![(LintId::PrefixPublic, Warning, None)],
            ),
            // The date.
            (
                format!("{SUB}|130.137.245.0/24|yyyymmdd"),
                vec![(LintId::MessageExpiry, Error, DATE)],
            ),
            (
                format!("{SUB}|130.137.245.0/24|2027-12-31"),
                vec![(LintId::MessageExpiry, Error, DATE)],
            ),
            (
                format!("{SUB}|130.137.245.0/24|20261124"),
                vec![(LintId::MessageExpiry, Error, DATE)],
            ),
            (
                format!("{SUB}|130.137.245.0/24|20261125"),
                vec![(LintId::MessageExpiry, Warning, DATE)],
            ),
            // The shape.
            (
                format!("{SUB}|130.137.245.0/24"),
                vec![(LintId::MessageFormat, Error, FORMAT)],
            ),
            (
                format!("{SUB}|130.137.245.0/24|20271231|SHA256|RSAPSS"),
                vec![(LintId::MessageFormat, Error, FORMAT)],
            ),
            // Everything at once.
            (
                "{6F1B3C2A-9D4E-4F5A-8B7C-0123456789AB}|1.2.3.4/24|20271331".into(),
                vec![
                    (LintId::MessageSubscription, Error, FORMAT),
                    (LintId::MessageCidr, Error, CIDR),
                    (LintId::MessageExpiry, Error, DATE),
                ],
            ),
        ] {
            assert_eq!(azure(&msg), want, "{msg}");
        }
        // Whitespace and look-alikes are named as for AWS's form, the fields still read.
        let f = azure(&format!("{SUB}\u{FF5C}130.137.245.0/24|20271231\n"));
        assert_eq!(
            f,
            [
                (LintId::MessageWhitespace, Error, None),
                (LintId::MessageAscii, Error, None)
            ]
        );
        let azure_text = lint(
            format!("{SUB}|198.51.100.0/24|20271231").as_bytes(),
            &opts(),
        );
        assert!(azure_text[0].message.contains("Azure will refuse"));
    }

    #[test]
    fn non_utf8_is_reported_not_panicked() {
        let f = lint(b"1|aws|\xff\xfe|x", &opts());
        assert_eq!(f[0].id, LintId::MessageAscii);
    }

    #[test]
    fn special_purpose_space_is_a_warning_that_tells_examples_from_the_rest() {
        let finding = |s: &str| s.parse::<Prefix>().unwrap().public_finding();
        let doc = finding("2001:db8:1200::/48").unwrap();
        assert_eq!(
            (doc.id, doc.severity),
            (LintId::PrefixPublic, Severity::Warning)
        );
        assert!(
            doc.message.contains("an example address block"),
            "{}",
            doc.message
        );
        assert!(
            doc.message.contains("2001:db8::/32, RFC 3849"),
            "{}",
            doc.message
        );
        let private = finding("10.1.0.0/16").unwrap();
        assert!(
            private.message.contains("space no registry delegates"),
            "{}",
            private.message
        );
        assert_eq!(finding("130.137.245.0/24"), None);
    }

    /// The messages of the `message.ascii` findings for `msg`.
    fn ascii_messages(msg: &str) -> Vec<String> {
        lint(msg.as_bytes(), &opts())
            .into_iter()
            .filter(|f| f.id == LintId::MessageAscii)
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn whitespace_is_named_by_where_it_is() {
        let m = "1|aws|123456789012|130.137.245.0/24|20271231|SHA256|RSAPSS";
        for (text, want) in [
            (format!("{m}\r"), "ends with a carriage return"),
            (format!("{m}\r\r"), "ends with whitespace"),
            (format!("{m} "), "ends with whitespace"),
            (format!("{m}\t\n"), "ends with whitespace"),
            (format!(" {m}"), "starts with whitespace"),
            (format!("\n{m}\n"), "is surrounded by whitespace"),
            (
                m.replace("|20271231", "| 20271231"),
                "contains whitespace between its fields",
            ),
        ] {
            let f = lint(text.as_bytes(), &opts());
            assert_eq!(f.len(), 1, "{text:?}: {f:?}");
            assert_eq!(f[0].id, LintId::MessageWhitespace);
            assert!(f[0].message.contains(want), "{text:?}: {}", f[0].message);
        }
    }

    #[test]
    fn each_kind_of_stray_character_is_named() {
        let m = "1|aws|123456789012|130.137.245.0/24|20271231|SHA256|RSAPSS";
        for (c, want) in [
            ('\u{2010}', "a look-alike of -"),
            ('\u{2212}', "a look-alike of -"),
            ('\u{200B}', "an invisible character"),
            ('\u{FF11}', "a full-width digit"),
            ('\u{00A0}', "a non-ASCII space"),
            ('\u{00E9}', "not ASCII"),
        ] {
            let text = m.replace("SHA256", &format!("SHA256{c}"));
            let got = ascii_messages(&text);
            assert_eq!(got.len(), 1, "U+{:04X}: {got:?}", c as u32);
            assert!(got[0].contains(want), "U+{:04X}: {}", c as u32, got[0]);
        }
    }

    #[test]
    fn a_date_with_dashes_is_named_with_its_eight_digit_form() {
        let f = lint(
            b"1|aws|123456789012|130.137.245.0/24|2027-12-31|SHA256|RSAPSS",
            &opts(),
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("has separators"), "{}", f[0].message);
        assert!(f[0].hint.contains("20271231"), "{}", f[0].hint);
    }

    /// A date with separators that has also passed: the hint does not offer its
    /// eight-digit form, which would fail as expired, but a new message with a future date.
    #[test]
    fn a_past_date_with_dashes_is_called_past_not_only_misspelled() {
        for msg in [
            &b"1|aws|123456789012|130.137.245.0/24|2025-01-01|SHA256|RSAPSS"[..],
            b"6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|130.137.245.0/24|2025-01-01",
        ] {
            let f = lint(msg, &opts());
            assert_eq!(f.len(), 1, "{f:?}");
            assert!(f[0].message.contains("has separators"), "{}", f[0].message);
            assert!(f[0].message.contains(" ago"), "{}", f[0].message);
            assert!(!f[0].hint.contains("20250101"), "{}", f[0].hint);
            assert!(f[0].hint.contains("future date"), "{}", f[0].hint);
        }
        // What to do is a value too: a new signature, with a date to give.
        let f = lint(
            b"1|aws|123456789012|130.137.245.0/24|2025-01-01|SHA256|RSAPSS",
            &opts(),
        );
        assert_eq!(
            f[0].remedies(),
            [
                Remedy::Run(Step::Sign(Cloud::Aws)),
                Remedy::Give(Input::Expiry)
            ]
        );
    }

    #[test]
    fn only_eight_fields_are_the_unofficial_format() {
        // Seven fields shaped like the unofficial format: judged field by field as AWS's.
        let f = ids("1|aws|130.137.245.0/24|20260101|20270101|SHA256|RSAPSS");
        assert!(
            f.contains(&(LintId::MessageAccount, Severity::Error)),
            "{f:?}"
        );
        assert!(!first_is_unofficial(
            "1|aws|130.137.245.0/24|20260101|20270101|SHA256|RSAPSS"
        ));
        // Eight fields need a CIDR third and two eight-digit dates to be the unofficial form.
        for msg in [
            "1|aws|130.137.245.0/24|2026-1-1|2027-1-1|ripe|SHA256|RSAPSS",
            "1|aws|130.137.245.0/24|x|y|ripe|SHA256|RSAPSS",
            "1|aws|130.137.245.0|20260101|20270101|ripe|SHA256|RSAPSS",
        ] {
            assert_eq!(
                ids(msg),
                [(LintId::MessageFormat, Severity::Error)],
                "{msg}"
            );
            assert!(!first_is_unofficial(msg), "{msg}");
        }
        assert!(first_is_unofficial(
            "1|aws|130.137.245.0/24|20260101|20270101|ripe|SHA256|RSAPSS"
        ));
        // Too few fields to hold a CIDR and two dates: the field count, not a panic.
        assert_eq!(ids("1|aws"), [(LintId::MessageFormat, Severity::Error)]);
    }

    fn first_is_unofficial(msg: &str) -> bool {
        lint(msg.as_bytes(), &opts())
            .first()
            .is_some_and(|f| f.message.contains("unofficial 8-field"))
    }
}
