//! `brief [FILE…]`: open the reader.

use std::path::{Path, PathBuf};

use std::sync::{Arc, Mutex, PoisonError};

use brief::Briefing;
use brief::library::{Cache, Origin};
use brief::load::Progress;
use brief::review::{self, Review, Store};
use brief::sanitize::escape_line;
use brief::search::SearchIndex;
use brief::tui::App;
use brief::tui::app::{LazyIndex, MessageKind};
use brief::tui::config::{Config, config_dir};
use brief::tui::library::{Files, Library};
use brief::tui::review::Session;
use brief::tui::terminal::{self, Exit, Opener, Opening};
use brief::tui::theme::{Theme, user_theme_dir};

/// Files at least this large load behind a loading screen, so the first
/// frame comes at once.
const LOAD_BEHIND_SCREEN: u64 = 4 * 1024 * 1024;

/// Briefings with at least this many quotes get their search index built
/// on a second core.
const LARGE_QUOTES: usize = 10_000;

/// Runs the reader; returns the process's exit status. One file, or no
/// file and no library folders holding any, opens the reader on it; folders
/// and several files open the library of them.
pub fn run(paths: &[PathBuf], theme_name: Option<&str>, watch: bool) -> u8 {
    let (config, theme, mut warnings, problems) = settings(theme_name);
    let (signers, warning) = super::sign::allowed_signers(None, Some(&config));
    warnings.extend(warning);
    let (mouse, shown_theme) = (config.mouse, theme.clone());
    let reader = Reader {
        config,
        theme,
        warnings,
        problems,
        signers,
        watch,
        notices: Arc::new(Mutex::new(Vec::new())),
    };
    // The reader is laid out for the screen it opens on, so its first
    // frame needs no second layout.
    let size = terminal::bounded(crossterm::terminal::size().unwrap_or((80, 24)));
    let notices = Arc::clone(&reader.notices);
    let opening = match library_of(paths, &reader.config) {
        // Everything that can go wrong with the file is reported here,
        // before the screen switches.
        None => reader.opening(paths.first().cloned(), size),
        Some((origins, title)) => terminal::require_terminal()
            .map_err(|error| format!("brief: {error}\n"))
            .map(|()| {
                terminal::remove_editor_leftovers();
                let library = Library::new(
                    origins,
                    title,
                    &reader.config,
                    reader.theme.clone(),
                    Files {
                        cache: brief::library::cache_dir().map(Cache::new),
                        reviews: review::data_dir(),
                        signers: reader.signers.clone(),
                    },
                    size,
                );
                let opener: Opener = Box::new(move |origin: &Origin, size| {
                    reader.opening(origin.path().map(Path::to_path_buf), size)
                });
                Opening::Library(Box::new(library), opener)
            }),
    };
    let outcome = match opening {
        Ok(opening) => terminal::run(opening, mouse, &shown_theme),
        Err(text) => Ok(Err(text)),
    };
    // The review state's warnings, shown in the status bar, stay on the terminal.
    for notice in notices
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
    {
        eprintln!("brief: {}", escape_line(notice));
    }
    match outcome {
        Ok(Ok(Exit::Quit)) => 0,
        Ok(Ok(Exit::Signal(number))) => (128 + number).clamp(0, 255) as u8,
        Ok(Err(report)) => {
            eprint!("{report}");
            1
        }
        Err(error) => {
            eprintln!("brief: {error}");
            1
        }
    }
}

/// The library that `paths` name, with its title; `None` to open one
/// briefing directly: one file, or nothing named and no library folder
/// holding a briefing (the built-in one then opens, as it always has).
fn library_of(paths: &[PathBuf], config: &Config) -> Option<(Vec<Origin>, String)> {
    match paths {
        [] => {
            let mut folders = config.library_folders();
            folders.extend(brief::library::briefings_dir());
            // A configured folder that is not there yet lists nothing.
            folders.retain(|folder| folder.is_dir());
            let files = brief::library::discover(&folders);
            if files.is_empty() {
                return None;
            }
            let mut origins = vec![Origin::BuiltIn];
            origins.extend(files.into_iter().map(Origin::File));
            Some((origins, "Library".to_string()))
        }
        [one] if !one.is_dir() => None,
        _ => {
            let files = brief::library::discover(paths);
            let title = match paths {
                [folder] => folder.display().to_string(),
                _ => format!("{} folders and files", paths.len()),
            };
            Some((files.into_iter().map(Origin::File).collect(), title))
        }
    }
}

