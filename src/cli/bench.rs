//! `actscope bench`: ns per element of every kernel, and with `--compare` of its peers.
//!
//! The peers (NumPy/SciPy and PyTorch) are measured side by side in the same run.

use std::io::Write;

use serde_json::{Value, json};

use super::Error;
use super::output::write_table;
use crate::bench::{PeerTiming, Peers, Report, Timing};
use crate::kernel::Level;

/// Time per kernel run the bench spends, at most.
const BENCH_BUDGET: std::time::Duration = std::time::Duration::from_millis(300);

/// What `--compare` asks for.
pub(super) struct PeerOptions<'a> {
    /// The Python to run the peers with.
    pub python: &'a str,
    /// Alternating rounds.
    pub rounds: usize,
}

pub(super) fn run(
    level: Level,
    size: usize,
    json: bool,
    kernels: Option<&[String]>,
    peers: Option<PeerOptions<'_>>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    if !(1..=100_000_000).contains(&size) {
        return Err(Error::BadInput(format!(
            "--size: {size} elements; choose 1 to 100000000"
        )));
    }
    let known = crate::bench::kernel_names();
    if let Some(unknown) = kernels
        .unwrap_or_default()
        .iter()
        .find(|k| !known.contains(&k.as_str()))
    {
        return Err(Error::BadInput(format!(
            "--kernels: unknown kernel {unknown:?}; valid: {}",
            known.join(", ")
        )));
    }
    let report = match peers {
        Some(options) => crate::bench::compare(
            level,
            size,
            BENCH_BUDGET,
            kernels,
            options.rounds,
            options.python,
        ),
        None => crate::bench::run(level, size, BENCH_BUDGET, kernels),
    };
    if json {
        serde_json::to_writer(&mut *out, &document(&report))?;
        writeln!(out)?;
    } else {
        match &report.peers {
            None | Some(Err(_)) => write_alone(&report, out)?,
            Some(Ok(peers)) => write_compared(&report, peers, out)?,
        }
    }
    // --compare asked for the peers: our figures are printed, and the exit status says the
    // comparison could not be made.
    match &report.peers {
        Some(Err(why)) => Err(Error::BadInput(format!(
            "--compare: the peers were not measured: {why}"
        ))),
        _ => Ok(()),
    }
}

/// The JSON document: `values`, `derivatives` and `softmax` lists of `{name, ns_per_element,
/// runs}`, and with `--compare` `rounds` and `peers` (`{"error": why}` when not measured).
fn document(report: &Report) -> Value {
    let entry =
        |t: &Timing| json!({"name": t.name, "ns_per_element": t.ns_per_element, "runs": t.runs});
    let list = |ts: &[Timing]| ts.iter().map(entry).collect::<Vec<_>>();
    let mut document = json!({
        "size": report.size,
        "level": report.level,
        "values": list(&report.values),
        "derivatives": list(&report.derivatives),
        "softmax": list(&report.softmax),
    });
    if let Some(peers) = &report.peers {
        document["rounds"] = json!(report.rounds);
        document["peers"] = match peers {
            Err(why) => json!({"error": why}),
            Ok(peers) => {
                let peer =
                    |p: &PeerTiming| json!({"name": p.name, "numpy": p.numpy, "torch": p.torch});
                let list = |ps: &[PeerTiming]| ps.iter().map(peer).collect::<Vec<_>>();
                json!({
                    "versions": peers.versions,
                    "missing": peers.missing,
                    "values": list(&peers.values),
                    "derivatives": list(&peers.derivatives),
                    "softmax": list(&peers.softmax),
                })
            }
        };
    }
    document
}

/// Our figures alone, with each against ReLU's (measured in the same run).
fn write_alone(report: &Report, out: &mut dyn Write) -> Result<(), Error> {
    writeln!(
        out,
        "{} elements, {} kernels, median ns per element",
        report.size, report.level
    )?;
    let relu = report
        .values
        .iter()
        .find(|t| t.name == "relu")
        .map_or(f64::NAN, |t| t.ns_per_element);
    let versus = |ns: f64| {
        if relu.is_nan() {
            "-".to_string()
        } else {
            format!("{:.1}x", ns / relu)
        }
    };
    let header = ["kernel", "f(x)", "f'(x)", "f(x) vs relu"].map(String::from);
    let mut rows: Vec<[String; 4]> = report
        .values
        .iter()
        .zip(&report.derivatives)
        .map(|(v, d)| {
            [
                v.name.clone(),
                format!("{:.2}", v.ns_per_element),
                format!("{:.2}", d.ns_per_element),
                versus(v.ns_per_element),
            ]
        })
        .collect();
    for t in &report.softmax {
        rows.push([
            t.name.clone(),
            format!("{:.2}", t.ns_per_element),
            "-".into(),
            versus(t.ns_per_element),
        ]);
    }
    write_table(out, &header, &rows)
}

