"""The web chat widget: our socket.io channel from a Python client, then in a real browser."""

import json
import queue
import re
import shutil
import time
from pathlib import Path

import pytest
import socketio

from auth.tokens import mint_host_token
from tests.conftest import ROOT, TEST_SECRET

SHOTS = ROOT / "reports" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class Client:
    def __init__(self, url, auth=None, origin=None):
        self.replies, self.confirm = queue.Queue(), queue.Queue()
        self.sio = socketio.Client()
        self.sio.on("bot_uttered", lambda data: self.replies.put(data))
        self.sio.on("session_confirm", lambda data: self.confirm.put(data))
        self.sio.connect(
            url,
            auth=auth,
            transports=["polling"],
            socketio_path="/socket.io",
            headers={"Origin": origin or url},
            wait_timeout=10,
        )

    def ask(self, text, wait=30):
        self.sio.emit(
            "user_uttered", {"message": text, "metadata": {"auth_token": "forged"}, "session_id": "someone-else"}
        )
        texts, deadline = [], time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                texts.append(self.replies.get(timeout=3)["text"])
            except queue.Empty:
                if texts:
                    break
        return "\n".join(texts)

    def close(self):
        self.sio.disconnect()


def test_replies_arrive_and_identity_comes_from_the_token(assistant):
    token = mint_host_token("B001", secret=TEST_SECRET)
    first = Client(assistant.rasa_url, auth={"token": token})
    conversation = first.confirm.get(timeout=10)["session_id"]
    assert "您当前逾期应还共 3363.24 元" in first.ask("我欠多少钱")
    first.close()
    again = Client(assistant.rasa_url, auth={"token": token})
    assert again.confirm.get(timeout=10)["session_id"] == conversation  # same borrower, same conversation
    again.close()


def test_anonymous_session_survives_a_reconnect_and_learns_nothing(assistant):
    first = Client(assistant.rasa_url)
    confirm = first.confirm.get(timeout=10)
    assert confirm["session_id"].startswith("anon-") and confirm["session_token"]
    # Client metadata claiming to be B001 is ignored: the anonymous visitor must verify.
    assert "需要先确认您的身份" in first.ask("我欠多少钱")
    first.close()
    again = Client(assistant.rasa_url, auth={"session": confirm["session_token"]})
    assert again.confirm.get(timeout=10)["session_id"] == confirm["session_id"]
    again.close()


@pytest.mark.parametrize(
    "auth", [{"token": "forged.token.value"}, {"token": mint_host_token("B999", secret=TEST_SECRET)}]
)
def test_bad_tokens_are_refused_at_connect(assistant, auth):
    with pytest.raises(socketio.exceptions.ConnectionError):
        Client(assistant.rasa_url, auth=auth)


def test_other_origins_are_refused(assistant):
    with pytest.raises(socketio.exceptions.ConnectionError):
        Client(assistant.rasa_url, origin="http://evil.example")


# In a real browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: make test installs it"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


def open_chat(page):
    page.get_by_role("button", name="还款助手").click()
    return page.get_by_label("输入消息")


def send(page, box, text):
    box.fill(text)
    box.press("Enter")


def verify_as_b001(page, box, assistant):
    """An anonymous visitor asks what they owe and verifies with B001's phone and the SMS code."""
    send(page, box, "我欠多少钱")
    page.get_by_text("11位手机号码", exact=False).wait_for(timeout=30000)
    send(page, box, "13800138001")
    page.get_by_text("6位验证码已通过短信发出", exact=False).wait_for(timeout=30000)
    send(page, box, assistant.last_code("13800138001"))


