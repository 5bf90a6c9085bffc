"""Every figure of the lender's policies that a borrower reads comes from rules/: domain.yml's
responses take them as template variables (rules/figures.py, filled by nlg/policy_figures.py), the
composed lines import them (actions/wording.py); the texts as a borrower reads them are checked
here against rules/, and no response may type a policy figure of its own."""

import re
from decimal import Decimal

import pytest
import yaml

from actions import wording
from rules.contact_policy import EMERGENCY_AFTER_DAYS, MAX_CALLS_A_DAY, UNREACHABLE_DAYS
from rules.figures import POLICY_FIGURES
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
from tests.conftest import ROOT


def _raw_texts():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return [v["text"] for variants in domain["responses"].values() for v in variants if "text" in v]


RAW = _raw_texts()
TEXTS = [re.sub(r"\{(\w+)\}", lambda m: POLICY_FIGURES.get(m.group(1), m.group(0)), t) for t in RAW]
ANNUAL = (PENALTY_DAILY_RATE * 365 * 100).normalize()

# (what, pattern whose groups are figures, the figures rules/ gives)
FIGURES = [
    ("penalty rate", r"每天(\d+(?:\.\d+)?)%", (str((PENALTY_DAILY_RATE * 100).normalize()),)),
    ("penalty rate in the formula", r"× (\d+(?:\.\d+)?)% ×", (str((PENALTY_DAILY_RATE * 100).normalize()),)),
    ("annualised penalty", r"年化(\d+(?:\.\d+)?)%", (f"{ANNUAL:f}",)),
    ("plan terms", r"（(\d+)期、(\d+)期或(\d+)期）", tuple(str(t) for t in PLAN_TERMS)),
    ("longest plan", r"最长的(\d+)期方案", (str(max(PLAN_TERMS)),)),
    ("plan limit", r"协商分期的(\d+)天上限", (str(PLAN_MAX_DAYS_OVERDUE),)),
    ("extension choices", r"(\d+)天、(\d+)天(?:或|还是)(\d+)天", tuple(str(d) for d in EXTENSION_CHOICES)),
    ("extension limit", r"延期的(\d+)天上限", (str(EXTENSION_MAX_DAYS_OVERDUE),)),
    ("extension cooldown", r"(\d+)天内只能延期一次", (str(EXTENSION_COOLDOWN_DAYS),)),
    ("promise horizon", r"(\d+)天以内", (str(PROMISE_MAX_DAYS_AHEAD),)),
    ("calls a day", r"每天最多(\d+)次", (str(MAX_CALLS_A_DAY),)),
    (
        "emergency contacts",
        r"逾期超过(\d+)天、且连续(\d+)天联系不上",
        (str(EMERGENCY_AFTER_DAYS), str(UNREACHABLE_DAYS)),
    ),
    (
        "contact hours",
        r"(?<!服务时间（每天 )(\d{1,2}:\d{2})[–-](\d{1,2}:\d{2})",
        tuple(wording.CONTACT_HOURS.split("–")),
    ),
]


@pytest.mark.parametrize("what, pattern, expected", FIGURES, ids=[f[0] for f in FIGURES])
def test_domain_texts_state_the_figures_of_rules(what, pattern, expected):
    found = [m.groups() for text in TEXTS for m in re.finditer(pattern, text)]
    assert found, f"no text states the {what} any more: update this table with the wording"
    assert set(found) == {expected}, f"{what}: domain.yml says {sorted(set(found))}, rules/ says {expected}"


def test_every_percentage_a_borrower_reads_is_a_rate_of_rules():
    rates = {str((PENALTY_DAILY_RATE * 100).normalize()), f"{ANNUAL:f}", str((PLAN_MONTHLY_RATE * 100).normalize())}
    said = {m for text in TEXTS for m in re.findall(r"(\d+(?:\.\d+)?)%", text)}
    assert said <= rates


@pytest.mark.parametrize(
    "rate, shown", [(Decimal("0.0005"), "0.05%"), (Decimal("0.01"), "1%"), (Decimal("0.015"), "1.5%")]
)
def test_rates_are_written_as_borrowers_read_them(rate, shown):
    from rules.figures import percent

    assert percent(rate) == shown


def test_composed_lines_take_the_figures_of_rules():
    assert wording.PENALTY_RATE == "0.05%" and wording.PLAN_RATE == "1%" and wording.CONTACT_HOURS == "8:00–21:00"
    assert wording.BREACH_NAMES["too_many_calls"] == f"超过了每天最多{MAX_CALLS_A_DAY}次来电的规定"
    assert f"满{EMERGENCY_AFTER_DAYS}天后" in wording.BREACH_NAMES["emergency_contact_too_early"]


def test_no_response_types_a_policy_figure_of_its_own():
    typed = [
        t
        for t in RAW
        for pattern in (
            r"\d+(?:\.\d+)?%",
            r"(?<!服务时间（每天 )\d{1,2}:\d{2}[–-]",
            r"最多\d+次",
            r"\d+天以内",
            r"\d+天上限",
            r"\d+期、",
        )
        if re.search(pattern, t)
    ]
    assert typed == []


def test_the_server_fills_the_figures_into_every_response():
    from rasa.shared.core.domain import Domain

    from nlg.policy_figures import PolicyFiguresNLG

    nlg = PolicyFiguresNLG(domain=Domain.load(str(ROOT / "domain.yml")))
    rule = nlg.generate_from_slots("utter_penalty_rule", {}, "rest")["text"]
    assert "每天0.05%（年化18.25%）" in rule and "未还本金 × 0.05% × 逾期天数" in rule
    asked = nlg.generate_from_slots("utter_ask_extension_days", {}, "rest")["text"]
    assert asked == "您想延期多久：7天、15天还是30天？"
    # A variable the action passes is used as it is.
    said = nlg.generate_from_slots(
        "utter_promise_too_far",
        {},
        "rest",
        pay_on="2026年12月30日",
        max_days=14,
        last_day="2026年12月4日（星期五）",
        instead="可以转人工客服协商。",
    )
    assert said["text"].startswith(
        "2026年12月30日 距今天超过了14天，还款承诺只能登记14天以内的日期，最晚是2026年12月4日（星期五）。"
    )
