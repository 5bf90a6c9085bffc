"""Scores the trained model on the three sets it never trains on, beside a trivial baseline, and gates.

python -m tests.nlu_report --model models/huankuan.tar.gz --out reports/nlu

- the hold-out (`tests/nlu_holdout/`), written like the training data;
- the real-language set (`tests/nlu_wild/`), written the way borrowers write (greetings, stories,
  typos, other lenders' names, emoji, traditional characters, two questions at once);
- the blind set (`tests/nlu_blind/`), questions as borrowers post them on Q&A sites and type them in
  chats, written after the data round of 2026-12-06 by a writer who saw neither the training data
  nor the other sets, and never used to choose anything;
- the baseline: a character 1–3-gram TF-IDF + logistic regression trained on the same
  `data/nlu` — the model has to beat it on the real-language set by a clear margin;
- two questions in one message (`tests/nlu_wild/two_questions.yml`): how often the channels'
  splitter (nlu/clauses.py, with this model's parses) answers both questions asked.

For each set: Rasa's intent report and confusion matrix PNG in --out/<set>/, a per-intent table
(intents.md). Macro-F1 is taken over the intents the set holds (a prediction of nlu_fallback is
simply wrong). Fails when a figure is below its gate.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "holdout": ROOT / "tests" / "nlu_holdout" / "holdout.yml",
    "wild": ROOT / "tests" / "nlu_wild" / "wild.yml",
    "blind": ROOT / "tests" / "nlu_blind" / "blind.yml",
}
# Gates, a little under the figures of record in docs/nlu.md (2026-12-06 evening: hold-out 0.966, weakest 0.89;
# real-language 0.976, weakest 0.93, 0.029 above the baseline; blind 0.971, weakest 0.90; both of two
# questions answered in 86 %). Issue #14's targets: hold-out 0.95, real-language 0.90 with every
# intent 0.85 (met); +0.05 over the baseline on the real-language set is not reached, said there.
GATES = {
    "holdout_macro": 0.95,
    "holdout_intent": 0.85,
    "wild_macro": 0.96,
    "wild_intent": 0.90,
    "wild_over_baseline": 0.02,
    "blind_macro": 0.95,
    "blind_intent": 0.85,
    "two_questions_both_answered": 0.80,
}
TWO_QUESTIONS = ROOT / "tests" / "nlu_wild" / "two_questions.yml"


def examples(path: Path) -> List[Tuple[str, str]]:
    """(text, intent) of an NLU file, entity markup removed, as Rasa reads it."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [(m.get("text"), m.get("intent")) for m in data.intent_examples]


def macro_f1(rows: Dict[str, Dict]) -> float:
    held = [r for r in rows.values() if r["support"] > 0]
    return sum(r["f1-score"] for r in held) / len(held)


def per_intent(gold: List[str], predicted: List[str]) -> Dict[str, Dict]:
    from sklearn.metrics import precision_recall_fscore_support

    labels = sorted(set(gold))
    p, r, f, s = precision_recall_fscore_support(gold, predicted, labels=labels, zero_division=0)
    return {
        n: {"precision": p[i], "recall": r[i], "f1-score": f[i], "support": int(s[i])} for i, n in enumerate(labels)
    }


def baseline_model(train: List[Tuple[str, str]]):
    """Character 1–3-gram TF-IDF + logistic regression on the same training data (fitted once, for
    every set: ~35 s a fit on 2 cores)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True),
        LogisticRegression(max_iter=2000, C=10.0),
    )
    return model.fit([t for t, _ in train], [i for _, i in train])


def baseline_rows(model, test: List[Tuple[str, str]]) -> Dict[str, Dict]:
    return per_intent([i for _, i in test], list(model.predict([t for t, _ in test])))


def start_model_test(model: str, name: str, path: Path, out: Path) -> subprocess.Popen:
    """`rasa test nlu` of one set, started (the sets run side by side: each spends much of its
    time loading Rasa and the model, on one core)."""
    target = out / name
    target.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "rasa"),
            "test",
            "nlu",
            "--nlu",
            str(path),
            "--model",
            model,
            "--out",
            str(target),
        ],
        env=dict(os.environ, RASA_TELEMETRY_ENABLED="false"),
        stdout=subprocess.DEVNULL,
    )


def model_rows(run: subprocess.Popen, name: str, path: Path, out: Path) -> Dict[str, Dict]:
    """The per-intent report of a set's `rasa test nlu`, once it has ended."""
    if run.wait() != 0:
        raise subprocess.CalledProcessError(run.returncode, run.args)
    report = json.loads((out / name / "intent_report.json").read_text(encoding="utf-8"))
    gold = {i for _, i in examples(path)}
    return {n: report[n] for n in sorted(gold) if n in report}


