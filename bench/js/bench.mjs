// The JavaScript side of the side-by-side benchmark (bench/README.md, issue 8): the npm
// package `uzpay` (its Node build, bindings-wasm/dist/uzpay.mjs) against reference.mjs,
// a hand-written pure JavaScript implementation with the same rules, on the one
// workload of bench/workload.json. Writes target/bench/js.json and prints a summary.
//
//   node bench/js/bench.mjs [--quick | --check] [--dist DIR] [--out FILE]
//
// Per workload: both implementations must give the same request (body byte for byte)
// and output, or nothing is timed (--check stops there: bench/run.sh); then after
// a warm-up (the JIT), samples alternate uzpay, reference, uzpay, reference, ..., each
// timing one batch of iterations with process.hrtime.bigint(). The figure is the median
// over the samples of ns per iteration. Nothing here asserts a time.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as reference from './reference.mjs';
import { loadWorkload } from './workload.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const quick = args.includes('--quick');
const check = args.includes('--check');
const dist = resolve(option('--dist', join(root, 'bindings-wasm', 'dist')));
const out = resolve(option('--out', join(root, 'target', 'bench', 'js.json')));
const entry = join(dist, 'uzpay.mjs');

// Many short samples rather than a few long ones: on a shared machine a burst of load
// then spoils a few samples, which the median leaves out, not a third of them.
const SAMPLES = quick ? 21 : 101; // per implementation and workload
const SAMPLE_MS = quick ? 2 : 3; // the time one batch aims at
const WARMUP_MS = quick ? 150 : 600; // per implementation and workload
const IMPORT_RUNS = 7;

const uzpay = await import(pathToFileURL(entry).href);
const w = loadWorkload();

// --- the workload, prepared once -----------------------------------------------------

// What each implementation does for one iteration, as a caller would write it: uzpay
// with its config classes, made once and reused (what its README shows); the reference
// with plain option objects. `sink` keeps every result alive for the JIT.
let sink = 0;
const paylov = w.paylov_register;
const via = w.via_verify;
const paylovConfig = new uzpay.PaylovConfig(paylov.config);
const viaConfig = new uzpay.ViaConfig(via.config);

const workloads = {
  paylov_register: {
    uzpay: () => {
      const request = uzpay.buildRegisterReceipt(paylovConfig, paylov.input);
      const receipt = uzpay.parseRegisterReceipt(paylov.response);
      return [request, receipt];
    },
    reference: () => {
      const request = reference.buildRegisterReceipt(paylov.config, paylov.input);
      const receipt = reference.parseRegisterReceipt(paylov.response);
      return [request, receipt];
    },
  },
  via_verify: {
    uzpay: () => {
      const request = uzpay.buildConfirmPayVerify(viaConfig, via.input);
      const transaction = uzpay.parseConfirmPayVerify(via.response);
      return [request, transaction];
    },
    reference: () => {
      const request = reference.buildConfirmPayVerify(via.config, via.input);
      const transaction = reference.parseConfirmPayVerify(via.response);
      return [request, transaction];
    },
  },
  ofd_parse: {
    uzpay: () => [null, uzpay.parseReceiptUrl(w.ofd_parse.url)],
    reference: () => [null, reference.parseReceiptUrl(w.ofd_parse.url)],
  },
};

/** Both implementations give the same request (body compared as JSON, for a readable
 * difference, then byte for byte) and the same output. */
function checkAgreement(name, { uzpay: a, reference: b }) {
  const [requestA, outputA] = a();
  const [requestB, outputB] = b();
  if (requestA) {
    assert.deepEqual([requestB.method, requestB.url, requestB.headers], [requestA.method, requestA.url, requestA.headers], name);
    assert.deepEqual(JSON.parse(requestB.body), JSON.parse(requestA.body), `${name}: body`);
    assert.equal(requestB.body, requestA.body, `${name}: body bytes`);
  }
  assert.deepEqual(outputB, outputA, `${name}: output`);
}

// --- timing -------------------------------------------------------------------------

function batch(fn, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const [request, output] = fn();
    sink += (request?.body.length ?? 0) + (output ? 1 : 0);
  }
  return Number(process.hrtime.bigint() - start);
}

/** Runs `fn` for about `ms` milliseconds; returns ns per iteration. */
function warm(fn, ms) {
  let n = 16;
  let total = 0;
  let iterations = 0;
  const until = Number(process.hrtime.bigint()) + ms * 1e6;
  while (Number(process.hrtime.bigint()) < until) {
    total += batch(fn, n);
    iterations += n;
    n = Math.min(n * 2, 4096);
  }
  return total / iterations;
}

