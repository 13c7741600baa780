//! The manual pages: byoip(1) and one page per subcommand (byoip-check(1),
//! byoip-batch-sign(1), …), generated from the argument definitions so that they never
//! disagree with `--help`. clap_mangen renders what it knows (the title, NAME,
//! DESCRIPTION, the options under their help headings); `roff` the rest, in the order
//! man-pages(7) gives: a SYNOPSIS that shows each option's value, SUBCOMMANDS, EXIT
//! STATUS, ENVIRONMENT, FILES, CHECK IDS (from the check id enum itself), EXAMPLES and
//! SEE ALSO.

use std::path::Path;

use byoip::check::CheckId;
use clap::{Arg, ArgAction, Command};
use roff::{Inline, Roff, bold, italic, roman};

use super::{CliError, heading};

mod examples;

/// The section every page is in: user commands.
const SECTION: &str = "1";

/// The commands that have a page: byoip itself (the empty path), then every subcommand,
/// depth first, in the order `--help` lists them. `root` must be built.
pub fn paths(root: &Command) -> Vec<Vec<String>> {
    fn walk(cmd: &Command, path: &mut Vec<String>, all: &mut Vec<Vec<String>>) {
        all.push(path.clone());
        for sub in subcommands(cmd) {
            path.push(sub.get_name().to_string());
            walk(sub, path, all);
            path.pop();
        }
    }
    let mut all = Vec::new();
    walk(root, &mut Vec::new(), &mut all);
    all
}

