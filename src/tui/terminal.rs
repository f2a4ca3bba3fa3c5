//! The terminal's lifecycle in one place: entering and leaving the reader's
//! screen, restoring it on every way out (quit, error, panic, SIGTERM,
//! SIGHUP), and the event loop.

use std::io::{self, IsTerminal, Write, stdout};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyboardEnhancementFlags, PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

use base64::Engine;

use super::action::Action;
use super::app::{App, Effect};
use super::command::Command;
use super::keymap::{Key, Keymap, Mode};
use super::theme::Theme;
use super::{input, ui, update};
use crate::load::Progress;

/// The reader's screen: the terminal, written through one buffer.
type Screen = Terminal<CrosstermBackend<io::BufWriter<io::Stdout>>>;

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
        DisableBracketedPaste,
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
    // A paste arrives as one event of text, never as keys.
    execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Where the terminal can tell Ctrl-i from Tab, asks it to. Asking waits
/// for the terminal's answer, a round trip that is slow over SSH, so this
/// comes after a frame is on the screen; keys typed meanwhile are kept.
fn enhance_keyboard() -> io::Result<()> {
    if matches!(terminal::supports_keyboard_enhancement(), Ok(true)) {
        execute!(
            stdout(),
            PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
        )?;
    }
    Ok(())
}

/// The reader draws only into a terminal; say so before anything else
/// (before a review state is read or created).
pub fn require_terminal() -> io::Result<()> {
    if stdout().is_terminal() {
        return Ok(());
    }
    Err(io::Error::other(
        "standard output is not a terminal: `brief` is an interactive reader; use `brief export` to write the briefing as Markdown or JSON, or `brief check` to validate it",
    ))
}

/// How the reader opens.
pub enum Opening {
    /// The app is made: its first frame comes at once.
    Ready(Box<App>),
    /// `load` makes the app on another thread; a loading screen with a
    /// progress bar shows meanwhile. `Err(text)` is a load that failed.
    Loading {
        name: String,
        progress: Arc<Progress>,
        load: Box<dyn FnOnce() -> Result<App, String> + Send>,
        /// The keys that quit meanwhile.
        keymap: Keymap,
    },
}

/// Runs the reader until the user quits or a signal ends it. `Err(text)` is
/// a load that failed: the screen is restored and the caller prints `text`.
pub fn run(opening: Opening, mouse: bool, theme: &Theme) -> io::Result<Result<Exit, String>> {
    require_terminal()?;
    let signal = Arc::new(AtomicUsize::new(0));
    watch_signals(Arc::clone(&signal))?;
    install_panic_hook();
    enter(mouse)?;
    let result = (|| {
        // A frame goes out in one write, not in stdout's line-sized pieces.
        let out = io::BufWriter::with_capacity(1 << 16, stdout());
        let mut terminal = Terminal::new(CrosstermBackend::new(out))?;
        let mut app = match opening {
            Opening::Ready(app) => app,
            Opening::Loading {
                name,
                progress,
                load,
                keymap,
            } => match loading(
                &mut terminal,
                &signal,
                theme,
                &name,
                &progress,
                load,
                &keymap,
            )? {
                Ok(Ok(app)) => Box::new(app),
                Ok(Err(message)) => return Ok(Err(message)),
                Err(exit) => return Ok(Ok(exit)),
            },
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

/// Shows the loading screen until `load`, run on another thread, is done,
/// or the user quits (`Err(exit)`).
fn loading(
    terminal: &mut Screen,
    signal: &AtomicUsize,
    theme: &Theme,
    name: &str,
    progress: &Progress,
    load: Box<dyn FnOnce() -> Result<App, String> + Send>,
    keymap: &Keymap,
) -> io::Result<Result<Result<App, String>, Exit>> {
    let (done, loaded) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(load());
    });
    // The progress bar is redrawn every 40 ms; a key, a signal and the end
    // of the load are noticed within 5 ms.
    let mut drawn: Option<Instant> = None;
    loop {
        if drawn.is_none_or(|at| at.elapsed() >= Duration::from_millis(40)) {
            terminal.draw(|frame| ui::loading(frame, theme, name, progress))?;
            drawn = Some(Instant::now());
        }
        if let Some(exit) = quit_while_loading(signal, keymap)? {
            return Ok(Err(exit));
        }
        match loaded.try_recv() {
            Ok(outcome) => return Ok(Ok(outcome)),
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => {
                return Ok(Ok(Err(
                    "loading the briefing failed unexpectedly".to_string()
                )));
            }
        }
        event::poll(Duration::from_millis(5))?;
    }
}

/// Notes SIGTERM and SIGHUP in `signal` for the event loop, which exits
/// within a poll. When the terminal has hung up, reading it may never
/// return to the loop, so half a second later this restores what it can
/// and exits on the loop's behalf, once any save under way has finished:
/// each change is saved when it is made.
fn watch_signals(signal: Arc<AtomicUsize>) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(number) = signals.forever().next() {
            signal.store(number as usize, Ordering::Relaxed);
            std::thread::sleep(Duration::from_millis(500));
            // A save under way finishes first (within reason).
            let started = std::time::Instant::now();
            while crate::review::store::saving() && started.elapsed() < Duration::from_secs(10) {
                std::thread::sleep(Duration::from_millis(20));
            }
            restore();
            std::process::exit(128 + number);
        }
    });
    Ok(())
}

