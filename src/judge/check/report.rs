//! The report's vocabulary: a check's [`Status`], one [`Check`], the [`Report`] over them,
//! and the [`Builder`] the rule modules add their checks to in report order.
//!
//! A check's [`Status`] and a lint finding's [`Severity`] are two types, not one, because
//! they answer different questions. A [`Finding`] exists only when something is wrong, so
//! its severity is `error` or `warning` (as `lint --json` spells it); a check always has a
//! status, and besides failing or warning it passes, is skipped or did not run (`pass`,
//! `warn`, `fail`, `skip`, `not-run` in a report's JSON). One type would let a finding
//! "pass" and give the JSON two spellings of the same verdict. Where a check reports what
//! the lint (or another judge that speaks in severities, such as
//! [`ExpiryDate::severity`](crate::date::ExpiryDate::severity)) found, the one mapping is
//! `Status::from(severity)`: an error fails, a warning warns ([`Builder::judged`]). A
//! signature [`Diagnosis`](crate::signature::Diagnosis) needs neither: each is a reason the
//! signature does not verify.

use serde::Serialize;

use super::CheckId;
use crate::{
    error::Remedy,
    lint::{Finding, Severity},
};

/// How a check came out. Not a lint [`Severity`]: a check always has a status and can also
/// pass, be skipped or not run, while a finding exists only when something is wrong;
/// `Status::from(severity)` is the one mapping (an error fails, a warning warns).
///
/// `#[non_exhaustive]`: a status may be added, so a match outside the crate needs a
/// wildcard arm ([`Status::as_str`] names every one).
///
/// ```compile_fail,E0004
/// fn word(s: byoip::check::Status) -> &'static str {
///     use byoip::check::Status::*;
///     match s { Pass => "pass", Warn => "warn", Fail => "fail", Skip => "skip", NotRun => "not-run" }
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Status {
    /// Meets the rule.
    Pass,
    /// Not what AWS documents, or unconfirmed: may work, may not.
    Warn,
    /// AWS will refuse this.
    Fail,
    /// Does not apply, by rule or by the caller's choice (the message says which).
    Skip,
    /// Needed, but its evidence was not given or could not be fetched (the message says
    /// why): the report is incomplete.
    #[serde(rename = "not-run")]
    NotRun,
}

/// A lint finding's severity as a check's status: an error fails, a warning warns. The one
/// mapping between the two vocabularies (why there are two: the module's header).
impl From<Severity> for Status {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Error => Status::Fail,
            Severity::Warning => Status::Warn,
        }
    }
}

impl Status {
    /// The stable name used in reports: `pass`, `warn`, `fail`, `skip`, `not-run`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Skip => "skip",
            Status::NotRun => "not-run",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// One check's result.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Check {
    /// Stable id, e.g. `rdap.certificate`.
    pub id: CheckId,
    /// Outcome.
    pub status: Status,
    /// Skipped for want of evidence the caller did not supply (`left_out` in the JSON,
    /// always present, right after `status`): set only where the skip is decided
    /// ([`Builder::left_out`]); read it with [`Check::is_left_out`].
    left_out: bool,
    /// What was found, in one line.
    pub message: String,
    /// What to do (warn and fail; on a pass, rarely, a caveat byoip cannot check, such as
    /// Global Accelerator's two ranges per account; `null` otherwise, the field is always
    /// present).
    pub hint: Option<String>,
    /// Supporting facts: matched VRPs, certificates found, other places (always present).
    pub details: Vec<String>,
    /// The rows of the rules table ([`crate::rules`]) this check applied, by id (always
    /// present; empty for a check of no cloud's rule, such as RFC 6890's `prefix.public`).
    /// Set when the check is made, never after ([`Check::rules`]).
    rules: Vec<&'static str>,
    /// The failure code the cloud would report for this problem, where the cloud documents
    /// its failures by code (Azure's `FailedReason`, e.g. `ROANotFound`); absent from the
    /// JSON otherwise, so a report of a cloud without codes (AWS) has no such key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// What to do, as values a front end names in its own way ([`Check::remedies`]).
    #[serde(skip)]
    remedies: Vec<Remedy>,
}

