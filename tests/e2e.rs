//! End-to-end: the real `brief` binary in a pseudo-terminal, its screen read
//! back through vt100. Every wait has a deadline and the child is killed on
//! drop, so a broken reader fails a test instead of hanging the suite.

#[path = "common/isolated.rs"]
mod isolated;

#[path = "common/pty.rs"]
mod pty;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pty::{TIMEOUT, Tui, contains, state_file};

fn fixture(name: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "e2e", name]
        .iter()
        .collect();
    path.to_str().expect("fixture path is UTF-8").to_string()
}

#[test]
fn starts_on_the_default_briefing() {
    let tui = Tui::default_briefing();
    tui.wait_for("1 Overview");
    let screen = tui.screen();
    let tabs = [
        "1 Overview",
        "2 Actors",
        "3 Issues",
        "4 Quotes",
        "5 Timeline",
        "6 Sources",
        "7 Contested",
    ];
    let row = screen
        .lines()
        .find(|l| l.contains("1 Overview"))
        .expect("a tab bar");
    let mut from = 0;
    for tab in tabs {
        let at = row[from..]
            .find(tab)
            .unwrap_or_else(|| panic!("{tab} missing or out of order in {row:?}"));
        from += at + tab.len();
    }
    assert!(
        screen
            .lines()
            .next()
            .is_some_and(|l| l.contains("Damascus and Moscow after Assad"))
    );
}

#[test]
fn issues_then_the_bases_issue_shows_hmeimim_and_tartus() {
    let tui = Tui::default_briefing();
    tui.press("3");
    tui.wait_for("▶ Russian bases: Hmeimim");
    // The detail pane (right of the list) names both bases.
    tui.wait_until("the bases in the detail pane", |s| {
        let detail: Vec<String> = s.rows(46, 74).collect();
        let text = detail.join("\n");
        text.contains("Hmeimim") && text.contains("Tartus") && text.contains("Issue")
    });
}

#[test]
fn following_a_link_reaches_a_quote_and_ctrl_o_returns() {
    let tui = Tui::default_briefing();
    tui.press("2");
    tui.wait_for("Actors 1/");
    tui.press("j");
    tui.wait_for("▶ Sergey Lavrov");
    tui.press("l");
    // Step through the links until a quote is selected.
    let mut link = None;
    for n in 1..=60 {
        tui.send("j");
        tui.wait_for(&format!(" link {n}/"));
        tui.settle();
        if let Some(text) = tui.selected_link().filter(|t| t.starts_with("› “")) {
            link = Some(text);
            break;
        }
    }
    let link = link.unwrap_or_else(|| panic!("no quote link; the screen:\n{}", tui.screen()));
    // The quote's opening words, before any cut.
    let words: String = link
        .trim_start_matches("› “")
        .chars()
        .take_while(|&c| c != '”' && c != '…')
        .take(20)
        .collect();
    let words = words.trim().to_string();
    tui.press("\r");
    tui.wait_for(" Quote ");
    // The Quotes list beside it, the quote selected there.
    tui.wait_until("the Quotes list", |s| {
        s.contents().contains("┌ Quotes ") && s.contents().contains("▶ Sergey Lavrov      “")
    });
    tui.wait_for(&format!("“{words}"));
    tui.wait_for("speaker");
    tui.press("\x0f");
    tui.wait_for(" Actor ");
    tui.wait_for("▶ Sergey Lavrov");
    assert!(!tui.screen().contains(" Quote "), "{}", tui.screen());
    // Back where we were: the same link selected in Lavrov's detail.
    assert_eq!(tui.selected_link(), Some(link));
}

#[test]
fn search_finds_a_quoted_phrase_and_enter_jumps_to_it() {
    let tui = Tui::default_briefing();
    tui.press("/");
    tui.wait_for("Search");
    for c in "guardians of the blood".chars() {
        tui.send(&c.to_string());
    }
    tui.wait_for("/ guardians of the blood");
    tui.wait_for("match");
    tui.wait_until("a highlighted match", |s| {
        s.contents().matches("guardians of the blood").count() >= 2
    });
    tui.press("\r");
    tui.wait_for("Match 1 of");
    tui.wait_for("Victims' families and the \"guardians of the blood\"");
    assert!(!tui.screen().contains("/ guardians"), "{}", tui.screen());
}

