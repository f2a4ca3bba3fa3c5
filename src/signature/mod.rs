//! Signed briefings: who wrote the file being read, checked offline.
//!
//! A briefing `FILE` is signed by a detached `FILE.sig` beside it in the SSH
//! signature format (SSHSIG) with the namespace `brief` — what
//! `ssh-keygen -Y sign -n brief -f KEY FILE` writes, and what `brief sign`
//! writes. A signature is trusted when its key (or, for a certificate, the
//! authority that signed it) is in the `allowed_signers` file
//! ([`AllowedSigners`]), as git trusts SSH-signed commits.
//!
//! [`verify`] reads the briefing's bytes as they are on disk — the bytes that
//! were signed — and says what it found as a [`SignatureState`]. Every read
//! is bounded and refuses what is not a regular file, so a FIFO or a device
//! named as a briefing or a signature cannot hang or flood it.

pub mod allowed;
mod certificate;
pub mod sign;

use std::fmt;
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use ssh_key::public::KeyData;
use ssh_key::{Algorithm, HashAlg, PublicKey, SshSig};

pub use allowed::{AllowedSigners, Refusal, Signer};

use crate::sanitize::escape_line;

/// The namespace briefings are signed in (`ssh-keygen -Y sign -n brief`).
pub const NAMESPACE: &str = "brief";

/// A signature file larger than this is refused unread: a real one is
/// under 2 KiB even for a large RSA key.
pub const MAX_SIGNATURE: u64 = 64 * 1024;

/// The signature file of a briefing: `FILE.sig`, beside it.
pub fn signature_path(briefing: &Path) -> PathBuf {
    let mut name = briefing.as_os_str().to_owned();
    name.push(".sig");
    PathBuf::from(name)
}

/// A key as people compare them: its type and SHA-256 fingerprint, as
/// `ssh-keygen -l` shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyId {
    /// `ED25519`, `RSA`, `ECDSA`, `ED25519-SK`, …; `-CERT` for a certificate.
    pub kind: String,
    /// `SHA256:…`, of the key that made the signature.
    pub fingerprint: String,
}

impl KeyId {
    pub fn of(key: &KeyData) -> KeyId {
        KeyId {
            kind: key_kind(&key.algorithm()).to_string(),
            fingerprint: key.fingerprint(HashAlg::Sha256).to_string(),
        }
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", escape_line(&self.kind), self.fingerprint)
    }
}

fn key_kind(algorithm: &Algorithm) -> &str {
    match algorithm {
        Algorithm::Ed25519 => "ED25519",
        Algorithm::Rsa { .. } => "RSA",
        Algorithm::Ecdsa { .. } => "ECDSA",
        Algorithm::SkEd25519 => "ED25519-SK",
        Algorithm::SkEcdsaSha2NistP256 => "ECDSA-SK",
        Algorithm::Dsa => "DSA",
        other => other.as_str(),
    }
}

/// Why a good signature is not trusted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Distrust {
    /// The key is in no line of `allowed_signers`.
    UnknownKey,
    /// A line names the key, but does not let it sign briefings now.
    Refused { principals: String, why: Refusal },
    /// The key's certificate is not one an authority in `allowed_signers`
    /// vouches for now.
    Certificate(String),
}

/// What a briefing's signature says about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureState {
    /// The briefing built into the program: trusted as the program is.
    BuiltIn,
    /// No `FILE.sig` beside the file.
    NotSigned,
    /// A good signature by a key `allowed_signers` trusts for briefings now.
    Signed { principal: String, key: KeyId },
    /// A good signature, from a key that is not trusted.
    Untrusted { key: KeyId, why: Distrust },
    /// The signature does not match the file: the file changed after it was
    /// signed, or the signature is for another file.
    Bad { key: KeyId },
    /// A signature made for another purpose than briefings.
    WrongNamespace { namespace: String },
    /// `FILE.sig` exists but is no signature that can be checked.
    Unreadable { why: String },
}

/// How a state should look: the reader colours it by this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Signed by a trusted key.
    Trusted,
    /// Nothing to say (not signed, built in).
    Plain,
    /// A good signature nobody vouches for.
    Warning,
    /// A bad or unusable signature: a file to distrust.
    Alarm,
}

