// The package as npm ships it: one copy for import and require, the same API in
// every build, declarations for every export, and only what users need in the
// tarball.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as esm from 'uzpay';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cjs = createRequire(import.meta.url)('uzpay');
const runtimeNames = Object.keys(esm).sort();

test('import and require give the same module: one UzpayError class', () => {
  assert.deepEqual(Object.keys(cjs).sort(), runtimeNames);
  assert.equal(cjs.UzpayError, esm.UzpayError);
  try {
    cjs.buildClickConfirm({}, {});
  } catch (e) {
    assert.ok(e instanceof esm.UzpayError);
  }
});

test('the browser build exports the same names', () => {
  const web = readFileSync(join(root, 'dist', 'uzpay.web.js'), 'utf8');
  const list = /export\s*\{([^}]*)\};?\s*$/.exec(web)?.[1] ?? '';
  // `X as Y` where the bundler renamed a class (the glue has a `Flow` of its own).
  const names = list.split(',').map((n) => n.trim().split(/\s+as\s+/).pop()).filter(Boolean);
  assert.deepEqual(names.sort(), runtimeNames);
});

test('the declarations declare every runtime export', () => {
  const dir = join(root, 'test-output', 'exports-check');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'check.ts'), `import { ${runtimeNames.join(', ')} } from 'uzpay';\nvoid [${runtimeNames.join(', ')}];\n`);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'node16', moduleResolution: 'node16', target: 'es2022', lib: ['es2022', 'dom'], types: [] }, files: ['check.ts'] }),
  );
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', dir], { encoding: 'utf8' });
});

test('the tarball holds the builds, the wasm once, the types and the README only', () => {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const files = pack.files.map((f) => f.path);
  for (const f of ['dist/uzpay.cjs', 'dist/uzpay.mjs', 'dist/uzpay.web.js', 'dist/uzpay_wasm_bg.wasm', 'dist/types/index.d.ts', 'dist/types/index.d.cts', 'package.json', 'README.md']) {
    assert.ok(files.includes(f), `${f} is missing from the tarball`);
  }
  assert.equal(files.filter((f) => f.endsWith('.wasm')).length, 1);
  assert.deepEqual(files.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md'].includes(f)), []);
  // The flows (issue 13) grew the wasm from 214 to 328 KiB gzipped; the size work
  // (issue 17) brings it down and this bound with it.
  assert.ok(pack.size < 450_000, `tarball of ${pack.size} bytes`);
});
