// Serves the checkout example on 127.0.0.1 (after `npm run build`):
//   npm run example   then open the printed URL.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { url } = await serveStatic(root, Number(process.env.PORT ?? 8080));
console.log(`checkout example: ${url}/examples/checkout/  (Ctrl+C to stop)`);
