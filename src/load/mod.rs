//! Loading a briefing: reading the file safely, parsing TOML, walking the
//! schema, resolving references and building the index.

mod authoring;
mod chunks;
mod fields;
mod references;
mod schema;
mod tree;

use rustc_hash::FxHashMap;
use std::io::Read;
use std::path::Path;

use toml::de::DeTable;

use crate::diagnostic::{Diagnostic, Report};
use crate::model::{Briefing, Index, Kind, Span};

pub use references::{MAX_ID, closest_n, is_valid_id};
pub use schema::FORMAT;
pub(crate) use tree::plain_basic_string;

/// Files larger than this are refused before reading: a briefing of this
/// size would hold millions of items.
pub const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// Collects diagnostics and ids while a file is walked.
#[derive(Default)]
pub(crate) struct Checker {
    diagnostics: Vec<Diagnostic>,
    defined: FxHashMap<String, (Span, Kind)>,
    refs: Vec<references::PendingRef>,
    /// For a piece of a file: the ids it defines, in file order, as where
    /// they are written (no copy: an id written with escapes makes the
    /// piece unreadable). They are defined (and checked for uniqueness)
    /// once the pieces are joined, with the references the piece recorded,
    /// by the same code as a whole file's.
    piece: Option<Vec<chunks::IdSpan>>,
    /// The text being walked, so that references are kept as places in it
    /// rather than copies (see `Checker::refer`).
    text: Option<TextAt>,
    /// What holds each reference: the item, and the field.
    sites: Vec<(std::sync::Arc<str>, &'static str)>,
    /// Ids of references that are not slices of the text.
    owned_ids: Vec<Box<str>>,
    /// A piece held a reference that is not a slice of its text: the file
    /// is read whole instead.
    unsliced: bool,
}

/// Where the text being walked is in memory, and where it starts in the
/// whole text (a piece's offset).
#[derive(Clone, Copy, Debug)]
pub(crate) struct TextAt {
    address: usize,
    len: usize,
    offset: usize,
}

impl TextAt {
    pub(crate) fn of(text: &str, offset: usize) -> TextAt {
        TextAt {
            address: text.as_ptr() as usize,
            len: text.len(),
            offset,
        }
    }
}

impl Checker {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn has_error_in(&self, span: &Span) -> bool {
        self.diagnostics.iter().any(|d| {
            d.span
                .as_ref()
                .is_some_and(|s| s.start >= span.start && s.end <= span.end)
        })
    }
}

/// The outcome of checking one file: the briefing if it is valid, and every
/// diagnostic (errors and warnings) in file order.
pub struct Checked {
    pub briefing: Option<Briefing>,
    pub report: Report,
}

impl Briefing {
    /// Loads and validates a briefing file.
    pub fn load(path: impl AsRef<Path>) -> Result<Briefing, Report> {
        into_result(check_file(path.as_ref()))
    }

    /// Loads and validates briefing text; `name` is used in messages.
    pub fn from_str(text: &str, name: &str) -> Result<Briefing, Report> {
        into_result(check_str(text, name))
    }
}

fn into_result(checked: Checked) -> Result<Briefing, Report> {
    match checked.briefing {
        Some(briefing) if !checked.report.has_errors() => Ok(briefing),
        _ => Err(checked.report),
    }
}

fn file_error(path: &str, diagnostic: Diagnostic) -> Checked {
    Checked {
        briefing: None,
        report: Report {
            path: path.to_string(),
            source: None,
            diagnostics: vec![diagnostic],
        },
    }
}

/// Reads and checks a file, never panicking on what it finds.
pub fn check_file(path: &Path) -> Checked {
    check_file_observed(path, &Progress::default())
}

/// Reads and checks a file, counting the pieces read in `progress`.
pub fn check_file_observed(path: &Path, progress: &Progress) -> Checked {
    let name = path.display().to_string();
    let bytes = match read_limited(path) {
        Ok(bytes) => bytes,
        Err(diagnostic) => return file_error(&name, *diagnostic),
    };
    match std::str::from_utf8(&bytes) {
        Ok(text) => check_str_observed(text, &name, progress),
        Err(error) => {
            let valid = error.valid_up_to();
            // Show where, using the valid text before the bad byte.
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let mut report = Report {
                path: name,
                source: Some(prefix),
                diagnostics: vec![
                    Diagnostic::error(
                        format!(
                            "the file is not valid UTF-8: bad byte 0x{:02x} at byte offset {valid}",
                            bytes[valid]
                        ),
                        Some(valid..valid),
                    )
                    .label("invalid UTF-8 starts here")
                    .help("save the briefing as UTF-8 text"),
                ],
            };
            if bytes.contains(&0) {
                report.diagnostics[0].help = Some("this looks like a binary file, not a briefing: save the briefing as UTF-8 text".into());
            }
            Checked {
                briefing: None,
                report,
            }
        }
    }
}

/// A file's bytes. A large file is read into memory of its own, which goes
/// back to the system as soon as the file is checked: the briefing made from
/// it is then built in memory the file no longer holds.
enum FileBytes {
    Small(Vec<u8>),
    Large(memmap2::MmapMut, usize),
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Small(bytes) => bytes,
            FileBytes::Large(map, len) => &map[..*len],
        }
    }
}

