//! The real `brief` binary in a pseudo-terminal, its screen read back
//! through vt100: the harness of tests/e2e.rs, for the fault tests, with a
//! wrapper program (to set limits before `brief` starts) and a hang-up (the
//! terminal closing under the reader). Every wait has a deadline and the
//! child is killed on drop, so a broken reader fails a test instead of
//! hanging the suite.

#![allow(dead_code)]

use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

pub const TIMEOUT: Duration = Duration::from_secs(5);

/// What the reader thread has seen so far.
struct Seen {
    parser: vt100::Parser,
    /// Every byte the program wrote, unparsed.
    log: Vec<u8>,
    /// Where the scan for device-attribute queries resumes.
    scanned: usize,
    last_output: Instant,
    eof: bool,
}

type Writer = Arc<Mutex<Option<Box<dyn Write + Send>>>>;

/// `brief` running in a pseudo-terminal.
pub struct Tui {
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Writer,
    child: Box<dyn Child + Send + Sync>,
    seen: Arc<Mutex<Seen>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    exited: Option<ExitStatus>,
    /// A home made for this run alone, removed with it.
    home: Option<tempfile::TempDir>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal size is not zero")
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The path of the `brief` binary under test.
pub fn brief_bin() -> &'static str {
    env!("CARGO_BIN_EXE_brief")
}

/// Where `brief` keeps a briefing's review state under `home`.
pub fn state_file(home: &Path, briefing: &str) -> PathBuf {
    home.join("data")
        .join("brief")
        .join("reviews")
        .join(format!("{briefing}.toml"))
}

impl Tui {
    /// Starts `brief ARGS` in a `cols`×`rows` terminal with a fresh home.
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Tui {
        let home = tempfile::tempdir().expect("temporary home");
        let mut tui = Tui::start_at(home.path(), args, cols, rows, &[]);
        tui.home = Some(home);
        tui
    }

    /// The default briefing at 120×40, once its first screen is drawn.
    pub fn default_briefing() -> Tui {
        let tui = Tui::start(&[], 120, 40);
        tui.wait_for("Damascus and Moscow after Assad");
        tui
    }

    pub fn resize(&self, cols: u16, rows: u16) {
        // Resize the parser first: whatever is drawn after the resize is
        // drawn for the new size.
        let mut s = self.seen.lock().expect("lock");
        s.parser.screen_mut().set_size(nonzero(rows), nonzero(cols));
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(size(cols, rows))
            .expect("resize the pty");
    }

    /// Tells the program its terminal is `cols`×`rows` without changing
    /// what this side draws into (for sizes too large to keep a screen of).
    pub fn resize_pty_only(&self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(size(cols, rows))
            .expect("resize the pty");
    }

    /// The program's state letter in /proc (`T` when stopped).
    pub fn process_state(&self) -> char {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        stat.rsplit(") ")
            .next()
            .and_then(|rest| rest.chars().next())
            .unwrap_or('?')
    }

    /// The text of the detail pane's highlighted line (the selected link),
    /// found by its colours: the dark theme's `link_selected` background.
    pub fn selected_link(&self) -> Option<String> {
        let s = self.seen.lock().expect("lock");
        let screen = s.parser.screen();
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        (0..rows).find_map(|row| {
            let start = (0..cols).find(|&col| {
                screen
                    .cell(row, col)
                    .is_some_and(|c| c.bgcolor() == vt100::Color::Idx(81) && c.contents() == "›")
            })?;
            let text: String = (start..cols)
                .map_while(|col| screen.cell(row, col))
                .take_while(|c| c.bgcolor() == vt100::Color::Idx(81))
                .map(|c| c.contents().to_string())
                .collect();
            Some(text)
        })
    }

    /// Starts `brief ARGS` with `home` as its home and data directories.
    pub fn start_at(home: &Path, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
        Tui::start_program(home, brief_bin(), args, cols, rows, env)
    }

    /// Starts `brief ARGS` through `sh -c SCRIPT`, which ends by running
    /// `exec "$0" "$@"`: a place to set limits first.
    pub fn start_wrapped(home: &Path, script: &str, args: &[&str], cols: u16, rows: u16) -> Tui {
        let mut all = vec!["-c", script, brief_bin()];
        all.extend_from_slice(args);
        Tui::start_program(home, "sh", &all, cols, rows, &[])
    }

