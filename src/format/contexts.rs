//! The file of signed contexts that `byoip batch sign` writes and `batch verify` and
//! `audit` read (JSON or CSV, [`read_contexts`]): public, since a program that verifies or
//! deploys those contexts reads the same file.

use serde::{Deserialize, Serialize};

use crate::{context::AuthorizationContext, error::Error, signature_text::SignatureText};

/// One signed context of a contexts file: the message and signature as `batch sign`
/// writes them (JSON or CSV), or only the AWS CLI's `Message="…",Signature="…"`. Either way
/// it holds a message and a signature; an entry with neither is no record but an
/// [`UnusableEntry`].
///
/// Its JSON form is an object of optional `cidr`, `message`, `signature` and `context`
/// (other keys, such as the `account` `batch sign` adds, are ignored): `message` and
/// `signature` together make [`ContextRecord::Fields`], and any `context` beside them is
/// kept as written but not read again; else `context` alone makes
/// [`ContextRecord::Context`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawRecord", into = "RawRecord")]
#[non_exhaustive]
pub enum ContextRecord {
    /// `message` and `signature` as their own fields.
    Fields {
        /// The prefix (or ASN) it is for, when the entry names it.
        cidr: Option<String>,
        /// The message, exactly as signed.
        message: String,
        /// The signature text, as given.
        signature: SignatureText,
        /// The AWS CLI form written beside them (AWS's entries), as written.
        context: Option<String>,
    },
    /// Only `context`, read into its message and signature.
    Context {
        /// The prefix (or ASN) it is for, when the entry names it.
        cidr: Option<String>,
        /// The context.
        context: AuthorizationContext,
    },
}

/// An entry of a contexts file that is no signed context (no message and signature, or a
/// `context` that does not parse), kept so that it is reported, never dropped.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct UnusableEntry {
    /// The entry's `cidr`, when it has one.
    pub cidr: Option<String>,
    /// Why it cannot be used (boxed: an entry is a `Result`, and its error side is kept
    /// as small as its record).
    pub error: Box<Error>,
}

/// One entry of a contexts file: a record, or why it is not one.
pub type ContextEntry = Result<ContextRecord, UnusableEntry>;

/// The JSON object as written: every key optional.
#[derive(Serialize, Deserialize)]
struct RawRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cidr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signature: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    context: Option<String>,
}

impl RawRecord {
    fn record(self) -> ContextEntry {
        let unusable = |cidr, error| {
            Err(UnusableEntry {
                cidr,
                error: Box::new(error),
            })
        };
        match self {
            RawRecord {
                cidr,
                message: Some(message),
                signature: Some(signature),
                context,
            } => Ok(ContextRecord::Fields {
                cidr,
                message,
                signature: signature.into(),
                context,
            }),
            RawRecord {
                cidr,
                context: Some(c),
                ..
            } => match AuthorizationContext::parse(&c) {
                Ok(context) => Ok(ContextRecord::Context { cidr, context }),
                Err(e) => unusable(cidr, e),
            },
            RawRecord { cidr, .. } => unusable(
                cidr,
                Error::Context {
                    reason: "an entry has neither \"message\" and \"signature\" nor \"context\""
                        .into(),
                    source: None,
                },
            ),
        }
    }
}

impl TryFrom<RawRecord> for ContextRecord {
    type Error = Error;
    fn try_from(raw: RawRecord) -> Result<Self, Error> {
        raw.record().map_err(|u| *u.error)
    }
}

impl From<ContextRecord> for RawRecord {
    fn from(r: ContextRecord) -> Self {
        match r {
            ContextRecord::Fields {
                cidr,
                message,
                signature,
                context,
            } => RawRecord {
                cidr,
                message: Some(message),
                signature: Some(signature.into_string()),
                context,
            },
            ContextRecord::Context { cidr, context } => RawRecord {
                cidr,
                message: None,
                signature: None,
                context: Some(context.to_string()),
            },
        }
    }
}

