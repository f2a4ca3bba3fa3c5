//! A library of briefings: the files in some folders (and the built-in
//! briefing), each with a small summary — title, date, handling, and every
//! item's id and fingerprint — from which its review progress is counted
//! against its review state without loading the briefing again.
//!
//! Summaries are kept in the cache directory, one file per briefing file,
//! keyed by the file's path, size and modification time, with a hash of
//! its content that a later check confirms: a file that changed is read
//! again, and a summary is never shown for a content it was not made from.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::model::PartialDate;
use crate::review::{Fingerprints, Review, status_of};

/// Where a library entry's briefing comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    File(PathBuf),
    BuiltIn,
}

impl Origin {
    pub fn path(&self) -> Option<&Path> {
        match self {
            Origin::File(path) => Some(path),
            Origin::BuiltIn => None,
        }
    }

    /// How the entry is named in messages.
    pub fn name(&self) -> String {
        match self {
            Origin::File(path) => path.display().to_string(),
            Origin::BuiltIn => crate::DEFAULT_BRIEFING_NAME.to_string(),
        }
    }
}

/// What a library row shows of a briefing, made from one reading of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub id: String,
    pub title: String,
    pub as_of: Option<PartialDate>,
    pub handling: Option<String>,
    /// Every item's id and fingerprint, in reading order.
    pub prints: Vec<(Box<str>, Box<str>)>,
    /// How many errors the file has (0 for a briefing that loads).
    pub errors: usize,
}

impl Summary {
    /// The summary of a loaded briefing.
    pub fn of(b: &crate::Briefing) -> Summary {
        let prints = Fingerprints::of(b)
            .all()
            .into_iter()
            .map(|(id, print)| (id.into_boxed_str(), print.into_boxed_str()))
            .collect();
        Summary {
            id: b.meta.id.clone(),
            title: b.meta.title.clone(),
            as_of: b.meta.as_of,
            handling: b.meta.handling.clone(),
            prints,
            errors: 0,
        }
    }

    /// Reads a briefing file (or the built-in briefing) for its summary,
    /// and the report of its problems when it does not load.
    pub fn read(origin: &Origin) -> (Summary, Option<crate::Report>) {
        let checked = match origin {
            Origin::File(path) => crate::load::check_file(path),
            Origin::BuiltIn => {
                crate::load::check_str(crate::DEFAULT_BRIEFING, crate::DEFAULT_BRIEFING_NAME)
            }
        };
        match checked.briefing {
            Some(b) if !checked.report.has_errors() => (Summary::of(&b), None),
            _ => {
                let errors = checked.report.errors().count().max(1);
                let summary = Summary {
                    title: origin
                        .path()
                        .and_then(|p| p.file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    errors,
                    ..Summary::default()
                };
                (summary, Some(checked.report))
            }
        }
    }
}

/// Review progress of a briefing, as the library shows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub items: usize,
    pub reviewed: usize,
    pub flagged: usize,
    pub notes: usize,
    pub changed: usize,
    pub new: usize,
}

impl Counts {
    /// The counts of `summary`'s items in `review`, as the reader counts
    /// them (a stale review mark is not reviewed).
    pub fn of(summary: &Summary, review: &Review) -> Counts {
        let mut counts = Counts::default();
        for (id, print) in &summary.prints {
            let s = status_of(review, id, print);
            counts.items += 1;
            counts.reviewed += usize::from(s.reviewed && !s.stale);
            counts.flagged += usize::from(s.flagged);
            counts.notes += usize::from(s.note);
            counts.changed += usize::from(s.changed);
            counts.new += usize::from(s.new);
        }
        counts
    }

    /// Items left to review: not reviewed, or changed since.
    pub fn left(&self) -> usize {
        self.items - self.reviewed
    }

    pub fn finished(&self) -> bool {
        self.items > 0 && self.left() == 0 && self.changed + self.new == 0
    }
}

