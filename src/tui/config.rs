//! Configuration: the embedded defaults, then the user's `config.toml`,
//! read by the same code. Every problem is reported with its place.

use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use super::command::Command;
use super::keymap::{Key, Keymap, Mode};
use crate::diagnostic::{Diagnostic, Report};
use crate::load::closest_n;

pub const DEFAULT_CONFIG: &str = include_str!("default-config.toml");

/// The effective configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub theme: String,
    pub mouse: bool,
    pub keymap: Keymap,
    /// Refuse to open a briefing that is not signed by a trusted key.
    pub require_signature: bool,
    /// `allowed_signers` as set in config.toml; see [`Config::allowed_signers_path`].
    pub allowed_signers: Option<PathBuf>,
    /// Folders of briefings that `brief` with no file lists, as written in
    /// config.toml; see [`Config::library_folders`].
    pub library: Vec<PathBuf>,
}

/// Where `brief` keeps its configuration (`config.toml`, `themes/`).
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "brief").map(|dirs| dirs.config_dir().to_path_buf())
}

impl Config {
    /// The built-in defaults.
    pub fn defaults() -> Config {
        let mut config = Config {
            theme: String::new(),
            mouse: false,
            keymap: Keymap::default(),
            require_signature: false,
            allowed_signers: None,
            library: Vec::new(),
        };
        // The embedded file is tested to be valid; a failure here is a build bug.
        let _ = config.apply(DEFAULT_CONFIG, "default-config.toml");
        config
    }

    /// Defaults overlaid with the user's file at `path`, if it exists.
    /// Every entry that is right is kept; what is wrong (each entry left
    /// out, and keys one binding hides from another) is in the report.
    pub fn load(path: Option<&Path>) -> (Config, Option<Report>) {
        let mut config = Self::defaults();
        match config.load_over(path) {
            Ok(()) => (config, None),
            Err(report) => (config, Some(report)),
        }
    }

