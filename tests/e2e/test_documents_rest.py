"""Written documents end to end (#17): asked for over REST, downloaded from the Rasa server's
documents door by the borrower only, once, within ten minutes; checked by the lender's staff."""

import re
from datetime import timedelta

import requests
from sqlalchemy import update

from loan_store import models
from loan_store.repository import LoanStore
from rules.calendar import utc_now
from tests.e2e.conftest import AS_OF
from tests.e2e.test_rest_conversations import token
from tests.pdf_reading import pdf_text

LINK = re.compile(r"(http://\S+/webhooks/documents/download/[A-Za-z0-9_-]+)")


def ask_for_document(assistant, sender, text, metadata=None):
    messages = assistant.say(sender, text, metadata)
    documents = [m["custom"]["document"] for m in messages if (m.get("custom") or {}).get("document")]
    said = "\n".join(m["text"] for m in messages if "text" in m)
    return said, documents


def bearer(borrower_id):
    return {"Authorization": f"Bearer {token(borrower_id)['auth_token']}"}


def test_the_borrower_downloads_the_statement_once(assistant, sender):
    said, (document,) = ask_for_document(assistant, sender, "你好，麻烦帮我出一份对账单，单位要用", token("B005"))
    assert f"已为您出具《对账单》，凭证编号 {document['reference']}" in said
    url = LINK.search(said).group(1)
    assert url.endswith(document["path"]) and url == document["url"]
    local = assistant.rasa_url + document["path"]

    assert requests.get(local, timeout=10).status_code == 403  # no login: issued to a logged-in borrower
    other = requests.get(local, headers=bearer("B001"), timeout=10)
    assert other.status_code == 403 and "只能由借款人本人" in other.text

    mine = requests.get(local, headers=bearer("B005"), timeout=10)
    assert mine.status_code == 200, mine.text
    assert mine.headers["Content-Type"] == "application/pdf"
    assert mine.headers["Cache-Control"] == "no-store"
    assert mine.headers["Content-Disposition"] == f'attachment; filename="statement-{document["reference"]}.pdf"'
    text = re.sub(r"\s+", "", pdf_text(mine.content))
    assert "您当前逾期应还共1629.42元" in text and "全部结清合计4264.61元。" in text

    again = requests.get(local, headers=bearer("B005"), timeout=10)
    assert again.status_code == 410 and "已经用过了" in again.text


def test_the_staff_check_says_genuine_or_not_and_nothing_more(assistant, sender):
    _, (document,) = ask_for_document(assistant, sender, "对账单", token("B001"))
    reference = document["reference"]
    check = requests.get(f"{assistant.rasa_url}/webhooks/documents/check/{reference}", timeout=10)
    assert check.status_code == 200 and check.json() == {"reference": reference, "genuine": True}
    unknown = requests.get(f"{assistant.rasa_url}/webhooks/documents/check/D20261120ZZZZZZZZ", timeout=10)
    assert unknown.json() == {"reference": "D20261120ZZZZZZZZ", "genuine": False}
    nonsense = requests.get(f"{assistant.rasa_url}/webhooks/documents/check/../../etc", timeout=10)
    assert nonsense.status_code in (200, 404) and "B001" not in nonsense.text

    pdf = requests.get(assistant.rasa_url + document["path"], headers=bearer("B001"), timeout=10).content
    held = requests.post(f"{assistant.rasa_url}/webhooks/documents/check", data=pdf, timeout=10)
    assert held.json() == {"genuine": True, "reference": reference}
    altered = requests.post(
        f"{assistant.rasa_url}/webhooks/documents/check", data=pdf.replace(b"/Title", b"/TitlE"), timeout=10
    )
    assert altered.json() == {"genuine": False, "reference": None}
    not_pdf = requests.post(f"{assistant.rasa_url}/webhooks/documents/check", data=b"hello", timeout=10)
    assert not_pdf.status_code == 400 and not_pdf.json()["genuine"] is False


def test_an_expired_link_is_gone(assistant, sender, monkeypatch):
    monkeypatch.setenv("ASSISTANT_TODAY", AS_OF)  # the servers' clock: their day is pinned
    _, (document,) = ask_for_document(assistant, sender, "延期确认书和对账单", token("B002"))
    store = LoanStore(assistant.database_url)
    with store.session() as s:  # ten minutes pass
        s.execute(
            update(models.DocumentLink)
            .where(models.DocumentLink.reference == document["reference"])
            .values(expires_at=utc_now() - timedelta(seconds=1))
        )
    store.engine.dispose()
    gone = requests.get(assistant.rasa_url + document["path"], headers=bearer("B002"), timeout=10)
    assert gone.status_code == 410 and "已过期" in gone.text


def test_an_unknown_link_is_refused(assistant):
    missing = requests.get(f"{assistant.rasa_url}/webhooks/documents/download/not-a-link-0123456789abcdef", timeout=10)
    assert missing.status_code == 404 and "无效" in missing.text


def test_nobody_unverified_gets_a_link(assistant, sender):
    said, documents = ask_for_document(assistant, sender, "给我开个对账单")
    assert documents == [] and "/webhooks/documents/download/" not in said
    assert "可以为您出具书面凭证（PDF）" in said and "11位手机号码" in said


def test_after_sms_verification_the_link_itself_is_the_key(assistant, sender):
    assistant.text(sender, "我要一份对账单")
    assistant.text(sender, "13800138001")
    messages = assistant.say(sender, assistant.last_code("13800138001"))
    said = "\n".join(m["text"] for m in messages if "text" in m)
    assert "身份验证成功" in said and "已为您出具《对账单》" in said
    (url,) = LINK.findall(said)
    path = url[url.index("/webhooks/") :]
    first = requests.get(assistant.rasa_url + path, timeout=10)
    assert first.status_code == 200 and "今天一次性结清需还5525.81元" in re.sub(r"\s+", "", pdf_text(first.content))
    assert requests.get(assistant.rasa_url + path, timeout=10).status_code == 410
    other = requests.get(assistant.rasa_url + path, headers=bearer("B003"), timeout=10)
    assert other.status_code == 403
