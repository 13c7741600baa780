//! Files and standard input: size-bounded reads (`-` is standard input, once per
//! command), atomic writes that never replace a file without `--force`, and the readers of
//! messages, signatures, certificates and the manifest built on them.

use super::heading;
use std::{
    fs,
    io::{self, Read, Write},
    path::{Path, PathBuf},
};

use byoip::signature::SignatureText;
use zeroize::Zeroizing;

use super::{CliError, note};

/// Reads a file of at most `limit` bytes, `-` meaning standard input. The buffer is
/// zeroized on drop since it may hold a key.
pub fn read_input(path: &Path, limit: usize, what: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let shown = path.display();
    let mut buf = Zeroizing::new(Vec::new());
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    if path == Path::new("-") {
        claim_stdin(what)?;
        io::stdin()
            .lock()
            .take(cap)
            .read_to_end(&mut buf)
            .map_err(|e| {
                CliError::input(
                    format!("cannot read {what} from standard input: {e}"),
                    "pipe the data in, or give a file",
                )
            })?;
    } else {
        let meta = fs::metadata(path).map_err(|e| io_error(what, &shown, e))?;
        if meta.is_dir() {
            return Err(CliError::input(
                format!("{what} {shown:?} is a directory"),
                format!("give the path of the {}", file_named(what)),
            ));
        }
        // A regular file that is too large is refused without reading it; pipes and
        // devices are read up to the limit (bounded memory either way).
        if meta.is_file() && meta.len() > u64::try_from(limit).unwrap_or(u64::MAX) {
            return Err(too_large(what, &shown, limit));
        }
        let file = fs::File::open(path).map_err(|e| io_error(what, &shown, e))?;
        file.take(cap)
            .read_to_end(&mut buf)
            .map_err(|e| io_error(what, &shown, e))?;
    }
    if buf.len() > limit {
        return Err(too_large(what, &shown, limit));
    }
    Ok(buf)
}

/// Standard input can be read once: a second `-` would silently get nothing.
static STDIN_CLAIMED: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);
fn claim_stdin(what: &str) -> Result<(), CliError> {
    let mut claimed = STDIN_CLAIMED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(first) = claimed.as_deref() {
        return Err(CliError::input(
            format!("standard input (-) is already the {first}; it cannot also be the {what}"),
            "give at most one argument as -, and the others as files or text",
        ));
    }
    *claimed = Some(what.to_string());
    Ok(())
}

/// Refuses more than one `-` among a command's arguments, before anything is read.
pub fn one_stdin(dashes: usize) -> Result<(), CliError> {
    if dashes > 1 {
        return Err(CliError::input(
            format!("{dashes} arguments are - (standard input), which can be read only once"),
            "give at most one argument as -, and the others as files or text",
        ));
    }
    Ok(())
}

/// The bytes of a text argument, `-` meaning standard input (what `cat`, git and the AWS
/// CLI do); the text itself otherwise.
pub fn text_arg(value: &str, limit: usize, what: &str) -> Result<Vec<u8>, CliError> {
    if value == "-" {
        Ok(read_input(Path::new("-"), limit, what)?.to_vec())
    } else {
        Ok(value.as_bytes().to_vec())
    }
}

/// `what` as a kind of file: "RDAP file" as it is, "manifest" as "manifest file" (never
/// "RDAP file file").
fn file_named(what: &str) -> String {
    if what.ends_with("file") {
        what.to_string()
    } else {
        format!("{what} file")
    }
}

fn too_large(what: &str, shown: &std::path::Display<'_>, limit: usize) -> CliError {
    CliError::input(
        format!("{what} {shown:?} is larger than the {limit}-byte limit"),
        format!("check that {shown:?} is the {what} you meant"),
    )
}

fn io_error(what: &str, shown: &std::path::Display<'_>, e: io::Error) -> CliError {
    let hint = match e.kind() {
        io::ErrorKind::NotFound => "check the path".to_string(),
        io::ErrorKind::PermissionDenied => {
            "check the file's permissions (or run as its owner)".to_string()
        }
        _ => format!("check that {shown} is a readable {}", file_named(what)),
    };
    CliError {
        source: Some(byoip::error::Cause::new(e)),
        ..CliError::input(format!("cannot read {what} {shown:?}"), hint)
    }
}

