//! `actscope bench`: nanoseconds per element for every kernel on this machine.
//!
//! Medians of repeated runs over the same deterministic input; with [`compare`], NumPy/SciPy and
//! PyTorch timed on that same input in alternating rounds.

mod peers;

use std::hint::black_box;
use std::time::{Duration, Instant};

use crate::kernel::{self, Activation, Level, Temperature};

/// One kernel's timing.
#[derive(Clone, Debug, PartialEq)]
pub struct Timing {
    /// The kernel's name.
    pub name: String,
    /// Median nanoseconds per element.
    pub ns_per_element: f64,
    /// Runs measured.
    pub runs: usize,
}

/// Everything one `bench` run measured.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Elements per slice.
    pub size: usize,
    /// Instruction set the slice kernels used.
    pub level: &'static str,
    /// f(x) per activation, in [`Activation::ALL`] order.
    pub values: Vec<Timing>,
    /// f'(x) per activation.
    pub derivatives: Vec<Timing>,
    /// softmax, log_softmax, logsumexp, the naive softmax, sparsemax and 1.5-entmax.
    pub softmax: Vec<Timing>,
    /// Alternating rounds measured (each figure the median of its rounds' medians).
    pub rounds: usize,
    /// The peers, when asked for: their timings, or why they could not be measured.
    pub peers: Option<Result<Peers, String>>,
}

/// What the peers took, measured in the same run as the [`Report`] holding them.
#[derive(Clone, Debug, PartialEq)]
pub struct Peers {
    /// Versions, e.g. `NumPy 2.3.5, SciPy 1.16.3, PyTorch 2.15.0 (1 thread)`.
    pub versions: String,
    /// Modules that could not be imported, and why (empty when all could).
    pub missing: String,
    /// Per activation value, by name.
    pub values: Vec<PeerTiming>,
    /// Per derivative.
    pub derivatives: Vec<PeerTiming>,
    /// Per softmax-like kernel.
    pub softmax: Vec<PeerTiming>,
}

/// One kernel's peers: median ns per element, `None` where a peer was not measured.
#[derive(Clone, Debug, PartialEq)]
pub struct PeerTiming {
    /// The kernel's name, as `actscope eval` names it.
    pub name: String,
    /// NumPy/SciPy doing the same job.
    pub numpy: Option<f64>,
    /// PyTorch on one thread.
    pub torch: Option<f64>,
}

/// The input: `size` values spread over [-10, 10] in a scrambled order (a fixed LCG), so branches
/// cannot learn a pattern.
#[must_use]
pub fn input(size: usize) -> Vec<f64> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..size)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 11) as f64 / (1u64 << 53) as f64).mul_add(20.0, -10.0)
        })
        .collect()
}

/// Times `run` over `size` elements: one warm-up, then runs until `budget` is spent (at least 5,
/// at most 1000), the median per element.
fn time(name: &str, size: usize, budget: Duration, mut run: impl FnMut()) -> Timing {
    run();
    let mut samples = Vec::new();
    let started = Instant::now();
    while samples.len() < 5 || (started.elapsed() < budget && samples.len() < 1000) {
        let t0 = Instant::now();
        run();
        samples.push(t0.elapsed().as_secs_f64() * 1e9 / size.max(1) as f64);
    }
    Timing {
        name: name.to_string(),
        runs: samples.len(),
        ns_per_element: median(samples),
    }
}

/// The median (the upper one of an even count); NaN for none.
pub(crate) fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples.get(samples.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The names `run` knows, in the order it reports them.
#[must_use]
pub fn kernel_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Activation::ALL.iter().map(|a| a.name()).collect();
    names.extend(SOFTMAX_KERNELS);
    names
}

const SOFTMAX_KERNELS: [&str; 6] = [
    "softmax",
    "log_softmax",
    "logsumexp",
    "naive_softmax",
    "sparsemax",
    "entmax15",
];

/// Measures the kernels `wanted` lets through (all with `None`) over `size` elements, spending
/// about `budget` on each.
#[must_use]
pub fn run(level: Level, size: usize, budget: Duration, wanted: Option<&[String]>) -> Report {
    let chosen = |name: &str| wanted.is_none_or(|list| list.iter().any(|w| w == name));
    let xs = input(size);
    let mut out = vec![0.0; size];
    let mut values = Vec::new();
    let mut derivatives = Vec::new();
    for a in Activation::ALL.into_iter().filter(|a| chosen(a.name())) {
        let p = a.default_param();
        values.push(time(a.name(), size, budget, || {
            a.value_slice(level, black_box(&xs), p, &mut out);
            black_box(&out);
        }));
        derivatives.push(time(a.name(), size, budget, || {
            a.derivative_slice(level, black_box(&xs), p, &mut out);
            black_box(&out);
        }));
    }
    let mut softmax = Vec::new();
    for name in SOFTMAX_KERNELS.into_iter().filter(|n| chosen(n)) {
        softmax.push(time(name, size, budget, || {
            let xs = black_box(&xs);
            match name {
                "softmax" => kernel::softmax(level, xs, Temperature::ONE, &mut out),
                "log_softmax" => kernel::log_softmax(level, xs, Temperature::ONE, &mut out),
                "logsumexp" => {
                    black_box(kernel::logsumexp(level, xs, Temperature::ONE));
                }
                "sparsemax" => {
                    black_box(kernel::sparsemax(xs, Temperature::ONE, &mut out));
                }
                "entmax15" => {
                    black_box(kernel::entmax15(xs, Temperature::ONE, &mut out));
                }
                _ => kernel::naive_softmax_on(level, xs, Temperature::ONE, &mut out),
            }
            black_box(&out);
        }));
    }
    Report {
        size,
        level: level.name(),
        values,
        derivatives,
        softmax,
        rounds: 1,
        peers: None,
    }
}