impl ContextRecord {
    /// The entry's `cidr`, when it names one.
    pub fn cidr(&self) -> Option<&str> {
        match self {
            ContextRecord::Fields { cidr, .. } | ContextRecord::Context { cidr, .. } => {
                cidr.as_deref()
            }
        }
    }

    /// The message, exactly as signed.
    pub fn message(&self) -> &str {
        match self {
            ContextRecord::Fields { message, .. } => message,
            ContextRecord::Context { context, .. } => &context.message,
        }
    }

    /// The signature text, as given.
    pub fn signature(&self) -> &SignatureText {
        match self {
            ContextRecord::Fields { signature, .. } => signature,
            ContextRecord::Context { context, .. } => &context.signature,
        }
    }

    /// The prefix the entry is for: its `cidr`, else the CIDR (or ASN) field of its message
    /// (AWS's form or Azure's).
    pub fn cidr_or_message(&self) -> Option<String> {
        self.cidr().map(str::to_string).or_else(|| {
            crate::message::Fields::lenient(self.message())
                .resource()
                .map(str::to_string)
        })
    }

    /// What reports name the entry by (its check is `context.<label>`): the prefix of
    /// [`ContextRecord::cidr_or_message`] as written, an ASN as `AS<n>` (a BYOASN context),
    /// `?` when it names neither.
    pub fn label(&self) -> String {
        match self.cidr_or_message() {
            Some(asn) if crate::asn::looks_like_asn(&asn) => {
                let digits = asn
                    .strip_prefix("AS")
                    .or_else(|| asn.strip_prefix("as"))
                    .unwrap_or(&asn);
                format!("AS{digits}")
            }
            Some(cidr) => cidr,
            None => "?".into(),
        }
    }
}

/// Reads a contexts file, in either form `batch sign` writes: JSON (a list of
/// [`ContextRecord`]s, or `{"contexts": [...]}`) or CSV with the header
/// `cidr,message,signature`. A file with no entry in it is an error: verifying nothing
/// proves nothing. An entry that holds no signed context is an [`UnusableEntry`] in its
/// place, for the caller to report.
pub fn read_contexts(bytes: &[u8], what: &str) -> Result<Vec<ContextEntry>, Error> {
    let text = String::from_utf8_lossy(bytes);
    let first = text.trim_start().chars().next();
    let list = match first {
        Some('[' | '{') => read_json(bytes, what)?,
        Some(_) => read_csv(&text, what)?,
        None => Vec::new(),
    };
    if list.is_empty() {
        return Err(Error::Document {
            kind: Some(crate::error::Document::Contexts),
            what: what.to_string(),
            reason: "it holds no context".into(),
            hint: "give the contexts file a batch signing wrote (JSON or CSV)".into(),
            remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::Contexts)]),
            source: None,
        });
    }
    Ok(list)
}

fn read_json(bytes: &[u8], what: &str) -> Result<Vec<ContextEntry>, Error> {
    // Each entry is read as written, then judged on its own: one unusable entry is
    // reported with its `cidr`, not a failure of the whole file.
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Doc {
        List(Vec<RawRecord>),
        Wrapped { contexts: Vec<RawRecord> },
    }
    let doc: Doc = serde_json::from_slice(bytes).map_err(|e| Error::Document {
        kind: Some(crate::error::Document::Contexts),
        what: what.to_string(),
        reason: "not a JSON list of contexts".into(),
        hint: "give the JSON list of contexts a batch signing writes: [{\"cidr\", \"message\", \"signature\"}, …]".into(),
        remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::Contexts)]),
        source: crate::error::cause(e),
    })?;
    Ok(match doc {
        Doc::List(l) | Doc::Wrapped { contexts: l } => {
            l.into_iter().map(RawRecord::record).collect()
        }
    })
}

