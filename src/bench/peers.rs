//! The peers of `bench --compare`: a Python process timing NumPy/SciPy and PyTorch.
//!
//! It runs `peers.py` (with `python -c`), is sent the input, and times one round each time it is
//! asked.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use super::{PeerTiming, Peers, median};
use crate::kernel::Level;

/// The script the Python process runs.
const SCRIPT: &str = include_str!("peers.py");

/// A running peer process.
pub(super) struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    versions: String,
    missing: String,
}

/// One round: per list (`values`, `derivatives`, `softmax`), per kernel, (numpy, torch).
pub(super) type Round = Value;

impl Session {
    /// Starts `python` on the peers' script and sends it `xs`; an error says why it could not.
    pub(super) fn start(
        python: &str,
        level: Level,
        xs: &[f64],
        names: &[&str],
        budget: Duration,
    ) -> Result<Session, String> {
        let config = json!({"size": xs.len(), "names": names, "budget": budget.as_secs_f64()});
        let mut command = Command::new(python);
        // The peers held to the instruction set actscope runs on: NumPy 2.x's CPU dispatch groups
        // (X86_V4 is AVX-512, X86_V3 AVX2) and PyTorch's kernel choice.
        let mut held = String::new();
        if level < Level::best() {
            let (numpy, torch) = if level == Level::SCALAR {
                ("X86_V3 X86_V4", "default")
            } else {
                ("X86_V4", "avx2")
            };
            command
                .env("NPY_DISABLE_CPU_FEATURES", numpy)
                .env("ATEN_CPU_CAPABILITY", torch);
            held = format!(
                "; held to {}: NPY_DISABLE_CPU_FEATURES=\"{numpy}\", ATEN_CPU_CAPABILITY={torch}",
                level.name()
            );
        }
        let mut child = command
            .arg("-c")
            .arg(SCRIPT)
            .arg(config.to_string())
            // One thread for every library that reads these (PyTorch is also told in the script).
            .env("OMP_NUM_THREADS", "1")
            .env("MKL_NUM_THREADS", "1")
            .env("OPENBLAS_NUM_THREADS", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{python} could not be started: {e}"))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(format!("{python}: no pipes"));
        };
        let mut session = Session {
            child,
            stdin: Some(stdin),
            stdout: BufReader::new(stdout),
            versions: String::new(),
            missing: String::new(),
        };
        let header = session
            .read_line()
            .map_err(|e| format!("{python} did not run the peers' script: {e}"))?;
        let version = |key: &str| header[key].as_str().map(str::to_string);
        session.missing = header["missing"].as_str().unwrap_or_default().to_string();
        let (Some(numpy), scipy, torch) = (version("numpy"), version("scipy"), version("torch"))
        else {
            return Err(format!(
                "{python} cannot import numpy ({})",
                session.missing
            ));
        };
        let mut versions = vec![format!("NumPy {numpy}")];
        versions.extend(scipy.map(|v| format!("SciPy {v}")));
        versions.extend(torch.map(|v| format!("PyTorch {v} (1 thread)")));
        session.versions = versions.join(", ") + &held;
        let bytes: Vec<u8> = xs.iter().flat_map(|x| x.to_le_bytes()).collect();
        session
            .stdin
            .as_mut()
            .map_or(Ok(()), |stdin| {
                stdin.write_all(&bytes).and_then(|()| stdin.flush())
            })
            .map_err(|e| format!("sending the input to {python}: {e}"))?;
        Ok(session)
    }

    /// One JSON line from the process.
    fn read_line(&mut self) -> Result<Value, String> {
        let mut line = String::new();
        match self.stdout.read_line(&mut line) {
            Ok(0) => Err("it ended early".to_string()),
            Ok(_) => serde_json::from_str(&line).map_err(|e| format!("unreadable reply: {e}")),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Asks for one round and waits for it.
    pub(super) fn round(&mut self) -> Result<Round, String> {
        self.stdin
            .as_mut()
            .map_or(Ok(()), |stdin| {
                stdin.write_all(b"round\n").and_then(|()| stdin.flush())
            })
            .map_err(|e| format!("the peers stopped: {e}"))?;
        self.read_line()
            .map_err(|e| format!("the peers stopped: {e}"))
    }

    /// The medians over `rounds`, and the process ended.
    pub(super) fn summary(mut self, rounds: &[Round]) -> Peers {
        let list = |key: &str| -> Vec<PeerTiming> {
            let Some(first) = rounds.first().and_then(|r| r[key].as_object()) else {
                return Vec::new();
            };
            first
                .keys()
                .map(|name| {
                    let side = |peer: &str| {
                        let samples: Vec<f64> = rounds
                            .iter()
                            .filter_map(|r| r[key][name][peer].as_f64())
                            .collect();
                        (!samples.is_empty()).then(|| median(samples))
                    };
                    PeerTiming {
                        name: name.clone(),
                        numpy: side("numpy"),
                        torch: side("torch"),
                    }
                })
                .collect()
        };
        let peers = Peers {
            versions: std::mem::take(&mut self.versions),
            missing: std::mem::take(&mut self.missing),
            values: list("values"),
            derivatives: list("derivatives"),
            softmax: list("softmax"),
        };
        // Closing stdin ends the script's loop.
        self.stdin = None;
        let _ = self.child.wait();
        peers
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stdin = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
