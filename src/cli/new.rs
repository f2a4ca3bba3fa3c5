//! `brief new FILE`: a briefing to start from, which `brief check`
//! accepts, with one commented example of each kind of item, and whose
//! first line names the schema (written beside it) so that the editor
//! completes and checks it offline.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use brief::model::PartialDate;
use brief::sanitize::escape_line;
use brief::schema::FILE_NAME;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The briefing file to create; it must not exist.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The briefing's id (by default made from the file's name).
    #[arg(long)]
    pub id: Option<String>,
    /// The briefing's title.
    #[arg(long)]
    pub title: Option<String>,
    /// The date the briefing is current to: YYYY-MM-DD, YYYY-MM or YYYY
    /// (by default today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

pub fn run(args: &NewArgs) -> ExitCode {
    let shown = |p: &Path| escape_line(&p.display().to_string()).into_owned();
    let id = match &args.id {
        Some(id) if brief::load::is_valid_id(id) && id.len() <= brief::load::MAX_ID => id.clone(),
        Some(id) => {
            eprintln!(
                "error: --id `{}` is not an id: use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit",
                escape_line(id)
            );
            return ExitCode::from(2);
        }
        None => id_from(&args.file),
    };
    let as_of = match &args.as_of {
        Some(text) => match PartialDate::parse(text) {
            Ok(date) => date,
            Err(why) => {
                eprintln!("error: --as-of: {}", escape_line(&why));
                return ExitCode::from(2);
            }
        },
        None => today(),
    };
    let title = args.title.as_deref().unwrap_or("Title of the briefing");
    if title.trim().is_empty() {
        eprintln!("error: --title is empty");
        return ExitCode::from(2);
    }
    let text = skeleton(&id, title, as_of);
    // A file that is there is never replaced, nor a link followed.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&args.file)
        .and_then(|mut file| file.write_all(text.as_bytes()));
    if let Err(e) = written {
        let why = match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                "it exists: brief new does not replace a file".to_string()
            }
            _ => e.to_string(),
        };
        eprintln!("error: cannot create {}: {why}", shown(&args.file));
        return ExitCode::FAILURE;
    }
    println!("created {}", shown(&args.file));
    let dir = match args.file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let schema_path = dir.join(FILE_NAME);
    let schema = brief::schema::schema();
    match std::fs::read_to_string(&schema_path) {
        Ok(existing) if existing == schema => {}
        Ok(_) => println!(
            "kept {}, which differs from this brief's schema (`brief schema > {}` replaces it)",
            shown(&schema_path),
            shown(&schema_path)
        ),
        Err(_) => {
            let written = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&schema_path)
                .and_then(|mut file| file.write_all(schema.as_bytes()));
            match written {
                Ok(()) => println!(
                    "wrote {}, the schema its first line names for your editor",
                    shown(&schema_path)
                ),
                Err(e) => {
                    eprintln!(
                        "warning: cannot write {}: {e}; `brief schema > {}` writes it",
                        shown(&schema_path),
                        shown(&schema_path)
                    );
                }
            }
        }
    }
    ExitCode::SUCCESS
}

/// An id made of the file's name: `Damascus Moscow.toml` → `damascus-moscow`.
fn id_from(file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut id = String::new();
    for c in stem.chars() {
        let c = if c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c) {
            c
        } else {
            '-'
        };
        if !(c == '-' && (id.is_empty() || id.ends_with('-'))) {
            id.push(c);
        }
    }
    let id: String = id
        .trim_start_matches(['.', '_', '-'])
        .trim_end_matches('-')
        .chars()
        .take(brief::load::MAX_ID)
        .collect();
    if id.is_empty() {
        "briefing".to_string()
    } else {
        id
    }
}

/// Today's date, in UTC.
fn today() -> PartialDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    PartialDate::from_parts(year as u16, Some(month as u16), Some(day as u16)).unwrap_or(
        PartialDate {
            year: 1970,
            month: None,
            day: None,
        },
    )
}

