//! Counted nouns for the command's words (`1 day`, `2 days`, never `day(s)` or `1 days`),
//! as the library writes its own (its private `text` module).

use std::fmt::Display;

/// `n` followed by `one` when `n` is 1 (or -1), else by `many`: `plural(1, "day", "days")`
/// is `1 day`, `plural(0, "problem", "problems")` is `0 problems`.
pub(crate) fn plural(n: impl Display, one: &str, many: &str) -> String {
    let n = n.to_string();
    let word = if n == "1" || n == "-1" { one } else { many };
    format!("{n} {word}")
}

/// Days, the most common count: `1 day`, `30 days`.
pub(crate) fn days(n: impl Display) -> String {
    plural(n, "day", "days")
}

/// `items` as a sentence lists them: `a`, `a and b`, `a, b and c`.
pub(crate) fn and_list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_joins_its_last_item_with_and() {
        let l = |v: &[&str]| and_list(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(l(&[]), "");
        assert_eq!(l(&["a"]), "a");
        assert_eq!(l(&["a", "b"]), "a and b");
        assert_eq!(l(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn one_is_singular_everything_else_plural() {
        assert_eq!(days(1), "1 day");
        assert_eq!(days(-1), "-1 day");
        assert_eq!(days(0), "0 days");
        assert_eq!(days(21_i64), "21 days");
        assert_eq!(plural(1_usize, "problem", "problems"), "1 problem");
        assert_eq!(plural(11, "problem", "problems"), "11 problems");
        assert_eq!(plural(2_usize, "prefix", "prefixes"), "2 prefixes");
    }
}
