"""What the shop sells. A real shop has a product table; the example keeps two products
here. An order copies a product's fields into its lines, because the receipt must show
what was sold at that price, whatever the catalogue says later."""

from __future__ import annotations

from typing import TypedDict


class Product(TypedDict):
    title: str
    price: int  # tiyin (1 UZS = 100 tiyin), VAT included
    ikpu_code: str  # the goods' class code (IKPU/MXIK, 17 digits) from tasnif.soliq.uz
    package_code: str  # the unit's package code from the same catalogue
    vat_percent: int


PRODUCTS: dict[str, Product] = {
    "tea": {
        "title": "Green tea, 100 g",
        "price": 1_120_000,  # 11,200.00 UZS
        "ikpu_code": "01902001001000000",
        "package_code": "1437667",
        "vat_percent": 12,
    },
    "cup": {
        "title": "Tea cup",
        "price": 4_500_000,  # 45,000.00 UZS
        "ikpu_code": "06911001001000000",
        "package_code": "1501110",
        "vat_percent": 12,
    },
}
