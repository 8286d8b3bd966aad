//! Kernel throughput benchmarks (`cargo bench --bench kernel`).
//!
//! Every activation's value and derivative at its default parameter and the softmax family, on
//! slices of 10, 1e3 and 1e6 elements; and user formulas with their derivative at a chart's 400
//! points and over 1e6.

use std::hint::black_box;

use actscope::bench::input;
use actscope::kernel::{self, Activation, Formula, Level, Temperature};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const SIZES: [usize; 3] = [10, 1_000, 1_000_000];

fn activations(c: &mut Criterion) {
    for activation in Activation::ALL {
        // The parameter the explorer starts with (SiLU's β = 1, not 0: β = 0 is x/2).
        let p = activation.default_param();
        let mut group = c.benchmark_group(activation.name());
        for size in SIZES {
            let xs = input(size);
            let mut out = vec![0.0; size];
            group.throughput(Throughput::Elements(size as u64));
            group.bench_with_input(BenchmarkId::new("value", size), &xs, |b, xs| {
                b.iter(|| activation.value_slice(Level::best(), black_box(xs), p, &mut out));
            });
            group.bench_with_input(BenchmarkId::new("derivative", size), &xs, |b, xs| {
                b.iter(|| activation.derivative_slice(Level::best(), black_box(xs), p, &mut out));
            });
        }
        group.finish();
    }
}

fn softmax(c: &mut Criterion) {
    let mut group = c.benchmark_group("softmax");
    for size in SIZES {
        let xs = input(size);
        let mut out = vec![0.0; size];
        group.throughput(Throughput::Elements(size as u64));
        group.bench_with_input(BenchmarkId::new("stable", size), &xs, |b, xs| {
            b.iter(|| kernel::softmax(Level::best(), black_box(xs), Temperature::ONE, &mut out));
        });
        group.bench_with_input(BenchmarkId::new("log_softmax", size), &xs, |b, xs| {
            b.iter(|| {
                kernel::log_softmax(Level::best(), black_box(xs), Temperature::ONE, &mut out);
            });
        });
        group.bench_with_input(BenchmarkId::new("logsumexp", size), &xs, |b, xs| {
            b.iter(|| kernel::logsumexp(Level::best(), black_box(xs), Temperature::ONE));
        });
        group.bench_with_input(BenchmarkId::new("naive", size), &xs, |b, xs| {
            b.iter(|| kernel::naive_softmax(black_box(xs), Temperature::ONE, &mut out));
        });
        group.bench_with_input(BenchmarkId::new("sparsemax", size), &xs, |b, xs| {
            b.iter(|| kernel::sparsemax(black_box(xs), Temperature::ONE, &mut out));
        });
        group.bench_with_input(BenchmarkId::new("entmax15", size), &xs, |b, xs| {
            b.iter(|| kernel::entmax15(black_box(xs), Temperature::ONE, &mut out));
        });
    }
    group.finish();
}

/// A formula's value and derivative together, as the chart and `eval` ask for them; SiLU's two
/// slices beside them for scale.
fn formulas(c: &mut Criterion) {
    let mut group = c.benchmark_group("formula");
    for size in [400, 1_000_000] {
        let xs = input(size);
        let (mut ys, mut dys) = (vec![0.0; size], vec![0.0; size]);
        group.throughput(Throughput::Elements(size as u64));
        for text in [
            "x * sigmoid(1.702 * x)",
            "x * tanh(softplus(x))",
            "where(x > 0, x, 0.01 * x)",
            "max(0, x)^2",
        ] {
            let formula = Formula::parse(text, &[]).expect("a valid formula");
            group.bench_with_input(BenchmarkId::new(text, size), &xs, |b, xs| {
                b.iter(|| formula.eval_slice(Level::best(), black_box(xs), &mut ys, &mut dys));
            });
        }
        group.bench_with_input(
            BenchmarkId::new("silu value + derivative slices", size),
            &xs,
            |b, xs| {
                b.iter(|| {
                    Activation::Silu.value_slice(Level::best(), black_box(xs), 1.0, &mut ys);
                    Activation::Silu.derivative_slice(Level::best(), black_box(xs), 1.0, &mut dys);
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, activations, softmax, formulas);
criterion_main!(benches);