#[test]
fn search_is_accent_insensitive() {
    let tui = Tui::default_briefing();
    tui.press("/");
    tui.send("erdogan");
    tui.wait_for("/ erdogan");
    tui.wait_for("Recep Tayyip Erdoğan");
    tui.press("\r");
    tui.wait_for("Match 1 of");
    tui.wait_for("Erdoğan");
}

#[test]
fn a_resize_reflows_and_keeps_the_selection() {
    let keys = ["2", "j"];
    let tui = Tui::default_briefing();
    for k in keys {
        tui.press(k);
    }
    tui.wait_for("▶ Sergey Lavrov");
    tui.resize(70, 30);
    tui.wait_until("the stacked layout", |s| {
        let rows: Vec<String> = s.rows(0, 70).collect();
        // Stacked: the detail pane's title is below the list pane's.
        let list = rows.iter().position(|r| r.contains("Actors 2/"));
        let detail = rows.iter().position(|r| r.contains(" Actor "));
        matches!((list, detail), (Some(l), Some(d)) if d > l)
    });
    tui.settle();
    // The same screen as a reader started at that size with the same keys:
    // nothing stale is left from the wide layout.
    let fresh = Tui::start(&[], 70, 30);
    fresh.wait_for("Damascus and Moscow");
    for k in keys {
        fresh.press(k);
    }
    fresh.wait_for("▶ Sergey Lavrov");
    assert_eq!(tui.screen(), fresh.screen());
    tui.resize(30, 8);
    tui.wait_for("terminal too small: need");
    tui.resize(120, 40);
    tui.wait_for("▶ Sergey Lavrov");
}

#[test]
fn q_exits_0_and_restores_the_terminal() {
    let mut tui = Tui::default_briefing();
    let (alternate, hidden) = tui.modes();
    assert!(alternate, "the reader uses the alternate screen");
    assert!(hidden, "the reader hides the cursor");
    tui.send("q");
    let status = tui.wait_exit();
    assert_eq!((status.exit_code(), status.signal()), (0, None), "{status}");
    tui.assert_restored();
}

fn assert_signal_exits(signal: &str, code: u32) {
    let mut tui = Tui::default_briefing();
    tui.settle();
    let pid = tui.pid().to_string();
    let kill = Command::new("kill")
        .args([&format!("-{signal}"), pid.as_str()])
        .status()
        .expect("run kill");
    assert!(kill.success());
    let status = tui.wait_exit();
    assert_eq!(
        (status.exit_code(), status.signal()),
        (code, None),
        "SIG{signal} should end brief with exit code {code}, not {status}"
    );
    tui.assert_restored();
}

#[test]
fn sigterm_exits_143_and_restores_the_terminal() {
    assert_signal_exits("TERM", 143);
}

#[test]
fn sighup_exits_129_and_restores_the_terminal() {
    assert_signal_exits("HUP", 129);
}

#[test]
fn escape_sequences_in_a_briefing_never_reach_the_terminal() {
    let path = fixture("escapes.toml");
    let home = tempfile::tempdir().expect("home");
    let check = isolated::brief(home.path())
        .args(["check", &path])
        .output()
        .expect("brief check runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    let mut tui = Tui::start(&[&path], 120, 40);
    tui.wait_for("Hostile");
    // Visible escapes, not effects.
    tui.wait_for("\\u{1b}]0;pwned-title\\u{7}");
    tui.wait_for("\\u{1b}]52;c;aGVsbG8=\\u{7}");
    tui.wait_for("\\u{9b}2Jcleared");
    let mut seen_on_screen = tui.screen();
    for section in ["1", "2", "3", "4", "5", "6", "7"] {
        for keys in [section, "j", "l", "j", "j", "\r", "\x0f", "h"] {
            tui.press(keys);
            seen_on_screen.push_str(&tui.screen());
        }
    }
    for query in ["pwned", "evil", "wiped", "mallory"] {
        tui.press("/");
        tui.send(query);
        tui.wait_for(&format!("/ {query}"));
        tui.settle();
        seen_on_screen.push_str(&tui.screen());
        tui.press("\x1b");
    }
    tui.press("?");
    tui.press("\x1b");
    tui.send("q");
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status}");
    tui.assert_restored();

    for visible in [
        "\\u{1b}]52;",
        "\\u{1b}]8;;https://evil.example/",
        "\\u{1b}]2;",
        "\\u{1b}[2Jwiped",
        "\\u{1b}[10;10Hmoved",
        "\\u{9b}2J",
        "\\u{202e}evil",
        "\\u{7}",
    ] {
        assert!(seen_on_screen.contains(visible), "{visible} never shown");
    }
    let log = tui.log();
    let forbidden: [(&[u8], &str); 12] = [
        (b"\x1b]52", "OSC 52 clipboard write"),
        (b"\x1b]8;", "OSC 8 hyperlink"),
        (b"\x1b]0;", "OSC 0 title"),
        (b"\x1b]2;", "OSC 2 title"),
        (b"\x1b]", "any OSC"),
        (b"\x07", "BEL"),
        (b"\x1b[2Jwiped", "CSI clear screen from the file"),
        (b"\x1b[10;10Hmoved", "CSI cursor move from the file"),
        (b"\x1b[1;1Hjump", "CSI cursor move from the file"),
        (b"\xc2\x9b", "C1 CSI (U+009B)"),
        ("\u{202e}".as_bytes(), "bidi override U+202E"),
        ("\u{202c}".as_bytes(), "bidi pop U+202C"),
    ];
    for (bytes, what) in forbidden {
        assert!(!contains(&log, bytes), "{what} reached the terminal");
    }
    assert!(
        !contains(&log, b"\x08") && !contains(&log, b"\x7f"),
        "BS or DEL reached the terminal"
    );
}