    fn load_over(&mut self, path: Option<&Path>) -> Result<(), Report> {
        let config = self;
        let Some(path) = path else { return Ok(()) };
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|e| Report {
                path: path.display().to_string(),
                source: None,
                diagnostics: vec![
                    Diagnostic::error(
                        format!(
                            "the file is not valid UTF-8 (byte offset {})",
                            e.utf8_error().valid_up_to()
                        ),
                        None,
                    )
                    .help("save config.toml as UTF-8 text"),
                ],
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(Report {
                    path: path.display().to_string(),
                    source: None,
                    diagnostics: vec![Diagnostic::error(
                        format!("cannot read the file: {e}"),
                        None,
                    )],
                });
            }
        };
        config.apply_user(&text, &path.display().to_string())
    }

    /// Applies one config file's settings over the current ones.
    pub fn apply(&mut self, text: &str, path: &str) -> Result<(), Report> {
        self.apply_file(text, path, false)
    }

    /// [`apply`](Self::apply) for the user's own file: a key it binds that
    /// another binding hides (a global key the focused pane binds too) is
    /// a warning, with its place.
    pub fn apply_user(&mut self, text: &str, path: &str) -> Result<(), Report> {
        self.apply_file(text, path, true)
    }

    fn apply_file(&mut self, text: &str, path: &str, user: bool) -> Result<(), Report> {
        let mut diagnostics = Vec::new();
        let (root, errors) = DeTable::parse_recoverable(text);
        for error in &errors {
            diagnostics.push(
                Diagnostic::error(
                    format!("TOML syntax: {}", error.message().trim_end()),
                    error.span(),
                )
                .label("here"),
            );
        }
        if errors.is_empty() {
            let mut bound = Vec::new();
            self.walk(root.get_ref(), &mut diagnostics, &mut bound);
            if user {
                diagnostics.extend(self.hidden(&bound));
            }
        }
        if diagnostics.is_empty() {
            return Ok(());
        }
        Err(Report {
            path: path.to_string(),
            source: Some(text.to_string()),
            diagnostics,
        })
    }

    /// Warnings for the keys just bound (with where they are written)
    /// that never reach their command: a global key a pane binds to
    /// something else, or a pane key that hides a global one there.
    fn hidden(&self, bound: &[(Mode, Command, Key, std::ops::Range<usize>)]) -> Vec<Diagnostic> {
        const PANES: [Mode; 3] = [Mode::List, Mode::Detail, Mode::Matrix];
        let mut out = Vec::new();
        for (mode, command, key, span) in bound {
            if self.keymap.command(&[*mode], *key) != Some(*command) {
                // Taken by a later entry of the same file.
                continue;
            }
            if *mode == Mode::Global {
                let hiding: Vec<String> = PANES
                    .iter()
                    .filter_map(|&pane| {
                        let other = self.keymap.command(&[pane], *key)?;
                        (other != *command)
                            .then(|| format!("the {} (`{}`)", pane.name(), other.name()))
                    })
                    .collect();
                if !hiding.is_empty() {
                    out.push(
                        Diagnostic::warning(
                            format!(
                                "`{key}` for `{}` never reaches it in {}, which bind `{key}` too",
                                command.name(),
                                hiding.join(" and ")
                            ),
                            Some(span.clone()),
                        )
                        .label("hidden there")
                        .help(
                            "choose another key, or rebind the panes' key in their [keys.…] table",
                        ),
                    );
                }
            } else if PANES.contains(mode)
                && let Some(other) = self.keymap.command(&[Mode::Global], *key)
                && other != *command
            {
                out.push(
                    Diagnostic::warning(
                        format!(
                            "`{key}` for `{}` in the {} hides the global `{key}` (`{}`) there",
                            command.name(),
                            mode.name(),
                            other.name()
                        ),
                        Some(span.clone()),
                    )
                    .label("hides a global key")
                    .help(format!(
                        "choose another key, or give `{}` another key in [keys.global]",
                        other.name()
                    )),
                );
            }
        }
        out
    }

    fn walk(
        &mut self,
        root: &DeTable,
        diagnostics: &mut Vec<Diagnostic>,
        bound: &mut Vec<(Mode, Command, Key, std::ops::Range<usize>)>,
    ) {
        for (key, value) in root.iter() {
            match (key.get_ref().as_ref(), value.get_ref()) {
                ("theme", DeValue::String(name)) => self.theme = name.to_string(),
                ("mouse", DeValue::Boolean(on)) => self.mouse = *on,
                ("require_signature", DeValue::Boolean(on)) => self.require_signature = *on,
                ("allowed_signers", DeValue::String(path)) => {
                    self.allowed_signers = Some(PathBuf::from(path.as_ref()));
                }
                ("library", DeValue::Array(folders))
                    if folders
                        .iter()
                        .all(|f| matches!(f.get_ref(), DeValue::String(_))) =>
                {
                    self.library = folders
                        .iter()
                        .filter_map(|f| match f.get_ref() {
                            DeValue::String(path) => Some(PathBuf::from(path.as_ref())),
                            _ => None,
                        })
                        .collect();
                }
                ("keys", DeValue::Table(modes)) => self.walk_keys(modes, diagnostics, bound),
                (
                    name @ ("theme" | "mouse" | "require_signature" | "allowed_signers" | "library"
                    | "keys"),
                    _,
                ) => {
                    let expected = match name {
                        "theme" => "a theme name in quotes",
                        "mouse" | "require_signature" => "true or false",
                        "allowed_signers" => "a file's path in quotes",
                        "library" => "a list of folders in quotes: [\"~/briefings\"]",
                        _ => "a table of modes: [keys.global], [keys.list], …",
                    };
                    diagnostics.push(
                        Diagnostic::error(
                            format!("`{name}` must be {expected}"),
                            Some(value.span()),
                        )
                        .label("wrong type"),
                    );
                }
                (name, _) => diagnostics.push(unknown(
                    name,
                    key.span(),
                    "setting",
                    [
                        "theme",
                        "mouse",
                        "require_signature",
                        "allowed_signers",
                        "library",
                        "keys",
                    ]
                    .into_iter(),
                )),
            }
        }
    }

    /// The configured library folders, as paths: `~/` is the home
    /// directory, a relative path is relative to the config directory.
    pub fn library_folders(&self) -> Vec<PathBuf> {
        self.library.iter().filter_map(|p| resolve(p)).collect()
    }

    /// The `allowed_signers` file: the configured path (`~/` is the home
    /// directory, a relative path is relative to the config directory), or
    /// `allowed_signers` in the config directory.
    pub fn allowed_signers_path(&self) -> Option<PathBuf> {
        let dir = config_dir();
        match &self.allowed_signers {
            None => dir.map(|d| d.join("allowed_signers")),
            Some(path) => resolve(path),
        }
    }

    fn walk_keys(
        &mut self,
        modes: &DeTable,
        diagnostics: &mut Vec<Diagnostic>,
        bound: &mut Vec<(Mode, Command, Key, std::ops::Range<usize>)>,
    ) {
        for (mode_key, actions) in modes.iter() {
            let Some(mode) = Mode::from_name(mode_key.get_ref()) else {
                diagnostics.push(unknown(
                    mode_key.get_ref(),
                    mode_key.span(),
                    "key mode",
                    Mode::ALL.iter().map(|m| m.name()),
                ));
                continue;
            };
            let DeValue::Table(actions) = actions.get_ref() else {
                diagnostics.push(
                    Diagnostic::error(
                        format!("`keys.{}` must be a table of actions", mode.name()),
                        Some(actions.span()),
                    )
                    .help(format!(
                        "write [keys.{}] and then lines such as quit = [\"q\"]",
                        mode.name()
                    )),
                );
                continue;
            };
            for (action_key, keys) in actions.iter() {
                let Some(action) = Command::from_name(action_key.get_ref()) else {
                    diagnostics.push(unknown(
                        action_key.get_ref(),
                        action_key.span(),
                        "action",
                        Command::ALL.iter().map(|a| a.name()),
                    ));
                    continue;
                };
                let entries: Vec<_> = match keys.get_ref() {
                    DeValue::String(_) => vec![keys],
                    DeValue::Array(list) => list.iter().collect(),
                    _ => {
                        diagnostics.push(
                            Diagnostic::error(
                                format!("keys for `{}` must be a list of strings", action.name()),
                                Some(keys.span()),
                            )
                            .help(format!("write {} = [\"x\", \"ctrl-x\"]", action.name())),
                        );
                        continue;
                    }
                };
                let mut parsed = Vec::new();
                for entry in entries {
                    let result = match entry.get_ref() {
                        DeValue::String(text) => Key::parse(text),
                        _ => Err("a key must be a string such as \"q\" or \"ctrl-d\"".to_string()),
                    };
                    match result {
                        Ok(key) => {
                            bound.push((mode, action, key, entry.span()));
                            parsed.push(key);
                        }
                        Err(message) => diagnostics.push(
                            Diagnostic::error(message, Some(entry.span())).label("not a key"),
                        ),
                    }
                }
                self.keymap.bind(mode, action, parsed);
            }
        }
    }
}

