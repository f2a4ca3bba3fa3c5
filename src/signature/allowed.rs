//! The `allowed_signers` file: who may sign briefings, in OpenSSH's format
//! (`ssh-keygen(1)`, ALLOWED SIGNERS), as git's `gpg.ssh.allowedSignersFile`:
//!
//! ```text
//! # principals   [options]                          keytype     base64-key  [comment]
//! alice@example.org namespaces="brief",valid-before="20271231" ssh-ed25519 AAAAC3…
//! *@example.org  cert-authority                     ssh-ed25519 AAAAC3…
//! ```
//!
//! A line that cannot be read is reported with its place and left out, as
//! OpenSSH does; the other lines still count.

use std::path::{Path, PathBuf};

use ssh_key::PublicKey;
use ssh_key::public::KeyData;

use super::read_bounded;
use crate::diagnostic::{Diagnostic, Report};

/// An `allowed_signers` file larger than this is refused.
pub const MAX_ALLOWED_SIGNERS: u64 = 1024 * 1024;

/// One line of the file: a key, whose signatures are trusted as its
/// principals', under the line's options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signer {
    /// The principals as written: a comma-separated list of patterns.
    pub principals: String,
    /// The key is a certificate authority: it vouches for the certificates
    /// it signed, not for signatures of its own.
    pub cert_authority: bool,
    /// `namespaces="…"`: the namespaces the key may sign in (patterns).
    pub namespaces: Option<String>,
    /// `valid-after`, in seconds since 1970 (UTC).
    pub valid_after: Option<i64>,
    /// `valid-before`, in seconds since 1970 (UTC).
    pub valid_before: Option<i64>,
    pub key: KeyData,
    /// The 1-based line it is on.
    pub line: usize,
}

/// Why a signer's key, though it made the signature, is not trusted now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Its `valid-after` time has not come yet.
    NotYetValid(i64),
    /// Its `valid-before` time has passed.
    Expired(i64),
    /// Its `namespaces` do not include `brief`.
    Namespace(String),
}

impl Signer {
    /// Whether this signer may sign in `namespace` at `now`; the reason
    /// when not.
    pub fn refusal(&self, namespace: &str, now: i64) -> Option<Refusal> {
        if let Some(list) = &self.namespaces
            && !match_list(namespace, list)
        {
            return Some(Refusal::Namespace(list.clone()));
        }
        if let Some(after) = self.valid_after
            && now < after
        {
            return Some(Refusal::NotYetValid(after));
        }
        if let Some(before) = self.valid_before
            && now > before
        {
            return Some(Refusal::Expired(before));
        }
        None
    }
}

/// The keys trusted to sign briefings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllowedSigners {
    /// The file they were read from, if any.
    pub path: Option<PathBuf>,
    pub signers: Vec<Signer>,
}

impl AllowedSigners {
    /// No trusted key at all: every good signature is from an unknown key.
    pub fn none() -> AllowedSigners {
        AllowedSigners::default()
    }

    /// Reads the file at `path`. A missing file trusts no one and is not an
    /// error; what is wrong with the file is reported, and the lines that
    /// could be read are kept.
    pub fn load(path: &Path) -> (AllowedSigners, Option<Report>) {
        let name = path.display().to_string();
        let error = |message: String| Report {
            path: name.clone(),
            source: None,
            diagnostics: vec![
                Diagnostic::error(message, None)
                    .help("fix the file or the `allowed_signers` setting in config.toml"),
            ],
        };
        let bytes = match read_bounded(path, MAX_ALLOWED_SIGNERS) {
            Ok(Some((bytes, _))) => bytes,
            Ok(None) => {
                return (
                    AllowedSigners {
                        path: Some(path.to_path_buf()),
                        signers: Vec::new(),
                    },
                    None,
                );
            }
            Err(why) => return (AllowedSigners::none(), Some(error(why))),
        };
        let Ok(text) = String::from_utf8(bytes) else {
            return (
                AllowedSigners::none(),
                Some(error("the file is not UTF-8 text".to_string())),
            );
        };
        let (mut signers, report) = AllowedSigners::parse(&text, &name);
        signers.path = Some(path.to_path_buf());
        (signers, report)
    }

