//! Helpers shared by the integration tests, above all running the built binary with a bounded wait.
//!
//! A hung child is killed, never waited on forever. The pseudo-terminal harness is in `pty`, the
//! TestBackend drawing in `screen`, the render tests' 50,000 logits in `logits`.

#![allow(dead_code)]

pub mod logits;
pub mod pty;
pub mod screen;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// `text` as JSON, or a panic showing it.
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A JSON array's numbers (`None` for `null`).
pub fn numbers(value: &Value) -> Vec<Option<f64>> {
    value
        .as_array()
        .expect("array")
        .iter()
        .map(Value::as_f64)
        .collect()
}

/// A refused input: exit status 2, one line on stderr that says `needle`, nothing on stdout.
pub fn assert_refused(args: &[&str], stdin: &str, needle: &str) {
    let run = actscope(args, stdin);
    assert_eq!(run.status, Some(2), "{args:?}: {}", run.stderr);
    assert_eq!(run.stdout, "", "{args:?}");
    assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {:?}", run.stderr);
    assert!(
        run.stderr.contains(needle),
        "{args:?}: {:?} lacks {needle:?}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{args:?}");
}

/// The sample input files.
pub const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/input/");

/// A sample input file's path.
pub fn data(name: &str) -> String {
    format!("{DATA}{name}")
}

/// The standard output of a run that succeeds without a word on stderr.
pub fn ok(args: &[&str], stdin: &str) -> String {
    let run = actscope(args, stdin);
    assert_eq!(run.status, Some(0), "{args:?}: {}", run.stderr);
    assert_eq!(run.stderr, "", "{args:?}");
    run.stdout
}

/// A JSON array's strings.
pub fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v.as_str().expect("string"))
        .collect()
}

/// A JSON array's booleans.
pub fn bools(value: &Value) -> Vec<bool> {
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v.as_bool().expect("bool"))
        .collect()
}

/// The bits of numbers that are all there.
pub fn bits(values: &[Option<f64>]) -> Vec<u64> {
    values
        .iter()
        .map(|v| v.expect("a number").to_bits())
        .collect()
}

/// What a finished run left behind.
pub struct Run {
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// How long any one run may take before it is killed.
pub const LIMIT: Duration = Duration::from_secs(20);

/// Runs `actscope` with `args`, feeding `stdin`, killing it after [`LIMIT`].
pub fn actscope(args: &[&str], stdin: &str) -> Run {
    actscope_with_env(args, stdin, &[])
}

/// As [`actscope`], with extra environment variables.
pub fn actscope_with_env(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_actscope"))
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn actscope");
    let mut input = child.stdin.take().expect("stdin");
    let text = stdin.to_owned();
    let writer = thread::spawn(move || {
        // The child may exit before reading everything; that is not this helper's failure.
        let _ = input.write_all(text.as_bytes());
    });
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_reader = thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_reader = thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("actscope {args:?} did not finish within {LIMIT:?}; killed");
        }
        thread::sleep(Duration::from_millis(5));
    };
    let _ = writer.join();
    Run {
        status: status.code(),
        stdout: out_reader.join().expect("stdout reader"),
        stderr: err_reader.join().expect("stderr reader"),
    }
}
