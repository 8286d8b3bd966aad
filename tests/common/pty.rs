//! A pseudo-terminal harness: the real binary at a given size, keys typed, its output read back.
//!
//! Both the parsed screen (vt100) and the raw bytes are read. Every wait is bounded; dropping kills
//! the child.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long any one wait may take: generous, for a debug build on a loaded 2-core machine
/// (one wait ran past 10 s there once); a wait that passes returns as soon as it can.
pub const WAIT: Duration = Duration::from_secs(30);

struct Shared {
    parser: vt100::Parser,
    bytes: Vec<u8>,
    /// The program's side of the terminal is closed: everything it wrote has been read.
    closed: bool,
}

pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    shared: Arc<Mutex<Shared>>,
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).expect("non-zero")
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    /// Starts `actscope args` in a `cols`x`rows` terminal with a UTF-8 locale, TERM=xterm-256color,
    /// no NO_COLOR, and the extra `env`.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        Session::spawn_command(env!("CARGO_BIN_EXE_actscope"), args, cols, rows, env)
    }

    fn spawn_command(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        for name in ["NO_COLOR", "LC_ALL", "LC_CTYPE", "COLORTERM"] {
            cmd.env_remove(name);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn actscope");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            bytes: Vec::new(),
            closed: false,
        }));
        let sink = Arc::clone(&shared);
        thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                let mut shared = sink.lock().expect("lock");
                shared.parser.process(&buffer[..n]);
                shared.bytes.extend_from_slice(&buffer[..n]);
            }
            sink.lock().expect("lock").closed = true;
        });
        Session {
            child,
            master: pair.master,
            writer,
            shared,
        }
    }

    /// Runs a shell command line in the terminal, with `$ACTSCOPE` naming the binary.
    pub fn spawn_shell(line: &str, cols: u16, rows: u16) -> Session {
        Session::spawn_command(
            "sh",
            &["-c", line],
            cols,
            rows,
            &[("ACTSCOPE", env!("CARGO_BIN_EXE_actscope"))],
        )
    }

    /// An interactive bash with job control (no rc files), `$ACTSCOPE` naming the binary.
    pub fn spawn_job_control_shell(cols: u16, rows: u16) -> Session {
        Session::spawn_command(
            "bash",
            &["--norc", "--noprofile", "-i"],
            cols,
            rows,
            &[("ACTSCOPE", env!("CARGO_BIN_EXE_actscope")), ("PS1", "$ ")],
        )
    }

    /// The pid of this session's process's child (the program a shell started), once it has one.
    pub fn child_pid(&self) -> u32 {
        let pid = self.pid();
        let mut found = None;
        self.wait_until(WAIT, |_| {
            found = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
                .ok()
                .and_then(|text| text.split_whitespace().next()?.parse().ok());
            found.is_some()
        });
        found.expect("the shell started no child")
    }

    /// Types `text` (raw bytes: "\r" is Enter, "\x1b" is Esc).
    pub fn send(&mut self, text: &str) {
        self.writer
            .write_all(text.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.shared.lock().expect("lock").parser.screen().contents()
    }

    /// Every byte the program wrote so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.shared.lock().expect("lock").bytes.clone()
    }

    /// How many bytes the program wrote so far.
    pub fn byte_count(&self) -> usize {
        self.shared.lock().expect("lock").bytes.len()
    }

    /// Waits until the screen satisfies `ready`; panics with the screen after [`WAIT`].
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                started.elapsed() < WAIT,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits up to `limit` for the screen to satisfy `ready`; the screen then, or `None`.
    pub fn wait_until(
        &self,
        limit: Duration,
        mut ready: impl FnMut(&str) -> bool,
    ) -> Option<String> {
        let started = Instant::now();
        while started.elapsed() < limit {
            let screen = self.screen();
            if ready(&screen) {
                return Some(screen);
            }
            thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Waits until the screen shows `needle`.
    pub fn wait_for_text(&self, needle: &str) -> String {
        self.wait_for(needle, |screen| screen.contains(needle))
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the parser with it.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.shared
            .lock()
            .expect("lock")
            .parser
            .set_size(nonzero(rows), nonzero(cols));
        self.master.resize(size(cols, rows)).expect("resize pty");
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// Waits for the program to exit and returns its exit code; kills it after [`WAIT`].
    pub fn wait_exit(&mut self) -> u32 {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader drain what the program wrote last: its side of the terminal
                // closes once it has gone.
                while !self.shared.lock().expect("lock").closed && started.elapsed() < WAIT {
                    thread::sleep(Duration::from_millis(10));
                }
                return status.exit_code();
            }
            if started.elapsed() > WAIT {
                let screen = self.screen();
                let _ = self.child.kill();
                let bytes = self.bytes();
                let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(400)..])
                    .escape_debug()
                    .to_string();
                panic!(
                    "actscope did not exit within {WAIT:?}; screen:\n{screen}\nlast bytes: {tail}"
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