impl Check {
    /// What to do, as values ([`crate::Remedy`]): the `hint`'s words (or, for a check
    /// that did not run, its message's), for a front end to name by its own means (the
    /// CLI's flags and commands).
    pub fn remedies(&self) -> &[Remedy] {
        &self.remedies
    }

    /// The check with `remedies` added to what to do about it ([`Check::remedy`]).
    pub(crate) fn with_remedies(mut self, remedies: impl IntoIterator<Item = Remedy>) -> Check {
        self.remedy(remedies);
        self
    }

    /// Adds `remedies` to what to do about this check.
    pub(crate) fn remedy(&mut self, remedies: impl IntoIterator<Item = Remedy>) -> &mut Self {
        for r in remedies {
            if !self.remedies.contains(&r) {
                self.remedies.push(r);
            }
        }
        self
    }

    /// A check with no details: one a caller judges itself and adds to a report's (as
    /// `byoip audit` does the key file's permissions, which only it can see).
    pub fn new(
        id: CheckId,
        status: Status,
        message: impl Into<String>,
        hint: Option<String>,
    ) -> Self {
        Check {
            id,
            status,
            left_out: false,
            message: message.into(),
            hint,
            details: Vec::new(),
            rules: Vec::new(),
            code: None,
            remedies: Vec::new(),
        }
    }

    /// The check citing `rules` (row ids), for a judge that makes its check itself rather
    /// than through a [`Builder`]: part of making it, never a patch on a check made.
    pub(crate) fn with_rules(mut self, rules: Vec<&'static str>) -> Check {
        self.rules = rules;
        self
    }

    /// The ids of the rules-table rows ([`crate::rules::get`]) this check applied: the
    /// values it compared against and the pages that state them.
    pub fn rules(&self) -> &[&'static str] {
        &self.rules
    }

    /// True when the check was skipped for want of evidence the caller did not supply (no
    /// message given, the registry not asked): supplying it would let the check run. A
    /// check skipped by rule (it does not apply: a `dns-token` prefix needs no certificate,
    /// a check of a record there is none of) is not left out.
    pub fn is_left_out(&self) -> bool {
        self.left_out
    }

    /// Names `cloud`'s failure code for this check: the `code` field, and the message's
    /// closing `(Azure: CODE)` for people, written here only.
    pub(crate) fn coded(&mut self, cloud: crate::cloud::Cloud, code: &'static str) -> &mut Self {
        self.code = Some(code);
        let named = format!("({}: {code})", cloud.vendor());
        if !self.message.contains(&named) {
            self.message = format!("{} {named}", self.message);
        }
        self
    }
}

/// The whole report for one prefix.
///
/// Its verdicts are computed from its checks, so they never contradict them. The one to act
/// on is [`Report::ready`]: nothing failed, every check ran, and none was left out for want
/// of evidence; [`Report::left_out`] lists what was left out and why. It is the CLI's
/// `ready` and its exit 0 (`READY`); [`Report::ok`] and [`Report::complete`] are the JSON's
/// `ok` and `complete`. The JSON has them in the order `ok`, `ready`, `complete`, and each
/// check's `left_out`.
///
/// ```
/// use byoip::check::{self, Inputs};
///
/// // No evidence at all: nothing fails, but most of what AWS checks was not checked.
/// let report = check::run(&Inputs::new("192.0.2.0/24", byoip::Service::Ec2, byoip::chrono::Utc::now())?);
/// assert!(!report.ready());
/// for c in report.left_out() {
///     println!("not checked: {} ({})", c.id, c.message);
/// }
/// # Ok::<(), byoip::Error>(())
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Report {
    /// The prefix checked, as given (`null` in JSON when empty: a BYOASN report without
    /// a prefix).
    pub cidr: String,
    /// The ASN checked (a BYOASN report), else `None`.
    pub asn: Option<crate::asn::Asn>,
    /// The cloud whose rules the report applies.
    pub cloud: crate::cloud::Cloud,
    /// The checks, in a fixed order.
    pub checks: Vec<Check>,
    /// Judged for eligibility alone, before a key exists ([`Report::eligible_so_far`]).
    eligibility: bool,
}