/// [`run`] and the peers (`python` with numpy, scipy and torch) in `rounds` alternating rounds
/// on the same input; every figure is the median of its per-round medians. At a level below this
/// CPU's best, the peers are held to it too (NumPy's and PyTorch's own CPU dispatch). When the
/// peers cannot be started, the report says why and holds actscope's figures alone.
#[must_use]
pub fn compare(
    level: Level,
    size: usize,
    budget: Duration,
    wanted: Option<&[String]>,
    rounds: usize,
    python: &str,
) -> Report {
    let chosen: Vec<&str> = kernel_names()
        .into_iter()
        .filter(|name| wanted.is_none_or(|list| list.iter().any(|w| w == name)))
        .collect();
    let mut session = peers::Session::start(python, level, &input(size), &chosen, budget);
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..rounds.max(1) {
        ours.push(run(level, size, budget, wanted));
        if let Ok(running) = &mut session {
            match running.round() {
                Ok(round) => theirs.push(round),
                Err(why) => session = Err(why),
            }
        }
    }
    let mut report = merge_rounds(&ours);
    report.peers = Some(session.map(|running| running.summary(&theirs)));
    report
}

/// One report whose timings are the medians of the rounds' (and whose runs are their sum).
fn merge_rounds(rounds: &[Report]) -> Report {
    let merge = |pick: fn(&Report) -> &Vec<Timing>| -> Vec<Timing> {
        pick(&rounds[0])
            .iter()
            .enumerate()
            .map(|(i, first)| Timing {
                name: first.name.clone(),
                ns_per_element: median(rounds.iter().map(|r| pick(r)[i].ns_per_element).collect()),
                runs: rounds.iter().map(|r| pick(r)[i].runs).sum(),
            })
            .collect()
    };
    Report {
        size: rounds[0].size,
        level: rounds[0].level,
        values: merge(|r| &r.values),
        derivatives: merge(|r| &r.derivatives),
        softmax: merge(|r| &r.softmax),
        rounds: rounds.len(),
        peers: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_is_spread_and_repeatable() {
        let xs = input(10_000);
        assert_eq!(xs, input(10_000));
        assert!(xs.iter().all(|x| (-10.0..10.0).contains(x)));
        assert!(xs.iter().any(|&x| x < -9.0) && xs.iter().any(|&x| x > 9.0));
    }

    #[test]
    fn a_tiny_run_reports_every_kernel() {
        let report = run(Level::best(), 64, Duration::from_millis(1), None);
        assert_eq!(report.values.len(), Activation::ALL.len());
        assert_eq!(report.derivatives.len(), Activation::ALL.len());
        assert_eq!(report.softmax.len(), 6);
        assert!(
            report
                .values
                .iter()
                .chain(&report.derivatives)
                .chain(&report.softmax)
                .all(|t| t.ns_per_element > 0.0 && t.runs >= 5)
        );
    }

    #[test]
    fn rounds_merge_into_medians() {
        let wanted = ["relu".to_string()];
        let mut rounds: Vec<Report> = (0..3)
            .map(|_| run(Level::best(), 16, Duration::from_millis(1), Some(&wanted)))
            .collect();
        for (report, ns) in rounds.iter_mut().zip([3.0, 1.0, 2.0]) {
            report.values[0].ns_per_element = ns;
        }
        let merged = merge_rounds(&rounds);
        assert_eq!((merged.values[0].ns_per_element, merged.rounds), (2.0, 3));
        assert_eq!(
            merged.values[0].runs,
            rounds.iter().map(|r| r.values[0].runs).sum::<usize>()
        );
    }

    #[test]
    fn a_python_that_is_not_there_is_reported_not_fatal() {
        let wanted = ["relu".to_string()];
        let report = compare(
            Level::best(),
            16,
            Duration::from_millis(1),
            Some(&wanted),
            1,
            "/nonexistent/python3",
        );
        assert_eq!(report.values.len(), 1);
        let Some(Err(why)) = report.peers else {
            panic!("peers: {:?}", report.peers)
        };
        assert!(why.contains("/nonexistent/python3"), "{why}");
    }
}
