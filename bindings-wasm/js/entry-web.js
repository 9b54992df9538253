// The browser's entry (dist/uzpay.web.js): the module is fetched and instantiated
// before the import completes (a top-level await), so every function is ready after it.

import init, * as glue from 'uzpay-glue';
import { useGlue } from './runtime.js';

await init({ module_or_path: new URL('./uzpay_wasm_bg.wasm', import.meta.url) });
useGlue(glue);

export * from './api.js';