/** The q-quantile (0.5: the median) of the samples, interpolated. */
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.ceil(at)] - s[lo]) * (at - lo);
}
const median = (xs) => quantile(xs, 0.5);

function measure(pair) {
  const names = ['uzpay', 'reference'];
  const perIteration = Object.fromEntries(names.map((name) => [name, warm(pair[name], WARMUP_MS)]));
  // One batch size per implementation, so each batch takes about SAMPLE_MS.
  const sizes = Object.fromEntries(names.map((name) => [name, Math.max(1, Math.round((SAMPLE_MS * 1e6) / perIteration[name]))]));
  const samples = { uzpay: [], reference: [] };
  for (let i = 0; i < SAMPLES; i++) {
    for (const name of names) samples[name].push(batch(pair[name], sizes[name]) / sizes[name]);
  }
  const spread = (xs) => [quantile(xs, 0.25), quantile(xs, 0.75)];
  return { uzpay: median(samples.uzpay), reference: median(samples.reference), spread: { uzpay: spread(samples.uzpay), reference: spread(samples.reference) } };
}

// --- sizes and start-up ----------------------------------------------------------------

function npmTarballBytes() {
  const text = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: join(dist, '..'),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(text)[0].size;
}

/** Median over fresh `node` processes of the time `await import(uzpay.mjs)` takes inside one. */
function nodeImportMs() {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(entry).href)}); console.log(performance.now() - t);`;
  const runs = [];
  for (let i = 0; i < IMPORT_RUNS; i++) {
    runs.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim()));
  }
  return median(runs);
}

// --- main -----------------------------------------------------------------------------

const started = Date.now();
for (const [name, pair] of Object.entries(workloads)) checkAgreement(name, pair);
if (check) {
  console.log(
    `node ${process.version}: uzpay (npm, ${relative(entry)}) and the reference give the same answers on the workload (requests byte for byte, outputs)`,
  );
  process.exit(0);
}

const results = {};
for (const [name, pair] of Object.entries(workloads)) results[name] = measure(pair);

const extra = {
  wasm_gzip_bytes: gzipSync(readFileSync(join(dist, 'uzpay_wasm_bg.wasm')), { level: 9 }).length,
  npm_tarball_bytes: npmTarballBytes(),
  node_import_ms: Math.round(nodeImportMs() * 100) / 100,
};

const report = {
  lang: 'js',
  peer: 'bench/js/reference.mjs: the same three operations hand-written in plain JavaScript (no dependencies), same rules and results (conformance vectors, and uzpay itself on ~15k generated cases)',
  unit: 'ns per iteration, median',
  workloads: Object.fromEntries(
    Object.entries(results).map(([name, r]) => [name, { uzpay: Math.round(r.uzpay * 10) / 10, reference: Math.round(r.reference * 10) / 10 }]),
  ),
  extra,
  samples: SAMPLES,
  node: process.version,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

const us = (ns) => `${(ns / 1000).toFixed(2).padStart(8)} us`;
console.log(`uzpay (npm, ${relative(entry)}) vs a hand-written JavaScript reference, node ${process.version}${quick ? ', --quick' : ''}`);
console.log(`median of ${SAMPLES} interleaved samples per implementation (batches of ~${SAMPLE_MS} ms), per iteration:`);
let sumU = 0;
let sumR = 0;
for (const [name, r] of Object.entries(results)) {
  sumU += r.uzpay;
  sumR += r.reference;
  const iqr = (side) => `(${r.spread[side].map((x) => (x / 1000).toFixed(1)).join('-')})`.padEnd(14);
  console.log(`  ${name.padEnd(16)} uzpay ${us(r.uzpay)} ${iqr('uzpay')} reference ${us(r.reference)} ${iqr('reference')} ratio ${(r.uzpay / r.reference).toFixed(2)}x`);
}
console.log(`  ${'sum'.padEnd(16)} uzpay ${us(sumU)} ${''.padEnd(14)} reference ${us(sumR)} ${''.padEnd(14)} ratio ${(sumU / sumR).toFixed(2)}x`);
console.log('  (in brackets: the middle half of the samples, 25th to 75th percentile, us)');
console.log(
  `wasm ${extra.wasm_gzip_bytes} bytes gzipped (-9), npm tarball ${extra.npm_tarball_bytes} bytes, import ${extra.node_import_ms} ms (median of ${IMPORT_RUNS} fresh processes)`,
);
console.log(`wrote ${relative(out)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (sink === 0.5) console.log(sink); // never: keeps `sink` observable

function relative(path) {
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}
