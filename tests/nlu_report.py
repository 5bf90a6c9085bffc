"""Scores the trained model on the held-out NLU split (never trained on) and gates on it.

python -m tests.nlu_report --model models/huankuan.tar.gz --out results/nlu [--min-macro-f1 0.78]
Writes rasa's intent report and confusion matrix PNG to --out, plus intents.md (a per-intent table).
"""
import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HOLDOUT = Path(__file__).resolve().parent / "nlu_holdout" / "holdout.yml"
# A regression gate just under the figure measured when the pipeline was chosen (README, "NLU").
DEFAULT_MIN_MACRO_F1 = 0.83


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--out", default="results/nlu")
    parser.add_argument("--min-macro-f1", type=float, default=DEFAULT_MIN_MACRO_F1)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rasa = Path(sys.executable).parent / "rasa"
    subprocess.run(
        [str(rasa), "test", "nlu", "--nlu", str(HOLDOUT), "--model", args.model, "--out", str(out)],
        check=True, env=dict(os.environ, RASA_TELEMETRY_ENABLED="false"),
        stdout=subprocess.DEVNULL,
    )
    report = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    intents = sorted(k for k, v in report.items() if isinstance(v, dict) and "support" in v and k not in ("macro avg", "weighted avg", "micro avg"))
    lines = ["| intent | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for name in intents:
        row = report[name]
        lines.append(f"| {name} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1-score']:.3f} | {row['support']} |")
    macro = report["macro avg"]["f1-score"]
    accuracy = report.get("accuracy", 0.0)
    lines.append(f"\nmacro-F1 {macro:.4f}, accuracy {accuracy:.4f}, {sum(report[n]['support'] for n in intents)} held-out messages")
    table = "\n".join(lines)
    (out / "intents.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    print(f"confusion matrix: {out / 'intent_confusion_matrix.png'}")
    if macro < args.min_macro_f1:
        print(f"FAIL: held-out intent macro-F1 {macro:.4f} is below {args.min_macro_f1}")
        return 1
    print(f"held-out intent macro-F1 {macro:.4f} ≥ {args.min_macro_f1}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
