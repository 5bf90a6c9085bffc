"""Money helpers: exact decimals, rounded half-up to the cent where a rule says so."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def round_cents(value: Decimal) -> Decimal:
    """The one rounding of PRODUCT_TERMS: half-up to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def yuan(value: Decimal) -> str:
    """How an amount is written to a borrower: two decimals, thousands not grouped."""
    return f"{round_cents(value):.2f}"