/// What opening a briefing needs, kept to open the briefings of a library
/// one after another.
struct Reader {
    config: Config,
    theme: Theme,
    /// Problems with the config, the theme and allowed_signers.
    warnings: Vec<String>,
    problems: Option<String>,
    signers: brief::signature::AllowedSigners,
    watch: bool,
    /// What went wrong with review states, printed on exit.
    notices: Arc<Mutex<Vec<String>>>,
}

impl Reader {
    /// The opening of the briefing at `source` (the built-in one for
    /// `None`): at once, or behind a loading screen for a large file. Its
    /// signature is checked before anything is shown, so that a file that
    /// must not open never does; and nothing is written (a review state)
    /// unless there is a screen to show it on.
    fn opening(&self, source: Option<PathBuf>, size: (u16, u16)) -> Result<Opening, String> {
        let verification = source
            .as_deref()
            .map(|path| brief::signature::Verification::of(path, &self.signers));
        if let (Some(path), Some(checked)) = (&source, &verification)
            && self.config.require_signature
            && !checked.state.is_trusted()
            && path.exists()
        {
            return Err(format!(
                "brief: {} is not opened: it is {}, and config.toml has require_signature = true\n\
                 help: open only briefings signed by a key in allowed_signers, or set require_signature = false\n",
                escape_line(&path.display().to_string()),
                checked.state.describe()
            ));
        }
        let large = source
            .as_ref()
            .and_then(|p| std::fs::metadata(p).ok())
            .is_some_and(|m| m.len() >= LOAD_BEHIND_SCREEN);
        let progress = Arc::new(Progress::default());
        let make = {
            let (config, theme) = (self.config.clone(), self.theme.clone());
            let (mut warnings, problems) = (self.warnings.clone(), self.problems.clone());
            let (signers, watch) = (self.signers.clone(), self.watch);
            let (notices, source) = (Arc::clone(&self.notices), source.clone());
            move |briefing| {
                let settled = warnings.len();
                let mut app = open(briefing, &config, theme, &mut warnings, size);
                app.watch = watch && source.is_some();
                app.modified = source
                    .as_ref()
                    .and_then(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
                app.source = source;
                app.signature = verification;
                app.problems = problems;
                app.signers = Some(signers);
                app.require_signature = config.require_signature;
                let mut fresh = warnings.split_off(settled);
                if let Some(checked) = &app.signature
                    && checked.state.level() == brief::signature::Level::Alarm
                {
                    // A bad signature outranks every other message, on screen
                    // and on exit.
                    let text = checked.state.describe();
                    app.set_message(text.clone(), MessageKind::Error);
                    fresh.insert(0, text);
                }
                notices
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .extend(fresh);
                app
            }
        };
        if large {
            let name = source
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            return Ok(Opening::Loading {
                name,
                progress: Arc::clone(&progress),
                load: Box::new(move || load(source.as_deref(), &progress).map(make)),
                keymap: self.config.keymap.clone(),
            });
        }
        load(source.as_deref(), &progress)
            .and_then(|b| match terminal::require_terminal() {
                Ok(()) => {
                    terminal::remove_editor_leftovers();
                    Ok(b)
                }
                Err(error) => Err(format!("brief: {error}\n")),
            })
            .map(|b| Opening::Ready(Box::new(make(b))))
    }
}

/// The user's config and theme, with what was wrong with them printed and
/// summed up as warnings for the status bar.
fn settings(theme_name: Option<&str>) -> (Config, Theme, Vec<String>, Option<String>) {
    let mut warnings = Vec::new();
    let mut config_problems = None;
    let config_path = config_dir().map(|d| d.join("config.toml"));
    let (config, problems) = Config::load(config_path.as_deref());
    if let Some(report) = &problems {
        // Shown before the screen switches, and inside the reader.
        eprint!("{}", report.render());
        let errors = report.errors().count();
        let word = if errors > 0 {
            format!(
                "{errors} entr{} left out",
                if errors == 1 { "y" } else { "ies" }
            )
        } else {
            "warnings".to_string()
        };
        warnings.push(format!(
            "config.toml: {word} · {} shows why",
            "PROBLEMS_KEY"
        ));
        config_problems = Some(report.render());
    }
    let name = theme_name.unwrap_or(&config.theme);
    let mut theme = Theme::load(name, user_theme_dir().as_deref()).unwrap_or_else(|report| {
        eprint!("{}", report.render());
        warnings.push(format!(
            "theme `{}` could not be used: using dark · {} shows why",
            escape_line(name),
            "PROBLEMS_KEY"
        ));
        let rendered = report.render();
        config_problems = Some(match config_problems.take() {
            Some(before) => format!("{before}\n{rendered}"),
            None => rendered,
        });
        Theme::default()
    });
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        theme = theme.without_color();
    }
    let key = config
        .keymap
        .first_key(
            brief::tui::keymap::Mode::Global,
            brief::tui::command::Command::Problems,
        )
        .map_or_else(|| "(problems)".to_string(), |k| k.to_string());
    for warning in &mut warnings {
        *warning = warning.replace("PROBLEMS_KEY", &key);
    }
    (config, theme, warnings, config_problems)
}

