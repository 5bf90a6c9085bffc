"""The policy figures a borrower reads, as they are written, from the rules that define them: the
responses of domain.yml take them as template variables (nlg/policy_figures.py), the composed
lines of actions/wording.py import them. Change a rule and every text follows."""

from decimal import Decimal

from rules.contact_policy import EMERGENCY_AFTER_DAYS, MAX_CALLS_A_DAY, UNREACHABLE_DAYS, WINDOW_END, WINDOW_START
from rules.overdue import PENALTY_DAILY_RATE
from rules.relief import (
    EXTENSION_CHOICES,
    EXTENSION_COOLDOWN_DAYS,
    EXTENSION_MAX_DAYS_OVERDUE,
    PLAN_MAX_DAYS_OVERDUE,
    PLAN_MONTHLY_RATE,
    PLAN_TERMS,
    PROMISE_MAX_DAYS_AHEAD,
)


def percent(rate: Decimal) -> str:
    """0.0005 → "0.05%", 0.01 → "1%": a rate as the borrower reads it."""
    return f"{(rate * 100).normalize():f}%"


def clock(moment) -> str:
    return f"{moment.hour}:{moment.minute:02d}"


def _choices(values, last_word: str, unit: str) -> str:
    written = [f"{v}{unit}" for v in values]
    return "、".join(written[:-1]) + last_word + written[-1]


POLICY_FIGURES = {
    "penalty_rate": percent(PENALTY_DAILY_RATE),
    "penalty_annual_rate": percent(PENALTY_DAILY_RATE * 365),
    "plan_rate": percent(PLAN_MONTHLY_RATE),
    "plan_terms": _choices(PLAN_TERMS, "或", "期"),
    "plan_longest_term": str(max(PLAN_TERMS)),
    "plan_max_days_overdue": str(PLAN_MAX_DAYS_OVERDUE),
    "extension_choices": _choices(EXTENSION_CHOICES, "或", "天"),
    "extension_choices_asked": _choices(EXTENSION_CHOICES, "还是", "天"),
    "extension_max_days_overdue": str(EXTENSION_MAX_DAYS_OVERDUE),
    "extension_cooldown_days": str(EXTENSION_COOLDOWN_DAYS),
    "promise_max_days": str(PROMISE_MAX_DAYS_AHEAD),
    "contact_hours": f"{clock(WINDOW_START)}–{clock(WINDOW_END)}",
    "max_calls_a_day": str(MAX_CALLS_A_DAY),
    "emergency_after_days": str(EMERGENCY_AFTER_DAYS),
    "unreachable_days": str(UNREACHABLE_DAYS),
}
