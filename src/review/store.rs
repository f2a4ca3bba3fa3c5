//! The review state on disk: one TOML file per briefing in the data
//! directory. Every save takes a lock on a sidecar file, re-reads what is
//! there, applies this reader's changes on top, and replaces the file
//! atomically (temporary file, fsync, rename, fsync of the directory), so a
//! crash at any moment leaves the old file or the new one, never a torn one.

use std::fs::{self, File};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use super::{Change, Place, Review};

/// How many saves are under way in this process: something that must end
/// the process (a hung-up terminal) waits for them.
static SAVES: AtomicUsize = AtomicUsize::new(0);

/// True while a save is under way.
pub fn saving() -> bool {
    SAVES.load(Ordering::SeqCst) > 0
}

struct Saving;

impl Saving {
    fn start() -> Saving {
        SAVES.fetch_add(1, Ordering::SeqCst);
        Saving
    }
}

impl Drop for Saving {
    fn drop(&mut self) {
        SAVES.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Where review states live: `<data dir>/reviews`.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "brief").map(|dirs| dirs.data_dir().join("reviews"))
}

/// The largest state file read: generous (a note holds at most 1 MiB,
/// and a briefing of a million items has a `seen` table of about 50 MiB),
/// and never more than memory allows.
pub const MAX_STATE: u64 = 256 << 20;

/// Where the searches made in the reader are kept: beside the reviews.
pub fn history_path() -> Option<PathBuf> {
    data_dir().and_then(|dir| dir.parent().map(|p| p.join("search-history")))
}

