//! The `--cidr-authorization-context` value: `Message="…",Signature="…"`.
//!
//! The AWS CLI shorthand syntax
//! (<https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-shorthand.html>; EC2, IPAM
//! and GA all take it), or its JSON form `{"Message": "…", "Signature": "…"}`. Parsing is
//! lenient about what users paste around it (the option name, shell quotes); the message
//! inside is kept byte for byte.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{error::Error, signature_text::SignatureText};

/// Largest context accepted (a 4096-bit signature is 684 characters).
pub const MAX_CONTEXT_BYTES: usize = 16 * 1024;

/// The two values AWS takes, as text. Deserializing goes through the same rules as
/// [`AuthorizationContext::parse`] (no empty value), so no context skips them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawContext")]
pub struct AuthorizationContext {
    /// The message, exactly as it will be sent.
    #[serde(rename = "Message", alias = "message")]
    pub message: String,
    /// The signature text, exactly as it will be sent.
    #[serde(rename = "Signature", alias = "signature")]
    pub signature: SignatureText,
}

/// The JSON form as written, before [`AuthorizationContext::checked`].
#[derive(Deserialize)]
struct RawContext {
    #[serde(rename = "Message", alias = "message")]
    message: String,
    #[serde(rename = "Signature", alias = "signature")]
    signature: String,
}

impl TryFrom<RawContext> for AuthorizationContext {
    type Error = Error;
    fn try_from(raw: RawContext) -> Result<Self, Error> {
        AuthorizationContext::checked(raw.message, raw.signature)
    }
}

impl fmt::Display for AuthorizationContext {
    /// The shorthand AWS's documentation shows, safe to paste into a shell: the message's
    /// and the signature's alphabets hold no `"`, `$`, backquote or backslash.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Message=\"{}\",Signature=\"{}\"",
            self.message, self.signature
        )
    }
}

impl AuthorizationContext {
    /// Reads the shorthand or JSON form.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let bad = |reason: &str| Error::Context {
            reason: reason.into(),
            source: None,
        };
        if text.len() > MAX_CONTEXT_BYTES {
            return Err(Error::TooLarge {
                what: "authorization context",
                size: text.len(),
                limit: MAX_CONTEXT_BYTES,
            });
        }
        let mut t = text.trim();
        if let Some(rest) = t
            .strip_prefix("--cidr-authorization-context")
            .or_else(|| t.strip_prefix("--asn-authorization-context"))
        {
            t = rest.trim_start_matches('=').trim();
        }
        if t.len() >= 2 && t.starts_with('\'') && t.ends_with('\'') {
            t = &t[1..t.len() - 1];
        }
        if t.starts_with('{') {
            let c: RawContext = serde_json::from_str(t).map_err(|e| Error::Context {
                reason: "JSON form".into(),
                source: crate::error::cause(e),
            })?;
            return AuthorizationContext::checked(c.message, c.signature);
        }
        let lower = t.to_ascii_lowercase();
        if !lower.starts_with("message=") {
            return Err(bad("it does not start with Message="));
        }
        let sig_at = lower
            .rfind("signature=")
            .ok_or_else(|| bad("there is no Signature= part"))?;
        let head = t[..sig_at].trim_end();
        let head = head
            .strip_suffix(',')
            .ok_or_else(|| bad("Message and Signature must be separated by a comma"))?;
        let message = unquote(&head["message=".len()..]);
        let signature = unquote(t[sig_at + "signature=".len()..].trim());
        AuthorizationContext::checked(message.into(), signature.into())
    }

    /// The rules both forms share (found by the `context` fuzz target: the JSON form once
    /// let empty values through that the shorthand refused).
    fn checked(message: String, signature: String) -> Result<Self, Error> {
        let bad = |reason: &str| Error::Context {
            reason: reason.into(),
            source: None,
        };
        if message.is_empty() {
            return Err(bad("the Message value is empty"));
        }
        if signature.is_empty() {
            return Err(bad("the Signature value is empty"));
        }
        Ok(AuthorizationContext {
            message,
            signature: signature.into(),
        })
    }
}

fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: &str = "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS";

    #[test]
    fn deserializing_applies_the_same_rules_as_parse() {
        let ok: AuthorizationContext =
            serde_json::from_str(&format!(r#"{{"Message": "{M}", "Signature": "abc"}}"#)).unwrap();
        assert_eq!((ok.message.as_str(), ok.signature.as_str()), (M, "abc"));
        for t in [
            r#"{"Message": "", "Signature": "abc"}"#,
            r#"{"message": "1|aws", "signature": ""}"#,
        ] {
            let e = serde_json::from_str::<AuthorizationContext>(t).unwrap_err();
            assert!(e.to_string().contains("value is empty"), "{t}: {e}");
        }
    }

    #[test]
    fn both_forms_refuse_empty_values() {
        // Regression: fuzz/artifacts/context crash-f9b22d21 (the JSON form accepted them).
        for t in [
            r#" {"Message":"","signature":"abc~_-"} "#,
            r#"{"Message":"1|aws","Signature":""}"#,
            "Message=\"\",Signature=\"abc\"",
            "Message=\"1|aws\",Signature=\"\"",
        ] {
            let e = AuthorizationContext::parse(t).unwrap_err().to_string();
            assert!(e.contains("is empty"), "{t}: {e}");
        }
    }

    #[test]
    fn shorthand_round_trips() {
        let c = AuthorizationContext {
            message: M.into(),
            signature: "abc__".into(),
        };
        assert_eq!(AuthorizationContext::parse(&c.to_string()).unwrap(), c);
    }

    #[test]
    fn pasted_forms_are_read() {
        for t in [
            format!("Message={M},Signature=abc__"),
            format!("--cidr-authorization-context Message=\"{M}\",Signature=\"abc__\""),
            format!("'Message=\"{M}\",Signature=\"abc__\"'"),
            format!("{{\"Message\": \"{M}\", \"Signature\": \"abc__\"}}"),
        ] {
            let c = AuthorizationContext::parse(&t).unwrap();
            assert_eq!(
                (c.message.as_str(), c.signature.as_str()),
                (M, "abc__"),
                "{t}"
            );
        }
    }

    #[test]
    fn malformed_contexts_are_refused() {
        for t in [
            "",
            "Signature=x",
            "Message=x",
            "Message=,Signature=x",
            "Message=x Signature=y",
            "{",
            "Message=x,Signature=",
        ] {
            assert!(AuthorizationContext::parse(t).is_err(), "{t:?}");
        }
    }

    #[test]
    fn contexts_up_to_16_kib_are_read_and_longer_ones_refused_as_too_large() {
        let head = format!("Message={M},Signature=");
        let fits = format!("{head}{}", "A".repeat(MAX_CONTEXT_BYTES - head.len()));
        assert_eq!(fits.len(), 16 * 1024);
        assert!(AuthorizationContext::parse(&fits).is_ok());
        let over = format!("{fits}A");
        assert!(matches!(
            AuthorizationContext::parse(&over),
            Err(Error::TooLarge {
                size: 16385,
                limit: 16384,
                ..
            })
        ));
    }

    #[test]
    fn a_lone_quote_is_text_not_a_pair_of_quotes() {
        for t in ["'", "\""] {
            assert!(AuthorizationContext::parse(t).is_err(), "{t:?}");
        }
        // The signature's alphabet is verify's business: a lone quote is kept as given.
        let c = AuthorizationContext::parse("Message=x,Signature='").unwrap();
        assert_eq!(c.signature, "'");
        assert_eq!(unquote("\""), "\"");
        assert_eq!(unquote("abc'"), "abc'");
        assert_eq!(unquote("'abc"), "'abc");
        assert_eq!(unquote("'abc'"), "abc");
        assert_eq!(unquote("\"\""), "");
    }
}
