//! Themes: styles named by role, read from flat TOML files.
//!
//! A theme file sets any of the roles in [`ROLES`] and the section
//! `[accents]`; every role it leaves out comes from the theme it `inherits`
//! (default `dark`), role by role. A role that is set replaces the base's
//! role whole, so what a file says is exactly what is drawn. The built-ins
//! are `themes/*.toml`, embedded and parsed by the same code as users' files.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use ratatui::style::{Color, Modifier, Style};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, Report};
use crate::load::closest_n;
use strum::EnumCount;

use super::section::Section;

/// Colours and styles by role. Built-in themes live in `themes/*.toml`.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub name: String,
    pub text: Style,
    pub muted: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub header: Style,
    pub selection: Style,
    pub link: Style,
    pub link_selected: Style,
    pub matched: Style,
    pub status: Style,
    pub error: Style,
    pub warning: Style,
    /// One accent per section, in tab order.
    pub accents: [Color; Section::COUNT],
}

/// The built-in themes, default first.
pub const BUILTIN: &[&str] = &["dark", "light", "high-contrast"];

const BUILTIN_TEXT: [&str; 3] = [
    include_str!("../../themes/dark.toml"),
    include_str!("../../themes/light.toml"),
    include_str!("../../themes/high-contrast.toml"),
];

#[rustfmt::skip]
const MODIFIERS: [(&str, Modifier); 9] = [
    ("bold", Modifier::BOLD), ("dim", Modifier::DIM), ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED), ("slow-blink", Modifier::SLOW_BLINK),
    ("rapid-blink", Modifier::RAPID_BLINK), ("reversed", Modifier::REVERSED),
    ("hidden", Modifier::HIDDEN), ("crossed-out", Modifier::CROSSED_OUT),
];

/// The canonical spelling of each named colour, as `to_toml` writes it.
#[rustfmt::skip]
const COLOURS: [(&str, Color); 17] = [
    ("reset", Color::Reset), ("black", Color::Black), ("red", Color::Red),
    ("green", Color::Green), ("yellow", Color::Yellow), ("blue", Color::Blue),
    ("magenta", Color::Magenta), ("cyan", Color::Cyan), ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray), ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen), ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue), ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan), ("white", Color::White),
];

const COLOUR_FORMS: &str = "a colour is a name such as `light-blue`, `dark-gray` or `reset` (the terminal's own), \
     `#rrggbb`, or a palette index 0–255";

static DARK: LazyLock<Theme> = LazyLock::new(|| {
    // The embedded file is tested to parse; an empty theme keeps this total.
    Theme::builtin("dark").unwrap_or_else(|| Theme {
        name: "dark".into(),
        ..Theme::plain()
    })
});

impl Default for Theme {
    fn default() -> Self {
        DARK.clone()
    }
}

type Value<'i> = Spanned<DeValue<'i>>;

/// Names the roles once: the file keys are the field names.
macro_rules! roles {
    ($($role:ident),* $(,)?) => {
        /// Role names as written in theme files.
        pub const ROLES: [&str; 13] = [$(stringify!($role)),*];

        impl Theme {
            /// The roles in the order of [`ROLES`].
            fn roles(&self) -> [&Style; 13] {
                [$(&self.$role),*]
            }

            fn roles_mut(&mut self) -> [&mut Style; 13] {
                [$(&mut self.$role),*]
            }

            /// No colour and no modifier anywhere: the base built-ins are parsed on.
            fn plain() -> Self {
                Self { name: "plain".into(), $($role: Style::new(),)* accents: [Color::Reset; Section::COUNT] }
            }
        }
    };
}

roles! {
    text, muted, border, border_focused, title, header, selection,
    link, link_selected, matched, status, error, warning,
}

impl Theme {
    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Option<Theme> {
        let i = BUILTIN.iter().position(|b| *b == name)?;
        // Built-ins set every role (tested), so they need no base theme.
        parse(BUILTIN_TEXT[i], &format!("themes/{name}.toml"), |_| {
            Some(Self::plain())
        })
        .ok()
    }