    /// Reads the file's text; `name` names it in the report.
    pub fn parse(text: &str, name: &str) -> (AllowedSigners, Option<Report>) {
        let mut signers = Vec::new();
        let mut diagnostics = Vec::new();
        let mut start = 0;
        for (n, line) in text.split_inclusive('\n').enumerate() {
            match parse_line(line, start) {
                Ok(Some(mut signer)) => {
                    signer.line = n + 1;
                    signers.push(signer);
                }
                Ok(None) => {}
                Err(diagnostic) => diagnostics.push(*diagnostic),
            }
            start += line.len();
        }
        let report = (!diagnostics.is_empty()).then(|| Report {
            path: name.to_string(),
            source: Some(text.to_string()),
            diagnostics,
        });
        (
            AllowedSigners {
                path: None,
                signers,
            },
            report,
        )
    }

    /// The lines for `key` used as a key of its own (not as an authority).
    pub fn for_key<'a>(&'a self, key: &'a KeyData) -> impl Iterator<Item = &'a Signer> + 'a {
        self.signers
            .iter()
            .filter(move |s| !s.cert_authority && s.key == *key)
    }

    /// The authority lines for `key`.
    pub fn for_authority<'a>(&'a self, key: &'a KeyData) -> impl Iterator<Item = &'a Signer> + 'a {
        self.signers
            .iter()
            .filter(move |s| s.cert_authority && s.key == *key)
    }
}

/// The key types a line may name.
const KEY_TYPES: &[&str] = &[
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "ssh-dss",
];

/// A line's next token, split at white space outside double quotes, with
/// its byte range in the line.
fn token(line: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &line[from..];
    let start = from + (rest.len() - rest.trim_start().len());
    if start >= line.len() {
        return None;
    }
    let mut quoted = false;
    for (i, c) in line[start..].char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => return Some((start, start + i)),
            _ => {}
        }
    }
    Some((start, line.len()))
}

fn parse_line(line: &str, offset: usize) -> Result<Option<Signer>, Box<Diagnostic>> {
    let at = |range: (usize, usize)| Some(offset + range.0..offset + range.1);
    let trimmed = line.trim_start();
    if trimmed.trim().is_empty() || trimmed.starts_with('#') {
        return Ok(None);
    }
    let Some(principals) = token(line, 0) else {
        return Ok(None);
    };
    let mut next = token(line, principals.1).ok_or_else(|| {
        Diagnostic::error("a line needs principals, then a key", at(principals))
            .label("only principals")
            .help("write `alice@example.org ssh-ed25519 AAAA…` (the key as in a .pub file)")
    })?;
    let mut signer = Signer {
        principals: line[principals.0..principals.1]
            .trim_matches('"')
            .to_string(),
        cert_authority: false,
        namespaces: None,
        valid_after: None,
        valid_before: None,
        key: KeyData::Ed25519(ssh_key::public::Ed25519PublicKey([0; 32])),
        line: 0,
    };
    if !KEY_TYPES.contains(&&line[next.0..next.1]) {
        parse_options(&line[next.0..next.1], offset + next.0, &mut signer)?;
        next = token(line, next.1).ok_or_else(|| {
            Diagnostic::error("a key must follow the options", at(next))
                .label("options, then nothing")
                .help("write the key type and key after the options: `ssh-ed25519 AAAA…`")
        })?;
    }
    let kind = next;
    let key_type = &line[kind.0..kind.1];
    if !KEY_TYPES.contains(&key_type) {
        return Err(
            Diagnostic::error(format!("unknown key type `{key_type}`"), at(kind))
                .label("not a key type")
                .help(format!("key types: {}", KEY_TYPES.join(", ")))
                .into(),
        );
    }
    let Some(blob) = token(line, kind.1) else {
        return Err(Diagnostic::error("the key itself is missing", at(kind))
            .label("a key type, then nothing")
            .help("copy the whole line of the signer's .pub file")
            .into());
    };
    let text = format!("{key_type} {}", &line[blob.0..blob.1]);
    let key = PublicKey::from_openssh(&text).map_err(|e| {
        Diagnostic::error(
            format!("this is not a valid {key_type} key ({e})"),
            at(blob),
        )
        .label("not a key")
        .help("copy the whole line of the signer's .pub file")
    })?;
    signer.key = key.key_data().clone();
    Ok(Some(signer))
}

