"""No reply anywhere threatens, shames, or states a legal outcome as certain (DOMAIN.md §6)."""

import ast
import re

import pytest
import yaml

from tests.conftest import ROOT

# Threats, shaming, pressure and certainty about legal outcomes. A phrase counts unless it is
# negated right before it (不会…坐牢 is the truthful reassurance, not a threat).
FORBIDDEN = [
    r"坐牢",
    r"拘留",
    r"逮捕",
    r"抓起来",
    r"被抓",
    r"判刑",
    r"刑事责任",
    r"犯罪",
    r"一定会(被)?起诉",
    r"必将",
    r"必然",
    r"肯定会",
    r"马上起诉",
    r"立即起诉",
    r"立案",
    r"传票",
    r"后果自负",
    r"走着瞧",
    r"老赖",
    r"失信",
    r"黑名单",
    r"曝光",
    r"通讯录",
    r"告诉你的家人",
    r"通知(你|您)的(家人|单位|公司)",
    r"上门",
    r"找到你",
    r"丢人",
    r"可耻",
    r"不要脸",
    r"骗子",
    r"借钱(还|来还)",
    r"网贷",
    r"套现",
    r"卖掉",
    r"变卖",
    r"你必须",
    r"您必须",
]
NEGATION = re.compile(r"(不会|不是|不得|不应|不能|绝不|从不|并非|没有|不用|不必)[^。；！？]{0,12}$")


def domain_texts():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for name, variants in domain["responses"].items():
        for variant in variants:
            yield f"domain.yml:{name}", variant.get("text", "")
            for b in variant.get("buttons", []) or []:
                yield f"domain.yml:{name}:button", b.get("title", "")


def code_texts():
    for path in sorted((ROOT / "actions").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and re.search(r"[\u4e00-\u9fff]", node.value)
            ):
                if isinstance(getattr(node, "parent", None), ast.Expr):
                    continue
                yield f"{path.name}:{node.lineno}", node.value


def offending(text):
    hits = []
    for pattern in FORBIDDEN:
        for match in re.finditer(pattern, text):
            if not NEGATION.search(text[: match.start()]):
                hits.append(match.group(0))
    return hits


ALL_TEXTS = list(domain_texts()) + list(code_texts())


def test_the_scan_sees_every_response_and_composed_line():
    assert len([t for t in ALL_TEXTS if t[0].startswith("domain.yml")]) > 80
    assert any(t[0].startswith("wording.py") for t in ALL_TEXTS)


@pytest.mark.parametrize("where, text", ALL_TEXTS, ids=[t[0] for t in ALL_TEXTS])
def test_no_threat_shame_or_certain_legal_outcome(where, text):
    assert offending(text) == [], f"{where}: {text}"


@pytest.mark.parametrize(
    "bad",
    ["再不还就让你坐牢", "我们会通知您的家人", "你这个老赖", "明天一定会被起诉", "先去网贷借钱还上", "后果自负"],
)
def test_the_scanner_catches_threats(bad):
    assert offending(bad)


def test_the_scanner_allows_the_truthful_reassurance():
    assert offending("普通的借款逾期属于民事纠纷，不是刑事犯罪，不会因为还不上钱就被抓。") == []
