//! The terminal's lifecycle in one place: entering and leaving the reader's
//! screen, restoring it on every way out (quit, error, panic, SIGTERM,
//! SIGHUP), and the event loop.

use std::io::{self, IsTerminal, Write, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyboardEnhancementFlags,
    PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use base64::Engine;

use super::app::{App, Effect, MessageKind};
use super::theme::Theme;
use super::{ui, update};
use crate::load::Progress;

/// How the reader ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// Ended by a signal (its number); the process should exit 128 + it.
    Signal(i32),
}

/// Undoes everything `enter` did. Safe to call more than once, and from the
/// panic hook.
pub fn restore() {
    let mut out = stdout();
    let _ = execute!(
        out,
        PopKeyboardEnhancementFlags,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

fn enter(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    let mut out = stdout();
    execute!(out, EnterAlternateScreen, cursor::Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    // Where the terminal can tell Ctrl-i from Tab, say so.
    if matches!(terminal::supports_keyboard_enhancement(), Ok(true)) {
        execute!(
            out,
            PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
        )?;
    }
    Ok(())
}

/// Runs the reader until the user quits or a signal ends it.
pub fn run(app: App) -> io::Result<Exit> {
    let mouse = app.mouse;
    let theme = app.theme.clone();
    match run_loading(
        String::new(),
        Arc::new(Progress::default()),
        mouse,
        &theme,
        move || Ok(app),
    )? {
        Ok(exit) => Ok(exit),
        Err(message) => Err(io::Error::other(message)),
    }
}

/// Shows a loading screen with a progress bar at once, while `load` makes
/// the app on another thread, then runs the reader. `Err(text)` is a load
/// that failed: the screen is restored and the caller prints `text`.
pub fn run_loading(
    name: String,
    progress: Arc<Progress>,
    mouse: bool,
    theme: &Theme,
    load: impl FnOnce() -> Result<App, String> + Send + 'static,
) -> io::Result<Result<Exit, String>> {
    if !stdout().is_terminal() {
        return Err(io::Error::other(
            "standard output is not a terminal: `brief` is an interactive reader; use `brief export` to write the briefing as Markdown or JSON, or `brief check` to validate it",
        ));
    }
    let signal = Arc::new(AtomicUsize::new(0));
    for number in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register_usize(number, Arc::clone(&signal), number as usize)?;
    }
    install_panic_hook();
    watch_for_hang_up(Arc::clone(&signal));
    enter(mouse)?;
    let result = (|| {
        let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        let job = std::thread::spawn(load);
        // A quick load shows no loading screen at all.
        let started = std::time::Instant::now();
        while !job.is_finished() && started.elapsed() < Duration::from_millis(30) {
            std::thread::sleep(Duration::from_millis(1));
        }
        while !job.is_finished() {
            terminal.draw(|frame| ui::loading(frame, theme, &name, &progress))?;
            if let Some(exit) = wait_briefly(&signal)? {
                return Ok(Ok(exit));
            }
        }
        let mut app = match job.join() {
            Ok(Ok(app)) => app,
            Ok(Err(message)) => return Ok(Err(message)),
            Err(_) => return Ok(Err("loading the briefing failed unexpectedly".to_string())),
        };
        let exit = event_loop(&mut app, &signal, &mut terminal);
        // The briefing's memory goes back to the system with the process:
        // freeing millions of strings one by one would only delay quitting.
        std::mem::forget(app);
        exit.map(Ok)
    })();
    restore();
    result
}

/// After a signal, the event loop notices within a poll and exits. When
/// the terminal has hung up, reading it may never return to the loop, so
/// this watchdog restores what it can and exits on the loop's behalf, once
/// any save under way has finished: each change is saved when it is made.
fn watch_for_hang_up(signal: Arc<AtomicUsize>) {
    std::thread::spawn(move || {
        loop {
            let number = signal.load(Ordering::Relaxed);
            if number != 0 {
                std::thread::sleep(Duration::from_millis(500));
                // A save under way finishes first (within reason).
                let started = std::time::Instant::now();
                while crate::review::store::saving() && started.elapsed() < Duration::from_secs(10)
                {
                    std::thread::sleep(Duration::from_millis(20));
                }
                restore();
                std::process::exit(128 + number as i32);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    });
}

/// Waits a moment for input during loading: quit keys and signals end the
/// wait with an exit.
fn wait_briefly(signal: &AtomicUsize) -> io::Result<Option<Exit>> {
    let number = signal.load(Ordering::Relaxed);
    if number != 0 {
        return Ok(Some(Exit::Signal(number as i32)));
    }
    if event::poll(Duration::from_millis(40))?
        && let Event::Key(key) = event::read()?
        && (key.code == event::KeyCode::Char('q')
            || (key.code == event::KeyCode::Char('c')
                && key.modifiers.contains(event::KeyModifiers::CONTROL)))
    {
        return Ok(Some(Exit::Quit));
    }
    Ok(None)
}

fn event_loop(
    app: &mut App,
    signal: &AtomicUsize,
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
) -> io::Result<Exit> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    loop {
        terminal.draw(|frame| ui::render(app, frame))?;
        // Wait for input, waking to notice signals.
        loop {
            let number = signal.load(Ordering::Relaxed);
            if number != 0 {
                return Ok(Exit::Signal(number as i32));
            }
            if event::poll(Duration::from_millis(50))? {
                break;
            }
            if update::tick(app) {
                terminal.draw(|frame| ui::render(app, frame))?;
            }
        }
        match event::read()? {
            Event::Key(key) => update::handle_key(app, key),
            Event::Mouse(mouse) => update::handle_mouse(app, mouse),
            Event::Resize(width, height) => app.resize(width, height),
            _ => {}
        }
        if let Some(effect) = app.effect.take() {
            perform(app, effect, terminal)?;
        }
        if app.should_quit {
            return Ok(Exit::Quit);
        }
    }
}

/// Does what `update` asked for that needs the terminal itself.
fn perform(
    app: &mut App,
    effect: Effect,
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
) -> io::Result<()> {
    match effect {
        Effect::Copy(text) => {
            // OSC 52 asks the terminal to set the clipboard; it works over SSH.
            let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
            let mut out = stdout();
            write!(out, "\x1b]52;c;{payload}\x07")?;
            out.flush()?;
            let preview: String = text.chars().take(40).collect();
            app.set_message(
                format!(
                    "Copied: {}{}",
                    super::detail::clean_line(&preview),
                    if text.chars().count() > 40 { "…" } else { "" }
                ),
                MessageKind::Info,
            );
        }
        Effect::EditNote(item) => {
            let before = app.review.note(item).unwrap_or_default().to_string();
            restore();
            let edited = edit_externally(&before);
            enter(app.mouse)?;
            terminal.clear()?;
            match edited {
                Ok(text) => {
                    app.review.set_note(item, &text);
                    update::after_review_change(app, "Note saved from the editor");
                }
                Err(error) => app.set_message(
                    format!("The editor failed: {error}; the note is unchanged"),
                    MessageKind::Error,
                ),
            }
        }
    }
    Ok(())
}

/// Opens `text` in `$VISUAL` or `$EDITOR` (or `vi`) and returns what was saved.
fn edit_externally(text: &str) -> io::Result<String> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_string());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let file = tempfile::Builder::new()
        .prefix("brief-note-")
        .suffix(".md")
        .tempfile()?;
    std::fs::write(file.path(), text)?;
    let status = std::process::Command::new(program)
        .args(words)
        .arg(file.path())
        .status()?;
    if !status.success() {
        return Err(io::Error::other(format!("{program} exited with {status}")));
    }
    std::fs::read_to_string(file.path())
}
