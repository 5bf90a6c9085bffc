"""Signs that a borrower may be in crisis — harm to themselves, or violence they speak of doing:
these always come first and go to a human at once (DOMAIN.md §7). Words a collector is reported to
have said ("他们说要弄死我") are a complaint of threats, not a crisis of the borrower's."""

import re

_SELF_HARM = (
    r"不想活|活不下去|活着.{0,3}没(?:什么|啥)?(?:意思|意义|盼头)|活着.{0,4}(?:意思|意义|盼头)都没|活够了|活腻了|不活了|没法活了|没脸活|想死|去死|寻死|求死|一死了之|"
    r"自杀|自尽|轻生|想不开|跳楼|跳河|跳江|跳桥|跳海|卧轨|上吊|割腕|割脉|烧炭|喝农药|吃农药|服毒|"
    r"安眠药|买好.{0,3}(?:农药|绳子)|吃药死|结束生命|结束自己|了结自己|了断|一了百了|不如死|死了算了|死了就不用还|"
    r"死给你们看|离开这个世界|撑不下去了|没有活路|没活路|走投无路|遗书|带着孩子一起走|从楼上跳|从这里跳下去|"
    # 我现在在楼顶 / 跳下去就都解脱了: where they are and what they mean to do
    r"跳下去|跳下来|往下跳|在楼顶|站在楼顶|楼顶上|在天台|站在天台|天台上|在桥上|站在桥上|都解脱了|就解脱了|死了就解脱|"
    # 活着好累 准备把药都吃了 / 攒了一瓶药: an overdose said obliquely, and being tired of living
    r"活着(?:好|太|真)?(?:累|苦|难)|(?:把(?:药|安眠药|药片)(?:都|全)|(?:这些|一瓶|整瓶|一把)(?:药|安眠药|药片)(?:都|全)?)"
    r"(?:吃了|吞了|喝了)|"
    r"(?:准备|打算|想)(?:把药|吃药|吞药)|攒了.{0,4}(?:药|安眠药)|吞(?:了)?(?:一瓶|一把|很多)|"
    r"(?:以后|之后)(?:你们)?(?:找谁要|爱找谁)(?:都行|去吧)?|"
    # 有时候觉得要是睡着了不醒过来也挺好的 / 如果我不在了: passive wishes not to be alive (it got "没太明白")
    r"睡着了?(?:就)?(?:不|别)(?:要|想)?醒|不醒过来(?:也)?(?:挺|就|倒)?好|不想(?:再)?醒来|永远睡下去|想消失|"
    r"消失(?:了)?(?:就|也)?(?:好了|挺好)|(?:如果|要是|万一|等)我(?:要是)?(?:不在了|死了|没了)"
)
_VIOLENCE = (
    r"同归于尽|报复社会|拉.{0,4}垫背|(?:我|老子)(?:要|想|会|就|真的|迟早)?(?:去)?(?:杀了|砍了|砍死|捅死|弄死|炸了|宰了)|"
    r"(?:杀|砍|捅)了(?:你们|他们|那个)|炸了你们|"
    # 我真想砍死那个打电话的人 / 拿刀去你们公司捅死他们 / 恨不得宰了他: violence the writer means (h25b: it
    # got the complaint form); not 他说要砍死我 / 要拿刀来找我 (a collector's threat, reported: a complaint)
    r"(?:砍|捅|宰)死(?!我|你(?!们))|杀死(?:你们|他们|那个|那些|他|她)|(?:恨不得|恨不能|真想|我想去|我要去)(?:去)?(?:杀|砍|捅|宰|弄死|炸)|"
    r"(?:拿|带|提|揣|抄)(?:着|上|起)?(?:一?把)?(?:刀|菜刀|砍刀|斧头|汽油|硫酸)(?:去|冲到|冲去)(?!我)|"
    # 老子已经买好汽油了 明天去你们门口 大家一起死 / 让他全家好看 我是认真的 (h29b: a complaint login, and
    # "暂时处理不了")
    r"大家一起死|一起去死|买好(?:了)?汽油|浇(?:上)?汽油|泼汽油|放火|烧了你们|烧死(?:你们|他们|他|她)|炸药|"
    # 再打电话来我就去你们公司砍人 (h33b: the complaint form and a login, no crisis answer)
    r"(?:我|老子)[^，,。？?]{0,10}(?:砍人|杀人|捅人|砍你们|杀你们|捅你们)|"
    r"(?:让|叫)(?:他|她|你们|他们)(?:全家|一家)(?:人)?(?:都)?好看"
)
# 刚吃了一把安眠药 / 我现在站在楼顶: harm under way, now — 120 before anything else (h29b: the same words
# as the first time)
_UNDER_WAY = re.compile(
    r"(?:刚|刚刚|刚才|已经)(?:把药)?(?:吃|吞|喝)(?:了|下)|(?:吃|吞|喝)了(?:一把|一瓶|整瓶|很多|好多|半瓶)|"
    r"(?:现在|正)?(?:在|站在|坐在)(?:楼顶|天台|桥上|河边|江边|窗台)|已经割|割了(?:手|腕)|烧上炭|炭已经"
)
CRISIS = re.compile(f"{_SELF_HARM}|{_VIOLENCE}")
# How far back (tracker events) the crisis answer still shapes what follows: that exchange and a few turns.
CRISIS_LOOKBACK = 40


def suggests_crisis(text: str) -> bool:
    return bool(CRISIS.search(text or ""))


# What is under way, for the one step said with 120 (h30b: "把药瓶带上" to someone on a rooftop).
_HARM_KINDS = (
    ("pills", re.compile(r"吃|吞|喝|药")),
    ("height", re.compile(r"楼顶|天台|桥上|河边|江边|窗台")),
    ("cut", re.compile(r"割")),
    ("charcoal", re.compile(r"炭")),
)


def harm_kind(text: str) -> str:
    """pills / height / cut / charcoal: the harm under way the words name (the first named), or ''."""
    return next((kind for kind, pattern in _HARM_KINDS if pattern.search(text or "")), "")


def harm_under_way(text: str) -> bool:
    """Self-harm already begun or about to happen where they are: emergency services first."""
    return bool(_UNDER_WAY.search(text or "")) and suggests_crisis(text)
