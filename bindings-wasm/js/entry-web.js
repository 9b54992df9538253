// The browser's entry (built into dist/uzpay.web.js), for <script type="module"> and
// bundlers. The module is fetched and instantiated before the import completes (a
// top-level await), so every function is ready to call synchronously after it.

import init, * as glue from 'uzpay-glue';
import { useGlue } from './wasm.js';

await init({ module_or_path: new URL('./uzpay_wasm_bg.wasm', import.meta.url) });
useGlue(glue);

export * from './api.js';
