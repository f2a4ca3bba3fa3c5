//! The hostile-briefing suite: every file in tests/fixtures/hostile/ (and two
//! generated giants) is loaded, drawn and exported, and nothing from it
//! reaches the terminal raw. The reader is drawn through ratatui's real
//! crossterm backend into a byte buffer; those bytes are checked against the
//! few sequences ratatui itself writes, then replayed into a terminal
//! emulator that trips on any bell, title, clipboard or mode change and
//! shows whether the panes' borders survived. `brief check` and `brief
//! export` (Markdown and JSON) must print everything escaped. See
//! docs/RELIABILITY.md for the cases and what each showed.

#[path = "common/isolated.rs"]
mod isolated;

mod common;

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::rc::Rc;

use brief::Briefing;
use brief::sanitize::is_unsafe;
use brief::tui::config::Config;
use brief::tui::theme::Theme;
use brief::tui::{App, ui};
use common::{app_with, press};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

fn hostile_dir() -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "hostile"]
        .iter()
        .collect()
}

/// Fixtures that are valid briefings; the others are invalid on purpose.
fn valid_fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(hostile_dir())
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| !is_invalid_fixture(p))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "fixtures missing: {files:?}");
    files
}

fn is_invalid_fixture(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with("invalid-") || name == "raw-controls.toml"
}

fn load(path: &Path) -> Briefing {
    Briefing::load(path).unwrap_or_else(|report| panic!("{}", report.render()))
}

/// A briefing whose summary is one line of about 1 MB. (Wrapping it takes
/// seconds in a debug build, so the test draws it at the size the app
/// starts at and leaves the section alone.)
fn long_line() -> String {
    let line: String = "Wide 漢字 and \u{202e} bidi \\u001b[2J sequence "
        .repeat(1 << 20 >> 5)
        .chars()
        .take(1 << 20)
        .collect();
    let line = line.replace('\u{202e}', "\\u202e");
    minimal_briefing("long-line", &format!("\"{line}\""))
}

/// A briefing whose summary has 100,000 lines.
fn many_lines() -> String {
    let mut text = String::with_capacity(3_000_000);
    for n in 0..100_000 {
        text.push_str(&format!("line {n} \\u001b]0;t{n}\\u0007\n"));
    }
    minimal_briefing("many-lines", &format!("\"\"\"\n{text}\"\"\""))
}

fn minimal_briefing(id: &str, summary: &str) -> String {
    format!(
        "format = 1\n[briefing]\nid = \"{id}\"\ntitle = \"Giant\"\nas_of = 2025-01-01\nsummary = {summary}\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"Source\"\n\n\
         [[actors]]\nid = \"a\"\nname = \"Actor\"\nkind = \"person\"\nsummary = \"An actor.\"\nsources = [\"s\"]\n"
    )
}

/// The key sequences walked on every fixture, drawing after each.
const WALK: &[&str] = &[
    "j l enter",
    "ctrl-o",
    "2 l j j",
    "enter",
    "3 l j",
    "enter",
    "4 l",
    "5 l j",
    "6 l",
    "7 l j",
    "h f",
    "esc / text:evil",
    "esc ? G",
    "esc 3 a text:x",
    "esc x !",
    "] [",
];

/// A byte sink the test keeps a handle on while the backend writes to it.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Everything ratatui wrote while drawing `app` after each step of `walk`.
fn drawn_bytes(app: &mut App, walk: &[&str]) -> Vec<u8> {
    let area = app.layout.area;
    let sink = Sink::default();
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(sink.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, area.width, area.height)),
        },
    )
    .expect("terminal");
    terminal.draw(|frame| ui::render(app, frame)).expect("draw");
    for keys in walk {
        press(app, keys);
        terminal.draw(|frame| ui::render(app, frame)).expect("draw");
    }
    drop(terminal);
    sink.0.take()
}

