//! What to do, in this CLI's words. The library says it twice: in plain words, which name
//! no flag (a library user, the web page, has none), and as [`Remedy`] values, which
//! [`remedy`] names by this CLI's flags, commands and manifest keys in one match with no
//! catch-all. Errors, lint findings, signature diagnoses and the checks that carry
//! remedies are named by them ([`hint`]).
//!
//! What is not yet a value still goes through the phrase table below, which turns the
//! library's words into flags by substring: check messages and details that name an input
//! ("the CIDR given", "offline and no VRP file"), the saved answers' ages, the hints of the
//! message, key and signature checks that have no remedies yet, and the DNS causes. A check
//! with remedies is named by them alone: its hint's words do not go through the table. A
//! test holds every phrase on the left to a phrase the library still writes.

use byoip::{
    Finding, LintOptions,
    check::{Check, Report},
    error::{Change, Input, Of, Remedy, Step},
    signature::Verification,
};

/// Where the words of a remedy go: a command's flags, or a `batch check` manifest, whose
/// entries name their saved evidence by key (`rdap_file`) where `check` takes a flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Means {
    /// The command's own flags.
    Flags,
    /// The keys of a manifest entry.
    Manifest,
}

/// `hint` (the library's words) with what its `remedies` are in this CLI: the flag that
/// gives an input, the command that does a step, in parentheses after the words.
pub fn hint(hint: &str, remedies: &[Remedy], means: Means) -> String {
    let mut named: Vec<String> = Vec::new();
    for r in remedies {
        let r = remedy(*r, means);
        if !named.contains(&r) {
            named.push(r);
        }
    }
    match (hint.is_empty(), named.is_empty()) {
        (_, true) => hint.to_string(),
        (true, false) => named.join("; "),
        (false, false) => format!("{hint} ({})", named.join("; ")),
    }
}

/// The target as the fetch commands take it: `--cidr 192.0.2.0/24`, `--asn 64500`.
fn target(of: Of) -> String {
    match of {
        Of::Prefix(p) => format!("--cidr {p}"),
        Of::Asn(a) => format!("--asn {}", a.get()),
    }
}

/// One remedy in this CLI's words: every remedy the library gives is named here, with no
/// catch-all arm, so a new one does not build until it is given its flag or command.
pub fn remedy(r: Remedy, means: Means) -> String {
    let manifest = means == Means::Manifest;
    match r {
        Remedy::Give(input) => match input {
            Input::Account if manifest => "account in the manifest".into(),
            Input::Account => "--account".into(),
            Input::Subscription if manifest => "subscription in the manifest".into(),
            Input::Subscription => "--subscription".into(),
            Input::Prefix => "--cidr".into(),
            Input::Asn => "--asn".into(),
            Input::Expiry => "--expires YYYYMMDD or +Nd".into(),
            Input::Service => "--service".into(),
            Input::Region => "--region".into(),
            Input::BorderGroup => "--network-border-group".into(),
            Input::VerificationMethod => "--verification".into(),
            Input::Origin => "--origin ASN or --origin none".into(),
            Input::Message => "--message".into(),
            Input::Signature => "--signature".into(),
            Input::Context => "--context".into(),
            Input::Contexts => "--input FILE, as `byoip batch sign --out FILE` writes it".into(),
            Input::Key => "--key".into(),
            Input::Passphrase => "BYOIP_PASSPHRASE or --passphrase-file FILE".into(),
            Input::Certificate if manifest => "cert in the manifest, or --cert".into(),
            Input::Certificate => "--cert".into(),
            Input::Subject => "--subject".into(),
            Input::TokenId => "--token-id".into(),
            Input::Zone => "--zone".into(),
            Input::ValidationToken => "--validation-token".into(),
            Input::Offline => "--offline".into(),
            Input::Timeout => "--timeout SECS".into(),
            Input::PlainHttp => "--allow-http".into(),
            Input::RdapServer => "--rdap-url".into(),
            Input::Bootstrap => "--bootstrap".into(),
            Input::Validator => "--rpki-url for Routinator, --ripestat for RIPEstat".into(),
            Input::RipeDbServer => "--ripe-db-url".into(),
            Input::IrrServer => "--irr-server".into(),
            Input::Resolver => "--resolver IP".into(),
            Input::Authoritative => "--authoritative".into(),
            Input::RdapRecord(Of::Prefix(_)) if manifest => "rdap_file in its [[prefix]]".into(),
            Input::RdapRecord(Of::Asn(_)) if manifest => "rdap_file in its [[asn]]".into(),
            Input::RdapRecord(_) => "--rdap-file FILE".into(),
            Input::Vrps => "--vrps FILE".into(),
            Input::IrrObjects(_) if manifest => "irr_file in its [[prefix]]".into(),
            Input::IrrObjects(_) => "--irr-file FILE".into(),
            Input::RipeDbObject(_) if manifest => "ripe_db_file in its [[prefix]]".into(),
            Input::RipeDbObject(_) => "--ripe-db-file FILE".into(),
        },
        Remedy::Run(step) => match step {
            Step::FetchRdap(of) => format!("`byoip rdap fetch {} --out FILE`", target(of)),
            Step::FetchIrr(p) => format!("`byoip irr fetch --cidr {p} --out FILE`"),
            Step::FetchRoas(p) => format!("`byoip roa fetch --cidr {p} --out FILE`"),
            Step::FetchRipeDb(p) => format!("`byoip ripedb fetch --cidr {p} --out FILE`"),
            Step::MakeKey => "`byoip keygen --out key.pem`".into(),
            Step::MakeCertificate => "`byoip cert --key KEY --out cert.pem`".into(),
            Step::BuildMessage => "`byoip message` writes it".into(),
            Step::Sign(byoip::Cloud::Aws) => "`byoip sign`".into(),
            Step::Sign(cloud) => format!("`byoip sign --cloud {}`", cloud.name()),
            Step::SignBatch => "`byoip batch sign`".into(),
            Step::Lint => "`byoip lint` lists every problem".into(),
            Step::Inspect => "`byoip inspect FILE`".into(),
            Step::Rules => "`byoip clouds`".into(),
            Step::PlanDnsToken => "`byoip dns-token plan`".into(),
            Step::CheckDnsToken => "`byoip dns-token check`".into(),
            Step::Report => "with the output of `byoip --version`".into(),
        },
        Remedy::Change(change) => match change {
            Change::CertificatePlacement => {
                "`byoip cert --key KEY --out cert.pem` prints the certificate and its one-line form"
                    .into()
            }
            Change::Certificate => {
                "`byoip cert --key KEY --out cert.pem` prints the certificate".into()
            }
            Change::RoaOrigin => "`byoip clouds` lists each cloud's ROA origin".into(),
            Change::RoaMaxLength => "`byoip clouds` lists each cloud's ROA length".into(),
            Change::KeyEncryption => {
                "`openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out NEW`".into()
            }
        },
    }
}

