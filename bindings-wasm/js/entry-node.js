// Node's entry (dist/uzpay.cjs; dist/uzpay.mjs re-exports it: one UzpayError class for
// import and require). The module beside it is instantiated synchronously.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as glue from 'uzpay-glue';
import { useGlue } from './runtime.js';

glue.initSync({ module: readFileSync(join(__dirname, 'uzpay_wasm_bg.wasm')) });
useGlue(glue);

export * from './api.js';
