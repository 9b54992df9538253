//! Seeds and a stable-toolchain fallback for uzpay's fuzz targets.
//!
//! `stable_fuzz seeds VECTORS_DIR CORPUS_DIR` writes a seed corpus per target from the
//! conformance vectors (libFuzzer starts from it).
//! `stable_fuzz run TARGET SECONDS CORPUS_DIR ARTIFACTS_DIR` mutates the corpus with a
//! seeded PRNG for SECONDS, for machines without nightly Rust; it prints
//! `TARGET: N runs, C crashes` and saves each crashing input.

use std::fs;
use std::panic;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;
use uzpay_fuzz_targets::TARGETS;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["seeds", vectors, corpus] => seeds(Path::new(vectors), Path::new(corpus)),
        ["run", target, seconds, corpus, artifacts] => {
            run(target, seconds.parse().unwrap_or(20), Path::new(corpus), Path::new(artifacts))
        }
        _ => {
            eprintln!("usage: stable_fuzz seeds VECTORS_DIR CORPUS_DIR | run TARGET SECONDS CORPUS_DIR ARTIFACTS_DIR");
            2
        }
    };
    std::process::exit(code);
}

fn write(dir: &Path, target: &str, n: &mut usize, bytes: &[u8]) {
    let dir = dir.join(target);
    let _ = fs::create_dir_all(&dir);
    *n += 1;
    let _ = fs::write(dir.join(format!("seed-{n:05}")), bytes);
}

fn seeds(vectors: &Path, corpus: &Path) -> i32 {
    let ops = uzpay::OPERATIONS;
    let mut n = 0;
    let mut bodies: Vec<(usize, Vec<u8>)> = Vec::new();
    let Ok(entries) = fs::read_dir(vectors) else {
        eprintln!("cannot read {}", vectors.display());
        return 1;
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let Ok(doc) =
            fs::read_to_string(&path).map_err(|_| ()).and_then(|t| serde_json::from_str::<Value>(&t).map_err(|_| ()))
        else {
            continue;
        };
        for case in doc["cases"].as_array().into_iter().flatten() {
            let op = case["op"].as_str().unwrap_or_default();
            if let Some(index) = ops.iter().position(|o| *o == op) {
                let selector = index as u8;
                if let Some(input) = case.get("input") {
                    let mut seed = vec![selector];
                    seed.extend(input.to_string().into_bytes());
                    write(corpus, "build_input", &mut n, &seed);
                }
                if let Some(response) = case.get("response") {
                    let status = response["status"].as_u64().unwrap_or(200) as u16;
                    let body = response["body"].as_str().unwrap_or_default().as_bytes().to_vec();
                    let mut seed = vec![selector];
                    seed.extend(status.to_le_bytes());
                    seed.extend(&body);
                    write(corpus, "parse_response", &mut n, &seed);
                    bodies.push((index, body));
                }
            }
            for key in ["qr_code", "url"] {
                if let Some(url) = case["input"][key].as_str() {
                    write(corpus, "ofd_url", &mut n, url.as_bytes());
                }
            }
        }
    }
    // Flows: each flow selector with a run of 200-answers taken from the vectors.
    for selector in 0u8..5 {
        let mut seed = vec![selector];
        for (_, body) in bodies.iter().filter(|(i, _)| i % 5 == usize::from(selector)).take(6) {
            let len = body.len().min(255);
            seed.extend([2u8, 200, 0, len as u8]);
            seed.extend(body.iter().take(len));
        }
        write(corpus, "flows", &mut n, &seed);
    }
    println!("{n} seeds written to {}", corpus.display());
    0
}

/// xorshift64*: deterministic, no dependency, good enough to mutate bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const INTERESTING: &[&[u8]] =
    &[b"null", b"{}", b"[]", b"\"\"", b"-1", b"1e400", b"18446744073709551616", b"\xff", b"\"\\ud800\"", b"<html>"];

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, pool: &[Vec<u8>]) {
    for _ in 0..=rng.below(4) {
        match rng.below(6) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(input.len() + 1);
                input.insert(i, rng.next() as u8);
            }
            2 if !input.is_empty() => {
                let i = rng.below(input.len());
                input.truncate(i.max(1));
            }
            3 => {
                let token = INTERESTING[rng.below(INTERESTING.len())];
                let i = rng.below(input.len() + 1);
                input.splice(i..i, token.iter().copied());
            }
            4 if !pool.is_empty() => {
                let other = &pool[rng.below(pool.len())];
                let i = rng.below(input.len() + 1);
                let j = rng.below(other.len() + 1);
                input.truncate(i);
                input.extend(&other[j..]);
            }
            _ if input.len() > 1 => {
                let i = rng.below(input.len() - 1);
                input.remove(i);
            }
            _ => {}
        }
    }
}

fn run(target: &str, seconds: u64, corpus: &Path, artifacts: &Path) -> i32 {
    let Some((_, f)) = TARGETS.iter().find(|(name, _)| *name == target) else {
        eprintln!("unknown target {target}");
        return 2;
    };
    let pool: Vec<Vec<u8>> = fs::read_dir(corpus.join(target))
        .map(|d| d.filter_map(|e| e.ok().and_then(|e| fs::read(e.path()).ok())).collect())
        .unwrap_or_default();
    panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut runs, mut crashes) = (0u64, 0u64);
    while Instant::now() < deadline {
        for _ in 0..256 {
            let mut input = if pool.is_empty() { Vec::new() } else { pool[rng.below(pool.len())].clone() };
            mutate(&mut rng, &mut input, &pool);
            runs += 1;
            if panic::catch_unwind(|| f(&input)).is_err() {
                crashes += 1;
                let dir: PathBuf = artifacts.join(target);
                let _ = fs::create_dir_all(&dir);
                let _ = fs::write(dir.join(format!("crash-{runs}")), &input);
            }
        }
    }
    println!("{target}: {runs} runs, {crashes} crashes");
    i32::from(crashes > 0)
}