/// Checks the byte stream holds only text and the sequences ratatui emits
/// itself: cursor moves inside the screen, colours and attributes (SGR), and
/// hiding or showing the cursor. Returns the number of sequences seen.
fn assert_only_ratatui_sequences(bytes: &[u8], width: u16, height: u16, what: &str) -> usize {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let mut sequences = 0;
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| c.is_control() || is_unsafe(c)) {
        let c = rest[at..].chars().next().expect("a char");
        let context = || {
            let start = at.saturating_sub(40);
            let start = (0..=start)
                .rev()
                .find(|&i| rest.is_char_boundary(i))
                .unwrap_or(0);
            let end = (at + 40).min(rest.len());
            let end = (end..=rest.len())
                .find(|&i| rest.is_char_boundary(i))
                .unwrap_or(rest.len());
            format!("{:?}", &rest[start..end])
        };
        assert_eq!(
            c,
            '\x1b',
            "{what}: raw {c:?} reached the terminal: {}",
            context()
        );
        let after = &rest[at + 1..];
        assert!(
            after.starts_with('['),
            "{what}: an escape other than CSI reached the terminal: {}",
            context()
        );
        let body = &after[1..];
        let end = body
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, ';' | ':' | '?')))
            .unwrap_or_else(|| panic!("{what}: unterminated CSI: {}", context()));
        let (params, last) = (&body[..end], body[end..].chars().next().expect("final"));
        match last {
            'm' => assert!(!params.contains('?'), "{what}: odd SGR {}", context()),
            'H' => {
                let mut parts = params.split(';').map(|p| p.parse::<u16>().unwrap_or(0));
                let (row, column) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
                assert!(
                    (1..=height).contains(&row) && (1..=width).contains(&column),
                    "{what}: a cursor move off the screen: {}",
                    context()
                );
            }
            'l' | 'h' => assert_eq!(params, "?25", "{what}: a mode change: {}", context()),
            _ => panic!(
                "{what}: a CSI ratatui does not write reached the terminal: {}",
                context()
            ),
        }
        sequences += 1;
        rest = &body[end + 1..];
    }
    sequences
}

/// A terminal emulator's view of the stream, recording everything a
/// briefing must never make the terminal do.
#[derive(Default)]
struct Tripwire {
    events: Vec<String>,
}

impl vt100::Callbacks for Tripwire {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.events.push("bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.events.push("visual bell".into());
    }
    fn resize(&mut self, _: &mut vt100::Screen, request: (u16, u16)) {
        self.events.push(format!("resize {request:?}"));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.events.push(format!("icon name {name:?}"));
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.events.push(format!("title {title:?}"));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.events.push(format!("clipboard write {data:?}"));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.events.push("clipboard read".into());
    }
    fn unhandled_char(&mut self, _: &mut vt100::Screen, c: char) {
        self.events.push(format!("unhandled char {c:?}"));
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.events.push(format!("control {b:#x}"));
    }
    fn unhandled_escape(&mut self, _: &mut vt100::Screen, _: Option<u8>, _: Option<u8>, b: u8) {
        self.events.push(format!("escape {b:#x}"));
    }
    fn unhandled_csi(
        &mut self,
        _: &mut vt100::Screen,
        _: Option<u8>,
        _: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        // Colours the emulator does not know (SGR 59, underline colour
        // reset, which ratatui writes) change nothing else.
        if c != 'm' {
            self.events.push(format!("CSI {params:?} {c:?}"));
        }
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.events.push(format!("OSC {params:?}"));
    }
}

/// Replays the stream into a terminal emulator and checks what it did.
fn assert_terminal_untouched(bytes: &[u8], app: &App, what: &str) {
    let area = app.layout.area;
    let (rows, cols) = (
        std::num::NonZeroU16::new(area.height).expect("rows"),
        std::num::NonZeroU16::new(area.width).expect("columns"),
    );
    let mut parser = vt100::Parser::new_with_callbacks(rows, cols, 0, Tripwire::default());
    parser.process(bytes);
    assert_eq!(
        parser.callbacks().events,
        Vec::<String>::new(),
        "{what}: the terminal was driven"
    );
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "{what}: alternate screen");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "{what}: mouse reporting switched on"
    );
    assert!(!screen.bracketed_paste(), "{what}: bracketed paste");
    for row in 0..area.height {
        for col in 0..area.width {
            let cell = screen.cell(row, col).expect("cell");
            assert!(
                !cell.contents().chars().any(is_unsafe),
                "{what}: raw {:?} on screen at {col},{row}",
                cell.contents()
            );
        }
    }
    // The last frame's panes keep their left and right borders on every
    // row, as the terminal shows them.
    if app.overlay.is_none() && !app.layout.too_small {
        for pane in [app.layout.list, app.layout.detail] {
            for y in pane.y + 1..pane.bottom() - 1 {
                for x in [pane.x, pane.right() - 1] {
                    let symbol = screen.cell(y, x).map(|c| c.contents()).unwrap_or_default();
                    assert!(
                        matches!(symbol, "│" | "┃" | "█" | "║"),
                        "{what}: border broken at {x},{y}: {symbol:?}\n{}",
                        screen.contents()
                    );
                }
            }
        }
    }
}

