//! Counted nouns for messages: `1 day`, `2 days`, never `day(s)` or `1 days`.

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

#[cfg(test)]
mod tests {
    use super::*;

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
