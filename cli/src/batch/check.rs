//! `byoip batch check`: `byoip check` for every entry of a manifest, the evidence of each
//! gathered and judged by the library ([`byoip::check::online::Sources::gather`]) over
//! one set of sources (one bootstrap, one request per distinct registry record), with
//! bounded concurrency; then one summary, JSON or JUnit.

use super::{Jobs, MANIFEST_KEY, MAX_CONTEXTS_BYTES, missing};
use crate::heading;
use std::{
    path::{Path, PathBuf},
    sync::Mutex,
};

use byoip::{
    Cloud, VerificationMethod,
    check::{
        self, Check, Inputs, Report, Signed, Status,
        online::{Missing, Saved, SavedFile, Sources},
    },
    contexts::{self, ContextRecord},
    key::VerifyingKey,
    manifest::{self, AsnEntry, Entry, Manifest},
    rdap,
};

use crate::{
    CliError, CliResult, Outcome, PassphraseArgs, Progress, args::done_fetching, check::NetArgs,
    load_certificate, load_manifest, parallel::map_parallel, read_input,
};

mod output;
use output::print_all;

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
// The shared --offline help names `check`'s --rdap-file; here the manifest holds the files.
#[command(mut_arg("offline", |a| a.help(
    "Never touch the network: RDAP from each entry's rdap_file in the manifest, ROAs from --vrps or its vrps (checks without them are \"not run\")"
)))]
pub(super) struct CheckArgs {
    /// The manifest.
    #[arg(long, value_name = "FILE", default_value = manifest::DEFAULT_NAME)]
    manifest: PathBuf,
    #[command(flatten)]
    jobs: Jobs,
    /// Ask the registry for every prefix, even one a record already fetched covers.
    #[arg(long, help_heading = heading::NETWORK)]
    no_share_records: bool,
    /// Also write JUnit XML (one test case per prefix and check) to FILE, replacing it (- : stdout, the summary then goes to stderr).
    #[arg(long, value_name = "FILE", help_heading = heading::OUTPUT)]
    junit: Option<PathBuf>,
    /// Print JSON ({"ok", "ready", "prefixes": [report, …], "asns": [report, …]}).
    #[arg(long, help_heading = heading::OUTPUT)]
    json: bool,
    /// Print every check of each entry not ready, skips by rule (those that do not apply) included, not only what stands in the way.
    #[arg(long, short = 'v')]
    verbose: bool,
    #[command(flatten)]
    net: NetArgs,
    #[command(flatten)]
    pass: PassphraseArgs,
}

