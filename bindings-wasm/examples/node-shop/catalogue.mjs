// What the shop sells. A real shop has a product table; the example keeps two products
// here. An order copies a product's fields into its lines, because the receipt must
// show what was sold at that price, whatever the catalogue says later.
//
// Prices are integer tiyin (1 UZS = 100 tiyin), VAT included, as uzpay takes them:
// never a float. `code` is the goods' class code (IKPU/MXIK, 17 digits) and
// `packageCode` the unit's package code, both from tasnif.soliq.uz.

export const PRODUCTS = {
  tea: { title: 'Green tea, 100 g', price: 1_120_000, code: '01902001001000000', packageCode: '1437667', vatPercent: 12 },
  cup: { title: 'Tea cup', price: 4_500_000, code: '06911001001000000', packageCode: '1501110', vatPercent: 12 },
};
