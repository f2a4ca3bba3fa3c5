//! The library of briefings: its rows (progress, sorting, the filter,
//! files that do not load, briefings that share an id), its cache (never
//! stale), the search across briefings, moving between briefings in the
//! shell, and the real binary in a pseudo-terminal on a folder.

#[path = "common/isolated.rs"]
mod isolated;

#[path = "common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use brief::library::{Cache, Origin};
use brief::review::{Change, Fingerprints, Store};
use brief::signature::AllowedSigners;
use brief::tui::action::Action;
use brief::tui::command::Command;
use brief::tui::config::Config;
use brief::tui::keymap::{Key, Mode};
use brief::tui::library::{Files, Library, Overlay, Request, Sort};
use brief::tui::shell::{MAX_OPEN, Shell};
use brief::tui::theme::Theme;
use brief::tui::ui;
use crossterm::event::{Event, KeyEvent, KeyEventKind, KeyEventState};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use pty::Tui;

const EXAMPLE: &str = include_str!("../briefings/example.toml");

/// The example briefing with another id, title and date.
fn variant(id: &str, title: &str, as_of: &str) -> String {
    EXAMPLE
        .replacen("id = \"example-corvo\"", &format!("id = \"{id}\""), 1)
        .replacen(
            "title = \"The Corvo port lease\"",
            &format!("title = \"{title}\""),
            1,
        )
        .replacen("as_of = 2025-06-30", &format!("as_of = {as_of}"), 1)
}

/// The library of the briefings in `folder`, at 100×24, with its cache and
/// review states in `dir`, trusting `signers`; as it opens, not settled.
fn open_library(folder: &Path, dir: &Path, signers: AllowedSigners) -> Library {
    let origins = brief::library::discover(&[folder.to_path_buf()])
        .into_iter()
        .map(Origin::File)
        .collect();
    Library::new(
        origins,
        "lib".to_string(),
        &Config::defaults(),
        Theme::default(),
        Files {
            cache: Some(Cache::new(dir.join("cache"))),
            reviews: Some(dir.join("reviews")),
            signers,
        },
        (100, 24),
    )
}

/// A folder of three briefings and one file that does not load, with a
/// data directory and a cache directory beside it.
struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        let lib = dir.path().join("lib");
        std::fs::create_dir_all(&lib).expect("lib");
        std::fs::write(
            lib.join("alpha.toml"),
            variant("alpha", "Alpha lease", "2025-01-10"),
        )
        .expect("write");
        std::fs::write(
            lib.join("bravo.toml"),
            variant("bravo", "Bravo talks", "2025-09-01"),
        )
        .expect("write");
        std::fs::write(
            lib.join("charlie.toml"),
            variant("charlie", "Charlie port", "2024-12-31"),
        )
        .expect("write");
        std::fs::write(lib.join("broken.toml"), "title = \"unclosed\n[meta\n").expect("write");
        std::fs::write(lib.join("notes.txt"), "not a briefing").expect("write");
        std::fs::write(lib.join(".hidden.toml"), "not listed").expect("write");
        Fixture { dir }
    }

    fn lib(&self) -> PathBuf {
        self.dir.path().join("lib")
    }

    fn reviews(&self) -> PathBuf {
        self.dir.path().join("reviews")
    }

    fn library(&self) -> Library {
        let mut library = self.unsettled();
        settle(&mut library);
        library
    }

    /// The library of the fixture's folder as it opens, its rows still
    /// being read (or confirmed) on its thread.
    fn unsettled(&self) -> Library {
        open_library(&self.lib(), self.dir.path(), AllowedSigners::none())
    }

    /// Marks the first `n` items of briefing `id` reviewed, as a reader
    /// would have saved them.
    fn review(&self, id: &str, n: usize) {
        let b = brief::Briefing::load(self.lib().join(format!("{id}.toml"))).expect("valid");
        let prints = Fingerprints::of(&b);
        let store = Store::new(self.reviews(), id);
        // A reader has taken in every item (as on opening), then marked some.
        let mut changes = vec![Change::Seen(prints.all())];
        changes.extend(
            prints
                .all()
                .into_iter()
                .take(n)
                .map(|(item, print)| Change::Reviewed {
                    item,
                    fingerprint: Some(print),
                }),
        );
        store.commit(&changes).expect("commit");
    }
}

