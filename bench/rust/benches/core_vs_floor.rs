//! `cargo bench -p uzpay-bench`: each workload of `bench/workload.json` with the core
//! and with the serde floor. `bench/run.sh` reads criterion's medians from
//! `target/criterion/<workload>/{uzpay,serde_floor}/new/estimates.json`.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use uzpay_bench::{floor_ofd, floor_paylov, floor_via, uzpay_ofd, uzpay_paylov, uzpay_via, Workload};

fn workloads(c: &mut Criterion) {
    let w = Workload::load().expect("bench/workload.json");
    let mut g = c.benchmark_group("paylov_register");
    g.bench_function("uzpay", |b| b.iter(|| uzpay_paylov(black_box(&w)).unwrap()));
    g.bench_function("serde_floor", |b| b.iter(|| floor_paylov(black_box(&w)).unwrap()));
    g.finish();
    let mut g = c.benchmark_group("via_verify");
    g.bench_function("uzpay", |b| b.iter(|| uzpay_via(black_box(&w)).unwrap()));
    g.bench_function("serde_floor", |b| b.iter(|| floor_via(black_box(&w)).unwrap()));
    g.finish();
    let mut g = c.benchmark_group("ofd_parse");
    g.bench_function("uzpay", |b| b.iter(|| uzpay_ofd(black_box(&w)).unwrap()));
    g.bench_function("serde_floor", |b| b.iter(|| floor_ofd(black_box(&w.ofd_url))));
    g.finish();
}

criterion_group!(benches, workloads);
criterion_main!(benches);