/// The subcommands a page lists: clap's own `help` subcommand has no page.
fn subcommands(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

/// The page of the command at `path` below `root` (built), and its file name
/// (`byoip-batch-sign.1`).
pub fn page(root: &Command, path: &[String]) -> Result<(String, String), CliError> {
    let mut cmd = root;
    let mut shown = root.get_name().to_string();
    for part in path {
        cmd = subcommands(cmd)
            .find(|s| s.get_name() == part)
            .ok_or_else(|| {
                CliError::input(
                    format!("`{shown}` has no subcommand {part:?}"),
                    format!("see `{shown} --help` for its subcommands"),
                )
            })?;
        shown = format!("{shown} {}", cmd.get_name());
    }
    Ok((
        render(root, cmd, path),
        format!("{}.{SECTION}", shown.replace(' ', "-")),
    ))
}

/// `roff`'s rendering without the preamble it puts before every document: a page has
/// it once, before its title.
fn body(r: &Roff) -> String {
    let text = r.render();
    let preamble = Roff::new().render();
    text.strip_prefix(preamble.as_str())
        .unwrap_or(&text)
        .to_string()
}

fn render(root: &Command, cmd: &Command, path: &[String]) -> String {
    let man = clap_mangen::Man::new(cmd.clone())
        .section(SECTION)
        .source(format!("byoip {}", env!("CARGO_PKG_VERSION")))
        .manual("byoip manual");
    let mut page = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = man.render_title(&mut page);
    let mut rest = Vec::new();
    let _ = man.render_name_section(&mut rest);
    let mut page = String::from_utf8_lossy(&page).into_owned();
    page.push_str(&body_of(&rest));

    let mut r = Roff::new();
    r.control("SH", ["SYNOPSIS"]);
    synopsis(&mut r, cmd);
    page.push_str(&body(&r));

    let mut rest = Vec::new();
    let _ = man.render_description_section(&mut rest);
    page.push_str(&body_of(&rest));
    page.push_str(&options(&man));

    let mut r = Roff::new();
    if cmd.has_subcommands() {
        r.control("SH", ["SUBCOMMANDS"]);
        let display = cmd.get_display_name().unwrap_or(cmd.get_name());
        for sub in subcommands(cmd) {
            r.control("TP", []);
            r.text([
                bold(format!("{display}-{}", sub.get_name())),
                roman(format!("({SECTION})")),
            ]);
            if let Some(about) = sub.get_about() {
                r.text([roman(about.to_string())]);
            }
        }
    }
    exit_status(&mut r);
    environment(&mut r, cmd);
    files(&mut r, cmd);
    if shows_check_ids(path) {
        check_ids(&mut r);
    }
    examples(&mut r, path);
    see_also(&mut r, root, cmd, path);
    page.push_str(&body(&r));
    page
}

/// [`body`] of a section clap_mangen rendered.
fn body_of(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let preamble = Roff::new().render();
    text.strip_prefix(preamble.as_str())
        .unwrap_or(&text)
        .to_string()
}

/// The options, as clap_mangen renders them: a section per help heading, which here become
/// subsections of one OPTIONS section, as ripgrep's page has them.
fn options(man: &clap_mangen::Man) -> String {
    let mut buf = Vec::new();
    let _ = man.render_options_section(&mut buf);
    let mut text = body_of(&buf);
    if !text.starts_with(".SH OPTIONS") {
        text.insert_str(0, ".SH OPTIONS\n");
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let sub = line
            .trim_end()
            .strip_prefix(".SH ")
            .and_then(|h| heading::ALL.iter().find(|k| k.to_uppercase() == h));
        match sub {
            Some(h) => out.push_str(&format!(".SS {h}\n")),
            None => out.push_str(line),
        }
    }
    out
}

/// `--cidr` *CIDR*, `[--ripestat[=URL]]`: an option with its value, as the synopsis and
/// man-pages(7) show it.
fn option_words(arg: &Arg) -> Vec<Inline> {
    let flag = match (arg.get_long(), arg.get_short()) {
        (Some(long), _) => format!("--{long}"),
        (None, Some(short)) => format!("-{short}"),
        (None, None) => return vec![italic(value_name(arg))],
    };
    let mut words = vec![bold(flag)];
    let takes = arg.get_num_args().is_some_and(|n| n.takes_values());
    if takes {
        let optional = arg.get_num_args().is_some_and(|n| n.min_values() == 0);
        match (optional, arg.is_require_equals_set()) {
            (true, _) => {
                words.push(roman("[="));
                words.push(italic(value_name(arg)));
                words.push(roman("]"));
            }
            (false, true) => {
                words.push(roman("="));
                words.push(italic(value_name(arg)));
            }
            (false, false) => {
                words.push(roman(" "));
                words.push(italic(value_name(arg)));
            }
        }
    }
    words
}

/// An argument's value as `--help` names it (`CIDR`, `FILE|TEXT`).
fn value_name(arg: &Arg) -> String {
    match arg.get_value_names() {
        Some(names) if !names.is_empty() => names
            .iter()
            .map(|n| n.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        _ => arg.get_id().as_str().to_uppercase(),
    }
}

fn repeats(arg: &Arg) -> bool {
    matches!(arg.get_action(), ArgAction::Append)
}

/// The synopsis: the command, its required options, the choices among which one is
/// required, then every other option in `--help`'s order, each with its value.
fn synopsis(r: &mut Roff, cmd: &Command) {
    let name = cmd.get_bin_name().unwrap_or(cmd.get_name());
    let mut line = vec![bold(name)];
    let shown = |a: &&Arg| !a.is_hide_set() && !matches!(a.get_id().as_str(), "help" | "version");
    // One of each required group (`(--account ID | --subscription GUID)`).
    let mut grouped = Vec::new();
    for group in cmd.get_groups().filter(|g| g.is_required_set()) {
        let members: Vec<&Arg> = group
            .get_args()
            .filter_map(|id| cmd.get_arguments().find(|a| a.get_id() == id))
            .filter(shown)
            .collect();
        if members.is_empty() {
            continue;
        }
        line.push(roman(" ("));
        for (i, arg) in members.iter().enumerate() {
            if i > 0 {
                line.push(roman(" | "));
            }
            line.extend(option_words(arg));
        }
        line.push(roman(")"));
        grouped.extend(members.iter().map(|a| a.get_id().clone()));
    }
    let options: Vec<&Arg> = cmd
        .get_arguments()
        .filter(shown)
        .filter(|a| !a.is_positional() && !grouped.contains(a.get_id()))
        .collect();
    for arg in options.iter().filter(|a| a.is_required_set()) {
        line.push(roman(" "));
        line.extend(option_words(arg));
    }
    for arg in options.iter().filter(|a| !a.is_required_set()) {
        line.push(roman(" ["));
        line.extend(option_words(arg));
        line.push(roman(if repeats(arg) { "]..." } else { "]" }));
    }
    for arg in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        let value = italic(value_name(arg));
        let many = arg.get_num_args().is_some_and(|n| n.max_values() > 1) || repeats(arg);
        line.push(roman(" "));
        if arg.is_required_set() {
            line.push(value);
            if many {
                line.push(roman("..."));
            }
        } else {
            line.push(roman("["));
            line.push(value);
            line.push(roman(if many { "]..." } else { "]" }));
        }
    }
    if cmd.has_subcommands() {
        line.push(roman(" "));
        line.push(italic("COMMAND"));
        line.push(roman(" ["));
        line.push(italic("ARGS"));
        line.push(roman("]"));
    }
    r.text(line);
}

/// The exit codes every command shares (README, "Exit codes").
fn exit_status(r: &mut Roff) {
    r.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in [
        (
            "0",
            "Success: the signature is valid, the message has no error, or a check, batch check, audit or dns-token check is READY.",
        ),
        (
            "1",
            "A verdict: the signature is invalid, the lint found an error, or a check, batch check, audit or dns-token check is NOT READY or INCOMPLETE (a check failed, did not run, or was left out for want of evidence).",
        ),
        (
            "2",
            "The command could not run: usage, unreadable or malformed input, a wrong passphrase, I/O, or the network (timeouts, server errors after retries, oversized or garbage answers).",
        ),
    ] {
        r.control("TP", []);
        r.text([bold(code)]);
        r.text([roman(meaning)]);
    }
}

/// Whether `cmd` or a command below it has an option with this id.
fn has_arg(cmd: &Command, id: &str) -> bool {
    cmd.get_arguments().any(|a| a.get_id() == id) || subcommands(cmd).any(|s| has_arg(s, id))
}

/// Whether `cmd` or a command below it has a `--timeout` whose default BYOIP_TIMEOUT sets
/// (read by the CLI itself, so clap does not know it).
fn reads_timeout_env(cmd: &Command) -> bool {
    cmd.get_arguments().any(|a| {
        a.get_id() == "timeout"
            && a.get_help()
                .is_some_and(|h| h.to_string().contains("BYOIP_TIMEOUT"))
    }) || subcommands(cmd).any(reads_timeout_env)
}

/// The environment variables the command (or, on byoip(1), any command) reads: the
/// defaults of options from clap's own `env`, and the few the CLI reads itself.
fn environment(r: &mut Roff, cmd: &Command) {
    let mut vars: Vec<(String, String)> = Vec::new();
    fn from_args(cmd: &Command, vars: &mut Vec<(String, String)>) {
        for arg in cmd.get_arguments() {
            if let (Some(env), Some(long)) = (arg.get_env(), arg.get_long()) {
                let env = env.to_string_lossy().into_owned();
                if !vars.iter().any(|(v, _)| *v == env) {
                    vars.push((env, format!("The value of --{long} when it is not given.")));
                }
            }
        }
        for sub in subcommands(cmd) {
            from_args(sub, vars);
        }
    }
    from_args(cmd, &mut vars);
    if has_arg(cmd, "passphrase_file") {
        vars.push((
            super::PASSPHRASE_ENV.into(),
            "The private key's passphrase, when --passphrase-file is not given; else a no-echo prompt asks.".into(),
        ));
    }
    if reads_timeout_env(cmd) {
        vars.push((
            "BYOIP_TIMEOUT".into(),
            "Seconds to wait for a server, when --timeout is not given (default 20).".into(),
        ));
    }
    if has_arg(cmd, "ripestat") {
        vars.push((
            "BYOIP_RIPESTAT_URL".into(),
            "RIPEstat's base URL, when --ripestat=URL is not given (default https://stat.ripe.net).".into(),
        ));
    }
    if has_arg(cmd, "no_cache") {
        vars.push((
            "BYOIP_CACHE_DIR".into(),
            "Where the RDAP bootstrap is cached; else $XDG_CACHE_HOME/byoip, else ~/.cache/byoip."
                .into(),
        ));
    }
    vars.sort();
    vars.push((
        super::clock::VAR.into(),
        "The clock, in UTC (2031-06-01T12:00:00Z, or a date alone): every date is judged as of it instead of the system's time, for tests and for reproducing a run. A set clock is never silent: stderr says so, verdict lines and JSON name it.".into(),
    ));
    vars.push((
        "NO_COLOR, CLICOLOR_FORCE, TERM".into(),
        "Under --color auto: NO_COLOR (not empty) or TERM=dumb turn colour off, CLICOLOR_FORCE (not 0) colours even a pipe.".into(),
    ));
    r.control("SH", ["ENVIRONMENT"]);
    for (var, what) in vars {
        r.control("TP", []);
        r.text([bold(var)]);
        r.text([roman(what)]);
    }
}

/// The files the command reads or writes besides those named on its command line.
fn files(r: &mut Roff, cmd: &Command) {
    let mut files: Vec<(&str, &str)> = Vec::new();
    if has_arg(cmd, "manifest") {
        files.push((
            "byoip.toml",
            "The manifest (in the current directory) that batch and audit read when --manifest is not given.",
        ));
    }
    if has_arg(cmd, "no_cache") {
        files.push((
            "~/.cache/byoip/",
            "The RDAP bootstrap cache (BYOIP_CACHE_DIR or $XDG_CACHE_HOME/byoip when set); --no-cache neither reads nor writes it.",
        ));
    }
    if has_arg(cmd, "resolver") {
        files.push((
            "/etc/resolv.conf",
            "Its first nameserver is the resolver dns-token asks, when --resolver is not given.",
        ));
    }
    if has_arg(cmd, "out") {
        files.push((
            "--out FILE",
            "Written whole or not at all (a temporary file beside it, then renamed); an existing file is kept unless --force. Private keys are written mode 0600.",
        ));
    }
    if files.is_empty() {
        return;
    }
    r.control("SH", ["FILES"]);
    for (file, what) in files {
        r.control("TP", []);
        r.text([italic(file)]);
        r.text([roman(what)]);
    }
}

/// The pages that list the check ids: those of the commands whose reports name them.
fn shows_check_ids(path: &[String]) -> bool {
    matches!(
        path.iter().map(String::as_str).collect::<Vec<_>>()[..],
        ["check"] | ["batch", "check"] | ["audit"]
    )
}

/// Every check id, from the enum that declares them, with what it checks.
fn check_ids(r: &mut Roff) {
    r.control("SH", ["CHECK IDS"]);
    r.text([roman(
        "Every check in a report is named by one of these stable ids (the JSON's id, the JUnit test case's name). A check that does not apply to the cloud is a skip; one that lacks its evidence is left out, never a pass.",
    )]);
    for (id, what) in check_id_rows() {
        r.control("TP", []);
        r.text([bold(id)]);
        r.text([roman(what)]);
    }
}

/// `(id, what it checks)` for every check id: the ids without a parameter, then
/// `roa.as<N>` and `context.<cidr>`.
pub fn check_id_rows() -> Vec<(String, String)> {
    let params = [
        CheckId::Roa(byoip::Asn::new(0)),
        CheckId::Context(String::new()),
    ];
    CheckId::FIXED
        .iter()
        .chain(&params)
        .map(|id| (id.pattern(), id.summary()))
        .collect()
}

/// A few real commands, each with what it does: kept true by a test that parses each.
fn examples_of(path: &[String]) -> &'static [(&'static str, &'static str)] {
    let path = path.join(" ");
    examples::EXAMPLES
        .iter()
        .find(|(page, _)| *page == path)
        .map_or(&[], |(_, rows)| rows)
}