/// Writes `data` to `path` atomically: a temporary file beside it (mode `mode`), synced,
/// then linked into place. Without `force` an existing file is never replaced, and no
/// partial file is ever left at `path`.
pub fn write_atomic(path: &Path, data: &[u8], mode: u32, force: bool) -> Result<(), CliError> {
    let shown = path.display();
    let fail = |e: io::Error| {
        CliError::input(
            format!("cannot write {shown:?}: {e}"),
            "check that the directory exists and is writable",
        )
    };
    refuse_existing(path, force)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| {
        CliError::input(format!("{shown:?} is not a file path"), "give a file name")
    })?;
    let mut rand = [0u8; 6];
    getrandom::fill(&mut rand).map_err(|e| fail(io::Error::other(e.to_string())))?;
    let suffix: String = rand.iter().map(|b| format!("{b:02x}")).collect();
    let tmp = dir.join(format!(".{}.{suffix}.tmp", name.to_string_lossy()));
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, mode);
    #[cfg(not(unix))]
    let _ = mode;
    let result = (|| {
        let mut f = opts.open(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        drop(f);
        if force {
            fs::rename(&tmp, path)
        } else {
            // link() refuses to replace an existing file: no clobbering even in a race.
            fs::hard_link(&tmp, path).and_then(|()| fs::remove_file(&tmp))
        }
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(if e.kind() == io::ErrorKind::AlreadyExists {
            exists_error(path)
        } else {
            fail(e)
        });
    }
    Ok(())
}

/// Reads the certificate `arg` names: a file, `-` for standard input, or the certificate
/// pasted as the argument itself (the one-line registry form, PEM or whois text), in PEM,
/// one line, DER, whois text or a saved RDAP JSON answer; size-bounded. Which certificate
/// of an RDAP answer was taken is said on stderr.
///
/// `key_place` is where this command takes the private key (`--key`, the manifest's
/// `key`), named when a private key is given as the certificate; `None` where it takes none.
pub fn load_certificate(
    arg: &Path,
    key_place: Option<&str>,
) -> Result<byoip::certificate::Certificate, CliError> {
    let limit = byoip::certificate::MAX_CERT_INPUT_BYTES;
    let pasted = pasted_certificate(arg);
    let data = match pasted {
        Some(text) if text.len() <= limit => Zeroizing::new(text.as_bytes().to_vec()),
        _ => read_input(arg, limit, "certificate")?,
    };
    let named = pasted.is_none() && arg != Path::new("-");
    let read = byoip::rdap::read_certificate(&data).map_err(|e| {
        let mut c = CliError::from(e);
        if named {
            c.what = format!("{}: {}", arg.display(), c.what);
        }
        // A private key given as the certificate: say where the key goes, and how its
        // certificate is made.
        if data.windows(16).any(|w| w == b"PRIVATE KEY-----") {
            let key = if named {
                arg.display().to_string()
            } else {
                "KEY".to_string()
            };
            let make = format!("`byoip cert --key {key} --out cert.pem`");
            c.hint = match key_place {
                Some(place) => format!(
                    "give the private key as {place}, and as the certificate the one made from it ({make})"
                ),
                None => format!("give the certificate made from that key ({make})"),
            };
        }
        c
    })?;
    if let Some(place) = &read.found_in {
        note(&format!("using the certificate in the {place}"));
    }
    Ok(read.certificate)
}

/// The argument itself when it is certificate text rather than a path: it names no file
/// and holds a PEM marker or a line break (a path has neither).
fn pasted_certificate(arg: &Path) -> Option<&str> {
    let text = arg.to_str()?;
    let looks_pasted = text.contains("-----BEGIN") || text.contains('\n');
    (looks_pasted && fs::symlink_metadata(arg).is_err()).then_some(text)
}

/// Refuses an existing `path` unless `force`: checked before slow work (key generation)
/// and again, atomically, when the file is linked into place.
pub fn refuse_existing(path: &Path, force: bool) -> Result<(), CliError> {
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(exists_error(path));
    }
    Ok(())
}