/// The CSV `batch sign --format csv` writes (RFC 4180; quoted fields are accepted, as a
/// spreadsheet may write them back).
fn read_csv(text: &str, what: &str) -> Result<Vec<ContextEntry>, Error> {
    let bad = |line: usize, reason: String| {
        Error::Document {
        kind: Some(crate::error::Document::ContextsCsv),
        what: what.to_string(),
        reason: format!("line {line}: {reason}"),
        hint: "give the contexts CSV a batch signing writes: the header cidr,message,signature, then one row per prefix".into(),
        remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::Contexts)]),
        source: None,
    }
    };
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty());
    match lines.next() {
        Some((_, header))
            if csv_fields(header).is_some_and(|h| {
                h.iter()
                    .map(|f| f.trim().to_ascii_lowercase())
                    .eq(["cidr", "message", "signature"])
            }) => {}
        Some((n, header)) => {
            return Err(bad(
                n,
                format!(
                    "the header is {header:?}, not cidr,message,signature (nor is the file JSON)"
                ),
            ));
        }
        None => return Ok(Vec::new()),
    }
    lines
        .map(|(n, line)| match csv_fields(line).as_deref() {
            Some([cidr, message, signature]) => Ok(Ok(ContextRecord::Fields {
                cidr: Some(cidr.clone()),
                message: message.clone(),
                signature: signature.as_str().into(),
                context: None,
            })),
            Some(f) => Err(bad(n, format!("{} fields, not 3", f.len()))),
            None => Err(bad(n, "an unterminated quoted field".into())),
        })
        .collect()
}