pub(super) fn check_all(mut a: CheckArgs) -> CliResult {
    // `--junit -`: the JUnit XML is the document on stdout, and the summary goes to
    // stderr; with --json, stdout already carries the report, so two documents would mix.
    let junit_to_stdout = a.junit.as_deref() == Some(Path::new("-"));
    if junit_to_stdout && a.json {
        return Err(CliError::input(
            "--junit - and --json would both write to standard output",
            "write the JUnit XML to a file (--junit FILE), or drop --json to get it on stdout",
        ));
    }
    let m = load_manifest(&a.manifest)?;
    manifest_net(&mut a.net, &m)?;
    let offline = a.net.offline;
    let certificate = m
        .cert
        .as_deref()
        .map(|p| load_certificate(p, Some(MANIFEST_KEY)))
        .transpose()?;
    let key = m
        .key
        .as_deref()
        .map(|p| crate::check::public_half(p, certificate.is_some(), &a.pass))
        .transpose()?
        .flatten();
    // dns-token prefixes need no certificate or key; their tokens are read up front, so a
    // bad token file stops the run before anything is asked.
    let x509 = m.cloud != Cloud::Oci
        && (!m.asns.is_empty()
            || m.prefixes
                .iter()
                .any(|e| e.verification == VerificationMethod::RemarksX509));
    let tokens = read_tokens(&m)?;
    if x509 && certificate.is_none() && key.is_none() {
        return Err(missing(
            &m,
            "cert or key",
            "set cert = \"…\" (and key = \"…\") in the manifest",
        ));
    }
    let (contexts, entry_numbers) = read_manifest_contexts(&m)?;
    let mut sources = a.net.sources(!a.no_share_records)?;
    if tokens.iter().any(Option::is_some) {
        sources = a.net.with_dns(sources)?;
    }
    let run = Run {
        m: &m,
        sources,
        certificate,
        key,
        contexts,
        entry_numbers,
        // A prefix (or ASN) the contexts file has no entry for: its message and signature
        // checks are left out, and what to give is its signed context, not a flag.
        unsigned: no_context(m.contexts.as_deref(), &m.path),
        now: crate::clock::now(),
        offline,
        first_error: Mutex::new(None),
    };
    let progress = Progress::new(m.prefixes.len(), "checked", !a.json);
    let entries: Vec<(&Entry, Option<&byoip::dnstoken::Token>)> = m
        .prefixes
        .iter()
        .zip(tokens.iter().map(Option::as_ref))
        .collect();
    let results: Vec<Result<Report, CliError>> = map_parallel(
        &entries,
        a.jobs.get(),
        |&(e, token)| run.prefix(e, token),
        &|| progress.tick(),
    );
    done_fetching(&run.sources);
    // What remains are input errors (an unreadable rdap_file): the first is the error line.
    let mut reports = Vec::new();
    for r in results {
        reports.push(crate::advice::manifest_report(r?));
    }
    // The [[asn]] entries (at most a few: AWS allows 5), after the prefixes, judged as
    // `check --asn` judges one.
    let prefix_count = reports.len();
    reports.extend(m.asns.iter().map(|e| run.asn(e)));
    let sources = &run.sources;
    let (contexts, dns_failure) = (&run.contexts, run.first_error);
    let ready = print_all(
        &a,
        &m,
        contexts,
        &reports,
        prefix_count,
        sources.client().requests_sent(),
    )?;
    if let Some(e) = sources.failure() {
        return Err(crate::check::network_failure(
            &e,
            &sources.missing(),
            &crate::check::Saving::Manifest,
        ));
    }
    crate::check::offline_note(&sources.missing(), &crate::check::Saving::Manifest);
    if let Some(e) = dns_failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    Ok(if ready { Outcome::Ok } else { Outcome::Failed })
}

/// What every entry of one `batch check` shares: the manifest, the sources, the key and
/// certificate, the signed contexts, and the first error that ends the run after the
/// report (a DNS that did not answer, a saved file that could not be used).
struct Run<'m> {
    m: &'m Manifest,
    sources: Sources,
    certificate: Option<byoip::certificate::Certificate>,
    key: Option<VerifyingKey>,
    contexts: Vec<(String, ContextRecord)>,
    /// Each context's entry number in the file (from 1), beside `contexts`.
    entry_numbers: Vec<usize>,
    /// Why the message checks of an entry without a signed context are left out.
    unsigned: String,
    now: chrono::DateTime<chrono::Utc>,
    offline: bool,
    first_error: Mutex<Option<CliError>>,
}

