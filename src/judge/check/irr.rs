//! `irr.route`: no hand-made IRR route object names a BYOIP ASN as origin.
//!
//! "Prerequisites for BYOIP in Amazon EC2": "Do not make any manual changes for BYOIP in
//! RADb or any other IRR. BYOIP will automatically update RADb. Any manual changes that
//! include the BYOIP ASN will cause the BYOIP provision operation to fail." (row
//! `aws.irr.route`). The BYOIP ASNs are the ROA origins of the same page: AS16509 and
//! AS14618, AS8987 in AWS GovCloud (US).
//!
//! Which services: the page is EC2's. VPC IPAM provisions BYOIP space the same way, so a
//! hand-made object fails there too. Global Accelerator's guide says nothing of IRRs, so
//! there a hand-made object is a warning saying what to verify, never a failure.
//!
//! Amazon's own object (its `mnt-by:` names AS16509 or AMAZON, case-insensitively) is not
//! a mistake but a sign the prefix may already be provisioned: a warning. "Names" means a
//! whole token of the maintainer's name split at `-` and `_` (`MAINT-AS16509`, as on
//! Amazon's RADb objects, or `AMAZON-MNT`), never a substring: `MAINT-NOTAMAZON-REALLY` or
//! `MAINT-AMAZONAS-TELECOM` is someone else's, and their object is judged as hand-made.
//!
//! A saved answer that records the prefix it was fetched for (`byoip irr fetch`) answers for
//! that prefix and its more-specifics only: for a prefix outside it the check is left out,
//! never passed. A saved answer that does not record its prefix (a plain RPSL file, a whois
//! answer saved by hand, a file saved before the prefix was recorded) is evidence of what it
//! holds, never of absence: its route objects within the prefix are judged (a hand-made one
//! fails, Amazon's warns), but where the check would pass it is left out instead. That holds
//! even when the file has route objects within the prefix, none of them Amazon's ASN: a file
//! fetched for a more-specific (or cut by hand) holds some of the prefix's objects without
//! its own or the other halves', so what is in it does not show that nothing else is.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{Builder, CheckId};
use crate::{
    asn::Asn,
    error::{Input, Remedy, Step},
    irr::{Answer, RpslObject},
    prefix::Prefix,
    rules,
    service::Service,
};

/// The IRR's route objects for a prefix and its more-specifics, or why there are none.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum IrrEvidence {
    /// Not given, by the caller's choice (offline without a saved answer, local checks
    /// only): `irr.route` is left out, the reason its message.
    NotAsked(String),
    /// Needed but not gathered (the whois server failed): `irr.route` did not run.
    Unavailable(String),
    /// The IRR's answer.
    Found {
        /// Every object of the answer (route objects of other prefixes are ignored).
        answer: Arc<Answer>,
        /// Where it came from: a file name or `whois://HOST:PORT`.
        source: String,
        /// A saved file's modification time, used for its age when the file does not
        /// record its fetch ([`IrrEvidence::saved_at`]).
        saved_at: Option<DateTime<Utc>>,
    },
}

impl IrrEvidence {
    /// The evidence in a saved whois answer (plain RPSL text; what `byoip irr fetch`
    /// writes, which records when and for which prefix it was fetched). `name` says in the
    /// report where it came from. An answer that does not record its prefix can fail or
    /// warn on the objects it holds but never pass: its silence is left out (see the
    /// module's header).
    ///
    /// ```
    /// use byoip::check::{self, CheckId, Inputs, IrrEvidence, Status};
    ///
    /// let saved = b"route: 192.0.2.0/24\norigin: AS16509\nmnt-by: MAINT-EXAMPLE\nsource: RADB\n";
    /// let mut inputs = Inputs::new("192.0.2.0/24", byoip::Service::Ec2, byoip::chrono::Utc::now())?;
    /// inputs.irr = IrrEvidence::from_saved(saved, "irr.txt")?;
    /// let report = check::run(&inputs);
    /// assert_eq!(report.get(&CheckId::IrrRoute).unwrap().status, Status::Fail);
    /// # Ok::<(), byoip::Error>(())
    /// ```
    pub fn from_saved(bytes: &[u8], name: &str) -> Result<IrrEvidence, crate::Error> {
        Ok(IrrEvidence::Found {
            answer: Arc::new(crate::irr::parse(bytes, name)?),
            source: name.to_string(),
            saved_at: None,
        })
    }