/// The report as JSON: its fields with the verdicts between them, in this order.
#[derive(Serialize)]
struct ReportJson<'a> {
    #[serde(serialize_with = "empty_as_null")]
    cidr: &'a str,
    asn: Option<crate::asn::Asn>,
    cloud: crate::cloud::Cloud,
    ok: bool,
    ready: bool,
    complete: bool,
    checks: &'a [Check],
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ReportJson {
            cidr: &self.cidr,
            asn: self.asn,
            cloud: self.cloud,
            ok: self.ok(),
            ready: self.ready(),
            complete: self.complete(),
            checks: &self.checks,
        }
        .serialize(ser)
    }
}

impl Report {
    /// A report over `checks`, for AWS's rules.
    pub(crate) fn new(cidr: impl Into<String>, checks: Vec<Check>) -> Self {
        Report {
            cidr: cidr.into(),
            asn: None,
            cloud: crate::cloud::Cloud::Aws,
            checks,
            eligibility: false,
        }
    }

    /// The report, marked as judging eligibility alone: its checks that need a key, its
    /// certificate or a signed message were left out on purpose.
    pub(crate) fn judging_eligibility(mut self) -> Self {
        self.eligibility = true;
        self
    }

    /// True when the report judges eligibility alone, before a key exists
    /// ([`Inputs::eligibility_only`](super::Inputs::eligibility_only) and its kin): the
    /// checks that need a key, its certificate or a signed message are left out on purpose,
    /// and are no next step while others did not run.
    pub fn judges_eligibility(&self) -> bool {
        self.eligibility
    }

    /// True when the report judged eligibility alone, before a key exists
    /// ([`Inputs::eligibility_only`](super::Inputs::eligibility_only) and its kin), and
    /// found nothing against it: no check failed, every check ran, and nothing was left
    /// out but the checks that need a key, its certificate or a signed message. Not a
    /// go-ahead: [`Report::ready`] stays false while those are left out.
    ///
    /// ```
    /// use byoip::check::{self, Inputs};
    ///
    /// let mut inputs = Inputs::new("192.0.2.0/24", byoip::Service::Ec2, byoip::chrono::Utc::now())?;
    /// inputs.eligibility_only = true;
    /// // Documentation space fails prefix.public: not eligible.
    /// let report = check::run(&inputs);
    /// assert!(!report.eligible_so_far() && !report.ready());
    /// # Ok::<(), byoip::Error>(())
    /// ```
    pub fn eligible_so_far(&self) -> bool {
        self.eligibility && self.ok() && self.left_out().all(|c| needs_a_key(&c.id))
    }

    /// True when nothing stands in the way as far as was checked: no check failed and
    /// every check ran, and every skip is by rule ([`Check::is_left_out`] is false for
    /// each). This is the go-ahead a caller acts on; a report of a prefix checked without
    /// its registry record, ROAs or message is not ready, however clean. The CLI exits 0
    /// exactly when it is true (its verdict `READY`, `ready` in its JSON).
    pub fn ready(&self) -> bool {
        self.ok() && self.left_out().next().is_none()
    }

    /// The checks skipped for want of evidence the caller did not supply, in report order;
    /// each one's message says what was missing. Empty when [`Report::ready`] could be
    /// true.
    pub fn left_out(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| c.left_out)
    }

    /// True when no check failed and every check ran ([`Report::complete`]), whatever was
    /// skipped: `ok` in the CLI's JSON. Not a go-ahead: a report with every check left
    /// out is `ok` (and the CLI's `INCOMPLETE`). Act on [`Report::ready`].
    pub fn ok(&self) -> bool {
        self.complete() && self.checks.iter().all(|c| c.status != Status::Fail)
    }

    /// True when no check is [`Status::NotRun`].
    pub fn complete(&self) -> bool {
        self.checks.iter().all(|c| c.status != Status::NotRun)
    }

    /// How many checks came out as `status`.
    pub fn count(&self, status: Status) -> usize {
        self.checks.iter().filter(|c| c.status == status).count()
    }

    /// The check with `id`.
    pub fn get(&self, id: &CheckId) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == *id)
    }
}