/// Where a `fetch` command saves its answer (`--out FILE`, or `-` for standard output) and
/// where its summary goes: standard output, unless that holds the answer itself; then
/// standard error, so that `--out -` pipes the answer alone.
pub struct SaveTo<'a> {
    path: &'a Path,
    force: bool,
}

impl<'a> SaveTo<'a> {
    /// Refuses an existing file (without `--force`) before anything is fetched.
    pub fn new(path: &'a Path, force: bool) -> Result<Self, CliError> {
        let to = SaveTo { path, force };
        if !to.to_stdout() {
            refuse_existing(path, force)?;
        }
        Ok(to)
    }

    /// True with `--out -`.
    pub fn to_stdout(&self) -> bool {
        self.path == Path::new("-")
    }

    /// Saves the answer: on standard output, or atomically in the file (mode 0644: public
    /// data, nothing secret).
    pub fn save(&self, data: &[u8]) -> Result<(), CliError> {
        if self.to_stdout() {
            super::out(&String::from_utf8_lossy(data))
        } else {
            write_atomic(self.path, data, 0o644, self.force)
        }
    }

    /// Prints the text summary of what was saved.
    pub fn summary(&self, text: &str) -> Result<(), CliError> {
        if self.to_stdout() {
            errp!("{text}");
            Ok(())
        } else {
            super::out(text)
        }
    }

    /// Prints the `--json` summary (on standard error followed by a blank line, as the
    /// fetch commands always have).
    pub fn json_summary(&self, text: &str) -> Result<(), CliError> {
        if self.to_stdout() {
            errln!("{text}");
            Ok(())
        } else {
            super::out(text)
        }
    }
}

/// The one error for a file that is there already (see [`refuse_existing`]).
fn exists_error(path: &Path) -> CliError {
    CliError::input(
        format!("{:?} already exists", path.display()),
        "choose another --out path, or pass --force to replace it",
    )
}

/// Largest message or signature input read: the small-input limit a key file has (64 KiB).
const MAX_MESSAGE_BYTES: usize = byoip::key::MAX_KEY_BYTES;
/// The message bytes from `--message MSG` or `--message-file FILE`. An argument is taken
/// byte for byte. From a file or standard input (`-` for either), one final line ending
/// (`\n` or `\r\n`) is dropped with a note, because every tool that writes a text file —
/// `byoip message > m.txt` included — ends it with one, as POSIX defines a line
/// (POSIX.1-2017 §3.206); a second line ending or other whitespace stays, for the lint to
/// name.
pub fn read_message(arg: Option<&str>, file: Option<&Path>) -> Result<Option<Vec<u8>>, CliError> {
    Ok(match (arg, file) {
        (Some("-"), _) => Some(message_from_file(Path::new("-"))?),
        (Some(m), _) => Some(m.as_bytes().to_vec()),
        (None, Some(f)) => Some(message_from_file(f)?),
        (None, None) => None,
    })
}

fn message_from_file(path: &Path) -> Result<Vec<u8>, CliError> {
    let bytes = read_input(path, MAX_MESSAGE_BYTES, "message")?.to_vec();
    // Nothing came (a pipe whose first command failed, an empty file): say so, rather
    // than judge an empty message as one with the wrong number of fields.
    if matches!(bytes.as_slice(), b"" | b"\n" | b"\r\n") {
        let (what, hint) = if path == Path::new("-") {
            (
                "the input is empty: nothing came on standard input".to_string(),
                "pipe the message in (`byoip message … | byoip lint -`) or pass it as an argument",
            )
        } else {
            (
                format!("the input is empty: {:?} holds no message", path.display()),
                "check that the file holds the message (`byoip message … > FILE` writes it)",
            )
        };
        return Err(CliError::input(what, hint));
    }
    Ok(drop_final_line_ending(bytes, path))
}