/// Lets the reading and indexing threads finish.
fn settle(library: &mut Library) {
    let start = Instant::now();
    while library.busy() {
        library.update(Action::Tick);
        std::thread::sleep(Duration::from_millis(5));
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the library never settled"
        );
    }
    library.update(Action::Tick);
}

fn key(text: &str) -> Event {
    let key = Key::parse(text).expect("key");
    Event::Key(KeyEvent {
        code: key.code,
        modifiers: key.modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

/// Presses keys (as in config files, separated by spaces) in the library.
fn press(library: &mut Library, keys: &str) -> Vec<Request> {
    let mut requests = Vec::new();
    for word in keys.split(' ').filter(|w| !w.is_empty()) {
        if let Some(action) = library.translate(key(word))
            && let Some(request) = library.update(action)
        {
            requests.push(request);
        }
    }
    requests
}

fn type_text(library: &mut Library, text: &str) {
    for c in text.chars() {
        let word = if c == ' ' {
            "space".to_string()
        } else {
            c.to_string()
        };
        press(library, &word);
    }
}

fn screen_of(render: impl FnOnce(&mut ratatui::Frame), width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(render).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn screen(library: &Library) -> String {
    let area = library.area;
    screen_of(|f| ui::library::render(library, f), area.width, area.height)
}

/// The titles of the rows, in order.
fn titles(library: &Library) -> Vec<String> {
    library
        .rows
        .iter()
        .map(|&at| library.entries[at].title())
        .collect()
}

#[test]
fn a_folder_lists_its_briefings_and_the_file_that_does_not_load() {
    let fixture = Fixture::new();
    let library = fixture.library();
    let mut names: Vec<String> = library.entries.iter().map(|e| e.file_name()).collect();
    names.sort();
    // Not the text file, not the hidden one.
    assert_eq!(
        names,
        ["alpha.toml", "bravo.toml", "broken.toml", "charlie.toml"]
    );
    let broken = library
        .entries
        .iter()
        .find(|e| e.file_name() == "broken.toml")
        .expect("listed");
    assert!(broken.failed());
    assert!(
        broken
            .report
            .as_deref()
            .is_some_and(|r| r.contains("broken.toml:1:"))
    );
    let text = screen(&library);
    assert!(text.contains("broken.toml"), "{text}");
    assert!(text.contains("✗ does not load: 2 errors"), "{text}");
    // Each good briefing shows its items, none reviewed.
    let items = brief::Briefing::load(fixture.lib().join("alpha.toml"))
        .expect("valid")
        .items
        .total();
    assert!(text.contains(&format!("0/{items}")), "{text}");
}

#[test]
fn enter_on_a_file_that_does_not_load_shows_its_problems_inside() {
    let fixture = Fixture::new();
    let mut library = fixture.library();
    let at = library
        .rows
        .iter()
        .position(|&e| library.entries[e].failed())
        .expect("row");
    library.selected = at;
    let requests = press(&mut library, "enter");
    assert!(requests.is_empty(), "nothing opens");
    assert!(matches!(library.overlay, Some(Overlay::Problems { .. })));
    let text = screen(&library);
    assert!(text.contains("broken.toml cannot be opened"), "{text}");
    assert!(text.contains("TOML syntax"), "{text}");
    press(&mut library, "esc");
    assert!(library.overlay.is_none());
}

#[test]
fn progress_follows_the_review_state() {
    let fixture = Fixture::new();
    fixture.review("bravo", 3);
    let mut library = fixture.library();
    let bravo = library
        .entries
        .iter()
        .position(|e| e.file_name() == "bravo.toml")
        .expect("bravo");
    let counts = library.entries[bravo].counts.expect("counted");
    assert_eq!(counts.reviewed, 3);
    assert_eq!(counts.left(), counts.items - 3);
    // More marks saved meanwhile (by a reader) show when the library looks again.
    fixture.review("bravo", 5);
    library.rescan();
    assert_eq!(library.entries[bravo].counts.expect("counted").reviewed, 5);
    let (_, left, _) = library.totals();
    let all: usize = library
        .entries
        .iter()
        .filter_map(|e| e.counts)
        .map(|c| c.items)
        .sum();
    assert_eq!(left, all - 5);
}

#[test]
fn sorting_by_each_order() {
    let fixture = Fixture::new();
    fixture.review("charlie", 4);
    // Opened: bravo an hour ago, alpha a day ago, charlie never.
    let now = SystemTime::now();
    std::fs::create_dir_all(fixture.reviews()).expect("reviews");
    for (id, ago) in [("bravo", 3_600), ("alpha", 86_400)] {
        let place = fixture.reviews().join(format!("{id}.place"));
        std::fs::write(&place, "").expect("place");
        let file = std::fs::File::options()
            .write(true)
            .open(&place)
            .expect("open");
        file.set_modified(now - Duration::from_secs(ago))
            .expect("time");
    }
    let mut library = fixture.library();
    assert_eq!(library.sort, Sort::LastOpened);
    let order = titles(&library);
    assert_eq!(&order[..2], ["Bravo talks", "Alpha lease"]);
    press(&mut library, "s");
    assert_eq!(library.sort, Sort::AsOf);
    assert_eq!(
        &titles(&library)[..3],
        ["Bravo talks", "Alpha lease", "Charlie port"]
    );
    press(&mut library, "s");
    assert_eq!(library.sort, Sort::Title);
    assert_eq!(
        titles(&library),
        ["Alpha lease", "Bravo talks", "broken.toml", "Charlie port"]
    );
    press(&mut library, "s");
    assert_eq!(library.sort, Sort::Left);
    // Charlie has 4 reviewed, so the least left of the three.
    assert_eq!(&titles(&library)[2], "Charlie port");
    let text = screen(&library);
    assert!(text.contains("sorted by most left to review"), "{text}");
}

#[test]
fn the_filter_narrows_as_you_type_and_esc_clears_it() {
    let fixture = Fixture::new();
    let mut library = fixture.library();
    press(&mut library, "f");
    type_text(&mut library, "port");
    assert_eq!(titles(&library), ["Charlie port"]);
    // By file name and id as well as title.
    press(&mut library, "ctrl-u");
    type_text(&mut library, "bravo");
    assert_eq!(titles(&library), ["Bravo talks"]);
    // Enter keeps it and gives the keys back to the list.
    press(&mut library, "enter");
    assert!(library.filter_box.is_none());
    assert_eq!(titles(&library).len(), 1);
    let text = screen(&library);
    assert!(text.contains("4 briefings (1 shown)"), "{text}");
    press(&mut library, "f esc");
    assert_eq!(titles(&library).len(), 4);
}

#[test]
fn a_pasted_filter_is_text_and_a_paste_elsewhere_goes_nowhere() {
    let fixture = Fixture::new();
    let mut library = fixture.library();
    // No text box has the keys: a paste changes nothing (no key runs).
    let before = (library.sort, library.selected, titles(&library));
    let requests = library.update(Action::Paste("sjq\n".to_string()));
    assert!(requests.is_none());
    assert_eq!(before, (library.sort, library.selected, titles(&library)));
    press(&mut library, "f");
    library.update(Action::Paste("charlie\nq".to_string()));
    assert_eq!(library.filter, "charlie q");
    assert!(titles(&library).is_empty());
}

#[test]
fn finished_briefings_can_be_hidden_and_next_to_review_skips_them() {
    let fixture = Fixture::new();
    let total = brief::Briefing::load(fixture.lib().join("alpha.toml"))
        .expect("valid")
        .items
        .total();
    fixture.review("alpha", total);
    let mut library = fixture.library();
    press(&mut library, "s s");
    assert_eq!(library.sort, Sort::Title);
    assert!(library.entries.iter().any(|e| e.finished()));
    // From Alpha (finished), next to review is Bravo; then Charlie, then
    // round again past the broken file and Alpha to Bravo.
    assert_eq!(titles(&library)[library.selected], "Alpha lease");
    press(&mut library, "}");
    assert_eq!(titles(&library)[library.selected], "Bravo talks");
    press(&mut library, "} }");
    assert_eq!(titles(&library)[library.selected], "Bravo talks");
    press(&mut library, "H");
    assert_eq!(
        titles(&library),
        ["Bravo talks", "broken.toml", "Charlie port"]
    );
    press(&mut library, "H");
    assert_eq!(titles(&library).len(), 4);
}

#[test]
fn two_files_with_one_id_are_marked_and_share_their_review_state() {
    let fixture = Fixture::new();
    // A newer version of bravo beside the older one.
    std::fs::write(
        fixture.lib().join("bravo-v2.toml"),
        variant("bravo", "Bravo talks (update)", "2025-10-01"),
    )
    .expect("write");
    fixture.review("bravo", 2);
    let library = fixture.library();
    let both: Vec<&brief::tui::library::Entry> = library
        .entries
        .iter()
        .filter(|e| e.file_name().starts_with("bravo"))
        .collect();
    assert_eq!(both.len(), 2);
    assert!(both.iter().all(|e| e.same_id.len() == 1));
    // The marks are the id's: both versions count them.
    assert!(
        both.iter()
            .all(|e| e.counts.expect("counted").reviewed == 2)
    );
    let mut library = library;
    let at = library
        .rows
        .iter()
        .position(|&e| library.entries[e].file_name() == "bravo.toml")
        .expect("row");
    library.selected = at;
    let text = screen(&library);
    assert!(text.contains("≡ Bravo talks"), "{text}");
    assert!(
        text.contains("≡ same id as bravo-v2.toml: they share one review state"),
        "{text}"
    );
}

#[test]
fn the_cache_is_never_stale() {
    let fixture = Fixture::new();
    let library = fixture.library();
    drop(library);
    // A second library reads the rows from the cache at once.
    let warm = fixture.unsettled();
    let alpha = warm
        .entries
        .iter()
        .position(|e| e.file_name() == "alpha.toml")
        .expect("alpha");
    assert_eq!(
        warm.entries[alpha]
            .summary
            .as_ref()
            .map(|s| s.title.as_str()),
        Some("Alpha lease"),
        "cached rows need no reading"
    );
    drop(warm);
    // The file changes under the cache, keeping its size and time: the
    // cached row shows first, and the content check corrects it.
    let path = fixture.lib().join("alpha.toml");
    let before = std::fs::metadata(&path).expect("meta");
    let text = variant("alpha", "Alpha LEASE", "2025-01-10");
    assert_eq!(text.len() as u64, before.len());
    std::fs::write(&path, text).expect("write");
    let file = std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("open");
    file.set_modified(before.modified().expect("time"))
        .expect("time");
    drop(file);
    let mut library = fixture.unsettled();
    settle(&mut library);
    assert_eq!(library.entries[alpha].title(), "Alpha LEASE");
    // A change of size or time while the library shows is caught by a look.
    std::fs::write(
        &path,
        variant("alpha", "Alpha, revised at length", "2025-01-10"),
    )
    .expect("write");
    library.rescan();
    settle(&mut library);
    assert_eq!(library.entries[alpha].title(), "Alpha, revised at length");
    assert!(screen(&library).contains("Alpha, revised at length"));
    // A file that stops loading shows as failing, not as its old summary.
    std::fs::write(&path, "id = \n").expect("write");
    library.rescan();
    settle(&mut library);
    assert!(library.entries[alpha].failed());
}

#[test]
fn a_search_opened_while_rows_are_read_searches_them_once_read() {
    let fixture = Fixture::new();
    // A cold cache: no row is read when the search opens.
    let mut library = fixture.unsettled();
    press(&mut library, "/");
    type_text(&mut library, "holt");
    settle(&mut library);
    let Some(Overlay::Search(search)) = &library.overlay else {
        panic!("the search is open");
    };
    assert_eq!((search.indexed, search.to_index), (3, 3));
    assert_eq!(search.groups.len(), 3, "every good briefing is searched");
}

#[test]
fn search_across_briefings_groups_hits_by_briefing() {
    let fixture = Fixture::new();
    let mut library = fixture.library();
    press(&mut library, "/");
    type_text(&mut library, "holt");
    settle(&mut library);
    let Some(Overlay::Search(search)) = &library.overlay else {
        panic!("the search is open");
    };
    // The three good briefings, each with its own hits; the broken one is
    // not searched.
    assert_eq!(search.groups.len(), 3);
    assert_eq!(search.indexed, 3);
    let per_briefing = search.groups[0].hits.len();
    assert!(per_briefing > 0);
    assert!(search.groups.iter().all(|g| g.hits.len() == per_briefing));
    let text = screen(&library);
    assert!(text.contains("Search every briefing"), "{text}");
    assert!(text.contains("actor · Mira Holt"), "{text}");
    // Tab moves to the next hit; Enter opens that item in its briefing.
    press(&mut library, "tab");
    let Some(Overlay::Search(search)) = &library.overlay else {
        panic!("the search is open");
    };
    let (entry, hit) = search.selected_hit().expect("a hit");
    let (entry, item) = (entry, hit.item);
    let requests = press(&mut library, "enter");
    assert_eq!(
        requests,
        [Request::Open {
            entry,
            found: Some(("holt".to_string(), item)),
        }]
    );
}

#[test]
fn each_row_shows_its_signature_and_a_bad_one_leads_the_footer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let signed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/signed");
    let text = std::fs::read_to_string(signed.join("example.toml")).expect("fixture");
    let sig = std::fs::read(signed.join("example.toml.sig")).expect("sig");
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).expect("lib");
    // As signed; changed after signing (same signature); not signed.
    std::fs::write(lib.join("a-signed.toml"), &text).expect("write");
    std::fs::write(lib.join("a-signed.toml.sig"), &sig).expect("write");
    let changed = text.replacen("id = \"example-corvo\"", "id = \"corvo-changed\"", 1);
    assert_ne!(changed, text);
    std::fs::write(lib.join("b-changed.toml"), &changed).expect("write");
    std::fs::write(lib.join("b-changed.toml.sig"), &sig).expect("write");
    std::fs::write(
        lib.join("c-plain.toml"),
        variant("plain", "Plain", "2025-01-01"),
    )
    .expect("write");
    let (signers, report) = AllowedSigners::load(&signed.join("allowed_signers"));
    assert!(report.is_none());
    let mut library = open_library(&lib, dir.path(), signers);
    settle(&mut library);
    let names: Vec<_> = library
        .entries
        .iter()
        .map(|e| e.signature.as_ref().map(|s| s.name()))
        .collect();
    assert_eq!(names, [Some("signed"), Some("bad"), Some("not-signed")]);
    let row = |library: &Library, title: &str| {
        screen(library)
            .lines()
            .find(|l| l.contains(title))
            .map(str::to_string)
            .unwrap_or_default()
    };
    assert!(
        row(&library, "The Corvo port lease").starts_with("✓"),
        "{}",
        screen(&library)
    );
    assert!(row(&library, "Plain").starts_with(' '));
    // The footer of the selected row says who signed it, or what is wrong.
    let footer = |library: &Library| {
        screen(library)
            .lines()
            .rev()
            .nth(1)
            .unwrap_or_default()
            .to_string()
    };
    for _ in 0..3 {
        let shown = library
            .selected_entry()
            .map(|e| library.entries[e].file_name());
        match shown.as_deref() {
            Some("a-signed.toml") => assert!(
                footer(&library).contains("a-signed.toml · ✓ analyst@example.org"),
                "{}",
                footer(&library)
            ),
            Some("b-changed.toml") => assert!(
                footer(&library).trim_start().starts_with("BAD signature"),
                "{}",
                footer(&library)
            ),
            _ => assert!(!footer(&library).contains("signature")),
        }
        press(&mut library, "j");
    }
    // A signature removed is noticed by the next look at the folder.
    std::fs::remove_file(lib.join("a-signed.toml.sig")).expect("remove");
    library.rescan();
    settle(&mut library);
    let at = library
        .entries
        .iter()
        .position(|e| e.file_name() == "a-signed.toml")
        .expect("entry");
    assert_eq!(
        library.entries[at].signature.as_ref().map(|s| s.name()),
        Some("not-signed")
    );
}

#[test]
fn library_screen_at_80_by_24() {
    let fixture = Fixture::new();
    fixture.review("bravo", 3);
    let mut library = fixture.library();
    library.update(Action::Resize(80, 24));
    press(&mut library, "s s");
    let text = screen(&library);
    // "Opened" is relative to now: the snapshot holds rows never opened.
    assert_snapshot!("library_80x24", text);
    press(&mut library, "?");
    let help = screen(&library);
    assert!(help.contains("In the library of briefings"), "{help}");
    assert!(help.contains("Sort by the next order"), "{help}");
}

/// A reader on one of the fixture's briefings, as the shell opens it.
fn reader(fixture: &Fixture, id: &str) -> brief::tui::App {
    let b = brief::Briefing::load(fixture.lib().join(format!("{id}.toml"))).expect("valid");
    let store = Store::new(fixture.reviews(), id);
    let loaded = store.load().expect("state");
    let session = brief::tui::review::Session::new(&b, loaded.review, Some(store));
    brief::tui::App::assemble(
        b,
        brief::tui::app::LazyIndex::default(),
        session,
        &Config::defaults(),
        Theme::default(),
        (100, 24),
    )
}

fn shell_press(shell: &mut Shell, keys: &str) {
    for word in keys.split(' ').filter(|w| !w.is_empty()) {
        if let Some(action) = shell.translate(key(word)) {
            let _ = shell.update(action);
        }
    }
}

#[test]
fn back_at_the_start_of_a_briefing_returns_to_the_library_and_progress_shows() {
    let fixture = Fixture::new();
    let library = fixture.library();
    let bravo = library
        .entries
        .iter()
        .position(|e| e.file_name() == "bravo.toml")
        .expect("bravo");
    let mut shell = Shell::of_library(library);
    shell.insert(bravo, reader(&fixture, "bravo"));
    assert!(shell.app().is_some());
    let paused = |shell: &Shell| shell.library.as_ref().expect("library").paused();
    assert!(
        paused(&shell),
        "the library's threads wait while a briefing is read"
    );
    // Mark the first actor reviewed, then go back: history is at its start.
    shell_press(&mut shell, "2 x");
    shell_press(&mut shell, "backspace");
    assert!(
        shell.app().is_some(),
        "back goes to the section before first"
    );
    shell_press(&mut shell, "backspace");
    assert!(shell.app().is_none(), "the library shows");
    assert!(!paused(&shell), "and its threads go on");
    let library = shell.library.as_ref().expect("library");
    assert_eq!(
        library.selected_entry(),
        Some(bravo),
        "on the briefing left"
    );
    assert_eq!(library.entries[bravo].counts.expect("counted").reviewed, 1);
    assert!(library.entries[bravo].last_opened.is_some());
    // ` goes back to the briefing, as it was left.
    shell_press(&mut shell, "`");
    // (the shell asks the event loop to show it: it is open already)
    assert!(shell.is_open(bravo));
    shell.show(bravo);
    assert!(paused(&shell));
    // Where it was left: back at the start of its history.
    assert_eq!(
        shell.app().map(|a| a.section),
        Some(brief::tui::section::Section::Overview)
    );
    assert_eq!(shell.app().map(|a| a.history.at), Some(0));
    // L goes to the library from anywhere.
    shell_press(&mut shell, "3 L");
    assert!(shell.app().is_none());
}

#[test]
fn at_most_a_few_briefings_stay_loaded() {
    let fixture = Fixture::new();
    let library = fixture.library();
    let mut shell = Shell::of_library(library);
    let ids = ["alpha", "bravo", "charlie"];
    for round in 0..=MAX_OPEN {
        let id = ids[round % ids.len()];
        // Entries stand for distinct briefings here; the app is what counts.
        shell.insert(round, reader(&fixture, id));
    }
    assert_eq!(shell.open.len(), MAX_OPEN);
    assert!(!shell.is_open(0), "the one used longest ago left first");
    assert_eq!(shell.shown_entry(), Some(MAX_OPEN));
    assert_eq!(shell.previous, Some(MAX_OPEN - 1));
}

#[test]
fn the_library_keys_are_remappable_and_in_the_help() {
    let config = Config::defaults();
    for command in [
        Command::Sort,
        Command::HideFinished,
        Command::PreviousBriefing,
    ] {
        assert!(
            config.keymap.first_key(Mode::Library, command).is_some(),
            "{command:?}"
        );
    }
    assert!(
        config
            .keymap
            .first_key(Mode::Global, Command::Library)
            .is_some()
    );
}

// ---- the real binary in a pseudo-terminal ----

fn folder(home: &Path) -> PathBuf {
    let lib = home.join("briefings-here");
    std::fs::create_dir_all(&lib).expect("lib");
    std::fs::write(
        lib.join("alpha.toml"),
        variant("alpha", "Alpha lease", "2025-01-10"),
    )
    .expect("write");
    std::fs::write(
        lib.join("bravo.toml"),
        variant("bravo", "Bravo talks", "2025-09-01"),
    )
    .expect("write");
    lib
}

#[test]
fn a_day_with_the_library_open_review_back_and_reopen() {
    let home = tempfile::tempdir().expect("home");
    let lib = folder(home.path());
    let lib = lib.to_str().expect("utf-8");
    let items = brief::Briefing::load(Path::new(lib).join("alpha.toml"))
        .expect("valid")
        .items
        .total();
    let mut tui = Tui::start_at(home.path(), &[lib], 100, 30, &[]);
    tui.wait_for("2 briefings");
    tui.wait_for(&format!("0/{items}"));
    // Sort by title, open Alpha, mark an actor, go to the library.
    tui.press("s");
    tui.press("s");
    tui.wait_for("sorted by title");
    tui.press("\r");
    tui.wait_for("1 Overview");
    tui.press("2");
    tui.press("x");
    tui.wait_for("Marked reviewed");
    tui.press("L");
    tui.wait_for(&format!("1/{items}"));
    tui.wait_for("just now");
    // ` reopens Alpha where it was; q quits from there.
    tui.press("`");
    tui.wait_for("Marked reviewed");
    tui.press("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    // Reopening shows the library again, with the progress kept.
    let mut again = Tui::start_at(home.path(), &[lib], 100, 30, &[]);
    again.wait_for(&format!("1/{items}"));
    again.press("q");
    assert_eq!(again.wait_exit().exit_code(), 0);
}

#[test]
fn with_no_file_and_no_library_folder_the_built_in_briefing_opens_directly() {
    let home = tempfile::tempdir().expect("home");
    let mut tui = Tui::start_at(home.path(), &[], 80, 24, &[]);
    tui.wait_for("1 Overview");
    tui.press("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
}

#[test]
fn briefings_in_the_data_folder_make_a_library_with_the_built_in_one() {
    let home = tempfile::tempdir().expect("home");
    let data = home.path().join("data").join("brief").join("briefings");
    std::fs::create_dir_all(&data).expect("data");
    std::fs::write(
        data.join("alpha.toml"),
        variant("alpha", "Alpha lease", "2025-01-10"),
    )
    .expect("write");
    let mut tui = Tui::start_at(home.path(), &[], 80, 24, &[]);
    tui.wait_for("Library · 2 briefings");
    tui.wait_for("Damascus and Moscow");
    tui.wait_for("Alpha lease");
    tui.press("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
}

#[test]
fn check_and_export_take_a_folder() {
    let home = tempfile::tempdir().expect("home");
    let lib = folder(home.path());
    std::fs::write(
        lib.join("alpha-copy.toml"),
        variant("alpha", "Alpha again", "2025-02-01"),
    )
    .expect("write");
    let out = isolated::brief(home.path())
        .args(["check"])
        .arg(&lib)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stdout.lines().filter(|l| l.starts_with("ok  ")).count(), 3);
    assert!(
        stderr.contains("alpha-copy.toml and")
            && stderr.contains("hold the same briefing id `alpha`"),
        "{stderr}"
    );
    // With --deny-warnings the shared id fails the check.
    let denied = isolated::brief(home.path())
        .args(["check", "--deny-warnings"])
        .arg(&lib)
        .output()
        .expect("run");
    assert_eq!(denied.status.code(), Some(1));
    // Export: a folder needs -o, and writes one file per briefing there.
    let no_out = isolated::brief(home.path())
        .args(["export"])
        .arg(&lib)
        .output()
        .expect("run");
    assert_eq!(no_out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_out.stderr).contains("-o OUTDIR"));
    let target = home.path().join("exported");
    let done = isolated::brief(home.path())
        .args(["export", "--format", "json"])
        .arg(&lib)
        .arg("-o")
        .arg(&target)
        .output()
        .expect("run");
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let mut written: Vec<String> = std::fs::read_dir(&target)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["alpha-copy.json", "alpha.json", "bravo.json"]);
    let json = std::fs::read_to_string(target.join("bravo.json")).expect("read");
    assert!(json.contains("\"Bravo talks\""), "{json}");
}
