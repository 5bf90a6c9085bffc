"""Where a server's CPU went, from a py-spy speedscope profile: the busiest frames, idle waits left out."""

import collections
import json
from pathlib import Path
from typing import Dict, List

# Frames where a thread waits rather than works (the event loop's poll, an idle worker thread).
IDLE = ("serve (sanic/server/runners.py", "_worker (/root", "thread.py:81)", "select (", "wait (threading.py")


# Named parts of a turn: a sample counts for a part when any frame of its stack matches.
PARTS = {
    "NLU pipeline (all of it)": ("parse_message (rasa/core/processor.py",),
    "  DIET classifier": ("process (rasa/nlu/classifiers/diet_classifier.py",),
    "  our normaliser and value entities (nlu/)": ("(nlu/normalise.py", "(nlu/entities.py", "(nlu/values.py"),
    "policy prediction (all policies)": ("_predict_next_with_tracker (rasa/core/processor.py",),
    "  TED policy": ("predict_action_probabilities (rasa/core/policies/ted_policy.py",),
    "  rule policy": ("predict_action_probabilities (rasa/core/policies/rule_policy.py",),
    "action server answer validated (jsonschema)": ("_validate_action_result (rasa/core/actions/action.py",),
    "action server call (request, HTTP)": ("request (rasa/utils/endpoints.py",),
    "tracker store (retrieve + save)": ("(rasa/core/tracker_store.py", "(stores/tracker.py"),
    "lock store": ("(rasa/core/lock_store.py", "(stores/locks.py"),
    "event broker": ("(rasa/core/brokers/",),
    "our channel wrapper minus Rasa (channels/)": ("traditional_message (channels/script.py",),
    "loan store (SQL, actions)": ("(loan_store/repository.py",),
    "identity check (actions)": ("identify (actions/identity.py",),
    "action request JSON parsed (sanic)": ("load_json (sanic/request.py",),
    "response sent (sanic)": ("send (sanic/response.py",),
}


def _frame(frame: dict) -> str:
    where = frame.get("file", "").split("site-packages/")[-1].split("/work/main/")[-1]
    return f"{frame['name']} ({where}:{frame.get('line', '')})"


def hottest(path: Path, top: int = 40) -> Dict[str, object]:
    profile = json.loads(path.read_text())
    frames = [_frame(f) for f in profile["shared"]["frames"]]
    inclusive: collections.Counter = collections.Counter()
    parts: collections.Counter = collections.Counter()
    busy = 0.0
    for thread in profile["profiles"]:
        for stack, weight in zip(thread["samples"], thread["weights"], strict=False):
            names = [frames[i] for i in stack]
            if not names or any(names[-1].startswith(i) or i in names[-1] for i in IDLE):
                continue
            busy += weight
            for name in set(names):
                inclusive[name] += weight
            for part, patterns in PARTS.items():
                if any(p in name for name in names for p in patterns):
                    parts[part] += weight
    if not busy:
        return {"busy_seconds_sampled": 0.0}
    # frames on (nearly) every stack are the server's entry points, not where the time goes
    rows: List[Dict[str, object]] = [
        {"pct_of_busy": round(100 * w / busy, 1), "frame": name}
        for name, w in inclusive.most_common()
        if w / busy < 0.75
    ][:top]
    return {
        "busy_seconds_sampled": round(busy, 2),
        "parts_pct_of_busy": {part: round(100 * parts[part] / busy, 1) for part in PARTS if parts[part]},
        "hottest_frames_inclusive": rows,
    }