/// The checks an eligibility report leaves out: those of the proof of control, which needs
/// a key, its certificate and a signed message (Oracle: its validation token).
fn needs_a_key(id: &CheckId) -> bool {
    id.is_message()
        || matches!(
            id,
            CheckId::SignatureLocal
                | CheckId::KeyCertMatch
                | CheckId::CertValidity
                | CheckId::CertKeySize
                | CheckId::CertSelfSigned
                | CheckId::RdapCertificate
                | CheckId::RdapSignature
                | CheckId::OciToken
        )
}

pub(super) fn empty_as_null<S: serde::Serializer>(s: &str, ser: S) -> Result<S::Ok, S::Error> {
    if s.is_empty() {
        ser.serialize_none()
    } else {
        ser.serialize_str(s)
    }
}

/// Collects checks in order (shared with [`crate::audit`]). Each check is made with the
/// rules-table rows cited at the time ([`Builder::citing`]), and each check of the proof of
/// control as the report takes the proof ([`Proof`], set once: [`Builder::taking`]).
#[derive(Default)]
pub(crate) struct Builder(pub(crate) Vec<Check>, Vec<&'static str>, Proof);

/// How a report takes the checks of the proof of control (those that need a key, its
/// certificate or a signed message; Oracle's validation token): decided once for the
/// report, so that a flow builds those checks through [`Builder::proof`] and never asks
/// again why they would not be judged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Proof {
    /// Judged on the evidence given.
    #[default]
    Judged,
    /// Left out, each saying this: eligibility alone, before the proof exists. The report
    /// is marked as judging eligibility ([`Report::eligible_so_far`]).
    NotYet(&'static str),
    /// Skipped by rule, each saying this: the method of verification uses no such proof
    /// (`dns-token`).
    DoesNotApply(&'static str),
}

/// A [`Builder`] citing rows: every check added through it names them. Dropping it ends
/// the citation (the rows cited before it are cited again).
pub(crate) struct Citing<'b> {
    b: &'b mut Builder,
    before: usize,
}

impl std::ops::Deref for Citing<'_> {
    type Target = Builder;
    fn deref(&self) -> &Builder {
        self.b
    }
}

impl std::ops::DerefMut for Citing<'_> {
    fn deref_mut(&mut self) -> &mut Builder {
        self.b
    }
}

impl Drop for Citing<'_> {
    fn drop(&mut self) {
        self.b.1.truncate(self.before);
    }
}

impl Builder {
    /// A builder for a report that takes the proof of control as `proof` says.
    pub(crate) fn taking(proof: Proof) -> Builder {
        Builder(Vec::new(), Vec::new(), proof)
    }

    /// The checks of the proof of control `ids`: made by `judge` when the report judges the
    /// proof; else each of `ids` left out, or skipped by rule, with the report's reason.
    pub(crate) fn proof(
        &mut self,
        ids: impl IntoIterator<Item = CheckId>,
        judge: impl FnOnce(&mut Builder),
    ) {
        match self.2 {
            Proof::Judged => judge(self),
            Proof::NotYet(why) => self.all_left_out(ids, why),
            Proof::DoesNotApply(why) => self.all(ids, Status::Skip, why),
        }
    }

    /// The check of the proof `id` skipped by rule, saying `why` (there is no record to
    /// judge it on): left out instead, as every check of the proof, when the report judges
    /// eligibility alone.
    pub(crate) fn proof_skip(&mut self, id: CheckId, why: &str) {
        match self.2 {
            Proof::NotYet(not_yet) => {
                self.left_out(id, not_yet);
            }
            Proof::Judged | Proof::DoesNotApply(_) => {
                self.skip(id, why);
            }
        }
    }

