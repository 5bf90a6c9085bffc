"""The compliance report for the lender's staff (issue #19, item 4): every contact of a date range,
engine-made or not, by borrower and channel, each judged by the contact policy and by the borrower's
settings as they stood at that moment (rules/contact_audit.py), with the complaints each borrower
filed in the range beside their contacts; counts per day as a PNG chart; one CSV row per contact.

    python -m outreach.report --from 2026-11-01 --to 2026-11-30 --out reports/contacts
                                                   (make contact-report FROM=2026-11-01 TO=2026-11-30)

Writes report.json, contacts.csv (UTF-8 with a BOM, so Excel and WPS read the Chinese) and
per_day.png to --out, and prints a summary. Without --to: today (ASSISTANT_TODAY when pinned);
without --from: the 30 days ending --to. Contact times are local (Asia/Shanghai), as logged; the
store keeps settings changes, withdrawals and complaints in UTC, converted here.
"""

import argparse
import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

from loan_store.conduct import ComplaintSummary, LogEntry, Preferences
from loan_store.contact_runs import CONTACT_CATEGORIES, paused_by
from loan_store.repository import LoanStore
from rules.calendar import SHANGHAI, beijing_time, today
from rules.contact_audit import (
    CHANNELS,
    RULE_TEXT,
    ChannelPause,
    ContactRecord,
    DayCount,
    Finding,
    ListedContact,
    SettingsChange,
    audit,
    look_back,
    per_day,
)
from rules.contact_plan import Settings
from rules.ledger import Ledger

BATCH = 500
CSV_COLUMNS = (
    "borrower_id",
    "contact_id",
    "at",
    "channel",
    "to",
    "contact_name",
    "purpose",
    "outcome",
    "agent",
    "source",
    "breach_rules",
    "breach_descriptions",
)
CHART_COLOURS = {"sms": "#4a6fa5", "call": "#d9822b", "email": "#4c9f70", "wechat": "#7b5ea7", "webchat": "#8c8c8c"}


def stored_moment(local: datetime) -> datetime:
    """A local moment (Asia/Shanghai, no zone) as the store keeps moments: UTC without a zone."""
    return local.replace(tzinfo=SHANGHAI).astimezone(timezone.utc).replace(tzinfo=None)


def _time(text: Optional[str]) -> Optional[time]:
    try:
        return time.fromisoformat(text) if text else None
    except ValueError:
        return None


def settings_of(prefs: Preferences) -> Settings:
    return Settings(_time(prefs.window_start), _time(prefs.window_end), prefs.channel, prefs.reminders)


@dataclass
class BorrowerSection:
    borrower_id: str
    contacts: List[LogEntry]  # made in the range, by time
    findings: List[Finding]
    complaints: List[ComplaintSummary]  # filed in the range

    def findings_of(self, contact_id: int) -> List[Finding]:
        return [f for f in self.findings if f.contact.id == contact_id]

    def by_channel(self) -> Dict[str, List[LogEntry]]:
        out: Dict[str, List[LogEntry]] = {}
        for entry in self.contacts:
            out.setdefault(entry.contact.channel, []).append(entry)
        return out


@dataclass
class ContactReport:
    first: date
    last: date
    borrowers: List[BorrowerSection] = field(default_factory=list)
    days: List[DayCount] = field(default_factory=list)

    @property
    def contacts(self) -> List[LogEntry]:
        return [entry for section in self.borrowers for entry in section.contacts]

    @property
    def findings(self) -> List[Finding]:
        return [f for section in self.borrowers for f in section.findings]

    def engine_findings(self) -> List[Finding]:
        engine = {e.contact.id for e in self.contacts if e.plan_key}
        return [f for f in self.findings if f.contact.id in engine]

    def totals(self) -> Dict:
        contacts = self.contacts
        by_channel = Counter(e.contact.channel for e in contacts)
        return {
            "contacts": len(contacts),
            "by_channel": {c: by_channel[c] for c in CHANNELS + tuple(sorted(set(by_channel) - set(CHANNELS)))},
            "engine_contacts": sum(1 for e in contacts if e.plan_key),
            "other_contacts": sum(1 for e in contacts if not e.plan_key),
            "breaches": len(self.findings),
            "contacts_with_breaches": len({f.contact.id for f in self.findings}),
            "engine_breaches": len(self.engine_findings()),
            "by_rule": dict(sorted(Counter(f.rule for f in self.findings).items())),
            "complaints": sum(len(s.complaints) for s in self.borrowers),
        }