/// Reads `cert-authority,namespaces="…",valid-after="…",valid-before="…"`
/// into `signer`; `offset` is where `text` starts in the file.
fn parse_options(text: &str, offset: usize, signer: &mut Signer) -> Result<(), Box<Diagnostic>> {
    let mut start = 0;
    let mut quoted = false;
    let mut options = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                options.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    options.push((start, text.len()));
    for (from, to) in options {
        let option = &text[from..to];
        let span = Some(offset + from..offset + to);
        let (name, value) = match option.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (option, None),
        };
        let has_value = value.is_some();
        let value = |what: &str| -> Result<String, Box<Diagnostic>> {
            match value.and_then(|v| v.strip_prefix('"')?.strip_suffix('"')) {
                Some(v) if !v.contains('"') => Ok(v.to_string()),
                _ => Err(Diagnostic::error(
                    format!("`{}` needs a value in double quotes", name.to_lowercase()),
                    span.clone(),
                )
                .label("no quoted value")
                .help(format!("write {}=\"{what}\"", name.to_lowercase()))
                .into()),
            }
        };
        match name.to_ascii_lowercase().as_str() {
            "cert-authority" if !has_value => signer.cert_authority = true,
            "namespaces" => signer.namespaces = Some(value("brief")?),
            "valid-after" => signer.valid_after = Some(time(&value("20250101")?, span)?),
            "valid-before" => signer.valid_before = Some(time(&value("20261231")?, span)?),
            _ => {
                return Err(
                    Diagnostic::error(format!("unknown option `{option}`"), span)
                        .label("not an option")
                        .help(
                            "the options are cert-authority, namespaces=\"…\", \
                             valid-after=\"…\" and valid-before=\"…\"; a key type \
                             such as ssh-ed25519 may be misspelt",
                        )
                        .into(),
                );
            }
        }
    }
    Ok(())
}

/// A `valid-after`/`valid-before` time, as OpenSSH reads it: `YYYYMMDD`,
/// `YYYYMMDDHHMM` or `YYYYMMDDHHMMSS`, in local time, or in UTC with a
/// trailing `Z`.
fn time(text: &str, span: Option<std::ops::Range<usize>>) -> Result<i64, Box<Diagnostic>> {
    let bad = || {
        Box::new(
            Diagnostic::error(format!("`{text}` is not a time"), span.clone())
                .label("not a time")
                .help("write YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, with Z at the end for UTC"),
        )
    };
    let (digits, utc) = match text.strip_suffix(['Z', 'z']) {
        Some(digits) => (digits, true),
        None => (text, false),
    };
    if !matches!(digits.len(), 8 | 12 | 14) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let field = |range: std::ops::Range<usize>| -> i64 {
        digits
            .get(range)
            .and_then(|d| d.parse().ok())
            .unwrap_or_default()
    };
    let (year, month, day) = (field(0..4), field(4..6), field(6..8));
    let (hour, minute, second) = (field(8..10), field(10..12), field(12..14));
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if !(1..=days_in_month).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return Err(bad());
    }
    if utc {
        return Ok(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second);
    }
    local_time(year, month, day, hour, minute, second).ok_or_else(bad)
}

/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar.
pub(super) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Seconds since 1970 of a local time, by the system's time zone rules.
fn local_time(year: i64, month: i64, day: i64, hour: i64, minute: i64, second: i64) -> Option<i64> {
    // SAFETY: `tm` is plain data; all-zero is a valid value of it.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = i32::try_from(year - 1900).ok()?;
    tm.tm_mon = i32::try_from(month - 1).ok()?;
    tm.tm_mday = i32::try_from(day).ok()?;
    tm.tm_hour = i32::try_from(hour).ok()?;
    tm.tm_min = i32::try_from(minute).ok()?;
    tm.tm_sec = i32::try_from(second).ok()?;
    tm.tm_isdst = -1;
    // SAFETY: `mktime` reads and normalises the `tm` we own.
    let time = unsafe { libc::mktime(&mut tm) };
    // `time_t` is not i64 everywhere.
    #[allow(clippy::useless_conversion)]
    (time != -1).then_some(i64::from(time))
}