impl Run<'_> {
    /// Every context for `key` (a CIDR or an ASN), with its entry number: a prefix with
    /// several is judged on each, as `audit` and `batch verify` judge every entry.
    fn signed_for(&self, key: &str) -> Vec<(usize, Signed<'_>)> {
        self.contexts
            .iter()
            .zip(&self.entry_numbers)
            .filter(|((c, _), _)| c == key)
            .map(|((_, r), n)| (*n, Signed::new(r.message().as_bytes(), r.signature())))
            .collect()
    }

    /// Keeps `err` when it is the run's first: it ends the run, after the report.
    fn keep(&self, err: CliError) {
        let mut first = self.first_error.lock().unwrap_or_else(|p| p.into_inner());
        first.get_or_insert(err);
    }

    /// One `[[prefix]]`: its inputs, gathered and judged by the library on each of its
    /// signed contexts. A saved file (rdap_file, irr_file) that cannot be read or parsed
    /// leaves its checks not run, the report still written, and is kept as the run's error.
    fn prefix(
        &self,
        e: &Entry,
        token: Option<&byoip::dnstoken::Token>,
    ) -> Result<Report, CliError> {
        let cidr = e.cidr.to_string();
        let saved = saved_of(e, self.offline, &|err| self.keep(err))?;
        let all_signed = self.signed_for(&cidr);
        let mut inputs = entry_inputs(self.m, e, token, self.now);
        inputs.certificate = self.certificate.as_ref();
        inputs.key = self.key.as_ref();
        inputs.signed = all_signed.first().map(|(_, s)| *s);
        if inputs.signed.is_none() && e.verification == VerificationMethod::RemarksX509 {
            inputs.no_message = Some(self.unsigned.clone());
        }
        if let Err(u) = self.sources.gather(&mut inputs, &saved) {
            let line = u.error.chain();
            self.keep(match u.missing {
                Missing::IrrObjects => CliError::input(line, irr_hint(&cidr)),
                Missing::RdapRecord => CliError::input(line, rdap_hint(&format!("--cidr {cidr}"))),
                _ => return Err(u.error.into()),
            });
        }
        if self.m.cloud != Cloud::Aws {
            let ripe_file = e.ripe_db_file.as_deref().filter(|_| self.offline);
            crate::check::cloud::ripe_db_used(e.cidr, &inputs, ripe_file)?;
        } else if let Some(err) = crate::dns_token::dns_failure(inputs.dns_token.as_ref()) {
            self.keep(err);
        }
        Ok(on_each_context(&all_signed, |s| {
            inputs.signed = s;
            check::run(&inputs)
        }))
    }

    /// One `[[asn]]`, as `check --asn` judges one: no prefix, so no ROA checks; the
    /// registry is asked once, whatever the contexts. A saved record that cannot be used is
    /// as a prefix's.
    fn asn(&self, e: &AsnEntry) -> Report {
        let target = format!("--asn {}", e.asn);
        let mut saved = Saved::default();
        if let Some(p) = e.rdap_file.as_deref().filter(|_| self.offline) {
            let hint = rdap_hint(&target);
            saved.rdap.push(read_or_note(
                p,
                rdap::MAX_RDAP_BYTES,
                "RDAP file",
                &hint,
                &|err| self.keep(err),
            ));
        }
        let all_signed = self.signed_for(&e.asn.to_string());
        let mut inputs = check::AsnInputs::new(e.asn, self.now);
        inputs.account = e.account;
        inputs.certificate = self.certificate.as_ref();
        inputs.key = self.key.as_ref();
        inputs.signed = all_signed.first().map(|(_, s)| *s);
        if inputs.signed.is_none() {
            inputs.no_message = Some(self.unsigned.clone());
        }
        if let Err(u) = self.sources.gather_asn(&mut inputs, &saved) {
            self.keep(CliError::input(u.error.chain(), rdap_hint(&target)));
        }
        on_each_context(&all_signed, |s| {
            inputs.signed = s;
            check::run_asn(&inputs)
        })
    }
}

/// The manifest's say in how evidence is had: its saved evidence (rdap_file, vrps) is for
/// offline runs (online, the live registries are asked, with a note), and its `rdap_url`
/// and `bootstrap`; a flag on the command line wins over the manifest.
fn manifest_net(net: &mut NetArgs, m: &Manifest) -> Result<(), CliError> {
    if net.offline && net.vrps.is_none() {
        if let Some(v) = &m.vrps {
            crate::manifest_file_exists(m, "vrps", v)?;
        }
        net.vrps = m.vrps.clone();
    }
    let saved = m.vrps.is_some()
        || m.prefixes.iter().any(|e| !e.rdap_files.is_empty())
        || m.asns.iter().any(|e| e.rdap_file.is_some());
    if !net.offline && !net.local_only && saved {
        crate::note(
            "online: the manifest's rdap_file and vrps are for --offline runs; asking the live registries",
        );
    }
    if net.registry.rdap_url.is_none() {
        net.registry.rdap_url = m.rdap_url.clone();
    }
    if net.registry.bootstrap.is_none() {
        net.registry.bootstrap = m.bootstrap.clone();
    }
    Ok(())
}

/// Each `[[prefix]]`'s dns-token token, read up front so that a bad token file stops the
/// run before anything is asked; one read per token file and id, however many prefixes
/// share it (a token serves any number of prefixes for 72 hours; its expiry is each
/// report's dns.token).
fn read_tokens(m: &Manifest) -> Result<Vec<Option<byoip::dnstoken::Token>>, CliError> {
    let mut read: Vec<((PathBuf, Option<String>), byoip::dnstoken::Token)> = Vec::new();
    let mut tokens: Vec<Option<byoip::dnstoken::Token>> = Vec::new();
    for e in &m.prefixes {
        let (Some(f), VerificationMethod::DnsToken) = (&e.token_file, e.verification) else {
            tokens.push(None);
            continue;
        };
        let k = (f.clone(), e.token_id.clone());
        let t = match read.iter().find(|(key, _)| *key == k) {
            Some((_, t)) => t.clone(),
            None => {
                let t = crate::args::load_token_file(f, e.token_id.as_deref())?;
                read.push((k, t.clone()));
                t
            }
        };
        tokens.push(Some(t));
    }
    Ok(tokens)
}