/// Files at least this large are read into memory of their own.
const LARGE_FILE: u64 = 1024 * 1024;

/// Reads a large file whose size is known into memory of its own; `None`
/// when the file turns out larger than it was (it is being written), to be
/// read the ordinary way.
fn read_large(mut file: &std::fs::File, size: usize) -> std::io::Result<Option<FileBytes>> {
    let mut map = memmap2::MmapMut::map_anon(size + 1)?;
    let mut len = 0;
    loop {
        // A megabyte at a time: the process cannot end in the middle of a
        // read, and quitting while a large file loads should not wait for it.
        let end = (len + (1 << 20)).min(size + 1);
        match file.read(&mut map[len..end]) {
            Ok(0) => return Ok(Some(FileBytes::Large(map, len))),
            Ok(n) if len + n > size => return Ok(None),
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

fn read_limited(path: &Path) -> Result<FileBytes, Box<Diagnostic>> {
    let io = |e: std::io::Error| {
        let help = match e.kind() {
            std::io::ErrorKind::NotFound => {
                "check the path; `brief` with no file opens the built-in briefing"
            }
            std::io::ErrorKind::PermissionDenied => {
                "check the file's permissions (it must be readable)"
            }
            _ => "check that the path names a readable briefing file",
        };
        Box::new(Diagnostic::error(format!("cannot read the file: {e}"), None).help(help))
    };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if metadata.is_dir() {
        return Err(Box::new(
            Diagnostic::error("this is a directory, not a briefing file", None)
                .help("name a .toml briefing file inside it"),
        ));
    }
    let too_big = |size: String| {
        Box::new(
            Diagnostic::error(
                format!(
                    "the file is {size}over the limit of {} MiB",
                    MAX_FILE_SIZE / (1024 * 1024)
                ),
                None,
            )
            .help("split the briefing into several files"),
        )
    };
    if metadata.is_file() && metadata.len() > MAX_FILE_SIZE {
        return Err(too_big(format!("{} MiB, ", metadata.len() / (1024 * 1024))));
    }
    let file = open_for_reading(path).map_err(io)?;
    if metadata.is_file()
        && metadata.len() >= LARGE_FILE
        && let Some(bytes) = read_large(&file, metadata.len() as usize).map_err(io)?
    {
        return Ok(bytes);
    }
    let mut file = file;
    if metadata.is_file() {
        // A file that grew while it was read large is read again from the start.
        std::io::Seek::rewind(&mut file).map_err(io)?;
    }
    // Read once, to the limit: a pipe, a FIFO, /dev/stdin, /dev/zero.
    let mut bytes = Vec::with_capacity(metadata.len().min(MAX_FILE_SIZE) as usize);
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_big(String::new()));
    }
    Ok(FileBytes::Small(bytes))
}

/// Opens a file to read it; a FIFO is opened without waiting for a writer
/// (with none, it reads as empty), then read as usual.
fn open_for_reading(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor we own, reading and setting its flags.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags >= 0 {
        // SAFETY: as above.
        unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) };
    }
    Ok(file)
}

/// Every reference a whole-file reading of `text` records: where its id is
/// written, what holds it ("quote `q1`"), the field, and the kind of item
/// it must name. Tests break each reference field in turn with it.
#[doc(hidden)]
pub fn references_in(text: &str) -> Vec<(Span, String, &'static str, Kind)> {
    let mut checker = Checker {
        text: Some(TextAt::of(text, 0)),
        ..Checker::default()
    };
    let root = tree::fast(text);
    if let Some(root) = &root {
        schema::walk(root, &mut checker);
    }
    checker
        .refs
        .iter()
        .map(|r| {
            let (owner, field) = &checker.sites[r.site as usize];
            (r.span(), owner.to_string(), *field, r.kind)
        })
        .collect()
}