/// A message read from `path` (`-`: standard input) without its one final `\n` or
/// `\r\n`, with a note when there was one.
pub fn drop_final_line_ending(mut bytes: Vec<u8>, path: &Path) -> Vec<u8> {
    let (ending, shown) = if bytes.ends_with(b"\r\n") {
        (2, "\\r\\n")
    } else if bytes.ends_with(b"\n") {
        (1, "\\n")
    } else {
        return bytes;
    };
    bytes.truncate(bytes.len() - ending);
    let source = if path == Path::new("-") {
        "standard input".to_string()
    } else {
        format!("{:?}", path.display())
    };
    note(&format!(
        "dropped the final line ending ({shown}) of the message from {source}: what is signed or checked is the message without it"
    ));
    bytes
}

/// When the text given to `flag` (`--message`, `--signature`) names a file that exists,
/// what to say beside the hint of the text being wrong: the text was most likely meant as
/// that file, which `file_flag` reads. `None` for `-` (standard input) and for any other
/// text.
pub fn text_names_a_file(text: Option<&str>, file_flag: &str) -> Option<String> {
    let t = text.filter(|t| *t != "-" && Path::new(t).is_file())?;
    Some(format!("{t} is a file: to read it, use {file_flag} {t}"))
}

/// `hint`, and beside it `also` when there is one.
pub fn hint_and(hint: &str, also: Option<&str>) -> String {
    match also {
        Some(a) => format!("{hint}; {a}"),
        None => hint.to_string(),
    }
}

/// A message and its signature, as `verify` and `check` take them.
#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
pub struct SignedArgs {
    /// The message exactly as sent to AWS (- reads it from standard input).
    #[arg(long, value_name = "MSG", conflicts_with_all = ["message_file", "context"], allow_hyphen_values = true)]
    message: Option<String>,
    /// Read the message from FILE (- for standard input; one final line ending is dropped).
    #[arg(long, value_name = "FILE", conflicts_with = "context")]
    message_file: Option<PathBuf>,
    /// The signature in AWS's encoding, or standard base64 for Azure (- reads it from standard input).
    #[arg(long, value_name = "SIG", conflicts_with_all = ["signature_file", "context"], allow_hyphen_values = true)]
    signature: Option<String>,
    /// Read the signature from FILE (- for standard input; surrounding whitespace ignored).
    #[arg(long, value_name = "FILE", conflicts_with = "context")]
    signature_file: Option<PathBuf>,
    /// Both at once: Message="…",Signature="…" (or the JSON form; - reads it from standard input).
    #[arg(long, value_name = "CONTEXT", allow_hyphen_values = true)]
    context: Option<String>,
}

impl SignedArgs {
    /// `--message TEXT` naming a file: use `--message-file` ([`text_names_a_file`]).
    pub fn message_names_a_file(&self) -> Option<String> {
        text_names_a_file(self.message.as_deref(), "--message-file")
    }

    /// `--signature TEXT` naming a file: use `--signature-file` ([`text_names_a_file`]).
    pub fn signature_names_a_file(&self) -> Option<String> {
        text_names_a_file(self.signature.as_deref(), "--signature-file")
    }

    /// `report` with the hint of a failed message or signature check saying so, when the
    /// text given to --message or --signature names a file (the file was meant).
    pub fn file_hints(&self, mut report: byoip::check::Report) -> byoip::check::Report {
        use byoip::check::{CheckId, Status};
        let (message, signature) = (self.message_names_a_file(), self.signature_names_a_file());
        for c in report
            .checks
            .iter_mut()
            .filter(|c| c.status == Status::Fail)
        {
            let also = match c.id {
                CheckId::MessageFormat => message.as_deref(),
                CheckId::SignatureLocal | CheckId::RdapSignature => signature.as_deref(),
                _ => None,
            };
            if also.is_some() {
                c.hint = Some(hint_and(c.hint.as_deref().unwrap_or_default(), also));
            }
        }
        report
    }

    /// Whether any message or signature argument was given.
    pub fn given(&self) -> bool {
        self.message.is_some()
            || self.message_file.is_some()
            || self.signature.is_some()
            || self.signature_file.is_some()
            || self.context.is_some()
    }