    /// Parses a theme file; roles it leaves out come from the built-in it
    /// `inherits` (default `dark`). `path` is only used in messages.
    pub fn from_toml(text: &str, path: &str) -> Result<Theme, Report> {
        parse(text, path, Self::builtin)
    }

    /// The theme `name`: `<user_dir>/<name>.toml` if it exists, else a built-in.
    pub fn load(name: &str, user_dir: Option<&Path>) -> Result<Theme, Report> {
        if is_theme_name(name) {
            if let Some(path) = user_dir.map(|dir| dir.join(format!("{name}.toml")))
                && path.is_file()
            {
                return read_theme(&path);
            }
            if let Some(theme) = Self::builtin(name) {
                return Ok(theme);
            }
        }
        let available = Self::available(user_dir);
        let near = did_you_mean(name, available.iter().map(String::as_str));
        let mut help = format!("{near}available themes: {}", available.join(", "));
        if let Some(dir) = user_dir {
            help.push_str(&format!(
                "; add your own as {}",
                dir.join("NAME.toml").display()
            ));
        }
        Err(Report {
            path: "brief".into(),
            source: None,
            diagnostics: vec![
                Diagnostic::error(format!("unknown theme `{name}`"), None).help(help),
            ],
        })
    }

    /// The built-ins, then the themes in `user_dir`, sorted, each once.
    pub fn available(user_dir: Option<&Path>) -> Vec<String> {
        let mut names: Vec<String> = BUILTIN.iter().map(|b| b.to_string()).collect();
        let entries = user_dir.and_then(|dir| std::fs::read_dir(dir).ok());
        let mut user: Vec<String> = entries
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let path = entry.path();
                if path.extension()? != "toml" {
                    return None;
                }
                Some(path.file_stem()?.to_str()?.to_string())
            })
            .filter(|name| is_theme_name(name) && !names.contains(name))
            .collect();
        user.sort();
        names.append(&mut user);
        names
    }

    /// The theme for `NO_COLOR`: no colour at all, with modifiers standing
    /// in for the colours that carried meaning.
    pub fn without_color(mut self) -> Theme {
        for role in self.roles_mut() {
            *role = Style {
                add_modifier: role.add_modifier,
                sub_modifier: role.sub_modifier,
                ..Style::new()
            };
        }
        let marked = Modifier::REVERSED | Modifier::BOLD;
        self.selection = self.selection.add_modifier(marked);
        self.link_selected = self.link_selected.add_modifier(marked);
        self.matched = self
            .matched
            .add_modifier(Modifier::REVERSED | Modifier::UNDERLINED);
        self.border_focused = self.border_focused.add_modifier(Modifier::BOLD);
        self.accents = [Color::Reset; Section::COUNT];
        self
    }

    /// The cursor of a text box: the text's style, reversed.
    pub fn cursor(&self) -> Style {
        self.text.add_modifier(Modifier::REVERSED)
    }

    /// The accent of a section.
    pub fn accent(&self, section: Section) -> Color {
        self.accents[section.index()]
    }

    /// The theme as a complete theme file, every role written out.
    ///
    /// Underline colours and removed modifiers have no place in a theme file
    /// and are not written; no parsed theme has them.
    pub fn to_toml(&self) -> String {
        let mut out = format!(
            "# brief theme, every role written out\nname = {}\n\n",
            toml::Value::String(self.name.clone())
        );
        for (role, style) in ROLES.iter().zip(self.roles()) {
            out.push_str(&format!("{role} = {}\n", style_toml(style)));
        }
        out.push_str("\n[accents]\n");
        for (section, colour) in Section::all().map(Section::key).zip(self.accents) {
            out.push_str(&format!("{section} = {}\n", colour_toml(colour)));
        }
        out
    }
}

/// Where users keep their themes: `<config dir>/brief/themes`.
pub fn user_theme_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "brief").map(|d| d.config_dir().join("themes"))
}

