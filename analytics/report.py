"""The analytics report: per day and per intent, printed as tables, drawn as a PNG chart, saved as JSON.

python -m analytics.report --out reports/analytics [--days N] [--until YYYY-MM-DD]
Without --days: every day from the first to the last stored event. With --days N: the N days
ending at --until (default: today in Asia/Shanghai), days without conversations included.
Writes analytics.png and analytics.json to --out. How each figure is derived: analytics/store.py.
"""

import argparse
import json
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import List, Optional, Sequence

from analytics.store import AnalyticsStore, DayFigures, IntentFigures
from rules.calendar import SHANGHAI

DAY_COLUMNS = (
    ("conversations", "conversations"),
    ("contained", "contained"),
    ("handoffs", "handoffs"),
    ("plans_accepted", "plans accepted"),
    ("extensions_granted", "extensions granted"),
    ("promises_recorded", "promises recorded"),
    ("complaints_filed", "complaints filed"),
)
CHART_INTENTS = 15


@dataclass(frozen=True)
class Report:
    first: date
    last: date
    days: List[DayFigures]
    intents: List[IntentFigures]

    def total(self, figure: str) -> int:
        return sum(getattr(day, figure) for day in self.days)


def period(store: AnalyticsStore, days: Optional[int], until: Optional[date]) -> tuple:
    today = datetime.now(SHANGHAI).date()
    if days is not None:
        last = until or today
        return last - timedelta(days=days - 1), last
    span = store.span()
    if span is None:
        return (until or today,) * 2
    return span[0], until or span[1]


def build_report(store: AnalyticsStore, first: date, last: date) -> Report:
    return Report(first, last, store.daily(first, last), store.intents(first, last))


def containment(contained: int, conversations: int) -> str:
    return f"{100 * contained / conversations:.1f}%" if conversations else "—"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Plain columns: the first left-aligned, the figures right-aligned."""
    cells = [list(map(str, headers))] + [list(map(str, row)) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        return "  ".join(
            cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()

    return "\n".join([line(cells[0]), "  ".join("-" * w for w in widths)] + [line(row) for row in cells[1:]])


def render(report: Report) -> str:
    day_rows = [
        [day.day.isoformat()]
        + [getattr(day, key) for key, _ in DAY_COLUMNS[:2]]
        + [containment(day.contained, day.conversations)]
        + [getattr(day, key) for key, _ in DAY_COLUMNS[2:]]
        for day in report.days
    ]
    totals = {key: report.total(key) for key, _ in DAY_COLUMNS}
    day_rows.append(
        ["total"]
        + [totals[key] for key, _ in DAY_COLUMNS[:2]]
        + [containment(totals["contained"], totals["conversations"])]
        + [totals[key] for key, _ in DAY_COLUMNS[2:]]
    )
    headers = (
        ["day"] + [label for _, label in DAY_COLUMNS[:2]] + ["containment"] + [label for _, label in DAY_COLUMNS[2:]]
    )
    intent_rows = [
        [f.intent, f.messages, f.conversations, f.contained, containment(f.contained, f.conversations)]
        for f in report.intents
    ]
    return "\n".join(
        [
            f"还款助手 analytics, {report.first.isoformat()} to {report.last.isoformat()} (days in Asia/Shanghai)",
            "",
            table(headers, day_rows),
            "",
            "By intent",
            table(["intent", "messages", "conversations", "contained", "containment"], intent_rows)
            if intent_rows
            else "(no messages)",
        ]
    )


def as_json(report: Report) -> dict:
    return {
        "first": report.first.isoformat(),
        "last": report.last.isoformat(),
        "days": [dict(asdict(day), day=day.day.isoformat()) for day in report.days],
        "totals": {f.name: report.total(f.name) for f in fields(DayFigures) if f.name != "day"},
        "intents": [asdict(f) for f in report.intents],
    }


def chart(report: Report, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.ticker import MaxNLocator

    labels = [day.day.strftime("%m-%d") for day in report.days]
    positions = range(len(labels))
    figure, (top, middle, bottom) = pyplot.subplots(3, 1, figsize=(max(8, 0.6 * len(labels) + 4), 12))
    contained = [day.contained for day in report.days]
    handed_off = [day.conversations - day.contained for day in report.days]
    top.bar(positions, contained, label="contained", color="#4c9f70")
    top.bar(positions, handed_off, bottom=contained, label="handed off", color="#d9822b")
    top.set_title("Conversations per day")
    top.set_xticks(list(positions), labels)
    top.margins(y=0.2)
    top.legend(ncol=2, loc="upper right")

    outcomes = (
        ("plans_accepted", "plans accepted"),
        ("extensions_granted", "extensions granted"),
        ("promises_recorded", "promises recorded"),
        ("complaints_filed", "complaints filed"),
        ("handoffs", "handoffs"),
    )
    width = 0.8 / len(outcomes)
    for i, (key, label) in enumerate(outcomes):
        middle.bar(
            [p + (i - len(outcomes) / 2 + 0.5) * width for p in positions],
            [getattr(day, key) for day in report.days],
            width=width,
            label=label,
        )
    middle.set_title("Outcomes per day")
    middle.set_xticks(list(positions), labels)
    middle.margins(y=0.3)
    middle.legend(fontsize="small", ncol=3, loc="upper right")

    shown = report.intents[:CHART_INTENTS][::-1]
    bottom.barh([f.intent for f in shown], [f.messages for f in shown], color="#4a6fa5")
    bottom.set_title(f"Messages by intent, {report.first.isoformat()} to {report.last.isoformat()}")
    for axis in (top.yaxis, middle.yaxis, bottom.xaxis):  # counts: whole-number ticks
        axis.set_major_locator(MaxNLocator(integer=True))
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    pyplot.close(figure)


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="reports/analytics")
    parser.add_argument("--days", type=int, help="the last N days (ending at --until)")
    parser.add_argument("--until", type=date.fromisoformat, help="the last day, YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    if args.days is not None and args.days < 1:
        parser.error("--days must be at least 1")
    store = AnalyticsStore()
    store.create_schema()
    report = build_report(store, *period(store, args.days, args.until))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    chart(report, out / "analytics.png")
    (out / "analytics.json").write_text(
        json.dumps(as_json(report), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(render(report))
    print(f"\nchart: {out / 'analytics.png'}\ndata: {out / 'analytics.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