    /// The evidence, its file modified at `at`: when the file does not record its fetch,
    /// `irr.route` judges its age from this (a copy or a clone resets it).
    pub fn saved_at(mut self, at: DateTime<Utc>) -> Self {
        if let IrrEvidence::Found { saved_at, .. } = &mut self {
            *saved_at = Some(at);
        }
        self
    }
}

/// The default: no IRR answer given.
pub(super) const NOT_GIVEN_IRR: &str =
    "no IRR answer was given: the route objects were not checked";

/// What to do when the IRR was not read: save its answer and give it (its remedies name
/// how: [`wanting`]).
const FETCH_HINT: &str = "save the IRR's answer for the prefix and its more-specifics where whois works, and give it as saved evidence";

/// `c`, which wants the IRR's answer for `p`: what to do, in words and as values (the
/// saved answer to give, the fetch that saves it; the CLI's `--irr-file` and `byoip irr
/// fetch`).
fn wanting(c: &mut super::Check, p: Prefix) {
    c.hint = Some(FETCH_HINT.into());
    c.remedy([
        Remedy::Give(Input::IrrObjects(p)),
        Remedy::Run(Step::FetchIrr(p)),
    ]);
}

/// What to do when a saved answer does not record its prefix: save this prefix's own
/// answer, which records it (a remedy names the fetch: `byoip irr fetch --cidr P`).
fn unrecorded_hint(p: Prefix) -> String {
    format!("save the IRR's answer for exactly this prefix: {p}, with a fetch that records it")
}

/// The BYOIP ASNs of the partition: those a ROA authorizes on EC2's page.
fn byoip_asns(govcloud: bool) -> &'static [Asn] {
    rules::origins_of(rules::aws_origins(Service::Ec2, govcloud))
}

/// What in an object's `mnt-by:` says Amazon maintains it: the value and the word matched,
/// a whole `-`/`_`-separated token of it (see the module's header), any case.
fn amazon_maintainer(o: &RpslObject) -> Option<(&str, &'static str)> {
    o.values("mnt-by").find_map(|m| {
        ["AS16509", "AMAZON"]
            .into_iter()
            .find(|w| {
                m.split(['-', '_'])
                    .any(|t| t.trim().eq_ignore_ascii_case(w))
            })
            .map(|w| (m, w))
    })
}

/// An `origin:` value as an ASN (`AS16509`, any case).
fn origin(o: &RpslObject) -> Option<Asn> {
    let v = o.first("origin")?.trim();
    let digits = v
        .get(..2)
        .filter(|p| p.eq_ignore_ascii_case("as"))
        .map(|_| &v[2..])?;
    digits.parse::<u32>().ok().map(Asn::new)
}