def two_questions_answered(model: str) -> Tuple[float, List[str]]:
    """Share of two-question messages whose turns, as the channels split them, carry both intents."""
    import asyncio

    import yaml
    from rasa.core.agent import Agent

    from nlu.clauses import separate_questions

    agent = Agent.load(model)
    cases = yaml.safe_load(TWO_QUESTIONS.read_text(encoding="utf-8"))

    async def intents_of(text: str) -> List[str]:
        turns = await separate_questions(text, agent.parse_message)
        return [(await agent.parse_message(t))["intent"]["name"] for t in turns]

    missed = []
    for case in cases:
        found = asyncio.run(intents_of(case["text"]))
        if not set(case["intents"]) <= set(found):
            missed.append(f"{case['text']} → {found} (asked {case['intents']})")
    return 1 - len(missed) / len(cases), missed


def table(rows: Dict[str, Dict], baseline: Dict[str, Dict]) -> str:
    lines = ["| intent | precision | recall | F1 | baseline F1 | support |", "|---|---|---|---|---|---|"]
    for name, row in rows.items():
        lines.append(
            f"| {name} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1-score']:.3f} | "
            f"{baseline[name]['f1-score']:.3f} | {row['support']} |"
        )
    lines.append(
        f"\nmacro-F1 {macro_f1(rows):.4f} (baseline {macro_f1(baseline):.4f}), "
        f"{sum(r['support'] for r in rows.values())} messages"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--out", default="reports/nlu")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    train = examples(ROOT / "data" / "nlu")
    failures: List[str] = []
    figures = {}
    runs = {name: start_model_test(args.model, name, path, out) for name, path in SETS.items()}
    linear = baseline_model(train)
    for name, path in SETS.items():
        rows = model_rows(runs[name], name, path, out)
        baseline = baseline_rows(linear, examples(path))
        text = table(rows, baseline)
        (out / name / "intents.md").write_text(text + "\n", encoding="utf-8")
        print(
            f"## {name} ({path.relative_to(ROOT)})\n{text}\nconfusion matrix: {out / name / 'intent_confusion_matrix.png'}\n"
        )
        macro, weakest = macro_f1(rows), min(rows, key=lambda n: rows[n]["f1-score"])
        figures[name] = {
            "macro_f1": round(macro, 4),
            "baseline_macro_f1": round(macro_f1(baseline), 4),
            "weakest": weakest,
            "weakest_f1": round(rows[weakest]["f1-score"], 4),
        }
        if macro < GATES[f"{name}_macro"]:
            failures.append(f"{name} macro-F1 {macro:.4f} is below {GATES[f'{name}_macro']}")
        for intent, row in rows.items():
            if row["f1-score"] < GATES[f"{name}_intent"]:
                failures.append(f"{name}: intent {intent} F1 {row['f1-score']:.3f} is below {GATES[f'{name}_intent']}")
        if name == "wild" and macro - macro_f1(baseline) < GATES["wild_over_baseline"]:
            failures.append(
                f"wild: {macro:.4f} is not {GATES['wild_over_baseline']} above the baseline's {macro_f1(baseline):.4f}"
            )
    share, missed = two_questions_answered(args.model)
    figures["two_questions"] = {"both_answered": round(share, 4)}
    (out / "two_questions_missed.txt").write_text("\n".join(missed) + "\n", encoding="utf-8")
    print(f"## two questions in one message: both answered in {share:.1%} ({out / 'two_questions_missed.txt'})")
    if share < GATES["two_questions_both_answered"]:
        failures.append(
            f"two questions: both answered in {share:.1%}, below {GATES['two_questions_both_answered']:.0%}"
        )
    (out / "figures.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(figures, ensure_ascii=False))
    for failure in failures:
        print(f"FAIL: {failure}")
    if not failures:
        print("NLU gates: ok " + json.dumps(GATES))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