/// A TOML string holding `text`.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn skeleton(id: &str, title: &str, as_of: PartialDate) -> String {
    let as_of = if as_of.is_full() {
        as_of.to_string()
    } else {
        quoted(&as_of.to_string())
    };
    SKELETON
        .replacen("{schema}", FILE_NAME, 1)
        .replacen("{id}", &quoted(id), 1)
        .replacen("{title}", &quoted(title), 1)
        .replacen("{as_of}", &as_of, 1)
}

const SKELETON: &str = r#"#:schema ./{schema}
# A briefing in brief's format 1 (docs/FORMAT.md). The line above names the
# schema your editor's TOML language server (taplo, tombi) reads to complete
# and check this file as you type. Check it with `brief check FILE`, and hold
# the key judgments to the analytic standards with `brief check --lint FILE`.
format = 1

[briefing]
id = {id}
title = {title}
as_of = {as_of}
summary = """
What the briefing is about and what it finds, in a few sentences.

Paragraphs are separated by a blank line."""
# handling = "OPEN SOURCE"
# sources = ["gazette"]
# key_judgments = [
#   { text = "Bexia is likely to renew the lease, but on shorter terms.", sources = ["gazette"], likelihood = "likely", confidence = "moderate" },
# ]

# Items: remove the `# ` before each line of an example to use it. Ids are
# unique across the briefing; every item cites the sources it rests on.

# [[sources]]
# id = "gazette"
# title = "Talks on Corvo resume"
# outlet = "The Example Gazette"
# published = 2025-06-12
# url = "https://example.org/gazette/corvo"
# file = "gazette.txt"
# reliability = "B"
# notes = "Date from the article's byline."

# [[actors]]
# id = "mira-holt"
# name = "Mira Holt"
# kind = "person"
# role = "Foreign minister of Bexia"
# summary = "Leads Bexia's side of the talks."
# sources = ["gazette"]

# [[issues]]
# id = "corvo-lease"
# title = "The Corvo port lease"
# summary = "Whether and on what terms Bexia renews the lease of Corvo."
# sources = ["gazette"]
# open_questions = ["Will the lease term be shortened?"]
#
# [[issues.positions]]
# actor = "mira-holt"
# stance = "Says every term is open to review."
# sources = ["gazette"]

# [[quotes]]
# id = "q-holt-review"
# text = "every clause is on the table"
# source = "gazette"
# speaker = "mira-holt"
# context = "Press conference after the first round of talks."
# date = 2025-06-11
# credibility = 2
# issues = ["corvo-lease"]

# [[events]]
# id = "e-talks-resume"
# date = 2025-06-11
# title = "Talks on the lease resume"
# place = "Bexia City"
# sources = ["gazette"]
# actors = ["mira-holt"]
# issues = ["corvo-lease"]

# [[claims]]
# id = "c-renewal-terms"
# topic = "Will the lease be renewed on the old terms?"
# issues = ["corvo-lease"]
# note = "The sources were written a few days apart."
#
# [[claims.versions]]
# source = "gazette"
# says = "Renewal on the old terms is expected."
# credibility = 3
#
# [[claims.versions]]
# source = "courier"  # another source's id: each version has its own source
# says = "The old terms are in doubt."
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_made_from_file_names() {
        assert_eq!(
            id_from(Path::new("dir/Damascus Moscow.toml")),
            "damascus-moscow"
        );
        assert_eq!(id_from(Path::new("--x__y.toml")), "x__y");
        assert_eq!(id_from(Path::new("ßß.toml")), "briefing");
        assert_eq!(
            id_from(Path::new("syria-russia-2025.toml")),
            "syria-russia-2025"
        );
    }

    #[test]
    fn today_is_a_full_date() {
        let date = today();
        assert!(date.is_full() && date.year >= 2025);
    }
}