impl SignatureState {
    /// A one-line description: `signed by alice@example.org (ED25519
    /// SHA256:…)`. Safe to print: text from the files is escaped.
    pub fn describe(&self) -> String {
        let text = match self {
            SignatureState::BuiltIn => "built in: part of the program".to_string(),
            SignatureState::NotSigned => "not signed".to_string(),
            SignatureState::Signed { principal, key } => {
                format!("signed by {principal} ({key})")
            }
            SignatureState::Untrusted { key, why } => match why {
                Distrust::UnknownKey => format!("good signature from an unknown key ({key})"),
                Distrust::Refused { principals, why } => {
                    let why = match why {
                        Refusal::Expired(at) => {
                            format!("it expired on {} (valid-before)", show_time(*at))
                        }
                        Refusal::NotYetValid(at) => {
                            format!("it is valid only from {} (valid-after)", show_time(*at))
                        }
                        Refusal::Namespace(list) => {
                            format!("it may sign only in namespaces \"{list}\", not `{NAMESPACE}`")
                        }
                    };
                    format!(
                        "good signature, but the key of {principals} is not trusted: {why} ({key})"
                    )
                }
                Distrust::Certificate(why) => {
                    format!("good signature, but its certificate is not trusted: {why} ({key})")
                }
            },
            SignatureState::Bad { key } => format!(
                "BAD signature: the file changed after it was signed, or the signature is for another file ({key})"
            ),
            SignatureState::WrongNamespace { namespace } => format!(
                "signature not for briefings: it was made for namespace `{namespace}`, not `{NAMESPACE}`"
            ),
            SignatureState::Unreadable { why } => format!("signature unreadable: {why}"),
        };
        escape_line(&text).into_owned()
    }

    /// A few words for a header or a list row: `✓ alice@example.org`.
    /// Safe to print.
    pub fn short(&self) -> String {
        let text = match self {
            SignatureState::BuiltIn => "built in".to_string(),
            SignatureState::NotSigned => "not signed".to_string(),
            SignatureState::Signed { principal, .. } => format!("✓ {principal}"),
            SignatureState::Untrusted {
                why: Distrust::UnknownKey,
                key,
            } => format!("? unknown key {}", key.fingerprint),
            SignatureState::Untrusted { .. } => "? signer not trusted".to_string(),
            SignatureState::Bad { .. } => "✗ BAD SIGNATURE: file changed after signing".to_string(),
            SignatureState::WrongNamespace { .. } => "✗ signature not for briefings".to_string(),
            SignatureState::Unreadable { .. } => "✗ signature unreadable".to_string(),
        };
        escape_line(&text).into_owned()
    }

    /// A stable name for other tools: `signed`, `untrusted`, `bad`,
    /// `wrong-namespace`, `unreadable`, `not-signed`, `built-in`.
    pub fn name(&self) -> &'static str {
        match self {
            SignatureState::BuiltIn => "built-in",
            SignatureState::NotSigned => "not-signed",
            SignatureState::Signed { .. } => "signed",
            SignatureState::Untrusted { .. } => "untrusted",
            SignatureState::Bad { .. } => "bad",
            SignatureState::WrongNamespace { .. } => "wrong-namespace",
            SignatureState::Unreadable { .. } => "unreadable",
        }
    }

    pub fn level(&self) -> Level {
        match self {
            SignatureState::Signed { .. } => Level::Trusted,
            SignatureState::BuiltIn | SignatureState::NotSigned => Level::Plain,
            SignatureState::Untrusted { .. } => Level::Warning,
            SignatureState::Bad { .. }
            | SignatureState::WrongNamespace { .. }
            | SignatureState::Unreadable { .. } => Level::Alarm,
        }
    }

    /// Signed by a trusted key, or built into the program: what
    /// `require_signature` lets open.
    pub fn is_trusted(&self) -> bool {
        matches!(
            self,
            SignatureState::Signed { .. } | SignatureState::BuiltIn
        )
    }

    /// The key that made the signature, when it could be read.
    pub fn key(&self) -> Option<&KeyId> {
        match self {
            SignatureState::Signed { key, .. }
            | SignatureState::Untrusted { key, .. }
            | SignatureState::Bad { key } => Some(key),
            _ => None,
        }
    }

    /// Who the trusted signer is.
    pub fn principal(&self) -> Option<&str> {
        match self {
            SignatureState::Signed { principal, .. } => Some(principal),
            _ => None,
        }
    }
}