/// Splits one CSV line into fields; `None` when a quote is left open.
fn csv_fields(line: &str) -> Option<Vec<String>> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut()?.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut()?.push(c),
        }
    }
    (!quoted).then_some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records of a file whose every entry is usable.
    fn records(bytes: &[u8]) -> Vec<ContextRecord> {
        read_contexts(bytes, "t")
            .unwrap()
            .into_iter()
            .map(|e| e.map_err(|u| u.error).unwrap())
            .collect()
    }

    #[test]
    fn contexts_files_read_the_csv_batch_sign_writes() {
        let csv = b"cidr,message,signature\r\n192.0.2.0/24,1|aws|123456789012|192.0.2.0/24|20271231|SHA256|RSAPSS,ab-_~\r\n\n\"198.51.100.0/24\",\"1|aws|x\",\"s\"\"q\"\n";
        let v = records(csv);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].cidr(), Some("192.0.2.0/24"));
        assert_eq!(v[0].signature(), "ab-_~");
        assert_eq!(
            (v[1].message(), v[1].signature().as_str()),
            ("1|aws|x", "s\"q")
        );
        let e = read_contexts(b"cidr,message\nx,y\n", "t")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1") && e.contains("header"), "{e}");
        let e = read_contexts(b"cidr,message,signature\na,b\n", "t")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2: 2 fields, not 3"), "{e}");
        let e = read_contexts(b"cidr,message,signature\na,\"b,c\n", "t")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2: an unterminated quoted field"), "{e}");
    }

    #[test]
    fn contexts_files_read_both_shapes() {
        let list = br#"[{"cidr":"192.0.2.0/24","message":"m","signature":"s"},{"context":"Message=\"1|aws|123456789012|192.0.2.0/24|20271231|SHA256|RSAPSS\",Signature=\"abc\""}]"#;
        let v = records(list);
        assert_eq!((v[0].message(), v[0].signature().as_str()), ("m", "s"));
        assert!(matches!(v[0], ContextRecord::Fields { .. }));
        assert_eq!(v[1].signature(), "abc");
        assert!(matches!(v[1], ContextRecord::Context { cidr: None, .. }));
        assert_eq!(v[0].cidr_or_message().as_deref(), Some("192.0.2.0/24"));
        assert_eq!(v[1].cidr_or_message().as_deref(), Some("192.0.2.0/24"));
        let wrapped = br#"{"contexts":[{"message":"m","signature":"s"}]}"#;
        assert_eq!(records(wrapped).len(), 1);
        assert!(read_contexts(b"{}", "t").is_err());
        for empty in [
            &b""[..],
            b"  \n",
            b"[]",
            br#"{"contexts":[]}"#,
            b"cidr,message,signature\n",
        ] {
            let e = read_contexts(empty, "t").unwrap_err().to_string();
            assert!(e.contains("holds no context"), "{e}");
        }
    }

    /// An entry with no message and signature, or a context that does not parse, is no
    /// record: it stays in its place as an [`UnusableEntry`] with its `cidr`, so the
    /// entries after it are still read and it is reported, never dropped.
    #[test]
    fn an_entry_without_a_signed_context_is_unusable_in_its_place() {
        let list = br#"[{"cidr":"192.0.2.0/24","message":"m"},{"signature":"s"},{"cidr":"x","context":"Message=\"m\""},{"message":"m","signature":"s"}]"#;
        let v = read_contexts(list, "t").unwrap();
        assert_eq!(v.len(), 4);
        let u = v[0].as_ref().unwrap_err();
        assert_eq!(u.cidr.as_deref(), Some("192.0.2.0/24"));
        assert!(u.error.to_string().contains("neither"), "{}", u.error);
        let u = v[1].as_ref().unwrap_err();
        assert_eq!(u.cidr, None);
        let u = v[2].as_ref().unwrap_err();
        assert_eq!(u.cidr.as_deref(), Some("x"));
        assert!(u.error.to_string().contains("Signature"), "{}", u.error);
        assert!(v[3].is_ok());
        // Deserializing one record applies the same rule.
        let e = serde_json::from_str::<ContextRecord>(r#"{"cidr":"x"}"#).unwrap_err();
        assert!(e.to_string().contains("neither"), "{e}");
    }

    #[test]
    fn a_record_is_labelled_by_its_prefix_or_as_its_asn() {
        let label = |json: &str| serde_json::from_str::<ContextRecord>(json).unwrap().label();
        assert_eq!(
            label(r#"{"cidr":"192.0.2.0/24","message":"m","signature":"s"}"#),
            "192.0.2.0/24"
        );
        // No "cidr": the message's field, AWS's prefix message or a BYOASN one.
        assert_eq!(
            label(
                r#"{"message":"1|aws|123456789012|192.0.2.0/24|20271231|SHA256|RSAPSS","signature":"s"}"#
            ),
            "192.0.2.0/24"
        );
        assert_eq!(
            label(
                r#"{"message":"1|aws|123456789012|64496|20271231|SHA256|RSAPSS","signature":"s"}"#
            ),
            "AS64496"
        );
        assert_eq!(
            label(r#"{"cidr":"AS64496","message":"m","signature":"s"}"#),
            "AS64496"
        );
        assert_eq!(label(r#"{"message":"m","signature":"s"}"#), "?");
    }

    /// The JSON form is the four optional keys, whichever variant: what is read is what
    /// is written back, a `context` beside the fields included.
    #[test]
    fn records_serialize_as_they_were_read() {
        let ctx = r#"Message=\"1|aws|123456789012|192.0.2.0/24|20271231|SHA256|RSAPSS\",Signature=\"ab-_~\""#;
        for json in [
            format!(
                r#"{{"cidr":"192.0.2.0/24","message":"m","signature":"s\n","context":"{ctx}"}}"#
            ),
            r#"{"message":"m","signature":"s"}"#.to_string(),
            format!(r#"{{"cidr":"192.0.2.0/24","context":"{ctx}"}}"#),
            format!(r#"{{"context":"{ctx}"}}"#),
        ] {
            let r: ContextRecord = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&r).unwrap(), json);
        }
        // Fields win over a context beside them, as the file is read.
        let r: ContextRecord = serde_json::from_str(&format!(
            r#"{{"message":"m","signature":"s","context":"{ctx}"}}"#
        ))
        .unwrap();
        assert_eq!((r.message(), r.signature().as_str()), ("m", "s"));
    }
}