/// The briefing files that `paths` name: a file itself, a folder's
/// `.toml` files (not hidden ones, not in sub-folders), in name order,
/// each once.
pub fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        let mut found = Vec::new();
        if path.is_dir() {
            for entry in fs::read_dir(path).into_iter().flatten().flatten() {
                let file = entry.path();
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if !name.starts_with('.') && name.ends_with(".toml") && file.is_file() {
                    found.push(file);
                }
            }
            found.sort();
        } else {
            found.push(path.clone());
        }
        for file in found {
            let key = fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            if seen.insert(key) {
                out.push(file);
            }
        }
    }
    out
}

/// The cache of summaries, in the cache directory's `library/`.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
}

/// A file's size and modification time, which a cached summary must match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub modified: u128,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Stamp {
            size: meta.len(),
            modified,
        })
    }
}

/// A hash of a file's content (FNV-1a, 64 bits), to confirm a cached
/// summary was made from the file as it is; `None` if it cannot be read,
/// or if the library went away meanwhile. Read a megabyte at a time, each
/// after `gate` lets it: a large file neither takes its size in memory nor
/// competes with a briefing being opened.
pub fn content_hash(path: &Path, gate: &Gate) -> Option<u64> {
    use std::io::Read;
    let mut file = crate::files::open_regular(path).ok()?;
    if file.metadata().ok()?.len() > crate::load::MAX_FILE_SIZE {
        return None;
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut block = vec![0; 1 << 20];
    let mut read: u64 = 0;
    loop {
        if !gate.pass() {
            return None;
        }
        let n = match file.read(&mut block) {
            Ok(0) => return Some(hash),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        read += n as u64;
        if read > crate::load::MAX_FILE_SIZE {
            return None;
        }
        for &byte in &block[..n] {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// What a library's threads look at between steps: they wait while it is
/// paused (a briefing is being opened or read: the processor is its), and
/// stop once the library is gone.
#[derive(Clone, Debug)]
pub struct Gate {
    paused: std::sync::Arc<std::sync::atomic::AtomicBool>,
    alive: std::sync::Weak<()>,
}

impl Gate {
    /// A gate for the library that holds `alive`, open while `paused` is
    /// false.
    pub fn new(
        paused: std::sync::Arc<std::sync::atomic::AtomicBool>,
        alive: &std::sync::Arc<()>,
    ) -> Gate {
        Gate {
            paused,
            alive: std::sync::Arc::downgrade(alive),
        }
    }

    /// Waits while paused; false once the library is gone.
    pub fn pass(&self) -> bool {
        loop {
            if self.alive.strong_count() == 0 {
                return false;
            }
            if !self.paused.load(std::sync::atomic::Ordering::Relaxed) {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

/// A cached summary as read back: what it says, and what it was made of.
#[derive(Clone, Debug)]
pub struct Cached {
    pub summary: Summary,
    pub stamp: Stamp,
    pub hash: u64,
}

/// The data directory's `briefings/` folder: briefings put there are in
/// the library that `brief` with no file opens.
pub fn briefings_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "brief").map(|d| d.data_dir().join("briefings"))
}

/// The cache directory brief uses: `<cache dir>/library`.
pub fn cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "brief").map(|d| d.cache_dir().join("library"))
}

impl Cache {
    pub fn new(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// The cache file of a briefing file: named by a hash of its path.
    fn file_of(&self, path: &Path) -> PathBuf {
        let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in absolute.to_string_lossy().bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.dir.join(format!("{hash:016x}.summary"))
    }

    /// The summary cached for `path`, if it was made from a file of the
    /// same path, size and modification time and takes at most `limit`
    /// bytes. Its `hash` is for the caller to confirm (see
    /// [`content_hash`]).
    pub fn get(&self, path: &Path, stamp: Stamp, limit: u64) -> Option<Cached> {
        let bytes = crate::files::read_regular(&self.file_of(path), limit).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let cached = parse(&text)?;
        let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        (cached.0 == absolute.to_string_lossy() && cached.1.stamp == stamp).then_some(cached.1)
    }

    /// Keeps a summary for `path` (best effort: a cache that cannot be
    /// written only costs a reading next time).
    pub fn put(&self, path: &Path, cached: &Cached) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let mut out = Vec::new();
        let s = &cached.summary;
        let line = |v: &str| v.replace(['\n', '\r', '\t'], " ");
        writeln!(out, "brief-library-summary 1")?;
        writeln!(out, "path\t{}", line(&absolute.to_string_lossy()))?;
        writeln!(out, "size\t{}", cached.stamp.size)?;
        writeln!(out, "modified\t{}", cached.stamp.modified)?;
        writeln!(out, "hash\t{:016x}", cached.hash)?;
        writeln!(out, "errors\t{}", s.errors)?;
        writeln!(out, "id\t{}", line(&s.id))?;
        writeln!(out, "title\t{}", line(&s.title))?;
        writeln!(
            out,
            "as_of\t{}",
            s.as_of.map(|d| d.to_string()).unwrap_or_default()
        )?;
        writeln!(
            out,
            "handling\t{}",
            line(s.handling.as_deref().unwrap_or_default())
        )?;
        writeln!(out, "items")?;
        for (id, print) in &s.prints {
            writeln!(out, "{}\t{print}", line(id))?;
        }
        crate::files::write_atomic(&self.file_of(path), &out, 0o600)
    }
}

/// Reads a cache file: the path it is for, and the summary.
fn parse(text: &str) -> Option<(String, Cached)> {
    let mut lines = text.lines();
    if lines.next()? != "brief-library-summary 1" {
        return None;
    }
    let mut field = |name: &str| -> Option<String> {
        let line = lines.next()?;
        let (key, value) = line.split_once('\t')?;
        (key == name).then(|| value.to_string())
    };
    let path = field("path")?;
    let size = field("size")?.parse().ok()?;
    let modified = field("modified")?.parse().ok()?;
    let hash = u64::from_str_radix(&field("hash")?, 16).ok()?;
    let errors = field("errors")?.parse().ok()?;
    let id = field("id")?;
    let title = field("title")?;
    let as_of = field("as_of")?;
    let handling = field("handling")?;
    if lines.next()? != "items" {
        return None;
    }
    let mut prints = Vec::new();
    for line in lines {
        let (id, print) = line.split_once('\t')?;
        prints.push((id.into(), print.into()));
    }
    let summary = Summary {
        id,
        title,
        as_of: (!as_of.is_empty())
            .then(|| PartialDate::parse(&as_of).ok())
            .flatten(),
        handling: (!handling.is_empty()).then_some(handling),
        prints,
        errors,
    };
    Some((
        path,
        Cached {
            summary,
            stamp: Stamp { size, modified },
            hash,
        },
    ))
}

/// When a briefing was last opened: when its reader last kept its place.
pub fn last_opened(reviews: &Path, id: &str) -> Option<SystemTime> {
    fs::metadata(reviews.join(format!("{id}.place")))
        .and_then(|m| m.modified())
        .ok()
}

/// How long ago `then` was, short: `just now`, `5 min ago`, `3 h ago`,
/// `2 d ago`, `4 wk ago`, `2 yr ago` (at most nine columns).
pub fn ago(then: SystemTime, now: SystemTime) -> String {
    let seconds = now.duration_since(then).map_or(0, |d| d.as_secs());
    match seconds {
        0..60 => "just now".to_string(),
        60..3600 => format!("{} min ago", seconds / 60),
        3600..86_400 => format!("{} h ago", seconds / 3600),
        86_400..1_209_600 => format!("{} d ago", seconds / 86_400),
        1_209_600..31_536_000 => format!("{} wk ago", seconds / 604_800),
        _ => format!("{} yr ago", seconds / 31_536_000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_hash_is_read_in_blocks_and_waits_at_the_gate() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("b.toml");
        // Over two blocks, with a byte that differs in the last one.
        let mut bytes: Vec<u8> = (0..(5u32 << 19)).map(|i| (i % 251) as u8).collect();
        fs::write(&file, &bytes).expect("write");
        let whole = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |hash, &byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
        let alive = std::sync::Arc::new(());
        let paused = std::sync::Arc::new(AtomicBool::new(false));
        let gate = Gate::new(paused.clone(), &alive);
        assert_eq!(content_hash(&file, &gate), Some(whole));
        *bytes.last_mut().expect("bytes") ^= 1;
        fs::write(&file, &bytes).expect("write");
        assert_ne!(content_hash(&file, &gate), Some(whole));
        // Paused, it waits until let go.
        paused.store(true, Ordering::Relaxed);
        let hashing = std::thread::spawn({
            let (file, gate) = (file.clone(), gate.clone());
            move || content_hash(&file, &gate)
        });
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert!(!hashing.is_finished(), "a paused gate holds the thread");
        paused.store(false, Ordering::Relaxed);
        assert!(hashing.join().expect("thread").is_some());
        // Once the library is gone, nothing is read.
        drop(alive);
        assert_eq!(content_hash(&file, &gate), None);
    }

    #[test]
    fn a_summary_round_trips_through_the_cache() {
        let alive = std::sync::Arc::new(());
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("b.toml");
        fs::write(&file, crate::DEFAULT_BRIEFING).expect("write");
        let (summary, report) = Summary::read(&Origin::File(file.clone()));
        assert!(report.is_none());
        let stamp = Stamp::of(&file).expect("stamp");
        let cached = Cached {
            summary: summary.clone(),
            stamp,
            hash: content_hash(&file, &Gate::new(Default::default(), &alive)).expect("hash"),
        };
        let cache = Cache::new(dir.path().join("cache"));
        cache.put(&file, &cached).expect("put");
        let back = cache
            .get(&file, stamp, crate::load::MAX_FILE_SIZE)
            .expect("cached");
        assert_eq!(back.summary, summary);
        assert_eq!(back.hash, cached.hash);
        // Another size or time, and the cache does not answer.
        let other = Stamp {
            size: stamp.size + 1,
            ..stamp
        };
        assert!(
            cache
                .get(&file, other, crate::load::MAX_FILE_SIZE)
                .is_none()
        );
    }

    #[test]
    fn counts_are_the_readers() {
        let b = crate::Briefing::from_str(crate::DEFAULT_BRIEFING, "b").expect("valid");
        let summary = Summary::of(&b);
        let mut review = Review::new(&b.meta.id);
        let prints = Fingerprints::of(&b);
        let (id, print) = prints
            .get(crate::model::ItemRef::Quote(0))
            .expect("a quote");
        review.apply(&crate::review::Change::Reviewed {
            item: id.to_string(),
            fingerprint: Some(print.to_string()),
        });
        review.apply(&crate::review::Change::Flagged {
            item: id.to_string(),
            on: true,
        });
        let counts = Counts::of(&summary, &review);
        assert_eq!((counts.reviewed, counts.flagged), (1, 1));
        assert_eq!(counts.items, b.items.total());
    }

    #[test]
    fn time_ago_reads_as_people_say_it() {
        let now = SystemTime::now();
        let minus = |s| now - std::time::Duration::from_secs(s);
        assert_eq!(ago(minus(5), now), "just now");
        assert_eq!(ago(minus(300), now), "5 min ago");
        assert_eq!(ago(minus(7200), now), "2 h ago");
        assert_eq!(ago(minus(3 * 86_400), now), "3 d ago");
        assert_eq!(ago(minus(30 * 86_400), now), "4 wk ago");
        assert_eq!(ago(minus(800 * 86_400), now), "2 yr ago");
    }
}
