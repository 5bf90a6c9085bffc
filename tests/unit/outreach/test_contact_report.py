"""The compliance report (outreach/report.py) on the real store seeded from the fixture: the exact
breaches of the demo contact log, each contact judged by the settings in force when it was made
(kept by set_preferences in contact_preference_history), complaints beside the borrower's contacts,
the CSV's exact rows, the PNG chart and the command line."""

import csv
import json
from datetime import date, datetime

from PIL import Image

from loan_store.conduct import Preferences
from outreach.report import CSV_COLUMNS, as_json, build_report, chart, main, stored_moment, write_csv

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def breaches(report):
    return [(s.borrower_id, f.contact.at, f.contact.contact_name, f.rule) for s in report.borrowers for f in s.findings]


def local(*parts):
    """A local moment (Asia/Shanghai) as the chat stores it: UTC."""
    return stored_moment(datetime(*parts))


def test_the_fixtures_november_and_its_deliberate_breaches(store):
    report = build_report(store, *NOVEMBER)
    assert report.totals() == {
        "contacts": 8,
        "by_channel": {"sms": 4, "call": 4, "email": 0, "wechat": 0},
        "engine_contacts": 0,
        "other_contacts": 8,
        "breaches": 3,
        "contacts_with_breaches": 2,
        "engine_breaches": 0,
        "by_rule": {"emergency_contact_while_reachable": 1, "outside_hours": 1, "unauthorised_contact": 1},
        "complaints": 0,
    }
    assert [s.borrower_id for s in report.borrowers] == ["B001", "B002", "B003", "B004", "B005"]  # B006: none
    assert breaches(report) == [
        ("B004", datetime(2026, 11, 18, 22, 40), None, "outside_hours"),
        ("B004", datetime(2026, 11, 19, 9, 15), "周杰", "unauthorised_contact"),
        ("B004", datetime(2026, 11, 19, 9, 15), "周杰", "emergency_contact_while_reachable"),
    ]
    assert [f.description for f in report.findings] == [
        "在 08:00–21:00 之外联系",
        "联系了借款人未授权的人",
        "借款人前 7 天内联系得上，仍联系了紧急联系人",
    ]
    # B001's call to 张建国 on 11-01 is judged with the 7 days before it (outside the range): no breach.
    (b001,) = [s for s in report.borrowers if s.borrower_id == "B001"]
    assert [(e.contact.at, e.contact.to) for e in b001.contacts] == [
        (datetime(2026, 11, 1, 11, 0), "emergency_contact")
    ]
    assert b001.findings == []
    days = {d.day: d for d in report.days}
    assert len(report.days) == 30 and days[date(2026, 11, 18)].breaches == 1
    assert days[date(2026, 11, 16)].by_channel == {"sms": 1, "call": 0, "email": 0, "wechat": 0}


def test_each_contact_is_judged_by_the_settings_of_its_time(store):
    # B004 asks for calls 09:00–12:00 on 11-17 at 08:00, then for SMS only on 11-18 at 08:00, and
    # goes back to calls on 11-19 at 12:00; B001 withdraws 张建国 on 10-31; B002 complains about SMS
    # on 11-14 at 10:00.
    store.set_preferences("B004", local(2026, 11, 17, 8, 0), window_start="09:00", window_end="12:00")
    store.set_preferences("B004", local(2026, 11, 18, 8, 0), channel="sms")
    store.set_preferences("B004", local(2026, 11, 19, 12, 0), channel="call")
    (father,) = store.emergency_contacts("B001")
    store.withdraw_authorisation("B001", father.id, local(2026, 10, 31, 20, 0))
    ticket, _ = store.file_complaint(
        "B002", "c1", "excessive_frequency", "短信一直发", None, None, None, local(2026, 11, 14, 10, 0)
    )

    assert store.preferences_at("B004", local(2026, 11, 17, 7, 59)) == Preferences()
    assert store.preferences_at("B004", local(2026, 11, 18, 22, 40)) == Preferences("09:00", "12:00", "sms", False)
    assert store.preferences_at("B004", local(2026, 11, 20, 0, 0)) == Preferences("09:00", "12:00", "call", False)
    assert store.preferences("B004") == Preferences("09:00", "12:00", "call", False)  # today's, as before

    report = build_report(store, *NOVEMBER)
    assert breaches(report) == [
        ("B001", datetime(2026, 11, 1, 11, 0), "张建国", "withdrawn_contact_called"),
        ("B002", datetime(2026, 11, 16, 9, 0), None, "channel_paused_by_complaint"),  # not the SMS of 11-12
        ("B004", datetime(2026, 11, 17, 20, 30), None, "outside_chosen_hours"),
        ("B004", datetime(2026, 11, 18, 22, 40), None, "outside_hours"),
        ("B004", datetime(2026, 11, 18, 22, 40), None, "outside_chosen_hours"),
        ("B004", datetime(2026, 11, 18, 22, 40), None, "not_preferred_channel"),  # SMS only since 08:00
        # the emergency contact: not the borrower's hours or channel, and never authorised
        ("B004", datetime(2026, 11, 19, 9, 15), "周杰", "unauthorised_contact"),
        ("B004", datetime(2026, 11, 19, 9, 15), "周杰", "emergency_contact_while_reachable"),
    ]
    (b002,) = [s for s in report.borrowers if s.borrower_id == "B002"]
    assert [(c.ticket, c.category, c.filed_at, c.status, c.contact_log_ids) for c in b002.complaints] == [
        (ticket.ticket, "excessive_frequency", datetime(2026, 11, 14, 2, 0), "open", ())
    ]
    # As staff read it: beside B002's SMS, in local time.
    (shown,) = [b for b in as_json(report)["borrowers"] if b["borrower_id"] == "B002"]
    assert shown["complaints"] == [
        {
            "ticket": ticket.ticket,
            "category": "excessive_frequency",
            "filed_at": "2026-11-14T10:00",
            "status": "open",
            "attached_contacts": [],
        }
    ]
    assert [(c["at"], [b["rule"] for b in c["breaches"]]) for c in shown["channels"]["sms"]] == [
        ("2026-11-12T09:00", []),
        ("2026-11-16T09:00", ["channel_paused_by_complaint"]),
    ]


