// Node's entry (built into dist/uzpay.cjs; dist/uzpay.mjs re-exports it, so ESM and
// CommonJS callers share one copy and one UzpayError class). wasm-bindgen's nodejs
// glue loads the module synchronously: everything is ready once this is required.

import * as glue from 'uzpay-glue';
import { useGlue } from './wasm.js';

useGlue(glue);

export * from './api.js';