/// Draws the whole walk at each size, then each section on its own at the
/// middle size (so that every pane's borders are checked, not only the
/// final screen's).
fn check_reader(briefing: &Briefing, name: &str, walk: &[&str]) {
    for (w, h) in [(120, 40), (41, 12)] {
        let what = format!("{name} at {w}x{h}");
        let mut app = app_with(briefing.clone(), w, h);
        let bytes = drawn_bytes(&mut app, walk);
        let sequences = assert_only_ratatui_sequences(&bytes, w, h, &what);
        assert!(sequences > 0, "{what}: nothing was drawn");
        assert_terminal_untouched(&bytes, &app, &what);
    }
    for section in ["1", "2", "3", "4", "5", "6", "7"] {
        let what = format!("{name} at 70x30, section {section}");
        let mut app = app_with(briefing.clone(), 70, 30);
        let bytes = drawn_bytes(&mut app, &[section, "l", "j"]);
        assert_only_ratatui_sequences(&bytes, 70, 30, &what);
        assert_terminal_untouched(&bytes, &app, &what);
    }
}

/// One test per fixture, so that they run in parallel.
macro_rules! reader_tests {
    ($($test:ident: $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                let path = hostile_dir().join($file);
                check_reader(&load(&path), $file, WALK);
            }
        )*

        #[test]
        fn every_valid_fixture_is_drawn() {
            let drawn = [$($file),*];
            for path in valid_fixtures() {
                let name = path.file_name().and_then(|n| n.to_str()).expect("name");
                assert!(drawn.contains(&name), "add {name} to reader_tests!");
            }
        }
    };
}

reader_tests! {
    osc52_never_reaches_the_terminal: "osc52.toml",
    osc8_never_reaches_the_terminal: "osc8.toml",
    titles_never_reach_the_terminal: "title.toml",
    csi_never_reaches_the_terminal: "csi.toml",
    carriage_returns_never_reach_the_terminal: "carriage-return.toml",
    c1_controls_never_reach_the_terminal: "c1.toml",
    dcs_and_apc_never_reach_the_terminal: "dcs-apc.toml",
    mode_toggles_never_reach_the_terminal: "modes.toml",
    bidi_never_reaches_the_terminal: "bidi.toml",
    invisible_characters_never_reach_the_terminal: "invisible.toml",
    layout_controls_never_reach_the_terminal: "layout-controls.toml",
    cjk_at_odd_columns_keeps_the_borders: "cjk.toml",
    emoji_sequences_keep_the_borders: "emoji.toml",
    combining_marks_keep_the_borders: "combining.toml",
    mixed_rtl_text_keeps_the_borders: "rtl.toml",
    raw_bidi_in_the_file_never_reaches_the_terminal: "raw-bidi.toml",
}

#[test]
fn a_one_megabyte_line_and_a_hundred_thousand_lines_are_drawn_safely() {
    for (name, text) in [("long-line", long_line()), ("many-lines", many_lines())] {
        let briefing =
            Briefing::from_str(&text, name).unwrap_or_else(|report| panic!("{}", report.render()));
        // At the size the app starts at, so that the text is wrapped once.
        let mut app = App::new(briefing, &Config::defaults(), Theme::default());
        let bytes = drawn_bytes(&mut app, &["l", "G", "pgup", "j"]);
        assert_only_ratatui_sequences(&bytes, 80, 24, name);
        assert_terminal_untouched(&bytes, &app, name);
    }
}

