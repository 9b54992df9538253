"""``{{ amount|uzs }}``: tiyin (integers, as stored) shown as som."""

from django import template

register = template.Library()


@register.filter
def uzs(tiyin: int) -> str:
    return f"{tiyin // 100:,}.{tiyin % 100:02d} UZS"
