// Where uzpay's time goes per call in Node, for the benchmark's workload: each step of
// a call timed on its own, with the binding's own pieces (its source modules in
// bindings-wasm/js, the same code dist/uzpay.cjs bundles, and the wasm-bindgen glue
// dist/node/uzpay_wasm.cjs called with prepared JSON text). And, with --cpu-prof, a CPU
// profile (V8's, as `node --cpu-prof` takes it, but only around the loop of public
// calls, in a fresh process) summarized by kind, by wasm area and by function.
//
//   node bench/js/profile.mjs [--quick] [--cpu-prof [--named]] [--root CHECKOUT]
//
// --named profiles a copy of the wasm that keeps its function names (wasm-bindgen run
// again on target/wasm32-unknown-unknown/wasm-release/uzpay_wasm.wasm, the module the
// package was built from before wasm-opt), so the wasm's time is split by Rust function.
//
// This reads the binding's internals (encode, decode, responseParts, the glue's
// exports): it is a measuring tool for the binding as it is built today, not an API.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as reference from './reference.mjs';
import { loadWorkload } from './workload.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const quick = args.includes('--quick');
// --root DIR: profile the package of another checkout (its bindings-wasm, built)
const root = resolve(option('--root') ?? join(here, '..', '..'));
const pkg = join(root, 'bindings-wasm');
const require = createRequire(import.meta.url);

const w = loadWorkload();
const OPS = { paylov_register: 'paylov.register_receipt', via_verify: 'via.confirm_pay_verify' };

// --- the API, with the packaged glue or a named one ------------------------------------

/** uzpay's public API built from the binding's sources around `glue`. */
async function apiWith(glue) {
  const { useGlue } = await import(pathToFileURL(join(pkg, 'js', 'wasm.js')).href);
  useGlue(glue);
  return import(pathToFileURL(join(pkg, 'js', 'api.js')).href);
}

/** A copy of the package's wasm with its function names: wasm-bindgen run again on the cargo output. */
function namedGlueDir() {
  const wasm = join(root, 'target', 'wasm32-unknown-unknown', 'wasm-release', 'uzpay_wasm.wasm');
  const packaged = join(pkg, 'dist', 'uzpay_wasm_bg.wasm');
  if (!existsSync(wasm)) throw new Error(`--named needs ${wasm} (npm run build makes it)`);
  if (Math.abs(statSync(wasm).mtimeMs - statSync(packaged).mtimeMs) > 600_000) {
    console.log('note: the named wasm and the packaged one were not built together');
  }
  const dir = mkdtempSync(join(tmpdir(), 'uzpay-named-'));
  const env = { ...process.env, PATH: `${join(process.env.CARGO_HOME ?? join(process.env.HOME, '.cargo'), 'bin')}:${process.env.PATH}` };
  execFileSync('wasm-bindgen', ['--target', 'nodejs', '--keep-debug', '--out-dir', dir, '--out-name', 'uzpay_wasm', wasm], { env });
  return dir;
}

// --- the loop a --cpu-prof child runs --------------------------------------------------

