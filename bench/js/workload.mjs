// The benchmark's one workload (bench/workload.json), read once and turned into what a
// JavaScript caller passes: camelCase config and input objects, a response as
// {status, headers: [[name, value]...], body}.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { camelName, parseExact, renameKeys } from '../../tests/conformance/js/vectors.mjs';

export const WORKLOAD_PATH = fileURLToPath(new URL('../workload.json', import.meta.url));

export function loadWorkload(path = WORKLOAD_PATH) {
  const w = parseExact(readFileSync(path, 'utf8'));
  const response = ({ status, headers, body }) => ({ status, headers, body });
  return {
    paylov_register: {
      config: renameKeys(w.paylov_register.config, camelName),
      input: renameKeys(w.paylov_register.input, camelName),
      response: response(w.paylov_register.response),
    },
    via_verify: {
      config: renameKeys(w.via_verify.config, camelName),
      input: renameKeys(w.via_verify.input, camelName),
      response: response(w.via_verify.response),
    },
    ofd_parse: { url: w.ofd_parse.input.url },
  };
}