    fn start_program(
        home: &Path,
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Tui {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(home);
        cmd.env("TERM", "xterm-256color");
        for (name, dir) in super::isolated::directories(home) {
            cmd.env(name, dir);
        }
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("VISUAL");
        cmd.env_remove("EDITOR");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn brief");
        // Only the child holds the slave now, so its exit ends the reader.
        drop(pair.slave);
        let fd = pair.master.as_raw_fd().expect("a master fd");
        // A copy of the master the reader thread owns and can close, so
        // that `hang_up` can close every copy.
        // SAFETY: `dup` of a valid descriptor returns a new one we own.
        let reader_fd = unsafe { OwnedFd::from_raw_fd(libc::dup(fd)) };
        let writer: Writer = Arc::new(Mutex::new(Some(
            pair.master.take_writer().expect("pty writer"),
        )));
        let seen = Arc::new(Mutex::new(Seen {
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            log: Vec::new(),
            scanned: 0,
            last_output: Instant::now(),
            eof: false,
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (thread_seen, thread_writer, thread_stop) =
            (Arc::clone(&seen), Arc::clone(&writer), Arc::clone(&stop));
        let reader = std::thread::spawn(move || {
            read_loop(reader_fd, &thread_seen, &thread_writer, &thread_stop);
            thread_seen.lock().expect("lock").eof = true;
        });
        Tui {
            master: Some(pair.master),
            writer,
            child,
            seen,
            stop,
            reader: Some(reader),
            exited: None,
            home: None,
        }
    }

    pub fn send(&self, keys: &str) {
        let mut w = self.writer.lock().expect("lock");
        let w = w.as_mut().expect("the terminal is open");
        w.write_all(keys.as_bytes()).expect("write to the pty");
        w.flush().expect("flush the pty");
    }

    pub fn screen(&self) -> String {
        self.seen.lock().expect("lock").parser.screen().contents()
    }

    /// The alternate-screen and hidden-cursor modes the terminal is in.
    pub fn modes(&self) -> (bool, bool) {
        let s = self.seen.lock().expect("lock");
        (
            s.parser.screen().alternate_screen(),
            s.parser.screen().hide_cursor(),
        )
    }

    pub fn log(&self) -> Vec<u8> {
        self.seen.lock().expect("lock").log.clone()
    }

    /// Waits until `check` holds for the screen, or panics showing it.
    pub fn wait_until(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            {
                let s = self.seen.lock().expect("lock");
                if check(s.parser.screen()) {
                    return;
                }
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for {what}; the screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |s| s.contents().contains(text));
    }

    /// Waits until the program has been quiet for a moment.
    pub fn settle(&self) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if self.seen.lock().expect("lock").last_output.elapsed() > Duration::from_millis(100) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("the output never settled; the screen:\n{}", self.screen());
    }

    /// Sends `keys` and waits for the redraw they cause (if any) to finish.
    pub fn press(&self, keys: &str) {
        let before = self.seen.lock().expect("lock").log.len();
        self.send(keys);
        let deadline = Instant::now() + Duration::from_millis(300);
        while self.seen.lock().expect("lock").log.len() == before && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        self.settle();
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a pid")
    }

    /// Sends a signal (`TERM`, `HUP`, …) to the program.
    pub fn kill(&self, signal: &str) {
        let status = std::process::Command::new("kill")
            .args([format!("-{signal}"), self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} failed");
    }

    /// The exit status, if the program has exited by now.
    pub fn try_exit(&mut self) -> Option<ExitStatus> {
        if self.exited.is_none() {
            self.exited = self.child.try_wait().expect("poll the child");
        }
        self.exited.clone()
    }

    /// Waits up to `limit` for the program to exit.
    pub fn wait_exit_within(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.try_exit() {
                let deadline = Instant::now() + TIMEOUT;
                while !self.seen.lock().expect("lock").eof && Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(20));
                }
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the program to exit and for all its output to be read.
    pub fn wait_exit(&mut self) -> ExitStatus {
        self.wait_exit_within(TIMEOUT)
            .unwrap_or_else(|| panic!("brief did not exit; the screen:\n{}", self.screen()))
    }

    /// Asserts the terminal is back to normal: main screen, cursor shown.
    pub fn assert_restored(&self) {
        let s = self.seen.lock().expect("lock");
        let screen = s.parser.screen();
        assert!(!screen.alternate_screen(), "still in the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
        assert!(
            contains(&s.log, b"\x1b[?1049l"),
            "never left the alternate screen"
        );
    }

    /// Closes the terminal under the program, as closing its window does:
    /// every copy of the pty's master is closed, so the kernel hangs up the
    /// program's terminal (SIGHUP, then end of file on every read).
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread");
        }
        self.writer.lock().expect("lock").take();
        self.master.take();
    }
}

/// Reads the program's output until it ends or `stop` is set, answering
/// the terminal queries crossterm makes at start.
fn read_loop(fd: OwnedFd, seen: &Mutex<Seen>, writer: &Writer, stop: &AtomicBool) {
    let mut buf = [0u8; 8192];
    while !stop.load(Ordering::Relaxed) {
        let mut poll = libc::pollfd {
            fd: fd.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, for 50 ms.
        let ready = unsafe { libc::poll(&mut poll, 1, 50) };
        if ready == 0 {
            continue;
        }
        if ready < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        // SAFETY: reading into a buffer we own, at most its length.
        let n = unsafe { libc::read(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            return;
        }
        let n = n as usize;
        let mut s = seen.lock().expect("lock");
        s.parser.process(&buf[..n]);
        s.log.extend_from_slice(&buf[..n]);
        s.last_output = Instant::now();
        // Answer "primary device attributes?" like xterm does, so
        // crossterm's keyboard-enhancement probe need not time out, and
        // "cursor position?" as a terminal would.
        loop {
            let rest = &s.log[s.scanned..];
            let attributes = rest.windows(3).position(|w| w == b"\x1b[c");
            let cursor = rest.windows(4).position(|w| w == b"\x1b[6n");
            let (at, len, reply): (usize, usize, &[u8]) = match (attributes, cursor) {
                (Some(a), Some(c)) if c < a => (c, 4, b"\x1b[1;1R"),
                (Some(a), _) => (a, 3, b"\x1b[?62;22c"),
                (None, Some(c)) => (c, 4, b"\x1b[1;1R"),
                (None, None) => break,
            };
            s.scanned += at + len;
            if let Some(w) = writer.lock().expect("lock").as_mut() {
                let _ = w.write_all(reply);
                let _ = w.flush();
            }
        }
        s.scanned = s.scanned.max(s.log.len().saturating_sub(3));
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.exited.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.stop.store(true, Ordering::Relaxed);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}
