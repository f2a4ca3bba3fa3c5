//! Reading and writing files so that nothing can hang, exhaust memory or
//! clobber what it should not: reads are bounded and refuse FIFOs and
//! devices where a file is expected; writes replace a file atomically
//! (through a symbolic link, keeping the file's mode) and name their
//! temporary files so that leftovers of a killed process can be told from
//! another process's work under way.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// What kind of thing is at a path that should be a regular file, for
/// messages: "a FIFO", "a directory".
fn kind_of(file_type: fs::FileType) -> &'static str {
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_fifo() {
        "a FIFO"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

/// Opens a regular file for reading without ever blocking on a FIFO (it
/// is opened non-blocking and refused once its type is known).
pub fn open_regular(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let file_type = file.metadata()?.file_type();
    if !file_type.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is {}, not a file", path.display(), kind_of(file_type)),
        ));
    }
    Ok(file)
}

/// Reads at most `limit` bytes from `reader`; more is an error saying so.
pub fn read_at_most(reader: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

fn too_large(limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("it is over the limit of {}", human_size(limit)),
    )
}

/// A size as people read it: `512 KiB`, `64 MiB`.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Reads a regular file of at most `limit` bytes. A FIFO, device or
/// directory is refused at once, and a larger file before it is read.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    if file.metadata()?.len() > limit {
        return Err(too_large(limit));
    }
    // The file was opened non-blocking; reads of a regular file never block.
    read_at_most(file, limit)
}

/// Where a write to `path` really lands: the target of a symbolic link
/// (followed to the end), or `path` itself.
pub fn resolve_target(path: &Path) -> io::Result<PathBuf> {
    let mut target = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&target) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&target)?;
                target = match target.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(target),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("too many symbolic links at {}", path.display()),
    ))
}

/// The directory a path's file lives in (`.` for a bare name).
fn dir_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The prefix of brief's temporary files in a directory, with the writing
/// process's id, so that a leftover of a dead process can be recognised.
fn temp_prefix() -> String {
    format!(".brief-{}-", std::process::id())
}

/// Replaces the file at `path` with `bytes`, atomically: readers see the
/// old file or the new one, never a part. A symbolic link is followed and
/// its target replaced (the link stays); the file keeps its mode (a new
/// file gets `new_mode`, less the umask's bits as usual for new files).
pub fn write_atomic(path: &Path, bytes: &[u8], new_mode: u32) -> io::Result<()> {
    let target = resolve_target(path)?;
    let mode = match fs::metadata(&target) {
        Ok(meta) if meta.is_file() => meta.permissions().mode() & 0o7777,
        Ok(meta) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is {}, not a file",
                    target.display(),
                    kind_of(meta.file_type())
                ),
            ));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => new_mode & !umask(),
        Err(e) => return Err(e),
    };
    let dir = dir_of(&target);
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix())
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file()
        .set_permissions(fs::Permissions::from_mode(mode))?;
    temp.as_file().sync_all()?;
    temp.persist(&target).map_err(|e| e.error)?;
    File::open(dir)?.sync_all()
}

/// The process's file-creation mask.
fn umask() -> u32 {
    // SAFETY: `umask` only sets and returns the mask; it is set back at once.
    let mask = unsafe { libc::umask(0o022) };
    // SAFETY: as above.
    unsafe { libc::umask(mask) };
    mask
}

/// Writes `bytes` where a user asked for output: a regular file (or one
/// to create) is replaced atomically, keeping its mode, through a symbolic
/// link; a device or FIFO (`/dev/stdout`, a pipe) is written directly.
/// Every failure is an error, a full disk included.
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // What the path leads to, as the kernel follows it (`/dev/stdout` is a
    // link to a link to a pipe, which no path names).
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() => write_atomic(path, bytes, 0o666),
        Ok(meta) if meta.is_dir() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is a directory", path.display()),
        )),
        Ok(_) => {
            let mut out = OpenOptions::new().write(true).open(path)?;
            out.write_all(bytes)?;
            out.flush()?;
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => write_atomic(path, bytes, 0o666),
        Err(e) => Err(e),
    }
}

/// True when two paths name the same file (following links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// Whether a process with this id is running.
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only asks whether the process exists.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Removes brief's own temporary files in `dir` (named `<prefix><pid>-…`
/// and ending in `suffix`) left by processes that are gone. A file of a
/// running process is another reader's work under way, and stays; so does
/// one changed in the last minute, whatever its name says.
pub fn remove_leftovers(dir: &Path, prefix: &str, suffix: &str) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let recent = SystemTime::now() - Duration::from_secs(60);
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(prefix)) else {
            continue;
        };
        if !rest.ends_with(suffix) {
            continue;
        }
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let old = meta.modified().is_ok_and(|t| t < recent);
        let dead = pid.is_none_or(|pid| !alive(pid));
        if meta.is_file() && old && dead && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Removes the temporary files of brief's atomic writes left in `dir` by
/// processes that were killed.
pub fn remove_write_leftovers(dir: &Path) -> usize {
    remove_leftovers(dir, ".brief-", ".tmp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("state.toml");
        let c = std::ffi::CString::new(fifo.to_str().expect("utf-8")).expect("c string");
        // SAFETY: a valid, NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let error = read_regular(&fifo, 1024).expect_err("refused");
        assert!(error.to_string().contains("a FIFO"), "{error}");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let big = dir.path().join("big");
        let file = File::create(&big).expect("create");
        file.set_len(30 << 30).expect("a sparse 30 GiB file");
        let error = read_regular(&big, 1 << 20).expect_err("refused");
        assert_eq!(error.kind(), io::ErrorKind::FileTooLarge);
        assert!(error.to_string().contains("1 MiB"), "{error}");
        let error = read_at_most(io::repeat(0), 100).expect_err("endless input");
        assert_eq!(error.kind(), io::ErrorKind::FileTooLarge);
    }

    #[test]
    fn writing_through_a_link_replaces_its_target_and_keeps_the_mode() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.toml");
        fs::write(&real, "old").expect("write");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).expect("chmod");
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink("real.toml", &link).expect("symlink");
        write_atomic(&link, b"new", 0o600).expect("write");
        assert!(
            fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).expect("read"), "new");
        let mode = fs::metadata(&real).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn output_to_a_device_is_written_directly_and_a_full_disk_is_an_error() {
        let error = write_output(Path::new("/dev/full"), b"x").expect_err("disk full");
        assert_eq!(error.raw_os_error(), Some(libc::ENOSPC));
        assert!(
            fs::metadata("/dev/full")
                .expect("still there")
                .file_type()
                .is_char_device()
        );
        write_output(Path::new("/dev/null"), b"x").expect("a device is written");
    }

    #[test]
    fn leftovers_of_dead_processes_go_and_work_under_way_stays() {
        let dir = tempfile::tempdir().expect("tempdir");
        let old = SystemTime::now() - Duration::from_secs(600);
        let make = |name: &str| {
            let path = dir.path().join(name);
            let file = File::create(&path).expect("create");
            file.set_modified(old).expect("age it");
            path
        };
        // A pid that cannot be running (above the kernel's limit).
        let dead = make(".brief-4194305-abc.tmp");
        let mine = make(&format!(".brief-{}-abc.tmp", std::process::id()));
        let other = make("notes.tmp");
        assert_eq!(remove_write_leftovers(dir.path()), 1);
        assert!(!dead.exists() && mine.exists() && other.exists());
    }
}
