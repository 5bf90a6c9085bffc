"""Where one turn's time goes on the server, measured without load: NLU, actions, and the rest
(policies plus the dialogue machinery around them).

- turn: POST /webhooks/rest/webhook, one conversation after another, message by message;
- NLU: POST /model/parse with the same text (the whole NLU pipeline, HTTP included, no dialogue);
- actions: every action server call of the turn is made again directly on the action server's
  /webhook with the request Rasa sent — the tracker as it stood just before the action
  (GET /conversations/<id>/tracker?until=<timestamp>, with the borrower's token put back into the
  message metadata, which the tracker store keeps redacted), the domain (GET /domain) — and
  timed: each custom action, and for a form its validate_<form> and action_ask_<slot> calls
  (replayed on the tracker from before the form ran, an approximation);
- policies and the rest = turn − NLU − actions (medians), which also holds the tracker and lock
  store, building and sending the action request and checking its answer.
"""

import asyncio
import json
import os
import statistics
import time
from typing import Dict, List, Optional

import aiohttp

from bench.load import Script, new_sender

TIMEOUT = aiohttp.ClientTimeout(total=120)


def median_ms(values: List[float]) -> Optional[float]:
    return round(statistics.median(values) * 1000, 1) if values else None


async def _timed_post(session: aiohttp.ClientSession, url: str, body: dict, **kwargs):
    started = time.monotonic()
    async with session.post(url, json=body, timeout=TIMEOUT, **kwargs) as response:
        payload = await response.json(content_type=None)
        return time.monotonic() - started, response.status, payload


async def measure(
    rasa_url: str,
    token: str,
    script: Script,
    reps: int,
    action_url: Optional[str] = None,
    selective_domain: bool = False,
) -> Dict[str, object]:
    params = {"token": token}
    turn_s: List[List[float]] = [[] for _ in script.messages]
    nlu_s: List[List[float]] = [[] for _ in script.messages]
    intents: List[Optional[str]] = [None for _ in script.messages]
    senders = []
    async with aiohttp.ClientSession() as session:
        for _ in range(reps):
            sender, metadata = new_sender("bench-breakdown"), script.metadata()
            senders.append(sender)
            for k, message in enumerate(script.messages):
                body = {"sender": sender, "message": message.text}
                if metadata is not None:
                    body["metadata"] = metadata
                seconds, status, _ = await _timed_post(session, f"{rasa_url}/webhooks/rest/webhook", body)
                if status == 200:
                    turn_s[k].append(seconds)
        for k, message in enumerate(script.messages):
            for _ in range(reps):
                seconds, status, parsed = await _timed_post(
                    session, f"{rasa_url}/model/parse", {"text": message.text}, params=params
                )
                if status != 200:
                    return {
                        "measured": False,
                        "reason": f"not measured: /model/parse answered HTTP {status} "
                        "(needs --enable-api and the bench's auth token)",
                    }
                nlu_s[k].append(seconds)
                intents[k] = (parsed.get("intent") or {}).get("name")
        actions = (
            await _action_times(
                session,
                rasa_url,
                params,
                action_url,
                senders[-1],
                len(script.messages),
                reps,
                script.metadata(),
                selective_domain,
            )
            if action_url
            else None
        )

    per_message = []
    for k, message in enumerate(script.messages):
        turn, nlu = median_ms(turn_s[k]), median_ms(nlu_s[k])
        action_ms = round(sum(a["median_ms"] for a in actions["per_message"][k]), 1) if actions else 0.0
        per_message.append(
            {
                "text": message.text,
                "intent": intents[k],
                "turn_ms": turn,
                "nlu_ms": nlu,
                "actions_ms": action_ms,
                "actions": actions["per_message"][k] if actions else [],
                "policies_and_rest_ms": round(turn - nlu - action_ms, 1)
                if turn is not None and nlu is not None
                else None,
            }
        )

    def mean_of(key: str) -> Optional[float]:
        values = [m[key] for m in per_message if m[key] is not None]
        return round(sum(values) / len(values), 1) if values else None

    result = {
        "measured": True,
        "reps": reps,
        "per_message": per_message,
        "mean_per_message_ms": {
            key: mean_of(key) for key in ("turn_ms", "nlu_ms", "actions_ms", "policies_and_rest_ms")
        },
    }
    if actions:
        result["action_request"] = actions["request"]
    else:
        result["actions_note"] = (
            "no action server: every action of this bot is a response rendered inside "
            "the Rasa server, so its time is part of policies and the rest"
        )
    return result


def _calls_of(action: str, later_events: List[dict], custom: set, forms: set) -> List[str]:
    """The action server calls Rasa made for one ActionExecuted: the action itself when it is
    custom; for a form, its validate_<form> action and the action_ask_<slot> of the slot it
    then requested, when those are custom."""
    calls = [action] if action in custom else []
    if action in forms:
        if f"validate_{action}" in custom:
            calls.append(f"validate_{action}")
        for event in later_events:
            if event.get("event") == "action":
                break
            if event.get("event") == "slot" and event.get("name") == "requested_slot" and event.get("value"):
                if f"action_ask_{event['value']}" in custom:
                    calls.append(f"action_ask_{event['value']}")
                break
    return calls