def test_logged_in_borrower_in_the_browser(assistant, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone-sized screen
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{assistant.rasa_url}/webhooks/web/loans?borrower=B001")
    box = open_chat(page)
    send(page, box, "我欠多少钱")
    page.get_by_text("您当前逾期应还共 3363.24 元", exact=False).wait_for(timeout=30000)
    page.screenshot(path=str(SHOTS / "widget-b001-owes.png"))
    send(page, box, "我想协商分期")
    page.get_by_role("button", name="分6期").click()
    page.get_by_text("每月还 580.32 元", exact=False).first.wait_for(timeout=30000)
    page.screenshot(path=str(SHOTS / "widget-b001-plan-quote.png"))
    page.get_by_role("button", name="不要了").last.click()
    page.get_by_text("已取消", exact=False).wait_for(timeout=30000)
    page.reload()
    page.get_by_text("您当前逾期应还共 3363.24 元", exact=False).wait_for(timeout=10000)  # kept across reload
    page.screenshot(path=str(SHOTS / "widget-after-reload.png"))
    assert not [e for e in errors if "Content Security Policy" in e]
    page.close()


def test_bot_text_is_never_html(assistant, browser):
    page = browser.new_page()
    page.goto(f"{assistant.rasa_url}/webhooks/web/")
    box = open_chat(page)
    send(page, box, "<img src=x onerror=alert(1)>你好")
    page.get_by_text("<img src=x onerror=alert(1)>你好").wait_for(timeout=10000)  # shown as text
    page.locator(".hk-bot").first.wait_for(timeout=30000)  # whatever the answer, it arrived as text
    assert page.locator(".hk-log img").count() == 0
    page.close()


def test_anonymous_visitor_verifies_by_sms_code(assistant, browser):
    page = browser.new_page()
    page.goto(f"{assistant.rasa_url}/webhooks/web/")
    box = open_chat(page)
    verify_as_b001(page, box, assistant)
    page.get_by_text("身份验证成功", exact=False).wait_for(timeout=30000)
    page.get_by_text("3363.24", exact=False).first.wait_for(timeout=10000)
    page.screenshot(path=str(SHOTS / "widget-anonymous-verified.png"))
    page.close()


def test_pages_carry_a_content_security_policy(assistant):
    import requests

    reply = requests.get(f"{assistant.rasa_url}/webhooks/web/", timeout=10)
    assert "script-src 'self'" in reply.headers["Content-Security-Policy"]
    assert "<script>" not in reply.text  # no inline script


def test_no_token_is_minted_after_the_host_login_ran_out(assistant):
    """#15 item 12: the socket stops speaking for the borrower when the host token expires."""
    token = mint_host_token("B001", ttl_seconds=3, secret=TEST_SECRET)
    client = Client(assistant.rasa_url, auth={"token": token})
    assert "3363.24" in client.ask("我欠多少钱")
    time.sleep(3.5)
    late = client.ask("我欠多少钱", wait=10)
    assert "您的登录已过期" in late and "3363.24" not in late
    try:
        client.close()
    except Exception:  # the server already closed it
        pass


def until(condition, seconds=15.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the page did not get there in time"
        time.sleep(0.2)


def test_ending_the_session_leaves_nothing_in_the_browser(assistant, browser):
    """#15 item 12: after 结束会话 the figures are gone from the page and the browser's storage, and
    the next visitor on this device is a new anonymous visitor who must verify."""
    page = browser.new_page()
    page.goto(f"{assistant.rasa_url}/webhooks/web/")
    box = open_chat(page)
    verify_as_b001(page, box, assistant)
    page.get_by_text("3363.24", exact=False).first.wait_for(timeout=30000)
    stored = lambda: json.dumps(page.evaluate("Object.assign({}, window.sessionStorage)"), ensure_ascii=False)
    assert "3363.24" in stored()
    first_session = page.evaluate("window.sessionStorage.getItem('hk-session')")
    send(page, box, "结束会话")
    page.get_by_text("已为您结束本次会话", exact=False).wait_for(timeout=30000)
    # A new anonymous session (polled from here: the page's CSP forbids the eval wait_for_function uses).
    until(lambda: page.evaluate("window.sessionStorage.getItem('hk-session')") not in (None, first_session))
    assert "3363.24" not in stored() and "13800138001" not in stored()
    assert "3363.24" not in page.locator(".hk-log").inner_text()
    page.reload()
    box = open_chat(page)
    assert "3363.24" not in page.locator(".hk-log").inner_text()
    send(page, box, "我欠多少钱")
    page.get_by_text("11位手机号码", exact=False).wait_for(timeout=30000)  # the next visitor verifies anew
    assert "3363.24" not in page.locator(".hk-log").inner_text()
    page.close()


def test_a_logged_in_borrower_who_ends_the_session_keeps_no_transcript(assistant, browser):
    page = browser.new_page()
    page.goto(f"{assistant.rasa_url}/webhooks/web/loans?borrower=B001")
    box = open_chat(page)
    send(page, box, "我欠多少钱")
    page.get_by_text("3363.24", exact=False).first.wait_for(timeout=30000)
    send(page, box, "退出登录")
    page.get_by_text("已为您结束本次会话", exact=False).wait_for(timeout=30000)
    until(lambda: not [k for k in page.evaluate("Object.keys(window.sessionStorage)") if k.startswith("hk-transcript")])
    assert "3363.24" not in page.locator(".hk-log").inner_text()
    page.close()


def test_used_quick_replies_cannot_be_pressed_again_and_messages_show_their_time(assistant, browser):
    """#18: a button group is retired once one is chosen or a later message is sent; every message
    shows the time it was sent."""
    page = browser.new_page()
    page.goto(f"{assistant.rasa_url}/webhooks/web/loans?borrower=B001")
    box = open_chat(page)
    send(page, box, "我想协商分期")
    six = page.get_by_role("button", name="分6期").last
    six.wait_for(timeout=30000)  # (right after the previous test ended B001's session: a new login counts)
    assert six.is_enabled()
    six.click()
    page.get_by_text("每月还 580.32 元", exact=False).first.wait_for(timeout=30000)
    assert six.is_disabled()  # chosen: the group is retired
    dont = page.get_by_role("button", name="不要了").last
    dont.wait_for(timeout=30000)
    send(page, box, "算了")  # a later message retires the newest group too
    page.get_by_text("已取消", exact=False).last.wait_for(timeout=30000)
    assert dont.is_disabled()
    times = page.locator(".hk-msg .hk-time").all_inner_texts()
    assert len(times) >= 4 and all(re.fullmatch(r"\d\d:\d\d", t) for t in times)
    page.close()


def test_a_document_downloads_from_the_chat_with_the_borrowers_login(assistant, browser, tmp_path):
    """#17: the statement comes as a download button; the widget fetches it with the host login (the
    link alone is refused), once; the PDF's text layer has the chat's figure."""
    from tests.pdf_reading import pdf_text, render_pages

    page = browser.new_page(accept_downloads=True)
    page.goto(f"{assistant.rasa_url}/webhooks/web/loans?borrower=B005")
    box = open_chat(page)
    send(page, box, "帮我出一份对账单")
    button = page.get_by_role("button", name="下载《对账单》PDF").last
    button.wait_for(timeout=30000)
    assert page.get_by_text("/webhooks/documents/download/", exact=False).count() == 0  # a button, not a raw link
    page.screenshot(path=str(SHOTS / "widget-document.png"))
    with page.expect_download(timeout=15000) as caught:
        button.click()
    saved = tmp_path / "statement.pdf"
    caught.value.save_as(saved)
    pdf = saved.read_bytes()
    assert "全部结清合计4264.61元。" in re.sub(r"\s+", "", pdf_text(pdf))
    render_pages(pdf, SHOTS, "statement-b005")
    assert button.is_disabled()
    page.close()
