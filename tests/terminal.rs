//! Tests of what SSH use needs, on a real pseudo-terminal.
//!
//! Every way out restores the terminal, locales and NO_COLOR are honoured, a storm of keys and
//! resizes is survived, and idle means silence.

mod common;

use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use common::pty::Session;

fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The restore sequences: mouse and paste modes off, main screen, cursor shown.
fn assert_restored(bytes: &[u8]) {
    for (what, sequence) in [
        ("alternate screen left", &b"\x1b[?1049l"[..]),
        ("cursor shown", &b"\x1b[?25h"[..]),
        ("bracketed paste off", &b"\x1b[?2004l"[..]),
    ] {
        assert!(contains_bytes(bytes, sequence), "{what}: not in the output");
    }
    let last_enter = bytes
        .windows(8)
        .rposition(|w| w == b"\x1b[?1049h")
        .expect("entered the alternate screen");
    let last_leave = bytes
        .windows(8)
        .rposition(|w| w == b"\x1b[?1049l")
        .expect("left the alternate screen");
    assert!(
        last_leave > last_enter,
        "left the alternate screen before the last entry"
    );
}

fn signal(session: &Session, name: &str) {
    let status = Command::new("kill")
        .args([format!("-{name}"), session.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{name} failed");
}

/// The explorer, sent `name` once it has drawn, restores the terminal and exits with `code`.
fn restores_and_exits_on(name: &str, code: u32) {
    let mut session = Session::spawn(&[], 100, 30, &[]);
    session.wait_for_text("45.66 %");
    signal(&session, name);
    assert_eq!(session.wait_exit(), code, "SIG{name}");
    assert_restored(&session.bytes());
}

#[test]
fn sigterm_restores_and_exits_143() {
    restores_and_exits_on("TERM", 143);
}

#[test]
fn sighup_restores_and_exits_129() {
    restores_and_exits_on("HUP", 129);
}

#[test]
fn sigint_restores_and_exits_130() {
    restores_and_exits_on("INT", 130);
}

/// The state letter of a process (`T` when stopped), from /proc.
fn state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat[stat.rfind(')')? + 2..].chars().next()
}

#[test]
fn ctrl_z_under_a_job_control_shell_stops_and_fg_repaints() {
    let mut session = Session::spawn_job_control_shell(100, 30);
    session.send("\"$ACTSCOPE\"\r");
    session.wait_for_text("45.66 %");
    let pid = session.child_pid();
    let before = session.byte_count();
    session.send("\x1a");
    // The terminal comes back restored, the process stops, and bash says so.
    session.wait_for("the shell's report of the stop", |screen| {
        screen.contains("Stopped")
    });
    assert_eq!(state(pid), Some('T'), "actscope is not stopped");
    assert!(session.byte_count() > before);
    assert_restored(&session.bytes());
    let before = session.byte_count();
    session.send("fg\r");
    session.wait_for("the repaint after fg", |_| {
        let bytes = session.bytes();
        let after = &bytes[before..];
        contains_bytes(after, b"\x1b[?1049h") && String::from_utf8_lossy(after).contains("45.66")
    });
    session.send("q");
    session.wait_for("the shell's prompt again", |screen| screen.contains("$ "));
    session.send("exit\r");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn kill_tstp_from_outside_restores_first_then_fg_repaints() {
    let mut session = Session::spawn_job_control_shell(100, 30);
    session.send("\"$ACTSCOPE\"\r");
    session.wait_for_text("45.66 %");
    let pid = session.child_pid();
    let before = session.byte_count();
    let status = Command::new("kill")
        .args(["-TSTP", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
    session.wait_for("the shell's report of the stop", |screen| {
        screen.contains("Stopped")
    });
    assert!(session.byte_count() > before);
    assert_restored(&session.bytes());
    let before = session.byte_count();
    session.send("fg\r");
    session.wait_for("the repaint after fg", |_| {
        let bytes = session.bytes();
        let after = &bytes[before..];
        contains_bytes(after, b"\x1b[?1049h") && String::from_utf8_lossy(after).contains("45.66")
    });
    session.send("q");
    session.wait_for("the shell's prompt again", |screen| screen.contains("$ "));
    session.send("exit\r");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn ctrl_z_without_job_control_says_why_and_carries_on() {
    // The harness's child leads its own session: no shell could continue it if it stopped.
    let mut session = Session::spawn(&[], 100, 30, &[]);
    session.wait_for_text("45.66 %");
    session.send("\x1a");
    session.wait_for_text("not suspended");
    assert_ne!(state(session.pid()), Some('T'));
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn ctrl_c_quits_with_the_terminal_restored() {
    let mut session = Session::spawn(&["--mouse"], 100, 30, &[]);
    session.wait_for_text("45.66 %");
    session.send("\x03");
    assert_eq!(session.wait_exit(), 0);
    let bytes = session.bytes();
    assert_restored(&bytes);
    assert!(
        contains_bytes(&bytes, b"\x1b[?1000l"),
        "mouse capture not turned off"
    );
}

/// User plus system CPU time of a process, in clock ticks (Linux /proc), if readable.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which is in parentheses): utime is the 12th, stime the 13th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn has_braille(text: &str) -> bool {
    text.chars().any(|c| ('\u{2800}'..='\u{28ff}').contains(&c))
}

#[test]
fn a_c_locale_and_ascii_draw_no_braille() {
    for (args, env) in [
        (&[][..], &[("LANG", "C")][..]),
        (&[][..], &[("LC_ALL", "POSIX")][..]),
        (&["--ascii"][..], &[][..]),
    ] {
        let mut session = Session::spawn(args, 100, 30, env);
        let screen = session.wait_for_text("45.66 %");
        assert!(!has_braille(&screen), "{args:?} {env:?}:\n{screen}");
        assert!(screen.contains("sigma(x)"), "{screen}");
        let bytes = session.bytes();
        assert!(
            bytes.iter().all(u8::is_ascii),
            "{args:?} {env:?}: non-ASCII bytes written"
        );
        session.send("q");
        assert_eq!(session.wait_exit(), 0);
    }
}

/// SGR parameters that set a colour: 30-38, 40-48, 90-97, 100-107 (39 and 49 reset to default).
fn sets_a_colour(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    for sgr in text.split("\x1b[").skip(1) {
        let Some(end) = sgr.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            continue;
        };
        if &sgr[end..=end] != "m" {
            continue;
        }
        for param in sgr[..end].split(';') {
            if let Ok(n) = param.parse::<u32>()
                && matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107)
            {
                return Some(sgr[..=end].to_string());
            }
        }
    }
    None
}

#[test]
fn no_color_writes_no_colour() {
    for (args, env) in [
        (&[][..], &[("NO_COLOR", "1")][..]),
        (&["--no-color"][..], &[][..]),
    ] {
        let mut session = Session::spawn(args, 100, 30, env);
        session.wait_for_text("45.66 %");
        session.send("\t");
        session.wait_for_text("tanh(x)");
        session.send("q");
        assert_eq!(session.wait_exit(), 0);
        let found = sets_a_colour(&session.bytes());
        assert_eq!(found, None, "{args:?} {env:?} set a colour");
    }
    // And with colour on, colours are used (so the check above can fail).
    let mut session = Session::spawn(&[], 100, 30, &[]);
    session.wait_for_text("45.66 %");
    session.send("q");
    session.wait_exit();
    assert!(sets_a_colour(&session.bytes()).is_some());
}

#[test]
fn idle_writes_nothing_and_uses_no_cpu() {
    let mut session = Session::spawn(&[], 100, 30, &[]);
    // The hint bar is the frame's last row: once it shows, the frame has been written.
    session.wait_for_text("? help  q quit");
    let before = session.byte_count();
    let cpu_before = cpu_ticks(session.pid());
    thread::sleep(Duration::from_millis(1500));
    assert_eq!(session.byte_count(), before, "wrote while idle");
    if let (Some(a), Some(b)) = (cpu_before, cpu_ticks(session.pid())) {
        // Clock ticks are 10 ms: a blocked reader uses none; allow one for scheduling noise.
        assert!(b - a <= 1, "used {} ticks of CPU while idle", b - a);
    }
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

/// Brings the explorer back to browsing with every key sent so far applied, however long a busy
/// machine takes over the backlog: Esc leaves help or an edit (once the screen shows it did), then
/// a pasted two-element vector, applied only after everything before it, says "pasted 2 numbers"
/// only when the app was browsing by then (in an edit the paste goes into the field, and the
/// round repeats).
fn settle(session: &mut Session) {
    let started = Instant::now();
    let browsing = |screen: &str| screen.contains("nudge") && screen.contains("actscope");
    loop {
        assert!(
            started.elapsed() < SETTLE,
            "the explorer did not settle within {SETTLE:?}; screen:\n{}",
            session.screen()
        );
        if !browsing(&session.screen()) {
            session.send("\x1b");
            if session.wait_until(PATIENCE, browsing).is_none() {
                continue;
            }
        }
        session.send("\x1b[200~[3.25, -7.5]\x1b[201~");
        if session
            .wait_until(PATIENCE, |screen| screen.contains("pasted 2 numbers"))
            .is_some()
        {
            return;
        }
    }
}

/// How long a busy debug build may take to work through the storm's backlog.
const SETTLE: Duration = Duration::from_secs(120);
/// How long one round of [`settle`] waits for the screen to answer.
const PATIENCE: Duration = Duration::from_secs(10);

#[test]
fn a_storm_of_keys_and_resizes_is_survived() {
    let mut session = Session::spawn(&[], 100, 30, &[]);
    session.wait_for_text("45.66 %");
    // A fixed pseudo-random sequence: every key the explorer knows, junk, escapes, pastes (no q).
    let keys = [
        "\t",
        "\x1b[Z",
        "1",
        "0",
        "9",
        "j",
        "k",
        "\x1b[A",
        "\x1b[B",
        "\x1b[C",
        "\x1b[D",
        "\x1b[1;2C",
        "\x1b[1;2D",
        "h",
        "l",
        "H",
        "L",
        "e",
        "\r",
        "7",
        "\x7f",
        "a",
        "x",
        "\x1b[3~",
        "[",
        "]",
        "+",
        "-",
        "=",
        "r",
        "d",
        "m",
        "?",
        "ESC",
        "z",
        "\x15",
        "nan",
        "1e999",
        "\x07",
        "\x1b[200~1, 2, 3\x1b[201~",
        "\x1b[200~junk\x1b[201~",
        "\x1bOP",
        "\x1b[15~",
        "é",
        "\0",
    ];
    let sizes = [(100, 30), (1, 1), (40, 15), (200, 60), (20, 5), (80, 24)];
    let mut state: u32 = 12345;
    for step in 0..1500 {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let key = keys[(state >> 16) as usize % keys.len()];
        if key == "ESC" {
            // A lone Esc is told from the start of a sequence by the pause after it, as a
            // terminal's own keypresses are.
            thread::sleep(Duration::from_millis(30));
            session.send("\x1b");
            thread::sleep(Duration::from_millis(30));
            continue;
        }
        session.send(key);
        if step % 150 == 0 {
            let (cols, rows) = sizes[(state >> 8) as usize % sizes.len()];
            session.resize(cols, rows);
        }
    }
    session.resize(100, 30);
    settle(&mut session);
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn piped_standard_input_is_fine() {
    let mut session = Session::spawn_shell("echo 1 2 3 | \"$ACTSCOPE\"", 100, 30);
    session.wait_for_text("45.66 %");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn plot_on_a_terminal_uses_its_size_and_colour_unless_no_color() {
    let mut session = Session::spawn(&["plot", "sigmoid"], 70, 20, &[]);
    assert_eq!(session.wait_exit(), 0);
    let bytes = session.bytes();
    assert!(sets_a_colour(&bytes).is_some(), "no colour on a terminal");
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(
        text.lines().count(),
        19,
        "the terminal's height less one:\n{text}"
    );
    let mut session = Session::spawn(&["plot", "sigmoid"], 70, 20, &[("NO_COLOR", "1")]);
    assert_eq!(session.wait_exit(), 0);
    assert_eq!(sets_a_colour(&session.bytes()), None);
}

/// Standard base64 back to bytes (the test's own decoder).
fn unbase64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let digits: Vec<u8> = chunk
            .iter()
            .filter(|&&c| c != b'=')
            .map(|&c| value(c))
            .collect();
        let word = digits
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &d)| acc | u32::from(d) << (18 - 6 * i));
        for i in 0..digits.len().saturating_sub(1) {
            out.push((word >> (16 - 8 * i)) as u8);
        }
    }
    out
}

#[test]
fn y_copies_the_view_and_its_command_line_with_osc_52() {
    let mut session = Session::spawn(&["--tab", "leaky", "--param", "0.2"], 100, 30, &[]);
    session.wait_for_text("45.66 %");
    session.send("y");
    session.wait_for_text("reopen: actscope --tab leaky_relu --input '1.2 0.9 0.4' --param 0.2");
    let bytes = session.bytes();
    let text = String::from_utf8_lossy(&bytes);
    let start = text.find("\x1b]52;c;").expect("an OSC 52 sequence") + 7;
    // Ended by ST (ESC \), as crossterm writes it, or BEL.
    let end = start + text[start..].find(['\x1b', '\x07']).expect("its end");
    let copied = String::from_utf8(unbase64(&text[start..end])).expect("UTF-8");
    assert!(
        copied.contains("Leaky ReLU") && copied.contains("45.66 %"),
        "{copied}"
    );
    assert!(copied.trim_end().ends_with("--param 0.2"), "{copied}");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn with_mouse_a_click_selects_a_tab_and_an_element_and_the_wheel_nudges() {
    let mut session = Session::spawn(&["--mouse"], 100, 30, &[]);
    session.wait_for_text("45.66 %");
    // SGR mouse reports, 1-based: a left press and release on " Step " (column 13, row 1).
    session.send("\x1b[<0;13;1M\x1b[<0;13;1m");
    session.wait_for_text("H(x) = 1 if x > 0");
    // On the panel's third row (row 8), then the wheel up twice: 0.4 -> 0.6.
    session.send("\x1b[<0;60;8M\x1b[<0;60;8m");
    session.send("\x1b[<64;60;8M\x1b[<64;60;8M");
    session.wait_for_text("x2 = 0.6");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn plot_in_a_tiny_terminal_draws_at_the_smallest_size() {
    let mut session = Session::spawn(&["plot", "relu"], 30, 4, &[]);
    assert_eq!(session.wait_exit(), 0);
    assert!(String::from_utf8_lossy(&session.bytes()).contains("ReLU"));
}
