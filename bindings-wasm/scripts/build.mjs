// Builds the npm package into dist/:
//   dist/web/    wasm-pack --target web: the ES module glue, bundled into both entries
//   dist/uzpay_wasm_bg.wasm          the module (fetched by the browsers' entry, read by Node's)
//   dist/uzpay.cjs, dist/uzpay.mjs   Node's entries (the .mjs re-exports the .cjs)
//   dist/uzpay.web.js                the browsers' entry
//   dist/types/  the declarations, as .d.ts (ESM) and .d.cts (CommonJS)
// optimizing the wasm with wasm-opt from the npm package `binaryen`, and prints its
// gzipped size.
//
// Usage: node scripts/build.mjs [--skip-wasm] [--if-stale]
//   --skip-wasm  only the JS and the types
//   --if-stale   nothing if dist/ is newer than every source (the core's included)

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const skipWasm = process.argv.includes('--skip-wasm');

if (process.argv.includes('--if-stale') && !stale()) process.exit(0);

/** True when an output is missing or older than a source. */
function stale() {
  const outputs = ['uzpay.cjs', 'uzpay.mjs', 'uzpay.web.js', 'uzpay_wasm_bg.wasm', 'types/index.d.ts'];
  const times = outputs.map((f) => statSync(join(dist, f), { throwIfNoEntry: false })?.mtimeMs ?? 0);
  const sources = ['src', 'js', 'types', 'scripts', 'Cargo.toml', 'package.json', '../core', '../Cargo.lock'];
  return Math.max(...sources.map((s) => newest(join(root, s)))) > Math.min(...times);
}

function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

// wasm-pack and wasm-bindgen live in cargo's bin directory; wasm-pack wants an
// existing cache directory even when it downloads nothing.
const cargoBin = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin');
const env = {
  ...process.env,
  PATH: `${cargoBin}${delimiter}${process.env.PATH ?? ''}`,
  WASM_PACK_CACHE: process.env.WASM_PACK_CACHE ?? join(root, '..', 'target', 'wasm-pack-cache'),
};

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit', env });
}

if (!skipWasm) {
  mkdirSync(env.WASM_PACK_CACHE, { recursive: true });
  // One glue for every build: the web target's ES module, which the browsers' entry
  // initializes from the module's URL and Node's from its bytes (initSync). Both
  // bundles include it as it is; nothing in it is patched.
  rmSync(join(dist, 'web'), { recursive: true, force: true });
  run('wasm-pack', [
    'build', '--target', 'web', '--out-dir', 'dist/web', '--out-name', 'uzpay_wasm',
    '--no-pack', '--mode', 'no-install', '--profile', 'wasm-release',
  ]);
  renameSync(join(dist, 'web', 'uzpay_wasm_bg.wasm'), join(dist, 'uzpay_wasm_bg.wasm'));
  // wasm-pack's own download of wasm-opt and Debian's binaryen 108 produce modules
  // that fail to load; the npm package's is current.
  const wasm = join(dist, 'uzpay_wasm_bg.wasm');
  run(join(root, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', '--strip-debug', '--strip-producers', wasm, '-o', wasm]);
}

// The glue is imported as 'uzpay-glue' in js/entry-*.js and bundled into each entry.
const glue = {
  name: 'uzpay-glue',
  setup(build) {
    build.onResolve({ filter: /^uzpay-glue$/ }, () => ({ path: join(dist, 'web', 'uzpay_wasm.js') }));
  },
};
const common = { bundle: true, logLevel: 'warning', legalComments: 'none', charset: 'utf8' };
await esbuild.build({
  ...common,
  entryPoints: [join(root, 'js', 'entry-node.js')],
  outfile: join(dist, 'uzpay.cjs'),
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  plugins: [glue],
  // The glue's default module URL (import.meta.url) is never used in Node: the entry
  // gives initSync the module's bytes.
  logOverride: { 'empty-import-meta': 'silent' },
});
await esbuild.build({
  ...common,
  entryPoints: [join(root, 'js', 'entry-web.js')],
  outfile: join(dist, 'uzpay.web.js'),
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  plugins: [glue],
});
// Node's ESM entry re-exports the CommonJS one (whose export names esbuild
// annotates for Node), so a program mixing import and require gets one UzpayError.
writeFileSync(join(dist, 'uzpay.mjs'), "export * from './uzpay.cjs';\n");

// Declarations: the same files as .d.ts for import and .d.cts for require.
const types = join(dist, 'types');
rmSync(types, { recursive: true, force: true });
mkdirSync(types, { recursive: true });
for (const file of readdirSync(join(root, 'types'))) {
  if (!file.endsWith('.d.ts')) continue;
  const text = readFileSync(join(root, 'types', file), 'utf8');
  copyFileSync(join(root, 'types', file), join(types, file));
  writeFileSync(join(types, file.replace(/\.d\.ts$/, '.d.cts')), text.replace(/(from '\.\/[\w-]+)\.js'/g, "$1.cjs'"));
}

if (statSync(join(dist, 'uzpay_wasm_bg.wasm'), { throwIfNoEntry: false })) {
  const wasm = readFileSync(join(dist, 'uzpay_wasm_bg.wasm'));
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`uzpay_wasm_bg.wasm: ${kib(wasm.length)}, gzipped ${kib(gzipSync(wasm, { level: 9 }).length)}`);
}