/// The library's phrase, and what the CLI says in its place. Where one phrase holds
/// another, the longer is matched first.
const PHRASES: &[(&str, &str)] = &[
    // Registry answers.
    (
        "treat the server as the names' authoritative server",
        "pass --authoritative if --resolver is the names' authoritative server",
    ),
    (
        "ask a resolver that reaches the internet",
        "ask a resolver that reaches the internet (--resolver IP)",
    ),
    // Saved registry answers: the CLI saves them with `rdap fetch`.
    (
        "(recorded in the saved file)",
        "(recorded by byoip rdap fetch)",
    ),
    (
        "save it with a fetch that records when it was fetched",
        "save with byoip rdap fetch to record when it was fetched",
    ),
    (
        "fetch it again and check with the fresh answer",
        "fetch it again (byoip rdap fetch) and check with the fresh answer",
    ),
    // Saved IRR answers: the CLI saves them with `irr fetch`.
    (
        "(recorded in the saved IRR answer)",
        "(recorded by byoip irr fetch)",
    ),
    (
        "save the IRR answer with a fetch that records when it was fetched",
        "save with byoip irr fetch to record when it was fetched",
    ),
    (
        "fetch the IRR answer again and check with the fresh answer",
        "fetch it again (byoip irr fetch) and check with the fresh answer",
    ),
    // Files and tokens.
    // What was given, or not.
    ("the key given (", "--key ("),
    (
        ") is not the key of the certificate given (",
        ") is not the key of --cert (",
    ),
    ("no certificate or key given", "no --cert or --key given"),
    (
        "no certificate: give one, or let the registry's RDAP record supply it",
        "no certificate: give --cert, or let byoip find one in RDAP",
    ),
    ("the account given", "--account"),
    ("give the account to compare", "give --account to compare"),
    (
        "in the message and as the CIDR given",
        "in the message and in --cidr",
    ),
    ("the CIDR given", "--cidr"),
    (
        "in the message and as the ASN given",
        "in the message and in --asn",
    ),
    ("the ASN given", "--asn"),
    ("the subscription given", "--subscription"),
    (
        "give the subscription to compare",
        "give --subscription to compare",
    ),
    (
        "no message given (a message with its signature, or a context)",
        "no message given (--message with --signature, or --context)",
    ),
    (
        "no message and signature given (nor a context)",
        "no message and signature given (--message/--signature or --context)",
    ),
    (
        "no message and signature given",
        "no message and signature given (--message/--signature)",
    ),
    (
        "offline and no saved RDAP record",
        "offline and no --rdap-file",
    ),
    ("offline and no VRP file", "offline and no --vrps"),
    (
        "give the announcing ASN, or say the prefix is not announced",
        "give --origin ASN or --origin none",
    ),
    (
        "the ASN announcing the prefix today was not given",
        "no --origin was given",
    ),
    (
        "offline and no saved RIPE Database object",
        "offline and no --ripe-db-file",
    ),
    ("local checks only", "--local-only"),
    // What to make or sign, and with which command.
    (
        "publish the certificate of the key you sign with,",
        "publish the certificate of the key you sign with (`byoip cert --key KEY --out cert.pem`),",
    ),
    (
        "publish the certificate in the record,",
        "publish the certificate in the record (`byoip cert --key KEY --out cert.pem` prints the line),",
    ),
    (
        "sign a message for exactly the CIDR you provision",
        "sign a message for exactly the CIDR you provision (`byoip sign --cidr …`)",
    ),
    (
        "sign a message for exactly the ASN you provision",
        "sign a message for exactly the ASN you provision (`byoip sign --asn …`)",
    ),
    (
        "sign a BYOASN message, or check the prefix instead",
        "sign a BYOASN message (`byoip sign --asn …`), or check the prefix with `byoip check --cidr`",
    ),
    (
        "as not publicly advertisable if",
        "as not publicly advertisable (--no-advertise) if",
    ),
    ("a signer for Azure", "`byoip sign --cloud azure`"),
    ("byoip's signer", "`byoip sign`"),
    (
        "the linter lists every problem",
        "`byoip lint` lists every problem",
    ),
    ("or a saved RDAP lookup", "or what `byoip rdap fetch` saved"),
    (
        "(inspecting the answer shows each)",
        "(`byoip inspect` on the answer shows each)",
    ),
    (
        "compare the key's fingerprint with",
        "compare the key's fingerprint (`byoip inspect KEY`) with",
    ),
    (
        "(check them where DNS works)",
        "(run `byoip dns-token check` where DNS works)",
    ),
];

