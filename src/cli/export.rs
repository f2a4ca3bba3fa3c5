//! `brief export`: a briefing, with the analyst's marks and notes, as
//! Markdown or JSON on stdout or in a file. The review state is only read.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use brief::Briefing;
use brief::export::{self, Export, Only};
use brief::model::GradeFilter;
use brief::review::{self, Review, Store};
use brief::sanitize::escape_line;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Briefing file to export (the built-in briefing when none is given);
    /// a folder exports each of its briefings into the folder -o names.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Export only these items; the briefing's title, date and handling
    /// always stay.
    #[arg(long, value_enum, value_name = "ITEMS")]
    pub only: Option<OnlyArg>,
    /// Keep only the quotes and claim versions with these grades: source
    /// reliability A–F and information credibility 1–6, e.g. A-B,1-2, A-C
    /// or 1-3. An ungraded quote does not pass a range it is graded on.
    #[arg(long, value_name = "GRADES", value_parser = parse_grade)]
    pub grade: Option<GradeFilter>,
    /// Write to this file (replaced atomically) instead of stdout; for a
    /// folder of briefings, the folder to write them to.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Read the review state from this file instead of the data directory.
    #[arg(long, value_name = "PATH")]
    pub state: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A document to paste into a report.
    Markdown,
    /// The full model and review state, for other tools.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnlyArg {
    /// Items flagged for follow-up.
    Flagged,
    /// Items with a note (and notes on items no longer in the briefing).
    Notes,
    /// Items new or changed since the last review.
    Changed,
}

impl From<OnlyArg> for Only {
    fn from(only: OnlyArg) -> Only {
        match only {
            OnlyArg::Flagged => Only::Flagged,
            OnlyArg::Notes => Only::Notes,
            OnlyArg::Changed => Only::Changed,
        }
    }
}

pub fn run(args: &ExportArgs) -> ExitCode {
    match &args.file {
        Some(folder) if folder.is_dir() => run_folder(args, folder),
        file => run_one(args, file.as_deref(), args.output.as_deref()),
    }
}

/// `brief export DIR -o OUTDIR`: each briefing of the folder to a file of
/// the same name in OUTDIR (`.md` or `.json`), made if it is not there.
fn run_folder(args: &ExportArgs, folder: &Path) -> ExitCode {
    let shown = escape_line(&folder.display().to_string()).into_owned();
    let Some(out) = &args.output else {
        eprintln!(
            "brief: {shown} is a folder: its briefings are written one file each\n\
             help: name the folder to write them to: brief export {shown} -o OUTDIR"
        );
        return ExitCode::from(2);
    };
    if args.state.is_some() {
        eprintln!(
            "brief: --state is one briefing's review state; a folder's briefings read theirs from the data directory"
        );
        return ExitCode::from(2);
    }
    if out.exists() && !out.is_dir() {
        eprintln!(
            "brief: {} is not a folder; a folder's briefings are written into a folder",
            escape_line(&out.display().to_string())
        );
        return ExitCode::from(2);
    }
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!(
            "brief: cannot make {}: {e}",
            escape_line(&out.display().to_string())
        );
        return ExitCode::FAILURE;
    }
    let files = brief::library::discover(&[folder.to_path_buf()]);
    if files.is_empty() {
        eprintln!("brief: {shown} holds no briefing (.toml file)");
        return ExitCode::FAILURE;
    }
    let extension = match args.format {
        Format::Markdown => "md",
        Format::Json => "json",
    };
    let mut failed = false;
    for file in &files {
        let Some(stem) = file.file_stem() else {
            continue;
        };
        let target = out.join(stem).with_extension(extension);
        if run_one(args, Some(file), Some(&target)) == ExitCode::SUCCESS {
            println!("{}", escape_line(&target.display().to_string()));
        } else {
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Exports one briefing (the built-in one for `None`) to `output`, or to
/// stdout.
fn run_one(args: &ExportArgs, file: Option<&Path>, output: Option<&Path>) -> ExitCode {
    let briefing = match file {
        None => Briefing::from_str(brief::DEFAULT_BRIEFING, brief::DEFAULT_BRIEFING_NAME),
        Some(path) => Briefing::load(path),
    };
    let briefing = match briefing {
        Ok(b) => b,
        Err(report) => {
            eprint!("{}", report.render());
            return ExitCode::FAILURE;
        }
    };
    let id = &briefing.meta.id;
    let state = match &args.state {
        Some(path) => read_state(path, id, false),
        None => match review::data_dir() {
            Some(dir) => read_state(&Store::new(dir, id).path(), id, true),
            None => Ok(Review::new(id)),
        },
    };
    let review = state.unwrap_or_else(|why| {
        eprintln!(
            "brief: exporting without the review state: {}",
            escape_line(&why)
        );
        Review::new(id)
    });
    let mut export = Export::new(&briefing, &review, args.only.map(Only::from));
    if let Some(grade) = &args.grade {
        export = export.with_grade(*grade);
    }
    if let Some(path) = file {
        let (signers, _) = super::sign::allowed_signers(None, None);
        export = export.with_signature(super::sign::verify(path, &signers));
    }
    let text = match args.format {
        Format::Markdown => export::markdown(&export),
        Format::Json => export::json(&export),
    };
    match output {
        Some(path) => write_file(path, &text, file),
        None => match io::stdout().lock().write_all(text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            // A reader that stopped early (`| head`) is not an error.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("brief: cannot write the export: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

fn parse_grade(text: &str) -> Result<GradeFilter, String> {
    GradeFilter::parse(text)
}

/// Reads a state file without locking, moving or creating anything: an
/// export never changes the state. A missing file in the data directory
/// just means no review yet.
fn read_state(path: &Path, briefing: &str, missing_ok: bool) -> Result<Review, String> {
    let shown = path.display();
    let bytes = match brief::files::read_regular(path, review::store::MAX_STATE) {
        Ok(bytes) => bytes,
        Err(e) if missing_ok && e.kind() == io::ErrorKind::NotFound => {
            return Ok(Review::new(briefing));
        }
        Err(e) => return Err(format!("cannot read {shown}: {e}")),
    };
    let text = String::from_utf8(bytes).map_err(|_| format!("{shown} is not UTF-8 text"))?;
    let review = Review::from_toml(&text).map_err(|why| format!("{shown}: {why}"))?;
    if review.briefing != briefing {
        return Err(format!(
            "{shown} belongs to briefing `{}`, not `{briefing}`",
            review.briefing
        ));
    }
    Ok(review)
}

/// Writes the export where `-o` says: a file is replaced atomically (its
/// mode kept, a symbolic link's target written), a device or a FIFO is
/// written directly, and the briefing being exported is never overwritten.
fn write_file(path: &Path, text: &str, briefing: Option<&Path>) -> ExitCode {
    let shown = escape_line(&path.display().to_string()).into_owned();
    if briefing.is_some_and(|b| brief::files::same_file(b, path)) {
        eprintln!(
            "brief: not writing {shown}: it is the briefing being exported; choose another file"
        );
        return ExitCode::FAILURE;
    }
    match brief::files::write_output(path, text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("brief: cannot write {shown}: {e}");
            ExitCode::FAILURE
        }
    }
}
