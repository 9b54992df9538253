"""The shop's orders. A real shop has a model; the example keeps two in memory so that
it runs without a database."""

from __future__ import annotations

from dataclasses import dataclass

import uzpay


@dataclass(frozen=True)
class Order:
    id: str
    #: Paylov's transaction id of the card payment.
    transaction_id: str
    items: tuple[uzpay.Item, ...]


ORDERS = {
    "1001": Order(
        id="1001",
        transaction_id="e2da46c6-8c89-400e-8bd9-037297b2e8b1",
        items=(
            uzpay.Item(
                title="Green tea, 100 g",
                price=1_120_000,  # tiyin: 11,200.00 UZS, VAT included
                count=2,
                code="01902001001000000",
                vat_percent=12,
                package_code="1437667",
                tin="310100000",
            ),
        ),
    ),
}


def find(order_id: str) -> Order | None:
    return ORDERS.get(order_id)