/// Ours beside the peers', list by list, with the speed-ups (peer time / ours).
fn write_compared(report: &Report, peers: &Peers, out: &mut dyn Write) -> Result<(), Error> {
    writeln!(
        out,
        "{} elements, {} kernels, median ns per element over {} alternating rounds",
        report.size, report.level, report.rounds
    )?;
    writeln!(out, "peers, measured in this run: {}", peers.versions)?;
    if !peers.missing.is_empty() {
        writeln!(out, "not measured: {}", peers.missing)?;
    }
    let lists = [
        ("f(x)", &report.values, &peers.values),
        ("f'(x)", &report.derivatives, &peers.derivatives),
        ("softmax and relatives", &report.softmax, &peers.softmax),
    ];
    for (title, ours, theirs) in lists {
        if ours.is_empty() {
            continue;
        }
        writeln!(out)?;
        let header = [
            title,
            "actscope",
            "NumPy/SciPy",
            "speed-up",
            "PyTorch",
            "speed-up",
        ]
        .map(String::from);
        let rows: Vec<[String; 6]> = ours
            .iter()
            .map(|t| {
                let peer = theirs.iter().find(|p| p.name == t.name);
                let cell = |ns: Option<f64>| match ns {
                    Some(ns) => [format!("{ns:.2}"), format!("{:.2}x", ns / t.ns_per_element)],
                    None => ["-".to_string(), "-".to_string()],
                };
                let [numpy, numpy_ratio] = cell(peer.and_then(|p| p.numpy));
                let [torch, torch_ratio] = cell(peer.and_then(|p| p.torch));
                [
                    t.name.clone(),
                    format!("{:.2}", t.ns_per_element),
                    numpy,
                    numpy_ratio,
                    torch,
                    torch_ratio,
                ]
            })
            .collect();
        write_table(out, &header, &rows)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the bench prints, and the error it ends with, if any.
    fn bench(json: bool, python: Option<&str>) -> (String, Option<String>) {
        let kernels = ["relu".to_string(), "softmax".to_string()];
        let peers = python.map(|python| PeerOptions { python, rounds: 1 });
        let mut out = Vec::new();
        let result = run(Level::best(), 32, json, Some(&kernels), peers, &mut out);
        (
            String::from_utf8(out).expect("UTF-8"),
            result.err().map(|err| err.to_string()),
        )
    }

    #[test]
    fn the_json_keeps_its_shape_and_adds_the_peers_only_when_asked() {
        let alone: Value = serde_json::from_str(&bench(true, None).0).expect("JSON");
        assert_eq!(alone["values"][0]["name"], "relu");
        assert_eq!(alone["softmax"][0]["name"], "softmax");
        assert!(alone["derivatives"][0]["ns_per_element"].is_f64());
        assert!(alone.get("peers").is_none() && alone.get("rounds").is_none());
        let (printed, error) = bench(true, Some("/nonexistent/python3"));
        assert!(error.is_some_and(|e| e.starts_with("--compare: the peers were not measured")));
        let compared: Value = serde_json::from_str(&printed).expect("JSON");
        assert_eq!(compared["rounds"], 1);
        let error = compared["peers"]["error"]
            .as_str()
            .expect("why the peers are missing");
        assert!(error.contains("/nonexistent/python3"), "{error}");
    }

    #[test]
    fn missing_peers_are_said_and_our_figures_still_printed() {
        let (text, error) = bench(false, Some("/nonexistent/python3"));
        let error = error.expect("a refusal: the comparison asked for was not made");
        assert!(error.contains("/nonexistent/python3"), "{error}");
        assert!(text.contains("relu") && text.contains("softmax"), "{text}");
    }
}
