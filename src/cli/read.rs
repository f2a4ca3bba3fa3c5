//! `brief [FILE…]`: open the reader.

use std::path::PathBuf;
use std::process::ExitCode;

use brief::Briefing;
use brief::review::{self, Review, Store};
use brief::sanitize::escape_line;
use brief::tui::App;
use brief::tui::app::MessageKind;
use brief::tui::config::{Config, config_dir};
use brief::tui::terminal::{self, Exit};
use brief::tui::theme::{Theme, user_theme_dir};

pub fn run(files: &[PathBuf], theme_name: Option<&str>, watch: bool) -> ExitCode {
    // Everything that can go wrong with the files is reported here, before
    // the screen switches.
    let briefing = match files.first() {
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
    let id = briefing.meta.id.clone();
    let mut app = App::new(briefing, &config, theme);
    app.source = files.first().cloned();
    app.watch = watch && app.source.is_some();
    app.modified = app
        .source
        .as_ref()
        .and_then(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
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
    for warning in &warnings {
        eprintln!("brief: {}", escape_line(warning));
    }
    match terminal::run(app) {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Signal(number)) => ExitCode::from((128 + number).clamp(0, 255) as u8),
        Err(error) => {
            eprintln!("brief: {error}");
            ExitCode::FAILURE
        }
    }
}