fn brief(args: &[&str], home: &Path) -> Output {
    isolated::brief(home)
        .args(args)
        .output()
        .expect("brief runs")
}

/// Output a terminal may print as it is: text, newlines and tabs, nothing
/// that is a control, bidi or invisible format character.
fn assert_printable(bytes: &[u8], what: &str) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    if let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| (c.is_control() && c != '\n' && c != '\t') || is_unsafe(c))
    {
        let start = (0..=at.saturating_sub(60))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        panic!(
            "{what}: raw {c:?} in: {:?}",
            &text[start..at + c.len_utf8()]
        );
    }
}

#[test]
fn check_and_export_print_every_fixture_escaped() {
    let home = tempfile::tempdir().expect("home");
    for path in valid_fixtures() {
        let file = path.to_str().expect("utf-8 path");
        let check = brief(&["check", file], home.path());
        assert!(check.status.success(), "{file}: {check:?}");
        assert_printable(&check.stdout, &format!("check {file}"));
        assert_printable(&check.stderr, &format!("check {file} (stderr)"));
        let markdown = brief(&["export", file], home.path());
        assert!(markdown.status.success(), "{file}: {markdown:?}");
        assert_printable(&markdown.stdout, &format!("Markdown export of {file}"));
        let json = brief(&["export", "--format", "json", file], home.path());
        assert!(json.status.success(), "{file}: {json:?}");
        assert_printable(&json.stdout, &format!("JSON export of {file}"));
        let value: serde_json::Value =
            serde_json::from_slice(&json.stdout).expect("the JSON export parses");
        let title = value["briefing"]["title"].as_str().expect("a title");
        assert!(!title.chars().any(is_unsafe), "{file}: {title:?}");
    }
    // The escapes are visible, not dropped: the reader of the export can
    // see that the file held them.
    let osc52 = hostile_dir().join("osc52.toml");
    let out = brief(&["export", osc52.to_str().expect("path")], home.path());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("\\u{1b}]52;c;aGVsbG8=\\u{7}"), "{text}");
}