def _pauses(complaints: Iterable[ComplaintSummary]) -> List[ChannelPause]:
    """The channels each complaint about contact paused, from when it was filed. Only open ones: the
    store does not keep when a complaint was answered, so an answered one cannot be judged."""
    return [
        ChannelPause(paused_by(c.category, c.description), beijing_time(c.filed_at), c.ticket)
        for c in complaints
        if c.status == "open" and c.category in CONTACT_CATEGORIES
    ]


def _sections(store: LoanStore, ids: Sequence[str], first: date, last: date) -> List[BorrowerSection]:
    since = datetime.combine(look_back(first), time(0))
    until = datetime.combine(last + timedelta(days=1), time(0))
    logs = store.contact_log_of(ids, since, until)
    history = store.preference_history(ids)
    people = store.contact_authorisations(ids)
    complaints = store.complaint_summaries(ids)
    out = []
    for borrower_id in ids:
        record = ContactRecord(
            borrower_id,
            store.ledger(borrower_id) or Ledger(borrower_id),
            tuple(e.contact for e in logs[borrower_id]),
            tuple(SettingsChange(beijing_time(c.changed_at), settings_of(c.preferences)) for c in history[borrower_id]),
            tuple(
                ListedContact(
                    p.name, p.relation, p.authorized, beijing_time(p.withdrawn_at) if p.withdrawn_at else None
                )
                for p in people[borrower_id]
            ),
            tuple(_pauses(complaints[borrower_id])),
        )
        out.append(
            BorrowerSection(
                borrower_id,
                [e for e in logs[borrower_id] if first <= e.contact.at.date() <= last],
                audit(record, first, last),
                [c for c in complaints[borrower_id] if first <= beijing_time(c.filed_at).date() <= last],
            )
        )
    return out


def build_report(store: LoanStore, first: date, last: date, batch: int = BATCH) -> ContactReport:
    """Reads the range `batch` borrowers at a time: those contacted in it and those who complained in it."""
    start, end = datetime.combine(first, time(0)), datetime.combine(last + timedelta(days=1), time(0))
    ids = sorted(
        set(store.contact_log_borrowers(start, end))
        | set(store.complaint_borrowers(stored_moment(start), stored_moment(end)))
    )
    report = ContactReport(first, last)
    for offset in range(0, len(ids), batch):
        report.borrowers += _sections(store, ids[offset : offset + batch], first, last)
    report.days = per_day([e.contact for e in report.contacts], report.findings, first, last)
    return report


# Output ---------------------------------------------------------------------------------------------


def _contact_json(entry: LogEntry, findings: Sequence[Finding]) -> Dict:
    c = entry.contact
    return {
        "id": c.id,
        "at": c.at.isoformat(timespec="minutes"),
        "channel": c.channel,
        "to": c.to,
        "contact_name": c.contact_name,
        "purpose": c.purpose,
        "outcome": c.outcome,
        "agent": c.agent,
        "source": "engine" if entry.plan_key else "other",
        "plan_key": entry.plan_key,
        "breaches": [{"rule": f.rule, "description": f.description} for f in findings],
    }


def _complaint_json(complaint: ComplaintSummary) -> Dict:
    return {
        "ticket": complaint.ticket,
        "category": complaint.category,
        "filed_at": beijing_time(complaint.filed_at).isoformat(timespec="minutes"),
        "status": complaint.status,
        "attached_contacts": list(complaint.contact_log_ids),
    }


def as_json(report: ContactReport) -> Dict:
    return {
        "first": report.first.isoformat(),
        "last": report.last.isoformat(),
        "times": "local, Asia/Shanghai",
        "totals": report.totals(),
        "rules": RULE_TEXT,
        "per_day": [
            {"day": d.day.isoformat(), **d.by_channel, "contacts_with_breaches": d.breaches} for d in report.days
        ],
        "borrowers": [
            {
                "borrower_id": s.borrower_id,
                "contacts": len(s.contacts),
                "breaches": len(s.findings),
                "channels": {
                    channel: [_contact_json(e, s.findings_of(e.contact.id)) for e in entries]
                    for channel, entries in s.by_channel().items()
                },
                "complaints": [_complaint_json(c) for c in s.complaints],
            }
            for s in report.borrowers
        ],
    }


def csv_rows(report: ContactReport) -> List[List[str]]:
    rows = []
    for section in report.borrowers:
        for entry in section.contacts:
            c, findings = entry.contact, section.findings_of(entry.contact.id)
            rows.append(
                [
                    section.borrower_id,
                    str(c.id),
                    c.at.isoformat(sep=" ", timespec="minutes"),
                    c.channel,
                    c.to,
                    c.contact_name or "",
                    c.purpose,
                    c.outcome or "",
                    c.agent or "",
                    "engine" if entry.plan_key else "other",
                    ";".join(f.rule for f in findings),
                    "；".join(f.description for f in findings),
                ]
            )
    return rows


