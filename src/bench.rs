//! `actscope bench`: nanoseconds per element for every kernel on this machine, as medians of
//! repeated runs over the same deterministic input.

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
    /// softmax, log_softmax, logsumexp and the naive softmax.
    pub softmax: Vec<Timing>,
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
    samples.sort_by(f64::total_cmp);
    Timing {
        name: name.to_string(),
        ns_per_element: samples[samples.len() / 2],
        runs: samples.len(),
    }
}

/// The names `run` knows, in the order it reports them.
#[must_use]
pub fn kernel_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Activation::ALL.iter().map(|a| a.name()).collect();
    names.extend(SOFTMAX_KERNELS);
    names
}

const SOFTMAX_KERNELS: [&str; 4] = ["softmax", "log_softmax", "logsumexp", "naive_softmax"];

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
        softmax.push(time(name, size, budget, || match name {
            "softmax" => {
                kernel::softmax(level, black_box(&xs), Temperature::ONE, &mut out);
                black_box(&out);
            }
            "log_softmax" => {
                kernel::log_softmax(level, black_box(&xs), Temperature::ONE, &mut out);
                black_box(&out);
            }
            "logsumexp" => {
                black_box(kernel::logsumexp(level, black_box(&xs), Temperature::ONE));
            }
            _ => {
                kernel::naive_softmax(black_box(&xs), Temperature::ONE, &mut out);
                black_box(&out);
            }
        }));
    }
    Report {
        size,
        level: level.name(),
        values,
        derivatives,
        softmax,
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
        assert_eq!(report.softmax.len(), 4);
        assert!(
            report
                .values
                .iter()
                .all(|t| t.ns_per_element > 0.0 && t.runs >= 5)
        );
    }
}