/// Whether `text` matches a comma-separated list of patterns (`*` and `?`
/// wildcards, `!` to exclude), as OpenSSH's `match_pattern_list`: it must
/// match one pattern and no excluded one.
pub fn match_list(text: &str, list: &str) -> bool {
    let mut matched = false;
    for pattern in list.split(',') {
        let pattern = pattern.trim();
        match pattern.strip_prefix('!') {
            Some(excluded) if glob(text.as_bytes(), excluded.as_bytes()) => return false,
            Some(_) => {}
            None => matched |= glob(text.as_bytes(), pattern.as_bytes()),
        }
    }
    matched
}

/// `*` matches any run of bytes, `?` any one byte.
fn glob(text: &[u8], pattern: &[u8]) -> bool {
    let (mut t, mut p) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == b'?' || c == text[t] => {
                t += 1;
                p += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ1vd7QzxoDhUz5oBUsxWmxE0YXBzwLmG1lEmSI8Oy8H";

    #[test]
    fn patterns_match_like_openssh() {
        assert!(match_list("brief", "brief"));
        assert!(match_list("brief", "git,brief"));
        assert!(match_list("brief", "b*"));
        assert!(match_list("brief", "br?ef"));
        assert!(!match_list("brief", "git"));
        assert!(!match_list("brief", "*,!brief"));
        assert!(!match_list("brief", ""));
        assert!(match_list("a@example.org", "*@example.org"));
    }

    #[test]
    fn utc_times_are_exact() {
        assert_eq!(time("19700101Z", None).ok(), Some(0));
        assert_eq!(time("20240229120000Z", None).ok(), Some(1_709_208_000));
        assert_eq!(time("202402291200Z", None).ok(), Some(1_709_208_000));
        assert!(time("20230229Z", None).is_err());
        assert!(time("2024", None).is_err());
        assert!(time("2024010x", None).is_err());
    }

    #[test]
    fn lines_with_options_comments_and_mistakes() {
        let text = format!(
            "# team keys\n\nalice@example.org {KEY} alice's laptop\n\
             \"bob@example.org\" namespaces=\"brief,git\",valid-before=\"20300101Z\" {KEY}\n\
             carol@example.org nmespaces=\"brief\" {KEY}\n\
             dave@example.org ssh-ed25519 notbase64\n\
             *@example.org cert-authority {KEY}\n"
        );
        let (signers, report) = AllowedSigners::parse(&text, "allowed_signers");
        let principals: Vec<&str> = signers
            .signers
            .iter()
            .map(|s| s.principals.as_str())
            .collect();
        assert_eq!(
            principals,
            ["alice@example.org", "bob@example.org", "*@example.org"]
        );
        assert_eq!(signers.signers[0].line, 3);
        let bob = &signers.signers[1];
        assert_eq!(bob.namespaces.as_deref(), Some("brief,git"));
        assert_eq!(bob.valid_before, Some(1_893_456_000));
        assert!(signers.signers[2].cert_authority);
        let shown = report.expect("two bad lines").render();
        assert!(
            shown.contains("allowed_signers:5:19: error: unknown option `nmespaces=\"brief\"`"),
            "{shown}"
        );
        assert!(
            shown.contains("allowed_signers:6:30: error: this is not a valid ssh-ed25519 key"),
            "{shown}"
        );
    }

    #[test]
    fn refusals_follow_the_options() {
        let (signers, _) = AllowedSigners::parse(
            &format!(
                "a namespaces=\"git\" {KEY}\nb valid-after=\"20300101Z\" {KEY}\nc valid-before=\"20200101Z\" {KEY}\nd {KEY}\n"
            ),
            "s",
        );
        let now = 1_750_000_000;
        let refusals: Vec<Option<Refusal>> = signers
            .signers
            .iter()
            .map(|s| s.refusal("brief", now))
            .collect();
        assert_eq!(
            refusals,
            [
                Some(Refusal::Namespace("git".into())),
                Some(Refusal::NotYetValid(1_893_456_000)),
                Some(Refusal::Expired(1_577_836_800)),
                None
            ]
        );
    }
}
