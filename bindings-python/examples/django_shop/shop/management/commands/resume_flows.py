"""``python manage.py resume_flows``: goes on with every unfinished uzpay flow.

Run it when the shop starts (before the web workers take requests): a worker that died
mid-payment left its flow ``running``, with the snapshot saved before its last request
left. Each flow is restored, resumed (that request may have arrived, so the flow looks
it up or reads it back, never repeats it blind) and run to its end, saving as it goes.
A card payment waiting for its SMS code stays waiting: only the card holder has it.

From cron, add ``--older-than 300`` so that a flow a live worker is driving right now
is left alone.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

import uzpay
from shop import payments
from shop.models import SavedFlow


class Command(BaseCommand):
    help = "Resumes every unfinished uzpay flow from its saved snapshot."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=float,
            default=0,
            metavar="SECONDS",
            help="only flows not saved for this long (default: all)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(seconds=options["older_than"])
        unfinished = SavedFlow.objects.filter(
            status__in=[SavedFlow.Status.RUNNING, SavedFlow.Status.WAITING_FOR_CODE], updated_at__lte=cutoff
        ).order_by("pk")
        for saved in unfinished:
            if not payments.take(saved):
                continue  # another process took it since the query
            try:
                payments.resume(saved)
            except uzpay.UzpayError as error:
                # Recorded on the flow (and its payment); the next flow goes on.
                self.stderr.write(f"{saved}: {error}")
                continue
            saved.refresh_from_db()
            self.stdout.write(f"{saved}")