def write_csv(report: ContactReport, path: Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_rows(report))


def chart(report: ContactReport, path: Path) -> None:
    """Contacts per day, stacked by channel, and the contacts with a breach (ASCII labels: no font needed)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.ticker import MaxNLocator

    positions = list(range(len(report.days)))
    step = max(1, len(positions) // 15)
    ticks = positions[::step]
    labels = [report.days[i].day.strftime("%m-%d") for i in ticks]
    figure, (top, bottom) = pyplot.subplots(
        2, 1, figsize=(12, 6), dpi=100, sharex=True, gridspec_kw={"height_ratios": [3, 1]}
    )
    base = [0] * len(positions)
    channels = [c for c in report.days[0].by_channel] if report.days else list(CHANNELS)
    for channel in channels:
        counts = [d.by_channel.get(channel, 0) for d in report.days]
        top.bar(positions, counts, bottom=base, label=channel, color=CHART_COLOURS.get(channel))
        base = [b + n for b, n in zip(base, counts, strict=True)]
    top.set_title(f"Contacts per day by channel, {report.first.isoformat()} to {report.last.isoformat()}")
    top.set_ylabel("contacts")
    top.set_ylim(0, max([1] + base) * 1.3)  # room for the legend above the tallest bar
    top.legend(ncol=len(channels), loc="upper right")
    bottom.bar(positions, [d.breaches for d in report.days], color="#c0392b")
    bottom.set_ylabel("with a breach")
    bottom.set_xticks(ticks, labels)
    for axis in (top.yaxis, bottom.yaxis):
        axis.set_major_locator(MaxNLocator(integer=True))
    bottom.set_ylim(bottom=0, top=max([1] + [d.breaches for d in report.days]) + 0.5)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)


def render(report: ContactReport) -> str:
    totals = report.totals()
    channels = ", ".join(f"{c} {n}" for c, n in totals["by_channel"].items())
    lines = [
        f"还款助手 contact report, {report.first.isoformat()} to {report.last.isoformat()} (local time, Asia/Shanghai)",
        f"contacts {totals['contacts']} (engine {totals['engine_contacts']}, other {totals['other_contacts']}): "
        + channels,
        f"breaches {totals['breaches']} on {totals['contacts_with_breaches']} contacts "
        f"(engine-made: {totals['engine_breaches']}); complaints filed {totals['complaints']}",
    ]
    for rule, count in totals["by_rule"].items():
        lines.append(f"  {rule:<36} {count:>5}  {RULE_TEXT[rule]}")
    lines.append("")
    lines.append("borrower  " + "  ".join(f"{c:>6}" for c in totals["by_channel"]) + "  breaches  complaints")
    for s in report.borrowers:
        counts = Counter(e.contact.channel for e in s.contacts)
        lines.append(
            f"{s.borrower_id:<8}  "
            + "  ".join(f"{counts[c]:>6}" for c in totals["by_channel"])
            + f"  {len(s.findings):>8}  {len(s.complaints):>10}"
        )
    if report.findings:
        lines += ["", "Breaches"]
        for s in report.borrowers:
            for f in s.findings:
                c = f.contact
                who = c.to + (f" {c.contact_name}" if c.contact_name else "")
                lines.append(
                    f"  {s.borrower_id}  #{c.id}  {c.at:%Y-%m-%d %H:%M}  {c.channel:<6} {who}  {f.rule}  {f.description}"
                )
    complaints = [(s.borrower_id, c) for s in report.borrowers for c in s.complaints]
    if complaints:
        lines += ["", "Complaints filed"]
        for borrower_id, c in complaints:
            lines.append(
                f"  {borrower_id}  {c.ticket}  {c.category}  {beijing_time(c.filed_at):%Y-%m-%d %H:%M}  {c.status}"
            )
    return "\n".join(lines)


def write(report: ContactReport, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(as_json(report), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write_csv(report, out / "contacts.csv")
    chart(report, out / "per_day.png")


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="first", type=date.fromisoformat, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="last", type=date.fromisoformat, help="last day, YYYY-MM-DD (default: today)")
    parser.add_argument("--out", default="reports/contacts")
    args = parser.parse_args(argv)
    last = args.last or today()
    first = args.first or last - timedelta(days=29)
    if first > last:
        parser.error("--from must not be after --to")
    store = LoanStore()
    store.create_schema()
    report = build_report(store, first, last)
    out = Path(args.out)
    write(report, out)
    print(render(report))
    print(f"\nreport: {out / 'report.json'}\ncsv: {out / 'contacts.csv'}\nchart: {out / 'per_day.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