/// Signed contexts from the manifest's file, by the CIDR (or ASN) each is for, with each
/// one's entry number in the file (from 1); an entry that cannot be used is an error
/// naming it, never dropped.
#[allow(clippy::type_complexity)]
fn read_manifest_contexts(
    m: &Manifest,
) -> Result<(Vec<(String, ContextRecord)>, Vec<usize>), CliError> {
    let mut contexts: Vec<(String, ContextRecord)> = Vec::new();
    let mut entry_numbers: Vec<usize> = Vec::new();
    let Some(p) = &m.contexts else {
        return Ok((contexts, entry_numbers));
    };
    crate::manifest_file_exists(m, "contexts", p)?;
    let data = read_input(p, MAX_CONTEXTS_BYTES, "contexts file")?;
    let shown = p.display().to_string();
    for (i, r) in contexts::read_contexts(&data, &shown)?.iter().enumerate() {
        let unusable = |why: String| {
            CliError::input(
                format!(
                    "{shown}: entry {} (of the contexts the manifest names): {why}",
                    i + 1
                ),
                "give each entry \"cidr\", \"message\" and \"signature\" (as `byoip batch sign --format json` writes), or remove it",
            )
        };
        let r = r.as_ref().map_err(|u| unusable(u.error.chain()))?;
        let cidr = r.cidr_or_message().ok_or_else(|| {
            unusable("it names no CIDR (no \"cidr\" and no CIDR in the message)".into())
        })?;
        contexts.push((cidr, r.clone()));
        entry_numbers.push(i + 1);
    }
    Ok((contexts, entry_numbers))
}

/// The hint of a manifest's `rdap_file` that cannot be used, for `target` (`--cidr C`,
/// `--asn N`).
fn rdap_hint(target: &str) -> String {
    format!(
        "check the manifest's rdap_file path (relative to the manifest's folder), or save the record with `byoip rdap fetch {target} --out FILE`"
    )
}

/// The hint of a manifest's `irr_file` that cannot be used, for the prefix `cidr`.
fn irr_hint(cidr: &str) -> String {
    format!(
        "check the manifest's irr_file path (relative to the manifest's folder), or save the answer with `byoip irr fetch --cidr {cidr} --out FILE`"
    )
}

/// The saved answer at `path`, or one the library reports unreadable (its checks not
/// run), the error kept by `first_error` with `hint`.
fn read_or_note(
    path: &Path,
    limit: u64,
    what: &str,
    hint: &str,
    first_error: &impl Fn(CliError),
) -> SavedFile {
    crate::check::read_saved(path, limit, what).unwrap_or_else(|err| {
        first_error(CliError::input(err.line(), hint));
        SavedFile::unreadable(path.display().to_string(), err.line())
    })
}

/// The saved evidence of a manifest entry, read offline (online the live registries are
/// asked): its `rdap_file`s, `irr_file` and `ripe_db_file`. A RIPE Database file that
/// cannot be read is the error; the others are kept by `first_error`.
fn saved_of(e: &Entry, offline: bool, first_error: &impl Fn(CliError)) -> Result<Saved, CliError> {
    let mut saved = Saved::default();
    if !offline {
        return Ok(saved);
    }
    let cidr = e.cidr.to_string();
    let rdap = rdap_hint(&format!("--cidr {cidr}"));
    for p in &e.rdap_files {
        let file = read_or_note(p, rdap::MAX_RDAP_BYTES, "RDAP file", &rdap, first_error);
        let unread = file.bytes.is_err();
        saved.rdap.push(file);
        if unread {
            break;
        }
    }
    if let Some(p) = &e.irr_file {
        saved.irr = Some(read_or_note(
            p,
            byoip::irr::MAX_IRR_BYTES,
            "IRR file",
            &irr_hint(&cidr),
            first_error,
        ));
    }
    if let Some(p) = &e.ripe_db_file {
        saved.ripe_db = Some(crate::check::read_saved(
            p,
            byoip::ripedb::MAX_RIPE_DB_BYTES,
            "RIPE Database file",
        )?);
    }
    Ok(saved)
}

