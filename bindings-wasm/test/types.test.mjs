// The declarations, checked by the TypeScript compiler against a typed usage file
// (test/types/usage.ts for import, usage.cts for require).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

test('tsc --noEmit accepts the typed usage and refuses the mistakes', () => {
  const tsc = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', join(root, 'test', 'types')], {
    encoding: 'utf8',
  });
  assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
});