fn examples(r: &mut Roff, path: &[String]) {
    let rows = examples_of(path);
    if rows.is_empty() {
        return;
    }
    r.control("SH", ["EXAMPLES"]);
    for (what, command) in rows {
        if !what.is_empty() {
            r.control("PP", []);
            r.text([roman(*what)]);
        }
        r.control("RS", ["4"]);
        r.control("EX", []);
        r.text([roman(*command)]);
        r.control("EE", []);
        r.control("RE", []);
    }
}

/// byoip(1) lists every page; a subcommand's page names byoip(1) and its parent.
fn see_also(r: &mut Roff, root: &Command, cmd: &Command, path: &[String]) {
    let names: Vec<String> = if path.is_empty() {
        paths(root)
            .into_iter()
            .skip(1)
            .map(|p| format!("byoip-{}", p.join("-")))
            .collect()
    } else {
        let mut names = vec!["byoip".to_string()];
        if path.len() > 1 {
            names.push(format!("byoip-{}", path[..path.len() - 1].join("-")));
        }
        names
            .extend(subcommands(cmd).map(|s| format!("byoip-{}-{}", path.join("-"), s.get_name())));
        names
    };
    r.control("SH", ["SEE ALSO"]);
    let mut line = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        line.push(bold(name.as_str()));
        line.push(roman(format!("({SECTION})")));
    }
    r.text(line);
}

