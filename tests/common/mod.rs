//! Running the built binary with a bounded wait: a hung child is killed, never waited on forever.

#![allow(dead_code)]

pub mod pty;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

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