impl fmt::Display for SignatureState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// A briefing file's signature as checked, with the file's modification
/// time then: a reader that shows a later version of the file knows the
/// check is not about what it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    pub state: SignatureState,
    pub modified: Option<SystemTime>,
}

impl Verification {
    /// Checks the signature of the file at `briefing` now.
    pub fn of(briefing: &Path, signers: &AllowedSigners) -> Verification {
        let modified = std::fs::metadata(briefing).and_then(|m| m.modified()).ok();
        Verification {
            state: verify(briefing, signers, SystemTime::now()),
            modified,
        }
    }

    /// True when the file has changed since it was checked, as far as its
    /// modification time `now_modified` tells.
    pub fn is_stale(&self, now_modified: Option<SystemTime>) -> bool {
        now_modified.is_some() && now_modified != self.modified
    }
}

/// Checks the signature beside the briefing at `path` against `signers`,
/// at the time `now` (for `valid-after`/`valid-before`).
pub fn verify(path: &Path, signers: &AllowedSigners, now: SystemTime) -> SignatureState {
    let sig_path = signature_path(path);
    let armored = match read_bounded(&sig_path, MAX_SIGNATURE) {
        Ok(Some((bytes, _))) => bytes,
        Ok(None) => return SignatureState::NotSigned,
        Err(why) => return SignatureState::Unreadable { why },
    };
    let message = |path: &Path| match read_bounded(path, crate::load::MAX_FILE_SIZE) {
        Ok(Some((bytes, _))) => Ok(bytes),
        Ok(None) => Err("the briefing file is gone".to_string()),
        Err(why) => Err(format!("cannot read the briefing: {why}")),
    };
    let now = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    verify_with(&armored, || message(path), signers, now)
}

/// Checks `armored` (the text of a `.sig` file) as a signature of the
/// bytes `message` reads (read only if the signature can be checked).
pub fn verify_with(
    armored: &[u8],
    message: impl FnOnce() -> Result<Vec<u8>, String>,
    signers: &AllowedSigners,
    now: i64,
) -> SignatureState {
    let unreadable = |why: &str| SignatureState::Unreadable {
        why: why.to_string(),
    };
    let Ok(text) = std::str::from_utf8(armored) else {
        return unreadable("the .sig file is not text: it is not an SSH signature");
    };
    if !text
        .trim_start()
        .starts_with("-----BEGIN SSH SIGNATURE-----")
    {
        return unreadable(
            "the .sig file is not an SSH signature (it must start with -----BEGIN SSH SIGNATURE-----)",
        );
    }
    let (signature, certificate) = match SshSig::from_pem(text.trim()) {
        Ok(signature) => (signature, None),
        // ssh-key does not read a signature made with a certificate; the
        // certificate is read apart and the signature with its key.
        Err(error) => match certificate::split(text.trim()) {
            Some(Ok((signature, certificate))) => (signature, Some(certificate)),
            Some(Err(why)) => return unreadable(&why),
            None => {
                return unreadable(&format!("the SSH signature is damaged ({error})"));
            }
        },
    };
    if signature.namespace() != NAMESPACE {
        return SignatureState::WrongNamespace {
            namespace: signature.namespace().to_string(),
        };
    }
    let key_data = signature.public_key();
    if let Err(why) = supported(key_data, &signature) {
        return unreadable(&why);
    }
    let key = match &certificate {
        Some(cert) => KeyId {
            kind: format!("{}-CERT", key_kind(&cert.public_key().algorithm())),
            fingerprint: key_data.fingerprint(HashAlg::Sha256).to_string(),
        },
        None => KeyId::of(key_data),
    };
    let bytes = match message() {
        Ok(bytes) => bytes,
        Err(why) => return unreadable(&why),
    };
    if PublicKey::from(key_data.clone())
        .verify(NAMESPACE, &bytes, &signature)
        .is_err()
    {
        return SignatureState::Bad { key };
    }
    match &certificate {
        Some(cert) => certificate::trust(cert, signers, now, key),
        None => trust(key_data, signers, now, key),
    }
}

