"""The Official Account's menu, from channels/wechat_menu.json: `menu` is what WeChat shows (posted
as it is) and `clicks` what each button means (its key → the message the borrower would have typed).

`python -m channels.wechat_menu` (`make wechat-menu`) creates it through WeChat's menu API at
deploy time, with the token the replicas share (REDIS_URL): a token of its own would invalidate
theirs.
"""

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any, Dict, Iterator

from channels.wechat_api import DEFAULT_API_BASE, WeChatApi

MENU_FILE = Path(__file__).with_name("wechat_menu.json")


def _click_keys(buttons: list) -> Iterator[str]:
    for button in buttons:
        if button.get("type") == "click":
            yield button["key"]
        yield from _click_keys(button.get("sub_button") or [])


def load(path: Path = MENU_FILE) -> Dict[str, Any]:
    """The menu file, refused when a button's key has no message or a message no button."""
    data = json.loads(path.read_text(encoding="utf-8"))
    keys, clicks = set(_click_keys(data["menu"]["button"])), set(data["clicks"])
    if keys != clicks:
        raise ValueError(
            f"{path}: click keys without a message {sorted(keys - clicks)}, unused {sorted(clicks - keys)}"
        )
    return data


def clicks(path: Path = MENU_FILE) -> Dict[str, str]:
    return dict(load(path)["clicks"])


async def create_menu(api: WeChatApi, path: Path = MENU_FILE) -> Dict[str, Any]:
    try:
        return await api.create_menu(load(path)["menu"])
    finally:
        await api.close()


def main() -> int:
    appid, secret = os.environ.get("WECHAT_APPID", ""), os.environ.get("WECHAT_SECRET", "")
    if not appid or not secret:
        print("set WECHAT_APPID and WECHAT_SECRET (and REDIS_URL when replicas are running)", file=sys.stderr)
        return 2
    api = WeChatApi(
        os.environ.get("WECHAT_API_BASE", DEFAULT_API_BASE),
        appid,
        secret,
        os.environ.get("REDIS_URL", "").strip() or None,
    )
    result = asyncio.run(create_menu(api))
    if result.get("errcode", 0) != 0:
        print(f"WeChat refused the menu: {result.get('errcode')} {result.get('errmsg')}", file=sys.stderr)
        return 1
    print(f"menu created from {MENU_FILE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