/// `irr.route` for AWS (`service`, `govcloud`) on `evidence` for `p`, judged at `now`.
pub(super) fn irr_route_check(
    b: &mut Builder,
    evidence: &IrrEvidence,
    p: Prefix,
    service: Service,
    govcloud: bool,
    now: DateTime<Utc>,
) {
    let mut b = b.citing([&rules::AWS_IRR_ROUTE]);
    let (answer, source, saved_at) = match evidence {
        IrrEvidence::NotAsked(why) => {
            wanting(b.left_out(CheckId::IrrRoute, why.clone()), p);
            return;
        }
        IrrEvidence::Unavailable(why) => {
            wanting(b.not_run(CheckId::IrrRoute, why.clone()), p);
            return;
        }
        IrrEvidence::Found {
            answer,
            source,
            saved_at,
        } => (answer, source, *saved_at),
    };
    // A saved answer for another prefix: its silence says nothing of this one.
    if let Some(asked) = answer.prefix.filter(|a| !a.contains(&p.net())) {
        let c = b.left_out(
            CheckId::IrrRoute,
            format!("{source} holds the IRR's answer for {asked}, not for {p}: the route objects of {p} were not checked"),
        );
        wanting(c, p);
        return;
    }
    let asns = byoip_asns(govcloud);
    let asn_list = asns
        .iter()
        .map(|a| format!("AS{a}"))
        .collect::<Vec<_>>()
        .join(" or ");
    let routes: Vec<&RpslObject> = answer.routes_within(p.net()).collect();
    let theirs: Vec<&RpslObject> = routes
        .iter()
        .copied()
        .filter(|o| origin(o).is_some_and(|a| asns.contains(&a)))
        .collect();
    let maintainers = |o: &RpslObject| {
        let m: Vec<&str> = o.values("mnt-by").collect();
        if m.is_empty() {
            "no mnt-by".to_string()
        } else {
            m.join(", ")
        }
    };
    // Each object Amazon's (with what in its mnt-by says so) or hand-made.
    let mut hand_made: Vec<&RpslObject> = Vec::new();
    let mut amazons: Vec<(&RpslObject, (&str, &str))> = Vec::new();
    for o in theirs.iter().copied() {
        match amazon_maintainer(o) {
            Some(m) => amazons.push((o, m)),
            None => hand_made.push(o),
        }
    }
    let c = if let Some(first) = hand_made.first() {
        let more = match hand_made.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        let message = format!(
            "{} has {} as origin and is maintained by {}, not Amazon{more}: AWS creates its own; a hand-made one makes provisioning fail",
            first.describe(),
            origin(first).map_or(String::new(), |a| format!("AS{a}")),
            maintainers(first),
        );
        let hint =
            "delete the object (its maintainer can) before provisioning: BYOIP updates RADb itself"
                .to_string();
        let c = if service == Service::Ga {
            b.warn(
                CheckId::IrrRoute,
                format!("{message} (on EC2's page)"),
                format!("{hint}; Global Accelerator's guide says nothing of IRRs, so verify with AWS whether it applies there"),
            )
        } else {
            b.fail(CheckId::IrrRoute, message, hint)
        };
        c.details = hand_made
            .iter()
            .map(|o| format!("{} mnt-by {}", o.describe(), maintainers(o)))
            .collect();
        c
    } else if let Some((first, (value, word))) = amazons.first() {
        let c = b.warn(
            CheckId::IrrRoute,
            format!(
                "{} is AWS's own object (mnt-by: {value}, matching {word:?}): already provisioned?",
                first.describe()
            ),
            "if the prefix is provisioned already (aws ec2 describe-byoip-cidrs), there is nothing to bring; if not, ask AWS who created the object before provisioning",
        );
        c.details = amazons
            .iter()
            .map(|(o, (v, w))| format!("{} mnt-by {v} (matches {w:?})", o.describe()))
            .collect();
        c
    } else if answer.prefix.is_none() {
        // Nothing shows the file was asked about this prefix: its silence proves nothing
        // (see the module's header).
        let held = if routes.is_empty() {
            format!("holds no route object for {p} or a more-specific")
        } else {
            format!(
                "holds {} within {p}, none with {asn_list} as origin, but not necessarily all of them",
                crate::nouns::plural(routes.len(), "route object", "route objects")
            )
        };
        let c = b.left_out(
            CheckId::IrrRoute,
            format!("{source} does not record which prefix was asked and {held}: the route objects of {p} were not checked"),
        );
        c.hint = Some(unrecorded_hint(p));
        c.remedy([Remedy::Run(Step::FetchIrr(p))]);
        c.details = routes
            .iter()
            .map(|o| format!("{} mnt-by {}", o.describe(), maintainers(o)))
            .collect();
        return;
    } else {
        let c = b.pass(
            CheckId::IrrRoute,
            format!(
                "no route object for {p} or a more-specific has {asn_list} as origin ({} in {source})",
                crate::nouns::plural(routes.len(), "route object", "route objects")
            ),
        );
        c.details = routes
            .iter()
            .map(|o| format!("{} mnt-by {}", o.describe(), maintainers(o)))
            .collect();
        c
    };
    if answer.prefix.is_none() {
        c.details.push(format!(
            "{source} does not record which prefix was asked: only its route objects within {p} were judged"
        ));
    }
    let when = super::saved::SavedWhen::rdap(answer.fetched.as_ref(), saved_at);
    super::saved::saved_age(c, source, when, now, &super::saved::IRR_SAVED);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Inputs, Report, Status, run};

    /// `rpsl` saved as `byoip irr fetch` saves 192.0.2.0/24's answer, judged for that prefix.
    fn report(rpsl: &str, service: Service, govcloud: bool) -> Report {
        let now = crate::date::test_now();
        let f = crate::rdap::saved::Fetched::new(now, "whois://whois.radb.net:43");
        let data = crate::irr::save(&[rpsl.as_bytes()], &f, "192.0.2.0/24".parse().unwrap());
        judged(&data, service, govcloud)
    }

    /// `bytes` as given (a plain file unless they carry the saved header), for 192.0.2.0/24.
    fn judged(bytes: &[u8], service: Service, govcloud: bool) -> Report {
        let mut i = Inputs::new("192.0.2.0/24", service, crate::date::test_now()).unwrap();
        i.govcloud = govcloud;
        i.irr = IrrEvidence::from_saved(bytes, "irr.txt").unwrap();
        run(&i)
    }

    fn irr(r: &Report) -> &crate::check::Check {
        r.get(&CheckId::IrrRoute).unwrap()
    }

    const HAND_MADE: &str = "route: 192.0.2.128/25\ndescr: ours\norigin: AS16509\nmnt-by: MAINT-EXAMPLE\nsource: RADB\n";
    const AMAZONS: &str =
        "route: 192.0.2.0/24\norigin: AS14618\nmnt-by: MAINT-AS16509\nsource: RADB\n";

    #[test]
    fn a_hand_made_object_with_a_byoip_asn_fails_naming_it_and_its_maintainer() {
        let r = report(HAND_MADE, Service::Ec2, false);
        let c = irr(&r);
        assert_eq!(c.status, Status::Fail, "{c:?}");
        assert_eq!(
            c.message,
            "route 192.0.2.128/25 AS16509 (RADB) has AS16509 as origin and is maintained by MAINT-EXAMPLE, not Amazon: AWS creates its own; a hand-made one makes provisioning fail"
        );
        assert_eq!(c.rules(), ["aws.irr.route"]);
        assert!(!r.ok());
        // IPAM provisions the same way: a failure there too.
        assert_eq!(
            irr(&report(HAND_MADE, Service::Ipam, false)).status,
            Status::Fail
        );
        // Global Accelerator's guide is silent: a warning saying what to verify.
        let c = irr(&report(HAND_MADE, Service::Ga, false)).clone();
        assert_eq!(c.status, Status::Warn);
        assert!(c.hint.unwrap().contains("verify with AWS"));
    }

    #[test]
    fn amazons_own_object_warns_showing_what_matched() {
        let c = irr(&report(AMAZONS, Service::Ec2, false)).clone();
        assert_eq!(c.status, Status::Warn);
        assert_eq!(
            c.message,
            "route 192.0.2.0/24 AS14618 (RADB) is AWS's own object (mnt-by: MAINT-AS16509, matching \"AS16509\"): already provisioned?"
        );
        let lower = AMAZONS.replace("MAINT-AS16509", "amazon-mnt");
        let c = irr(&report(&lower, Service::Ec2, false)).clone();
        assert!(c.message.contains("matching \"AMAZON\""), "{}", c.message);
        // Whole tokens only: a name that merely contains AMAZON or AS16509 is another's.
        for other in [
            "MAINT-NOTAMAZON-REALLY",
            "MAINT-AMAZONAS-TELECOM",
            "MAINT-AS165090",
        ] {
            let theirs = AMAZONS.replace("MAINT-AS16509", other);
            let c = irr(&report(&theirs, Service::Ec2, false)).clone();
            assert_eq!(c.status, Status::Fail, "{other}: {c:?}");
        }
        let c = irr(&report(
            &AMAZONS.replace("MAINT-AS16509", "AMAZON_MAINT"),
            Service::Ec2,
            false,
        ))
        .clone();
        assert_eq!(c.status, Status::Warn, "{c:?}");
        // A hand-made one beside Amazon's still fails.
        let both = format!("{AMAZONS}\n{HAND_MADE}");
        let c = irr(&report(&both, Service::Ec2, false)).clone();
        assert_eq!(c.status, Status::Fail);
        assert_eq!(
            c.details.len(),
            2,
            "the hand-made one, then the saved answer's age: {:?}",
            c.details
        );
    }

    #[test]
    fn other_origins_other_prefixes_and_no_objects_pass() {
        let others = "route: 192.0.2.0/24\norigin: AS64496\nmnt-by: MAINT-EXAMPLE\nsource: RADB\n\n\
                      route: 192.0.0.0/16\norigin: AS16509\nmnt-by: MAINT-EXAMPLE\nsource: RADB\n\n\
                      route: 198.51.100.0/24\norigin: AS16509\nmnt-by: MAINT-EXAMPLE\n";
        let c = irr(&report(others, Service::Ec2, false)).clone();
        assert_eq!(c.status, Status::Pass, "{c:?}");
        assert_eq!(
            c.message,
            "no route object for 192.0.2.0/24 or a more-specific has AS16509 or AS14618 as origin (1 route object in irr.txt)"
        );
        let none = "%  No entries found for the selected source(s).\n";
        let r = report(none, Service::Ec2, false);
        assert_eq!(irr(&r).status, Status::Pass);
        // In GovCloud the BYOIP ASN is AS8987: AS16509 is another's.
        let c = irr(&report(HAND_MADE, Service::Ec2, true)).clone();
        assert_eq!(c.status, Status::Pass, "{c:?}");
        let gov = HAND_MADE.replace("AS16509", "as8987");
        assert_eq!(irr(&report(&gov, Service::Ec2, true)).status, Status::Fail);
    }

    #[test]
    fn an_end_of_line_comment_does_not_hide_the_origin() {
        let commented = HAND_MADE.replace("origin: AS16509", "origin: AS16509 # note");
        let c = irr(&report(&commented, Service::Ec2, false)).clone();
        assert_eq!(c.status, Status::Fail, "{c:?}");
    }

    #[test]
    fn a_saved_answer_for_another_prefix_is_left_out_and_a_plain_file_says_it_does_not_say() {
        let now = crate::date::test_now();
        let f = crate::rdap::saved::Fetched::new(now, "whois://whois.radb.net:43");
        let none: &[u8] = b"%  No entries found for the selected source(s).\n";
        let judged = |asked: &str| {
            let data = crate::irr::save(&[none], &f, asked.parse().unwrap());
            let mut i = Inputs::new("192.0.2.0/24", Service::Ec2, now).unwrap();
            i.irr = IrrEvidence::from_saved(&data, "irr.txt").unwrap();
            irr(&run(&i)).clone()
        };
        let c = judged("203.0.113.0/24");
        assert_eq!(c.status, Status::Skip, "{c:?}");
        assert!(c.is_left_out());
        assert_eq!(
            c.message,
            "irr.txt holds the IRR's answer for 203.0.113.0/24, not for 192.0.2.0/24: the route objects of 192.0.2.0/24 were not checked"
        );
        // A more-specific's answer does not hold the prefix's own objects either.
        assert!(judged("192.0.2.0/25").is_left_out());
        // The prefix itself, or one covering it (its more-specifics include this one): judged.
        assert_eq!(judged("192.0.2.0/24").status, Status::Pass);
        assert_eq!(judged("192.0.0.0/22").status, Status::Pass);
    }

    #[test]
    fn a_file_that_does_not_record_its_prefix_proves_presence_never_absence() {
        let ec2 = |text: &str| irr(&judged(text.as_bytes(), Service::Ec2, false)).clone();
        // Silence in a file that does not say what was asked: left out, never a pass.
        let none = "%  No entries found for the selected source(s).\n";
        let c = ec2(none);
        assert_eq!(c.status, Status::Skip, "{c:?}");
        assert!(c.is_left_out());
        assert_eq!(
            c.message,
            "irr.txt does not record which prefix was asked and holds no route object for 192.0.2.0/24 or a more-specific: the route objects of 192.0.2.0/24 were not checked"
        );
        assert_eq!(
            c.hint.as_deref(),
            Some(
                "save the IRR's answer for exactly this prefix: 192.0.2.0/24, with a fetch that records it"
            )
        );
        // A file holding another prefix's objects only: as silent about this one.
        assert!(ec2("route: 198.51.100.0/24\norigin: AS16509\nmnt-by: MAINT-X\n").is_left_out());
        // Objects within the prefix, none Amazon's ASN: not all of the prefix's, perhaps.
        let c = ec2("route: 192.0.2.0/25\norigin: AS64496\nmnt-by: MAINT-X\nsource: RADB\n");
        assert!(c.is_left_out(), "{c:?}");
        assert_eq!(
            c.message,
            "irr.txt does not record which prefix was asked and holds 1 route object within 192.0.2.0/24, none with AS16509 or AS14618 as origin, but not necessarily all of them: the route objects of 192.0.2.0/24 were not checked"
        );
        assert_eq!(
            c.details,
            ["route 192.0.2.0/25 AS64496 (RADB) mnt-by MAINT-X"]
        );
        // A saved header without prefix= (saved before the prefix was recorded): the same.
        let old = format!(
            "% byoip_saved: fetched=2026-11-30T09:00:00Z url=whois://whois.radb.net:43\n{none}"
        );
        assert!(ec2(&old).is_left_out());
        // What it holds is still judged: a hand-made object fails, Amazon's warns, and the
        // details say the file does not record the prefix.
        let c = ec2(HAND_MADE);
        assert_eq!(c.status, Status::Fail, "{c:?}");
        assert!(
            c.details
                .iter()
                .any(|d| d == "irr.txt does not record which prefix was asked: only its route objects within 192.0.2.0/24 were judged"),
            "{:?}",
            c.details
        );
        assert_eq!(ec2(AMAZONS).status, Status::Warn);
    }

    #[test]
    fn no_answer_is_left_out_and_a_failed_one_did_not_run() {
        let mut i = Inputs::new("192.0.2.0/24", Service::Ec2, crate::date::test_now()).unwrap();
        let r = run(&i);
        let c = irr(&r);
        assert_eq!(c.status, Status::Skip);
        assert!(c.is_left_out());
        assert_eq!(c.hint.as_deref(), Some(FETCH_HINT));
        i.irr = IrrEvidence::Unavailable("whois://x:43: refused".into());
        let r = run(&i);
        assert_eq!(irr(&r).status, Status::NotRun);
        assert!(!r.complete());
    }

    #[test]
    fn an_old_saved_answer_warns_by_its_recorded_fetch_time() {
        let now = crate::date::test_now();
        let fetched = crate::rdap::saved::Fetched::new(
            now - chrono::Duration::days(40),
            "whois://whois.radb.net:43",
        );
        let data = crate::irr::save(
            &[b"%  No entries found.\n"],
            &fetched,
            "192.0.2.0/24".parse().unwrap(),
        );
        let mut i = Inputs::new("192.0.2.0/24", Service::Ec2, now).unwrap();
        i.irr = IrrEvidence::from_saved(&data, "irr.txt")
            .unwrap()
            .saved_at(now);
        let c = irr(&run(&i)).clone();
        assert_eq!(c.status, Status::Warn, "{c:?}");
        assert!(c.message.contains("is 40 days old"), "{}", c.message);
        assert_eq!(
            c.hint.as_deref(),
            Some("fetch the IRR answer again and check with the fresh answer")
        );
        assert!(
            c.details
                .iter()
                .any(|d| d.contains("(recorded in the saved IRR answer)")),
            "{:?}",
            c.details
        );
    }
}
