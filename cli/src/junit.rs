//! The JUnit XML report of `byoip batch check --junit`, the format CI systems read (the
//! de-facto schema of Ant's JUnit task and Jenkins' JUnit plugin: `testsuites` >
//! `testsuite` > `testcase` with `failure`, `error`, `skipped` and `system-out`).

use std::fmt::Write as _;

use byoip::check::{Check, Report, Status};

/// What a report is about: its prefix, or `AS<n>` for an `[[asn]]` entry.
pub fn report_name(r: &Report) -> String {
    match r.asn {
        Some(a) if r.cidr.is_empty() => format!("AS{a}"),
        _ => r.cidr.clone(),
    }
}

/// `s` as XML attribute or text content: the five predefined entities escaped, control
/// characters XML 1.0 does not allow (all but tab and line feed) replaced by a space.
fn xml(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '&' => "&amp;".into(),
            '<' => "&lt;".into(),
            '>' => "&gt;".into(),
            '"' => "&quot;".into(),
            '\'' => "&apos;".into(),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t') => " ".into(),
            c => c.to_string(),
        })
        .collect()
}

/// How JUnit counts a check: a failure, an error (it did not run, or was left out for
/// want of evidence: either way the report is not ready, and a CI dashboard must not count
/// it as passing), skipped (by rule), or passed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Failure,
    Error,
    Skipped,
    Passed,
}

fn kind(c: &Check) -> Kind {
    match c.status {
        Status::Fail => Kind::Failure,
        Status::NotRun => Kind::Error,
        _ if c.is_left_out() => Kind::Error,
        Status::Skip => Kind::Skipped,
        _ => Kind::Passed,
    }
}

/// JUnit XML for the reports of `byoip batch check <title>`: a suite per prefix, a case
/// per check; fail → `<failure>`, not-run → `<error type="not-run">` (the check could not
/// be made), left out for want of evidence → `<error type="left-out">` (it was not made,
/// and the report is not ready), skip by rule → `<skipped>`, warn → passes with the
/// warning in `<system-out>`. The warnings about signed contexts for no prefix
/// (`orphans`) are a last suite, `contexts`. `now`, the time `BYOIP_NOW` set the clock to,
/// is each suite's property `byoip.now`, so a CI artefact judged on a set clock says so;
/// on the system's clock there is no such property.
pub fn junit(reports: &[Report], orphans: &[Check], title: &str, now: Option<&str>) -> String {
    let mut suites: Vec<(String, &[Check])> = reports
        .iter()
        .map(|r| (report_name(r), r.checks.as_slice()))
        .collect();
    if !orphans.is_empty() {
        suites.push(("contexts".into(), orphans));
    }
    let count =
        |checks: &mut dyn Iterator<Item = &Check>, k: Kind| checks.filter(|c| kind(c) == k).count();
    let all = |k: Kind| count(&mut suites.iter().flat_map(|(_, checks)| checks.iter()), k);
    let total: usize = suites.iter().map(|(_, checks)| checks.len()).sum();
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"byoip batch check {}\" tests=\"{total}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
        xml(title),
        all(Kind::Failure),
        all(Kind::Error),
        all(Kind::Skipped)
    );
    for (name, checks) in &suites {
        let mine = |k: Kind| count(&mut checks.iter(), k);
        let _ = writeln!(
            x,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
            xml(name),
            checks.len(),
            mine(Kind::Failure),
            mine(Kind::Error),
            mine(Kind::Skipped)
        );
        if let Some(t) = now {
            let _ = writeln!(
                x,
                "    <properties>\n      <property name=\"byoip.now\" value=\"{}\"/>\n    </properties>",
                xml(t)
            );
        }
        for c in checks.iter() {
            let _ = write!(
                x,
                "    <testcase classname=\"{}\" name=\"{}\"",
                xml(name),
                xml(&c.id.to_string())
            );
            let hint = c.hint.as_deref().unwrap_or("");
            match c.status {
                Status::Pass => x.push_str("/>\n"),
                Status::Fail => {
                    let _ = write!(
                        x,
                        ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                        xml(&c.message),
                        xml(&format!(
                            "{}\nhint: {hint}\n{}",
                            c.message,
                            c.details.join("\n")
                        ))
                    );
                }
                Status::Skip if c.is_left_out() => {
                    let _ = write!(
                        x,
                        ">\n      <error type=\"left-out\" message=\"{}\">{}</error>\n    </testcase>\n",
                        xml(&c.message),
                        xml(&format!("left out: {}", c.message))
                    );
                }
                Status::Skip => {
                    let _ = write!(
                        x,
                        ">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                        xml(&c.message)
                    );
                }
                Status::NotRun => {
                    let _ = write!(
                        x,
                        ">\n      <error type=\"not-run\" message=\"{}\">{}</error>\n    </testcase>\n",
                        xml(&c.message),
                        xml(&format!("not run: {}", c.message))
                    );
                }
                _ => {
                    let _ = write!(
                        x,
                        ">\n      <system-out>warning: {}\nhint: {}</system-out>\n    </testcase>\n",
                        xml(&c.message),
                        xml(hint)
                    );
                }
            }
        }
        x.push_str("  </testsuite>\n");
    }
    x.push_str("</testsuites>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            xml("a<b>&\"c\"'d'\u{1}\te\n"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos; \te\n"
        );
    }
}