if (args.includes('--loop')) {
  const seconds = Number(args[args.indexOf('--loop') + 1]);
  const glueDir = option('--glue');
  const uzpay = await apiWith(require(glueDir ? join(glueDir, 'uzpay_wasm.js') : join(pkg, 'dist', 'node', 'uzpay_wasm.cjs')));
  const paylov = new uzpay.PaylovConfig(w.paylov_register.config);
  const via = new uzpay.ViaConfig(w.via_verify.config);
  const rounds = {
    paylov_register: () => {
      uzpay.buildRegisterReceipt(paylov, w.paylov_register.input);
      uzpay.parseRegisterReceipt(w.paylov_register.response);
    },
    via_verify: () => {
      uzpay.buildConfirmPayVerify(via, w.via_verify.input);
      uzpay.parseConfirmPayVerify(w.via_verify.response);
    },
    ofd_parse: () => uzpay.parseReceiptUrl(w.ofd_parse.url),
  };
  const round = rounds[option('--workload')];
  for (let i = 0; i < 2000; i++) round(); // warm: the profile is of the steady state
  const session = new Session();
  session.connect();
  const post = (method, params) => new Promise((ok, fail) => session.post(method, params, (e, r) => (e ? fail(e) : ok(r))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  const until = Date.now() + seconds * 1000;
  let n = 0;
  while (Date.now() < until) {
    for (let i = 0; i < 20; i++) round();
    n += 20;
  }
  const { profile } = await post('Profiler.stop');
  writeFileSync(option('--out'), JSON.stringify(profile));
  console.log(`profiled ${n} iterations of ${option('--workload')}`);
  process.exit(0);
}

// --- steps -------------------------------------------------------------------------------

const glue = require(join(pkg, 'dist', 'node', 'uzpay_wasm.cjs'));
const uzpay = await import(pathToFileURL(join(pkg, 'dist', 'uzpay.mjs')).href);
const { encode } = await import(pathToFileURL(join(pkg, 'js', 'encode.js')).href);
const { decode } = await import(pathToFileURL(join(pkg, 'js', 'decode.js')).href);
const { responseParts, requestFromCore } = await import(pathToFileURL(join(pkg, 'js', 'http.js')).href);

function stepsFor(name) {
  if (name === 'ofd_parse') {
    const url = w.ofd_parse.url;
    const input = encode({ url });
    const output = glue.parse_receipt_url(input);
    return {
      whole: () => uzpay.parseReceiptUrl(url),
      probes: { 'reference.parseReceiptUrl, for scale': () => reference.parseReceiptUrl(url) },
      steps: {
        'encode({url}) to JSON text': () => encode({ url }),
        'wasm parse_receipt_url(json)': () => glue.parse_receipt_url(input),
        'decode (JSON.parse, and camelize if JS does it)': () => decode(output),
      },
      sizes: `input ${input.length} B, output ${output.length} B`,
    };
  }
  const { config, input, response } = w[name];
  const op = OPS[name];
  const Config = name === 'via_verify' ? uzpay.ViaConfig : uzpay.PaylovConfig;
  const build = name === 'via_verify' ? uzpay.buildConfirmPayVerify : uzpay.buildRegisterReceipt;
  const parse = name === 'via_verify' ? uzpay.parseConfirmPayVerify : uzpay.parseRegisterReceipt;
  const referenceBuild = name === 'via_verify' ? reference.buildConfirmPayVerify : reference.buildRegisterReceipt;
  const referenceParse = name === 'via_verify' ? reference.parseConfirmPayVerify : reference.parseRegisterReceipt;
  const made = new Config(config);
  const configJson = encode(config);
  const inputJson = encode(input);
  const requestJson = glue.build(op, configJson, inputJson);
  const parts = responseParts(response);
  const outputJson = glue.parse(op, ...parts);
  return {
    whole: () => [build(made, input), parse(response)],
    steps: {
      'build: encode(input) to JSON text': () => encode(input),
      'build: wasm build(op, config, input)': () => glue.build(op, configJson, inputJson),
      'build: the request text -> HttpRequest': () => requestFromCore(requestJson),
      'parse: responseParts (headers to JSON)': () => responseParts(response),
      'parse: wasm parse(op, status, headers, body)': () => glue.parse(op, ...parts),
      'parse: decode (JSON.parse, and camelize if JS does it)': () => decode(outputJson),
    },
    probes: {
      'wasm parse without headers (\'\')': () => glue.parse(op, parts[0], '', parts[2]),
      'wasm vat_included: a minimal call': () => glue.vat_included('{"gross":1,"rate_percent":12}'),
      'reference: build, for scale': () => referenceBuild(config, input),
      'reference: parse, for scale': () => referenceParse(response),
    },
    sizes: `input JSON ${inputJson.length} B, request text ${requestJson.length} B (body ${requestFromCore(requestJson).body.length} B), response body ${response.body.length} B, output JSON ${outputJson.length} B`,
  };
}

function batch(fn, n) {
  let keep;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) keep = fn();
  const ns = Number(process.hrtime.bigint() - start);
  if (keep === Symbol.for('never')) console.log(keep);
  return ns / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * ns per call of each function: the minimum and the median over samples interleaved
 * across them. On a busy machine the minimum is the better estimate of a step's own
 * cost (load only ever adds time); both are shown.
 */
function time(fns) {
  const names = Object.keys(fns);
  const sizes = {};
  for (const name of names) {
    let n = 16;
    while (batch(fns[name], n) * n < 2e6) n *= 2; // warm-up, and batches of about 2 ms
    for (let i = 0; i < 20; i++) batch(fns[name], n);
    sizes[name] = n;
  }
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < (quick ? 15 : 61); i++) for (const name of names) samples[name].push(batch(fns[name], sizes[name]));
  return Object.fromEntries(names.map((name) => [name, { min: Math.min(...samples[name]), median: median(samples[name]) }]));
}

const us = (ns) => `${(ns / 1000).toFixed(2).padStart(7)} us`;

console.log(`uzpay per call in node ${process.version}, ${pkg}: per step, the minimum and the median of interleaved samples`);
for (const name of ['paylov_register', 'via_verify', 'ofd_parse']) {
  const { whole, steps, probes = {}, sizes } = stepsFor(name);
  const t = time({ whole, ...steps, ...probes });
  const sum = (key) => Object.keys(steps).reduce((s, k) => s + t[k][key], 0);
  const line = (label, k, share) => console.log(`  ${label.padEnd(48)} ${us(t[k].min)} ${us(t[k].median)}${share ? `  ${share}` : ''}`);
  console.log(`\n${name} (${sizes})`);
  console.log(`  ${''.padEnd(48)} ${'min'.padStart(10)} ${'median'.padStart(10)}  share of the steps (min)`);
  line('the public call(s), whole', 'whole');
  for (const k of Object.keys(steps)) line(k, k, `${((100 * t[k].min) / sum('min')).toFixed(0).padStart(3)}%`);
  console.log(`  ${'sum of the steps'.padEnd(48)} ${us(sum('min'))} ${us(sum('median'))}`);
  for (const k of Object.keys(probes)) line(`(${k})`, k);
}

// --- node --cpu-prof ---------------------------------------------------------------------

/** Self time by phase of the call (inclusive of what the phase calls), and the top functions by self time. */
function summarize(workload, profile, named) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    self.set(node, (self.get(node) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const add = (map, key, t) => map.set(key, (map.get(key) ?? 0) + t);
  const byPhase = new Map();
  const byFunction = new Map();
  for (const [node, t] of self) {
    add(byPhase, phaseOf(node, parent), t);
    const { functionName, url } = node.callFrame;
    add(byFunction, `${shortName(functionName || '(anonymous)')}${url && !url.startsWith('wasm') ? `  (${basename(url)})` : ''}`, t);
  }
  const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
  const list = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).forEach(([k, t]) => console.log(`    ${pct(t)}  ${k}`));
  console.log(`\n  ${workload}: time by phase${named ? '' : ' (run with --named to split the wasm)'}`);
  list(byPhase, 30);
  console.log(`  ${workload}: top functions by self time`);
  list(byFunction, 12);
}

/** Phases of a call, by the innermost frame on the stack that names one. */
// Both boundaries: the one before 012b740 (input -> serde_json::Value -> typed; output
// -> Value -> JSON, camelized in JS) and the one after (typed straight from text, keys
// renamed on the text, requests as NUL-joined parts).
const PHASES = [
  [/^uzpay_wasm::names::/, 'wasm: renaming keys in JSON text (camelCase <-> snake_case)'],
  [/^uzpay_wasm::json_value$/, 'wasm: input and config JSON text -> serde_json::Value'],
  [/^uzpay::json::from_json_value$/, 'wasm: Value -> typed input and config (serde_path_to_error)'],
  [/^uzpay::json::from_json_str$/, 'wasm: JSON text -> typed input and config'],
  [/^uzpay::(request::post_json|body::)/, 'wasm: the request body written'],
  [/^uzpay::(receipt::validate_items|validate::|request::|paylov::config::|via::config::|paylov::register_receipt::build_|via::confirm_pay_verify::build_)/, 'wasm: the rules (validation, URL, headers)'],
  [/^uzpay::dispatch::build_(with|json_with)$/, 'wasm: dropping the typed input and config'],
  [/^uzpay_wasm::request::to_json$/, 'wasm: the request -> JSON text for JavaScript'],
  [/^uzpay_wasm::request::to_frames$/, 'wasm: the request -> NUL-joined text for JavaScript'],
  [/^uzpay_wasm::request::headers_from_json$/, 'wasm: response headers JSON -> Vec<Header>'],
  [/^uzpay::(paylov::register_receipt::parse_register_receipt|via::confirm_pay_verify::parse_confirm_pay_verify)$/, 'wasm: the body -> typed output (serde_json)'],
  [/^(serde_json::value::to_value|uzpay::dispatch::parse_with)$/, 'wasm: typed output -> serde_json::Value'],
  [/^uzpay::dispatch::parse_json_with$/, 'wasm: typed output -> JSON text'],
  [/^uzpay_wasm::output::(to_json|from_canonical)$/, 'wasm: output -> JSON text for JavaScript (unsafe-integer scan)'],
  [/^uzpay::ofd::OfdReceiptUrl::parse$/, 'wasm: the OFD URL rules'],
  [/^uzpay_wasm::compute::parse_receipt_url$/, 'wasm: OFD output, the canonical URL'],
  [/^uzpay_wasm::/, 'wasm: the entry points and what they inline (copies, frees)'],
];

function phaseOf(node, parent) {
  const kind = kindOf(node.callFrame.functionName, node.callFrame.url);
  if (!kind.startsWith('wasm ')) return kind;
  for (let n = node; n; n = parent.get(n.id)) {
    const name = shortName(n.callFrame.functionName);
    const phase = PHASES.find(([re]) => re.test(name));
    if (phase) return phase[1];
  }
  return 'wasm: other';
}

function kindOf(name, url) {
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(program)' || name === '(idle)' || name === '(root)') return `V8 ${name}`;
  if (url.startsWith('wasm://') || /^\$?wasm-function/.test(name)) return 'wasm (the core, serde_json, the allocator)';
  if (/^(js-to-wasm|wasm-to-js)/.test(name)) return 'JS <-> wasm call transitions';
  if (url.includes('uzpay_wasm')) return 'wasm-bindgen glue (strings in and out)';
  if (url.includes('/bindings-wasm/js/')) return `binding JS: ${basename(url)}`;
  if (url.includes('/bench/js/')) return 'the profiling loop';
  if (name === 'encodeInto' || name === 'decode' || /TextEncoder|TextDecoder/.test(name)) return 'wasm-bindgen glue (strings in and out)';
  return 'V8 builtins (JSON.parse, TextEncoder, ...)';
}

/** A Rust symbol without its hashes: `serde_json::de::from_str`. */
const shortName = (name) => name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');



if (args.includes('--cpu-prof')) {
  const named = args.includes('--named');
  const glue = named ? ['--glue', namedGlueDir()] : [];
  const dir = mkdtempSync(join(tmpdir(), 'uzpay-cpuprof-'));
  console.log(`\nCPU profiles of the public calls, steady state, one fresh process per workload${named ? ', the wasm with its Rust function names (before wasm-opt)' : ''}; open ${dir}/*.cpuprofile in Chrome DevTools`);
  for (const workload of ['paylov_register', 'via_verify', 'ofd_parse']) {
    const out = join(dir, `${workload}.cpuprofile`);
    const loop = [fileURLToPath(import.meta.url), '--root', root, '--loop', String(quick ? 2 : 5), '--workload', workload, '--out', out, ...glue];
    execFileSync(process.execPath, loop, { stdio: ['ignore', 'ignore', 'inherit'] });
    summarize(workload, JSON.parse(readFileSync(out, 'utf8')), named);
  }
}