def _with_metadata(state: dict, metadata: Optional[dict]) -> dict:
    """The tracker as the running conversation had it: the store keeps message metadata without
    its credentials (auth/redaction.py), the live turn had the borrower's token."""
    if not metadata:
        return state
    for event in state.get("events") or []:
        if event.get("event") == "user":
            event["metadata"] = {**(event.get("metadata") or {}), **metadata}
    if isinstance(state.get("latest_message"), dict):
        state["latest_message"]["metadata"] = {**(state["latest_message"].get("metadata") or {}), **metadata}
    return state


async def _action_times(
    session: aiohttp.ClientSession,
    rasa_url: str,
    params: dict,
    action_url: str,
    sender: str,
    message_count: int,
    reps: int,
    metadata: Optional[dict],
    selective_domain: bool,
) -> Dict[str, object]:
    shown = {"Authorization": f"Bearer {os.environ.get('ACTION_SERVER_TOKEN', '')}"}  # as the Rasa server shows it
    async with session.get(action_url.rsplit("/", 1)[0] + "/actions", timeout=TIMEOUT, headers=shown) as response:
        custom = {a["name"] for a in await response.json(content_type=None)}
    async with session.get(
        f"{rasa_url}/domain", params=params, headers={"Accept": "application/json"}, timeout=TIMEOUT
    ) as response:
        domain = await response.json(content_type=None)
    async with session.get(f"{rasa_url}/version", timeout=TIMEOUT) as response:
        version = (await response.json(content_type=None)).get("version")
    async with session.get(
        f"{rasa_url}/conversations/{sender}/tracker", params={**params, "include_events": "ALL"}, timeout=TIMEOUT
    ) as response:
        events = (await response.json(content_type=None))["events"]

    forms = set(domain.get("forms") or {})
    per_message: List[List[Dict[str, object]]] = [[] for _ in range(message_count)]
    request_sizes, encode_s = [], []
    turn, latest_before = -1, 0.0
    for index, event in enumerate(events):
        if event.get("event") == "user":
            turn += 1
        if event.get("event") == "action" and 0 <= turn < message_count:
            calls = _calls_of(event["name"], events[index + 1 :], custom, forms)
            if calls:
                async with session.get(
                    f"{rasa_url}/conversations/{sender}/tracker",
                    params={**params, "include_events": "ALL", "until": repr(latest_before)},
                    timeout=TIMEOUT,
                ) as response:
                    state = _with_metadata(await response.json(content_type=None), metadata)
            for call in calls:
                request = {"next_action": call, "sender_id": sender, "tracker": state, "version": version}
                if not selective_domain:
                    request["domain"] = domain
                started = time.monotonic()
                encoded = json.dumps(request)
                encode_s.append(time.monotonic() - started)
                request_sizes.append(len(encoded.encode()))
                times, answer = [], {}
                for _ in range(reps):
                    seconds, status, answer = await _timed_post(session, action_url, request, headers=shown)
                    if status == 200:
                        times.append(seconds)
                row = {
                    "action": call,
                    "median_ms": median_ms(times) or 0.0,
                    "responses": len(answer.get("responses") or []),
                    "events": len(answer.get("events") or []),
                }
                if "domain" in request:  # what enable_selective_domain would save on this call
                    lean, lean_times = {k: v for k, v in request.items() if k != "domain"}, []
                    for _ in range(reps):
                        seconds, status, lean_answer = await _timed_post(session, action_url, lean, headers=shown)
                        if status == 200:
                            lean_times.append(seconds)
                    row["without_domain_median_ms"] = median_ms(lean_times)
                    row["without_domain_same_answer"] = lean_answer == answer if lean_times else None
                per_message[turn].append(row)
        latest_before = max(latest_before, float(event.get("timestamp") or 0.0))
    return {
        "per_message": per_message,
        "request": {
            "bytes_median": int(statistics.median(request_sizes)) if request_sizes else None,
            "domain_bytes": len(json.dumps(domain).encode()),
            "json_encode_ms_median": median_ms(encode_s),
            "calls_replayed": len(request_sizes),
            "domain_in_every_request": not selective_domain,
            "note": "the request Rasa sends the action server on every call; Rasa 3.6 puts the whole domain in "
            "it unless the action_endpoint sets enable_selective_domain: true",
        },
    }


def run(
    rasa_url: str,
    token: str,
    script: Script,
    reps: int,
    action_url: Optional[str] = None,
    selective_domain: bool = False,
) -> Dict[str, object]:
    return asyncio.run(measure(rasa_url, token, script, reps, action_url, selective_domain))