/// What a manifest's `[[prefix]]` entry says, as the library's inputs for its cloud
/// (the key, certificate and signed contexts are the caller's).
fn entry_inputs<'a>(
    m: &'a Manifest,
    e: &'a Entry,
    token: Option<&byoip::dnstoken::Token>,
    now: chrono::DateTime<chrono::Utc>,
) -> Inputs<'a> {
    let service = if m.cloud == Cloud::Aws {
        e.service
    } else {
        byoip::Service::Ec2
    };
    let mut inputs = Inputs::for_cidr(e.cidr.into(), service, now);
    inputs.cloud = m.cloud;
    inputs.govcloud = e.govcloud;
    // Who announces the prefix today (the manifest's origin, else RIPEstat online).
    if let Some(o) = &e.origin {
        inputs.origin = o.clone();
    }
    if m.cloud != Cloud::Aws {
        inputs.region = e.region.clone();
        inputs.subscription = e.subscription;
        inputs.token = e.validation_token.as_deref();
        return inputs;
    }
    inputs.advertise = e.advertise;
    inputs.network_border_group = e.network_border_group.clone();
    inputs.account = e.account;
    // The DNS answers are gathered with the rest.
    inputs.dns_token = token.map(|t| check::DnsToken {
        token: t.clone(),
        dns: check::DnsEvidence::Unavailable(String::new()),
    });
    inputs
}

/// The report judged with the first of a prefix's (or ASN's) signed contexts, or with none,
/// made worse by each further one's ([`worst_of`]): every entry of the contexts file is
/// judged, as `audit` and `batch verify` judge them.
fn on_each_context<'a>(
    signed: &[(usize, Signed<'a>)],
    mut judge: impl FnMut(Option<Signed<'a>>) -> Report,
) -> Report {
    let mut report = judge(signed.first().map(|(_, s)| *s));
    for &(n, s) in signed.iter().skip(1) {
        worst_of(&mut report, judge(Some(s)), n);
    }
    report
}

/// Folds into `report` the report `other` made with the contexts file's entry `entry`, a
/// further context for the same prefix (or ASN): each check `other` judged worse (a
/// failure over anything, a not-run over a warning or pass, a warning over a pass) takes
/// the place of `report`'s, naming the entry, so that any failing context fails the
/// prefix whatever the file's order.
fn worst_of(report: &mut Report, other: Report, entry: usize) {
    let rank = |s: Status| match s {
        Status::Fail => 3,
        Status::NotRun => 2,
        Status::Warn => 1,
        _ => 0,
    };
    for mut c in other.checks {
        if let Some(mine) = report.checks.iter_mut().find(|m| m.id == c.id)
            && rank(c.status) > rank(mine.status)
        {
            c.message = format!("entry {entry} of the contexts file: {}", c.message);
            *mine = c;
        }
    }
}

/// Why a prefix (or ASN) of the manifest at `manifest` has no message: its contexts file
/// (`file`, or none named) has no signed context for it. What the checks left out for want
/// of one say, with what to give and the command that writes it: `batch sign` signs every
/// entry of the manifest, and replaces the file (which was read, so it exists) only with
/// `--force`.
fn no_context(file: Option<&Path>, manifest: &Path) -> String {
    let sign = match manifest.display().to_string() {
        m if m == manifest::DEFAULT_NAME => "byoip batch sign".to_string(),
        m => format!("byoip batch sign --manifest {m}"),
    };
    match file {
        Some(f) => format!(
            "no signed context in {} (re-sign the manifest with `{sign} --out {0} --force`)",
            f.display()
        ),
        None => format!(
            "no signed context: the manifest names no contexts file (add contexts = \"FILE\" and sign them with `{sign} --out FILE`)"
        ),
    }
}

/// A warning `context.<label>` for each entry of `contexts` (matched by prefix, or ASN in
/// bare decimal) that is for none of `wanted`, once each.
fn orphan_contexts(
    contexts: &[(String, ContextRecord)],
    wanted: &[(String, bool)],
    file: Option<&Path>,
) -> Vec<Check> {
    let file = file.map_or_else(|| "the contexts file".into(), |f| f.display().to_string());
    let mut out: Vec<Check> = Vec::new();
    for (key, r) in contexts {
        let id = check::CheckId::Context(r.label());
        if wanted.iter().any(|(w, _)| w == key) || out.iter().any(|c| c.id == id) {
            continue;
        }
        let (warning, hint) = byoip::audit::orphan_words(&r.label(), &file);
        out.push(Check::new(
            id,
            Status::Warn,
            format!("{warning} ({file})"),
            Some(hint),
        ));
    }
    out
}