/// What `batch check` says in place of the library's phrase, where the manifest's key and
/// not a flag gives what is asked (a replacement's `{cidr}` is the report's prefix). Empty:
/// what a manifest names (rdap_file, irr_file, ripe_db_file) is a remedy now, named by
/// [`Means::Manifest`].
const MANIFEST_PHRASES: &[(&str, &str)] = &[];

/// `text` in the CLI's words: each library phrase of the table replaced, in one pass
/// (a replacement is never read again), the longest phrase first where several start at
/// the same place.
pub fn text(text: &str) -> String {
    replaced(text, PHRASES, "CIDR")
}

/// `text` with each phrase of `table` replaced as [`text`] does, a replacement's `{cidr}`
/// filled with `cidr`.
fn replaced(text: &str, table: &[(&str, &str)], cidr: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while !rest.is_empty() {
        let mut best: Option<&(&str, &str)> = None;
        for p in table {
            if rest.starts_with(p.0) && best.is_none_or(|b| p.0.len() > b.0.len()) {
                best = Some(p);
            }
        }
        if let Some((from, to)) = best {
            out += &to.replace("{cidr}", cidr);
            rest = &rest[from.len()..];
            continue 'scan;
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out
}

/// A hint in this CLI's words: named by its remedies where it has them, else (until every
/// hint of the library has them) through the phrase table.
fn named(words: &str, remedies: &[Remedy]) -> String {
    if remedies.is_empty() {
        text(words)
    } else {
        hint(words, remedies, Means::Flags)
    }
}

/// `c`'s hint in this CLI's words, by `means`: named by its remedies where it has them,
/// else through `table` (a replacement's `{cidr}` filled with `cidr`).
fn check_hint(c: &Check, table: &[(&str, &str)], cidr: &str, means: Means) -> Option<String> {
    match (c.hint.as_deref(), c.remedies()) {
        (words, []) => words.map(|t| replaced(t, table, cidr)),
        (words, remedies) => Some(hint(words.unwrap_or_default(), remedies, means)),
    }
}

/// A check's hint in the CLI's words (its flags and commands), outside a report.
pub fn hint_of(c: &Check) -> Option<String> {
    check_hint(c, PHRASES, "CIDR", Means::Flags)
}

/// A report with its texts in the CLI's words (messages, hints, details), the commands
/// it names given the report's prefix.
pub fn report(r: Report) -> Report {
    report_with(r, PHRASES, Means::Flags)
}

/// A report of `batch check` with its texts in the manifest's words: only what a flag
/// would not give, as `batch check` takes no evidence flags.
pub fn manifest_report(r: Report) -> Report {
    report_with(r, MANIFEST_PHRASES, Means::Manifest)
}

fn report_with(mut r: Report, table: &[(&str, &str)], means: Means) -> Report {
    let cidr = if r.cidr.is_empty() {
        "CIDR".to_string()
    } else {
        r.cidr.clone()
    };
    let text = |t: &str| replaced(t, table, &cidr);
    for c in &mut r.checks {
        c.message = text(&c.message);
        c.hint = check_hint(c, table, &cidr, means);
        for d in &mut c.details {
            *d = text(d);
        }
    }
    r
}

/// [`byoip::lint`], its findings in the CLI's words.
pub fn lint(bytes: &[u8], opts: &LintOptions) -> Vec<Finding> {
    let mut fs = byoip::lint(bytes, opts);
    for f in &mut fs {
        f.message = text(&f.message);
        f.hint = named(&f.hint, f.remedies());
    }
    fs
}

/// A signature verdict with its diagnoses in the CLI's words.
pub fn verification(mut v: Verification) -> Verification {
    for d in &mut v.diagnosis {
        d.message = text(&d.message);
        d.hint = named(&d.hint, d.remedies());
    }
    v
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Every string literal of the library's sources (src/ at the workspace root), joined.
    fn library_sources() -> String {
        fn walk(dir: &std::path::Path, out: &mut String) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    if !p.ends_with("cli") {
                        walk(&p, out);
                    }
                } else if p.extension().is_some_and(|x| x == "rs") {
                    *out += &std::fs::read_to_string(&p).unwrap();
                }
            }
        }
        let mut s = String::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src"),
            &mut s,
        );
        s
    }

    #[test]
    fn every_phrase_is_one_the_library_writes() {
        let src = library_sources();
        for (from, _) in PHRASES.iter().chain(MANIFEST_PHRASES) {
            assert!(src.contains(from), "the library no longer writes {from:?}");
        }
    }

    #[test]
    fn every_phrase_becomes_one_naming_a_flag_or_command() {
        for (from, to) in PHRASES.iter().chain(MANIFEST_PHRASES) {
            assert!(!from.contains("--") && !from.contains("byoip "), "{from}");
            assert!(
                to.contains("--") || to.contains("byoip ") || to.contains("BYOIP_"),
                "{from} -> {to}"
            );
        }
    }

    #[test]
    fn a_remedy_is_named_by_flag_or_by_manifest_key() {
        let p: byoip::Prefix = "192.0.2.0/24".parse().unwrap();
        let rs = [
            Remedy::Give(Input::RdapRecord(Of::Prefix(p))),
            Remedy::Run(Step::FetchRdap(Of::Prefix(p))),
        ];
        assert_eq!(
            hint("give the saved record", &rs, Means::Flags),
            "give the saved record (--rdap-file FILE; `byoip rdap fetch --cidr 192.0.2.0/24 --out FILE`)"
        );
        assert_eq!(
            hint("", &rs, Means::Manifest),
            "rdap_file in its [[prefix]]; `byoip rdap fetch --cidr 192.0.2.0/24 --out FILE`"
        );
        // The same remedy twice is named once; none leaves the words as they are.
        assert_eq!(
            hint("x", &[Remedy::Give(Input::Offline); 2], Means::Flags),
            "x (--offline)"
        );
        assert_eq!(hint("x", &[], Means::Flags), "x");
    }

    #[test]
    fn phrases_are_replaced_once_longest_first() {
        assert_eq!(
            text("no message and signature given (nor a context)"),
            "no message and signature given (--message/--signature or --context)"
        );
        assert_eq!(
            text("no message and signature given"),
            "no message and signature given (--message/--signature)"
        );
        // A replacement is not read again: "ask a resolver that reaches the internet"
        // holds the phrase it replaces.
        assert_eq!(
            text("ask a resolver that reaches the internet"),
            "ask a resolver that reaches the internet (--resolver IP)"
        );
        assert_eq!(text("nothing to map, é"), "nothing to map, é");
        assert!(
            text("publish the certificate in the record,")
                .contains("`byoip cert --key KEY --out cert.pem`")
        );
    }
}
