//! Keys: how they are written in config files, and the lookup from a key
//! press to a [`Command`] for the current mode.

use rustc_hash::FxHashMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::Command;

/// Where a key is pressed. Overlays take keys first, then the focused pane,
/// then [`Mode::Global`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Global,
    Library,
    List,
    Detail,
    Matrix,
    Search,
    Note,
    Picker,
    Help,
    Confirm,
}

impl Mode {
    pub const ALL: [Mode; 10] = [
        Mode::Global,
        Mode::Library,
        Mode::List,
        Mode::Detail,
        Mode::Matrix,
        Mode::Search,
        Mode::Note,
        Mode::Picker,
        Mode::Help,
        Mode::Confirm,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::Library => "library",
            Mode::List => "list",
            Mode::Detail => "detail",
            Mode::Matrix => "matrix",
            Mode::Search => "search",
            Mode::Note => "note",
            Mode::Picker => "picker",
            Mode::Help => "help",
            Mode::Confirm => "confirm",
        }
    }

    /// The heading of the mode's keys in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Everywhere",
            Mode::Library => "In the library of briefings",
            Mode::List => "In a list",
            Mode::Detail => "In the detail pane",
            Mode::Matrix => "In the actor × issue matrix (Overview)",
            Mode::Search => "While searching",
            Mode::Note => "Writing a note",
            Mode::Picker => "Filtering a list (type to filter)",
            Mode::Help => "In this help",
            Mode::Confirm => "When asked to confirm",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Overlay modes do not fall through to the panes or global keys.
    pub fn is_overlay(self) -> bool {
        matches!(
            self,
            Mode::Search | Mode::Note | Mode::Picker | Mode::Help | Mode::Confirm
        )
    }

    /// Modes with a text box: a printable key that no binding takes is
    /// typed into it.
    pub fn takes_text(self) -> bool {
        matches!(self, Mode::Search | Mode::Note | Mode::Picker)
    }
}

/// A key with its modifiers, normalised so that config text and terminal
/// events compare equal (`G` is `G`, not `shift-g`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

const ALIASES: &[(&str, &str)] = &[
    ("return", "enter"),
    ("escape", "esc"),
    ("pageup", "pgup"),
    ("pagedown", "pgdn"),
    ("bs", "backspace"),
    ("del", "delete"),
];

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            // Shift is part of the character itself, and of BackTab.
            KeyCode::Char(c) => {
                modifiers.remove(KeyModifiers::SHIFT);
                if modifiers.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Self { code, modifiers }
    }

    /// A key that a terminal sends as another unless it reports keys
    /// apart (keyboard enhancement): ctrl-i is Tab, ctrl-m and ctrl-j are
    /// Enter, ctrl-[ is Esc, ctrl-h is Backspace.
    pub fn needs_enhancement(&self) -> bool {
        self.modifiers == KeyModifiers::CONTROL
            && matches!(self.code, KeyCode::Char('i' | 'm' | 'j' | '[' | 'h'))
    }

    pub fn from_event(event: &KeyEvent) -> Self {
        Self::new(event.code, event.modifiers)
    }

    /// Parses `q`, `G`, `?`, `ctrl-d`, `alt-left`, `shift-tab`, `pgdn`, `f1`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl-", "alt-", "shift-"]
                .into_iter()
                .find(|p| lower.starts_with(p) && rest.len() > p.len());
            let Some(prefix) = prefix else { break };
            modifiers |= match prefix {
                "ctrl-" => KeyModifiers::CONTROL,
                "alt-" => KeyModifiers::ALT,
                _ => KeyModifiers::SHIFT,
            };
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                let name = ALIASES
                    .iter()
                    .find(|(a, _)| *a == lower)
                    .map_or(lower.as_str(), |(_, n)| n);
                if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == name) {
                    *code
                } else if let Some(n) = name
                    .strip_prefix('f')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=12).contains(n))
                {
                    KeyCode::F(n)
                } else {
                    return Err(format!(
                        "`{text}` is not a key: write a character (`q`, `G`, `?`), a name ({}, f1–f12), optionally after ctrl-, alt- or shift-",
                        NAMED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                    ));
                }
            }
        };
        if let (KeyCode::Char(c), true) = (code, modifiers.contains(KeyModifiers::SHIFT)) {
            // `shift-g` means `G`.
            return Ok(Key::new(KeyCode::Char(c.to_ascii_uppercase()), modifiers));
        }
        Ok(Key::new(code, modifiers))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            code => {
                let name = NAMED
                    .iter()
                    .find(|(_, c)| *c == code)
                    .map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

/// What became of a key offered to the modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Routed {
    /// A mode binds the key: this command, in that mode.
    Consumed(Mode, Command),
    /// No mode here binds it.
    NotConsumed,
}