/// The searches kept at `path`, oldest first (none when there is no file,
/// or it is not one brief can read).
pub fn load_history(path: &Path) -> Vec<String> {
    crate::files::read_regular(path, 64 << 10)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .map(|text| {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| {
                    l.chars()
                        .filter(|c| !crate::sanitize::is_unsafe(*c))
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Keeps the searches at `path`, one a line.
pub fn save_history(path: &Path, searches: &[String]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut text = searches.join("\n");
    text.push('\n');
    write_atomic(path, text.as_bytes())
}

/// A briefing's review state file.
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
    briefing: String,
}

/// A state as loaded, and what the user must be told about it.
#[derive(Debug)]
pub struct Loaded {
    pub review: Review,
    /// Set when an unreadable file was moved aside, or another surprise.
    pub notice: Option<String>,
    /// Set when the state may be shown but must not be written: why.
    pub read_only: Option<String>,
}

impl Loaded {
    fn fresh(briefing: &str) -> Loaded {
        Loaded {
            review: Review::new(briefing),
            notice: None,
            read_only: None,
        }
    }
}

/// What is wrong with a state file on disk.
enum Unreadable {
    /// Damaged or not a state: moved aside when it is replaced.
    Damaged(String),
    /// Written by a newer brief: shown if it can be, never replaced.
    Newer(Review, u32),
}

impl Store {
    /// The store for a briefing id (ids are safe file names: `[a-z0-9._-]`).
    pub fn new(dir: impl Into<PathBuf>, briefing: &str) -> Store {
        Store {
            dir: dir.into(),
            briefing: briefing.to_string(),
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(format!("{}.toml", self.briefing))
    }

    /// The store of another briefing in the same folder.
    pub fn for_briefing(&self, briefing: &str) -> Store {
        Store::new(self.dir.clone(), briefing)
    }

    /// Takes the lock on the sidecar file. A lock file that is a symbolic
    /// link is refused, never followed: brief creates no file outside its
    /// folder.
    fn lock(&self) -> io::Result<File> {
        fs::create_dir_all(&self.dir)?;
        let path = self.dir.join(format!("{}.lock", self.briefing));
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(&path)
            .map_err(|e| match e.raw_os_error() {
                Some(libc::ELOOP) => io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "the lock file {} is a symbolic link; brief does not follow it",
                        path.display()
                    ),
                ),
                _ => e,
            })?;
        if !file.metadata()?.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("the lock file {} is not a file", path.display()),
            ));
        }
        file.lock()?;
        Ok(file)
    }

    /// The state as saved, read without a lock and changing nothing (for a
    /// count of progress): `None` when there is none or it cannot be read.
    pub fn peek(&self) -> Option<Review> {
        match self.read() {
            Ok(Ok(review)) | Ok(Err(Unreadable::Newer(review, _))) => Some(review),
            _ => None,
        }
    }

    /// Reads the state, starting empty when there is none. A file that
    /// cannot be parsed is moved aside, never overwritten; one written by
    /// a newer brief, or in a folder that cannot be written, is shown
    /// read-only. Temporary files left by killed readers are removed.
    pub fn load(&self) -> io::Result<Loaded> {
        let lock = match self.lock() {
            Ok(lock) => Some(lock),
            // A folder that cannot be written can still be read.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                None
            }
            Err(e) => return Err(e),
        };
        crate::files::remove_write_leftovers(&self.dir);
        let mut loaded = match self.read()? {
            Ok(review) => Loaded {
                review,
                ..Loaded::fresh(&self.briefing)
            },
            Err(Unreadable::Newer(review, version)) => Loaded {
                review,
                notice: None,
                read_only: Some(format!(
                    "the review state was written by a newer brief (state version {version}): shown read-only, and nothing is saved"
                )),
            },
            Err(Unreadable::Damaged(why)) if lock.is_none() => Loaded {
                read_only: Some(format!("the review state cannot be read ({why})")),
                ..Loaded::fresh(&self.briefing)
            },
            Err(Unreadable::Damaged(why)) => {
                let aside = self.move_aside()?;
                Loaded {
                    notice: Some(format!(
                        "The review state could not be read ({why}); it was moved to {} and a new one started",
                        aside.display()
                    )),
                    ..Loaded::fresh(&self.briefing)
                }
            }
        };
        if lock.is_none() && loaded.read_only.is_none() {
            loaded.read_only = Some(format!(
                "the folder {} cannot be written: marks are shown read-only, and changes are not saved",
                self.dir.display()
            ));
        }
        if let Some(place) = self.read_place() {
            loaded.review.place = Some(place);
        }
        Ok(loaded)
    }

    /// Where the reader left off lives in a small file of its own, so that
    /// quitting writes a few bytes, not the whole state of a large briefing.
    /// Not `<id>.place.toml`: that is the state file of a briefing `<id>.place`.
    fn place_path(&self) -> PathBuf {
        self.dir.join(format!("{}.place", self.briefing))
    }

    fn read_place(&self) -> Option<Place> {
        let bytes = crate::files::read_regular(&self.place_path(), 64 << 10).ok()?;
        toml::from_str(std::str::from_utf8(&bytes).ok()?).ok()
    }

    /// Records where the reader is.
    pub fn save_place(&self, place: &Place) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let text = toml::to_string(place).map_err(io::Error::other)?;
        write_atomic(&self.place_path(), text.as_bytes())
    }

    /// The state on disk: a missing file is an empty state; a file that is
    /// too large or not a file is an error (and is left as it is).
    fn read(&self) -> io::Result<Result<Review, Unreadable>> {
        let path = self.path();
        let bytes = match crate::files::read_regular(&path, MAX_STATE) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Ok(Review::new(&self.briefing)));
            }
            Err(e) => {
                return Err(io::Error::new(
                    e.kind(),
                    format!("the review state {} is not read: {e}", path.display()),
                ));
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            return Ok(Err(Unreadable::Damaged("it is not UTF-8 text".into())));
        };
        // A newer brief's state is never read by this one in full, so it
        // is looked for only once that reading fails: reading the whole
        // file as a table first took 80 MB for a 3 MB state.
        let review = match Review::from_toml(&text) {
            Ok(review) => review,
            Err(error) => {
                return Ok(Err(match Review::newer(&text) {
                    Some((review, version)) => Unreadable::Newer(review, version),
                    None => Unreadable::Damaged(error),
                }));
            }
        };
        if review.briefing == self.briefing {
            Ok(Ok(review))
        } else {
            Ok(Err(Unreadable::Damaged(format!(
                "it belongs to briefing `{}`",
                review.briefing
            ))))
        }
    }

    /// Moves the state file out of the way, to a name that says why.
    fn move_aside(&self) -> io::Result<PathBuf> {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let aside = self
            .dir
            .join(format!("{}.unreadable-{seconds}.toml", self.briefing));
        fs::rename(self.path(), &aside)?;
        sync_dir(&self.dir)?;
        Ok(aside)
    }

    /// Saves `changes` over whatever is on disk now and returns the merged
    /// state; a damaged file on disk is moved aside and the changes start a
    /// new one.
    pub fn commit(&self, changes: &[Change]) -> io::Result<Loaded> {
        self.save(changes, None)
    }

    /// [`commit`](Self::commit) for a reader whose whole state is `ours`
    /// (the changes applied): when the file on disk was damaged meanwhile,
    /// it is moved aside and `ours` written back, and the notice says so.
    pub fn commit_over(&self, changes: &[Change], ours: &Review) -> io::Result<Loaded> {
        self.save(changes, Some(ours))
    }

    fn save(&self, changes: &[Change], ours: Option<&Review>) -> io::Result<Loaded> {
        let _saving = Saving::start();
        let _lock = self.lock()?;
        // The rename below would replace a file the user made read-only
        // (and, as root, writing would ignore the bit): refuse instead.
        let path = self.path();
        if fs::metadata(&path).is_ok_and(|m| m.permissions().readonly()) {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!("read-only file {}", path.display()),
            ));
        }
        let loaded = match self.read()? {
            Ok(mut review) => {
                for change in changes {
                    review.apply(change);
                }
                Loaded {
                    review,
                    ..Loaded::fresh(&self.briefing)
                }
            }
            Err(Unreadable::Newer(_, version)) => {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    format!(
                        "{} was written by a newer brief (state version {version}) and is not replaced",
                        path.display()
                    ),
                ));
            }
            Err(Unreadable::Damaged(why)) => {
                let aside = self.move_aside()?;
                let (review, kept) = match ours {
                    Some(ours) => (ours.clone(), "your marks and notes were written back"),
                    None => {
                        let mut review = Review::new(&self.briefing);
                        for change in changes {
                            review.apply(change);
                        }
                        (review, "a new one started")
                    }
                };
                let mut review = review;
                review.place = None;
                Loaded {
                    review,
                    notice: Some(format!(
                        "The review state on disk was damaged ({why}): it was moved to {} and {kept}",
                        aside.display()
                    )),
                    read_only: None,
                }
            }
        };
        write_atomic(&path, loaded.review.to_toml().as_bytes())?;
        Ok(loaded)
    }

    /// Writes a whole state as this briefing's: the marks of a briefing
    /// whose id changed, carried to the new id. An existing state is kept.
    pub fn adopt(&self, review: &Review) -> io::Result<bool> {
        let _saving = Saving::start();
        let _lock = self.lock()?;
        if fs::symlink_metadata(self.path()).is_ok() {
            return Ok(false);
        }
        let mut review = review.clone();
        review.briefing = self.briefing.clone();
        review.place = None;
        write_atomic(&self.path(), review.to_toml().as_bytes())?;
        Ok(true)
    }
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Replaces `path` with `bytes` so that readers see the old or the new file
/// (through a symbolic link, whose target is replaced).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    crate::files::write_atomic(path, bytes, 0o600)
}
