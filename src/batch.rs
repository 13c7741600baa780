//! Many prefixes at once: work spread over threads, results in input order, and
//! the file format of signed contexts that `batch sign` writes and `batch verify` and
//! `audit` read.

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Largest contexts file read (1,000 contexts are about 600 KB).
pub const MAX_CONTEXTS_BYTES: usize = 64 * 1024 * 1024;

/// Applies `f` to every item on `jobs` threads (at least one), returning results in input
/// order. `done` is called after each item (for a progress bar). Items are handed out one
/// at a time, so a slow item does not hold up a whole chunk.
pub fn map_parallel<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> R + Sync,
    done: &(dyn Fn() + Sync),
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let jobs = jobs.clamp(1, items.len().max(1));
    let mut parts: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                        done();
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut all: Vec<(usize, R)> = parts.drain(..).flatten().collect();
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// The number of threads to use by default: the cores available.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// One signed context, as `batch sign --format json` writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextRecord {
    /// The prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    /// The message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The signature, AWS's encoding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    /// `Message="…",Signature="…"`, for the AWS CLI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

impl ContextRecord {
    /// The message and signature, from the fields or the context string.
    pub fn parts(&self) -> Result<(String, String), Error> {
        match (&self.message, &self.signature, &self.context) {
            (Some(m), Some(s), _) => Ok((m.clone(), s.clone())),
            (_, _, Some(c)) => {
                let ctx = crate::context::AuthorizationContext::parse(c)?;
                Ok((ctx.message, ctx.signature))
            }
            _ => Err(Error::Context {
                reason: "an entry has neither \"message\" and \"signature\" nor \"context\"".into(),
                source: None,
            }),
        }
    }

    /// The prefix the entry is for: its `cidr`, else the CIDR field of `message` (its
    /// message, from [`ContextRecord::parts`]; AWS's form or Azure's).
    pub fn cidr_or_message(&self, message: &str) -> Option<String> {
        self.cidr.clone().or_else(|| {
            crate::message::Fields::lenient(message)
                .resource()
                .map(str::to_string)
        })
    }
}

/// Reads a contexts file, in either form `batch sign` writes: JSON (a list of
/// [`ContextRecord`]s, or `{"contexts": [...]}`) or CSV with the header
/// `cidr,message,signature`. A file with no context in it is an error: verifying nothing
/// proves nothing.
pub fn read_contexts(bytes: &[u8], what: &str) -> Result<Vec<ContextRecord>, Error> {
    let text = String::from_utf8_lossy(bytes);
    let first = text.trim_start().chars().next();
    let list = match first {
        Some('[' | '{') => read_json(bytes, what)?,
        Some(_) => read_csv(&text, what)?,
        None => Vec::new(),
    };
    if list.is_empty() {
        return Err(Error::Document {
            what: format!("{what} (signed contexts)"),
            reason: "it holds no context".into(),
            hint: "give the contexts file a batch signing wrote (JSON or CSV)".into(),
            source: None,
        });
    }
    Ok(list)
}

fn read_json(bytes: &[u8], what: &str) -> Result<Vec<ContextRecord>, Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Doc {
        List(Vec<ContextRecord>),
        Wrapped { contexts: Vec<ContextRecord> },
    }
    let doc: Doc = serde_json::from_slice(bytes).map_err(|e| Error::Document {
        what: format!("{what} (signed contexts)"),
        reason: "not a JSON list of contexts".into(),
        hint: "give the JSON list of contexts a batch signing writes: [{\"cidr\", \"message\", \"signature\"}, …]".into(),
        source: crate::error::cause(e),
    })?;
    Ok(match doc {
        Doc::List(l) | Doc::Wrapped { contexts: l } => l,
    })
}

/// The CSV `batch sign --format csv` writes (RFC 4180; quoted fields are accepted, as a
/// spreadsheet may write them back).
fn read_csv(text: &str, what: &str) -> Result<Vec<ContextRecord>, Error> {
    let bad = |line: usize, reason: String| {
        Error::Document {
        what: format!("{what} (signed contexts, CSV)"),
        reason: format!("line {line}: {reason}"),
        hint: "give the contexts CSV a batch signing writes: the header cidr,message,signature, then one row per prefix".into(),
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
            Some([cidr, message, signature]) => Ok(ContextRecord {
                cidr: Some(cidr.clone()),
                message: Some(message.clone()),
                signature: Some(signature.clone()),
                context: None,
            }),
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

    #[test]
    fn results_come_back_in_order_whatever_the_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        let count = AtomicUsize::new(0);
        for jobs in [0, 1, 2, 7, 5000] {
            count.store(0, Ordering::Relaxed);
            let out = map_parallel(&items, jobs, |x| x * 2, &|| {
                count.fetch_add(1, Ordering::Relaxed);
            });
            assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
            assert_eq!(count.load(Ordering::Relaxed), 1000);
        }
        assert!(map_parallel(&[] as &[u8], 4, |x| *x, &|| ()).is_empty());
    }

    #[test]
    fn contexts_files_read_the_csv_batch_sign_writes() {
        let csv = b"cidr,message,signature\r\n192.0.2.0/24,1|aws|123456789012|192.0.2.0/24|20271231|SHA256|RSAPSS,ab-_~\r\n\n\"198.51.100.0/24\",\"1|aws|x\",\"s\"\"q\"\n";
        let v = read_contexts(csv, "t").unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].cidr.as_deref(), Some("192.0.2.0/24"));
        assert_eq!(v[0].parts().unwrap().1, "ab-_~");
        assert_eq!(v[1].parts().unwrap(), ("1|aws|x".into(), "s\"q".into()));
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
        let v = read_contexts(list, "t").unwrap();
        assert_eq!(v[0].parts().unwrap(), ("m".into(), "s".into()));
        assert_eq!(v[1].parts().unwrap().1, "abc");
        assert_eq!(v[0].cidr_or_message("x").as_deref(), Some("192.0.2.0/24"));
        let (m, _) = v[1].parts().unwrap();
        assert_eq!(v[1].cidr_or_message(&m).as_deref(), Some("192.0.2.0/24"));
        let wrapped = br#"{"contexts":[{"message":"m","signature":"s"}]}"#;
        assert_eq!(read_contexts(wrapped, "t").unwrap().len(), 1);
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
        assert!(
            read_contexts(br#"[{"cidr":"x"}]"#, "t").unwrap()[0]
                .parts()
                .is_err()
        );
    }
}