fn unknown<'a>(
    name: &str,
    span: std::ops::Range<usize>,
    what: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Diagnostic {
    let suggestions = closest_n(name, known.clone(), 1);
    let help = match suggestions.first() {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("the {what}s are: {}", known.collect::<Vec<_>>().join(", ")),
    };
    Diagnostic::error(format!("unknown {what} `{name}`"), Some(span))
        .label(format!("not a {what}"))
        .help(help)
}

/// A path from config.toml: `~/` is the home directory, a relative path
/// is relative to the config directory.
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(home) = directories::BaseDirs::new()
    {
        return Some(home.home_dir().join(rest));
    }
    if path.is_absolute() {
        Some(path.to_path_buf())
    } else {
        config_dir().map(|d| d.join(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        Key::parse(text).expect("valid key")
    }

    #[test]
    fn the_embedded_defaults_are_valid() {
        let mut config = Config {
            theme: String::new(),
            mouse: true,
            keymap: Keymap::default(),
            require_signature: true,
            allowed_signers: None,
            library: Vec::new(),
        };
        config
            .apply(DEFAULT_CONFIG, "default-config.toml")
            .expect("defaults parse");
        assert_eq!(config.theme, "dark");
        assert!(!config.mouse);
        assert!(!config.require_signature);
        assert_eq!(
            config.keymap.command(&[Mode::Global], key("q")),
            Some(Command::Quit)
        );
    }

    #[test]
    fn user_keys_replace_an_actions_keys_in_that_mode() {
        let mut config = Config::defaults();
        config
            .apply("[keys.global]\nquit = [\"x\", \"ctrl-q\"]\n", "c.toml")
            .expect("valid");
        assert_eq!(
            config.keymap.command(&[Mode::Global], key("x")),
            Some(Command::Quit)
        );
        assert_eq!(
            config.keymap.command(&[Mode::Global], key("ctrl-q")),
            Some(Command::Quit)
        );
        assert_eq!(config.keymap.command(&[Mode::Global], key("q")), None);
        assert_eq!(
            config.keymap.command(&[Mode::List], key("j")),
            Some(Command::Down)
        );
    }

    #[test]
    fn signature_settings_are_read_and_checked() {
        let mut config = Config::defaults();
        config
            .apply(
                "require_signature = true\nallowed_signers = \"/etc/brief/signers\"\n",
                "c.toml",
            )
            .expect("valid");
        assert!(config.require_signature);
        assert_eq!(
            config.allowed_signers_path(),
            Some(PathBuf::from("/etc/brief/signers"))
        );
        let report = config
            .apply(
                "require_signature = \"yes\"\nallowed_signer = \"x\"\n",
                "c.toml",
            )
            .expect_err("invalid");
        let shown = report.render();
        assert!(
            shown.contains("c.toml:1:21: error: `require_signature` must be true or false"),
            "{shown}"
        );
        assert!(shown.contains("did you mean `allowed_signers`?"), "{shown}");
    }

    #[test]
    fn mistakes_are_located_and_suggest_fixes() {
        let mut config = Config::defaults();
        let text = "theme = \"light\"\nmuose = true\n[keys.globl]\nquit = [\"q\"]\n[keys.list]\ndwn = [\"j\"]\nup = [\"hyper-k\"]\n";
        let report = config.apply(text, "c.toml").expect_err("invalid");
        let shown = report.render();
        assert!(
            shown.contains("c.toml:2:1: error: unknown setting `muose`"),
            "{shown}"
        );
        assert!(shown.contains("did you mean `mouse`?"), "{shown}");
        assert!(
            shown.contains("c.toml:3:7: error: unknown key mode `globl`"),
            "{shown}"
        );
        assert!(
            shown.contains("c.toml:6:1: error: unknown action `dwn`"),
            "{shown}"
        );
        assert!(
            shown.contains("c.toml:7:7: error: `hyper-k` is not a key"),
            "{shown}"
        );
    }
}