/// Checks briefing text.
pub fn check_str(text: &str, name: &str) -> Checked {
    check_str_observed(text, name, &Progress::default())
}

/// Checks briefing text, counting the pieces read in `progress`.
pub fn check_str_observed(text: &str, name: &str, progress: &Progress) -> Checked {
    check(text, name, chunks::piece_size(text.len()), progress)
}

/// Checks briefing text, in pieces of about `piece` bytes (parsed in
/// parallel if the text is large), or whole with `None`; the result is the
/// same either way.
pub fn check_str_with(text: &str, name: &str, piece: Option<usize>) -> Checked {
    check(text, name, piece, &Progress::default())
}

/// How far a load has come: pieces read of all pieces (1 of 1 for a file
/// read whole), for a progress indicator.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: std::sync::atomic::AtomicUsize,
    pub total: std::sync::atomic::AtomicUsize,
}

fn check(text: &str, name: &str, piece: Option<usize>, progress: &Progress) -> Checked {
    let mut checker = Checker {
        text: Some(TextAt::of(text, 0)),
        ..Checker::default()
    };
    let briefing = parse(text, &mut checker, piece, progress);
    let mut diagnostics = checker.diagnostics;
    diagnostics.sort_by_key(|d| (d.span.as_ref().map_or(0, |s| s.start), d.severity));
    // The text is kept only to show where problems are.
    let source = (!diagnostics.is_empty()).then(|| text.to_string());
    Checked {
        briefing,
        report: Report {
            path: name.to_string(),
            source,
            diagnostics,
        },
    }
}

fn parse(
    text: &str,
    checker: &mut Checker,
    piece: Option<usize>,
    progress: &Progress,
) -> Option<Briefing> {
    if text.trim().is_empty() {
        checker.push(
            Diagnostic::error("the file is empty", Some(0..0))
                .label("nothing here")
                .help(format!("a briefing starts with `format = {FORMAT}` and a [briefing] table; see docs/FORMAT.md")),
        );
        return None;
    }
    if let Some(piece) = piece
        && let Some(joined) = chunks::load(text, piece, progress)
    {
        // Ids and references of the joined pieces, checked as a whole
        // file's are: any problem, and the whole file is read again, so
        // that its diagnostics are exactly a whole-file load's.
        let mut whole = Checker::default();
        for piece in joined.ids {
            for id in piece {
                whole.define(id.text(text), id.span(), id.kind);
            }
        }
        for refs in joined.refs {
            whole.refs = refs;
            whole.resolve(text);
        }
        let resolved = whole.diagnostics.is_empty();
        // Its tables go before the index is built: the peak is lower.
        drop(whole);
        if resolved {
            let index = Index::build(&joined.walked.items);
            return Some(finish(joined.walked, index, checker));
        }
    }
    let walked = match tree::fast(text) {
        Some(root) => schema::walk(&root, checker)?,
        None => {
            let (root, errors) = DeTable::parse_recoverable(text);
            if !errors.is_empty() {
                for error in errors {
                    let span = error.span().unwrap_or(0..0);
                    checker.push(
                        Diagnostic::error(
                            format!("TOML syntax: {}", error.message().trim_end()),
                            Some(span),
                        )
                        .label("here")
                        .help("fix the TOML syntax; see https://toml.io for the rules"),
                    );
                }
                return None;
            }
            schema::walk(&tree::from_detable(root.get_ref()), checker)?
        }
    };
    checker.resolve(text);
    let index = Index::build(&walked.items);
    Some(finish(walked, index, checker))
}

/// The briefing of the items and their index, with the warnings of a
/// whole briefing.
fn finish(walked: schema::Walked, index: Index, checker: &mut Checker) -> Briefing {
    let schema::Walked { meta, items } = walked;
    for (source, citing) in items.sources.iter().zip(&index.sources) {
        let in_meta = meta.sources.contains(&source.id)
            || meta
                .key_judgments
                .iter()
                .any(|j| j.sources.contains(&source.id));
        if citing.is_empty() && !in_meta {
            checker.push(
                Diagnostic::warning(
                    format!("source `{}` is never cited", source.id),
                    Some(source.span.clone()),
                )
                .label("no item cites this source")
                .help("cite it from the items it supports, or remove it"),
            );
        }
    }
    Briefing {
        format: FORMAT as u32,
        meta,
        items,
        index,
    }
}