/// A quit key (as the keymap binds it everywhere) or a signal during
/// loading ends it with an exit.
fn quit_while_loading(signal: &AtomicUsize, keymap: &Keymap) -> io::Result<Option<Exit>> {
    let number = signal.load(Ordering::Relaxed);
    if number != 0 {
        return Ok(Some(Exit::Signal(number as i32)));
    }
    while event::poll(Duration::ZERO)? {
        if let Event::Key(key) = event::read()?
            && keymap.command(&[Mode::Global], Key::from_event(&key)) == Some(Command::Quit)
        {
            return Ok(Some(Exit::Quit));
        }
    }
    Ok(None)
}

fn event_loop(app: &mut App, signal: &AtomicUsize, terminal: &mut Screen) -> io::Result<Exit> {
    let size = terminal.size()?;
    if app.layout.area != Rect::new(0, 0, size.width, size.height) {
        update::update(app, Action::Resize(size.width, size.height));
    }
    let mut first = true;
    loop {
        terminal.draw(|frame| ui::render(app, frame))?;
        if std::mem::take(&mut first) {
            enhance_keyboard()?;
        }
        // Wait for input, waking to notice signals.
        loop {
            let number = signal.load(Ordering::Relaxed);
            if number != 0 {
                return Ok(Exit::Signal(number as i32));
            }
            if event::poll(Duration::from_millis(50))? {
                break;
            }
            if let Some(effect) = update::update(app, Action::Tick) {
                apply(app, effect, terminal)?;
            }
        }
        if let Some(action) = input::translate(app, event::read()?)
            && let Some(effect) = update::update(app, action)
        {
            apply(app, effect, terminal)?;
        }
        if app.should_quit {
            return Ok(Exit::Quit);
        }
    }
}

/// Does what `update` asked for, and gives it the outcome.
fn apply(app: &mut App, effect: Effect, terminal: &mut Screen) -> io::Result<()> {
    let mut next = Some(effect);
    while let Some(effect) = next.take() {
        match perform(app, effect, terminal)? {
            Some(action) => next = update::update(app, action),
            None => terminal.draw(|frame| ui::render(app, frame)).map(drop)?,
        }
    }
    Ok(())
}

/// Does the work of an effect, which needs the terminal itself; what came
/// of it is an action for `update`.
fn perform(app: &App, effect: Effect, terminal: &mut Screen) -> io::Result<Option<Action>> {
    Ok(match effect {
        Effect::Redraw => None,
        Effect::Copy(text) => {
            // OSC 52 asks the terminal to set the clipboard; it works over SSH.
            let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
            let mut out = stdout();
            let written = write!(out, "\x1b]52;c;{payload}\x07").and_then(|()| out.flush());
            Some(Action::Copied(
                written.map(|()| text).map_err(|e| e.to_string()),
            ))
        }
        Effect::EditNote { item, text } => {
            restore();
            let edited = edit_externally(&text);
            enter(app.mouse)?;
            enhance_keyboard()?;
            terminal.clear()?;
            Some(Action::EditorClosed {
                item,
                result: edited.map_err(|e| e.to_string()),
            })
        }
    })
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