/// Writes every page into `dir` (`byoip.1`, `byoip-check.1`, …); an existing page is
/// replaced only with `force`. Returns the file names written.
pub fn write_all(root: &Command, dir: &Path, force: bool) -> Result<Vec<String>, CliError> {
    let pages = paths(root)
        .iter()
        .map(|path| page(root, path))
        .collect::<Result<Vec<_>, _>>()?;
    // Refused before anything is written, so that a refusal leaves no mix of old and new.
    if let Some((_, file)) = pages
        .iter()
        .find(|(_, file)| !force && std::fs::symlink_metadata(dir.join(file)).is_ok())
    {
        return Err(CliError::input(
            format!("{:?} already exists", dir.join(file).display()),
            "pass --force to replace the pages in --dir, or choose another --dir",
        ));
    }
    let mut written = Vec::new();
    for (text, file) in pages {
        super::write_atomic(&dir.join(&file), text.as_bytes(), 0o644, force)?;
        written.push(file);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn root() -> Command {
        let mut root = super::super::Cli::command();
        root.build();
        root
    }

    fn all_pages() -> Vec<(Vec<String>, String)> {
        let root = root();
        paths(&root)
            .into_iter()
            .map(|p| {
                let page = page(&root, &p).map(|(text, _)| text);
                (p, page.unwrap_or_else(|e| panic!("{}", e.line())))
            })
            .collect()
    }

    /// The text of a page's section, roff's font changes and escaped hyphens undone.
    fn section(page: &str, name: &str) -> String {
        let start = page
            .find(&format!(".SH {name}\n"))
            .or_else(|| page.find(&format!(".SH \"{name}\"\n")))
            .unwrap_or_else(|| panic!("no {name} in:\n{page}"));
        let rest = &page[start + 4..];
        let end = rest.find("\n.SH ").map_or(rest.len(), |i| i + 1);
        rest[..end]
            .replace("\\fB", "")
            .replace("\\fI", "")
            .replace("\\fR", "")
            .replace("\\-", "-")
    }

    #[test]
    fn every_command_has_a_page_with_every_section() {
        let pages = all_pages();
        // byoip, its subcommands, and those of batch, dns-token and rdap.
        assert!(pages.len() >= 20, "{}", pages.len());
        for (path, page) in &pages {
            for name in [
                "NAME",
                "SYNOPSIS",
                "DESCRIPTION",
                "OPTIONS",
                "EXIT STATUS",
                "ENVIRONMENT",
                "EXAMPLES",
                "SEE ALSO",
            ] {
                section(page, name);
            }
            assert!(
                !examples_of(path).is_empty(),
                "byoip {path:?} has no examples"
            );
        }
    }

    /// Each page through groff's man macros with every warning on, when groff is installed
    /// (CI's image has it; -k: through preconv, as man(1) reads them): a page man(1) would
    /// show with a warning fails here.
    #[test]
    fn every_page_renders_without_a_warning() {
        let Ok(probe) = std::process::Command::new("groff")
            .arg("--version")
            .output()
        else {
            return;
        };
        assert!(probe.status.success());
        for (path, page) in all_pages() {
            let mut child = std::process::Command::new("groff")
                .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
                .stdin(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("groff: {e}"));
            use std::io::Write as _;
            let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("no stdin"));
            stdin
                .write_all(page.as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
            drop(stdin);
            let o = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(
                o.status.success() && err.is_empty(),
                "byoip {path:?}: {err}"
            );
        }
    }

    #[test]
    fn the_check_id_table_lists_every_id_of_the_enum() {
        let pages = all_pages();
        let with_table: Vec<_> = pages.iter().filter(|(p, _)| shows_check_ids(p)).collect();
        assert_eq!(with_table.len(), 3, "check, batch check and audit");
        for (path, page) in with_table {
            let table = section(page, "CHECK IDS");
            let ids: Vec<String> = CheckId::FIXED
                .iter()
                .map(ToString::to_string)
                .chain(["roa.as<N>".into(), "context.<cidr>".into()])
                .collect();
            for id in ids {
                assert!(
                    table.lines().any(|l| l == id),
                    "byoip {path:?}: {id} is not in the table:\n{table}"
                );
            }
        }
        for (id, what) in check_id_rows() {
            assert!(
                what.len() > 5 && !what.contains("src/") && !what.contains('`'),
                "{id}: {what:?}"
            );
        }
    }

    #[test]
    fn the_synopsis_shows_each_option_with_its_value() {
        let pages = all_pages();
        let page = |p: &[&str]| {
            let p: Vec<String> = p.iter().map(|s| s.to_string()).collect();
            &pages
                .iter()
                .find(|(path, _)| *path == p)
                .unwrap_or_else(|| panic!("{p:?}"))
                .1
        };
        let check = section(page(&["check"]), "SYNOPSIS");
        for shown in [
            "byoip check ",
            "(--cidr CIDR | --asn ASN)",
            "[--cert FILE|TEXT]",
            "[--rdap-file FILE]...",
            "[--ripestat[=URL]]",
            "[--offline]",
            "[--color WHEN]",
        ] {
            assert!(check.contains(shown), "{shown} not in:\n{check}");
        }
        assert!(!check.contains("--help"), "{check}");
        let message = section(page(&["message"]), "SYNOPSIS");
        assert!(
            message.contains("(--account ID | --subscription GUID)"),
            "{message}"
        );
        let man = section(page(&["man"]), "SYNOPSIS");
        assert!(man.contains("[SUBCOMMAND]..."), "{man}");
        let batch = section(page(&["batch"]), "SYNOPSIS");
        assert!(batch.contains("COMMAND"), "{batch}");
    }

    /// `sh`'s words for the simple commands the examples are: quotes, no expansion.
    fn words(command: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut word: Option<String> = None;
        let mut quote = None;
        for c in command.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), c) => word.get_or_insert_with(String::new).push(c),
                (None, '\'' | '"') => {
                    quote = Some(c);
                    word.get_or_insert_with(String::new);
                }
                (None, ' ') => words.extend(word.take()),
                (None, c) => word.get_or_insert_with(String::new).push(c),
            }
        }
        assert!(quote.is_none(), "unclosed quote in {command}");
        words.extend(word);
        words
    }

    #[test]
    fn every_example_is_a_command_byoip_accepts() {
        let root = root();
        for path in paths(&root) {
            for (_, command) in examples_of(&path) {
                let args = words(command);
                assert_eq!(args[0], "byoip", "{command}");
                if let Err(e) = root.clone().try_get_matches_from(&args) {
                    panic!("byoip {path:?}: `{command}` does not parse: {e}");
                }
            }
        }
    }

    /// Every `BYOIP_…` variable the CLI's source names is on byoip(1).
    #[test]
    fn byoip_1_lists_every_environment_variable_the_cli_reads() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut vars = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for (i, _) in text.match_indices("\"BYOIP_") {
                let name: String = text[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_uppercase() || *c == '_')
                    .collect();
                if name.len() > "BYOIP_".len() {
                    vars.insert(name);
                }
            }
        }
        assert!(vars.contains("BYOIP_NOW") && vars.len() >= 8, "{vars:?}");
        let pages = all_pages();
        let env = section(&pages[0].1, "ENVIRONMENT");
        for var in vars {
            assert!(
                env.contains(&var),
                "{var} is not in byoip(1)'s ENVIRONMENT:\n{env}"
            );
        }
    }

    #[test]
    fn man_dir_writes_every_page_and_keeps_existing_ones_without_force() {
        let root = root();
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let written =
            write_all(&root, dir.path(), false).unwrap_or_else(|e| panic!("{}", e.line()));
        assert_eq!(written.len(), paths(&root).len());
        for file in [
            "byoip.1",
            "byoip-check.1",
            "byoip-batch-sign.1",
            "byoip-dns-token-check.1",
        ] {
            let text = std::fs::read_to_string(dir.path().join(file))
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            assert!(text.contains(".SH NAME"), "{file}");
        }
        assert!(write_all(&root, dir.path(), false).is_err());
        write_all(&root, dir.path(), true).unwrap_or_else(|e| panic!("{}", e.line()));
    }
}