def test_a_complaint_in_the_range_shows_its_attached_contacts_even_without_contacts_in_the_range(store):
    ticket, _ = store.file_complaint(
        "B004", "c1", "outside_hours", "晚上十点多打电话", "2026-11-18", None, None, local(2026, 12, 2, 9, 0)
    )
    report = build_report(store, date(2026, 12, 1), date(2026, 12, 31))
    assert [(s.borrower_id, len(s.contacts)) for s in report.borrowers] == [("B004", 0)]
    (complaint,) = report.borrowers[0].complaints
    assert (complaint.ticket, complaint.category, complaint.contact_log_ids) == (
        ticket.ticket,
        "outside_hours",
        (13, 14),
    )


def test_the_csv_has_one_row_per_contact_with_its_breaches(sqlite_store, tmp_path):
    report = build_report(sqlite_store, date(2026, 11, 18), date(2026, 11, 19))
    write_csv(report, tmp_path / "contacts.csv")
    with open(tmp_path / "contacts.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        list(CSV_COLUMNS),
        ["B004", "13", "2026-11-18 22:40", "call", "borrower", "", "collection", "answered", "C-215", "other"]
        + ["outside_hours", "在 08:00–21:00 之外联系"],
        ["B004", "14", "2026-11-19 09:15", "call", "emergency_contact", "周杰", "locate_borrower", "answered", "C-215"]
        + ["other", "unauthorised_contact;emergency_contact_while_reachable"]
        + ["联系了借款人未授权的人；借款人前 7 天内联系得上，仍联系了紧急联系人"],
    ]
    assert CSV_COLUMNS == (
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
    assert (tmp_path / "contacts.csv").read_bytes()[:3] == b"\xef\xbb\xbf"  # the BOM Excel needs for Chinese


def test_the_chart_is_drawn_with_a_bar_per_channel_and_the_breaches(sqlite_store, tmp_path):
    chart(build_report(sqlite_store, *NOVEMBER), tmp_path / "per_day.png")
    with Image.open(tmp_path / "per_day.png") as image:
        assert image.size == (1200, 600)
        pixels = image.convert("RGB")
        colours = {colour for _, colour in pixels.getcolors(maxcolors=1_000_000)}
    assert (0xD9, 0x82, 0x2B) in colours  # the call bars
    assert (0x4A, 0x6F, 0xA5) in colours  # the SMS bars
    assert (0xC0, 0x39, 0x2B) in colours  # the days with a breach
    assert len(colours) > 50  # text, axes, anti-aliasing: not a blank canvas


def test_the_command_writes_the_three_files_and_prints_the_summary(sqlite_store, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", sqlite_store.url)
    out = tmp_path / "contacts"
    assert main(["--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[:6] == [
        "还款助手 contact report, 2026-11-01 to 2026-11-30 (local time, Asia/Shanghai)",
        "contacts 8 (engine 0, other 8): sms 4, call 4, email 0, wechat 0",
        "breaches 3 on 2 contacts (engine-made: 0); complaints filed 0",
        "  emergency_contact_while_reachable        1  借款人前 7 天内联系得上，仍联系了紧急联系人",
        "  outside_hours                            1  在 08:00–21:00 之外联系",
        "  unauthorised_contact                     1  联系了借款人未授权的人",
    ]
    assert "  B004  #13  2026-11-18 22:40  call   borrower  outside_hours  在 08:00–21:00 之外联系" in printed
    assert sorted(p.name for p in out.iterdir()) == ["contacts.csv", "per_day.png", "report.json"]
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert saved["totals"]["breaches"] == 3 and len(saved["per_day"]) == 30
    (b004,) = [b for b in saved["borrowers"] if b["borrower_id"] == "B004"]
    assert {channel: len(items) for channel, items in b004["channels"].items()} == {"call": 3}
    assert b004["channels"]["call"][1]["breaches"] == [
        {"rule": "outside_hours", "description": "在 08:00–21:00 之外联系"}
    ]


def test_settings_stored_before_the_history_was_kept_count_from_their_last_change(sqlite_store):
    from loan_store import models

    with sqlite_store.session() as s:  # a store of before contact_preference_history: the row alone
        s.add(
            models.ContactPreference(
                borrower_id="B003", channel="email", reminders=False, updated_at=local(2026, 11, 5, 9, 0)
            )
        )
    assert sqlite_store.preferences_at("B003", local(2026, 11, 5, 8, 59)) == Preferences()
    assert sqlite_store.preferences_at("B003", local(2026, 11, 5, 9, 0)) == Preferences(None, None, "email", False)
    report = build_report(sqlite_store, *NOVEMBER)
    assert [(f.contact.at, f.rule) for f in report.findings if f.contact.id == 9] == []  # the SMS of 11-02
