// The checkout example in a real browser: Debian's Chromium, headless, driven by
// playwright-core, the page served from 127.0.0.1. Saves screenshots to
// test-output/checkout-bad-tin.png and test-output/checkout.png.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from '../scripts/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// test.sh installs Chromium and sets UZPAY_REQUIRE_BROWSER, so there a missing
// browser fails; a plain `npm test` without one skips.
const skip = !existsSync(CHROMIUM) && !process.env.UZPAY_REQUIRE_BROWSER && `no browser at ${CHROMIUM}`;
const QR = 'https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161';

let server;
let browser;
let page;
const problems = [];

before(async () => {
  if (skip) return;
  server = await serveStatic(root);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  await page.goto(`${server.url}/examples/checkout/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const line = (n) => page.locator('#lines tbody tr').nth(n);
const field = (n, name) => line(n).locator(`[name="${name}"]`);
const errorOf = (n, name) => line(n).locator(`[data-error-for="${name}"]`);

test('a bad TIN is shown next to its field', { skip }, async () => {
  await page.fill('#transaction-id', 'e2da46c6-8c89-400e-8bd9-037297b2e8b1');
  await field(0, 'title').fill('Green tea, 100 g');
  await field(0, 'code').fill('01902001001000000');
  await field(0, 'price').fill('11200');
  await field(0, 'seller').fill('31010000');
  assert.match(await errorOf(0, 'seller').textContent(), /TIN: exactly 9 digits, got 8 digits/);
  assert.equal(await field(0, 'seller').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.textContent('#receipt-total'), '–');
  mkdirSync(join(root, 'test-output'), { recursive: true });
  await page.screenshot({ path: join(root, 'test-output', 'checkout-bad-tin.png') });
});

test('fixed, the line and the receipt get their VAT and total', { skip }, async () => {
  await field(0, 'seller').fill('310100000');
  assert.equal(await errorOf(0, 'seller').textContent(), '');
  assert.equal(await line(0).locator('[data-out="vat"]').textContent(), '1\u2009200.00');
  await page.click('#add-line');
  await field(1, 'title').fill('Delivery');
  await field(1, 'code').fill('10112006002000000');
  await field(1, 'packageCode').fill('1500410');
  await field(1, 'price').fill('1000');
  await field(1, 'count').fill('2');
  await field(1, 'discount').fill('0.50');
  await field(1, 'sellerKind').selectOption('pinfl');
  await field(1, 'seller').fill('12345678901234');
  assert.equal(await line(1).locator('[data-out="total"]').textContent(), '1\u2009999.50');
  assert.equal(await page.textContent('#receipt-total'), "13\u2009199.50 so'm");
  assert.equal(await page.textContent('#receipt-vat'), "1\u2009414.23 so'm");
});

test('the register request preview has no credential', { skip }, async () => {
  const preview = await page.textContent('#preview');
  assert.match(preview, /^POST https:\/\/gw\.paylov\.uz\/merchant\/fiscalization\/register\//);
  assert.match(preview, /api-key: \*\*\*/);
  assert.ok(!preview.includes('added-by-your-server'));
  assert.match(preview, /"vat_percent": 12/);
  assert.match(preview, /"pinfl": "12345678901234"/);
});

test('an OFD receipt URL is read', { skip }, async () => {
  await page.fill('#ofd-url', QR.replace('c=20230104', 'c=20230431'));
  assert.match(await page.textContent('#ofd-error'), /^The date \(c\) has day 31, but 2023-04 has 30 days/);
  await page.fill('#ofd-url', QR);
  assert.equal(await page.textContent('#ofd-terminal'), 'UZ170703100597');
  assert.equal(await page.textContent('#ofd-number'), '2421');
  assert.equal(await page.textContent('#ofd-date'), '2023-01-04 12:18:01');
  assert.equal(await page.textContent('#ofd-sign'), '514343190161');
  assert.equal(await page.textContent('#ofd-error'), '');
});

test('screenshot, and no errors in the page', { skip }, async () => {
  await page.screenshot({ path: join(root, 'test-output', 'checkout.png'), fullPage: true });
  assert.deepEqual(problems, []);
});