#[test]
fn refuses_to_draw_into_a_pipe() {
    let home = tempfile::tempdir().expect("temporary home");
    let mut child = isolated::brief(home.path())
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn brief");
    let deadline = Instant::now() + TIMEOUT;
    while child.try_wait().expect("poll brief").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("brief kept running with stdout on a pipe");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("brief's output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("not a terminal") && stderr.contains("brief export"),
        "{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "wrote to the pipe: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        !out.stderr.contains(&0x1b),
        "escape codes on stderr: {stderr:?}"
    );
    // Nothing is written before a screen exists: no review state, no folder.
    let mut made = Vec::new();
    for entry in walk(home.path()) {
        made.push(entry.display().to_string());
    }
    assert!(made.is_empty(), "created {made:?}");
}

/// Every file and folder under `dir`.
fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        }
        out.push(path);
    }
    out
}

#[test]
fn marks_and_a_note_survive_quitting_and_reopening() {
    let home = tempfile::tempdir().expect("home");
    let mut tui = Tui::start_at(home.path(), &[], 120, 40, &[]);
    tui.wait_for("Damascus and Moscow after Assad");
    tui.press("4");
    tui.press("x");
    tui.wait_for("Marked reviewed");
    tui.press("j!");
    tui.press("a");
    tui.wait_for("Note on");
    tui.send("remember this");
    tui.press("\x13");
    tui.wait_for("Note saved");
    tui.press("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);

    let again = Tui::start_at(home.path(), &[], 120, 40, &[]);
    again.wait_for("Reviewed 1/");
    // It reopens where it left off: the second quote, with its flag and note.
    again.wait_for("▶ Asaad al-Shibani   “no hostile intentions");
    again.wait_for("remember this");
    let screen = again.screen();
    assert!(
        screen.contains("┃✓    Syrian Foreign Mi… “historic”"),
        "{screen}"
    );
    assert!(
        screen.contains(" !✎▶ Asaad al-Shibani   “no hostile"),
        "{screen}"
    );
}

#[test]
fn a_note_edited_in_the_external_editor_comes_back() {
    let home = tempfile::tempdir().expect("home");
    let editor = home.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'written in the editor' > \"$1\"\n",
    )
    .expect("write");
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let editor = editor.to_str().expect("utf-8").to_string();
    let mut tui = Tui::start_at(home.path(), &[], 120, 40, &[("VISUAL", &editor)]);
    tui.wait_for("Damascus and Moscow after Assad");
    tui.press("4");
    tui.press("E");
    tui.wait_for("Note saved from the editor");
    tui.wait_for("written in the editor");
    tui.press("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    tui.assert_restored();
}

#[test]
fn y_copies_the_quote_with_its_citation_through_osc_52() {
    use base64::Engine;
    let mut tui = Tui::default_briefing();
    tui.press("4");
    tui.press("y");
    tui.wait_for("Copied:");
    let log = tui.log();
    let start = log
        .windows(7)
        .position(|w| w == b"\x1b]52;c;")
        .expect("an OSC 52 sequence")
        + 7;
    let end = start
        + log[start..]
            .iter()
            .position(|&b| b == 0x07)
            .expect("terminated");
    let text = base64::engine::general_purpose::STANDARD
        .decode(&log[start..end])
        .expect("base64");
    let text = String::from_utf8(text).expect("utf-8");
    assert!(
        text.starts_with("“historic” — Syrian Foreign Ministry, Damascus and Moscow: Can Memory"),
        "{text}"
    );
    assert!(text.contains("outlet unknown"), "{text}");
    tui.press("q");
    tui.wait_exit();
}

/// A terminal's bracketed paste into a note is text: the lines and blank
/// lines are kept, and nothing in it acts as a key.
#[test]
fn a_bracketed_paste_into_a_note_is_saved_as_text() {
    let home = tempfile::tempdir().expect("home");
    let mut tui = Tui::start_at(home.path(), &[], 80, 24, &[]);
    tui.wait_for("Damascus and Moscow after Assad");
    let log = tui.log();
    assert!(
        contains(&log, b"\x1b[?2004h"),
        "the reader asks for bracketed paste"
    );
    tui.press("3");
    tui.press("a");
    tui.wait_for("Note on");
    tui.send("\x1b[200~From the cable:\r\n\r\nxj!q\x1b[201~");
    tui.wait_for("xj!q");
    tui.press("\x13");
    tui.wait_for("Note saved");
    tui.press("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    tui.assert_restored();
    assert!(contains(&tui.log(), b"\x1b[?2004l"), "and turns it off");
    let state = std::fs::read_to_string(state_file(home.path(), "syria-russia-2025"))
        .expect("a saved state");
    let review = brief::review::Review::from_toml(&state).expect("valid");
    let marks: Vec<_> = review.items.iter().collect();
    assert_eq!(marks.len(), 1, "{marks:?}");
    let (id, mark) = marks[0];
    assert_eq!(id, "bases");
    assert_eq!(mark.note.as_deref(), Some("From the cable:\n\nxj!q"));
    assert!(mark.reviewed.is_none() && !mark.flagged);
}

/// A large paste arrives whole, at once, without a key to push it along.
#[test]
fn a_large_paste_arrives_whole_without_another_key() {
    let home = tempfile::tempdir().expect("home");
    let mut tui = Tui::start_at(home.path(), &[], 80, 24, &[]);
    tui.wait_for("Damascus and Moscow after Assad");
    tui.press("3");
    tui.press("a");
    tui.wait_for("Note on");
    let text: String = (0..4_000).map(|n| format!("w{n} ")).collect();
    assert!(text.len() > 20_000);
    tui.send(&format!("\x1b[200~{text}THE-END\x1b[201~"));
    tui.wait_for("THE-END");
    tui.press("\x13");
    tui.wait_for("Note saved");
    tui.press("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    let state = std::fs::read_to_string(state_file(home.path(), "syria-russia-2025"))
        .expect("a saved state");
    let review = brief::review::Review::from_toml(&state).expect("valid");
    let note = review.items["bases"].note.clone().expect("a note");
    assert_eq!(note, format!("{text}THE-END"));
}

/// 80×24, the size most terminals open at: the Overview's matrix shows its
/// actors, search finds by words in any order, and the help is whole.
#[test]
fn at_80_by_24_the_matrix_search_and_help_are_whole() {
    let mut tui = Tui::start(&[], 80, 24);
    tui.wait_for("Damascus and Moscow after Assad");
    tui.wait_for("Actor × issue");
    let screen = tui.screen();
    let rows = screen
        .lines()
        .filter(|l| l.starts_with('┃') && (l.contains(" ●  ") || l.contains(" ·  ")))
        .count();
    assert!(rows >= 8, "{rows} actor rows:\n{screen}");
    tui.press("/");
    tui.send("qasra abu");
    tui.wait_for("/ qasra abu");
    tui.wait_for("▶ Murhaf Abu Qasra");
    tui.press("\r");
    tui.wait_for("Match 1 of");
    tui.wait_for("Actor ");
    tui.press("?");
    tui.wait_for("Keys — esc closes");
    let help = tui.screen();
    assert!(help.contains("Move focus to the other pane"), "{help}");
    assert!(!help.contains("…"), "nothing in the help is cut:\n{help}");
    tui.press("\x1b");
    tui.press("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    tui.assert_restored();
}
