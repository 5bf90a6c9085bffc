"""Signs that a borrower may be in crisis: these always go to a human at once (DOMAIN.md §7)."""
import re

CRISIS = re.compile(
    r"不想活|活不下去|活着没意思|想死|去死|自杀|轻生|想不开|跳楼|跳河|割腕|吃药死|结束生命|了结自己|"
    r"不如死|死了算了|撑不下去了|没有活路|走投无路"
)


def suggests_crisis(text: str) -> bool:
    return bool(CRISIS.search(text or ""))