#[test]
fn invalid_ids_are_located_and_escaped() {
    let home = tempfile::tempdir().expect("home");
    let path = hostile_dir().join("invalid-ids.toml");
    let out = brief(&["check", path.to_str().expect("path")], home.path());
    assert_eq!(out.status.code(), Some(1));
    assert_printable(&out.stderr, "check invalid-ids.toml");
    let text = String::from_utf8(out.stderr).expect("utf-8");
    for expected in [
        "invalid-ids.toml:6:6: error: bad id `brief\\u{1b}]0;pwned\\u{7}\\nid`",
        "invalid-ids.toml:12:6: error: bad id `src\\u{1b}[2J\\u{9b}2J`",
        "invalid-ids.toml:16:6: error: bad id `actor\\nnewline\\u{d}\\u{202e}evil`",
        "invalid-ids.toml:20:12: error: `sources` of actor",
        "names `\\u{1b}]52;c;aGVsbG8=\\u{7}`, but no item has that id",
        "names `\\u{1b}[21t`",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // Nothing is exported from an invalid file, and the errors say why.
    let export = brief(&["export", path.to_str().expect("path")], home.path());
    assert_eq!(export.status.code(), Some(1));
    assert!(export.stdout.is_empty());
    assert_printable(&export.stderr, "export invalid-ids.toml");
}

#[test]
fn invalid_keys_and_raw_control_bytes_are_reported_escaped() {
    let home = tempfile::tempdir().expect("home");
    for (name, expected) in [
        (
            "invalid-keys.toml",
            &[
                "invalid-keys.toml:10:1: error: unknown field `ti\\u{1b}]52;c;aGk=\\u{7}tle`",
                "invalid-keys.toml:11:1: error: unknown field `\\u{202e}evil`",
                "unknown actor kind `\\u{1b}[2Jperson`",
                "bad reliability grade `\\u{9b}2J`",
            ][..],
        ),
        (
            "raw-controls.toml",
            &[
                "raw-controls.toml:8:14: error: TOML syntax",
                "title = \"raw \\u{1b}]0;pwned\\u{7} \\u{1b}[2J \\u{9b}2J \\u{202e}evil\"",
            ][..],
        ),
    ] {
        let path = hostile_dir().join(name);
        let out = brief(&["check", path.to_str().expect("path")], home.path());
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert_printable(&out.stderr, name);
        let text = String::from_utf8(out.stderr).expect("utf-8");
        for expected in expected {
            assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
        }
    }
}

#[test]
fn file_paths_with_escapes_and_newlines_are_printed_escaped() {
    let home = tempfile::tempdir().expect("home");
    let dir = home.path().join("evil\x1b]0;dir\x07");
    std::fs::create_dir(&dir).expect("mkdir");
    let valid = dir.join("brief\x1b[2J\n\u{202e}lmot.toml");
    std::fs::copy(hostile_dir().join("osc52.toml"), &valid).expect("copy");
    let invalid = dir.join("bad\x1b]52;c;aGk=\x07\r.toml");
    std::fs::copy(hostile_dir().join("invalid-ids.toml"), &invalid).expect("copy");
    let missing = dir.join("missing\x1b[21t.toml");
    let s = |p: &Path| p.to_str().expect("a UTF-8 path").to_string();

    let ok = brief(&["check", &s(&valid)], home.path());
    assert!(ok.status.success(), "{ok:?}");
    assert_printable(&ok.stdout, "check of a file with escapes in its path");
    let shown = String::from_utf8(ok.stdout).expect("utf-8");
    assert!(
        shown.contains("evil\\u{1b}]0;dir\\u{7}/brief\\u{1b}[2J\\n\\u{202e}lmot.toml"),
        "{shown}"
    );

    for path in [&invalid, &missing] {
        for args in [
            vec!["check".to_string(), s(path)],
            vec!["export".to_string(), s(path)],
            vec![s(path)],
        ] {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = brief(&args, home.path());
            assert!(!out.status.success(), "{args:?}");
            assert_printable(&out.stdout, &format!("{args:?} (stdout)"));
            assert_printable(&out.stderr, &format!("{args:?} (stderr)"));
            let text = String::from_utf8(out.stderr).expect("utf-8");
            assert!(
                text.contains("evil\\u{1b}]0;dir\\u{7}/"),
                "{args:?}: {text}"
            );
        }
    }

    // An export written to a path that cannot be created names it escaped.
    let blocked = dir.join("no\x1b[2Jdir").join("out\n.md");
    let out = brief(&["export", &s(&valid), "-o", &s(&blocked)], home.path());
    assert!(!out.status.success());
    assert_printable(&out.stderr, "export to a bad path");
    let text = String::from_utf8(out.stderr).expect("utf-8");
    assert!(text.contains("no\\u{1b}[2Jdir/out\\n.md"), "{text}");
}

#[test]
fn reload_errors_from_invalid_fixtures_never_reach_the_terminal_raw() {
    let example = Briefing::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/briefings/example.toml"
    ))
    .expect("example");
    let mut reports: Vec<(String, String)> =
        ["invalid-ids.toml", "invalid-keys.toml", "raw-controls.toml"]
            .iter()
            .map(|name| {
                let report = Briefing::load(hostile_dir().join(name)).expect_err("invalid");
                (name.to_string(), report.render())
            })
            .collect();
    // Tabs and a carriage return on the line a snippet shows.
    let tabs = "format = 1\n[briefing]\n\tid\t=\t\"a\\tb\\r\"\t# \u{202e}\r\n\ttitle = 1\n";
    let report = Briefing::from_str(tabs, "tabs\t.toml").expect_err("invalid");
    reports.push(("tabs".to_string(), report.render()));
    for (name, text) in reports {
        for (w, h) in [(120, 40), (41, 12)] {
            let what = format!("the error panel for {name} at {w}x{h}");
            let mut app = app_with(example.clone(), w, h);
            app.overlay = Some(brief::tui::app::Overlay::Errors {
                text: text.clone(),
                scroll: 0,
            });
            let bytes = drawn_bytes(&mut app, &["j", "G", "k"]);
            assert_only_ratatui_sequences(&bytes, w, h, &what);
            assert_terminal_untouched(&bytes, &app, &what);
        }
    }
}
