//! Theme files: inheritance, errors at their place, and loading from the
//! user's directory.

use std::fs;

use brief::tui::section::Section;
use brief::tui::theme::{BUILTIN, Theme};
use ratatui::style::{Color, Modifier, Style};

fn error_at(text: &str) -> (String, usize, usize) {
    let report = Theme::from_toml(text, "mine.toml").expect_err("should fail");
    let first = &report.diagnostics[0];
    let at = report.location(first).expect("located");
    (report.render(), at.line, at.column)
}

#[test]
fn a_partial_theme_inherits_the_rest_role_by_role() {
    let text = "selection = { bg = \"#112233\", modifiers = [\"Bold\"] }\n\
                link = \"Light_Blue\"\n[accents]\nquotes = 42\n";
    let theme = Theme::from_toml(text, "dir/ocean.toml").expect("parses");
    let dark = Theme::default();
    assert_eq!(theme.name, "ocean");
    let selection = Style::new()
        .bg(Color::Rgb(0x11, 0x22, 0x33))
        .add_modifier(Modifier::BOLD);
    assert_eq!(theme.selection, selection);
    assert_eq!(theme.link, Style::new().fg(Color::LightBlue));
    assert_eq!(theme.accent(Section::Quotes), Color::Indexed(42));
    assert_eq!(
        theme.accent(Section::Overview),
        dark.accent(Section::Overview)
    );
    assert_eq!((theme.text, theme.matched), (dark.text, dark.matched));

    let light = Theme::builtin("light").expect("light");
    let theme = Theme::from_toml("inherits = \"light\"\ntext = \"red\"", "t.toml").expect("parses");
    assert_eq!(theme.text, Style::new().fg(Color::Red));
    assert_eq!(theme.selection, light.selection);
}

#[test]
fn an_unknown_role_is_located_with_a_suggestion() {
    let (text, line, column) = error_at("name = \"x\"\n  selction = \"red\"\n");
    assert_eq!((line, column), (2, 3));
    assert!(
        text.starts_with("mine.toml:2:3: error: unknown role `selction`"),
        "{text}"
    );
    assert!(text.contains("did you mean `selection`?"), "{text}");
    let (text, ..) = error_at("[accents]\nquote = \"red\"\n");
    assert!(
        text.contains("mine.toml:2:1") && text.contains("`quotes`"),
        "{text}"
    );
    let (text, ..) = error_at("link = { fg = \"red\", modifers = [] }\n");
    assert!(
        text.contains("mine.toml:1:22") && text.contains("`modifiers`"),
        "{text}"
    );
}

#[test]
fn a_bad_colour_is_located_and_names_the_accepted_forms() {
    let (text, line, column) = error_at("text = \"red\"\nlink = { fg = \"blurple\" }\n");
    assert_eq!((line, column), (2, 15));
    assert!(text.contains("`blurple` is not a colour"), "{text}");
    assert!(text.contains("#rrggbb") && text.contains("0–255"), "{text}");
    let (text, ..) = error_at("[accents]\nactors = 300\n");
    assert!(
        text.contains("mine.toml:2:10: error: a palette index is 0–255"),
        "{text}"
    );
    let (text, ..) = error_at("muted = \"gren\"");
    assert!(text.contains("did you mean `green`?"), "{text}");
    let (text, ..) = error_at("title = { modifiers = [\"blod\"] }");
    assert!(
        text.contains("mine.toml:1:24") && text.contains("`bold`"),
        "{text}"
    );
    let (text, ..) = error_at("title = true");
    assert!(
        text.contains("`title` must be a colour or a table"),
        "{text}"
    );
}

#[test]
fn syntax_errors_and_bad_inherits_are_located() {
    let (text, line, _) = error_at("text = \"red\"\nlink = \n");
    assert_eq!(line, 2, "{text}");
    assert!(text.contains("TOML syntax"), "{text}");
    let (text, line, column) = error_at("\ninherits = \"mytheme\"");
    assert_eq!((line, column), (2, 12), "{text}");
    assert!(text.contains("user theme is not supported"), "{text}");
    let (text, ..) = error_at("inherits = \"lihgt\"");
    assert!(text.contains("did you mean `light`?"), "{text}");
}

