// The shop's settings, from the environment. Everything secret is here and only here:
// the state file holds flow snapshots, which never contain a credential, card number
// or SMS code, so the provider configs are made again from these settings whenever a
// flow is restored.
//
// With no environment at all the shop talks to the uzpay sandbox on
// http://127.0.0.1:8099 with its published credentials (refused when NODE_ENV is
// `production`: set every variable below there).

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PaylovConfig, ViaConfig } from 'uzpay';

const here = dirname(fileURLToPath(import.meta.url));

export function settingsFromEnv(env = process.env) {
  const sandbox = env.UZPAY_SANDBOX_URL ?? 'http://127.0.0.1:8099';
  const value = (name, sandboxValue) => {
    if (env[name] !== undefined && env[name] !== '') return env[name];
    if (env.NODE_ENV === 'production') throw new Error(`${name} is not set (the sandbox's value is not used in production)`);
    return sandboxValue;
  };
  return {
    // Where the state file lives (shop.json, and shop.lock while a process owns it).
    dataDir: env.SHOP_DATA_DIR ?? join(here, 'data'),
    via: new ViaConfig({
      baseUrl: value('VIA_BASE_URL', `${sandbox}/via`),
      clientId: value('VIA_CLIENT_ID', 'sandbox-client'),
      clientSecret: value('VIA_CLIENT_SECRET', 'sandbox-secret'),
    }),
    viaMerchantId: value('VIA_MERCHANT_ID', 'mrt_sandbox'),
    paylov: new PaylovConfig({
      baseUrl: value('PAYLOV_BASE_URL', `${sandbox}/paylov`),
      apiKey: value('PAYLOV_API_KEY', 'sandbox-paylov-key'),
    }),
    // The shop's taxpayer number (INN/TIN), printed on every receipt line as the seller.
    tin: value('SHOP_TIN', '310100000'),
    // How long to wait for each provider answer. A request without a timeout could
    // hold its flow forever.
    timeoutMs: Number(env.UZPAY_TIMEOUT_MS ?? 15_000),
  };
}
