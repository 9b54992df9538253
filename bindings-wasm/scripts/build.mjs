// Builds the npm package into dist/:
//   dist/node/   wasm-pack --target nodejs: the CommonJS glue (loads the wasm synchronously)
//   dist/web/    wasm-pack --target web: the ES module glue (instantiated by the entry)
//   dist/uzpay_wasm_bg.wasm          the module both glues load (the targets build the same one)
//   dist/uzpay.cjs, dist/uzpay.mjs   Node's entries (the .mjs re-exports the .cjs)
//   dist/uzpay.web.js                the browsers' entry
//   dist/types/  the handwritten declarations, as .d.ts (ESM) and .d.cts (CommonJS)
// shrinking the wasm with wasm-opt -Oz from the npm package `binaryen`, and prints
// its gzipped size.
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
  const outputs = ['uzpay.cjs', 'uzpay.mjs', 'uzpay.web.js', 'node/uzpay_wasm.cjs', 'uzpay_wasm_bg.wasm', 'types/index.d.ts'];
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
  for (const [target, dir] of [
    ['nodejs', 'node'],
    ['web', 'web'],
  ]) {
    rmSync(join(dist, dir), { recursive: true, force: true });
    run('wasm-pack', [
      'build', '--target', target, '--out-dir', `dist/${dir}`, '--out-name', 'uzpay_wasm',
      '--no-pack', '--mode', 'no-install', '--profile', 'wasm-release',
    ]);
    // wasm-pack ignores everything it wrote ('*'), which npm pack would obey.
    rmSync(join(dist, dir, '.gitignore'), { force: true });
  }
  // Both targets produce the same module: ship it once, beside the bundles, and
  // point the nodejs glue (CommonJS, renamed .cjs: this package is "type": "module")
  // at it. The web entry passes its URL to the glue's init itself.
  const node = readFileSync(join(dist, 'node', 'uzpay_wasm_bg.wasm'));
  if (!node.equals(readFileSync(join(dist, 'web', 'uzpay_wasm_bg.wasm')))) {
    throw new Error('the nodejs and web targets built different wasm modules; ship both');
  }
  renameSync(join(dist, 'web', 'uzpay_wasm_bg.wasm'), join(dist, 'uzpay_wasm_bg.wasm'));
  rmSync(join(dist, 'node', 'uzpay_wasm_bg.wasm'));
  for (const file of [join(dist, 'node', 'uzpay_wasm.js'), join(dist, 'web', 'uzpay_wasm.js')]) {
    writeFileSync(file, fastStringPassing(readFileSync(file, 'utf8')));
  }
  const glueText = readFileSync(join(dist, 'node', 'uzpay_wasm.js'), 'utf8');
  const wasmPath = '`${__dirname}/uzpay_wasm_bg.wasm`';
  if (glueText.split(wasmPath).length !== 2) throw new Error(`the nodejs glue no longer loads ${wasmPath}`);
  writeFileSync(join(dist, 'node', 'uzpay_wasm.cjs'), glueText.replace(wasmPath, '`${__dirname}/../uzpay_wasm_bg.wasm`'));
  rmSync(join(dist, 'node', 'uzpay_wasm.js'));
  // wasm-pack's own download of wasm-opt and Debian's binaryen 108 produce modules
  // that fail to load; the npm package's is current.
  const wasm = join(dist, 'uzpay_wasm_bg.wasm');
  run(join(root, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', '--strip-debug', '--strip-producers', wasm, '-o', wasm]);
}

/**
 * The glue with long strings passed into the wasm by the engine's
 * TextEncoder.encodeInto. wasm-bindgen's passStringToWasm0 copies an ASCII string one
 * character at a time in JavaScript; for a receipt's 2 KB of JSON that loop costs as
 * much as JSON.stringify itself (bench/README.md), and encodeInto is ~40x faster.
 * Short strings (an operation's name) keep the loop, which needs no realloc.
 */
function fastStringPassing(text) {
  const anchor = '\n    let len = arg.length;\n    let ptr = malloc(len, 1) >>> 0;\n';
  if (text.split(anchor).length !== 2) {
    throw new Error('passStringToWasm0 changed in this wasm-bindgen: update fastStringPassing in scripts/build.mjs');
  }
  const fast = `
    // uzpay (scripts/build.mjs): long text is written by the engine's encoder at once.
    if (arg.length > 64) {
        const max = arg.length * 3;
        let ptr = malloc(max, 1) >>> 0;
        const { written } = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + max));
        if (written !== max) ptr = realloc(ptr, max, written, 1) >>> 0;
        WASM_VECTOR_LEN = written;
        return ptr;
    }
`;
  return text.replace(anchor, fast + anchor);
}

// The glue is imported as 'uzpay-glue' in js/entry-*.js and stays a separate file
// beside each bundle, where wasm-bindgen expects its .wasm.
const glue = (path) => ({
  name: 'uzpay-glue',
  setup(build) {
    build.onResolve({ filter: /^uzpay-glue$/ }, () => ({ path, external: true }));
  },
});
const common = { bundle: true, logLevel: 'warning', legalComments: 'none', charset: 'utf8' };
await esbuild.build({
  ...common,
  entryPoints: [join(root, 'js', 'entry-node.js')],
  outfile: join(dist, 'uzpay.cjs'),
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  plugins: [glue('./node/uzpay_wasm.cjs')],
});
await esbuild.build({
  ...common,
  entryPoints: [join(root, 'js', 'entry-web.js')],
  outfile: join(dist, 'uzpay.web.js'),
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  plugins: [glue('./web/uzpay_wasm.js')],
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
