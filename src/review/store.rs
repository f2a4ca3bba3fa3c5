//! The review state on disk: one TOML file per briefing in the data
//! directory. Every save takes a lock on a sidecar file, re-reads what is
//! there, applies this reader's changes on top, and replaces the file
//! atomically (temporary file, fsync, rename, fsync of the directory), so a
//! crash at any moment leaves the old file or the new one, never a torn one.

use std::fs::{self, File};
use std::io::{self, Write};
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
    /// Set when an unreadable file was moved aside.
    pub notice: Option<String>,
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

    fn lock(&self) -> io::Result<File> {
        fs::create_dir_all(&self.dir)?;
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join(format!("{}.lock", self.briefing)))?;
        file.lock()?;
        Ok(file)
    }

    /// Reads the state, starting empty when there is none. A file that
    /// cannot be parsed is moved aside, never overwritten.
    pub fn load(&self) -> io::Result<Loaded> {
        let _lock = self.lock()?;
        let mut loaded = self.read()?;
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
        let text = fs::read_to_string(self.place_path()).ok()?;
        toml::from_str(&text).ok()
    }

    /// Records where the reader is.
    pub fn save_place(&self, place: &Place) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let text = toml::to_string(place).map_err(io::Error::other)?;
        write_atomic(&self.place_path(), text.as_bytes())
    }

    fn read(&self) -> io::Result<Loaded> {
        let path = self.path();
        let text = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Loaded {
                    review: Review::new(&self.briefing),
                    notice: None,
                });
            }
            Err(e) => return Err(e),
        };
        let parsed = String::from_utf8(text)
            .map_err(|_| "it is not UTF-8 text".to_string())
            .and_then(|text| Review::from_toml(&text))
            .and_then(|review| {
                if review.briefing == self.briefing {
                    Ok(review)
                } else {
                    Err(format!("it belongs to briefing `{}`", review.briefing))
                }
            });
        match parsed {
            Ok(review) => Ok(Loaded {
                review,
                notice: None,
            }),
            Err(why) => {
                let seconds = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                let aside = self
                    .dir
                    .join(format!("{}.unreadable-{seconds}.toml", self.briefing));
                fs::rename(&path, &aside)?;
                sync_dir(&self.dir)?;
                let notice = format!(
                    "The review state could not be read ({why}); it was moved to {} and a new one started",
                    aside.display()
                );
                Ok(Loaded {
                    review: Review::new(&self.briefing),
                    notice: Some(notice),
                })
            }
        }
    }

    /// Saves `changes` over whatever is on disk now and returns the merged
    /// state, with any notice about a file that had to be moved aside.
    pub fn commit(&self, changes: &[Change]) -> io::Result<Loaded> {
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
        let mut loaded = self.read()?;
        for change in changes {
            loaded.review.apply(change);
        }
        write_atomic(&self.path(), loaded.review.to_toml().as_bytes())?;
        Ok(loaded)
    }
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Replaces `path` with `bytes` so that readers see the old or the new file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // A bare file name has an empty parent: the current directory.
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".brief-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}