    /// The report on `cidr` over the checks made, marked as judging eligibility when it
    /// left the proof out ([`Proof::NotYet`]).
    pub(crate) fn report(self, cidr: impl Into<String>) -> Report {
        let report = Report::new(cidr, self.0);
        match self.2 {
            Proof::NotYet(_) => report.judging_eligibility(),
            Proof::Judged | Proof::DoesNotApply(_) => report,
        }
    }

    /// The builder with every check added through the guard citing `rules` too (besides
    /// any cited already), until the guard is dropped.
    pub(crate) fn citing<'b>(
        &'b mut self,
        rules: impl IntoIterator<Item = &'static crate::rules::Rule>,
    ) -> Citing<'b> {
        let before = self.1.len();
        for r in rules {
            if !self.1.contains(&r.id) {
                self.1.push(r.id);
            }
        }
        Citing { b: self, before }
    }

    pub(crate) fn add(
        &mut self,
        id: CheckId,
        status: Status,
        message: impl Into<String>,
        hint: Option<String>,
    ) -> &mut Check {
        self.push(Check::new(id, status, message, hint))
    }
    /// The check `id` as `finding` judged it: fail on an error, warn on a warning.
    pub(crate) fn finding(&mut self, id: CheckId, finding: &Finding) -> &mut Check {
        let Finding {
            severity,
            message,
            hint,
            ..
        } = finding;
        self.judged(id, *severity, message.clone(), hint.clone())
            .remedy(finding.remedies().iter().copied())
    }
    /// The check `id` failing with `cloud`'s failure `code` named as it is made
    /// ([`Check::coded`]), so no check is found and patched after it is built.
    pub(crate) fn fail_coded(
        &mut self,
        id: CheckId,
        message: impl Into<String>,
        hint: impl Into<String>,
        cloud: crate::cloud::Cloud,
        code: &'static str,
    ) -> &mut Check {
        let mut check = Check::new(id, Status::Fail, message, Some(hint.into()));
        check.coded(cloud, code);
        self.push(check)
    }
    /// The check `id` as `finding` judged it ([`Builder::finding`]), naming `cloud`'s
    /// failure code when the finding has one.
    pub(crate) fn finding_coded(
        &mut self,
        id: CheckId,
        finding: &Finding,
        cloud: crate::cloud::Cloud,
    ) -> &mut Check {
        self.of_finding(id, finding, finding.severity.into(), Some(cloud))
    }
    fn of_finding(
        &mut self,
        id: CheckId,
        finding: &Finding,
        status: Status,
        cloud: Option<crate::cloud::Cloud>,
    ) -> &mut Check {
        let mut check = Check::new(
            id,
            status,
            finding.message.clone(),
            Some(finding.hint.clone()),
        );
        if let (Some(cloud), Some(code)) = (cloud, finding.code) {
            check.coded(cloud, code);
        }
        check.remedy(finding.remedies().iter().copied());
        self.push(check)
    }
    /// Adds `check`, citing the rules cited now, and hands it back.
    fn push(&mut self, mut check: Check) -> &mut Check {
        check.rules = self.1.clone();
        self.0.push(check);
        let last = self.0.len() - 1;
        &mut self.0[last]
    }
    /// The check `id` with the status of `severity` ([`Status::from`]).
    pub(crate) fn judged(
        &mut self,
        id: CheckId,
        severity: Severity,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> &mut Check {
        self.add(id, severity.into(), message, Some(hint.into()))
    }
    /// Each check of `ids` with the same `status` and `message`: evidence that was not
    /// asked for, not gathered, or a method under which they do not apply.
    pub(crate) fn all(
        &mut self,
        ids: impl IntoIterator<Item = CheckId>,
        status: Status,
        message: &str,
    ) {
        for id in ids {
            self.add(id, status, message, None);
        }
    }
    pub(crate) fn pass(&mut self, id: CheckId, message: impl Into<String>) -> &mut Check {
        self.add(id, Status::Pass, message, None)
    }
    pub(crate) fn warn(
        &mut self,
        id: CheckId,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> &mut Check {
        self.add(id, Status::Warn, message, Some(hint.into()))
    }
    pub(crate) fn fail(
        &mut self,
        id: CheckId,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> &mut Check {
        self.add(id, Status::Fail, message, Some(hint.into()))
    }
    /// The check `id` skipped by rule: it does not apply (see [`Check::is_left_out`]).
    pub(crate) fn skip(&mut self, id: CheckId, message: impl Into<String>) -> &mut Check {
        self.add(id, Status::Skip, message, None)
    }
    /// The check `id` skipped for want of evidence the caller did not supply; `message`
    /// says what.
    pub(crate) fn left_out(&mut self, id: CheckId, message: impl Into<String>) -> &mut Check {
        let c = self.skip(id, message);
        c.left_out = true;
        c
    }
    /// Each check of `ids` left out ([`Builder::left_out`]) with the same `message`.
    pub(crate) fn all_left_out(&mut self, ids: impl IntoIterator<Item = CheckId>, message: &str) {
        for id in ids {
            self.left_out(id, message);
        }
    }
    pub(crate) fn not_run(&mut self, id: CheckId, message: impl Into<String>) -> &mut Check {
        self.add(id, Status::NotRun, message, None)
    }
}

/// The finding the check `id` reports among `findings` (those whose
/// [`LintId::check_id`](crate::LintId::check_id) it is): the first error, else the
/// first warning.
pub(crate) fn worst<'f>(findings: &'f [Finding], id: &CheckId) -> Option<&'f Finding> {
    let mine = || findings.iter().filter(|f| f.id.check_id() == *id);
    mine()
        .find(|f| f.severity == Severity::Error)
        .or_else(|| mine().next())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::LintId;

    #[test]
    fn ready_only_when_nothing_failed_everything_ran_and_nothing_was_left_out() {
        let report = |build: &dyn Fn(&mut Builder)| {
            let mut b = Builder::default();
            b.pass(CheckId::PrefixCanonical, "canonical");
            build(&mut b);
            Report::new("192.0.2.0/24", b.0)
        };
        // Passes, a warning, and a skip by rule (it does not apply): ready.
        let r = report(&|b| {
            b.warn(CheckId::CertValidity, "soon", "renew");
            b.skip(CheckId::RdapSignature, "no record");
        });
        assert!(r.ok() && r.ready(), "{r:?}");
        assert_eq!(r.left_out().count(), 0);
        assert!(r.checks.iter().all(|c| !c.is_left_out()));
        // A skip for want of evidence the caller did not give: ok, not ready, and named.
        let r = report(&|b| {
            b.left_out(CheckId::MessageFormat, "no message given");
        });
        assert!(r.ok() && !r.ready(), "{r:?}");
        let out: Vec<&Check> = r.left_out().collect();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, CheckId::MessageFormat);
        assert!(out[0].is_left_out());
        assert_eq!(out[0].status, Status::Skip);
        // A failure or a check that did not run: neither ok nor ready.
        for r in [
            report(&|b| {
                b.fail(CheckId::CertValidity, "expired", "renew");
            }),
            report(&|b| {
                b.not_run(CheckId::RdapRecord, "offline");
            }),
        ] {
            assert!(!r.ok() && !r.ready(), "{r:?}");
        }
    }

    #[test]
    fn each_status_is_named_as_in_json_and_counted() {
        let all = [
            Status::Pass,
            Status::Warn,
            Status::Fail,
            Status::Skip,
            Status::NotRun,
        ];
        for s in all {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert_eq!(s.to_string(), s.as_str());
        }
        let checks = [Status::Pass, Status::Fail, Status::Fail, Status::NotRun]
            .into_iter()
            .map(|s| Check::new(CheckId::Roa(crate::asn::Asn::new(16509)), s, "m", None))
            .collect();
        let r = Report::new("198.51.100.0/24", checks);
        let counts: Vec<usize> = all.iter().map(|s| r.count(*s)).collect();
        assert_eq!(counts, [1, 0, 2, 0, 1]);
        assert!(!r.complete() && !r.ok());
    }

    #[test]
    fn verdicts_follow_the_checks_and_keep_their_place_in_json() {
        let mut r = Report::new(
            "198.51.100.0/24",
            vec![Check::new(
                CheckId::Roa(crate::asn::Asn::new(16509)),
                Status::Pass,
                "m",
                None,
            )],
        );
        assert!(r.ok() && r.complete());
        // A check changed after the report was made changes its verdicts with it.
        r.checks[0].status = Status::Fail;
        assert!(!r.ok() && r.complete());
        let json = serde_json::to_string(&r).unwrap();
        assert!(
            json.starts_with(
                r#"{"cidr":"198.51.100.0/24","asn":null,"cloud":"aws","ok":false,"ready":false,"complete":true,"checks":[{"id":"roa.as16509","status":"fail","left_out":false,"message""#
            ),
            "{json}"
        );
        r.checks[0].status = Status::NotRun;
        r.cidr.clear();
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["cidr"], serde_json::Value::Null);
        assert_eq!(
            (json["ok"].as_bool(), json["complete"].as_bool()),
            (Some(false), Some(false))
        );
        // `ready` follows the checks too, and each check says whether it was left out.
        r.checks[0].status = Status::Pass;
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["ready"], true);
        assert_eq!(json["checks"][0]["left_out"], false);
        let mut b = Builder(r.checks.clone(), Vec::new(), Proof::Judged);
        b.left_out(CheckId::MessageFormat, "no message given");
        r.checks = b.0;
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(
            (json["ok"].as_bool(), json["ready"].as_bool()),
            (Some(true), Some(false))
        );
        assert_eq!(json["checks"][1]["left_out"], true);
        assert_eq!(json["checks"][1]["status"], "skip");
    }

    #[test]
    fn an_error_fails_and_a_warning_warns_judged_or_found() {
        assert_eq!(Status::from(Severity::Error), Status::Fail);
        assert_eq!(Status::from(Severity::Warning), Status::Warn);
        let mut b = Builder::default();
        b.judged(CheckId::MessageExpiry, Severity::Error, "m", "h");
        b.judged(CheckId::MessageExpiry, Severity::Warning, "m", "h");
        let found = Finding::new(LintId::MessageCidr, Severity::Warning, "w", "h");
        b.finding(CheckId::MessageCidr, &found);
        let got: Vec<(Status, Option<&str>)> =
            b.0.iter().map(|c| (c.status, c.hint.as_deref())).collect();
        assert_eq!(
            got,
            [
                (Status::Fail, Some("h")),
                (Status::Warn, Some("h")),
                (Status::Warn, Some("h"))
            ]
        );
        assert_eq!(b.0[2].message, "w");
    }

    #[test]
    fn worst_is_the_first_error_else_the_first_warning_the_check_reports() {
        let f = |id, severity, message: &str| Finding::new(id, severity, message, "h");
        let findings = [
            f(
                LintId::MessageWhitespace,
                Severity::Warning,
                "first warning",
            ),
            f(
                LintId::MessageCidr,
                Severity::Error,
                "another check's error",
            ),
            f(LintId::MessageFormat, Severity::Warning, "second warning"),
            f(LintId::MessageAscii, Severity::Error, "the error"),
        ];
        let message = |id: CheckId| worst(&findings, &id).map(|f| f.message.clone());
        assert_eq!(
            message(CheckId::MessageFormat).as_deref(),
            Some("the error")
        );
        assert_eq!(
            worst(&findings[..3], &CheckId::MessageFormat).map(|f| f.message.as_str()),
            Some("first warning")
        );
        assert_eq!(
            message(CheckId::MessageCidr).as_deref(),
            Some("another check's error")
        );
        assert_eq!(message(CheckId::MessageExpiry), None);
    }
}
