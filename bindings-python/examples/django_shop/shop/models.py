"""The shop's tables: orders and their lines, card payments, fiscal receipts, and the
saved state of the uzpay flows that take the payments and register the receipts.

Amounts are integer tiyin (1 UZS = 100 tiyin), as uzpay takes them: never a float."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

import uzpay


class Order(models.Model):
    """What a customer buys; paid by one of its payments."""

    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"order {self.pk}"

    def receipt_items(self) -> list[uzpay.Item]:
        return [line.receipt_item() for line in self.lines.order_by("pk")]

    def amount(self) -> int:
        """What to charge: the receipt's total as uzpay computes it, so that the payment
        and its receipt can never disagree by a rounding."""
        return uzpay.receipt_totals(self.receipt_items()).total

    def latest_payment(self) -> Payment | None:
        return self.payments.order_by("-pk").first()


class OrderLine(models.Model):
    """One line of an order, copied from the catalogue when the order was made: it is
    what the receipt will say."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    title = models.CharField(max_length=200)
    price = models.PositiveBigIntegerField(help_text="unit price in tiyin, VAT included")
    count = models.PositiveIntegerField(default=1)
    ikpu_code = models.CharField(max_length=17, help_text="IKPU/MXIK class code")
    package_code = models.CharField(max_length=20)
    vat_percent = models.PositiveSmallIntegerField()

    def receipt_item(self) -> uzpay.Item:
        return uzpay.Item(
            title=self.title,
            price=self.price,
            count=self.count,
            code=self.ikpu_code,
            package_code=self.package_code,
            vat_percent=self.vat_percent,
            tin=settings.SHOP_TIN,
        )


def new_external_id() -> str:
    return uuid.uuid4().hex


class Payment(models.Model):
    """One try at paying an order by card through VIA. A declined or failed try leaves
    the order unpaid, and the customer may try again: that is a new Payment, with a new
    external id, never the old one repeated."""

    class Status(models.TextChoices):
        PENDING = "pending"  # waiting for the SMS code, or for VIA
        PAID = "paid"
        DECLINED = "declined"  # by the card's bank
        FAILED = "failed"  # nothing charged
        # The flow gave up after the code went out without an answer it could read:
        # VIA may have charged the card. Take no second payment for the order before
        # someone looks the payment up at VIA by its external id.
        UNCERTAIN = "uncertain"

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="payments")
    # The shop's id for the payment at VIA: the flow looks the payment up by it when
    # an answer is lost, instead of charging again.
    external_id = models.CharField(max_length=64, unique=True, default=new_external_id)
    amount = models.PositiveBigIntegerField(help_text="tiyin")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # VIA's transaction id (its verify id), once VIA has started the payment.
    transaction_id = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"payment {self.pk} of order {self.order_id} ({self.status})"


class Receipt(models.Model):
    """The fiscal receipt of a paid payment, registered with Paylov: one per payment."""

    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="receipt")
    receipt_id = models.BigIntegerField()
    receipt_url = models.URLField(max_length=500)
    terminal_id = models.CharField(max_length=32)
    fiscal_sign = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"receipt {self.receipt_id} of payment {self.payment_id}"


class SavedFlow(models.Model):
    """A uzpay flow between two of its events. ``snapshot`` is what the flow's
    ``snapshot()`` gave: versioned JSON without any credential, card number or SMS
    code. It is written before every request leaves, so a process that dies mid-request
    leaves enough behind for ``manage.py resume_flows`` to go on without doubling it."""

    class Kind(models.TextChoices):
        # The flows' own names.
        CARD_PAYMENT = "via.card_payment"
        RECEIPT = "paylov.fiscalization"

    class Status(models.TextChoices):
        # A worker is driving it, or died driving it (then resume_flows finishes it).
        RUNNING = "running"
        WAITING_FOR_CODE = "awaiting_code"
        DONE = "done"
        FAILED = "failed"

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="flows")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    snapshot = models.TextField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    # How a failed flow ended (uzpay's message), and whether the core said that
    # starting the same work again is safe.
    error = models.TextField(blank=True)
    retryable = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.kind} flow {self.pk} of payment {self.payment_id} ({self.status})"
