//! The terminal's lifecycle in one place: entering and leaving the reader's
//! screen, restoring it on every way out (quit, error, panic, every signal
//! that can be caught), suspending and resuming (ctrl-z, SIGTSTP), the
//! external editor, and the event loop.

use std::io::{self, IsTerminal, Write, stdout};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyboardEnhancementFlags, PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use signal_hook::consts::{
    SIGALRM, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2, SIGVTALRM,
    SIGXCPU,
};
use signal_hook::iterator::Signals;

use base64::Engine;

use super::action::Action;
use super::app::{App, Effect, MessageKind};
use super::command::Command;
use super::keymap::{Key, Keymap, Mode};
use super::library::Library;
use super::shell::{Shell, Step};
use super::theme::Theme;
use super::ui;
use crate::library::Origin;
use crate::load::Progress;

/// The reader's screen: the terminal, written through one buffer.
type Screen = Terminal<CrosstermBackend<io::BufWriter<io::Stdout>>>;

/// The largest screen drawn: a terminal reported larger (a 10000×10000
/// one would need gigabytes of cells) is drawn in its top-left corner.
pub const MAX_COLUMNS: u16 = 1000;
pub const MAX_ROWS: u16 = 500;

/// A terminal's size, bounded to what the reader draws.
pub fn bounded((width, height): (u16, u16)) -> (u16, u16) {
    (width.min(MAX_COLUMNS), height.min(MAX_ROWS))
}

/// Set by the signal watcher when the reader should suspend (SIGTSTP).
static SUSPEND: AtomicBool = AtomicBool::new(false);

/// The external editor while it runs, to end it with the reader: its
/// process id (0 for none) and its file.
static EDITOR: AtomicI32 = AtomicI32::new(0);
static EDITOR_FILE: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Ends the external editor, if one runs, and removes its file.
fn end_editor() {
    let pid = EDITOR.swap(0, Ordering::SeqCst);
    if pid > 0 {
        // SAFETY: kill only sends a signal to the editor this process started.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        std::thread::sleep(Duration::from_millis(200));
        // SAFETY: as above; a process that already ended is not an error here.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
    if let Some(file) = EDITOR_FILE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()
    {
        let _ = std::fs::remove_file(file);
    }
}

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

/// Where the terminal can tell Ctrl-i from Tab, asks it to, and says
/// whether it can. Asking waits for the terminal's answer, a round trip
/// that is slow over SSH, so this comes after a frame is on the screen;
/// keys typed meanwhile are kept.
fn enhance_keyboard() -> io::Result<bool> {
    let supported = matches!(terminal::supports_keyboard_enhancement(), Ok(true));
    if supported {
        execute!(
            stdout(),
            PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
        )?;
    }
    Ok(supported)
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
    /// The library of briefings, and how to open one of them: a briefing
    /// ready, or loading (never a library).
    Library(Box<Library>, Opener),
}

/// Makes the reader of a library entry, for a screen of this size; `Err`
/// says why it cannot be opened.
pub type Opener = Box<dyn FnMut(&Origin, (u16, u16)) -> Result<Opening, String>>;

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
        let (width, height) = bounded(terminal::size()?);
        let mut terminal = Terminal::with_options(
            CrosstermBackend::new(out),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )?;
        let (mut shell, mut opener) = match opening {
            Opening::Ready(app) => (Shell::single(*app), None),
            Opening::Library(library, opener) => (Shell::of_library(*library), Some(opener)),
            loading_one @ Opening::Loading { .. } => {
                match open_loading(&mut terminal, &signal, theme, loading_one)? {
                    Ok(Ok(app)) => (Shell::single(app), None),
                    Ok(Err(message)) => return Ok(Err(message)),
                    Err(exit) => return Ok(Ok(exit)),
                }
            }
        };
        let exit = event_loop(&mut shell, &signal, &mut terminal, theme, opener.as_mut());
        // The briefings' memory goes back to the system with the process:
        // freeing millions of strings one by one would only delay quitting.
        std::mem::forget(shell);
        exit.map(Ok)
    })();
    restore();
    result
}