/// The bindings of every mode, in the order the help shows them.
#[derive(Clone, Debug, Default)]
pub struct Keymap {
    lookup: FxHashMap<(Mode, Key), Command>,
    /// Per mode, each command with its keys, in definition order.
    bindings: Vec<(Mode, Command, Vec<Key>)>,
}

impl Keymap {
    /// Sets the keys of `command` in `mode`, replacing any it had there.
    /// The lookup holds exactly the keys of `bindings`: each key of a
    /// mode's command maps to that command.
    pub fn bind(&mut self, mode: Mode, command: Command, keys: Vec<Key>) {
        let entry = self
            .bindings
            .iter()
            .position(|(m, a, _)| *m == mode && *a == command);
        if let Some(n) = entry {
            for key in &self.bindings[n].2 {
                self.lookup.remove(&(mode, *key));
            }
        }
        // Commands that lose a key to this one.
        let mut losing = Vec::new();
        for key in &keys {
            if let Some(old) = self.lookup.insert((mode, *key), command)
                && old != command
            {
                losing.push(old);
            }
        }
        match entry {
            Some(n) => self.bindings[n].2 = keys,
            None => self.bindings.push((mode, command, keys)),
        }
        // A key moved to another command no longer belongs to the old one.
        if !losing.is_empty() {
            for (m, a, list) in &mut self.bindings {
                if *m == mode && losing.contains(a) {
                    list.retain(|k| self.lookup.get(&(mode, *k)) == Some(a));
                }
            }
        }
    }

    /// The command for a key: the first mode in `modes` that binds it.
    pub fn command(&self, modes: &[Mode], key: Key) -> Option<Command> {
        match self.route(modes, key) {
            Routed::Consumed(_, command) => Some(command),
            Routed::NotConsumed => None,
        }
    }

    /// Offers a key to each mode in turn, most specific first: the first
    /// that binds it consumes it.
    pub fn route(&self, modes: &[Mode], key: Key) -> Routed {
        modes
            .iter()
            .find_map(|&mode| {
                let command = self.lookup.get(&(mode, key))?;
                Some(Routed::Consumed(mode, *command))
            })
            .unwrap_or(Routed::NotConsumed)
    }

    /// Every binding of a mode, for the help and the status bar.
    pub fn bindings(&self, mode: Mode) -> impl Iterator<Item = (Command, &[Key])> {
        self.bindings
            .iter()
            .filter(move |(m, _, _)| *m == mode)
            .map(|(_, command, keys)| (*command, keys.as_slice()))
    }

