//! Time to first frame, and to quit: runs a command in a 200×50
//! pseudo-terminal, measures how long until its screen shows a given text,
//! then sends `q` and measures how long until the program has exited.
//!
//! cargo run --release --example first_frame -- RUNS "TEXT" COMMAND [ARGS…]
//! prints the median, min and max of each, in milliseconds. With
//! `-- … COMMAND [ARGS…] --beside PEER [ARGS…]` the two commands run by
//! turns (so that both meet the same moments of a busy machine), and the
//! ratio of their median first frames is printed too.
//!
//! `FIRST_FRAME_THEN="KEYS<tab>TEXT<tab>KEYS<tab>TEXT…"` goes on, for the
//! first command only: after the first frame it types each KEYS (`\r` is
//! Enter, `\e` Esc) and measures how long until TEXT shows, step by step.
//!
//! `FIRST_FRAME_PEER_TEXT` is the text the peer's screen must show, when
//! it differs (`ls -l` of a long folder scrolls its first lines away).

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The steps of `FIRST_FRAME_THEN`: keys to type, and the text to wait for.
fn steps() -> Vec<(String, String)> {
    let Ok(then) = std::env::var("FIRST_FRAME_THEN") else {
        return Vec::new();
    };
    let parts: Vec<&str> = then.split('\t').collect();
    parts
        .chunks(2)
        .filter(|pair| pair.len() == 2)
        .map(|pair| {
            let keys = pair[0].replace("\\r", "\r").replace("\\e", "\x1b");
            (keys, pair[1].to_string())
        })
        .collect()
}

/// The time to the first frame showing `text`, the time of each step
/// after it, and the time to quit.
fn once(
    text: &str,
    command: &[String],
    steps: &[(String, String)],
) -> (Duration, Vec<Duration>, Duration) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(&command[0]);
    cmd.args(&command[1..]);
    cmd.env("TERM", "xterm-256color");
    if let Ok(dir) = std::env::current_dir() {
        cmd.cwd(dir);
    }
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let mut parser = vt100::Parser::new(
        std::num::NonZeroU16::new(50).expect("rows"),
        std::num::NonZeroU16::new(200).expect("cols"),
        0,
    );
    // Everything happens as output arrives: terminal queries are answered,
    // and the screen is looked at once per read, so the timer itself does
    // not compete with the program for the processor.
    let mut buf = [0u8; 65536];
    let mut wait = |text: &str, from: Instant, keys: Option<&str>| {
        if let Some(keys) = keys {
            writer.write_all(keys.as_bytes()).expect("type");
        }
        loop {
            let n = reader.read(&mut buf).expect("read");
            assert!(n > 0, "the program ended before showing {text:?}");
            let out = &buf[..n];
            answer(out, &mut writer);
            parser.process(out);
            if parser.screen().contents().contains(text) {
                break from.elapsed();
            }
            assert!(from.elapsed() < Duration::from_secs(60), "timed out");
        }
    };
    let elapsed = wait(text, start, None);
    let times: Vec<Duration> = steps
        .iter()
        .map(|(keys, then)| wait(then, Instant::now(), Some(keys)))
        .collect();
    let quitting = Instant::now();
    let _ = writer.write_all(b"q");
    // Go on answering and draining the output so that the program can exit.
    std::thread::spawn(move || {
        while let Ok(n) = reader.read(&mut buf)
            && n > 0
        {
            answer(&buf[..n], &mut writer);
        }
    });
    let _ = child.wait();
    (elapsed, times, quitting.elapsed())
}

/// Answers the terminal queries in `out` as a terminal would: the primary
/// device attributes and the cursor position.
fn answer(out: &[u8], writer: &mut impl Write) {
    if out.windows(3).any(|w| w == b"\x1b[c") {
        let _ = writer.write_all(b"\x1b[?62;22c");
    }
    if out.windows(4).any(|w| w == b"\x1b[6n") {
        let _ = writer.write_all(b"\x1b[1;1R");
    }
}

/// "median ms (min, max)" of `times`, sorted in place.
fn summary(times: &mut [f64]) -> String {
    times.sort_by(f64::total_cmp);
    format!(
        "{:.1} ms median ({:.1} min, {:.1} max)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args[0].parse().expect("runs");
    let text = &args[1];
    let mut commands: Vec<&[String]> = args[2..].split(|a| a == "--beside").collect();
    commands.retain(|c| !c.is_empty());
    let mut times = vec![(Vec::new(), Vec::new()); commands.len()];
    let steps = steps();
    let peer_text = std::env::var("FIRST_FRAME_PEER_TEXT").ok();
    let mut step_times = vec![Vec::new(); steps.len()];
    for _ in 0..runs {
        for (n, (command, (first, quit))) in commands.iter().zip(&mut times).enumerate() {
            let (mine, text): (&[(String, String)], &str) = if n == 0 {
                (&steps, text)
            } else {
                (&[], peer_text.as_deref().unwrap_or(text))
            };
            let (f, then, q) = once(text, command, mine);
            first.push(f.as_secs_f64() * 1000.0);
            quit.push(q.as_secs_f64() * 1000.0);
            for (all, t) in step_times.iter_mut().zip(then) {
                all.push(t.as_secs_f64() * 1000.0);
            }
        }
    }
    for ((keys, text), all) in steps.iter().zip(&mut step_times) {
        println!("then {:?} until {text:?}: {}", keys, summary(all));
    }
    let mut medians = Vec::new();
    for (command, (first, quit)) in commands.iter().zip(&mut times) {
        println!(
            "first frame {}, quit {}, {runs} runs: {}",
            summary(first),
            summary(quit),
            command.join(" ")
        );
        medians.push(first[first.len() / 2]);
    }
    if let [ours, peer] = medians[..] {
        println!("first frame ratio: {:.2}x", ours / peer);
    }
}