    /// How many of these arguments are `-` (standard input), so a command can refuse two
    /// readers of standard input before reading either.
    pub fn stdin_args(&self) -> usize {
        [
            self.message.as_deref(),
            self.message_file.as_deref().and_then(Path::to_str),
            self.signature.as_deref(),
            self.signature_file.as_deref().and_then(Path::to_str),
            self.context.as_deref(),
        ]
        .iter()
        .filter(|a| **a == Some("-"))
        .count()
    }

    /// The message bytes and signature text; `None` when neither was given, an error when
    /// only one was.
    pub fn read(&self) -> Result<Option<(Vec<u8>, SignatureText)>, CliError> {
        if let Some(c) = &self.context {
            let text = text_arg(c, byoip::context::MAX_CONTEXT_BYTES, "context")?;
            let ctx = byoip::context::AuthorizationContext::parse(&String::from_utf8_lossy(&text))?;
            return Ok(Some((ctx.message.into_bytes(), ctx.signature)));
        }
        let message = read_message(self.message.as_deref(), self.message_file.as_deref())?;
        let from_input = |f: &Path| -> Result<SignatureText, CliError> {
            let bytes = read_input(f, MAX_MESSAGE_BYTES, "signature")?;
            Ok(String::from_utf8_lossy(&bytes).trim().into())
        };
        let signature = match (&self.signature, &self.signature_file) {
            (Some(s), _) if s == "-" => Some(from_input(Path::new("-"))?),
            (Some(s), _) => Some(s.as_str().into()),
            (None, Some(f)) => Some(from_input(f)?),
            (None, None) => None,
        };
        match (message, signature) {
            (Some(m), Some(s)) => Ok(Some((m, s))),
            (None, None) => Ok(None),
            (Some(_), None) => Err(CliError::input(
                "a message was given without its signature",
                "add --signature SIG or --signature-file FILE (or give both with --context)",
            )),
            (None, Some(_)) => Err(CliError::input(
                "a signature was given without its message",
                "add --message MSG or --message-file FILE (or give both with --context)",
            )),
        }
    }
}

/// Largest manifest read.
const MAX_MANIFEST_BYTES: usize = 1024 * 1024;

/// Reads the manifest at `path` (size-bounded) and prints its notes.
pub fn load_manifest(path: &Path) -> Result<byoip::manifest::Manifest, CliError> {
    // Every command that reads one takes --manifest, defaulting to byoip.toml here: a
    // newcomer who ran it elsewhere needs to hear of the flag, not "check the path".
    // (`-` is standard input, as for every file byoip reads.)
    if path != Path::new("-") && !path.exists() {
        let default = path == Path::new(byoip::manifest::DEFAULT_NAME);
        return Err(if default {
            CliError::input(
                format!(
                    "no manifest: there is no {} in the current folder",
                    byoip::manifest::DEFAULT_NAME
                ),
                "give --manifest FILE, or run in the folder that holds byoip.toml",
            )
        } else {
            CliError::input(
                format!("manifest {:?} does not exist", path.display()),
                "check the --manifest path (relative to the current folder)",
            )
        });
    }
    let data = read_input(path, MAX_MANIFEST_BYTES, "manifest")?;
    let text = std::str::from_utf8(&data).map_err(|_| {
        CliError::input(
            format!("manifest {:?} is not UTF-8 text", path.display()),
            "a manifest is a TOML text file (see docs/batch.md)",
        )
    })?;
    let m = byoip::manifest::Manifest::parse(text, path, super::clock::today())?;
    for n in &m.notes {
        note(n);
    }
    Ok(m)
}

/// Refuses a file the manifest `m` names under `key` (`contexts`, `vrps`) that does not
/// exist, saying where it was looked for: a path in a manifest is relative to the
/// manifest's folder, not to where byoip runs.
pub fn manifest_file_exists(
    m: &byoip::manifest::Manifest,
    key: &str,
    file: &Path,
) -> Result<(), CliError> {
    if file.exists() {
        return Ok(());
    }
    let folder = match m.path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
        _ => ".".to_string(),
    };
    Err(CliError::input(
        format!(
            "{}: the {key} file {:?} does not exist",
            m.path.display(),
            file.display()
        ),
        format!(
            "{key} = \"…\" is relative to the manifest's folder ({folder}): fix the path in the manifest, or create the file"
        ),
    ))
}
