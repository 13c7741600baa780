//! The token AWS issues (`CreateIpamExternalResourceVerificationToken`), as given or as
//! `describe-ipam-external-resource-verification-tokens` prints it, and what a usable one
//! holds.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::Error;

/// An IPAM external resource verification token: the name and value to publish. Built by
/// [`Token::new`] or [`Token::from_aws_json`], which check the name and value, and read
/// through its accessors, so a token in hand always has a usable name and value.
///
/// ```
/// let token = byoip::dnstoken::Token::new("ipam-ext-res-ver-token-0123456789abcdef", "value")?;
/// assert_eq!(token.name(), "ipam-ext-res-ver-token-0123456789abcdef");
/// # Ok::<(), byoip::Error>(())
/// ```
///
/// Its fields cannot be set from outside, so a name that is no DNS label cannot slip in:
///
/// ```compile_fail
/// let mut token = byoip::dnstoken::Token::new("ipam-ext-res-ver-token-0123456789abcdef", "value")?;
/// token.name = "not a label".to_string();
/// # Ok::<(), byoip::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Token {
    /// `IpamExternalResourceVerificationTokenId` (`ipam-ext-res-ver-token-…`), when known.
    pub(crate) id: Option<String>,
    /// `IpamId`, when known.
    pub(crate) ipam_id: Option<String>,
    /// `TokenName`: the first label of every record name.
    pub(crate) name: String,
    /// `TokenValue`: the TXT value.
    pub(crate) value: String,
    /// `NotAfter`: when the token stops being accepted.
    pub(crate) not_after: Option<DateTime<Utc>>,
    /// `Status`: `valid` or `expired`.
    pub(crate) status: Option<String>,
    /// `State`: `create-complete`, `delete-in-progress`, …
    pub(crate) state: Option<String>,
}

impl Token {
    /// `IpamExternalResourceVerificationTokenId` (`ipam-ext-res-ver-token-…`), when known.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The token with its `IpamExternalResourceVerificationTokenId` set (a token built from
    /// its name and value knows none): what the provisioning command names.
    pub fn with_id(mut self, id: Option<String>) -> Self {
        self.id = id;
        self
    }

    /// `IpamId`, when known.
    pub fn ipam_id(&self) -> Option<&str> {
        self.ipam_id.as_deref()
    }

    /// `TokenName`: the first label of every record name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `TokenValue`: the TXT value.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// `NotAfter`: when the token stops being accepted, when known.
    pub fn not_after(&self) -> Option<DateTime<Utc>> {
        self.not_after
    }

    /// `Status` (`valid` or `expired`), when known.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// `State` (`create-complete`, `delete-in-progress`, …), when known.
    pub fn state(&self) -> Option<&str> {
        self.state.as_deref()
    }

    /// A token from its name and value alone (typed by hand, or from the console).
    pub fn new(name: &str, value: &str) -> Result<Token, Error> {
        check_text("token name", name, 63, true)?;
        check_text("token value", value, 255, false)?;
        Ok(Token {
            id: None,
            ipam_id: None,
            name: name.to_string(),
            value: value.to_string(),
            not_after: None,
            status: None,
            state: None,
        })
    }