/// Runs a loading opening to its app: `Err(exit)` if the user quit or a
/// signal came meanwhile.
fn open_loading(
    terminal: &mut Screen,
    signal: &AtomicUsize,
    theme: &Theme,
    opening: Opening,
) -> io::Result<Result<Result<App, String>, Exit>> {
    match opening {
        Opening::Ready(app) => Ok(Ok(Ok(*app))),
        Opening::Loading {
            name,
            progress,
            load,
            keymap,
        } => loading(terminal, signal, theme, &name, &progress, load, &keymap),
        Opening::Library(..) => Ok(Ok(Err("a library cannot open a library".to_string()))),
    }
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
        if let Some(exit) = quit_while_loading(signal, keymap, terminal)? {
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

/// Signals that end the reader: it restores the terminal and exits with
/// 128 + the signal's number. (SIGXFSZ is ignored instead, so that a write
/// over the file size limit fails, and is reported, rather than killing
/// the reader; SIGPIPE is ignored by Rust already.)
const ENDING: [i32; 10] = [
    SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
];

/// Notes the ending signals in `signal` for the event loop, which exits
/// within a poll, and SIGTSTP in [`SUSPEND`]. When the terminal has hung up,
/// reading it may never return to the loop, so half a second after an
/// ending signal this restores what it can and exits on the loop's behalf,
/// once any save under way has finished (each change is saved when it is
/// made), ending the external editor first if one runs.
fn watch_signals(signal: Arc<AtomicUsize>) -> io::Result<()> {
    let mut wanted = ENDING.to_vec();
    wanted.push(SIGTSTP);
    let mut signals = Signals::new(wanted)?;
    std::thread::spawn(move || {
        for number in signals.forever() {
            if number == SIGTSTP {
                SUSPEND.store(true, Ordering::SeqCst);
                continue;
            }
            signal.store(number as usize, Ordering::Relaxed);
            std::thread::sleep(Duration::from_millis(500));
            end_editor();
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

/// Leaves the screen and stops the process, as less and vim do on ctrl-z;
/// when the shell continues it (`fg`), the screen comes back.
fn suspend(mouse: bool, terminal: &mut Screen) -> io::Result<()> {
    restore();
    SUSPEND.store(false, Ordering::SeqCst);
    // SAFETY: raise only sends this process a signal; SIGSTOP stops it
    // until it is continued, and then raise returns.
    unsafe { libc::raise(libc::SIGSTOP) };
    enter(mouse)?;
    enhance_keyboard()?;
    let (width, height) = bounded(terminal::size()?);
    terminal.resize(Rect::new(0, 0, width, height))?;
    terminal.clear()
}

/// A quit key (as the keymap binds it everywhere) or a signal during
/// loading ends it with an exit.
fn quit_while_loading(
    signal: &AtomicUsize,
    keymap: &Keymap,
    terminal: &mut Screen,
) -> io::Result<Option<Exit>> {
    let number = signal.load(Ordering::Relaxed);
    if number != 0 {
        return Ok(Some(Exit::Signal(number as i32)));
    }
    while event::poll(Duration::ZERO)? {
        match event::read()? {
            Event::Key(key)
                if keymap.command(&[Mode::Global], Key::from_event(&key))
                    == Some(Command::Quit) =>
            {
                return Ok(Some(Exit::Quit));
            }
            Event::Resize(width, height) => {
                let (width, height) = bounded((width, height));
                terminal.resize(Rect::new(0, 0, width, height))?;
            }
            _ => {}
        }
    }
    Ok(None)
}

fn event_loop(
    shell: &mut Shell,
    signal: &AtomicUsize,
    terminal: &mut Screen,
    theme: &Theme,
    mut opener: Option<&mut Opener>,
) -> io::Result<Exit> {
    let (width, height) = bounded(terminal::size()?);
    if shell.area() != Rect::new(0, 0, width, height) {
        terminal.resize(Rect::new(0, 0, width, height))?;
        shell.update(Action::Resize(width, height));
    }
    let mut first = true;
    loop {
        terminal.draw(|frame| shell.render(frame))?;
        if std::mem::take(&mut first) {
            let enhanced = enhance_keyboard()?;
            shell.update(Action::KeysEnhanced(enhanced));
        }
        // Wait for input, waking to notice signals.
        loop {
            let number = signal.load(Ordering::Relaxed);
            if number != 0 {
                // Where the reader was is kept on every way out.
                shell.leave_all();
                return Ok(Exit::Signal(number as i32));
            }
            if SUSPEND.load(Ordering::SeqCst) {
                suspend(shell.mouse(), terminal)?;
                terminal.draw(|frame| shell.render(frame))?;
            }
            if event::poll(Duration::from_millis(50))? {
                break;
            }
            // A resize whose signal was lost (several at once are told as
            // one) is caught here: the screen follows the terminal's size.
            let (width, height) = bounded(terminal::size()?);
            if shell.area() != Rect::new(0, 0, width, height) {
                terminal.resize(Rect::new(0, 0, width, height))?;
                shell.update(Action::Resize(width, height));
                terminal.draw(|frame| shell.render(frame))?;
            }
            let before = shell.library.as_ref().map(library_drawn);
            let step = shell.update(Action::Tick);
            if let Some(step) = step {
                if let Some(exit) = apply(shell, step, terminal, signal, theme, &mut opener)? {
                    return Ok(exit);
                }
            } else if shell.app().is_none() && shell.library.as_ref().map(library_drawn) != before {
                // Rows came from the reading thread.
                terminal.draw(|frame| shell.render(frame))?;
            }
        }
        let mut event = event::read()?;
        if let Event::Resize(..) = event {
            // Resizes that come quickly may be told as one: the size is
            // the terminal's now, not the one the event carries.
            let (width, height) = bounded(terminal::size()?);
            terminal.resize(Rect::new(0, 0, width, height))?;
            event = Event::Resize(width, height);
        }
        if let Some(action) = shell.translate(event)
            && let Some(step) = shell.update(action)
            && let Some(exit) = apply(shell, step, terminal, signal, theme, &mut opener)?
        {
            return Ok(exit);
        }
        if shell.should_quit {
            shell.leave_all();
            return Ok(Exit::Quit);
        }
    }
}

/// What the library's screen depends on that another thread changes: its
/// rows read so far, indexed briefings, and rows pending.
fn library_drawn(library: &Library) -> (usize, usize, usize, usize) {
    (
        library
            .entries
            .iter()
            .filter(|e| e.summary.is_some())
            .count(),
        library.pending,
        library.indexes.iter().flatten().count(),
        library.rows.len(),
    )
}

/// Does what an update asked for, and gives it the outcome; `Some(exit)`
/// when a signal came while a briefing loaded.
fn apply(
    shell: &mut Shell,
    step: Step,
    terminal: &mut Screen,
    signal: &AtomicUsize,
    theme: &Theme,
    opener: &mut Option<&mut Opener>,
) -> io::Result<Option<Exit>> {
    let mut next = Some(step);
    while let Some(step) = next.take() {
        next = match step {
            Step::Reader(effect) => {
                let Some(app) = shell.app() else {
                    break;
                };
                match perform(app, effect, terminal)? {
                    Some(action) => shell.update(action),
                    None => None,
                }
            }
            Step::Suspend => {
                suspend(shell.mouse(), terminal)?;
                None
            }
            Step::Open { entry, found } => {
                if let Some(exit) = open_entry(shell, entry, terminal, signal, theme, opener)? {
                    return Ok(Some(exit));
                }
                match found {
                    Some((query, item)) if shell.shown_entry() == Some(entry) => {
                        shell.show_found(query, item)
                    }
                    _ => None,
                }
            }
        };
    }
    terminal.draw(|frame| shell.render(frame))?;
    Ok(None)
}

/// Shows a library entry's briefing, loading it (behind the loading
/// screen for a large file) unless it is open already. A briefing that
/// cannot be opened says why on the library's screen.
fn open_entry(
    shell: &mut Shell,
    entry: usize,
    terminal: &mut Screen,
    signal: &AtomicUsize,
    theme: &Theme,
    opener: &mut Option<&mut Opener>,
) -> io::Result<Option<Exit>> {
    if shell.is_open(entry) {
        shell.show(entry);
        return Ok(None);
    }
    let (Some(library), Some(opener)) = (&mut shell.library, opener.as_mut()) else {
        return Ok(None);
    };
    let Some(origin) = library.entries.get(entry).map(|e| e.origin.clone()) else {
        return Ok(None);
    };
    let size = bounded(terminal::size()?);
    // The library's threads wait while the briefing loads (and then while
    // it is read, as the shell says).
    library.pause(true);
    let opened = match opener(&origin, size) {
        Ok(opening) => open_loading(terminal, signal, theme, opening)?,
        Err(text) => Ok(Err(text)),
    };
    match opened {
        Ok(Ok(app)) => shell.insert(entry, app),
        Ok(Err(text)) => {
            if let Some(library) = &mut shell.library {
                library.show_problem(entry, text);
            }
        }
        Err(Exit::Quit) => {
            if let Some(library) = &mut shell.library {
                library.set_message("Opening stopped", MessageKind::Info);
            }
        }
        Err(exit) => {
            shell.leave_all();
            return Ok(Some(exit));
        }
    }
    if let Some(library) = &shell.library {
        library.pause(shell.reading);
    }
    Ok(None)
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
        Effect::Suspend => {
            suspend(app.mouse, terminal)?;
            None
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

/// Opens `text` in `$VISUAL` or `$EDITOR` (or `vi`) and returns what was
/// saved. The editor's file is named with this process's id, so that one
/// left by a reader that was killed is removed on the next start; while
/// the editor runs, a signal that ends the reader ends it too.
fn edit_externally(text: &str) -> io::Result<String> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_string());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let file = tempfile::Builder::new()
        .prefix(&format!("{EDITOR_PREFIX}{}-", std::process::id()))
        .suffix(".md")
        .tempfile()?;
    std::fs::write(file.path(), text)?;
    *EDITOR_FILE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(file.path().to_path_buf());
    let mut child = std::process::Command::new(program)
        .args(words)
        .arg(file.path())
        .spawn()?;
    EDITOR.store(
        i32::try_from(child.id()).unwrap_or_default(),
        Ordering::SeqCst,
    );
    let status = child.wait();
    EDITOR.store(0, Ordering::SeqCst);
    EDITOR_FILE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take();
    let status = status?;
    if !status.success() {
        return Err(io::Error::other(format!("{program} exited with {status}")));
    }
    std::fs::read_to_string(file.path())
}

/// How the external editor's files are named: `brief-note-<pid>-….md`.
pub const EDITOR_PREFIX: &str = "brief-note-";

/// Removes the files of external editors left by readers that were killed.
pub fn remove_editor_leftovers() -> usize {
    crate::files::remove_leftovers(&std::env::temp_dir(), EDITOR_PREFIX, ".md")
}
