//! Kernel throughput, every activation's value and derivative at its default parameter and the
//! softmax family: slices of 10, 1e3 and 1e6 elements (`cargo bench --bench kernel`).

use std::hint::black_box;

use actscope::bench::input;
use actscope::kernel::{self, Activation, Level, Temperature};
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

criterion_group!(benches, activations, softmax);
criterion_main!(benches);
