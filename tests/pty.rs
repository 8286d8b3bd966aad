//! Tests: end to end, the real binary in a pseudo-terminal, keys typed, the parsed screen asserted.

mod common;

use actscope::kernel;
use common::pty::Session;

/// The percentages the explorer should show for `values`, as the panel prints them.
fn percentages(values: &[f64]) -> Vec<String> {
    let mut p = vec![0.0; values.len()];
    kernel::softmax(
        kernel::Level::best(),
        values,
        kernel::Temperature::ONE,
        &mut p,
    );
    p.iter().map(|p| format!("{:.2} %", p * 100.0)).collect()
}

fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn starts_draws_edits_and_quits_cleanly() {
    let mut session = Session::spawn(&[], 100, 30, &[]);
    let screen = session.wait_for_text("20.52 %");
    for needle in [
        "Step",
        "Sigmoid",
        "10›",
        "45.66 %",
        "33.83 %",
        "input vector",
    ] {
        assert!(screen.contains(needle), "{needle} missing:\n{screen}");
    }
    assert!(
        screen
            .chars()
            .any(|c| ('\u{2800}'..='\u{28ff}').contains(&c)),
        "no braille on a UTF-8 terminal:\n{screen}"
    );

    // Enter edits; Ctrl-U clears; a new value; Enter commits.
    session.send("\r");
    session.wait_for_text("Enter commits");
    session.send("\x15");
    session.send("2.5\r");
    let want = percentages(&[2.5, 0.9, 0.4]);
    let screen = session.wait_for(&want[0], |s| s.contains(&want[0]));
    assert!(
        screen.contains(&want[1]) && screen.contains(&want[2]),
        "{screen}"
    );
    assert!(screen.contains("x0 = 2.5"), "{screen}");

    // A bad value is refused with a reason, and the old one stays.
    session.send("e");
    session.send("\x15nan\r");
    session.wait_for_text("not a finite number");
    session.send("\x1b");
    session.wait_for_text("stays 2.5");

    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let bytes = session.bytes();
    for (what, sequence) in [
        ("alternate screen left", &b"\x1b[?1049l"[..]),
        ("cursor shown", &b"\x1b[?25h"[..]),
        ("bracketed paste off", &b"\x1b[?2004l"[..]),
    ] {
        assert!(
            contains_bytes(&bytes, sequence),
            "{what}: not in the output"
        );
    }
    assert!(
        !contains_bytes(&bytes, b"\x1b[6n"),
        "asked for the cursor position"
    );
}

#[test]
fn a_pasted_vector_replaces_the_input() {
    let mut session = Session::spawn(&["--tab", "softmax"], 100, 30, &[]);
    session.wait_for_text("20.52 %");
    session.send("\x1b[200~[900, 1000, 1000]\x1b[201~");
    let screen = session.wait_for_text("pasted 3 numbers");
    assert!(screen.contains("50.00 %"), "{screen}");
    assert!(
        screen.contains("NaN"),
        "the naive result should show NaN:\n{screen}"
    );
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn resizing_redraws_at_the_new_size() {
    let mut session = Session::spawn(&[], 100, 30, &[]);
    session.wait_for_text("45.66 %");
    session.resize(30, 10);
    session.wait_for_text("terminal too small");
    session.resize(1, 1);
    session.resize(80, 24);
    let screen = session.wait_for("the 80x24 layout", |s| {
        s.contains("45.66 %") && !s.contains("too small")
    });
    assert!(screen.lines().all(|l| l.chars().count() <= 80), "{screen}");
    session.send("?");
    session.wait_for_text("Esc or ? closes");
    session.send("?q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_vector_piped_in_opens_the_explorer_and_keys_still_work() {
    // Standard input is the pipe; crossterm reads the keys from the terminal (/dev/tty).
    let mut session = Session::spawn_shell(
        "printf '1 2 3' | \"$ACTSCOPE\" --tab softmax --input-file - --top-k 2",
        100,
        30,
    );
    let want = percentages(&[1.0, 2.0, 3.0]);
    let screen = session.wait_for(&want[2], |s| s.contains(&want[2]));
    assert!(screen.contains(&want[1]), "{screen}");
    // A key is read: v shows the sampler panel, where top-k has removed x0.
    session.send("v");
    session.wait_for_text("removed by top-k");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}
