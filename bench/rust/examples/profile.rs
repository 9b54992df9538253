//! Runs one workload in a loop, for a profiler (`valgrind --tool=callgrind`,
//! `perf record`): `cargo run --release -p uzpay-bench --example profile -- paylov 20000`.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;

use uzpay_bench::{floor_ofd, floor_paylov, floor_via, uzpay_ofd, uzpay_paylov, uzpay_via, Workload};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map_or("paylov", String::as_str);
    let n: u32 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let w = Workload::load().expect("bench/workload.json");
    let all: serde_json::Value = serde_json::from_str(uzpay_bench::WORKLOAD_JSON).expect("workload");
    let paylov_config = all["paylov_register"]["config"].to_string();
    let paylov_input = all["paylov_register"]["input"].to_string();
    for _ in 0..n {
        match which {
            "paylov" => drop(black_box(uzpay_paylov(black_box(&w)).unwrap())),
            "via" => drop(black_box(uzpay_via(black_box(&w)).unwrap())),
            "ofd" => drop(black_box(uzpay_ofd(black_box(&w)).unwrap())),
            // The path the npm and Python bindings take: JSON text in, through a Value.
            "json-paylov" => {
                let config: serde_json::Value = serde_json::from_str(black_box(&paylov_config)).unwrap();
                let input: serde_json::Value = serde_json::from_str(black_box(&paylov_input)).unwrap();
                drop(black_box(uzpay::dispatch::build("paylov.register_receipt", &config, &input).unwrap()));
            }
            // The path the npm binding takes: JSON text straight into the typed input.
            "text-paylov" => {
                drop(black_box(
                    uzpay::dispatch::build_json(
                        "paylov.register_receipt",
                        black_box(&paylov_config),
                        black_box(&paylov_input),
                    )
                    .unwrap(),
                ));
            }
            "floor-paylov" => drop(black_box(floor_paylov(black_box(&w)).unwrap())),
            "floor-via" => drop(black_box(floor_via(black_box(&w)).unwrap())),
            "floor-ofd" => drop(black_box(floor_ofd(black_box(&w.ofd_url)))),
            other => {
                eprintln!("unknown workload {other}: paylov, via, ofd, floor-paylov, floor-via or floor-ofd");
                std::process::exit(2);
            }
        }
    }
}
