"""The benchmark chart: throughput and p95 latency per target and concurrency, and p95 at half of
saturation against the 150 ms target of issue 8."""

from pathlib import Path
from typing import Dict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend is chosen first)

COLOURS = {"stock": "#9e9e9e", "ours": "#1f77b4", "cluster": "#2ca02c"}
CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei"]


def _labels() -> Dict[str, str]:
    """The product's name where a CJK font is installed (make browser installs fonts-noto-cjk),
    otherwise a name the default font can draw."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    name = "还款助手" if installed.intersection(CJK_FONTS) else "huankuan"
    return {"stock": "stock rasa init", "ours": f"{name} single", "cluster": f"{name} cluster"}


def draw(report: Dict, path: Path) -> None:
    plt.rcParams["font.sans-serif"] = CJK_FONTS + ["DejaVu Sans"]
    labels = _labels()
    plt.rcParams["axes.unicode_minus"] = False
    targets = report["targets"]
    levels = report["settings"]["concurrency_levels"]
    figure, (throughput_ax, p95_ax, half_ax) = plt.subplots(1, 3, figsize=(15, 5.4))
    width = 0.8 / max(len(targets), 1)
    for i, (name, target) in enumerate(targets.items()):
        label = labels.get(name, name)
        if not target.get("measured"):
            label += " (not measured)"
        by_level = {l["concurrency"]: l for l in target.get("levels", [])}
        xs = [j + (i - (len(targets) - 1) / 2) * width for j in range(len(levels))]
        throughput = [by_level.get(c, {}).get("throughput_msgs_per_s") or 0 for c in levels]
        p95 = [(by_level.get(c, {}).get("latency_ms") or {}).get("p95") or 0 for c in levels]
        colour = COLOURS.get(name, None)
        throughput_ax.bar(xs, throughput, width, label=label, color=colour)
        p95_ax.bar(xs, p95, width, label=label, color=colour)
        for x, value in zip(xs, p95, strict=False):
            if value:
                p95_ax.text(x, value, f"{value:.0f}", ha="center", va="bottom", fontsize=7)
        half = (target.get("half_saturation") or {}).get("latency_ms", {}).get("p95")
        half_ax.bar([i], [half or 0], 0.6, color=colour, label=label)
        if half:
            half_ax.text(i, half, f"{half:.0f}", ha="center", va="bottom", fontsize=8)
        for x, value in zip(xs, throughput, strict=False):
            if value:
                throughput_ax.text(x, value, f"{value:.1f}", ha="center", va="bottom", fontsize=7)
    for ax in (throughput_ax, p95_ax):
        ax.set_xticks(range(len(levels)))
        ax.set_xticklabels([f"{c} concurrent" for c in levels])
    throughput_ax.set_ylabel("messages / s")
    throughput_ax.set_title("Throughput (closed loop)")
    p95_ax.set_ylabel("p95 latency, ms (log)")
    p95_ax.set_yscale("log")
    p95_ax.set_title("p95 latency (closed loop)")
    half_ax.axhline(150, color="#d62728", linestyle="--", linewidth=1, label="target 150 ms")
    half_ax.set_xticks(range(len(targets)))
    half_ax.set_xticklabels([labels.get(n, n) for n in targets], fontsize=8)
    half_ax.set_ylabel("p95 latency, ms")
    half_ax.set_title("p95 at half of saturation (constant rate)")
    throughput_ax.legend(fontsize=8)
    half_ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2)
    figure.suptitle(f"make bench — {report['started_at']} — {report['machine']['cores']} cores", fontsize=10)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