/// Loads and checks the briefing (the built-in one without a file), or
/// says what is wrong with it.
fn load(source: Option<&Path>, progress: &Progress) -> Result<Briefing, String> {
    let checked = match source {
        None => brief::load::check_str_observed(
            brief::DEFAULT_BRIEFING,
            brief::DEFAULT_BRIEFING_NAME,
            progress,
        ),
        Some(path) => brief::load::check_file_observed(path, progress),
    };
    match checked.briefing {
        Some(b) if !checked.report.has_errors() => Ok(b),
        _ => Err(checked.report.render()),
    }
}

/// The reader on `briefing`, with its saved review state; what went wrong
/// with that state is added to `warnings`, the first of which shows in the
/// status bar.
fn open(
    briefing: Briefing,
    config: &Config,
    theme: Theme,
    warnings: &mut Vec<String>,
    size: (u16, u16),
) -> App {
    let id = briefing.meta.id.clone();
    let mut review = || match review::data_dir() {
        Some(dir) => {
            let store = Store::new(dir, &id);
            match store.load() {
                Ok(loaded) => {
                    warnings.extend(loaded.notice);
                    if let Some(why) = &loaded.read_only {
                        warnings.push(format!("Read-only: {why}"));
                    }
                    (loaded.review, Some(store), loaded.read_only)
                }
                Err(error) => {
                    let why = format!("the review state cannot be read ({error})");
                    warnings.push(format!("Read-only: {why}; changes are kept in memory only"));
                    (Review::new(&id), Some(store), Some(why))
                }
            }
        }
        None => {
            warnings
                .push("No data directory: review marks and notes will not be saved".to_string());
            (Review::new(&id), None, None)
        }
    };
    let mut session = || {
        let (review, store, read_only) = review();
        Session::new(&briefing, review, store).read_only(read_only)
    };
    // A large briefing's search index is built on a second core meanwhile,
    // so that its first search is as quick as the next; a small one's is
    // built when first searched (a second thread would cost more than it
    // saves, and the index is not needed for the first frame).
    let (session, index) = if briefing.quotes.len() >= LARGE_QUOTES {
        std::thread::scope(|s| {
            let index = s.spawn(|| SearchIndex::build(&briefing));
            let session = session();
            let index = index
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (session, LazyIndex::built(index))
        })
    } else {
        (session(), LazyIndex::default())
    };
    let mut app = App::assemble(briefing, index, session, config, theme, size);
    app.history_file = review::store::history_path();
    if let Some(path) = &app.history_file {
        app.search_history = review::store::load_history(path);
    }
    if let Some(warning) = warnings.first() {
        app.set_message(warning.clone(), MessageKind::Warning);
    }
    app
}