/// A name that stays inside the themes directory.
fn is_theme_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn read_theme(path: &Path) -> Result<Theme, Report> {
    let shown = path.display().to_string();
    let fail = |message: String| Report {
        path: shown.clone(),
        source: None,
        diagnostics: vec![Diagnostic::error(message, None)],
    };
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read the theme: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        fail(format!("the theme is not UTF-8 text (byte {at})"))
    })?;
    Theme::from_toml(&text, &shown)
}

/// Parses `text` on the theme `base` gives for the name in `inherits`.
fn parse(
    text: &str,
    path: &str,
    base: impl FnOnce(&str) -> Option<Theme>,
) -> Result<Theme, Report> {
    let (root, syntax) = DeTable::parse_recoverable(text);
    let report = |diagnostics| Report {
        path: path.to_string(),
        source: Some(text.to_string()),
        diagnostics,
    };
    if !syntax.is_empty() {
        // What the parser recovered is guesswork: report the syntax alone.
        return Err(report(syntax.iter().map(syntax_error).collect()));
    }
    let mut errors = Vec::new();
    let root = root.get_ref();
    let mut theme = match root.get("inherits") {
        None => base("dark").unwrap_or_else(Theme::plain),
        Some(value) => inherited(value, base, &mut errors).unwrap_or_else(Theme::plain),
    };
    theme.name = match root.get("name") {
        Some(value) => {
            let name = value.get_ref().as_str().map(str::to_string);
            name.unwrap_or_else(|| {
                errors.push(wrong_type("`name`", value, "a string"));
                String::new()
            })
        }
        None => Path::new(path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("custom")
            .to_string(),
    };
    for (key, value) in root {
        let key_name: &str = key.get_ref();
        if let Some(i) = ROLES.iter().position(|r| *r == key_name) {
            if let Some(style) = style(key_name, value, &mut errors) {
                *theme.roles_mut()[i] = style;
            }
        } else if key_name == "accents" {
            accents(value, &mut theme.accents, &mut errors);
        } else if key_name != "name" && key_name != "inherits" {
            let known = ROLES.iter().chain(&["accents", "name", "inherits"]);
            errors.push(unknown(key, "role", known.copied(), "the keys are"));
        }
    }
    if errors.is_empty() {
        return Ok(theme);
    }
    errors.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    Err(report(errors))
}

/// The theme `inherits` names, from `base`.
fn inherited(
    value: &Value,
    base: impl FnOnce(&str) -> Option<Theme>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Theme> {
    let Some(name) = value.get_ref().as_str() else {
        errors.push(wrong_type("`inherits`", value, "a theme name"));
        return None;
    };
    let found = base(name);
    if found.is_none() {
        let message = format!("`inherits` names no built-in theme: `{name}`");
        let help = format!(
            "{}the built-in themes are {}; inheriting from a user theme is not supported, \
             copy its roles instead",
            did_you_mean(name, BUILTIN.iter().copied()),
            BUILTIN.join(", ")
        );
        errors.push(
            Diagnostic::error(message, Some(value.span()))
                .label("not a built-in theme")
                .help(help),
        );
    }
    found
}

fn syntax_error(error: &toml::de::Error) -> Diagnostic {
    // `message()`, not `Display`: the latter quotes the file unescaped.
    let message = format!("TOML syntax: {}", error.message().trim_end());
    Diagnostic::error(message, Some(error.span().unwrap_or(0..0)))
        .label("here")
        .help("fix the TOML syntax; see https://toml.io for the rules")
}

fn accents(value: &Value, accents: &mut [Color; Section::COUNT], errors: &mut Vec<Diagnostic>) {
    let Some(table) = value.get_ref().as_table() else {
        errors.push(wrong_type("`accents`", value, "a table of colours"));
        return;
    };
    for (key, value) in table {
        let name: &str = key.get_ref();
        match Section::all().find(|s| s.key() == name) {
            Some(section) => {
                if let Some(colour) = colour(name, value, errors) {
                    accents[section.index()] = colour;
                }
            }
            None => {
                let known = Section::all().map(Section::key);
                errors.push(unknown(key, "section", known, "the sections are"));
            }
        }
    }
}

fn style(role: &str, value: &Value, errors: &mut Vec<Diagnostic>) -> Option<Style> {
    let table = match value.get_ref() {
        DeValue::Table(table) => table,
        DeValue::String(_) | DeValue::Integer(_) => {
            return colour(role, value, errors).map(|fg| Style::new().fg(fg));
        }
        _ => {
            let expected = "a colour or a table such as { fg = \"cyan\", modifiers = [\"bold\"] }";
            errors.push(wrong_type(&format!("`{role}`"), value, expected));
            return None;
        }
    };
    let before = errors.len();
    let mut style = Style::new();
    for (key, value) in table {
        match key.get_ref().as_ref() {
            "fg" => style.fg = colour("fg", value, errors),
            "bg" => style.bg = colour("bg", value, errors),
            "modifiers" => style.add_modifier = modifiers(value, errors),
            _ => {
                let keys = ["fg", "bg", "modifiers"].into_iter();
                errors.push(unknown(key, "style key", keys, "a style has"));
            }
        }
    }
    (errors.len() == before).then_some(style)
}

/// The modifiers listed; errors are pushed and the bad ones left out.
fn modifiers(value: &Value, errors: &mut Vec<Diagnostic>) -> Modifier {
    let Some(array) = value.get_ref().as_array() else {
        errors.push(wrong_type("`modifiers`", value, "a list"));
        return Modifier::empty();
    };
    let names = || MODIFIERS.iter().map(|(name, _)| *name);
    let mut all = Modifier::empty();
    for item in array.iter() {
        let Some(text) = item.get_ref().as_str() else {
            errors.push(wrong_type("each modifier", item, "a string"));
            continue;
        };
        let wanted = normalise(text);
        match MODIFIERS.iter().find(|(name, _)| *name == wanted) {
            Some((_, modifier)) => all |= *modifier,
            None => {
                let spelled = Spanned::new(item.span(), text.into());
                errors.push(unknown(&spelled, "modifier", names(), "the modifiers are"));
            }
        }
    }
    all
}

fn colour(key: &str, value: &Value, errors: &mut Vec<Diagnostic>) -> Option<Color> {
    let found = match value.get_ref() {
        DeValue::String(text) => text.parse::<Color>().ok().ok_or_else(|| {
            let near = did_you_mean(&normalise(text), COLOURS.iter().map(|(n, _)| *n));
            let help = format!("{near}{COLOUR_FORMS}");
            Diagnostic::error(format!("`{text}` is not a colour"), Some(value.span()))
                .label("not a colour")
                .help(help)
        }),
        DeValue::Integer(i) => u8::from_str_radix(i.as_str(), i.radix())
            .map(Color::Indexed)
            .map_err(|_| {
                Diagnostic::error("a palette index is 0–255", Some(value.span()))
                    .label("out of range")
                    .help(COLOUR_FORMS)
            }),
        _ => Err(wrong_type(&format!("`{key}`"), value, "a colour").help(COLOUR_FORMS)),
    };
    found.map_err(|d| errors.push(d)).ok()
}

/// Lower case with `-` between words, the way names are written here.
fn normalise(text: &str) -> String {
    text.trim().to_lowercase().replace(['_', ' '], "-")
}

fn wrong_type(what: &str, value: &Value, expected: &str) -> Diagnostic {
    let found = value.get_ref().type_str();
    Diagnostic::error(
        format!("{what} must be {expected}, found {found}"),
        Some(value.span()),
    )
    .label(format!("expected {expected}"))
}

fn unknown<'a>(
    key: &Spanned<std::borrow::Cow<str>>,
    what: &str,
    known: impl Iterator<Item = &'a str> + Clone,
    listing: &str,
) -> Diagnostic {
    let name: &str = key.get_ref();
    let all: Vec<&str> = known.clone().collect();
    let help = format!("{}{listing} {}", did_you_mean(name, known), all.join(", "));
    Diagnostic::error(format!("unknown {what} `{name}`"), Some(key.span()))
        .label(format!("not a {what}"))
        .help(help)
}

/// "did you mean `x`? " when a candidate is close to `name`, else "".
fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    let near = closest_n(name, candidates, 1);
    near.first()
        .map_or_else(String::new, |near| format!("did you mean `{near}`? "))
}

