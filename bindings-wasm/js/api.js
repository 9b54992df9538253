// The public API, the same for every build (Node CommonJS and ESM, browsers): the
// generated configs, operations and functions, and the hand-written values they use.

export { UzpayError } from './errors.js';
export { HttpRequest } from './http.js';
export * from './generated.js';
export { send } from './send.js';
