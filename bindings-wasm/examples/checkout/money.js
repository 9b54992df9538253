// Money as the cashier sees it (so'm, "11 200.50") and as uzpay counts it (integer
// tiyin). Exact: digits in, digits out, never a float.

/** "11 200,50" or "11200.5" -> 1120050 tiyin (a bigint beyond 2^53); NaN if it is not an amount. */
export function tiyinFromSom(text) {
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0]/g, ''));
  if (!match) return NaN;
  const tiyin = BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  return tiyin <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(tiyin) : tiyin;
}

/** 1120050 tiyin -> "11 200.50". */
export function somFromTiyin(tiyin) {
  const digits = String(tiyin).padStart(3, '0');
  const som = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
  return `${som}.${digits.slice(-2)}`;
}