fn style_toml(style: &Style) -> String {
    let modifiers: Vec<String> = MODIFIERS
        .iter()
        .filter(|(_, m)| style.add_modifier.contains(*m))
        .map(|(name, _)| format!("\"{name}\""))
        .collect();
    if let (Some(fg), None, true) = (style.fg, style.bg, modifiers.is_empty()) {
        return colour_toml(fg);
    }
    let mut parts = Vec::new();
    if let Some(fg) = style.fg {
        parts.push(format!("fg = {}", colour_toml(fg)));
    }
    if let Some(bg) = style.bg {
        parts.push(format!("bg = {}", colour_toml(bg)));
    }
    if !modifiers.is_empty() {
        parts.push(format!("modifiers = [{}]", modifiers.join(", ")));
    }
    if parts.is_empty() {
        "{}".into()
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

fn colour_toml(colour: Color) -> String {
    match colour {
        Color::Indexed(i) => i.to_string(),
        Color::Rgb(r, g, b) => format!("\"#{r:02x}{g:02x}{b:02x}\""),
        named => COLOURS
            .iter()
            .find(|(_, c)| *c == named)
            .map_or_else(|| "\"reset\"".into(), |(name, _)| format!("\"{name}\"")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every role and accent set to something no built-in uses.
    fn poison() -> Theme {
        let mut theme = Theme::plain();
        for role in theme.roles_mut() {
            *role = Style::new().fg(Color::Rgb(1, 2, 3)).bg(Color::Rgb(1, 2, 3));
        }
        theme.accents = [Color::Rgb(1, 2, 3); Section::COUNT];
        theme
    }

    #[test]
    fn every_builtin_parses_and_sets_every_role() {
        for (name, text) in BUILTIN.iter().zip(BUILTIN_TEXT) {
            let theme = Theme::builtin(name).expect("built-in parses");
            assert_eq!(theme.name, *name);
            // Parsed on a poisoned base, nothing changes: no role was left out.
            let on_poison = parse(text, name, |_| Some(poison())).expect("parses");
            assert_eq!(on_poison, theme, "{name} leaves a role to its base");
        }
        assert_eq!(Theme::default(), Theme::builtin("dark").expect("dark"));
        assert_ne!(Theme::default().selection, Style::new());
    }

    #[test]
    fn to_toml_round_trips() {
        let mut custom = Theme {
            name: "odd \"name\"\n".into(),
            text: Style::new().fg(Color::Rgb(0xab, 0x01, 0xff)).bg(Color::Red),
            ..Theme::default()
        };
        custom.accents[Section::Quotes.index()] = Color::DarkGray;
        let mut themes: Vec<Theme> = BUILTIN.iter().filter_map(|n| Theme::builtin(n)).collect();
        themes.push(Theme::default().without_color());
        themes.push(custom);
        for theme in themes {
            let text = theme.to_toml();
            assert_eq!(
                Theme::from_toml(&text, "x.toml").expect(&text),
                theme,
                "{text}"
            );
        }
    }

    #[test]
    fn without_color_strips_every_colour_and_keeps_things_apart() {
        for name in BUILTIN {
            let theme = Theme::builtin(name).expect("built-in").without_color();
            for (role, style) in ROLES.iter().zip(theme.roles()) {
                assert_eq!((style.fg, style.bg), (None, None), "{name}.{role}");
            }
            assert_eq!(theme.accents, [Color::Reset; Section::COUNT]);
            for style in [theme.selection, theme.link_selected, theme.matched] {
                assert!(style.add_modifier.contains(Modifier::REVERSED), "{name}");
            }
            assert!(theme.matched.add_modifier.contains(Modifier::UNDERLINED));
            assert!(theme.border_focused.add_modifier.contains(Modifier::BOLD));
            assert_ne!(theme.selection, theme.matched);
            assert_ne!(theme.border, theme.border_focused);
        }
    }
}