#[test]
fn hostile_text_is_escaped_in_reports() {
    for text in [
        "\"\\u001b]0;pwned\\u0007\\u001b[2J\" = \"red\"\n",
        "text = \"\u{1b}[31m\"\n",
        "\u{1b}[2J = 1\n",
        "link = \"\\u009b31m\"\n",
    ] {
        let report = Theme::from_toml(text, "evil\u{1b}.toml").expect_err("fails");
        let rendered = report.render();
        assert!(
            !rendered.contains(['\u{1b}', '\u{7}', '\u{9b}']),
            "{rendered:?}"
        );
        assert!(rendered.contains("\\u{1b}"), "{rendered}");
    }
}

#[test]
fn selection_shows_without_colour_in_every_builtin() {
    let marks = Modifier::BOLD | Modifier::REVERSED;
    for name in BUILTIN {
        let theme = Theme::builtin(name).expect("built-in");
        assert!(theme.selection.add_modifier.intersects(marks), "{name}");
        assert!(
            theme.link.add_modifier.contains(Modifier::UNDERLINED),
            "{name}"
        );
    }
}

#[test]
fn a_user_file_wins_over_the_builtin_of_the_same_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("light.toml"),
        "inherits = \"light\"\ntext = \"red\"\n",
    )
    .expect("write");
    let theme = Theme::load("light", Some(dir.path())).expect("loads");
    assert_eq!(theme.text, Style::new().fg(Color::Red));
    let builtin = Theme::builtin("light").expect("built-in");
    assert_eq!(theme.selection, builtin.selection);
    assert_eq!(
        Theme::load("dark", Some(dir.path())).expect("dark"),
        Theme::default()
    );
    assert_eq!(
        Theme::load("high-contrast", None).expect("hc").name,
        "high-contrast"
    );
}

#[test]
fn available_lists_builtins_then_user_themes_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    for file in ["ocean.toml", "dark.toml", "amber.toml", "notes.txt"] {
        fs::write(dir.path().join(file), "").expect("write");
    }
    let names = Theme::available(Some(dir.path()));
    assert_eq!(names, ["dark", "light", "high-contrast", "amber", "ocean"]);
    assert_eq!(Theme::available(None), BUILTIN);
    // An empty user file is the default theme under its own name.
    let ocean = Theme::load("ocean", Some(dir.path())).expect("ocean");
    assert_eq!(
        Theme {
            name: "dark".into(),
            ..ocean
        },
        Theme::default()
    );
}

#[test]
fn an_unknown_name_lists_the_available_themes() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("ocean.toml"), "").expect("write");
    let text = Theme::load("ocaen", Some(dir.path()))
        .expect_err("unknown")
        .render();
    assert!(text.contains("error: unknown theme `ocaen`"), "{text}");
    assert!(text.contains("did you mean `ocean`?"), "{text}");
    assert!(text.contains("dark, light, high-contrast, ocean"), "{text}");
    // Names never leave the themes directory.
    fs::write(dir.path().join("x.toml"), "").expect("write");
    let nested = dir.path().join("sub");
    fs::create_dir(&nested).expect("mkdir");
    assert!(Theme::load("../x", Some(&nested)).is_err());
}

#[test]
fn a_bad_user_file_is_reported_at_its_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mine.toml");
    fs::write(&path, "text = \"red\"\nborder = \"#12345\"\n").expect("write");
    let text = Theme::load("mine", Some(dir.path()))
        .expect_err("bad colour")
        .render();
    let place = format!("{}:2:10: error: `#12345` is not a colour", path.display());
    assert!(text.starts_with(&place), "{text}");
    fs::write(&path, b"text = \"\xff\"\n").expect("write");
    let text = Theme::load("mine", Some(dir.path()))
        .expect_err("bad utf-8")
        .render();
    assert!(text.contains("not UTF-8"), "{text}");
}