/// Whether `key` and its signature are of a kind this program can check;
/// what is wrong when not.
fn supported(key: &KeyData, signature: &SshSig) -> Result<(), String> {
    match key.algorithm() {
        Algorithm::Ed25519 | Algorithm::SkEd25519 | Algorithm::SkEcdsaSha2NistP256 => {}
        Algorithm::Ecdsa { curve } if curve != ssh_key::EcdsaCurve::NistP521 => {}
        Algorithm::Rsa { .. } => {
            if signature.algorithm() == (Algorithm::Rsa { hash: None }) {
                return Err(
                    "the signature uses RSA with SHA-1, which is not accepted: sign again with a current ssh-keygen"
                        .to_string(),
                );
            }
        }
        other => {
            return Err(format!(
                "signatures by {} keys cannot be checked (ED25519, ECDSA P-256/P-384 and RSA can)",
                other.as_str()
            ));
        }
    }
    Ok(())
}

/// The state of a good signature by `key_data`, by what `signers` says
/// about that key.
fn trust(key_data: &KeyData, signers: &AllowedSigners, now: i64, key: KeyId) -> SignatureState {
    let mut refused = None;
    for signer in signers.for_key(key_data) {
        match signer.refusal(NAMESPACE, now) {
            None => {
                return SignatureState::Signed {
                    principal: signer.principals.clone(),
                    key,
                };
            }
            Some(why) => {
                refused.get_or_insert(Distrust::Refused {
                    principals: signer.principals.clone(),
                    why,
                });
            }
        }
    }
    SignatureState::Untrusted {
        key,
        why: refused.unwrap_or(Distrust::UnknownKey),
    }
}

/// A time as `2026-12-31 00:00 UTC`.
fn show_time(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    // The civil date of a day count (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60
    )
}

/// Reads a regular file of at most `limit` bytes, with its metadata;
/// `None` when there is no file. Anything else — a directory, a FIFO (opened
/// without waiting for a writer), a device, a larger file — is refused with
/// what it is.
pub(crate) fn read_bounded(
    path: &Path,
    limit: u64,
) -> Result<Option<(Vec<u8>, std::fs::Metadata)>, String> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path);
    let file = match file {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot open {}: {e}", show_path(path))),
    };
    let metadata = file
        .metadata()
        .map_err(|e| format!("cannot read {}: {e}", show_path(path)))?;
    if !metadata.is_file() {
        let what = if metadata.is_dir() {
            "a directory"
        } else {
            "not a regular file"
        };
        return Err(format!("{} is {what}", show_path(path)));
    }
    let too_big = || {
        format!(
            "{} is larger than {} KiB: it is refused unread",
            show_path(path),
            limit / 1024
        )
    };
    if metadata.len() > limit {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {}: {e}", show_path(path)))?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(Some((bytes, metadata)))
}

fn show_path(path: &Path) -> String {
    escape_line(&path.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_show_as_utc_dates() {
        assert_eq!(show_time(0), "1970-01-01 00:00 UTC");
        assert_eq!(show_time(1_709_208_000), "2024-02-29 12:00 UTC");
        assert_eq!(
            show_time(allowed::days_from_civil(2026, 12, 31) * 86_400),
            "2026-12-31 00:00 UTC"
        );
    }

    #[test]
    fn garbage_is_unreadable_and_says_so_safely() {
        let signers = AllowedSigners::none();
        let never = || -> Result<Vec<u8>, String> { panic!("the briefing is not read") };
        for (sig, expected) in [
            (&b"\xff\xfe"[..], "not text"),
            (b"hello\x1b[2J", "not an SSH signature"),
            (
                b"-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\x1b]0;x\x07\n-----END SSH SIGNATURE-----\n",
                "damaged",
            ),
        ] {
            let state = verify_with(sig, never, &signers, 0);
            assert_eq!(state.name(), "unreadable");
            let shown = state.describe();
            assert!(shown.contains(expected), "{shown}");
            assert!(!shown.contains('\u{1b}'), "{shown}");
        }
    }

    #[test]
    fn descriptions_escape_what_the_files_say() {
        let key = KeyId {
            kind: "ED25519".into(),
            fingerprint: "SHA256:abc".into(),
        };
        let state = SignatureState::Signed {
            principal: "eve\u{1b}]52;c;x\u{7}@example.org".into(),
            key,
        };
        assert_eq!(
            state.describe(),
            "signed by eve\\u{1b}]52;c;x\\u{7}@example.org (ED25519 SHA256:abc)"
        );
        assert_eq!(state.short(), "✓ eve\\u{1b}]52;c;x\\u{7}@example.org");
        let state = SignatureState::WrongNamespace {
            namespace: "git\u{202e}".into(),
        };
        assert!(state.describe().contains("`git\\u{202e}`"));
    }
}
