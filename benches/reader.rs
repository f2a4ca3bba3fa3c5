//! Criterion benchmarks: loading, indexing, one frame of the largest list,
//! a key press, and search per keystroke, on generated briefings.
//!
//! `cargo bench --bench reader` (set BRIEF_BENCH_MB to change the size of
//! the large briefing; the default is 50).

use std::hint::black_box;

use brief::Briefing;
use brief::review::Review;
use brief::search::SearchIndex;
use brief::tui::App;
use brief::tui::config::Config;
use brief::tui::theme::Theme;
use brief::tui::{ui, update};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

// The same allocator as the `brief` binary, so that the figures are its.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn large_mb() -> usize {
    std::env::var("BRIEF_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50)
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// What the reader does before its first frame on the default briefing.
fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup, default briefing");
    group.bench_function("config and theme", |b| {
        b.iter(|| (Config::defaults(), Theme::default()))
    });
    group.bench_function("load", |b| {
        b.iter(|| brief::load::check_str(black_box(brief::DEFAULT_BRIEFING), "b.toml"))
    });
    let briefing = || {
        brief::load::check_str(brief::DEFAULT_BRIEFING, "b.toml")
            .briefing
            .expect("valid")
    };
    group.bench_function("search index", |b| {
        let briefing = briefing();
        b.iter(|| SearchIndex::build(black_box(&briefing)))
    });
    group.bench_function("app with its review session", |b| {
        b.iter_batched(
            briefing,
            |briefing| {
                let config = Config::defaults();
                let review = Review::new("b");
                App::open(briefing, &config, Theme::default(), review, None, (200, 50))
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("first frame 200x50", |b| {
        let mut app = App::new(briefing(), &Config::defaults(), Theme::default());
        app.relayout(200, 50);
        b.iter_batched(
            || Terminal::new(TestBackend::new(200, 50)).expect("terminal"),
            |mut terminal| {
                terminal
                    .draw(|frame| ui::render(&app, frame))
                    .map(|_| ())
                    .expect("draw");
                terminal
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

/// A small file read whole or in pieces, to place the size from which
/// cutting pays.
fn pieces(c: &mut Criterion) {
    let mut group = c.benchmark_group("load whole or in 16 KB pieces");
    group.sample_size(20);
    let default = brief::DEFAULT_BRIEFING.to_string();
    let sizes = [
        ("default", default),
        ("64 KB", brief::generate::briefing(64_000, 2)),
        ("512 KB", brief::generate::briefing(512_000, 2)),
        ("1 MB", brief::generate::briefing(1_000_000, 2)),
        ("2 MB", brief::generate::briefing(2_000_000, 2)),
    ];
    for (name, text) in &sizes {
        group.bench_function(format!("{name}, whole"), |b| {
            b.iter(|| brief::load::check_str_with(black_box(text), "b.toml", None))
        });
        group.bench_function(format!("{name}, pieces"), |b| {
            b.iter(|| brief::load::check_str_with(black_box(text), "b.toml", Some(16 * 1024)))
        });
    }
    group.finish();
}

/// A megabyte of note text: paragraphs of prose, or one long line.
fn note_text(paragraphs: bool) -> String {
    let words = [
        "the", "ministry", "said", "on", "Tuesday", "that", "talks", "resumed",
    ];
    let mut text = String::with_capacity(1_000_100);
    let mut n = 0;
    while text.len() < 1_000_000 {
        text.push_str(words[n % words.len()]);
        n += 1;
        text.push(if paragraphs && n % 90 == 0 { '\n' } else { ' ' });
    }
    text
}

/// The note editor: a 1 MB paste, and a key typed into a 1 MB note, each
/// with the frame that shows it.
fn notes(c: &mut Criterion) {
    let mut group = c.benchmark_group("note editor, 80x24");
    group.sample_size(20);
    let editor = || {
        let briefing = brief::load::check_str(brief::DEFAULT_BRIEFING, "b.toml")
            .briefing
            .expect("valid");
        let mut app = App::new(briefing, &Config::defaults(), Theme::default());
        app.relayout(80, 24);
        for c in ['3', 'a'] {
            let _ = update::handle(&mut app, crossterm::event::Event::Key(key(c)));
        }
        (
            app,
            Terminal::new(TestBackend::new(80, 24)).expect("terminal"),
        )
    };
    for (shape, paragraphs) in [("paragraphs", true), ("one line", false)] {
        let text = note_text(paragraphs);
        group.bench_function(format!("paste 1 MB ({shape}) and draw"), |b| {
            b.iter_batched(
                editor,
                |(mut app, mut terminal)| {
                    let _ = update::handle(&mut app, crossterm::event::Event::Paste(text.clone()));
                    let _ = terminal.draw(|frame| ui::render(&app, frame));
                    (app, terminal)
                },
                BatchSize::LargeInput,
            )
        });
        let (mut app, mut terminal) = editor();
        let _ = update::handle(&mut app, crossterm::event::Event::Paste(text.clone()));
        group.bench_function(
            format!("type a key in a 1 MB note ({shape}), with a frame"),
            |b| {
                b.iter(|| {
                    let _ = update::handle(&mut app, crossterm::event::Event::Key(key('x')));
                    terminal.draw(|frame| ui::render(&app, frame)).map(|_| ())
                })
            },
        );
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let small = brief::generate::briefing(1_000_000, 1);
    let large = brief::generate::briefing(large_mb() * 1_000_000, 1);

    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    if large_mb() != 1 {
        group.bench_function("1 MB", |b| {
            b.iter(|| Briefing::from_str(black_box(&small), "b.toml"))
        });
    }
    group.bench_function(format!("{} MB", large_mb()), |b| {
        b.iter(|| Briefing::from_str(black_box(&large), "b.toml"))
    });
    group.bench_function(format!("{} MB, toml::from_str (peer)", large_mb()), |b| {
        b.iter(|| toml::from_str::<toml::Table>(black_box(&large)))
    });
    group.finish();

    let briefing = Briefing::from_str(&large, "b.toml").expect("valid");
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.bench_function("search index", |b| {
        b.iter(|| SearchIndex::build(black_box(&briefing)))
    });
    group.finish();

    let mut app = App::new(briefing, &Config::defaults(), Theme::default());
    app.relayout(200, 50);
    let _ = update::handle(&mut app, crossterm::event::Event::Key(key('4')));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let mut group = c.benchmark_group("frame");
    group.bench_function("draw 200x50, quotes list", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| ui::render(black_box(&app), frame))
                .map(|_| ())
        })
    });
    group.bench_function("key j then draw", |b| {
        b.iter(|| {
            let _ = update::handle(&mut app, crossterm::event::Event::Key(key('j')));
            terminal.draw(|frame| ui::render(&app, frame)).map(|_| ())
        })
    });
    group.finish();

    // Built ahead, as it is while a large briefing loads.
    app.search_index.get(&app.briefing);
    let mut group = c.benchmark_group("search");
    group.bench_function(
        "type 'ministry' one key at a time, with a frame each",
        |b| {
            b.iter(|| {
                let _ = update::handle(&mut app, crossterm::event::Event::Key(key('/')));
                for c in "ministry".chars() {
                    let _ = update::handle(&mut app, crossterm::event::Event::Key(key(c)));
                    let _ = terminal.draw(|frame| ui::render(&app, frame));
                }
                let _ = update::handle(
                    &mut app,
                    crossterm::event::Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
                );
            })
        },
    );
    group.finish();
    std::mem::forget(app);
}

/// A library of 200 briefings of the built-in one's size and one of
/// `large_mb()` MB, in a temporary folder, with its cache filled.
fn library(c: &mut Criterion) {
    use brief::library::{Cache, Origin};
    use brief::tui::action::Action;
    use brief::tui::library::{Files, Library};
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("library");
    std::fs::create_dir_all(&folder).expect("folder");
    let id_line = brief::DEFAULT_BRIEFING
        .lines()
        .find(|l| l.starts_with("id = "))
        .expect("an id");
    for n in 1..=200 {
        let text = brief::DEFAULT_BRIEFING.replacen(id_line, &format!("id = \"bench-{n:03}\""), 1);
        std::fs::write(folder.join(format!("b{n:03}.toml")), text).expect("write");
    }
    std::fs::write(
        folder.join("a-large.toml"),
        brief::generate::briefing(large_mb() * 1_000_000, 1),
    )
    .expect("write");
    let origins: Vec<Origin> = brief::library::discover(&[folder])
        .into_iter()
        .map(Origin::File)
        .collect();
    let config = Config::defaults();
    let open = || {
        Library::new(
            origins.clone(),
            "library".to_string(),
            &config,
            Theme::default(),
            Files {
                cache: Some(Cache::new(dir.path().join("cache"))),
                reviews: Some(dir.path().join("reviews")),
                signers: brief::signature::AllowedSigners::none(),
            },
            (200, 50),
        )
    };
    let settle = |library: &mut Library| {
        while library.busy() {
            library.update(Action::Tick);
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    };
    // The first opening fills the cache.
    let mut filled = open();
    settle(&mut filled);
    drop(filled);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let mut group = c.benchmark_group("library");
    group.sample_size(20);
    group.bench_function(
        "201 briefings, warm cache: rows and the first frame 200x50",
        |b| {
            b.iter_with_large_drop(|| {
                let library = open();
                let _ = terminal.draw(|frame| ui::library::render(&library, frame));
                library
            })
        },
    );
    let mut library = open();
    let _ = library.update(Action::Run(
        brief::tui::command::Command::Search,
        brief::tui::keymap::Mode::Library,
    ));
    settle(&mut library);
    let _ = library.update(Action::Paste("ministry".to_string()));
    group.bench_function(
        "search 201 briefings for 'ministry' (one keystroke), with a frame",
        |b| {
            b.iter(|| {
                library.search_again();
                let _ = terminal.draw(|frame| ui::library::render(black_box(&library), frame));
            })
        },
    );
    group.finish();
    std::mem::forget(library);
}

criterion_group!(reader, startup, pieces, notes, benches, library);
criterion_main!(reader);
