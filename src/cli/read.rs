//! `brief [FILE…]`: open the reader.

use std::path::PathBuf;
use std::process::ExitCode;

use std::sync::Arc;

use brief::load::Progress;
use brief::review::{self, Review, Store};
use brief::sanitize::escape_line;
use brief::tui::App;
use brief::tui::app::MessageKind;
use brief::tui::config::{Config, config_dir};
use brief::tui::terminal::{self, Exit};
use brief::tui::theme::{Theme, user_theme_dir};

/// Files at least this large load behind a loading screen, so the first
/// frame comes at once.
const LOAD_BEHIND_SCREEN: u64 = 4 * 1024 * 1024;

pub fn run(files: &[PathBuf], theme_name: Option<&str>, watch: bool) -> ExitCode {
    if files.len() > 1 {
        eprintln!(
            "brief: opening {}; the reader shows one briefing at a time",
            escape_line(&files[0].display().to_string())
        );
    }
    let mut warnings = Vec::new();
    let config_path = config_dir().map(|d| d.join("config.toml"));
    let config = Config::load(config_path.as_deref()).unwrap_or_else(|report| {
        eprint!("{}", report.render());
        warnings.push("config.toml has errors: using the defaults (details on exit)".to_string());
        Config::defaults()
    });
    let name = theme_name.unwrap_or(&config.theme);
    let mut theme = Theme::load(name, user_theme_dir().as_deref()).unwrap_or_else(|report| {
        eprint!("{}", report.render());
        warnings.push(format!(
            "theme `{}` could not be used: using dark (details on exit)",
            escape_line(name)
        ));
        Theme::default()
    });
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        theme = theme.without_color();
    }
    let source = files.first().cloned();
    let progress = Arc::new(Progress::default());
    let large = source
        .as_ref()
        .and_then(|p| std::fs::metadata(p).ok())
        .is_some_and(|m| m.len() >= LOAD_BEHIND_SCREEN);
    let (mouse, shown_theme) = (config.mouse, theme.clone());
    let make = {
        let progress = Arc::clone(&progress);
        // Behind the loading screen, stderr is the screen: warnings go to the status bar only.
        move || make_app(source, &config, theme, watch, warnings, &progress, !large)
    };
    let outcome = if large {
        let name = files
            .first()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        terminal::run_loading(name, progress, mouse, &shown_theme, make)
    } else {
        // Everything that can go wrong with the file is reported here,
        // before the screen switches.
        match make() {
            Ok(app) => terminal::run(app).map(Ok),
            Err(text) => Ok(Err(text)),
        }
    };
    match outcome {
        Ok(Ok(Exit::Quit)) => ExitCode::SUCCESS,
        Ok(Ok(Exit::Signal(number))) => ExitCode::from((128 + number).clamp(0, 255) as u8),
        Ok(Err(report)) => {
            eprint!("{report}");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("brief: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Loads the briefing and its review state into a ready reader, or says
/// what is wrong with the file.
fn make_app(
    source: Option<PathBuf>,
    config: &Config,
    theme: Theme,
    watch: bool,
    mut warnings: Vec<String>,
    progress: &Progress,
    print_warnings: bool,
) -> Result<App, String> {
    let checked = match &source {
        None => brief::load::check_str_observed(
            brief::DEFAULT_BRIEFING,
            brief::DEFAULT_BRIEFING_NAME,
            progress,
        ),
        Some(path) => brief::load::check_file_observed(path, progress),
    };
    let briefing = match checked.briefing {
        Some(b) if !checked.report.has_errors() => b,
        _ => return Err(checked.report.render()),
    };
    let id = briefing.meta.id.clone();
    let mut app = App::new(briefing, config, theme);
    app.modified = source
        .as_ref()
        .and_then(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    app.watch = watch && source.is_some();
    app.source = source;
    match review::data_dir() {
        Some(dir) => {
            let store = Store::new(dir, &id);
            match store.load() {
                Ok(loaded) => {
                    warnings.extend(loaded.notice);
                    app.attach_review(loaded.review, Some(store));
                }
                Err(error) => {
                    warnings.push(format!("The review state cannot be read ({error}); changes are kept in memory and retried"));
                    app.attach_review(Review::new(&id), Some(store));
                }
            }
        }
        None => {
            warnings.push("No data directory: review marks and notes will not be saved".to_string())
        }
    }
    if let Some(warning) = warnings.first() {
        app.set_message(warning.clone(), MessageKind::Warning);
    }
    if print_warnings {
        for warning in &warnings {
            eprintln!("brief: {}", escape_line(warning));
        }
    }
    Ok(app)
}