    /// The first key of a command in a mode, for hints: `j`.
    pub fn first_key(&self, mode: Mode, command: Command) -> Option<Key> {
        let (_, keys) = self.bindings(mode).find(|(a, _)| *a == command)?;
        keys.first().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Binding in any order gives what the plain rule gives: a key
        /// belongs to the command it was bound to last, and each command
        /// keeps its keys in the order they were given.
        #[test]
        fn binding_keeps_the_last_word_for_each_key(
            binds in proptest::collection::vec(
                (0..2usize, 0..4usize, proptest::collection::vec(0..5u8, 0..4)),
                0..24,
            )
        ) {
            let modes = [Mode::List, Mode::Detail];
            let commands = &Command::ALL[..4];
            let keys: Vec<Key> = ["a", "b", "c", "ctrl-d", "enter"].iter().map(|k| key(k)).collect();
            let mut keymap = Keymap::default();
            let mut last: Vec<(Mode, Key, Command, usize)> = Vec::new();
            let mut given: Vec<(Mode, Command, Vec<Key>)> = Vec::new();
            for (step, (mode, command, list)) in binds.into_iter().enumerate() {
                let (mode, command) = (modes[mode], commands[command]);
                let list: Vec<Key> = list.into_iter().map(|k| keys[usize::from(k)]).collect();
                keymap.bind(mode, command, list.clone());
                last.retain(|(m, _, a, _)| !(*m == mode && *a == command));
                for &k in &list {
                    last.retain(|(m, key, _, _)| !(*m == mode && *key == k));
                    last.push((mode, k, command, step));
                }
                match given.iter_mut().find(|(m, a, _)| *m == mode && *a == command) {
                    Some(entry) => entry.2 = list,
                    None => given.push((mode, command, list)),
                }
            }
            for &mode in &modes {
                for &k in &keys {
                    let expected = last.iter().find(|(m, key, _, _)| *m == mode && *key == k).map(|e| e.2);
                    prop_assert_eq!(keymap.command(&[mode], k), expected);
                }
                let shown: Vec<(Command, Vec<Key>)> =
                    keymap.bindings(mode).map(|(a, ks)| (a, ks.to_vec())).collect();
                let expected: Vec<(Command, Vec<Key>)> = given
                    .iter()
                    .filter(|(m, _, _)| *m == mode)
                    .map(|(m, a, ks)| {
                        let own: Vec<Key> = ks
                            .iter()
                            .copied()
                            .filter(|k| last.iter().any(|e| e.0 == *m && e.1 == *k && e.2 == *a))
                            .collect();
                        (*a, own)
                    })
                    .collect();
                prop_assert_eq!(shown, expected);
            }
        }
    }

    fn key(text: &str) -> Key {
        Key::parse(text).expect("valid key")
    }

    #[test]
    fn parsing_matches_terminal_events() {
        assert_eq!(key("G"), Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(key("shift-g"), key("G"));
        assert_eq!(
            key("ctrl-d"),
            Key::new(KeyCode::Char('d'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            key("shift-tab"),
            Key::new(KeyCode::BackTab, KeyModifiers::SHIFT)
        );
        assert_eq!(key("alt-left"), Key::new(KeyCode::Left, KeyModifiers::ALT));
        assert_eq!(key("PageDown"), key("pgdn"));
        assert_eq!(key("-"), Key::new(KeyCode::Char('-'), KeyModifiers::NONE));
        assert_eq!(key("f5").code, KeyCode::F(5));
        assert_eq!(
            key("ctrl--"),
            Key::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("").is_err());
    }

    #[test]
    fn display_round_trips() {
        for text in [
            "q",
            "G",
            "?",
            "ctrl-d",
            "alt-right",
            "shift-tab",
            "enter",
            "pgup",
            "space",
            "f12",
        ] {
            assert_eq!(key(text).to_string(), text);
            assert_eq!(key(&key(text).to_string()), key(text));
        }
    }

    #[test]
    fn rebinding_replaces_and_steals_keys() {
        let mut map = Keymap::default();
        map.bind(Mode::List, Command::Down, vec![key("j"), key("down")]);
        map.bind(Mode::List, Command::Up, vec![key("k")]);
        map.bind(Mode::List, Command::Up, vec![key("j")]);
        assert_eq!(map.command(&[Mode::List], key("j")), Some(Command::Up));
        assert_eq!(map.command(&[Mode::List], key("k")), None);
        assert_eq!(map.first_key(Mode::List, Command::Down), Some(key("down")));
        assert_eq!(
            map.command(&[Mode::Detail, Mode::List], key("down")),
            Some(Command::Down)
        );
    }
}
