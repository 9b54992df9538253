// Node's entry (built into dist/uzpay.cjs; dist/uzpay.mjs re-exports it, so ESM and
// CommonJS callers share one copy and one UzpayError class). The module is read from
// beside this file and instantiated synchronously: everything is ready once this is
// required.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as glue from 'uzpay-glue';
import { useGlue } from './wasm.js';

glue.initSync({ module: readFileSync(join(__dirname, 'uzpay_wasm_bg.wasm')) });
useGlue(glue);

export * from './api.js';