    /// Reads the JSON that `aws ec2 create-ipam-external-resource-verification-token`
    /// prints (`{"IpamExternalResourceVerificationToken": {…}}`), the list that
    /// `describe-ipam-external-resource-verification-tokens` prints
    /// (`{"IpamExternalResourceVerificationTokens": […]}`), or one token object alone.
    /// `token_id` chooses from a list, and must match a single token if given.
    pub fn from_aws_json(bytes: &[u8], token_id: Option<&str>) -> Result<Token, Error> {
        let doc: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
            Error::Token {
                reason: "the token file is not JSON".into(),
                hint: "give the JSON that `aws ec2 create-ipam-external-resource-verification-token` prints".into(),
                remedies: Box::default(),
                source: crate::error::cause(e),
            }
        })?;
        let objects: Vec<&serde_json::Value> = if let Some(one) =
            doc.get("IpamExternalResourceVerificationToken")
        {
            vec![one]
        } else if let Some(list) = doc.get("IpamExternalResourceVerificationTokens") {
            list.as_array()
                    .ok_or_else(|| {
                        token_error(
                            "IpamExternalResourceVerificationTokens is not a list",
                            "give the JSON that `aws ec2 describe-ipam-external-resource-verification-tokens` prints",
                        )
                    })?
                    .iter()
                    .collect()
        } else if doc.get("TokenName").is_some() {
            vec![&doc]
        } else {
            return Err(token_error(
                "the token file has no IpamExternalResourceVerificationToken (not the JSON AWS prints)",
                "give the output of `aws ec2 create-ipam-external-resource-verification-token --ipam-id …` (or of describe-ipam-external-resource-verification-tokens)",
            ));
        };
        let tokens = objects
            .into_iter()
            .map(token_from_object)
            .collect::<Result<Vec<_>, _>>()?;
        let ids = || {
            tokens
                .iter()
                .map(|t| t.id.as_deref().unwrap_or("(no id)"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match token_id {
            Some(want) => tokens
                .iter()
                .find(|t| t.id.as_deref() == Some(want))
                .cloned()
                .ok_or_else(|| {
                    token_error(
                        format!("the token file has no token {want:?} (it has: {})", ids()),
                        "check the token ID asked for against the file's IpamExternalResourceVerificationTokenId values",
                    ).with_remedies([crate::error::Remedy::Give(crate::error::Input::TokenId)])
                }),
            None => match tokens.as_slice() {
                [one] => Ok(one.clone()),
                [] => Err(token_error(
                    "the token file lists no tokens",
                    "create one with `aws ec2 create-ipam-external-resource-verification-token --ipam-id …`",
                )),
                _ => Err(token_error(
                    format!("the token file lists {} tokens: {}", tokens.len(), ids()),
                    "choose one by its token ID",
                ).with_remedies([crate::error::Remedy::Give(crate::error::Input::TokenId)])),
            },
        }
    }
}

fn token_error(reason: impl Into<String>, hint: impl Into<String>) -> Error {
    Error::Token {
        reason: reason.into(),
        hint: hint.into(),
        remedies: Box::default(),
        source: None,
    }
}

fn token_from_object(v: &serde_json::Value) -> Result<Token, Error> {
    let shape = "give the JSON that `aws ec2 create-ipam-external-resource-verification-token` prints, unedited";
    if !v.is_object() {
        return Err(token_error("a token is not a JSON object", shape));
    }
    let text = |key: &str, required: bool| -> Result<Option<String>, Error> {
        match v.get(key) {
            None | Some(serde_json::Value::Null) if !required => Ok(None),
            None | Some(serde_json::Value::Null) => {
                Err(token_error(format!("the token has no {key}"), shape))
            }
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(token_error(
                format!("the token's {key} is not a string: {other}"),
                shape,
            )),
        }
    };
    let name = text("TokenName", true)?.unwrap_or_default();
    let value = text("TokenValue", true)?.unwrap_or_default();
    let mut token = Token::new(&name, &value)?;
    token.id = text("IpamExternalResourceVerificationTokenId", false)?;
    token.ipam_id = text("IpamId", false)?;
    token.status = text("Status", false)?;
    token.state = text("State", false)?;
    token.not_after = match text("NotAfter", false)? {
        None => None,
        Some(s) => Some(
            DateTime::parse_from_rfc3339(&s)
                .map_err(|e| Error::Token {
                    reason: format!("the token's NotAfter {s:?} is not a date and time"),
                    hint: shape.into(),
                    remedies: Box::default(),
                    source: crate::error::cause(e),
                })?
                .with_timezone(&Utc),
        ),
    };
    Ok(token)
}

/// Refuses what cannot be one DNS label (`label`) or one TXT character-string: empty,
/// too long, spaces, quotes (ASCII or typographic), control and non-ASCII characters.
/// Quotes are the pitfall: pasted from a page that prints “value”, they become part of it.
fn check_text(what: &str, s: &str, max: usize, label: bool) -> Result<(), Error> {
    let bad = |reason: String, hint: &str| token_error(format!("{what} {s:?} {reason}"), hint);
    if s.is_empty() {
        return Err(bad("is empty".into(), "copy it from the token AWS created"));
    }
    if s.len() > max {
        return Err(bad(
            format!("is {} bytes, over the {max}-byte limit", s.len()),
            "copy it from the token AWS created",
        ));
    }
    if let Some(c) = s.chars().find(|c| {
        matches!(
            c,
            '"' | '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}'
        )
    }) {
        return Err(bad(
            format!("contains a quote ({c:?}, U+{:04X})", u32::from(c)),
            "give the bare value, without quotes: it is quoted where a format needs quotes",
        ));
    }
    if let Some(c) = s.chars().find(|c| c.is_whitespace()) {
        return Err(bad(
            format!("contains whitespace (U+{:04X})", u32::from(c)),
            "remove the spaces: AWS's token names and values have none",
        ));
    }
    if let Some(c) = s.chars().find(|c| !c.is_ascii_graphic()) {
        return Err(bad(
            format!(
                "contains {c:?} (U+{:04X}), not printable ASCII",
                u32::from(c)
            ),
            "copy it from the token AWS created",
        ));
    }
    if label
        && let Some(c) = s
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(bad(
            format!("contains {c:?}, which cannot be part of one DNS label"),
            "give the TokenName exactly as AWS printed it (letters, digits, hyphens)",
        ));
    }
    if !label && s.contains('\\') {
        return Err(bad(
            "contains a backslash".into(),
            "give the TokenValue exactly as AWS printed it",
        ));
    }
    Ok(())
}
