// The public API of every build (Node CommonJS and ESM, browsers).

export { UzpayError } from './errors.js';
export { HttpRequest } from './http.js';
export * from './generated.js';
export { Flow } from './flows.js';
export { run, send, SendError } from './transport.js';
