"""Words that decide a message whatever the classifier thinks: noise (nothing to read), a cancel
(算了 / 不办了 / 以后再说), "all of it" as an amount, "I already paid", and the greetings, fillers and
politeness wrapped around a request. No Rasa import: the NLU, the policy and the actions use it.
"""

import re
import unicodedata
from decimal import Decimal
from typing import List, Optional, Tuple

from nlu.script import fix_typos, to_simplified
from parsing.values import arabic_numerals

# Fillers and politeness a borrower wraps around a request; removing them never changes what is asked.
# Short ones (嗯, 额, 亲, 客服) only count when a pause follows: 额度 and 亲戚 are words.
_PAUSE = r"[\s,，.。!！?？~～、…;；:：]"
_OPENERS = (
    r"(?:你好|您好|你们好|哈喽|hello|在吗|在不在|有人吗|有人在吗|客服你好|早上好|上午好|中午好|下午好|晚上好|"
    r"请问一下|请问下|请问|麻烦问一下|麻烦问下|麻烦你|麻烦您|麻烦|打扰一下|打扰了|不好意思|想问一下|想问下|"
    r"我想问一下|我想问下|我想咨询一下|问一下|问下|咨询一下|咨询下|那个|就是说|"
    r"(?:客服)?(?:小姐姐|小哥哥|美女|帅哥)(?:你好|您好)?[呀啊哈]?|亲爱的|"
    rf"(?:hi|嗨|喂|亲|客服|老师|谢谢你?们?|谢了|多谢|感谢|嗯+|呃+|额+|哎+|唉+|啊+|哦+|噢+|em+)(?={_PAUSE}))"
)
_CLOSERS = r"(?:谢谢你?们?|谢谢啦|谢谢啊|谢了|多谢|感谢|麻烦了|麻烦你了|辛苦了|急急急|在线等|拜托了?|求回复|求解答)"
_SEPARATORS = rf"{_PAUSE}*"
_THANKS = re.compile(rf"{_PAUSE}*(?:谢谢|谢了|多谢|感谢)")
_OPENER = re.compile(rf"{_SEPARATORS}{_OPENERS}{_SEPARATORS}", re.IGNORECASE)
_CLOSER = re.compile(rf"{_SEPARATORS}{_CLOSERS}{_SEPARATORS}$", re.IGNORECASE)

_CANCEL_WORDS = (
    r"(?:算了|不要了|不办了|不弄了|不用了|不需要了|不搞了|不申请了|不想办了|不想弄了|不想搞了|不想投诉了|不想登记了|以后再说|回头再说|改天再说|下次再说|"
    r"再说吧|取消|取消吧|取消验证|不验证了|不验了|不要验证了?|不用验证了?|不分期了?|不想分期了?|不办分期了?|不延期了?|不投诉了|不登记了|不改了|不要分期了|不要延期了|不分了|不延了|不投了|"
    # deferring is a way out too: nothing is stored, and the borrower can come back (我再想想)
    r"再想想|想想再说|再考虑考虑|再考虑一下|再考虑下|考虑考虑|考虑一下|考虑下|先想想|我先想想|我想想|想一下|让我想想|让我想一下|"
    r"等等再说|过两天再说|"
    # 我说先不登了！停一下 / 这个先不登了 (h29a: the complaint was filed, these words in its fields)
    r"先不登了?|不登了|先不登记了?|停一下|先停一下|先停|暂停一下|先暂停|"
    # 先别办 我跟家里商量商量: asking someone first is a way out too
    r"(?:跟|和)(?:家里|家里人|家人|老婆|老公|媳妇|爸妈|对象)商量(?:商量|一下|下)?|商量商量|商量一下|"
    # the arrangement already made is kept (那就保留原来的吧, when a new promise would replace it)
    r"保留原来的(?:那个|承诺|吧)?|保留之前的(?:那个|承诺)?|还是按原来的|就按原来的|按原来的就行|用原来的|原来的就行|不替换了|不用替换|"
    # the form's step declined: 先别登记 / 别办了 / 我就是问问
    r"别登记了?|先别登记|不用登记了?|不要登记了?|别办了|先别办|不用办了|别弄了|先别弄|我就问问|就是问问|只是问问|问问而已|随便问问|"
    # 不用重新登记 / 不用登记什么承诺: the step offered, declined (h25a: asked to confirm again)
    r"(?:不用|不需要|不要|别)(?:重新|再)(?:登记|办)了?|(?:不用|不需要|不要|别)(?:登记|办)(?:什么|啥)(?:承诺|分期|延期)?了?|"
    # the verification declined: 不想验证了 / 不验证了 / 不看了 / 不查了
    r"不想验证了?|不验证了|不用验证了?|不想登录了?|不登录了|不看了|不查了|不想查了|不想看了|"
    # 我是问我现在有没有分期 不是要办: not applying (it asked "您想分几期", h26b)
    r"不是要办(?:理)?|不是要申请|没说要办|我没说要办|不是要分期|不是要延期|"
    # 哦 那我不查了 就问问 / 我不想给手机号 就想大概知道 / 不用查: the number held back (h26b: "不是有效的11位手机号码")
    r"就问问|就是问一下|就想问问|就想了解一下|就想大概知道|就想知道个大概|了解一下就行|不用查了?|"
    r"不想给(?:你)?(?:手机号|号码|电话)|不给(?:你)?(?:手机号|号码)|不想留(?:手机号|号码|电话))"
)
# One cancel or several in a row (算了，不投诉了 / 算了算了 / 不办了，以后再说).
_CANCEL = re.compile(
    r"^(?:那|哎|唉|嗯|呃|好吧|行吧|我看|我|等下|等等|等一下|我说|这个|那个|这|等会|等会儿)?(?:我)?(?:还是|就)?(?:先)?"
    + _CANCEL_WORDS
    + r"(?:吧|啊|呀|了|哈|吧我|不说了|不想说了|说了也没用|说了也白说|白说|没意思|没用|没什么用|烦死了|真烦|太烦了?|好烦|"
    r"心累|太累了?|(?:太|好|真|很|有点|怕|嫌)(?:麻烦(?:死了|了|啊)?)?|麻烦(?:死了|了|啊)?|怕(?:他们|被|人家)?(?:报复|针对|找麻烦)|懒得弄了?|懒得说了?|(?:我|那|就|先|还是)*"
    + _CANCEL_WORDS
    # 唉算了 不投了 我姐说没事: the reason why after the cancel words is theirs to give
    + r"|(?:我|家里|我[姐哥妈爸弟妹]|[他她])[^，,。？?]{0,2}说(?:没事|算了|不用|没必要)了?"
    + r")*$"
)
_EVERYTHING = re.compile(
    r"全部|全额|所有的?(?:欠款|钱)?|都还(?:上|了|清|完)?|全都还|还清|结清|一次性还(?:完|清)?|一次还(?:完|清)|"
    r"一下子还完|欠多少还多少|全还|还完所有"
)
_PAID = re.compile(
    r"(?:已经|早就|早都|前天|昨天|昨晚|刚刚?|刚才|上周|上个月|今天|今早|明明|都|我|上午|下午|中午|早上|晚上|前几天|这周)"
    # (not 我上个月住院了所以没还上: not paid)
    r"[^，,。？?！!]{0,6}(?<![没不未])(?:还|转|付|扣|打|交)(?:了|过|完|清|上|进去|过去|成功)(?!人工|客服|过人工|电话)|"
    r"(?:扣款|还款|支付|转账|付款)成功|"
    # 我今天已经提前把12月5号那期710.79还了: the instalment named between
    r"(?:已经|刚刚?|刚才|早就|昨天)[^，。？?！!]{0,4}把[^，。？?！!]{0,16}(?:还|付|交)(?:了|清了|上了)|"
    r"已(?:经)?(?:还款|还清|还上|付款|转账|扣款)|"
    r"(?:钱|款)(?:已经|都|早就)?(?:扣|转|还|付)(?:了|走了|过了)|(?:没|还没|没有)(?:到账|入账|销账|更新)|扣(?:了|过)钱|"
    # 16号我还的是871.66 / 银行卡扣了871.66: the sum paid, said (h35b: the same list came again)
    r"(?:还|扣|转|付)的(?:是)?\s*(?:\d|[一二三四五六七八九两][一二三四五六七八九十两百千万]*(?:块|元))|(?:扣|转)了\s*\d|"
    # 那差的571.66去哪了？？你们吞了？ (out of scope, h35b)
    r"(?:差的|少的|少了的)[^，,。？?]{0,10}(?:去哪|哪去|哪儿去)|你们吞了|被你们吞"
)


_RELATIVE = (
    r"(?:老婆|老公|媳妇|爱人|妻子|丈夫|对象|男朋友|女朋友|爸爸?|妈妈?|父亲|母亲|儿子|女儿|哥哥?|姐姐?|弟弟?|妹妹?|"
    r"朋友|同事|家人|亲戚|(?<!其)他|(?<!其)她|号码的主人|号的主人|机主|这个人|那个人|别人)"
)
_SOMEONE_ELSES_DEBT = re.compile(
    _RELATIVE
    + r"(?:到底|究竟|一共|总共|现在)?(?:(?:(?![我你说也])[\u4e00-\u9fa5]){1,3}的|的|在你们这里?的?|借的|名下的?)?"
    # (你就告诉我她是不是逾期了就行: whether she is overdue — a code was asked for, h36a)
    r"(?:是不是|有没有|是否|已经)?"
    r"(?:欠款|账单|借款|贷款|逾期|还款日|罚息|欠(?:了)?(?:你们)?(?:多少|几)|还差|还欠|借了多少|还剩)"
)


_MINE = (
    r"我(?:的)?(?:爸爸?|妈妈?|父母|家人|家里人?|老婆|老公|媳妇|爱人|同事|领导|单位|公司|朋友|亲戚|紧急联系人|"
    r"姐姐?|哥哥?|弟弟?|妹妹?|[表堂](?:姐|哥|弟|妹)|舅舅?|姑姑?|叔叔?|阿姨|婆婆|公公|岳父|岳母)"
)
_MY_PEOPLE_CONTACTED = re.compile(
    rf"(?:打给|打电话给|打到|联系|找|骚扰|通知|告诉)了?{_MINE}|给{_MINE}打|"
    rf"{_MINE}(?:说|讲)?(?:你们|催收的?)?(?:接到|收到)|{_MINE}(?:[\u4e00-\u9fff]{{1,3}})?说你们|"
    # 我紧急联系人只填了我妈 你们为什么会有我同事的电话还打给他: only a borrower has "my emergency contact"
    rf"我的?紧急联系人|{_MINE}[^，,。？?]{{0,8}}的?(?:电话|号码|手机)[^，,。？?]{{0,6}}(?:打给|联系|打)"
)


# 我妈说接到你们电话说我弟欠钱: the person contacted was told about someone else's debt (a third party).
_OTHERS_DEBT = re.compile(_RELATIVE + r"(?:在你们这里?)?(?:借了?(?:钱|款)|欠(?:了)?(?:钱|款|你们))")


# 那我爸现在知道我欠了多少钱吗: whether what was said to a contact told them the debt.
_THEY_KNOW_MY_DEBT = re.compile(
    rf"{_MINE}(?:现在)?(?:会|是不是|是否)?(?:都)?(?:知道|晓得)(?:了)?我(?:欠|借|逾期|的欠款|的借款)"
)


# 这样会不会找我哥 / 会不会联系我家里人: whether my people will be contacted (read unsure, it was lost
# beside a promise's amount and date).
_WILL_MY_PEOPLE_BE_CONTACTED = re.compile(
    rf"(?:会不会|会|是不是会|要不要)(?:去)?(?:找|联系|打给|打电话给|通知|骚扰|告诉|跟|让)"
    rf"(?:[^，,。？?]{{1,5}}(?:和|跟|还有|或者?|、))?{_MINE}"
)


def asks_if_my_people_will_be_contacted(text: str) -> bool:
    return bool(_WILL_MY_PEOPLE_BE_CONTACTED.search(_fold(text)))


def asks_if_my_people_know(text: str) -> bool:
    return bool(_THEY_KNOW_MY_DEBT.search(_fold(text)))


def says_my_people_were_contacted(text: str) -> bool:
    """我爸说你们给他打过电话 / 凭什么打给我爸 / 你们联系我同事干嘛: the borrower, about their own
    people being contacted — not a third party asking about someone's loan."""
    folded = _fold(text)
    return (
        bool(_MY_PEOPLE_CONTACTED.search(folded))
        and not asks_about_someone_else(folded)
        and not _OTHERS_DEBT.search(folded)
    )


_ARRANGEMENT = r"(?:分期|延期|展期|还款承诺|承诺还款|协商)(?:计划|方案|申请)?"
_ASKS_WHAT_WAS_ARRANGED = re.compile(
    rf"(?:有没有|是不是|是否)(?:办过|办了|申请过|申请了|在){_ARRANGEMENT}|"
    rf"我(?:现在|目前)?有{_ARRANGEMENT}(?:吗|没有|没|呢)|"
    # 我有没有分期 / 我有办理分期吗 / 我现在有没有在分期: what exists (h26b: a new plan was quoted)
    rf"我(?:现在|目前)?有没有(?:办(?:过|了|理过?)?|申请(?:过|了)?|在)?{_ARRANGEMENT}|我(?:现在|目前)?有(?:办理|办|申请)(?:过|了)?{_ARRANGEMENT}(?:吗|没有|没)|"
    # 刚才那个没给我办吧 / 没给我登记吧: nothing was done, it is hoped — what exists, said
    r"(?:刚才|之前|刚刚)[^，,。？?]{0,4}(?:没|没有)(?:给我)?(?:办|登记|提交)(?:吧|吗|是吧|对吧)|"
    r"(?:没|没有)(?:给我)?(?:办|登记|提交)(?:成|上)?(?:吧|是吧|对吧)[?？]*$|"
    # 我有哪些承诺 / 我登记过几个承诺: what exists, listed
    rf"我(?:现在|目前)?(?:有|登记了|登记过|办了|办过)(?:哪些|几个|几笔|什么)(?:{_ARRANGEMENT}|承诺)|"
    rf"办(?:了|过){_ARRANGEMENT}(?:吗|没有|没)|办{_ARRANGEMENT}了(?:吗|没有|没)|"
    # 我刚才到底是延期了还是没延期: done or not, asked
    rf"(?P<done>{_ARRANGEMENT})(?:了|成了)?还是没(?:有)?(?:(?P=done)|办|成)|"
    rf"{_ARRANGEMENT}(?:办|申请|登记)?(?:成功|好|下来|生效)了?(?:吗|没|没有)|"
    # 那个12月3号还1000的承诺还在吧 / 之前的分期还算数吗: one that exists, asked about
    rf"(?:{_ARRANGEMENT}|承诺)[^，,。？?]{{0,4}}(?:还在|还算数?|还有效|作数|算不算|还作数)(?:吗|吧|不|没|呢)?|"
    # 没被分期取代吧 / 原来那个还在不在: the one there was, after another was made
    r"被[^，,。？?]{0,4}(?:取代|替换|顶替|覆盖|作废)(?:了)?(?:吧|吗|没有|没)|"
    r"(?:没|没有|会不会|是不是)被[^，,。？?]{0,4}(?:取代|替换|顶替|覆盖|作废)|"
    r"(?:原来|之前|刚才|以前)的?(?:那个|那笔)?[^，,。？?]{0,6}(?:还在不在|还在吗|还算不算|还有没有效)|"
    # 之前约了25号还一千 还有效吧 / 跟客服说好了25号还1000 算不算数: an arrangement said in other words, asked
    # about (h25a: a new promise was put to the borrower to confirm)
    r"(?:约了|约的|约好|说好了?|说定了?|答应了?|答应的|讲好了?)[^？?]{0,20}(?:还有效|还算数?|算不算数?|算数吗|作数|还在吗|还在吧|有没有记录|记上了吗)|"
    # 我刚才办了啥没有: what this chat made, asked (it got "没太明白", h25b)
    r"(?:刚才|刚刚|之前|今天)[^，,。？?]{0,4}(?:办了|弄了|登记了|提交了|办成了|给我办了)(?:点)?(?:啥|什么|哪些|些什么)|"
    # 我刚才到底办的是啥 / 刚刚办的是什么 / 今天都办了哪些 帮我捋一下 (h28a: "没太明白")
    r"(?:刚才|刚刚|之前|今天)[^，,。？?]{0,6}(?:办|弄|登记|提交|答应)的(?:是|都是)?(?:个)?(?:啥|什么|哪些|些什么)"
)


def asks_what_was_arranged(text: str) -> bool:
    """我现在有分期计划吗 / 我刚才办延期了吗 / 分期办成功了没: asks about what exists, not to apply."""
    folded = _fold(text)
    return bool(_ASKS_WHAT_WAS_ARRANGED.search(folded) or _THAT_PROMISE_STANDS.search(folded))


_NO_CODE = re.compile(
    r"(?:手机|号码|电话|手机号|卡|(?<!\d)号)[^，,。？?]{0,4}(?:丢了|掉了|被偷|停机|停用|注销|欠费|不用了|换了|没了)|"
    r"收不到(?:验证码|短信|码)|(?:没|没有)收到(?:验证码|短信|码)|换(?:了)?(?:手机)?号(?:码)?了|"
    r"(?:验证码|短信)[^，。？?\d]{0,3}(?:没|没有)(?:收到|来|到)|"
    r"(?:不记得|忘了|记不清)[^，,。？?]{0,4}(?:手机号|号码)"
)


_NEW_CODE = re.compile(r"重新(?:发|获取|来)|再发|重发|再来一(?:个|次|遍)|再给我发|发个新的|换个(?:验证)?码")


def asks_for_new_code(text: str) -> bool:
    """重新发一个 / 再发一次验证码 / 验证码没收到 重发下: another code, not a code."""
    return bool(_NEW_CODE.search(_fold(text)))


# 没收到啊 是不是要等一会 / 怎么还没来: at the code step, the code has not come (no word "验证码" needed).
_CODE_NOT_COME = re.compile(
    r"没收到|没有收到|收不到|还没来|没来|还没到|没到|怎么还没|等一会|等一下|要等多久|多久能收到"
)
# 短信上写着请勿告诉任何人 你不会是骗子吧: whether to type the code here at all.
_DOUBTS_US = re.compile(
    r"骗子|诈骗|骗人|真的假的|是不是真的|可信吗|靠谱吗|安全吗|请勿告诉|不能告诉|别告诉|不要告诉|泄露|盗刷|盗用|扣我的?钱|拿去用|"
    # 你们怎么证明自己是正规的 (at the number: "not a valid number", h30b)
    r"(?:是不是|是否|不是|证明[^，,。？?]{0,6})正规|正规(?:的)?(?:吗|么|嘛|公司吗|平台吗)|合法的?吗|正不正规|合不合法|"
    r"凭什么相信|怎么相信|是官方的?吗|官方的吗"
)
# 为啥要我手机号 / 凭什么给你手机号: why the number is asked for
_WHY_THE_NUMBER = re.compile(
    r"(?:为啥|为什么|干嘛|凭什么|干什么)[^，,。？?]{0,4}(?:要|给你|告诉你|填)[^，,。？?]{0,3}(?:手机|号码|电话|验证码)"
)


def asks_why_the_number(text: str) -> bool:
    return bool(_WHY_THE_NUMBER.search(_fold(text)))


def refuses_the_number(text: str) -> bool:
    """我不想给 / 不告诉你: not wanting to give it (h31b: "not a valid number", then the step ended)."""
    return bool(_WONT_GIVE.search(_fold(text)))


_WONT_GIVE = re.compile(r"不想给|不给你|不愿意给|不想告诉你|不告诉你|凭什么给|不想说(?:手机|号码)|不方便给")


# 最早那期多少来着 / 第8期是多少钱: one instalment's figure asked (it read as nothing, and in the promise
# form as an amount that was not one — the question was asked again, twice).
_INSTALMENT_FIGURE = re.compile(
    r"(?:最早|最老|最前面|最晚|最后|第\s*(?:\d{1,2}|[一二三四五六七八九十]+))\s*(?:的?那|那|一)?\s*期"
    r"[^。？?，,]{0,6}(?:多少|几块|多钱|金额)"
)


def asks_an_instalments_figure(text: str) -> bool:
    return bool(_INSTALMENT_FIGURE.search(_fold(text)))


# 我丢了手机 能先冻结吗 / 手机被偷了 账户会不会被盗用: a lost phone and the account's safety (it got the
# data-retention answer).
_LOST_PHONE = re.compile(
    r"(?:丢了|掉了|弄丢了|被偷了?|被抢了?|被人偷了?)(?:我的|个)?手机|手机(?:丢|掉|弄丢|被偷|被抢|不见)"
)
_ACCOUNT_SAFETY = re.compile(r"冻结|锁定|锁住|挂失|盗用|被盗|被人(?:借|贷|用|登)|别人(?:借|贷|用|登)|安全|停用")


def asks_about_a_lost_phone(text: str) -> bool:
    folded = _fold(text)
    return bool(_LOST_PHONE.search(folded) and _ACCOUNT_SAFETY.search(folded))


# 支付宝能还不 / 可以用微信还吗 / 现金能还吗: one way of paying named and asked about (it got the whole
# channels paragraph).
_CHANNEL_ASKED = re.compile(
    r"(支付宝|微信|云闪付|花呗|现金|银行柜台|柜台|对公转账|对公账户|公司账户|paypal|转账)[^，,。？?]{0,6}"
    r"(?:能还|可以还|能不能还|可不可以还|还行|还可以|行不行|行吗|能不能|可以吗|可不可以|能用|可以用|还款|是不行|不行吗)"
    r"|(?:能|可以|能不能|可不可以)用?(支付宝|微信|云闪付|花呗|现金|对公转账|对公账户|公司账户|paypal|转账)"
)


def channel_asked(text: str) -> Optional[str]:
    """The way of paying a question names (支付宝 / 微信 / 现金 …), or None."""
    folded = _fold(text)
    found = _CHANNEL_ASKED.search(folded)
    if not found or not asks(folded) and not re.search(r"(?:还|还款|不|没)[\s。.!！~～]*$", folded):
        return None
    return found.group(1) or found.group(2)


# 214天不可能 我哪有逾期这么久 / 怎么就逾期70多天了: the days overdue disputed (it fell back twice).
_DAYS_DISPUTED = re.compile(
    r"\d+\s*天[^，,。？?]{0,6}(?:不可能|不对|怎么可能|哪有|哪来|搞错|算错|瞎算|乱算)|"
    r"(?:不可能|怎么可能|哪有|哪来|怎么就|凭什么)[^，,。？?]{0,4}(?:逾期|欠|拖)?[^，,。？?]{0,4}(?:这么久|这么多天|\d+\s*多?天)"
)


def disputes_days_overdue(text: str) -> bool:
    return bool(_DAYS_DISPUTED.search(_fold(text)))


# 他的手机号是139… / 借款人号码: the number given is the borrower's, not the writer's own.
# 她手机号139… / 我儿子陈明 手机号135…: the number is the borrower's (or another's), not the asker's own
# 刚才有个17012345678打电话给我 / 用13900001111给我发短信的: a number that called, not the writer's own
_A_CALLER_BEFORE = re.compile(r"(?:有个|有人用|有一个|一个|对方用|他用|她用|那个|号码是|来电是|来电显示)\s*$")
_A_CALLER_AFTER = re.compile(
    r"^\s*(?:的号码|这个号码?|这个号)?[^，,。？?\d\s我你]{0,10}?(?:打电话|打给我|给我打|打我|打来|来电|发短信|发信息|给我发|打了|一直打|老打|骂)"
)


def called_from(text: str, phone: str) -> bool:
    """Whether `phone` appears in the words as the number someone called or texted from (it was taken as
    the writer's own and a code was said to be sent to it, h31b)."""
    plain = re.sub(r"[\s-]", "", text or "")
    at = plain.find(phone)
    if at < 0:
        return False
    return bool(_A_CALLER_BEFORE.search(plain[max(0, at - 6) : at]) or _A_CALLER_AFTER.match(plain[at + len(phone) :]))


THEIR_PHONE = re.compile(
    r"(?:他|她|借款人|孩子|儿子|女儿|我老公|我老婆|我爱人|我媳妇|我妈|我爸|我哥|我姐|我弟|我妹|我对象)"
    r"(?:(?![打给我你们的在是])[\u4e00-\u9fff]){0,3}\s*(?:的)?(?:手机号码?|手机|号码|电话)(?!给|打|里|上)"
)


# 只还一部分会怎么样 还是算逾期吗 / 还1500以后 剩下的还算逾期吗: what a part payment does.
_PART_PAYMENT = re.compile(
    r"(?:只还|先还|还一部分|还一点|还部分|部分还款|还(?:了|完)?\s*(?:这|那)?\s*\d+|还[一二两三四五六七八九十百千万]+(?:块|元)?|"
    r"\d+(?:\.\d+)?\s*(?:块|元)?[^。？?]{0,8}还(?:上|了|掉))"
    r"[^。？?]{0,16}(?:会怎么样|会怎样|还算逾期|算不算逾期|还逾期吗|还是逾期|还会逾期|还算不算|不算逾期|剩下的?(?:还|就)?算|有用吗|有没有用|"
    r"会少吗|会减少|少还|期数变少|期数会少|每个月会少|月供会少|"
    # 那我今天还了280 30号还要还多少 / 27号还完1500还剩多少: what is left after that part
    r"还要还多少|还剩多少|还差多少|剩多少|剩下多少|还欠多少|剩下的?[^。？?]{0,4}怎么办)|"
    # 好 确认。剩下的钱怎么办, at a promise of part of it: what is left
    r"剩下的?(?:钱|部分|那些|那部分)?(?:怎么办|咋办|怎么还|咋还|什么时候还|怎么处理)|"
    # 等会 我要是那天只能还一半呢: part of it, supposed (it got the consequences of being overdue)
    r"(?:如果|要是|万一|假如)[^。？?]{0,8}(?:只|才)能?(?:还|凑|拿)(?:得出|出|上|到)?(?:一半|一部分|一点|部分)|"
    # 如果到时候只凑到3000怎么办: less than promised, supposed (at a promise's confirmation it became 3000)
    r"(?:如果|要是|万一|假如)[^。？?]{0,8}(?:只|才|就)(?:凑|筹|有|还|拿)(?:到|得出|出|上)?了?\s*[\d一二两三四五六七八九十百千万]+[^。？?]{0,8}"
    r"(?:怎么办|会怎样|会怎么样|行不行|可以吗|算不算|会不会)"
)


# 我是问可以还一部分吗 / 能不能先还点: whether a part may be paid at all.
_PART_ALLOWED = re.compile(
    r"(?:能不能|能否|可不可以|允不允许)(?:先|只)?还(?:一部分|一点|一些|部分|点|一半)|"
    # 就问问能不能部分还款 / 支持部分还款吗 (the channels came, not whether, h34a)
    r"(?:能不能|能否|可不可以|可以|支持|允许)(?:先)?部分还款|部分还款(?:可以|行|能)(?:吗|不|嘛)|"
    r"(?:可以|允许|(?<![只每月])能)(?:先|只)?还(?:一部分|一点|一些|部分|点|\s*\d+)(?:[^。？?]{0,4}(?:吗|嘛|么|不|没)|[^。？?]{0,12}剩下)|"
    # 先还一半行不行 / 那先还一半行不 / 只能还一半 另一半下个月还可以吗 (it fell back, three times)
    # (先还一点行不行 stays a request: a plan is quoted)
    r"(?:先|只|只能|就)还一半[^。？?]{0,14}(?:行不行|行不|行吗|可以吗|可不可以|中不中|成不成|成吗|好不好|能不能)"
)
# 能不能先还一点 剩下的慢慢还 / 每个月只能还800 可以吗: a plan asked for, not whether a part may be paid.
_PLAN_WORDS = re.compile(r"慢慢还|分期|分着还|分几次|每个?月|分[\d一二两三四五六七八九十几]+\s*(?:个月|期|次)")


def asks_what_part_payment_does(text: str) -> bool:
    return bool(_PART_PAYMENT.search(_fold(text))) or asks_if_part_payment_allowed(text)


def asks_if_part_payment_allowed(text: str) -> bool:
    folded = _fold(text)
    return bool(_PART_ALLOWED.search(folded)) and not _PLAN_WORDS.search(folded)


# 我不会用手机银行 / 不会操作: paying is the hard part, not knowing the ways.
_CANNOT_OPERATE = re.compile(
    r"不会(?:用|操作|弄|搞|玩|下载)|不懂(?:怎么)?(?:操作|用)|没有?智能手机|老年机|眼睛不好|看不清|不识字"
)
# 我看不懂 你就说我要拿多少钱出来就行了: one figure, in plain words.
_PLAINLY = re.compile(
    r"看不懂|听不懂|搞不懂|弄不懂|(?<!不)不懂|太复杂|说简单点|简单(?:点|些)说|直接说|就说|拿多少钱出来|到底(?:要)?还多少"
)


def cannot_operate(text: str) -> bool:
    return bool(_CANNOT_OPERATE.search(_fold(text)))


def wants_it_plain(text: str) -> bool:
    return bool(_PLAINLY.search(_fold(text)))


# 自动扣款是几点扣 我工资下午才到 / 最晚几点前还: the hour on the due day.
_DEBIT_TIME = re.compile(r"几点(?:扣|划|还|之前|以前|前)|什么时候扣|啥时候扣|扣款时间|最晚几点|几点钟扣|当天几点")


def asks_debit_time(text: str) -> bool:
    return bool(_DEBIT_TIME.search(_fold(text)))


# 刚才那个撤销 / 撤销承诺 / 取消刚才登记的那个 C2026…: an arrangement already stored, to be undone — not
# a form's question declined (it said "已取消，没有为您办理任何变更" and the promise stood).
_UNDOES_ARRANGEMENT = re.compile(
    r"(?:分期|延期|承诺|方案|计划|约定)[^，,。？?]{0,10}(?:取消|撤销|撤回|作废|退掉|反悔|不算了)|"
    r"(?:取消|撤销|撤回|作废|退掉)[^，,。？?]{0,8}(?:分期|延期|承诺|方案|计划|约定|[CPE]20\d{6})|"
    # 这个分期方案P20261120FCD5E2 我想取消掉: its reference, then the undoing (it got "刚借的款想取消")
    r"[CPE]20\d{6}\w*[^，,。？?]{0,8}(?:取消|撤销|撤回|作废|退掉)|"
    r"刚才[^，,。？?]{0,8}(?:撤销|取消|作废|不算了|撤回)|(?:撤销|取消|作废|撤回)[^，,。？?]{0,4}刚才|"
    # 那能撤销吗 我不想分了: the plan just made, in other words
    r"(?:撤销|取消|退掉)[^。]{0,8}(?:不想分|不分了|不要分期)|(?:不想分了?|不分了)[^。]{0,8}(?:撤销|取消|退掉)"
)


# 分期会不会作废 / 晚几天承诺会被取消吗: whether it would be voided — a question, not undoing it.
_ASKS_IF_VOIDED = re.compile(r"(?:会不会|会|是否|就)(?:被|自动)?(?:作废|取消|撤销|失效)|(?:作废|失效)(?:吗|不|了吗|么)")
_WANTS_UNDONE = re.compile(r"帮我|我要|我想|给我|能不能|可以|可不可以|怎么")


def undoes_an_arrangement(text: str) -> bool:
    folded = _fold(text)
    if _ASKS_IF_VOIDED.search(folded) and not _WANTS_UNDONE.search(folded):
        return False  # 分期以后哪个月晚几天 分期会不会作废: asked in the plan's confirmation, it cancelled it
    return bool(_UNDOES_ARRANGEMENT.search(folded))


# 收到短信说我欠钱 我没借过啊 / 短信是不是骗子 要不要给他们打钱: a demand that may not be ours.
_NEVER_BORROWED = re.compile(r"我?没借过|没借过钱|我没借钱|从来没借|从没借过|没在你们这借|我没有借过?|没借你们")
_A_DEMAND = re.compile(r"短信|电话|信息|催|说我欠|让我还|让我转|要我还|要我转")
_SCAM = re.compile(r"骗子|诈骗|是不是骗|骗人的|打钱|转钱|转账|汇钱")


def worries_about_a_scam(text: str) -> bool:
    folded = _fold(text)
    return bool(_A_DEMAND.search(folded)) and bool(_NEVER_BORROWED.search(folded) or _SCAM.search(folded))


# 我根本没在你们这借过钱 / 会不会有人冒用我的身份证借了钱: a loan the writer says is not theirs.
_ID_MISUSED = re.compile(
    r"冒用|盗用|冒名|冒充我|被人(?:用|拿)(?:了)?我的(?:身份|身份证|名字|信息)|身份证[^，,。？?]{0,6}(?:借|贷)"
)


def fears_identity_misuse(text: str) -> bool:
    folded = _fold(text)
    return bool(_ID_MISUSED.search(folded) or _NEVER_BORROWED.search(folded))


# 验证码是发到我手机上吗 我手机在我儿子那: where the code goes.
_WHERE_CODE_GOES = re.compile(r"发到(?:哪|我|什么|谁)|发哪|哪个(?:手机|号)|手机(?:不在|在我|在他|在她)|发给谁")


def asks_where_code_goes(text: str) -> bool:
    return bool(_WHERE_CODE_GOES.search(_fold(text)))


# 我老公能不能以后帮我处理 你们跟他说就行: someone else to deal with the loan for them.
_SOMEONE_HANDLES = re.compile(
    r"(?:我|让我|叫我)?(?:老公|老婆|爱人|媳妇|丈夫|妻子|家人|家里人|妈|爸|儿子|女儿|孩子|哥|姐|朋友)"
    r"[^，。？?,]{0,6}(?:帮我处理|替我处理|帮我办|替我办|代我|代替我|全权|(?<![别不])(?:跟他说|跟她说|和他谈|和她谈)(?![了过没]))"
)
# 扣款failed了三次 我卡里明明有钱: an automatic debit that failed.
_DEBIT_FAILED = re.compile(
    r"扣款(?:失败|没成功|不成功|failed|fail)|扣(?:不了|不上|失败)|(?:没|没有)扣(?:成功|到|上)|扣款.{0,6}(?:失败|不成功)"
)
# 你们会不会报复我 / 投诉了会不会针对我: fear of retaliation for a complaint.
_RETALIATION = re.compile(
    r"报复|打击报复|针对我|给我穿小鞋|故意为难|"
    # 投诉完会不会以后催得更狠 (it was "这句话里没有时间", in the complaint form, h34b)
    r"投诉[^。？?]{0,8}(?:催得?更(?:狠|凶|厉害|多|勤)|更(?:狠|凶|厉害)|变本加厉|找我麻烦)"
)


def asks_someone_else_to_handle(text: str) -> bool:
    return bool(_SOMEONE_HANDLES.search(_fold(text)))


def says_debit_failed(text: str) -> bool:
    return bool(_DEBIT_FAILED.search(_fold(text)))


def fears_retaliation(text: str) -> bool:
    return bool(_RETALIATION.search(_fold(text)))


# 能不能用信用卡还: a credit card named as the way to pay (it got the channels, the question unanswered).
_CREDIT_CARD = re.compile(r"信用卡")


def asks_about_a_credit_card(text: str) -> bool:
    return bool(_CREDIT_CARD.search(_fold(text)))


# 能不能用微信转给你们客服 / 支付宝转给你们行吗: paying by a way that is not ours.
_OTHER_WAY_TO_PAY = re.compile(
    r"(?:微信|支付宝|银行卡|转账|扫码)[^，,。？?]{0,6}(?:转给|付给|打给|还给|转到|打到)(?:你们|客服|催收)"
)
# 你给我个账号 / 把卡号发我 / 收款码: an account to pay into.
_ASKS_ACCOUNT = re.compile(
    r"(?:给|发)我?(?:个|一个)?(?:账号|卡号|账户|收款码|二维码)|(?:账号|卡号|账户|收款码)(?:发|给)我"
)


# 我要下载你们的软件来还钱啊 / app在哪下载 我要还款: getting the App to pay with.
_GETS_THE_APP = re.compile(
    r"(?:下载|下|装|安装)[^，,。？?]{0,6}(?:app|软件|应用|客户端)|(?:app|软件|客户端)[^，,。？?]{0,4}(?:下载|安装)"
)


def wants_the_app(text: str) -> bool:
    return bool(_GETS_THE_APP.search(_fold(text).lower()))


def pays_another_way(text: str) -> bool:
    return bool(_OTHER_WAY_TO_PAY.search(_fold(text)))


def asks_for_an_account(text: str) -> bool:
    return bool(_ASKS_ACCOUNT.search(_fold(text)))


# 我想帮他还掉 / 我替我妈还行不行 / 能不能我来还: someone else offering to pay a borrower's loan.
_PAYS_FOR_THEM = re.compile(
    r"(?:帮|替|代)(?:他|她|我爸|我妈|我老公|我老婆|我儿子|我女儿|家里人|借款人)(?:把钱)?(?:还|还钱|还掉|还清|还上|还款|付)|"
    r"我来(?:还|付|出钱)|(?:能|可以)(?:让)?我(?:直接)?(?:还|付)"
)


def offers_to_pay_for_them(text: str) -> bool:
    return bool(_PAYS_FOR_THEM.search(_fold(text)))


# 能不能用我老公的卡还 / 拿我妈的银行卡扣行吗 / 别人名下的卡能绑吗: paying with a card in another's name.
_ANOTHERS_CARD = re.compile(
    r"(?:用|拿|绑|换成?|刷)(?:我)?(?:的)?(?:老公|老婆|爱人|媳妇|丈夫|妻子|对象|男朋友|女朋友|爸爸?|妈妈?|父母|儿子|女儿|"
    r"家人|家里人|朋友|同事|别人|他人|亲戚|哥哥?|姐姐?|弟弟?|妹妹?)(?:名下)?的?(?:银行|信用|储蓄)?卡|"
    r"(?:别人|他人|家人|其他人)(?:名下)?的?(?:银行|信用|储蓄)?卡[^，,。？?]{0,6}(?:还|扣|绑|付|能|可以|行)"
)


def pays_with_anothers_card(text: str) -> bool:
    return bool(_ANOTHERS_CARD.search(_fold(text)))


# 28号那笔是多少 / 15号要还几: an amount asked for a day of the month.
# (那12月10号那期呢: the same, asked after another day's figure)
# (还有28号那期要不要一起算进去: whether that day's instalment goes with the overdue ones, in a promise)
_DAYS_AMOUNT = re.compile(
    r"\d{1,2}\s*[号日](?:那|的)?(?:笔|期)?[^。]{0,6}(?:多少|几)|\d{1,2}\s*[号日](?:那|的)(?:笔|期)呢[?？]*$|"
    r"\d{1,2}\s*[号日](?:那|的)(?:笔|期)[^。]{0,6}(?:要不要|用不用|需不需要|能不能|可不可以|是不是)[^。]{0,4}"
    r"(?:一起|一块|算进|算上|加上|加进|包括)"
)


def asks_a_days_amount(text: str) -> bool:
    return bool(_DAYS_AMOUNT.search(text or ""))


def says_code_not_come(text: str) -> bool:
    return bool(_CODE_NOT_COME.search(_fold(text)))


def doubts_we_are_genuine(text: str) -> bool:
    return bool(_DOUBTS_US.search(_fold(text)))


def cannot_get_code(text: str) -> bool:
    """手机丢了 / 号码停用了 / 收不到验证码: the SMS code cannot reach this person (a human can verify them)."""
    return bool(_NO_CODE.search(_fold(text)))


_WRITING = re.compile(
    r"书面|确认书|确认函|承诺书|承诺函|凭证|证明|盖章|盖个章|(?<![a-z])pdf|电子版|纸质版?|回执|凭条|(?:那个|那份)确认(?![吗了])|"
    r"(?:出|开|发)(?:个|一份|一个|具)?(?:确认|证明|凭证|说明|文件|单子)"
)


def asks_for_writing(text: str) -> bool:
    """能出个书面确认吗 / 开个证明 / 盖章的凭证: a document, not the arrangement itself."""
    return bool(_WRITING.search(_fold(text).lower()))


# "我没要投诉" / "不是要投诉" / "别登记投诉": a complaint declined, not made — unless one is made after it
# (我不是要投诉你们 我是要投诉那个催收员).
_NO_COMPLAINT = re.compile(
    r"(?:没|没有|并没有?|不是|没说|不想|不用|不要|别|不)(?:给我)?(?:要|想|说要|打算|是要)?(?:登记)?(?:投诉|举报)"
)
_A_COMPLAINT = re.compile(r"(?<![没不别])(?:要|想|我|就)(?:投诉|举报)")


def declines_complaint(text: str) -> bool:
    folded = _fold(text)
    declined = list(_NO_COMPLAINT.finditer(folded))
    return bool(declined) and not _A_COMPLAINT.search(folded[declined[-1].end() :])


_DONT_CONTACT_ME = re.compile(
    r"(?:别|不要|不准|不许|不能|能不能别|能不能不要|可不可以别|可以不|怎么(?:才能|样才能)?让你们(?:别|不要|不再)|怎样才能不|"
    r"以后别|请不要|你们别)(?:再|老|总|老是|总是|一直|天天)?(?:给我|跟我|往我这)?(?:打|联系|骚扰|发短信|发信息|打电话|来电)"
    r"(?:我|给我|电话|了)?|"
    # 你们别再往这个号发催款短信了 / 别给这个号发了: the number they write from
    r"(?:别|不要|不准|能不能别|以后别|请不要|你们别)(?:再)?(?:往|给|对)?(?:这个|我这个|我的)(?:号|号码|手机号?|电话)(?:上)?(?:打|发)|"
    # 我想退出紧急联系人 / 我当不了这个紧急联系人: a contact asking to be taken off (退出 logged them out)
    r"退出(?:他的?|她的?)?紧急联系人|(?:不想|不愿意|不要)(?:再)?(?:当|做)(?:他的?|她的?)?紧急联系人|当不了(?:这个|他的?|她的?)?紧急联系人|"
    r"(?:取消|删掉|撤掉)(?:我的)?紧急联系人身份|"
    r"别再来?烦我|把我(?:的号码|的电话|的手机号)?(?:删了|删掉|去掉|移除)|不想再接到|不要再找我|"
    # 我号码186… 给我停了 / 停止联系我: stopped, in so many words
    r"给我停(?:了|掉|下来)|(?:停止|停掉)(?:联系|骚扰|打)(?:我)?|"
    # 把我从他的紧急联系人里删掉: someone listed as a contact, asking to be taken off
    r"把我从[^，,。？?]{0,10}(?:删了|删掉|去掉|移除|撤掉|撤了|拿掉)"
)
_NOT_THE_BORROWER = re.compile(
    r"我(?:根本|压根|完全|都|也)?不认识|不是我借的|"
    # 我系佢阿媽 / 唔係我借嘅 係我個仔借嘅 (Cantonese: taken as the borrower, then as a wrong number, h33b)
    r"我[系係是]佢(?:阿媽|阿妈|阿爸|老婆|老公|個仔|个仔|個女|个女|家姐|細佬|朋友|同事)|唔[係系]我借|[係系]我個?(?:仔|女|老公|老婆)借|"
    # 我不是你们客户 不要验证 / 打错人了: not a customer at all
    r"把我从(?:他|她)的?紧急联系人|我(?:根本|压根|又|都|也)?不是你们(?:的|家的?)?(?:客户|用户|借款人)|我(?:从来)?没在你们(?:这|这里|那|家)?借过|打错人了|找错人了|"
    # 我老婆在你们这借了钱 / 她手机号139…你告诉我还差多少: someone else's loan, someone else's phone
    r"我(?:老婆|老公|爱人|媳妇|妈|爸|儿子|女儿|哥|姐|弟|妹|朋友|同事|对象)(?:在你们(?:这|这里|那|那里|家)?)?(?:借了|欠了|贷了|借的|欠的|欠钱|欠款|欠你们)|"
    r"(?:他|她)(?:的)?(?:手机号码?|手机|号码|电话)(?:是|：|:)?\s*1\d{10}|跟我(?:没|有什么|有啥)关系|关我什么事|关我啥事|我又没借|我没借|我不是借款人|"
    r"我(?:就|只)?是(?!同事|朋友|亲戚|家人|邻居)(?:[\u4e00-\u9fff]{2,4}[\s,，、])?[\u4e00-\u9fff]{2,4}的(?:哥哥|姐姐|弟弟|妹妹|哥|姐|爸爸|妈妈|父亲|母亲|老公|老婆|丈夫|妻子|爱人|儿子|女儿|同事|朋友|家属|亲戚|领导)(?!介绍|推荐)|"
    r"我只是(?:他|她)的?|我(?:就)?是(?:他|她|借款人|欠款人|这个人)的?(?:同事|朋友|领导|室友|邻居|紧急联系人|老婆|老公|妈|爸|家人|亲戚|"
    r"妻子|爱人|媳妇|丈夫|母亲|父亲|儿子|女儿|哥|姐|弟|妹|家属|表哥|表姐|表弟|表妹|舅舅|姑姑|叔叔|阿姨)|"
    r"我是(?:同事|朋友|邻居|室友|紧急联系人)(?!的)|"
    r"退出(?:他的?|她的?)?紧急联系人|当不了(?:这个|他的?|她的?)?紧急联系人|(?:取消|删掉|撤掉)(?:我的)?紧急联系人身份|"
    # 你们的人打来找一个叫刘什么的 / 打错电话了: someone else sought, not the writer
    r"找(?:一个|一位)?叫[^，,。？?]{1,6}的|(?:你们)?(?:是不是)?打错(?:电话|人)了|"
    # 我是她登记的紧急联系人: listed by the borrower, not the borrower (it began her verification)
    r"我(?:就)?是(?:他|她|借款人)(?:登记|填|填写|留|写)的(?:紧急联系人|联系人)|"
    # 我不是那个姓张的 这个号现在是我的 / 号码是二手的: a recycled number, its new owner
    r"我(?:根本|又|也)?不是(?:那个|这个)?(?:姓[\u4e00-\u9fff]的|叫[\u4e00-\u9fff]{1,3}的)|我不是借款的|"
    r"(?:这个|这)?(?:号|号码|手机号)(?:现在|已经)是我的了?|(?:号|号码|手机号)(?:是)?(?:二手|新办|刚办|新买)的|"
    r"(?:号|号码)(?:以前|之前|原来)是别人的|"
    # 我想知道她欠你们多少: someone else's debt asked after
    r"(?:他|她)(?:到底|现在|一共|总共|还)?(?:欠|借)了?(?:你们)?(?:多少|几千|几万|的钱)|"
    # 我是不是要替她担保还钱啊: a relative asking if they must pay for the borrower
    r"(?:我)?(?:是不是|要不要|需不需要|用不用|会不会)(?:要)?(?:替|帮|给)(?:他|她)(?:担保|还钱|还|兜底|承担)|"
    # 我们是夫妻 共同债务 我有权知道吧: a spouse, asking about the other's loan
    r"我们是(?:夫妻|两口子)|我是(?:她|他)(?:的)?(?:老公|老婆|丈夫|妻子|爱人|媳妇)|"
    r"(?:他|她)的事|(?:他|她)欠的钱|(?:他|她)借的|"
    # 我替我哥问一下 / 帮我爸查查 / 这是我爸的号 / 他的号是139… / 他手机收到了
    # (not 打电话给我同事周杰，还…: who was called, and 还 "also" after a comma, which NFKC made ASCII)
    r"(?<!电话)(?<!打)(?:替|帮|给)我?(?:家)?(?:哥|姐|弟|妹|爸|妈|父亲|母亲|老公|老婆|爱人|媳妇|儿子|女儿|孩子|朋友|同事|亲戚|家人|对象)"
    r"[^，。？?,.!！]{0,4}(?:问|查|办|还|咨询|打听|处理)|"
    r"这是我(?:哥|姐|弟|妹|爸|妈|父亲|母亲|老公|老婆|爱人|媳妇|儿子|女儿|朋友|同事|亲戚)的|"
    r"我(?:哥|姐|弟|妹|爸|妈|父亲|母亲|老公|老婆|爱人|媳妇|儿子|女儿)的(?:手机号?|号码?|电话|账号)|"
    r"(?:他|她)的(?:手机号?|号码?|电话号?码?)(?:是|为)|(?:他|她)(?:的)?手机(?:上)?收到了"
)


_MY_PEOPLE = re.compile(r"我(?:妈|爸|家|老婆|老公|爱人|同事|领导|单位|公司|朋友|亲戚|哥|姐|弟|妹|父母)|家人|紧急联系人")
# (我想退出紧急联系人 / 当不了这个紧急联系人: the writer is the contact — about themselves)
_THEIR_CONTACT = re.compile(r"(?:他|她)的?紧急联系人|(?:退出|当不了这个|当不了|不想当|不想做|取消)(?:我的)?紧急联系人")
_WHO_I_AM = re.compile(r"我(?:只)?是(?:他|她)的?\w{1,4}")


# 你们天天打我电话找一个叫李明的人 我根本不认识他: called for someone they do not know (a wrong number).
_WRONG_NUMBER = re.compile(
    r"(?:你们)?(?:是不是)?打错(?:电话|人|号码?)了|"
    r"(?:打我|给我打|打到我|我电话|我手机|给我发|发到我)[^。！!]{0,20}(?:不认识|找错人|打错)|"
    r"(?:不认识|找错人了?|打错(?:人|号码?|电话)?了)[^。！!]{0,16}(?:打我|给我打|打到我|我电话|我手机|给我发|发到我)"
)


# 帮我把所有的联系方式都关了 / 什么都别发了: every contact stopped — not a setting there is.
_NO_CONTACT_AT_ALL = re.compile(
    r"(?:所有|全部|任何|一切)的?[^，,。？?]{0,6}(?:联系|消息|短信|电话|通知|方式)[^，,。？?]{0,6}(?:关|停|取消|不要|不想|别)|"
    r"(?:所有|全部|任何|一切)[^，,。？?]{0,4}(?:都|全)?(?:关|停|取消)(?:了|掉)|什么(?:都|也)(?:别|不要)(?:发|打|联系)|"
    r"不想再收到任何|(?:停止|停掉)(?:一切|所有)(?:联系|催收)?|"
    # 短信也不要 都别发 / 别给我打电话发短信了: calls and messages both
    r"(?:都|全都|啥都)(?:别|不要)(?:再)?(?:发|打|联系)|"
    r"(?:别|不要)(?:再)?(?:给我)?打电话(?:也别|和|、|，|也不要)?(?:别|不要)?(?:再)?发短信|(?:电话|短信)(?:和|、)(?:电话|短信)[^，,。？?]{0,3}(?:都)?(?:别|不要)"
)


# 我是别人的紧急联系人 不想当了 / 她把我填成紧急联系人: the writer is someone's contact, not the borrower
_IS_A_CONTACT = re.compile(
    r"我是(?:别人|他|她|[\u4e00-\u9fff]{2,3})的?紧急联系人|(?:填|写|留|登记)(?:了)?我(?:的号码|的电话)?(?:当|做|作为|为)?(?:了)?紧急联系人|"
    r"把我(?:填|写|留|登记)(?:成|为|作|做)(?:了)?紧急联系人|"
    # 把我从他那个紧急联系人里面去掉 (h32b: a borrower's verification began)
    r"把我从[^，,。？?]{0,8}紧急联系人[^，,。？?]{0,3}(?:去|删|拿|撤|移)(?:掉|除|了|走)"
)
# 我在地铁上捡到一个手机: the phone is not theirs (it got the repayment channels, or a complaint form, h31b)
_FOUND_A_PHONE = re.compile(r"(?:捡到|捡了|拾到|捡着)(?:了)?(?:一|个|一个|一部|部)?(?:部|个)?(?:手机|电话)")
# 催收打电话到我老公那里去了跟他说我在外面欠了钱不还: the debt told to someone (a lecture on family came, h31b)
_DEBT_TOLD = re.compile(
    r"(?:跟|和|对|给|告诉)(?:他|她|他们|我[\u4e00-\u9fff]{1,2}|家里人|家人|同事|领导|邻居|朋友)[^，,。？?]{0,2}(?:说|讲|透露)?(?:了)?"
    r"(?:我)?(?:在外面)?(?:欠|借)(?:了)?(?:钱|债|款)|(?:说|讲)我(?:在外面)?欠(?:了)?(?:钱|债|你们)"
)
# 催收的让我去别的平台借钱来还你们: borrowing elsewhere pressed on them (read as about another lender, h31b)
_BORROW_ELSEWHERE = re.compile(
    r"(?:催收|催债|你们的人|客服|他们|对方)[^，,。？?]{0,6}(?:让|叫|逼|要|劝)我[^，,。？?]{0,4}(?:去|找|到)?[^，,。？?]{0,6}"
    r"(?:借|贷|套现|撸口子|以贷养贷)"
)
# 说要弄死我全家 / 要砍我: violence threatened against the writer (safety first, h31b)
_VIOLENCE_THREATENED = re.compile(
    r"弄死|打死|杀了|杀我|砍(?:死|你|我)|捅(?:死|你|我)|弄残|打断(?:你|我)?的?腿|泼硫酸|泼汽油|烧死"
)


# 我唔识呢个人 / 跟他没关系 / 打错了: a stranger to the loan, in any words (with 别再打给我, left alone)
_A_STRANGER = re.compile(
    r"唔识|唔係|唔系|不认识|不是我(?:借|的)|我不是(?:他|她)|不是本人|没借过|(?:跟|和)(?:他|她)没关系|打错|发错|"
    r"(?:号|号码|手机)[^，,。？?]{0,4}(?:新办的|刚办的)|(?:新办的|刚办的)(?:号|号码|手机)"
)


def says_a_stranger(text: str) -> bool:
    folded = _fold(text)
    return bool(_A_STRANGER.search(folded)) or says_not_the_borrower(text) or says_they_are_a_contact(text)


def says_they_are_a_contact(text: str) -> bool:
    return bool(_IS_A_CONTACT.search(_fold(text)))


def found_a_phone(text: str) -> bool:
    return bool(_FOUND_A_PHONE.search(_fold(text)))


def tells_debt_was_told(text: str) -> bool:
    """Told as done (了/过), not asked whether it would be (紧急联系人那边你们会说我欠钱吗)."""
    folded = _fold(text)
    return (
        bool(_DEBT_TOLD.search(folded))
        and bool(re.search(r"了|过", folded))
        and not re.search(r"会不会|会(?:跟|和|对)?[^，,。？?]{0,4}(?:说|讲|告诉|透露)", folded)
    )


def tells_of_borrowing_pressed(text: str) -> bool:
    return bool(_BORROW_ELSEWHERE.search(_fold(text)))


def tells_of_violence_threatened(text: str) -> bool:
    return bool(_VIOLENCE_THREATENED.search(_fold(text)))


def wants_no_contact_at_all(text: str) -> bool:
    return bool(_NO_CONTACT_AT_ALL.search(_fold(text)))


def asks_not_to_be_contacted(text: str) -> bool:
    """别再给我打电话了 / 怎么才能让你们别打了 / 把我的号码删了 / 天天打我电话找一个我不认识的人: the
    writer asks to be left alone (not "别再打我妈电话了": the borrower's own people are a contact setting)."""
    folded = _fold(text)
    asked = _DONT_CONTACT_ME.search(folded) or _WRONG_NUMBER.search(folded)
    if asked and _IS_A_CONTACT.search(folded):
        return True  # 把我从我表哥的紧急联系人里删了 别再打给我: his contact, not one of theirs (a code was sent)
    return bool(asked) and not _MY_PEOPLE.search(_THEIR_CONTACT.sub("", _WHO_I_AM.sub("", folded)))


# 我是某某债务协商中心的 受客户委托 / 我有他的授权书: an agent speaking for a borrower, not the borrower.
_AGENT = re.compile(
    # (not 我们是夫妻 共同债务: a spouse, who is a third party, not an agent)
    r"我(?:们)?是(?!夫妻|两口子|一家|他|她)[^，,。？?！!\s]{0,12}(?:债务|协商|优化|法务|律所|律师|事务所|中介|代理|咨询公司|服务中心|服务公司)|"
    r"受[^，。？?！!]{0,8}委托|(?:我的|替|帮|代)客户|代理人|委托书|授权书"
)


# 有个人打电话说是…律师 说受你们委托: someone the borrower tells of, not the writer (h29b: the borrower was
# refused as an agent, and told the money was gone)
_TOLD_OF = re.compile(r"(?:有个|有人|一个|那个|对方|他|她)[^，,。？?！!]{0,10}(?:说|自称|声称)|自称")


def says_is_an_agent(text: str) -> bool:
    folded = _fold(text)
    found = _AGENT.search(folded)
    return bool(found) and not (found.group(0).startswith("受") and _TOLD_OF.search(folded[: found.start()]))


# 我已经转给他500了 / 钱打到那个中介卡上了 / 被骗了2000: money already paid to someone not the lender.
_PAID_SOMEONE = re.compile(
    # (not 是在app里还的，不是转给个人: denied)
    r"(?<!不是)(?<!没有)(?<![没不])(?:转账?|汇款?|付款?|交|打钱|打款|给钱|打了?\d+(?:块|元)?钱?)(?:了|过)?[^，。？?！!]{0,4}(?:给|到)(?:了)?"
    r"(?:那个|那|这个|你们(?:的)?[一1]个|[一1]个)?(?:他|她|对方|人|中介|代理|个人|私人|骗子|账户|卡|客服|催收员?)|"
    r"(?:转|打|汇|付|交)(?:了|过)[^，。？?！!]{0,6}(?:服务费|手续费|中介费|保证金|定金|押金|咨询费)|"
    r"(?:被骗|上当|骗了我)[^。！!]{0,20}(?:中介|停息|挂账|协商|代还|减免|征信|客服|催收|还款|账户)|"
    r"(?:中介|停息|挂账|协商|代还|减免|征信|客服|催收|还款|账户)[^。！!]{0,20}(?:被骗|上当|骗了我)"
)


_SCAMMED = re.compile(
    r"被骗|上当|骗了|已经(?:转|打|付|交|汇)|(?:转|打|付|交|汇)(?:了|过)\d|(?:转|打|付|交|汇)过去了|"
    r"算(?:我的?)?还款|算不算还款|能退|退回|追回|要回来|怎么办"
)


def says_scammed(text: str) -> bool:
    """已经被骗了2000 / 我已经转了: said right after the middleman warning, the money is gone."""
    return bool(_SCAMMED.search(arabic_numerals(_fold(text))))


_ASKED_TO_PAY = re.compile(
    # (not 让我转告她还钱 / 让我打电话给她: a message passed on, no money)
    r"(?:让|叫|要|要求|逼|催)我[^，。？?！!]{0,10}(?:转(?!告|达|述|发)|打(?!电话)|汇|付|交)[^，。？?！!]{0,12}(?:个人|私人|他的|她的|对方|他|她)|"
    # 说我今天不转账到他给的账户就要抓我: a demand with a threat — nothing paid yet
    r"不(?:转|打|汇|付|交)(?:账|钱|款)?[^，。？?！!]{0,10}(?:就|要|会)"
)
# 我要不要给那个QQ法官转500块 / 那500块保证金要不要交 / 法院让交保证金到个人账户 能转吗: whether to pay
# someone who is not the lender
_WHETHER_TO_PAY = re.compile(
    r"(?:让|叫|要求|逼|催)(?:我|她|他|我妈|我爸)?(?:先)?(?:交|转|付|汇|打钱)[^，。？?！!]{0,12}(?:个人|私人|保证金|押金|他的|她的)"
    r"[^。！!]{0,30}(?:能转|能不能|要不要|该不该|吗|是真的|真的假的)|"
    # (not 能不能别给他打电话了: a call not wanted, no money)
    r"(?:要不要|该不该|能不能|可不可以|应不应该|需不需要|用不用)(?![别不])[^，。？?！!]{0,3}(?:给|向|转给|打给)(?:那个|这个)?"
    r"[^，。？?！!]{0,6}(?:法官|律师|警察|法院|他|她|对方|QQ|qq|微信|个人|私人)[^，。？?！!]{0,6}(?:转|打(?!电话|过来)|交|付|汇)|"
    r"(?:保证金|押金|解冻费|撤诉费|手续费|服务费|会员费|认证费)[^，。？?！!]{0,6}(?:要不要|该不该|能不能|用不用|需不需要|是不是)(?:得|要)?(?:交|给|付|转)"
)
_PAID_DONE = re.compile(r"已经|已|(?:转|打|汇|付|交)(?:了|过)|我转了|我打了|我付了|钱没了|被骗")


def says_asked_to_pay_a_person(text: str) -> bool:
    """催收让我把钱转到他的个人卡上 是真的吗: asked to pay a person — nothing paid yet."""
    plain = _fold(text)
    # (我没借钱 短信是不是骗子 要不要给他们打钱: whether there is a loan at all, checked first — fallback)
    return bool(_ASKED_TO_PAY.search(plain)) or bool(
        _WHETHER_TO_PAY.search(plain) and not _NEVER_BORROWED.search(plain)
    )


def says_paid_someone_else(text: str) -> bool:
    """我已经转给他500了: money paid to someone else (not when only asked to: 让我转到他的卡上 是真的吗)."""
    plain = arabic_numerals(_fold(text))
    if says_asked_to_pay_a_person(plain) and not _PAID_DONE.search(plain):
        return False
    found = _PAID_SOMEONE.search(plain)
    if found and _OWN_MONEY_MOVED.search(plain) and not _MIDDLEMAN_WORDS.search(plain):
        return False  # 钱都在支付宝余额里 先转到卡里再还呗: their own money (it got 110 and "被骗了")
    if found and _WHETHER.search(plain) and not _PAID_DONE.search(plain):
        return False  # 法院让交保证金到个人账户 能转吗 / 我该不该转啊: asked whether to — nothing paid yet
    if found and _PASSED_ON.search(plain) and not _MONEY.search(plain):
        return (
            False  # 能不能直接發短信給王麗？還是只能我自己轉給她 (the statement): it got 110 and the anti-fraud answer
        )
    if found and _DEPOSIT_OF_LIFE.search(plain) and not _MIDDLEMAN_WORDS.search(plain):
        return False  # 我妈住院 钱都交了押金: a hospital's deposit, a hardship (it got the anti-fraud answer)
    return bool(found)


_OWN_MONEY_MOVED = re.compile(r"提现|余额|自己的?(?:银行)?卡|我的(?:银行)?卡|转到卡里|转到银行卡|转到卡上")
_WHETHER = re.compile(r"能转吗|能不能转|该不该|要不要|可以转吗|转不转|能交吗|要交吗|交不交|是真的吗|真的假的|能给吗")
# A paper or a message passed on (转给她 the statement), not money.
_PASSED_ON = re.compile(r"文件|对账单|账单|证明|确认书|凭证|截图|pdf|链接|短信|消息|信息|协议|合同|转告|转发")
_MONEY = re.compile(r"钱|元|块|\d{2,}|转账|打款|汇款|收款|银行卡|账户|卡号|支付宝|微信转")
# A deposit or fee of daily life (hospital, rent, school): paid, but not to anyone about the loan.
_DEPOSIT_OF_LIFE = re.compile(r"住院|医院|手术|看病|治病|房租|租房|房东|学费|押金条")
_MIDDLEMAN_WORDS = re.compile(r"中介|代理|停息|挂账|代还|减免|征信|催收|客服|私人|个人(?:账户|卡)|骗")


# 我是借款人 查一下 / 我就是本人啊 / 钱是我借的 / 我儿子帮我在手机上借的钱: the writer is the borrower
# (借款人 and 本人 in the words read as a third party's message).
_IS_THE_BORROWER = re.compile(
    r"我(?:就|才)?是(?:借款人|欠款人|本人|机主)(?!的)|我(?:就|才)?是[\u4e00-\u9fff]{2,3}本人|本人(?:在|来)?(?:查|问|操作|咨询)|(?:钱|款)(?:就|都)?是我(?:自己)?借的"
    r"|是我(?:自己)?借的|我自己借的|我自己的(?:借款|贷款|账|钱)|不是别人[^。？?]{0,3}是我(?:自己|本人)"
    r"|(?:儿子|女儿|孩子|孙子|孙女|外孙|家里人|老伴|老公|老婆)帮我(?:在手机上|在网上|用手机|操作|申请|弄)?(?:的|借|贷|申请|办)"
    # 喂 我是刘洋 136开头那个 欠你们钱那个: the one who owes (it got "您本人没有任何还款义务", h31a)
    r"|我是[^，,。？?]{0,16}(?:欠你们钱|欠钱|借钱|借款|贷款)的?那个"
)


def says_is_the_borrower(text: str) -> bool:
    folded = _fold(text)
    return bool(_IS_THE_BORROWER.search(folded)) and not _NOT_THE_BORROWER.search(folded)


# 我拿她手机看了 验证码398711 / 用我老婆手机收的: a code read off someone else's phone — not the borrower's
# own verification (a husband was verified as his wife and shown her schedule).
_ANOTHERS_PHONE = re.compile(
    r"(?:拿|用|看|借|翻|偷看)(?:了|着|的)?(?:她|他|我(?:老婆|老公|爱人|媳妇|妈|爸|儿子|女儿|哥|姐|弟|妹|对象|朋友|同事))的?手机|"
    r"(?:她|他)(?:的)?手机(?:现在|还|都|一直)?(?:在我(?:这|这里|这儿|手上|手里|身边)|上(?:的|收到的)?验证码)|(?:她|他)(?:让|叫)我(?:帮她|帮他)?(?:输|填|看)"
)


def uses_anothers_phone(text: str) -> bool:
    """我拿她手机看了 验证码398711: the code comes from someone else's phone."""
    return bool(_ANOTHERS_PHONE.search(_fold(text)))


# 13500135005 是我妈妈的 家里就这一个手机 / 号码是二手的 / 这个号现在是我的: the phone (or number) is someone
# else's, or was — a code sent to it proves nothing about who writes (a child was shown her mother's loans).
_PHONE_NOT_THEIRS = re.compile(
    r"(?:号码?|手机号?|电话)?(?:是|是我)(?:妈妈?|爸爸?|老公|老婆|爱人|媳妇|儿子|女儿|哥哥?|姐姐?|弟弟?|妹妹?|对象|朋友|同事)的|"
    r"(?:号|号码|手机号)(?:是)?(?:二手|新办|刚办|新买)的|(?:号|号码|手机号)(?:现在|已经)是我的|"
    r"(?:号|号码)(?:以前|之前|原来)是别人的"
)


def says_phone_not_theirs(text: str) -> bool:
    folded = _fold(text)
    return uses_anothers_phone(folded) or bool(_PHONE_NOT_THEIRS.search(folded))


# 我是张伟老婆 他手机在我这 / 我姐让我帮她看看下个月还多少 / 我就是帮她问: the writer speaks for the
# borrower whose session or phone this is (they were shown the contact log, the settings and a due
# amount, h25b). Not 我是单亲妈妈 / 我是孩子爸爸 (who the writer is), nor 他让我还钱 (a demand).
_WRITES_FOR_SOMEONE = re.compile(
    r"我(?:就|只)?是(?!单亲|全职|二胎|三胎|新手|宝|孩子|俩孩|两孩|一个|一名|一位|个|独生|本人)"
    r"[\u4e00-\u9fff]{2,3}的?(?:老婆|老公|媳妇|爱人|妻子|丈夫|妈妈|母亲|爸爸|父亲)(?=[\s,，。.!！?？~～]|$|他|她)|"
    r"(?:他|她|我?(?:老婆|老公|爱人|媳妇|妈|爸|儿子|女儿|哥|姐|弟|妹|对象|朋友|同事))(?:让|叫|托|要)我帮(?:她|他)|"
    r"我(?:就|只|这)?(?:是)?(?:在)?(?:帮|替)(?:他|她)(?:问|看|查|办|处理|咨询|打听)"
)


def writes_for_someone_else(text: str) -> bool:
    """我是张伟老婆 / 我姐让我帮她看看 / 我就是帮她问: someone writes for the borrower."""
    return bool(_WRITES_FOR_SOMEONE.search(_fold(text)))


def says_not_the_borrower(text: str) -> bool:
    """我不认识他 / 不是我借的 / 我是他同事: the writer is someone else than the borrower."""
    return bool(_NOT_THE_BORROWER.search(_fold(text)))


def _fold(text: str) -> str:
    return fix_typos(to_simplified(unicodedata.normalize("NFKC", text or ""))).strip()


def is_noise(text: str) -> bool:
    """Nothing a person could mean as words: empty, punctuation, symbols and emoji only."""
    for char in _fold(text):
        category = unicodedata.category(char)
        if category[0] in ("L", "N"):
            return False
    return True


def core_bounds(text: str) -> Tuple[int, int]:
    """Where the request sits in the message, without the greetings, fillers and politeness around
    it; the whole message when nothing else would be left (a message that is only a greeting)."""
    start, end = 0, len(text)
    for _ in range(4):
        opener = _OPENER.match(text, start, end)
        closer = _CLOSER.search(text, start, end)
        moved = False
        if opener and opener.end() > start:
            start, moved = opener.end(), True
        if closer and closer.start() < end and closer.start() >= start:
            end, moved = closer.start(), True
        if not moved:
            break
    # Thanks before a request is politeness (谢谢，那我要投诉); before a word or two it is the message.
    if len(re.sub(r"[\W_]", "", text[start:end])) < (3 if _THANKS.match(text) else 2):
        return 0, len(text)
    return start, end


def core_request(text: str) -> str:
    """The request without what is wrapped around it (see core_bounds)."""
    start, end = core_bounds(text)
    return text[start:end]


# 算了 我先回去问问我老婆 / 不办了 回头跟家里商量下: a cancel, then only why (a deferral), no new request.
_CANCEL_THEN_DEFER = re.compile(
    r"^(?:那|哎|唉|嗯|呃|诶|欸|哦)?[\W_]*(?:等等|等下|等一下)?[\W_]*(?:我)?(?:还是)?(?:先)?"
    r"(?:算了|不办了|不弄了|不要了|先不办了|先不弄了|先别登记|别登记了?|"
    r"再考虑考虑|再考虑一下|再考虑下|再想想|考虑一下|想想)(?:吧|啊)?[\W_]*"
    r"(?:我|我们)?(?:得|要|还要|需要|还得)?(?:还是)?(?:(?:先|回去|回头|等|改天|下次|再)[^\d？?]{0,14})?"
    r"(?:问问|问一下|商量|想想|考虑|看看|说吧|决定|筹钱|凑钱|确认|查下|查一下|看下|再看|再说|再弄|再办)[^\d？?]{0,10}$|"
    # a cancel with the reason the money is not there (别登记了，钱可能凑不齐)
    r"^(?:那|哎|唉|嗯|呃)?(?:还是)?(?:先)?(?:算了|不办了|不弄了|不要了|别登记了?|先别登记|别办了|不登记了)(?:吧|啊)?[\W_]*"
    r"[^\d？?]{0,8}(?:凑不齐|凑不够|没钱|钱不够|还不上|拿不出|手头紧|不一定有钱|没把握)[^\d？?]{0,6}$"
)


def is_cancel(text: str) -> bool:
    """算了 / 那算了 / 不要了 / 不办了 / 先不弄了 / 以后再说 … said as the whole message, or a cancel
    followed only by a deferral (算了 我先回去问问我老婆)."""
    folded = core_request(_fold(text))
    words = re.sub(r"[\W_]+", "", folded)
    return bool(words) and (bool(_CANCEL.match(words)) or bool(_CANCEL_THEN_DEFER.match(folded.strip())))


_HALF = re.compile(r"一半|半数")


# 我想补充一下刚才的投诉 / 给工单T2026…补充情况 / 不是新投诉: more words for a complaint already filed.
_ADDS_TO_COMPLAINT = re.compile(
    r"补充|追加|再补|忘了说|不是新(?:的)?投诉|(?:加到|加进|记到|写进|放到)(?:刚才|之前|那个|这个|我的)?(?:的)?(?:投诉|工单)|"
    # 時間登記錯了，是17號不是18號: a correction of what the complaint holds (the promise's answer came, h37b)
    r"(?:时间|日期|号码|工号)(?:登记|记|写|填)错了|"
    # 把10点40那个补到刚才那个单子里就行
    r"补(?:到|进|在)(?:刚才|之前|那个|这个|我的)?[^，,。？?]{0,4}(?:投诉|工单|单子)"
)
# 工号好像是A1023 / 他说他叫小李 / 号码是170…: a detail of who called, said right after a complaint.
_CALLER_DETAIL = re.compile(r"工号|编号是|自称|他叫|她叫|名字叫|姓[王李张刘陈杨赵黄周吴]|号码是|电话是|用的号码|尾号")


def tells_caller_detail(text: str) -> bool:
    return bool(_CALLER_DETAIL.search(_fold(text)))


# What is left of such a message once the words that say it is an addition are gone: the addition.
_ADDITION_WORDS = re.compile(
    r"我?(?:想|要)?(?:再)?(?:补充|追加|再补)(?:投诉|一下|一点|几句)?(?:情况|内容)?|我?不是要?新(?:的)?投诉|我是要|"
    r"(?:刚才|之前)那个|取消|是?给?(?:工单|投诉)?\s*T20\d{6}[0-9A-Z]{6}|"
    r"(?:刚才|之前|上次|昨天)(?:的|那个|那条|提交的)?投诉|(?:把)?(?:加到|加进|记到|写进|放到)(?:刚才|之前|那个|这个|我的)?(?:的)?(?:投诉|工单)里?|"
    r"^是?给$",
    re.IGNORECASE,
)
_ADDITION_PUNCTUATION = re.compile(r"[，。,.!！?？:：；;\s]+")
# 补充：对方自称姓王。另外我今天都办了啥？帮我捋一下: the question after it is not part of the complaint
_QUESTION_AFTER = re.compile(r"(?:另外|对了|顺便|还有个问题|还想问)")


_MEANS_TO_COMPLAIN = re.compile(r"投诉|举报|反映|维权|曝光|告(?:你们|他|她)|12378|监管|处理一下|处理他|处理她")


# The particular point a question about the contact policy asks (answered after the policy).
_CONTACT_DURING_RELIEF = re.compile(
    r"(?:分期|延期|承诺|协商|谈)[^。？?]{0,14}(?:催|打电话|打我|来电|联系|找我)|(?:登记了|登记以后|登记后)[^。？?]{0,10}(?:催|打电话|打我|来电)|(?:催|打电话|联系)[^。？?]{0,8}(?:分期|延期|协商)(?:以后|之后|期间|后)"
)
_CONTACT_ON_WEEKENDS = re.compile(r"周末|星期六|星期天|星期日|礼拜六|礼拜天|周六|周日|节假日|放假|过年|春节|国庆|假期")
_TELL_REAL_CALLERS = re.compile(
    r"(?:怎么|如何|咋)(?:分辨|辨别|区分|知道|确认|判断)[^。？?]{0,10}(?:你们|真假|骗子|诈骗|是不是)|"
    r"号码[^。？?]{0,6}(?:固定|是多少|哪个|哪些)|哪个号码|外包|第三方催收|催收公司"
)


def asks_contact_during_relief(text: str) -> bool:
    return bool(_CONTACT_DURING_RELIEF.search(_fold(text)))


def asks_contact_on_weekends(text: str) -> bool:
    return bool(_CONTACT_ON_WEEKENDS.search(_fold(text)))


_CONTACT_BY_WECHAT = re.compile(r"微信|vx|VX|wx|威信|加我|QQ|qq")
_OUTSIDE_HOURS = re.compile(
    r"(?:晚上|夜里|半夜|深夜|凌晨|早上|大早|一早)[^。？?]{0,8}(?:\d{1,2}|[一二三四五六七八九十两]{1,3})?\s*点?"
    r"[^。？?]{0,4}(?:以后|之后|后|以前|之前|前)?[^。？?]{0,6}(?:打|联系|来电|发短信|催)|"
    r"(?:\d{1,2}|[一二三四五六七八九十两]{1,3})\s*点(?:以后|之后|后|以前|之前|前)[^。？?]{0,6}(?:打|联系|来电|发短信|催)"
)
_WILL_YOU = re.compile(
    r"会不会|会吗|还会|会打|能不能|可以吗|可不可以|[吗么嘛][\s?？。.!！~]*$|[吗么]|不[\s?？。.!！~]*$"
)
_HOW_OFTEN = re.compile(
    r"(?:一天|每天|天天|一周|每周)[^。？?]{0,6}(?:几次|多少次|几个|多少个|几遍)|打(?:几|多少)次|频率"
)


def asks_contact_by_wechat(text: str) -> bool:
    """能用微信联系我吗 / 你们会加我微信吗: a channel we do not use."""
    plain = _fold(text)
    return bool(_CONTACT_BY_WECHAT.search(plain) and re.search(r"联系|打|发|加|找|通知|催|沟通|方式", plain))


def asks_contact_outside_hours(text: str) -> bool:
    """晚上10点以后你们还会打吗 / 早上7点会不会来电: when in the day we may call."""
    plain = _fold(text)
    return bool(_OUTSIDE_HOURS.search(plain) and _WILL_YOU.search(plain))


def asks_how_often_contacted(text: str) -> bool:
    """一天会打几次 / 打电话的频率: how often."""
    return bool(_HOW_OFTEN.search(_fold(text)))


def asks_how_to_tell_real_callers(text: str) -> bool:
    return bool(_TELL_REAL_CALLERS.search(_fold(text)))


_GOODBYE = re.compile(r"拜拜|再见|回见|88|886|bye|先这样|先这样吧|下次再聊", re.IGNORECASE)


_PRINCIPAL_LEFT = re.compile(r"本金[^，,。？?]{0,6}(?:剩|还有|还差|没还|多少)|(?:剩|还有|还差)[^，,。？?]{0,4}本金")


_ORIGINAL_AMOUNT = re.compile(
    r"(?:当初|一开始|原来|当时|最开始|最初|借的时候)[^，,。？?]{0,8}借(?:了|的)?多少|借款本金是多少|借了多少来着|总共借了多少"
)


_ONE_LOAN = re.compile(
    r"(?<![A-Za-z])L\d{4}|(?:只|单独|光)[^，,。？?]{0,4}(?:那|这|一)笔|(?:那|这)笔[^，,。？?]{0,4}(?:单独|自己)"
)


def names_one_loan(text: str) -> bool:
    """只分L5002那笔 / 那一笔能单独分期吗: one of several loans, not the overdue total."""
    return bool(_ONE_LOAN.search(_fold(text)))


def asks_original_amount(text: str) -> bool:
    """我借的时候借了多少来着 / 借款本金是多少: what was borrowed, not what is owed."""
    return bool(_ORIGINAL_AMOUNT.search(_fold(text)))


def asks_principal_left(text: str) -> bool:
    """本金还剩多少 / 还差多少本金: the principal not yet repaid, not the overdue breakdown alone."""
    return bool(_PRINCIPAL_LEFT.search(_fold(text)))


_NO_HUMAN = re.compile(
    # (not 算了 转人工吧: "forget it, a person then" asks for one)
    # (我要人工 不要机器 / 不要机器人 转人工: the machine refused, a person asked — "好的，不转人工" came, h35a)
    r"(?:取消|不要(?!机器|机械|ai|自动|智能|你)|不用(?!机器|你)|别(?!用机器|让机器)|不需要(?!机器)|不想(?!跟机器|和机器)|撤(?:回|掉|销)?)"
    r"[^，。,.？?]{0,4}(?:转)?人工|"
    r"人工[^，。,.？?]{0,6}(?:不用(?!机器)|不要(?!机器|机械|ai|自动|智能|你)|取消|算了|撤)|"
    # 转人工太慢了 你就告诉我… / 我没说要转人工啊: a person declined (a handoff was made, twice)
    r"(?:转|等)?人工(?:太|好|那么|这么)(?:慢|久|麻烦)|没(?:说|让你|叫你|要求)(?:要)?(?:转)?人工|转什么人工|不转人工"
)


def cancels_handoff(text: str) -> bool:
    """算了 取消人工吧 / 人工不用了: the request for a person taken back, not made again."""
    return bool(_NO_HUMAN.search(_fold(text)))


_WHEN_ANSWERED = re.compile(
    r"(?:多久|多长时间|什么时候|啥时候|几点|哪天)[^，,。？?]{0,6}(?:回复|答复|联系|处理|打给我|回电|给我回|有结果|有人|找我)|"
    r"(?:怎么|咋|为什么|为啥)还?没(?:有)?人(?:联系|回|理|打|来|处理)|转过人工"
)


# 要等多久 / 还得等多久啊: alone, after a person or a complaint was asked for, how long until answered.
_HOW_LONG_TO_WAIT = re.compile(
    r"^(?:那|那我|请问|我)?(?:大概|大约|一般|差不多|估计)?(?:还)?(?:要|得|需要)?等(?:多久|多长时间|到什么时候|到几点|几天|几个小时)"
    r"(?:啊|呀|呢|了)?[\s。.!！?？~～,，]*(?:(?:现在)?有人(?:吗|没|没有)|人呢)?[\s。.!！?？~～]*$"
)
# 客服电话多少 / 你们热线是多少: a number to call (none is given here; a person takes over in the chat).
_PHONE_NUMBER_ASKED = re.compile(
    r"(?:客服|人工|热线|官方|你们)(?:的)?(?:电话|热线|号码)(?:号码)?(?:是)?(?:多少|几号|给|发|呢|有吗|有没有)|"
    r"(?:电话|热线)(?:号码)?是多少|打(?:哪个|什么|几号)(?:电话|号码)"
)
# 人工客服几点上班 / 客服什么时候有人: the hours asked, not a person asked for.
_SERVICE_HOURS_ASKED = re.compile(
    r"(?:人工|客服)[^，,。？?]{0,6}(?:几点|什么时候|啥时候|哪个时间)(?:上班|开始|在线|有人|下班)|"
    r"(?:几点|什么时候|啥时候)(?:上班|下班|有人工|有客服)"
)
_A_PERSON_NOW = re.compile(
    r"转人工|找人工|要人工|接人工|人工服务|我要(?:找)?(?:客服|人工|真人)|帮我转|(?:转|找|要|接)(?:个)?真人|真人客服"
)


# 转人工要等多久啊 晚上有人吗: how long a person takes, asked before asking for one (a ticket was made).
_WAIT_FOR_A_PERSON = re.compile(
    r"(?:转人工|人工|客服)[^，,。？?]{0,4}(?:要|得|需要)?等(?:多久|多长时间|几分钟|几个小时|到几点)"
)


# 人工会给我打电话吗 / 客服是打电话还是在这回: how the person who takes over reaches the borrower (it
# got the collection contact rules).
_HOW_A_PERSON_REACHES = re.compile(
    r"(?:人工|客服|真人)[^，,。？?]{0,6}(?:会|是|要)?(?:给我|跟我)?(?:打电话|打给我|来电|回电|电话联系)|"
    r"(?:人工|客服)[^，,。？?]{0,6}(?:在哪|在哪里|在这|在这里|怎么)(?:回复|回我|联系我|找我)"
)


def asks_how_a_person_reaches_me(text: str) -> bool:
    """人工会给我打电话吗: how a person takes over (in this chat), not the collection contact rules."""
    folded = _fold(text)
    return bool(_HOW_A_PERSON_REACHES.search(folded)) and not re.search(
        # (说好的人工回电怎么还没打来: a call promised, followed up — not how a person reaches them)
        r"转人工|找人工|要人工|接人工|我要|帮我转|给我转|说好|答应|安排|说会|还没|没人|人呢|几点|什么时候|啥时候|"
        # (让客服晚上七点以后打给我: when, asked for — not how a person reaches them, h31a)
        r"让|请|叫|麻烦|希望|以后|之后|以前|之前",
        folded,
    )


# 以后 / 催收 / 你们别…: hours meant for every later contact, not only for the person about to answer
_FOR_EVERY_CONTACT = re.compile(
    # (中午十二点到一点找我比较方便 别的时间在车间听不见: 别的 is "other", not "don't", h31a)
    r"(?<![点时半钟分班课学饭])以后|今后|往后|催收|提醒|每次|平时|一律|都只|别(?!的|人)|不要|不准|不许|不能|短信|微信|邮件"
)


# 帮我跟客服备注下 / 替我给人工留个言: words for the person who takes over (it fell back, h31a)
_NOTE_FOR_THE_AGENT = re.compile(
    r"(?:跟|给|和|替我|帮我)(?:跟|给|和)?(?:客服|人工|你们的人)[^，,。？?]{0,3}(?:备注|留言|留个言|说一声|说一下|转告|带个话)|"
    r"(?:客服|人工)[^，,。？?]{0,4}备注"
)


def leaves_a_note_for_the_agent(text: str) -> bool:
    return bool(_NOTE_FOR_THE_AGENT.search(_fold(text)))


def hours_for_every_contact(text: str) -> bool:
    """以后只在晚上8点后联系我 sets the contact hours; 我晚上8点以后才方便, right after a person was
    asked for, is when that person may answer."""
    return bool(_FOR_EVERY_CONTACT.search(_fold(text)))


def asks_how_long_to_wait(text: str) -> bool:
    folded = _fold(text)
    return bool(_HOW_LONG_TO_WAIT.match(folded) or _WAIT_FOR_A_PERSON.search(folded))


def asks_service_hours(text: str) -> bool:
    """人工客服几点上班: when a person is there (it stored a handoff nobody asked for)."""
    folded = _fold(text)
    return bool(_SERVICE_HOURS_ASKED.search(folded)) and not _A_PERSON_NOW.search(folded)


def asks_for_a_phone_number(text: str) -> bool:
    """客服电话多少: a number asked for, not a person (unless 转人工 is said too)."""
    folded = _fold(text)
    return bool(_PHONE_NUMBER_ASKED.search(folded)) and not _A_PERSON_NOW.search(folded)


def asks_when_answered(text: str) -> bool:
    """多久给我回复 / 啥时候有人联系我 / 人呢: when the complaint or the handoff already made is answered."""
    return bool(_WHEN_ANSWERED.search(_fold(text))) or asks_where_the_person_is(text) or asks_how_long_to_wait(text)


def says_goodbye(text: str) -> bool:
    return bool(_GOODBYE.search(_fold(text)))


# 投诉还是帮我登记一下吧 / 我就想投诉那个骂我的人: a complaint asked to be filed, in so many words (after the
# crisis answer it was read as a promise, h34b) — not 怕投诉了… / 没要投诉.
_FILE_A_COMPLAINT = re.compile(
    r"(?:帮我|给我|替我)(?:登记|提交|记录|办)?(?:一下|一个|个)?投诉|投诉(?:还是|就|也)?(?:帮我|给我)(?:登记|记|提交|办)|"
    r"(?<![没不别怕])(?:我要|我想|我就想|就想|还是要|还是想|我还是要)(?:登记)?投诉|登记(?:一下|个)?投诉"
)


def asks_to_file_a_complaint(text: str) -> bool:
    folded = _fold(text)
    return bool(_FILE_A_COMPLAINT.search(folded)) and not declines_complaint(folded) and not fears_retaliation(folded)


# 我老公王强那个紧急联系人 你们别找他: the borrower withdraws their own contact (read as that person
# writing, h34b)
_MY_CONTACT_STOPPED = re.compile(
    r"我(?:的)?(?:老公|老婆|爱人|媳妇|妈|爸|哥|姐|弟|妹|同事|朋友|表[哥姐弟妹]|堂[哥姐弟妹])[^，。？?！!]{0,6}(?:那个|这个)?"
    r"紧急联系人[^。？?！!]{0,8}(?:别|不要|不准|不许|撤|删|去掉|取消)"
)


def withdraws_my_contact(text: str) -> bool:
    folded = _fold(text)
    return bool(_MY_CONTACT_STOPPED.search(folded)) and not re.search(r"我是(?:他|她|借款人)", folded)


# 分期那个也能一起结掉吗 / 我要把分期也结了: settling a plan early (not understood, then "no new plan", h34b)
_PLAN_SETTLED = re.compile(
    r"分期(?:那个|那笔|的|这个|计划|方案)?(?:也|都)?(?:能|可以|想)?(?:一起|一块|一次性)?(?:结掉|结清|还清|一次性还|还掉|提前还)|"
    r"(?:结掉|结清|提前还清?)(?:这个|那个)?分期|把分期(?:也|都)?(?:一起)?(?:结|还清)"
)


def settles_a_plan(text: str) -> bool:
    return bool(_PLAN_SETTLED.search(_fold(text)))


# 我昨天转错账户了 / 手滑转到别人卡上了: money sent by mistake to someone else's account.
_WRONG_ACCOUNT = re.compile(
    r"(?:转|汇)错(?:了)?(?:账户|账号|卡|人|钱|地方)?|(?:打|付|还)错(?:了)?(?:账户|账号|卡|钱)|"
    # (not 让我把钱打到他私人账户 这是真的吗: asked to, nothing paid — the scam warning's, h35 e2e)
    r"(?:转|打|汇)(?:到|给)了?[^，。？?！!]{0,10}(?:别人|他人|陌生人)(?:的)?(?:卡|账户|账号|卡号|支付宝|微信)?"
)


def says_paid_a_wrong_account(text: str) -> bool:
    folded = _fold(text)
    return bool(_WRONG_ACCOUNT.search(folded)) and not (
        says_asked_to_pay_a_person(folded) and not _PAID_DONE.search(folded)
    )


def a_middleman_is_named(text: str) -> bool:
    """转到一个什么客服给的私人卡号上了: the account came from someone posing as us (a scam, not a slip)."""
    return bool(_MIDDLEMAN_WORDS.search(_fold(text)))


# 今天到期的那期我今天还不上 怎么办 会不会又罚 / 明天还款日 钱不够怎么办: a payment falling due that they
# cannot make — what happens, and what there is (it got the hardship text, or the penalty rule, h34b).
_CANNOT_PAY_WHEN_DUE = re.compile(
    r"(?:今天|明天|后天|这期|这一期|那期|那一期|这个月|下期|下个月|到期|还款日|\d+号|[一二三四五六七八九十]+号)[^。？?]{0,14}"
    r"(?:还不上|还不了|还不起|凑不齐|凑不够|钱不够|没钱还|拿不出|不够还|还不出)"
)
_WHAT_NOW = re.compile(r"怎么办|咋办|咋整|怎么弄|会不会|会怎样|会怎么样|罚|影响|逾期吗|算逾期|能不能|可以吗|行吗|办法")


def cannot_pay_when_due(text: str) -> bool:
    folded = _fold(text)
    return bool(_CANNOT_PAY_WHEN_DUE.search(folded) and _WHAT_NOW.search(folded))


# 多打了个0 是300 / 打错了 是800: a figure said again, corrected.
_SAID_WRONG = re.compile(r"多打了|少打了|打错了|写错了|说错了|输错了|多了个0|多了一个0|少了个0")


def says_it_was_mistyped(text: str) -> bool:
    return bool(_SAID_WRONG.search(_fold(text)))


def means_to_complain(text: str) -> bool:
    """我要投诉 / 举报 / 告你们: the borrower asks for a complaint, not only tells what happened."""
    return bool(_MEANS_TO_COMPLAIN.search(_fold(text)))


def adds_to_complaint(text: str) -> bool:
    return bool(_ADDS_TO_COMPLAINT.search(_fold(text)))


def complaint_ticket_in(text: str) -> Optional[str]:
    found = re.search(r"T20\d{6}[0-9A-Z]{6}", _fold(text), re.IGNORECASE)
    return found.group(0).upper() if found else None


def addition_of(text: str) -> str:
    """The words a borrower adds to a complaint, without the words that say it is an addition, in
    their own punctuation (对方自称姓王另外我今天都办了啥 was stored, run together, with the question)."""
    folded = _fold(text)
    aside = next((m for m in _QUESTION_AFTER.finditer(folded) if m.start() and asks(folded[m.start() :])), None)
    if aside is not None:
        folded = folded[: aside.start()]
    pieces = [_ADDITION_WORDS.sub("", piece) for piece in _ADDITION_PUNCTUATION.split(folded)]
    return "，".join(p for p in pieces if p).removeprefix("把")  # 把工号B2048加到投诉里


def means_half(text: str) -> bool:
    """先还一半 / 一半吧: half of the overdue total, where an amount is asked."""
    return bool(_HALF.search(_fold(text))) and not means_everything(text)


# 也还不了全部 / 全部还不上 / 没法一次性还清: everything refused, not promised (it stored the total, h25a).
_NOT_EVERYTHING = re.compile(
    r"(?:还不了|还不上|还不起|拿不出|不能|没法|没办法|不可能|做不到|凑不齐)(?:一次性|一下子)?(?:全部|全额|所有的?|都还|还清|结清|全还)"
    r"[^，,。？?\s]{0,4}|(?:全部|全额|一次性)[^，,。？?\s]{0,2}(?:还不了|还不上|还不起|拿不出|还不清)|不是全部|没有全部|"
    # 哎不行 全部太多了 那天先还一半吧: the whole turned down (the half was ignored, h31a)
    r"(?:全部|全额|一次性|全还)[^，,。？?\s]{0,2}(?:太多|有点多|太难|压力太大|不行)|"
    # 啊 全部可能不行 先还一半吧: everything doubted (the total was put to confirm again, h26a)
    r"(?:全部|全额|都还|全还)[^，,。？?\s]{0,3}(?:不行|不够|够呛|悬|难|没戏)"
)


def means_everything(text: str) -> bool:
    """全部 / 全部还清 / 都还上 / 一次性还完: the whole overdue total, not a figure (nor 还不了全部)."""
    return bool(_EVERYTHING.search(_NOT_EVERYTHING.sub("", _fold(text))))


_ASKING = re.compile(
    r"[?？吗呢]|多少|怎么|能不能|可不可以|可以|几|什么|啥|哪|行不行|好不好|是不是|要不要|有没有|会不会|需不需要|用不用|算不算|是否"
)


# 28号不是还有一期要到期吗 这个数包括它没 / 月底那期也算在里面吗: whether the promise's amount holds an
# instalment falling due before its day (the 28th was taken as the promise's new day, h30a)
_DUE_INCLUDED = re.compile(
    r"(?:包括|包含|算上|算进去|含)(?:了)?(?:它|那期|这期|那一期|在内)?(?:没|吗|不|了没|没有)|"
    r"(?:算在|包括在|包含在|含在|算进)[^，。？?]{0,10}里(?:面|头)?|里面(?:有没有|包不包括|含不含)|"
    r"(?:那期|那一期|一期)[^，。？?]{0,8}(?:算不算|包不包括|含不含)"
)


def asks_if_a_due_is_included(text: str) -> bool:
    folded = _fold(text)
    return bool(_DUE_INCLUDED.search(folded)) and asks(folded)


def asks(text: str) -> bool:
    """The words ask something (吗 / 多少 / 怎么 / 能不能 / 是不是 / 打过电话没 / 犯法不 …), not only tell."""
    return bool(
        _ASKING.search(text or "") or _ENDS_WITH_NOT_YET.search(text or "") or _ENDS_WITH_NOT.search(text or "")
    )


_ENDS_WITH_NOT_YET = re.compile(r"(?:过|了)[^，,。？?]{0,8}没有?[\s。.!！~～]*$")
# 他们这样犯法不 / 这样合规不 / 能减免不: a yes-or-no question asked with 不 at its end.
_ENDS_WITH_NOT = re.compile(r"(?:法|规|行|对|会|能|算|有|要|够|减免|影响)不[\s。.!！~～]*$")
# 他们这样犯法不 / 催收半夜打电话合法吗: whether collectors' conduct is lawful (not 逾期违法吗, about
# the borrower's own debt).
_CONDUCT_LAWFUL = re.compile(
    r"(?:他们|她们|他|她|催收|你们的人|你们公司|打电话|打给|骂|威胁|恐吓|爆通讯录|这样|这么做|半夜|晚上)"
    r"[^，,。？?]{0,10}(?:犯法|违法|合法|合规|违规|不合规|犯罪|有没有问题|可以这样|能这样)"
)
_OWN_DEBT_LAWFUL = re.compile(r"逾期|欠钱|欠款|不还|还不上|没还")


def asks_if_conduct_is_lawful(text: str) -> bool:
    folded = _fold(text)
    return bool(_CONDUCT_LAWFUL.search(folded)) and not _OWN_DEBT_LAWFUL.search(folded) and asks(folded)


def is_everything_answer(text: str) -> bool:
    """全部 / 都还上 / 全部还清 as an answer (an amount: all of it), not a question about it."""
    words = core_request(_fold(text))
    share = means_everything(words) or means_half(words)  # 全部 / 一半: an amount where one is asked
    return share and len(re.sub(r"[\W_]+", "", words)) <= 8 and not asks(words)


# 我妈说你们打电话给她了 问我欠了多少: a question someone else put to the borrower, reported (the
# borrower was answered the whole bill nobody asked for). Only after a clause that names that person.
_ASKED_OF_ME = re.compile(
    r"^(?:她|他|她们|他们|家里人?|家人|我?(?:妈|爸|老婆|老公|媳妇|爱人|父母|同事|领导|朋友))?"
    r"(?:就|也|还|又|一直|老是?|总是?|天天|一个劲(?:儿)?地?)?(?:问|追问|逼问|质问)(?:了)?我"
)
_SOMEONE_NAMED = re.compile(_RELATIVE + r"|" + _MINE)


# 让我今天下午5点前还清, after 有个自称你们法务部的人给我打电话: their demand, told — not a promise.
_DEMANDED_OF_ME = re.compile(
    r"^(?:说|并且|还|又|然后)?(?:他|她|对方|他们)?(?:就|还|又)?(?:让|要|逼|叫|催|要求|命令)我[^，,。？?]{0,16}(?:还|转|交|付|打|汇)"
)
_SOMEONE_CALLED = re.compile(
    r"有人|有个|对方|自称|冒充|催收|法务|律师|客服|那人|那个人|他们|打(?:来|电话给我|给我)|说是"
)


def is_reported_question(clause: str, before: str) -> bool:
    """问我欠了多少, after 我妈说你们打电话给她了: what someone else asked the borrower, told as part
    of a story — not the borrower's own question (我想问我欠了多少 is: 想 before 问); 让我今天5点前还清,
    after someone who called: their demand, told (it was put to the borrower as a promise)."""
    folded, told = _fold(clause), _fold(before)
    if _DEMANDED_OF_ME.match(folded) and _SOMEONE_CALLED.search(told):
        return True
    return bool(_ASKED_OF_ME.match(folded)) and bool(_SOMEONE_NAMED.search(told))


# 帮我查下我弟张伟欠多少: a relative named by name (it began a verification).
_KIN_NAMED_DEBT = re.compile(
    r"(?:老婆|老公|媳妇|爱人|妻子|丈夫|对象|男朋友|女朋友|爸爸?|妈妈?|父亲|母亲|儿子|女儿|哥哥?|姐姐?|弟弟?|妹妹?|朋友|同事|亲戚)"
    r"(?:(?![我你说也们还在的])[\u4e00-\u9fa5]){2,3}(?:在你们这里?)?"
    r"(?:欠(?:了)?(?:你们)?(?:多少|几)|还差|还欠|借了多少|的欠款|的账单|的借款|的贷款)"
)


# 不是别人的借款，是我自己的: someone else's loan denied, not asked about.
_NOT_SOMEONE_ELSES = re.compile(r"(?:不是|并非|又不是)(?:别人|他|她|其他人)的?(?:借款|贷款|钱|账|事)?")


# 陈静是我妹妹，她那个6000的借款逾期了吗 / 刘洋是我同事 他那笔经营贷还了没有: a person named as the
# writer's own, then their loan (a logged-in borrower was noted as asked about, and told so later, h34b)
_NAMED_AS_MINE = re.compile(
    r"[\u4e00-\u9fff]{2,3}是我(?:的)?(?:[表堂亲])?(?:哥哥?|姐姐?|弟弟?|妹妹?|爸爸?|妈妈?|老婆|老公|媳妇|爱人|对象|"
    r"儿子|女儿|同事|朋友|同学|亲戚|室友|邻居|舅舅?|姑姑?|叔叔?|阿姨)"
)
_THEIR_LOAN = re.compile(
    r"(?:他|她|他们|她们)(?:那个|那笔|的|这笔|这个)[^，,。？?！!]{0,8}(?:借款|贷款|欠款|经营贷|消费贷|账|钱)|"
    r"(?:他|她)[^，,。？?！!]{0,6}(?:逾期|还了没|还清了?没|欠(?:了)?多少)"
)


def asks_about_someone_else(text: str) -> bool:
    """帮我查我老婆的欠款 / 我爸在你们这的账单 / 他欠了多少 / 我弟张伟欠多少 / 陈静是我妹妹 她那笔借款逾期了吗:
    a loan that is not the asker's."""
    folded = _NOT_SOMEONE_ELSES.sub("", _fold(text))
    return bool(_SOMEONE_ELSES_DEBT.search(folded) or _KIN_NAMED_DEBT.search(folded)) or asks_about_one_of_mine(text)


def asks_about_one_of_mine(text: str) -> bool:
    """陈静是我妹妹 她那笔借款逾期了吗: a person named as the writer's own, and their loan asked about."""
    folded = _fold(text)
    return bool(_NAMED_AS_MINE.search(folded) and _THEIR_LOAN.search(folded))


_NOT_SHOWING = re.compile(
    r"(?:没|还没|没有|未|不)(?:到账|入账|销账|更新|显示还)|(?:还|仍然?|依然|还是)(?:显示|是|在|说我?)(?:逾期|欠|没还|未还|待还)|"
    r"怎么还(?:是|在)?逾期|为什么还(?:是|在)?逾期|"
    r"(?:怎么|为啥|为什么|咋)(?:还)?没(?:有)?(?:显示|变|少|减|更新|到)|没显示|收到没|收到了吗|收到没有|收到了没|"
    r"did you 收到|have you 收到|你们收到|"
    r"钱(?:去哪|哪去|去了哪|跑哪|到哪)|"
    r"(?:欠款|欠的|金额|账单)(?:怎么|咋)?(?:还)?没(?:有)?(?:少|减|变)|"
    # 咋个还给我发短信说我逾期嘛 / 怎么还在催我: still told it is overdue
    r"(?:咋个?|怎么|为啥|为什么)还(?:给我)?(?:发|打)[^，,。？?]{0,6}(?:说我?)?逾期|(?:咋个?|怎么|为啥|为什么)还(?:在)?催|"
    # 我昨天还了500 怎么还欠那么多: the total still as large (h26b: the 500 was never mentioned)
    r"(?:怎么|咋|为啥|为什么)(?:还|还是)(?:欠|要还)(?:那么|这么)多|(?:还|还是)(?:欠|要还)(?:那么|这么)多|"
    # 怎么账上只有300 / 不可能…你们系统有问题吧 / 怎么还列在上面 / 到了没得 / 不是300 (h35a/h35b: "没太明白",
    # the same list, or a settlement quote)
    r"(?:账上|系统里?|显示)(?:只有|才)|系统(?:有|出)(?:问题|毛病)|有截图|还列在|还在上面|怎么还有(?:这|那)|"
    r"到(?:了|账)?没得|到没到|到账了没|不是\s*\d+(?:\.\d+)?|去哪了|哪去了|吞了"
)


def says_paid_but_not_showing(text: str) -> bool:
    """钱都扣了怎么还没到账 / 我已经还了为什么还显示逾期: a payment made that does not show."""
    folded = _fold(text)
    return bool(_PAID.search(folded)) and bool(_NOT_SHOWING.search(folded))


def says_already_paid(text: str) -> bool:
    """我已经还了 / 钱扣了怎么还显示逾期 / 还没到账: the borrower says a payment was made."""
    return bool(_PAID.search(_fold(text)))


# The particular point of a question about a public rule (actions/wording.py answers each).
_PENALTY_WAIVER = re.compile(
    r"免(?:掉|除)?罚息|罚息.{0,6}(?:免|减|不要|去掉|取消|(?<!算)不算|少点|少一点|少些|打折|优惠|便宜)|只还本金|减免|不收罚息|"
    r"(?:能不能|可不可以|可以|能)免(?:了|掉)?(?:吗|吧)?(?![费税])|免了吧|免掉吧|"
    # 俺一次给你们整五千 剩下的能不能就拉倒了 / 剩下的你们给免了 / 欠款能打个折吗: the debt itself reduced
    r"剩下的[^，,。？?]{0,8}(?:拉倒|免了|免掉|给免|不用还|不还了|一笔勾销|算了吧|就算了)|"
    r"(?:欠款|本金|总数|全部|欠的钱)[^，,。？?]{0,4}(?:打折|打个折|少点|少一点|减一点|减点|减一半)|减免(?:一部分|一些|点)?欠款"
)
_RATE_FAIRNESS = re.compile(
    r"合法|违法|高利贷|太高|高不高|超过.{0,4}(?:24|36)|国家规定|不合理|上限|超标|法律规定|受法律保护"
)
# (挪了以后罚息还算不算: 挪 / 推迟 / 宽限 are the extension in other words)
_DURING_EXTENSION = re.compile(
    r"(?:延期|展期|延了|挪|推迟|往后推|宽限).{0,12}(?:罚息|利息)|(?:罚息|利息).{0,12}(?:延期|展期|延了)"
)
_COURT_LISTS = re.compile(r"失信|黑名单|老赖|限高|限制高消费|限制出行|坐飞机|高铁")
_WHICH_BUREAU = re.compile(r"百行|人行|人民银行|哪个征信|哪家征信")
# 会不会影响孩子考公务员 / 连累家里人 / 子女上学政审: what an overdue does to the borrower's family.
_FAMILY_EFFECT = re.compile(
    r"(?:孩子|小孩|子女|儿子|女儿|娃|下一代|后代|家人|家里人|父母|老婆|老公|配偶|亲戚)"
    r".{0,12}(?:考公|公务员|考编|编制|政审|当兵|参军|入伍|上学|读书|入学|升学|考大学|私立|征信|工作|受影响|影响|连累|牵连)"
    r"|(?:连累|牵连|株连|影响).{0,6}(?:孩子|小孩|子女|儿子|女儿|娃|下一代|后代|家人|家里人|父母|三代)"
)
_CREDIT_REPAIR = re.compile(r"信用修复|一次性.{0,4}修复|修复政策|征信.{0,4}(?:修复|洗白|消除|清除)")
_HARDSHIP_NEWS = re.compile(r"住院|ICU|重症|车祸|去世|过世|病危|抢救|手术|癌|瘫痪|坐牢|被抓")


# 为啥下期要还871.65 这期才571多 / 这个月怎么比上个月多: why one instalment is not like another.
_WHY_DIFFER = re.compile(
    r"(?:为啥|为什么|怎么|咋|凭啥|啥原因|什么原因).{0,24}"
    r"(?:不一样|不同|才|这么多|这么少|多了|少了|变了|差了?这么多|比.{0,10}(?:多|少|高|低)|多出)"
    r"|(?:不一样|不同|多出来|少了).{0,6}(?:为啥|为什么|怎么回事|咋回事)"
)
_INSTALMENTS_NAMED = re.compile(r"[这上下每前后]一?期|[这上下]个?月|这次|上次|下次|两期|每个月|\d+(?:\.\d+)?")


# 我每个月都是还这么多吗 / 每期都一样吗: whether the instalments are equal.
_SAME_EACH_MONTH = re.compile(
    r"每(?:个)?[月期]都(?:是)?(?:还|要还)?(?:这么多|一样|这个数)|每(?:个)?[月期](?:还的)?(?:都)?一样(?:吗|不)"
)


# 1629.42是怎么来的 / 这个数咋算出来的: how a figure the borrower was shown is made up (at a plan's
# confirmation it got only "请回复确认", h25b).
_HOW_A_FIGURE_CAME = re.compile(
    r"(?:\d+(?:\.\d+)?|这个?数|那个?数|这个?金额|那个?金额|这些钱|这个钱)(?:元|块)?(?:是|到底是)?(?:怎么|咋|如何|从哪)"
    r"(?:来的|算的|算出来的|计算的|得出来的|出来的|冒出来的)"
)


# 对账单上那个10.50是啥 / 3207.61是什么钱 / 这5.88哪来的: what a figure of theirs is (a statement was issued
# again each time it was asked).
_WHAT_A_FIGURE_IS = re.compile(
    r"(?P<n>\d+\.\d{1,2}|\d{2,}(?![\d.])(?!\s*[期号日天月个年%％])|\d+\s*(?:元|块))(?:元|块)?(?:钱)?(?:是|又是|到底是|指的是|算的是)?"
    r"(?:啥|什么|个啥|干嘛的|干啥的|哪来的|哪儿来的|从哪来的|怎么回事|啥意思|什么意思)"
    r"(?!时候|时间)"
)


def figure_asked_about(text: str) -> Optional[Decimal]:
    """10.50是啥 → 10.50: the figure a borrower asks the meaning of, or None."""
    found = _WHAT_A_FIGURE_IS.search(_fold(text))
    if not found:
        return None
    try:
        return Decimal(re.sub(r"\s*(?:元|块)$", "", found.group("n")))
    except ArithmeticError:
        return None


def asks_how_a_figure_came(text: str) -> bool:
    return bool(_HOW_A_FIGURE_CAME.search(_fold(text)) or _WHAT_IT_INCLUDES.search(_fold(text)))


# 今天到期那期算不算在里面 / 包不包括利息: what a figure includes (at a promise's confirmation the day
# became today, h26a).
_WHAT_IT_INCLUDES = re.compile(
    r"(?:算不算|算没算)(?!数)(?:在)?(?:里面|里头|进去|在内)|(?:包不包括|包没包括|含不含|含没含)(?:在)?(?:里面|里头|进去|在内)?|(?:算在|包括在|含在)(?:里面|里头|内)(?:吗|没|不)"
)
# 28号还2500的还在吗: a promise described by its day and sum, asked whether it stands (it became a change).
_THAT_PROMISE_STANDS = re.compile(
    r"\d+\s*[号日][^，,。？?]{0,4}还\s*[\d一二两三四五六七八九十百千万.]+[^，,。？?]{0,6}(?:还在吗|还在不在|还在吧|还有效|还算数|还算不算)"
)


def asks_why_amounts_differ(text: str) -> bool:
    folded = _fold(text)
    if _SAME_EACH_MONTH.search(folded):
        return True
    return bool(_WHY_DIFFER.search(folded)) and len(_INSTALMENTS_NAMED.findall(folded)) >= 1


# 他是不是欠了很多钱跑路了: someone else's debt, asked about (read as the writer's hardship).
_SOMEONE_RAN = re.compile(
    r"(?:他|她)(?:是不是|是否|会不会)?(?:欠了?(?:很多|好多|一大笔|不少)钱|跑路|失联|躲债|借了网贷)"
)
# 我朋友说打12378投诉就能减免: the regulator's line, and what it does not do.
_HOTLINE_WAIVER = re.compile(r"12378[^。]{0,12}(?:减免|免|少还|不用还)|(?:减免|免)[^。]{0,12}12378")


def asks_if_instalments_equal(text: str) -> bool:
    """我每个月都是还这么多吗: whether each month asks the same."""
    return bool(_SAME_EACH_MONTH.search(_fold(text)))


def asks_about_someone_running(text: str) -> bool:
    return bool(_SOMEONE_RAN.search(_fold(text)))


def thinks_hotline_waives(text: str) -> bool:
    return bool(_HOTLINE_WAIVER.search(_fold(text)))


# 放款的时候扣了我500服务费 这算砍头息吧 / 到账怎么少了: money kept back when the loan was paid out.
_UPFRONT = re.compile(
    r"砍头|预扣|先扣|提前扣|(?:放款|放贷|下款|借款).{0,10}扣"
    r"|(?:到账|到手|打款|放款|下款).{0,8}(?:少了|少|不够|不足|只有|才)|会员费|担保费|服务费|审核费|保险费"
)


def asks_about_upfront_deduction(text: str) -> bool:
    # (not 先还的钱是先扣本金还是先扣罚息: how a payment is applied)
    return bool(_UPFRONT.search(_fold(text))) and not asks_payment_allocation(text)


def asks_penalty_waiver(text: str) -> bool:
    return bool(_PENALTY_WAIVER.search(_fold(text)))


def asks_if_the_rate_is_fair(text: str) -> bool:
    return bool(_RATE_FAIRNESS.search(_fold(text)))


def asks_penalty_during_extension(text: str) -> bool:
    return bool(_DURING_EXTENSION.search(_fold(text)))


def asks_about_court_lists(text: str) -> bool:
    return bool(_COURT_LISTS.search(_fold(text)))


# 会不会冻结我银行卡 / 工资卡会被冻结吗: an account frozen for a debt.
_CARD_FREEZE = re.compile(
    r"冻结[^，,。？?]{0,6}(?:银行卡|卡|账户|账号|微信|支付宝|存款|工资)|"
    r"(?:银行卡|卡|账户|账号|微信|支付宝|存款|工资)[^，,。？?]{0,6}(?:冻结|冻住|被冻|封了|被封)"
)


# 这个链接打不开了怎么办 / 链接过期了 / 再发一次: the document's link failed or is asked again.
_LINK_FAILED = re.compile(
    r"(?:链接|下载|文件|pdf|凭证|对账单)[^，,。？?]{0,6}(?:打不开|过期|失效|下不了|下载不了|点不开|没反应|用不了|不能用|"
    r"不见了|没了|错误|出错|404)|(?:重新|再)(?:发|给|出|开)(?:一次|一遍|一个|一份|一下)?(?:链接|下载|文件)?$|重发|"
    # 手机点不开这个链接: the failure said before the link
    r"(?:打不开|点不开|下不了|下载不了|用不了|没反应)[^，,。？?]{0,4}(?:链接|下载|文件|pdf|凭证)"
)


def says_link_failed(text: str) -> bool:
    return bool(_LINK_FAILED.search(_fold(text).lower()))


def asks_about_card_freeze(text: str) -> bool:
    return bool(_CARD_FREEZE.search(_fold(text)))


# 到时候卡里钱不够会怎样 / 余额不足扣不了怎么办: a debit day without the money in the card.
_SHORT_BALANCE = re.compile(
    r"(?:卡里|卡上|卡内|账户里|银行卡里?)[^，,。？?]{0,4}(?:钱|余额)?(?:不够|不足|没钱|没有钱|没那么多|只有)|"
    r"余额不(?:够|足)|钱不够扣|扣不到钱|扣不够"
)
_WHAT_THEN = re.compile(r"会怎(?:样|么样|么办)|怎么办|咋办|会不会|后果|会被|怎么处理|有什么影响|算不算|算逾期")


def asks_about_short_balance(text: str) -> bool:
    """卡里钱不够会怎样: what happens when a debit finds too little money (not a debit that failed)."""
    folded = _fold(text)
    return bool(_SHORT_BALANCE.search(folded)) and bool(_WHAT_THEN.search(folded))


# 能发我邮箱吗 / 寄个纸质的 / 短信发给我: a document wanted by another way than the chat's link.
_DELIVERY = re.compile(r"邮箱|邮件|e-?mail|寄|快递|纸质|打印出来|短信发|发短信|传真|微信发|发微信", re.IGNORECASE)


def asks_for_delivery(text: str) -> bool:
    return bool(_DELIVERY.search(_fold(text)))


# 今天还和明天还差多少 / 明天再还会多多少: paying today against a later day.
_DAYS_DIFFERENCE = re.compile(
    r"(?:今天|现在|今儿)(?:还)?(?:和|跟|与|比)(?:明天|后天|大后天)(?:还)?[^，,。？?]{0,4}(?:差|相差|区别|多多少|多几)|"
    r"(?:明天|后天|大后天)(?:再)?还[^，,。？?]{0,6}(?:多多少|多几|会多|贵多少|差多少)"
)
LATER_DAY_OFFSET = {"大后天": 3, "后天": 2, "明天": 1}


def asks_a_days_difference(text: str) -> Optional[int]:
    """How many days later the payment asked against today's is (明天 → 1), or None."""
    folded = _fold(text)
    if not _DAYS_DIFFERENCE.search(folded):
        return None
    return next(days for word, days in LATER_DAY_OFFSET.items() if word in folded)


# 我是派出所民警 需要调取张伟的借款信息 / 法院的 要查李娜的记录: someone saying they are an authority.
_AN_OFFICIAL = re.compile(
    r"(?:我是|我们是|这里是|这边是|本人是)[^，,。？?]{0,6}(?:派出所|公安|警察|民警|警官|刑警|法院|法官|检察院|检察官)|"
    r"^(?:派出所|公安局?|法院|检察院)的"
)
_WANTS_INFORMATION = re.compile(r"调取|查|了解|提供|配合|协查|核实|借款信息|借款记录|欠款")


def says_is_an_official(text: str) -> bool:
    folded = _fold(text)
    return bool(_AN_OFFICIAL.search(folded)) and bool(_WANTS_INFORMATION.search(folded)) and "自称" not in folded


# 如果分期中间有一个月没还上 分期会作废吗: a plan instalment missed, asked about (not undoing the plan).
_MISSED_PLAN_PAYMENT = re.compile(
    r"(?:分期|方案)[^。？?]{0,14}(?:没还|没能还|还不上|断供|逾期|漏还|漏了|晚还|晚了)|"
    r"(?:没还|没还上|还不上|漏还|断了|晚还)[^。？?]{0,12}(?:分期|方案)|"
    # 要是25号那期逾期了，我那个分期计划会不会作废啊
    r"那期(?:要是|如果)?逾期[^。？?]{0,12}(?:分期|方案)[^。？?]{0,6}(?:作废|取消|失效|还算数|还有效)|"
    # 12月1号那期要是晚几天会怎样？分期会作废吗: a plan instalment late, and whether the plan stands
    r"(?:晚|迟|拖)[^。？?]{0,3}(?:几|两|一|\d)[^。？?]{0,2}天[^。]{0,14}(?:分期|方案)[^。？?]{0,4}(?:作废|取消|失效|还算数|还有效)|"
    # 第一期要是晚几天还会怎么样？会取消分期吗 (h36b: "不能再申请新的协商分期")
    r"(?:晚|迟|拖)[^。？?]{0,3}(?:几|两|一|\d)[^。？?]{0,2}天[^。]{0,16}(?:作废|取消|失效)(?:掉)?(?:我的|这个|那个)?(?:分期|方案)|"
    # 12月1号分期那期我3号还 罚息多少 会不会把分期取消掉: a plan instalment paid late (it worked out a loan's)
    r"分期(?:的)?那期[^。]{0,24}(?:分期|方案)[^。？?]{0,4}(?:作废|取消|失效|还算数|还有效)"
)
_WHAT_THEN = re.compile(r"作废|取消|失效|会怎样|会怎么样|怎么办|怎么处理|会不会|还算数|还有效|恢复")


# 这个月的还不上了 能分期吗: a plan asked for, not one missed (it got "分期期间如果有一期没按时还上…").
_ASKS_FOR_A_PLAN = re.compile(r"(?:能|可以|能不能|可不可以|想|要|申请)(?:办个?|申请)?分期(?:吗|不|么|嘛|还)?")


def asks_about_a_missed_plan_payment(text: str) -> bool:
    folded = _fold(text)
    return (
        bool(_MISSED_PLAN_PAYMENT.search(folded))
        and bool(_WHAT_THEN.search(folded))
        and not _ASKS_FOR_A_PLAN.search(folded)
    )


# 能不能提前一周提醒我: a reminder earlier than the rules' 3 days.
_EARLIER_REMINDER = re.compile(
    r"(?:提前|早)(?:一周|一个?星期|一个?礼拜|[四五六七八九十]天|(?:[4-9]|1\d|2\d)天|半个月|十几天)[^，,。？?]{0,4}"
    r"(?:提醒|通知|告诉|发)"
)


def asks_for_an_earlier_reminder(text: str) -> bool:
    return bool(_EARLIER_REMINDER.search(_fold(text)))


# 我自己能跟你们谈吗 怎么谈 / 可以直接跟你们协商吗: negotiating directly, asked.
_NEGOTIATE = re.compile(
    r"(?:自己|本人|直接)(?:能|可以|能不能|可不可以)?(?:跟|和|找)你们(?:谈|商量|协商)|"
    r"(?:能|可以|能不能|可不可以)(?:直接)?(?:跟|和|找)你们(?:谈|商量|协商)|^(?:那)?怎么(?:谈|协商|商量)[?？吗呢]*$"
)


def wants_to_negotiate(text: str) -> bool:
    return bool(_NEGOTIATE.search(_fold(text)))


# 我现在是不是已经上征信了 / 什么时候报 / 报什么内容: this loan's reporting, asked.
_REPORTED_YET = re.compile(
    r"(?:是不是|是否|有没有|会不会)?(?:已经)(?:上|报|报送|上报)了?征信|(?:是不是|是否|有没有)(?:上|报|报送|上报)(?:了)?征信|"
    r"什么时候(?:报|上报|报送|上)(?:征信)?|(?:报|上报|报送)(?:什么|哪些)(?:内容|信息)|"
    # 我已经被上报征信了吗 / 到底报了没有 / 是不是已经上zx了 (h26b: the general rule only, twice)
    r"(?:已经)?被(?:上报|报送|报)(?:到)?(?:了)?(?:征信|zx|百行)|(?:报|上报|报送)了没(?:有)?|有没有(?:上报|报送|报上去)|"
    r"(?:已经)(?:上|报)了?(?:zx|百行)|"
    # 那逾期几天上征信啊 / 逾期多久会上征信 (h28b: the general rule, no word on when)
    r"(?:几天|多少天|多久|多长时间|第几天)(?:会|就|才)?(?:上|报|报送|上报)(?:到)?(?:征信|zx)|"
    # 征信啥时候上 / 什么时候会报征信: when, asked
    r"(?:征信|zx)[^，,。？?]{0,4}(?:啥时候|什么时候|何时|几时)(?:会|就|才)?(?:上|报)|"
    r"(?:征信|zx)(?:已经|是不是已经)(?:上|报)(?:了)?(?:吗|没|么|没有)?|"
    r"(?:啥时候|什么时候|何时|几时)(?:会|就|才)?(?:上|报|报送|上报)(?:到)?(?:征信|zx)"
)
# 征信多久能消掉 / 不良记录保留几年 / 还清了多久能恢复: how long a record stays.
_HOW_LONG_KEPT = re.compile(
    r"(?:征信|zx|记录|不良|污点|逾期记录)[^，,。？?]{0,8}(?:多久|多长时间|几年|多少年|什么时候|啥时候)[^，,。？?]{0,4}"
    r"(?:消|删|没|清|恢复|好|洗白|保留|留)|"
    r"(?:保留|留)(?:多久|几年|多少年|多长时间)|"
    # 我还清了是不是马上就没了: not at once — five years from then (it got "没太明白", h37a)
    r"还清(?:了|以后|之后|后)?[^，,。？?]{0,6}(?:马上|立刻|立即|就能|就会|会不会)[^，,。？?]{0,3}(?:没|消|删|清|恢复|好)"
)


# 征信报告说我10月份逾期了，可我10月15号是按时还的！怎么申诉: a record disputed (the general answer came).
_CREDIT_DISPUTED = re.compile(
    r"(?:征信|信用报告|报告|zx)[^。？?！!]{0,12}(?:逾期|不良|记录|显示)[^。？?！!]{0,20}"
    r"(?:可我|可是我|但我|但是我|我明明|明明|我都是?|我是|都是)[^。？?！!]{0,10}(?:按时|准时|按期|还了|还过|还清|没逾期|没有逾期)|"
    r"(?:征信|信用报告|zx)[^。？?！!]{0,16}(?:有误|错了|不对|搞错|弄错|申诉|异议|冤枉)"
)


def disputes_credit_record(text: str) -> bool:
    return bool(_CREDIT_DISPUTED.search(_fold(text)))


def asks_how_long_a_record_stays(text: str) -> bool:
    return bool(_HOW_LONG_KEPT.search(_fold(text)))


# 啥时候上 / 那多久能消掉 / 已经上了吗, right after the credit answer: the credit record is still what is asked
# (it got the due dates, or the whole answer again).
_CREDIT_FOLLOW_UP = re.compile(
    r"^(?:那|那么|嗯|哦|好|所以)?[，,\s]*(?:我还清了?|还清了?|还完了?)?[^，,。？?]{0,4}(?:啥时候|什么时候|何时|几时|多久|几天|多长时间|几年|多少年|已经|现在|马上)"
    r"[^，,。？?]{0,6}(?:上|报|消|删|没了|清|恢复|保留|留|影响)[^，,。？?]{0,4}[?？。!！]*$"
)


def follows_up_on_credit(text: str) -> bool:
    return bool(_CREDIT_FOLLOW_UP.search(_fold(text)))


def asks_if_reported_yet(text: str) -> bool:
    return bool(_REPORTED_YET.search(_fold(text)))


# 下周三全部逾期的还上，要多少: how much, asked — not a promise made.
# (两期一起还多少: the sum asked — it was read as a promise for 12-15, too far, h37a)
_HOW_MUCH_ASKED = re.compile(
    r"(?:要|需要|得|准备|该)(?:还|准备|交)?多少(?:钱)?|一共(?:要)?多少|总共(?:要)?多少|多少钱|(?:一起|合计|加起来)(?:要)?还?多少"
)


def asks_how_much(text: str) -> bool:
    return bool(_HOW_MUCH_ASKED.search(_fold(text)))


# 我已经还清了吗: whether it is all paid, asked.
_PAID_OFF_ASKED = re.compile(r"还清了(?:吗|没|没有|么)|还完了(?:吗|没|没有|么)|结清了(?:吗|没|没有|么)")
# 换手机号怎么弄 / 手机号换了怎么改: the registered phone changed.
_CHANGE_PHONE = re.compile(
    r"(?:换|改|更换|变更)(?:了)?(?:手机|绑定|登记)?(?:号码|手机号)|(?:手机号|号码)(?:换|改|变)了?(?:怎么|咋|要)"
)
# 截图在哪发 我要证明我还过钱了: a proof of payment, to send.
_PAYMENT_PROOF = re.compile(r"截图|凭证|转账记录|付款记录|回单|证明我(?:已经)?还")


def asks_if_paid_off(text: str) -> bool:
    return bool(_PAID_OFF_ASKED.search(_fold(text)))


# 那能不能加个我弟 张伟 139… 以后有事找他 / 新增紧急联系人怎么弄: a contact added (not someone's loan).
_ADD_CONTACT = re.compile(
    r"(?:加|添加|新增|增加|补充|多加|再加|加上)(?:一?个|一下)?(?:我的?)?(?:新的?)?"
    r"(?:弟弟?|哥哥?|姐姐?|妹妹?|爸爸?|妈妈?|老婆|老公|爱人|朋友|同事|亲戚|家人|紧急联系人|联系人)|"
    # 紧急联系人换成朋友 / 联系人改成李娜: another contact put on file
    r"(?:紧急)?联系人(?:换成|改成|换为|改为|变成)(?!我自己|自己|本人|我本人|没有|空)|"
    # 想了想还是把赵敏的授权恢复吧 / 重新授权赵敏做紧急联系人 (h28a: 没太明白, then "she is no longer
    # authorised", with no way to do it)
    r"授权[^，,。？?]{0,2}恢复|恢复[^，,。？?]{0,8}授权|重新授权|再次授权|重新(?:设|设置|填|加)(?:为|成)?(?:紧急)?联系人|"
    r"[\u4e00-\u9fa5]{1,3}(?:的授权)?加回(?:来|去)?"
)


# 撤掉她 / 我紧急联系人填的谁？我想撤掉: a contact's authorisation withdrawn (it got the contact rules,
# twice; not 撤了以后你们还会找我妈吗, a question about afterwards).
_WITHDRAW = re.compile(r"(?:撤掉|撤回|撤销|撤了|删掉|删了|去掉)(?!以后|之后|后|的话)")
_WITHDRAWN_WHO = re.compile(r"紧急联系人|联系人|授权|她|他")


def asks_to_withdraw_contact(text: str) -> bool:
    folded = _fold(text)
    return bool(_WITHDRAW.search(folded)) and bool(_WITHDRAWN_WHO.search(folded))


# After the crisis answer: no phone call wanted (别让人给我打电话 / 我现在不想接电话).
_NO_CALLS = re.compile(
    r"别(?:让人|叫人|再)?(?:给我)?打(?:电话|给我)?|不想接(?:电话)?|不要(?:给我)?打(?:电话)?|不用打(?:电话)?"
)


def wants_no_calls(text: str) -> bool:
    return bool(_NO_CALLS.search(_fold(text)))


# After the crisis answer: 能不能先别催我了，让我喘口气 — to be left alone about the money for now.
_NO_PRESSURE = re.compile(r"别(?:再)?催|不要(?:再)?催|喘口气|缓一缓|缓缓|缓口气|静一静|静静|别逼我|不要逼我|让我歇")


def wants_no_pressure(text: str) -> bool:
    return bool(_NO_PRESSURE.search(_fold(text)))


def asks_to_add_contact(text: str) -> bool:
    return bool(_ADD_CONTACT.search(_fold(text)))


def asks_to_change_phone(text: str) -> bool:
    return bool(_CHANGE_PHONE.search(_fold(text)))


def offers_payment_proof(text: str) -> bool:
    return bool(_PAYMENT_PROOF.search(_fold(text))) and says_already_paid(text)


def wants_it_sent(text: str) -> bool:
    """欠款明细发我邮箱 / 寄一份给我: the figures wanted by e-mail, post or SMS."""
    folded = _fold(text)
    return bool(_DELIVERY.search(folded)) and bool(re.search(r"发|寄|传|给我", folded))


# 查看我的联系记录 / 你们最近怎么联系我的 打了几次 / 是不是给我妈打电话了: the borrower's own history
# (verified first), not the policy alone.
_OWN_CONTACT_HISTORY = re.compile(
    r"联系记录|通话记录|催收记录|来电记录|"
    r"(?:怎么|如何|什么时候|几次|多少次|哪天|几点)[^，,。？?]{0,6}(?:联系|打给|找)(?:(?:过|了)我|我的)|"
    r"(?:打|联系|找)(?:过|了)[^，,。？?]{0,3}(?:我|我家|我的)|"
    r"给我[^，,。？?]{0,5}打(?:过)?电话了|打过电话|(?:打|联系)(?:过|了)[^，,。？?]{0,3}(?:几|多少)次"
)


def asks_own_contact_history(text: str) -> bool:
    return bool(_OWN_CONTACT_HISTORY.search(_fold(text)) or asks_who_asked_about_me(text))


_WHO_ASKED = re.compile(
    r"(?:有没有人|有谁|是不是有人|是否有人|有人)[^，,。？?]{0,12}(?:问过|问了|打听|查过|查了|来问|咨询|打探)[^，,。？?]{0,4}(?:我|我的)|"
    r"谁[^，,。？?]{0,4}(?:问过|打听|查过)[^，,。？?]{0,3}我"
)


# 她又不是我紧急联系人 你们哪来的号码 / 我没填过紧急联系人: who is on file, and where the number came from.
_DISPUTES_LISTED = re.compile(
    r"(?:不是|没填|没有填|没登记|没有登记|没写|没留)[^，,。？?]{0,4}紧急联系人|"
    r"紧急联系人[^，,。？?]{0,6}(?:不是|没填|没有填|没写|没留)|"
    r"哪(?:来|儿来|里来|弄来|搞来)的(?:号码|电话|手机号|联系方式)|"
    r"怎么(?:会)?有(?:我)?(?:他|她|我[妈爸姐妹哥弟]|我家人|家里人)的(?:号码|电话|手机号|联系方式)|"
    # 我从来没有授权过紧急联系人 / 这个授权是什么时候弄的: the authorisation doubted
    r"(?:没|没有|从没|从来没有?|从未)(?:授权|同意)(?:过)?(?:紧急联[系络]人|你们|联系|打给)|"
    r"授权[^，,。？?]{0,6}(?:什么时候|啥时候|哪天|怎么|谁)[^，,。？?]{0,3}(?:弄|给|办|签|来|同意|授)的?"
)


def disputes_contact_on_file(text: str) -> bool:
    """她又不是我紧急联系人 你们哪来的号码: the borrower doubts who is on file as their contact."""
    return bool(_DISPUTES_LISTED.search(_fold(text)))


# 听说逾期了你们会爆通讯录 / 我手机通讯录你们是不是都有: the address book — we neither read nor use it.
_ADDRESS_BOOK = re.compile(
    r"爆(?:了)?(?:我的?)?通讯录|通讯录[^，,。？?]{0,8}(?:爆|打|发|群发|联系|都有|全有|拿|读|看|给谁)|"
    # 是不是读了我通讯录 / 有没有读我通讯录 (h27b: the data-retention text twice, then "没太明白")
    r"(?:读|看|拿|获取|偷看|调取|收集)(?:了|过)?(?:我的?)?(?:手机)?通讯录|"
    r"(?:所有|全部|每个)(?:的)?联系人[^，,。？?]{0,6}(?:打|发|联系)"
)


def fears_contact_list_blast(text: str) -> bool:
    """你们会不会爆我通讯录 / 我通讯录你们是不是都有: whether everyone in their phone will be contacted."""
    return bool(_ADDRESS_BOOK.search(_fold(text)))


# 分期是啥意思我不太懂 / 你说的分期到底是什么意思: the word explained, plainly (it fell back, or got "no plan").
_WHAT_IT_MEANS = re.compile(
    r"(?P<a>分期|延期|展期)[^，,。？?]{0,6}(?:是啥意思|是什么意思|什么意思|啥意思|是个啥|是啥|是什么|咋回事|怎么回事)|"
    r"(?:啥|什么)叫(?P<b>分期|延期|展期)|不懂(?:什么是|啥是)?(?P<c>分期|延期|展期)"
)


def term_asked_about(text: str) -> Optional[str]:
    """分期是啥意思 → 分期; 啥叫延期 → 延期 (展期 is 延期); None when no such word is asked about."""
    found = _WHAT_IT_MEANS.search(_fold(text))
    if not found:
        return None
    word = found.group("a") or found.group("b") or found.group("c")
    return "延期" if word == "展期" else word


# 欠的钱会不会落到我老婆孩子头上 / 如果我不在了 这钱是不是就要我老婆孩子还: whether the family must pay.
_FAMILY_MUST_PAY = re.compile(
    r"(?:老婆|妻子|爱人|孩子|小孩|家人|家里人|父母|爸妈|子女|儿子|女儿)[^，,。？?]{0,6}(?:还钱|还债|来还|替我还|帮我还|承担|背债|背上)|"
    r"(?:老婆|妻子|爱人|孩子|小孩|家人|家里人|父母|爸妈|子女|儿子|女儿)还(?:吗|了|呢|不)|落到[^，,。？?]{0,8}(?:头上|身上)|父债子还|"
    r"要(?:我)?(?:老婆|孩子|家人|父母|爸妈)(?:来)?还"
)


def asks_if_family_must_pay(text: str) -> bool:
    return bool(_FAMILY_MUST_PAY.search(_fold(text)))


# 12356打了占线 / 打不通: the help line did not answer.
_LINE_BUSY = re.compile(r"占线|打不通|没人接|打不进|一直忙|接不通")


def says_the_line_is_busy(text: str) -> bool:
    return bool(_LINE_BUSY.search(_fold(text)))


def asks_who_asked_about_me(text: str) -> bool:
    """有没有人来问过我的事 / 谁打听过我的借款: the inquiries others made about the borrower."""
    return bool(_WHO_ASKED.search(_fold(text)))


_WHERE_IS_THE_PERSON = re.compile(
    r"^[\s,，.。!！?？~～]*(?:人呢|人工呢|客服呢|还没人|怎么还没人(?:理我|回)?|人工怎么还没来|"
    r"等半天了?|等了半天了?)(?:啊|呀|呢|吗)?[\s,，.。!！?？~～]*$"
)


def asks_where_the_person_is(text: str) -> bool:
    """人呢？？ / 有人吗 / 客服呢: waiting for a person (after a handoff: when they take over)."""
    return bool(_WHERE_IS_THE_PERSON.search(_fold(text)))


_CHANGES_A_CONTACT = re.compile(
    r"(?:换成|改成|改为|加|添加|新增|增加|更换|换一?个|换掉|补充|填)[^，,。？?]{0,8}紧急联系人|"
    r"紧急联系人[^，,。？?]{0,8}(?:换成|改成|改为|加|添加|新增|增加|更换|换一?个|改一下|修改|填)"
)


def asks_to_change_a_contact(text: str) -> bool:
    """紧急联系人我想换成我哥 / 加一个紧急联系人: an emergency contact added or replaced (not withdrawn)."""
    return bool(_CHANGES_A_CONTACT.search(_fold(text)))


def asks_about_family_effect(text: str) -> bool:
    return bool(_FAMILY_EFFECT.search(_fold(text)))


_HOME_VISIT = re.compile(
    r"上门|来我家|到我家|找到家里|找上门|家访|来家里|堵我|到单位找我|来公司找我|"
    r"(?:去|来|到)我?(?:的)?(?:单位|公司|厂里|学校)(?:找|闹|吗|了|呀|啊|？|\?|$)|"
    # 会不会真的去找村委会 / 说要通知我老家的邻居: the village, the neighbourhood
    r"(?:去|找|通知|告诉|到|联系)[^，,。？?]{0,4}(?:村委会|村委|村里|居委会|社区|老家|邻居|村干部)"
)
_CREDIT_AFTER_RELIEF = re.compile(
    r"(?:延期|分期|协商|承诺|还清|结清)[^。？?]{0,12}(?:征信|记录|上报|黑名单)|(?:征信|记录)[^。？?]{0,12}(?:延期|分期|协商)(?:以后|之后|后)"
)


def asks_about_home_visit(text: str) -> bool:
    return bool(_HOME_VISIT.search(_fold(text)))


def asks_credit_after_relief(text: str) -> bool:
    """延期以后还会上征信吗 / 分期了之前的逾期记录能消掉吗."""
    return bool(_CREDIT_AFTER_RELIEF.search(_fold(text)))


def asks_which_credit_bureau(text: str) -> bool:
    return bool(_WHICH_BUREAU.search(_fold(text)))


def asks_about_credit_repair(text: str) -> bool:
    return bool(_CREDIT_REPAIR.search(_fold(text)))


_DIED = re.compile(r"去世|过世|离世|病逝|身故|逝世|走了|不在了|人没了|死了|没了")
# (烦死了 / 吵死了 / 气死了: "annoyed to death" — a wrong number got condolences and a handoff)
_NOT_DIED = re.compile(
    r"想死|不想活|活不下去|死了算了|去死|死了也|死都|钱没了|工作没了|没了工作|手机没了|"
    r"(?:烦|吵|气|急|累|笑|饿|困|忙|热|冷|痛|疼|吓|愁|闷|闹|恨|怕|难受|郁闷|丢人|尴尬|麻烦)死(?:了|我了|人了)"
)


def tells_of_a_death(text: str) -> bool:
    """我爸爸上个月去世了 / 他已经走了: the borrower died, told by family (not distress of the writer's own)."""
    plain = _fold(text)
    return (
        bool(_DIED.search(plain))
        and not _NOT_DIED.search(plain)
        and bool(_THE_DEAD_BORROWED.search(plain) or _NOT_THE_BORROWER.search(plain))
    )


# …and the one who died is the borrower (not 我爸去世了 我这个月还不上: the borrower's own hardship).
_THE_DEAD_BORROWED = re.compile(
    r"替(?:他|她)还|(?:他|她)(?:的)?(?:借款|欠款|账|债|贷款|号|手机|电话)|(?:他|她)(?:在你们这)?(?:欠|借)|借款人|父债子还|"
    r"(?:子女|家属|家人|我们|我)(?:要|得|需要|必须)(?:替|帮)?(?:他|她)?(?:还|承担)|别再(?:给|打|发|催)|不要再(?:给|打|发|催)"
)


# 我收到短信说已移交法务 是你们发的吗 / 律师函是真的吗: a legal-sounding notice, and whether it is ours.
_LEGAL_NOTICE = re.compile(r"移交法务|转交法务|法务部|律师函|律师事务所|起诉通知|立案|传票|仲裁|上门通知|司法程序")
# 自称律师的人打电话说…要抓我 真的假的: someone calling as a lawyer or the police, or an arrest threatened,
# asked about inside a complaint (the complaint goes on; the question is answered first).
_IMPERSONATION = re.compile(
    r"(?:自称|冒充|说是|说他是|说自己是|说她是)[^，,。？?]{0,4}(?:律师|法院|法官|警察|公安|民警|检察)|要抓我|抓我|来抓|抓人|坐牢"
)
_IS_IT_OURS = re.compile(r"你们发的|是你们|是不是你们|你们的人|真的吗|是真的|真的假的|是不是真|靠谱吗|骗子|诈骗|可信")


# 我是真的想还的不是不还 / 我没说不还: willing, not asking what happens (the consequences were read out).
_WANTS_TO_PAY = re.compile(
    r"(?:真的|是)想还|不是不想还|不是不还|没说不还|没想赖|不会赖|不是老赖|会还的|一定会还|肯定会还|没打算不还"
)
# 超过24%的部分可以不还 / 这是高利贷吧: the rate against a legal line (not 逾期违法吗).
_RATE_LINE = re.compile(r"(?<!\d)(?:24|36)\s*%?|百分之(?:二十四|三十六)|高利贷|年化|砍头")


# 年利率呢 / 我这笔贷款年利率是多少 / 利息多高: the loan's own rate asked (not the penalty's).
_LOAN_RATE = re.compile(r"(?<!罚息)(?<!罚)(?:年|月|日)?利率|年化|利息(?:是)?(?:多高|多少个点|几个点|高不高)")


def asks_loan_rate(text: str) -> bool:
    folded = _fold(text)
    return bool(_LOAN_RATE.search(folded)) and "罚" not in folded and (asks(folded) or folded.endswith("呢"))


def says_wants_to_pay(text: str) -> bool:
    return bool(_WANTS_TO_PAY.search(_fold(text)))


def names_a_rate_line(text: str) -> bool:
    return bool(_RATE_LINE.search(_fold(text)))


# 催收说我再不还就要起诉我，还要去我单位，是真的吗: what a collector said, asked whether it is true — a
# question about what happens (a complaint form began, its question unanswered, h36a).
_COLLECTOR_SAID = re.compile(
    r"(?:催收|你们的?(?:人|催收|客服|工作人员|员工)|打电话的(?:人)?|对方|他们)[^，,。？?！!]{0,6}(?:说|讲|告诉我|威胁|吓唬)"
)
_IS_IT_TRUE = re.compile(
    r"(?:是真的|是不是真的|真的假的|真的会|真会|真能|会这样|能这样|可能吗|靠谱吗|是吓唬|吓唬我的?吧|吓人的?吧)[^，,。]{0,4}$|"
    r"(?:是真的|真的假的)[吗么嘛]?[?？!！。]*"
)


# 那最晚能约到哪天 / 最多能承诺到几号: the latest day a promise may take (the overdue summary came, h36b).
_LATEST_PROMISE_DAY = re.compile(
    # (not 这期最晚能拖到几号 / 最晚哪天: the instalment's own due date)
    r"(?:最晚|最迟|最多|最长|最远)(?:能|可以|可)?(?:约|承诺|登记)(?:到)?(?:哪天|哪一天|几号|什么时候|啥时候|多久|几天)|"
    r"(?:承诺|约定还款|约)[^，,。？?]{0,6}(?:最晚|最迟|最多|最长)(?:能|可以)?(?:到)?(?:哪天|哪一天|几号|什么时候|多久|几天)"
)


# 过了一天算逾期吗？有没有宽限期: whether there are days of grace (it got "不需要延期", h36a).
_GRACE = re.compile(
    # (not 能给几天宽限期吗 / 有没有宽限期啊 过两天再还: days asked for, the extension)
    r"过了?(?:一|1|两|2|几)天(?:才|就)?算逾期|宽限期(?:是|有)?(?:几天|多久|多长)(?![^。？?]{0,8}(?:再还|晚点|缓))|"
    # 我15号的 今天才20号 应该还在宽限期内吧 / 我就问问有没有宽限期 不要延期 (h37a: the extension's questions)
    r"宽限期(?:内|里|之内)|还在宽限|问问?有没有宽限|(?:有没有|有无)宽限期[^。？?]{0,3}[?？]?$|"
    r"晚(?:一|1|两|2|一两|几)天(?:还)?(?:就)?(?:算不算|算|会不会算|会算)逾期|晚还一天算不算|当天还(?:算不算|算)逾期"
)


# 我不是已经登记了27号还款吗 怎么今天还有催收打电话过来: contacted though a promise stands (our log and
# the contact rule were not set against it, h36a).
_CONTACTED_DESPITE_PROMISE = re.compile(
    r"(?:登记|约|承诺|答应|定)(?:了|过|好了)?[^。？?]{0,12}(?:还款|还钱|还)[^。？?]{0,10}"
    r"(?:怎么|为什么|为啥|咋)[^。？?]{0,4}(?:还|又)[^。？?]{0,4}(?:有|在|来|被)?[^。？?]{0,3}(?:催收|催|打电话|打来|来电|发短信|短信|电话)"
)


def says_contacted_despite_promise(text: str) -> bool:
    return bool(_CONTACTED_DESPITE_PROMISE.search(_fold(text)))


# 唉还是登记吧 / 那还是办吧 / 算了还是继续吧, right after a step was cancelled: the cancelled request wanted
# again (it got "没太明白", h36b).
_GO_ON_AFTER_ALL = re.compile(
    r"^(?:唉|哎|嗯|那|好吧|算了|不|不对)?[，,。\s]*(?:我)?(?:还是|又)(?:要|想)?(?:登记|办|办理|投诉|继续|弄|申请|做|查|验证)"
    r"(?:一下)?(?:吧|了|啊)?[。!！~]*$"
)


def goes_on_after_all(text: str) -> bool:
    return bool(_GO_ON_AFTER_ALL.search(_fold(text).strip()))


# 到3号之前你们还会打电话催我吗: contact while a promise runs, asked (not a change of it, h37b).
_CHASED_MEANWHILE = re.compile(
    r"(?:还会|会不会|还|再|又)[^，,。？?]{0,4}(?:打电话|打来|来电|催|联系我|发短信|发催收)|(?:打电话|催收|催)[^，,。？?]{0,4}(?:吗|不|么)"
)


def asks_if_chased_meanwhile(text: str) -> bool:
    folded = _fold(text)
    return bool(_CHASED_MEANWHILE.search(folded)) and asks(folded)


def asks_grace_period(text: str) -> bool:
    return bool(_GRACE.search(_fold(text)))


def asks_latest_promise_day(text: str) -> bool:
    return bool(_LATEST_PROMISE_DAY.search(_fold(text))) and not re.search(r"延期|展期|分期", text)


def asks_if_a_collectors_claim_is_true(text: str) -> bool:
    folded = _fold(text)
    return bool(_COLLECTOR_SAID.search(folded) and _IS_IT_TRUE.search(folded))


def asks_if_impersonation_is_real(text: str) -> bool:
    folded = _fold(text)
    return bool(_IMPERSONATION.search(folded)) and bool(_IS_IT_OURS.search(folded))


def asks_if_a_legal_notice_is_ours(text: str) -> bool:
    folded = _fold(text)
    return bool(_LEGAL_NOTICE.search(folded)) and bool(_IS_IT_OURS.search(folded))


# 我就问那条短信是不是你们发的: whether a message was ours (it got a warning about links, h26b).
_MESSAGE_OURS = re.compile(r"(?:短信|信息|消息|通知)[^，,。？?]{0,6}(?:是不是|是否|到底是不是|是)你们(?:发|弄|寄)的")


def asks_if_a_message_is_ours(text: str) -> bool:
    return bool(_MESSAGE_OURS.search(_fold(text)))


def notice_kept_with_its_question(pieces: List[str]) -> List[str]:
    """收到簡訊說我已被立案 / 是你們發的嗎: the clause that tells of a legal-sounding notice and the
    clause after it that asks whether it is ours (or true) are one question, not two (the second,
    alone, read as a question about contact and the notice went unanswered)."""
    joined: List[str] = []
    for piece in pieces:
        if (
            joined
            and _LEGAL_NOTICE.search(_fold(joined[-1]))
            and not _IS_IT_OURS.search(_fold(joined[-1]))
            and _IS_IT_OURS.search(_fold(piece))
        ):
            joined[-1] += "，" + piece
        else:
            joined.append(piece)
    return joined


# 我上个月住院了所以没还上，现在到底欠多少: the borrower's own hard time told with a question (not heard).
_OWN_HARDSHIP = re.compile(
    r"住院|生病|病了|手术|失业|没工作|被裁|裁员|没发工资|工资没发|工资发不出|生意赔|赔了|车祸|家里出事|出了事|离婚|坐月子"
)


def tells_own_hardship(text: str) -> bool:
    return bool(_OWN_HARDSHIP.search(_fold(text)))


def tells_of_hardship_news(text: str) -> bool:
    """他出车祸住院了 / 人在ICU / 去世了: news of the borrower's hardship, from someone else — not an arrest
    threatened by someone asking for money (说我儿子要被抓 让我先交五千块钱保证金: "希望他早日好起来")."""
    folded = _fold(text)
    if says_asked_to_pay_a_person(folded) and re.search(r"抓|坐牢|拘留", folded):
        return False
    return bool(_HARDSHIP_NEWS.search(folded))


_MOVE_DUE_DATE = re.compile(
    r"(?:改|调|换|推|挪|变)(?:到|成|为|一下)?[^，,。？?]{0,6}(?:还款日|扣款日|每(?:个)?月\d+号|每(?:个)?月[一二三四五六七八九十]+号|工资日|发工资)|"
    r"还款日[^，,。？?]{0,6}(?:改|调|换|推迟|挪|变)|"
    # 分期每个月20号还 能改到28号吗: a monthly day, then another day it should move to
    r"每(?:个)?月[^，,。？?]{0,8}号.{0,12}(?:改|调|换|挪)(?:到|成|为)?[^，,。？?]{0,4}号"
)
# 以后每个月都25号还 能改吗 / 能不能每个月25号扣 / 永久改一下还款日 改到每月25号: a monthly day of their
# own (not 还款日往后挪一挪: once, that is an extension).
_MONTHLY_DAY = re.compile(
    r"(?:以后|今后|永久|固定)[^，,。？?]{0,8}每(?:个)?月都?\d+[号日]|"
    r"(?:改|调|换|挪)(?:到|成|为)?每(?:个)?月\d+[号日]|"
    r"(?:能不能|能否|可不可以|可以)每(?:个)?月都?\d+[号日](?:还|扣|再还|再扣)|"
    r"每(?:个)?月都?\d+[号日](?:还|扣)[^，。？?\d]{0,4}(?:能改吗|可以吗|行吗|行不行|能不能改)|"
    # 每期20号还 能不能改成15号？我15号发工资 (read as a promise for the 15th, h35b)
    r"每(?:一)?期[^，,。？?]{0,6}号.{0,12}(?:改|调|换|挪)(?:到|成|为)?[^，,。？?]{0,4}号"
)


def asks_for_a_monthly_day(text: str) -> bool:
    return bool(_MONTHLY_DAY.search(arabic_numerals(_fold(text))))


def asks_to_move_due_date(text: str) -> bool:
    """能不能改成每月15号还 / 还款日能不能调到工资日之后: the due date itself moved."""
    return bool(_MOVE_DUE_DATE.search(arabic_numerals(_fold(text)))) or asks_for_a_monthly_day(text)


_PAID_WHEN = (
    (re.compile(r"今天|今早|今儿|早上|早晨|上午|中午|刚刚|刚才|刚还|刚转|刚付|刚交"), 0),
    (re.compile(r"昨天|昨晚|昨儿"), 1),
    (re.compile(r"前天|前晚"), 2),
)


def days_since_told_payment(text: str) -> int | None:
    """我今天上午刚还了 → 0, 昨晚转的 → 1, 前天 → 2: how many days ago the payment they tell of was
    made, when the words say; None otherwise."""
    folded = _fold(text)
    return next((days for pattern, days in _PAID_WHEN if pattern.search(folded)), None)


_HOW_MANY_LEFT = re.compile(
    r"(?:还|总共还|一共还)?(?:剩|有|差|要还)(?:下)?(?:几|多少)(?:期|个月)(?:没还|要还|未还)?|几期没还|还剩多少期|剩余期数"
)


def asks_how_many_left(text: str) -> bool:
    """还剩几期 / 还有几期没还 / 还要还几个月: the instalments left, counted."""
    return bool(_HOW_MANY_LEFT.search(_fold(text)))


_WHO_WE_ARE = re.compile(
    r"(?:你们|这|这里|您们)(?:是|属于)(?:哪家|哪个|什么|啥)(?:公司|平台|机构|单位|银行)|"
    r"(?:哪家|哪个|什么)(?:公司|平台|机构)的(?:客服|助手|机器人)|公司(?:叫|的)?(?:什么|啥)(?:名字)?|"
    r"你们(?:是|有没有)(?:正规|持牌)"
)


def asks_who_we_are(text: str) -> bool:
    """你们是哪家公司 / 这是哪个公司的客服 / 你们是正规持牌的吗: who is behind this assistant."""
    return bool(_WHO_WE_ARE.search(_fold(text)))


_CANCEL_FIRST = re.compile(
    r"^(?:那|哎|唉|嗯|呃)?(?:还是)?(?:先)?(?:算了|不办了|不弄了|先不弄了|不要了|不投诉了|先不投诉了?|不登记了)"
)


def cancels_then_asks(text: str) -> bool:
    """先不弄了 我就想问问这样合规吗: the step declined first, then a question (not the form's answer)."""
    folded = core_request(_fold(text)).strip()
    found = _CANCEL_FIRST.match(folded)
    return bool(found) and asks(folded[found.end() :])


# Other lenders' products, as borrowers name them (our own loans are "你们这" / the lender's name).
_OTHER_LENDERS = re.compile(
    r"花呗|借呗|微粒贷|微信分付|分付|京东白条|白条|京东金条|金条|美团月付|美团借钱|分期乐|360借条|借条360|招联|度小满|"
    r"有钱花|安逸花|马上消费|拍拍贷|网商贷|小赢卡贷|你我贷|宜人贷|平安普惠|捷信|中银消费|携程借钱|抖音月付|放心借|"
    r"信用卡|网贷|其他平台|别的平台|别家"
)
# What another lender's collectors or staff are called, right after its name (微粒贷的催收说要上门).
_THEIR_COLLECTORS = re.compile(r"^[^，,。？?]{0,3}(?:的)?(?:催收|催债|客服|人|电话|短信|律师|法务|外包|工作人员)")
_TOGETHER = re.compile(
    r"一起|都|也|全部|所有|帮我[^，,。？?]{0,4}(?:协商|分期|延期|处理|还)|能不能[^，,。？?]{0,4}(?:协商|处理)"
)


# 你们跟“极速贷”是一家吗: a lender's name in quotes, by a lender's ending (unquoted, 消费贷 is ours).
_QUOTED_LENDER = re.compile(
    r"[“\"「『]([\u4e00-\u9fffA-Za-z0-9]{1,8}(?:贷|借|花|金融|钱包|白条|分期|宝|钱|卡|呗|付|借条))[”\"」』]"
)


def other_lenders_in(text: str) -> List[str]:
    """借呗 / 微粒贷 / 信用卡 / “极速贷” …: other lenders' products the words name, in order, once each."""
    folded = _fold(text)
    found = [m.group(0) for m in _OTHER_LENDERS.finditer(folded)] + [
        m.group(1) for m in _QUOTED_LENDER.finditer(text or "")
    ]
    return list(dict.fromkeys(found))


# 有个“速借宝”的人说是你们的合作催收公司，是真的吗 / 你们委托外包催收了吗: an agency, said to be ours
# (it began a complaint form, h36a).
_AGENCY_OURS = re.compile(
    r"(?:合作|委托|外包|第三方)[^，,。？?]{0,4}(?:催收|公司|机构|律所)|(?:催收|律师)(?:公司|事务所|机构)[^，,。？?]{0,8}(?:是你们|你们的|你们委托)"
)


# 资产管理公司说我的债转给他们了 / 债权已经转让 以后还给他们: the debt said to be sold (it was read as money
# sent to them: "拨打110…", h37a).
_DEBT_SOLD = re.compile(
    r"债(?:务|权)?[^，,。？?]{0,4}(?:转|转让|卖|移交|交)(?:给|到)(?:了)?[^，,。？?]{0,10}(?:他们|公司|第三方|机构)|"
    r"(?:资产管理|资产处置|不良资产)(?:公司)?|债权转让|转让了?(?:我的)?债"
)


# 我朋友收到了你们的验证码 / 我妈手机收到你们发的验证码: our code on someone else's phone (it got the
# contact rules, h37a).
_CODE_ON_ANOTHERS_PHONE = re.compile(
    r"(?:朋友|同事|家人|别人|我妈|我爸|老婆|老公|亲戚|邻居|他|她)[^，,。？?]{0,6}(?:收到|接到|有)了?[^，,。？?]{0,6}验证码"
)


def says_someone_else_got_a_code(text: str) -> bool:
    return bool(_CODE_ON_ANOTHERS_PHONE.search(_fold(text)))


def says_debt_was_sold(text: str) -> bool:
    return bool(_DEBT_SOLD.search(_fold(text)))


def asks_if_an_agency_is_ours(text: str) -> bool:
    folded = _fold(text)
    return bool(_AGENCY_OURS.search(folded)) and bool(
        re.search(r"是真的|真的假的|是不是|是吗|吗[？?]?$|有没有|靠谱|可信|能信", folded)
    )


_GENERIC_LENDERS = frozenset({"其他平台", "别的平台", "别家", "网贷", "信用卡"})


def other_lenders_named(text: str) -> List[str]:
    """分期乐 / 借呗 …: the products named by name (not 别的平台 or 网贷), in order, once each."""
    return [name for name in other_lenders_in(text) if name not in _GENERIC_LENDERS]


# 美团月付逾期了也是你们催收的吗 / 你们家跟网商贷是一家吗: whether another lender is us.
_ASKS_IF_OURS = re.compile(
    r"(?:是|也是|算|归)(?:你们|你们家|你们公司)(?:的|催|管|家)|是不是你们|(?:你们|你们家)(?:到底)?(?:是不是|就是|是)[^，,。？?]{0,6}(?:吗|么|嘛|[?？])|"
    r"(?:跟|和|与)(?:你们|你们家|你们公司)(?:是)?一家|(?:你们|你们家|你们公司)(?:跟|和|与)[^，,。？?]{1,8}(?:是)?一家|"
    # 你们是不是分期乐啊 / 先回答我你们是不是分期乐: asked with the name after it
    r"(?:你们|你们家)(?:到底)?(?:是不是|就是)[^，,。？?\s]{1,6}(?:啊|呀|吧|呢)?(?:\s|$|[，,。？?])"
)


# 你们怎么会有我号码的 / 谁给你们的我电话: where a stranger's number came from.
_WHERE_OUR_NUMBER_CAME_FROM = re.compile(
    r"(?:怎么|为什么|为啥|咋)(?:会)?有我(?:的)?(?:号码|电话|手机)|哪(?:来|儿来|里来)的?我(?:的)?(?:号码|电话|手机)|"
    r"谁给(?:你们)?的?(?:我的?)?(?:号码|电话)|(?:号码|电话)(?:是)?(?:从哪|哪里|哪儿)(?:来|弄|拿|搞)"
)


def asks_where_our_number_came_from(text: str) -> bool:
    return bool(_WHERE_OUR_NUMBER_CAME_FROM.search(_fold(text)))


# 我在你们这是不是借了两笔 / 我借了几笔: the loans themselves asked about.
_HOW_MANY_LOANS = re.compile(r"(?:借了|有|贷了)(?:几|两|三|多少)笔|是不是(?:借了|有)?(?:两|三)笔|几笔(?:借款|贷款)")


def asks_how_many_loans(text: str) -> bool:
    return bool(_HOW_MANY_LOANS.search(_fold(text)))


# app一直登不上 / 软件打不开: the app fails them (our channels, and a person; not the penalty rules).
_APP_DOWN = re.compile(
    r"(?:app|软件|应用)[^，,。？?]{0,4}(?:打不开|登不上|登录不了|登陆不上|登录不上|闪退|用不了|进不去|下载不了|删了|卸载了)|"
    r"(?:密码忘了|忘记密码|忘了密码|密码不记得)",
    re.IGNORECASE,
)


def forgot_the_password(text: str) -> bool:
    return bool(re.search(r"密码忘了|忘记密码|忘了密码|密码不记得", _fold(text)))


def says_app_fails(text: str) -> bool:
    return bool(_APP_DOWN.search(_fold(text)))


# 另外结清能便宜点吗: a discount on settling, asked (read unsure, it was merged away).
_SETTLEMENT_DISCOUNT = re.compile(r"(?:结清|提前还|一次性还)[^，,。？?]{0,6}(?:便宜|优惠|打折|少点|少一点|减免|能少)")


def asks_settlement_discount(text: str) -> bool:
    return bool(_SETTLEMENT_DISCOUNT.search(_fold(text)))


def asks_if_another_lender_is_us(text: str) -> bool:
    return bool(other_lenders_in(text)) and bool(_ASKS_IF_OURS.search(_fold(text)))


def names_other_lenders_collectors(text: str) -> bool:
    """微粒贷的催收说要上门 / 借呗的客服打电话骂我: another lender's people, not ours."""
    plain = _fold(text)
    return any(_THEIR_COLLECTORS.match(plain[m.end() :]) for m in _OTHER_LENDERS.finditer(plain))


# 美团月付怎么还 / 借呗能在你们这还吗 / 微粒贷还有多少没还: that product's own business, right after its name
_THEIR_BUSINESS = re.compile(
    r"怎么还|咋还|如何还|还款|逾期|欠了|欠多少|还有多少|还剩|没还|协商|怎么办|咋办|能在你们这|在你们这(?:边|里)?还|"
    r"在这(?:里|边)?还|能不能还|额度|账单"
)
# 你们这笔 / 在你们这借的 / 你们的借款: ours named beside it (the question is then about ours)
_OURS_NAMED = re.compile(
    r"你们(?:这|这边|这里|家)?(?:的)?(?:这笔|那笔|借款|贷款|欠款|钱|这个|账)|在你们(?:这|这边|这里|家)?(?:借|贷)|我们这|"
    r"影响(?:到)?(?:我在)?你们"
)


_JAIL_ASKED = re.compile(r"坐牢|被抓|抓我|判刑|犯法|犯罪|刑事|拘留|进去")


def asks_about_jail(text: str) -> bool:
    """不还会坐牢吗 / 会被抓吗: whether a debt not paid is a crime (the same wherever it was borrowed)."""
    return bool(_JAIL_ASKED.search(_fold(text))) and asks(_fold(text))


def about_another_lenders_business(text: str) -> bool:
    """美团月付怎么还 逾期三天了 / 借呗能在你们这还吗: a question about another lender's product (it got our
    repayment channels, our consequences, a login, h30b); not when ours is named beside it."""
    folded = _fold(text)
    named = other_lenders_named(folded)
    if not named or _OURS_NAMED.search(folded):
        return False
    return any(
        m.group(0) in named and _THEIR_BUSINESS.search(folded[m.end() : m.end() + 12])
        for m in _OTHER_LENDERS.finditer(folded)
    )


def asks_about_other_lenders_debts(text: str) -> bool:
    """我花呗和借呗都逾期了 你们能帮我一起协商吗: relief for other lenders' debts too."""
    plain = _fold(text)
    return bool(_OTHER_LENDERS.search(plain) and _TOGETHER.search(plain))


_UNOFFICIAL_WAY = re.compile(
    r"支付宝|微信|扫码|二维码|转账给|转给(?:了)?(?:他|她|对方|催收)|个人账户|私人账户|个人卡|他的卡|她的卡"
)


def paid_an_unofficial_way(text: str) -> bool:
    """我昨天已经通过支付宝还了573: a way that is not ours (the money may not have reached us)."""
    return bool(_UNOFFICIAL_WAY.search(_fold(text)))


_CALLS_ANNOY = re.compile(
    r"(?:天天|每天|一直|老是?|总是?|整天|成天|没完没了地?|不停地?|反复)[^，,。？?]{0,4}(?:打|来电|打电话|发短信|催)|"
    r"电话(?:太多|好多|不断|打个不停|响个不停)|(?:打|催)(?:个|得)(?:不停|没完)|烦死了?|骚扰|"
    # 你们烦不烦 / 有完没完: said to the lender, the contacts felt as too many (it got "好的，没关系", h35a)
    r"你们(?:烦不烦|有完没完|烦人|真烦|好烦)|有完没完"
)


# 能不能少打点电话 一天一次就行: fewer calls asked for (a number of calls cannot be set; the hours and the
# channel can)
_FEWER_CALLS = re.compile(
    r"少打|打少|少点电话|别打那么多|不要打那么多|(?:一天|每天)(?:只)?(?:打)?(?:一|1|两|2)次|频率(?:低|少)|减少[^，,。？?]{0,3}(?:电话|次数)"
)
# 压力好大 天天失眠: strain told (heard first, gently — not the crisis answer)
_STRAIN = re.compile(r"压力(?:好|太|很|特别|真的)?大|失眠|睡不着|焦虑|心慌|崩溃|快疯了|扛不住了")


def asks_for_fewer_calls(text: str) -> bool:
    return bool(_FEWER_CALLS.search(_fold(text)))


# 我妈都70了被你们吓得睡不着: someone else's strain — said of them, not the writer's (h34a: "听得出您最近压力很大")
_SOMEONE_ELSES_STRAIN = re.compile(
    rf"(?:{_MINE}|他|她|老人|孩子)(?:都|也|已经|现在)?[^，,。？?！!我]{{0,10}}(?:压力(?:好|太|很|特别|真的)?大|失眠|睡不着|焦虑|心慌|崩溃|吓)"
)


def tells_of_strain(text: str) -> bool:
    folded = _fold(text)
    return bool(_STRAIN.search(folded)) and not (
        _SOMEONE_ELSES_STRAIN.search(folded)
        and not re.search(r"我(?:也|都|自己|现在|最近|天天)?(?:压力|失眠|睡不着|焦虑)", folded)
    )


def calls_annoy(text: str) -> bool:
    """天天打电话烦死了 / 你们一直打电话: calls felt as too many (not yet a complaint of a breach)."""
    return bool(_CALLS_ANNOY.search(_fold(text)))


_TOTAL_LEFT = re.compile(r"一共|总共|总的|加起来|合计|总额|全部加|还欠(?:你们)?多少|还剩多少钱|剩下多少钱|总欠")
_DOUBLE_CHARGE = re.compile(r"重复|扣两次|扣了两次|两份|多扣|双份|又要还|还要还|怎么还有|为什么还有|为啥还有")


def asks_total_left(text: str) -> bool:
    """一共还欠多少: everything still to repay, not only what is overdue."""
    return bool(_TOTAL_LEFT.search(_fold(text)))


# 11月5号那期你们从我卡里扣了两次710.79 / 被重复扣款了 多扣的什么时候退: money taken twice, told.
_CHARGED_TWICE = re.compile(
    r"扣了?(?:两|2|二)(?:次|回|遍)|(?:重复|多)扣(?:了|款|钱)?|扣(?:重|多)了|(?:还|转|付)了?(?:两|2)次|多扣的|多付的|多还的"
)


def says_charged_twice(text: str) -> bool:
    return bool(_CHARGED_TWICE.search(_fold(text)))


def asks_about_double_charge(text: str) -> bool:
    """办了分期 怎么25号还要还916.8 是不是重复扣了: a plan and a loan instalment both due."""
    return bool(_DOUBLE_CHARGE.search(_fold(text)))


_FIRST_DUE = re.compile(
    r"(?:首期|第一期|第1期)[^，,。？?]{0,8}(?:改|换|推|晚|延|往后|挪|定在|放在|能不能|可不可以|可以)|"
    r"(?:改|换|推|挪)[^，,。？?]{0,4}(?:首期|第一期|第1期)"
)


def asks_to_move_first_due(text: str) -> bool:
    """首期能不能改到下个月初 / 首期还款日改成12月5号可以吗: the plan's first payment day."""
    return bool(_FIRST_DUE.search(_fold(text)))


# 对的 撤了吧 / 嗯 删掉吧 / 就这么办: yes, said with the confirmed action's own verb (h25a: at a contact's
# withdrawal it was asked again, "请回复确认或者不要了").
_YES_LEAD = r"^(?:对|对的|是的|是|嗯|嗯嗯|好|好的|行|可以|没错|没问题)?[\s,，。.!！~～]*"
_AGREES_IN_OTHER_WORDS = re.compile(
    _YES_LEAD + r"(?:就这么办|就这样办|就这么定|就这样吧|办吧|照这个办|按这个办)(?:吧|啊|呀|了|哈)?[\s,，。.!！~～]*$"
)
# 对的 撤了吧 / 删掉吧 / 改吧: yes to a contact setting (only there: at a plan's confirmation 撤了吧 is a no).
_AGREES_TO_THE_CHANGE = re.compile(
    _YES_LEAD + r"(?:撤|撤了|撤掉|撤回|删|删了|删掉|去掉|改|改了|就这么改)(?:吧|啊|呀|了|掉|哈)?[\s,，。.!！~～]*$"
)


# 这还怎么还 / 这让我怎么还得起 / 哪还得起: despair at a figure, not how to pay (it got the channels, h25a).
_HOW_COULD_I_PAY = re.compile(
    r"这(?:还|让我|叫我|要我|我)(?:怎么|咋)还(?:得起|得上|得了|啊|呀|嘛)?(?=[\s,，。.!！?？~～]|$)|"
    r"(?:怎么|咋|哪)还得(?:起|上|了)(?:啊|呀|嘛)?(?=[\s,，。.!！?？~～]|$)|哪(?:有|来的?)钱还"
)


# 在吗 我想查下我的借款 / 看看我的贷款: their loan looked up, not a new one (it got "借新的一笔…", h25b/h25a).
_LOOKS_UP_MY_LOAN = re.compile(
    r"(?:查|看|瞧)(?:一?下|询|查|看|一查|一看)?(?:我的|我|我自己的)(?:借款|贷款|欠款|账单|账|那笔)"
)
_NEW_LOAN = re.compile(r"再借|新借|借新|重新借|还能借|能不能借|额度|提额|申请|放款|下款|借钱给我")


# 我第一次输啊 怎么就锁了: the number locked by others' tries (the lock is the number's, in every chat).
_WHY_LOCKED = re.compile(
    r"(?:怎么|为什么|为啥|咋|凭什么)(?:就|会|突然)?(?:被)?锁(?:了|住|定)|锁(?:定|住)?了?[^，,。？?]{0,4}(?:为什么|为啥|怎么回事|咋回事)|"
    r"(?:我|才)(?:第一次|头一次|才|一次都没|还没)输"
)


def asks_why_locked(text: str) -> bool:
    return bool(_WHY_LOCKED.search(_fold(text)))


# 以前借过一笔早就还清了: a loan paid off, told (it got how to borrow again, h25a).
_PAID_OFF_BEFORE = re.compile(
    r"(?:以前|之前|早就|已经|早|前年|去年|\d{4}年)[^，,。？?]{0,6}借(?:过|的|了)[^，,。？?]{0,10}(?:还清|结清|还完|还掉)"
)


def tells_of_a_loan_paid_off(text: str) -> bool:
    return bool(_PAID_OFF_BEFORE.search(_fold(text)))


# 晚个三四天 8号9号还上 罚多少钱: a later day named, then the penalty of paying then asked.
_A_LATER_DAY = re.compile(
    r"(?:晚|拖|迟|推迟|延后)[个上了]?\s*[\d一二两三四五六七八九十几]+\s*天|\d{1,2}\s*[号日][^，,。？?]{0,4}(?:才|再)?还"
)
_PENALTY_ASKED = re.compile(
    r"罚(?:息|金)?(?:要|得|会|大概|大约|一共|总共|差不多)?(?:是|有|交|付)?(?:多少|几块|几毛|多不多)|(?:多少|多)罚|要罚|会罚"
)


def names_a_later_day(text: str) -> bool:
    return bool(_A_LATER_DAY.search(_fold(text)))


# 到时候 / 那天: the day said before, in a later clause (下周五发工资，到时候一次性结清要准备多少钱)
_BACK_TO_THE_DAY = re.compile(r"到时候?|到那天|那天|那时候?|届时|当天")
_A_DAY = re.compile(
    r"明天|后天|大后天|下(?:个)?(?:周|礼拜|星期)[一二三四五六日天]?|这(?:个)?(?:周|礼拜|星期)[一二三四五六日天]|"
    r"周[一二三四五六日天]|月底|月初|月中|元旦|\d{1,2}\s*[号日]|[一二三四五六七八九十]{1,3}\s*[号日]|\d{1,2}月\d{1,2}"
)


def refers_back_to_a_day(text: str) -> bool:
    """到时候一次性结清要准备多少钱: the clause's day is one said before it (cut off, it was today's quote, h30)."""
    folded = _fold(text)
    return bool(_BACK_TO_THE_DAY.search(folded)) and not _A_DAY.search(folded)


def names_a_day(text: str) -> bool:
    return bool(_A_DAY.search(_fold(text)))


def asks_the_penalty(text: str) -> bool:
    return bool(_PENALTY_ASKED.search(_fold(text)))


# 就12月那段时间 回国了再改回来可以吗 / 回国以后我自己来这里改回 是吧: a setting for a while only.
_CHANGE_BACK_LATER = re.compile(
    r"(?:回国|回来|回去|出院|忙完|过了这段|这段时间过了?|之后|以后|到时候?)[^，,。？?]{0,8}(?:再|自己)?[^，,。？?]{0,4}"
    r"(?:改回|换回|恢复|调回|改过来)|(?:暂时|临时|先)(?:只|改成)?[^，,。？?]{0,8}(?:到时|之后|以后|回头)[^，,。？?]{0,6}(?:改回|恢复)|"
    r"(?:这段时间|那段时间|这几个月|\d+月(?:份)?)(?:内)?(?:先)?(?:这样|这么设|这么改)"
)


def asks_to_change_back_later(text: str) -> bool:
    return bool(_CHANGE_BACK_LATER.search(_fold(text)))


# 我还没转呢 就是问问 / 钱还没打过去: the money asked for not sent yet (after a scam's demand).
_NOT_PAID_YET = re.compile(
    r"(?:还|都|并)?没(?:有)?(?:转|汇|打款|打钱|付|给他钱|给她钱|交)(?:钱|账|过去|给他|给她|呢|啊)?"
)


_AT_THE_DOOR = re.compile(r"上门|到我家|来我家|找到我家|堵门|堵在门口|在我家门口|家门口")


# 撤了我妹的授权 会影响我以后借钱吗: whether withdrawing a contact costs anything (it got the credit rules).
_WITHDRAWAL_MATTERS = re.compile(
    r"(?:撤|取消|删|去掉|换)[^，,。？?]{0,8}(?:授权|联系人)[^。？?]{0,12}(?:影响|有没有影响|会不会影响|有啥影响|有什么影响|不好)"
)


def asks_if_withdrawing_a_contact_matters(text: str) -> bool:
    return bool(_WITHDRAWAL_MATTERS.search(_fold(text)))


# 我都没逾期 为啥会有人催我: chased though nothing is overdue (it got what the chat keeps, h26a).
_CHASED_NOT_OVERDUE = re.compile(
    r"(?:没|没有|不|还没|并没有?)逾期[^。？?]{0,12}(?:催|讨债|要账|打电话|发短信)|"
    # 我分期每期都按时还的 为什么昨天还收到催收短信说我逾期 (h28b: read as applying for a plan)
    r"(?:按时还|准时还|都还了|都还上了|没欠|还清了?)[^。？?]{0,16}(?:催收|说我逾期|催我|讨债)"
)


def says_chased_though_not_overdue(text: str) -> bool:
    return bool(_CHASED_NOT_OVERDUE.search(_fold(text)))


# 确认了以后还能反悔吗 / 办了还能撤销吗: whether what is confirmed can be undone (it got only "请回复确认", h27a).
_REVERSIBLE = re.compile(
    r"(?:以后|之后|后|办了|确认了|登记了|设了|办完)[^，,。？?]{0,4}(?:还能|能不能|可以|可不可以)(?:再)?(?:反悔|撤销|撤回|取消|改回|后悔)|"
    r"(?:能|可以)反悔(?:吗|不)"
)
# 是不是设了马上就生效: when what is confirmed takes effect.
_TAKES_EFFECT = re.compile(r"(?:马上|立刻|立即|什么时候|多久|哪天|当天)(?:就)?(?:生效|有效|开始)|生效(?:吗|了吗|没)")


def asks_if_reversible(text: str) -> bool:
    return bool(_REVERSIBLE.search(_fold(text)))


def asks_when_it_takes_effect(text: str) -> bool:
    return bool(_TAKES_EFFECT.search(_fold(text)))


# 现在起诉了没有 / 你们到底有没有起诉我: whether a suit was filed (the consequences twice, word for word, h27b).
_SUED_YET = re.compile(
    r"(?:有没有|是不是|是否|已经|到底)(?:被)?(?:起诉|告)(?:我|了)|起诉了(?:我)?(?:没有?|吗)|告我了(?:吗|没)|立案了(?:没有?|吗)"
)
# 银保监电话多少 / 我要去银保监投诉: the regulator's line (it was "暂时处理不了", then "没太明白").
_REGULATOR = re.compile(r"银保监|金管局|金融监管|监管局|监管部门|金融消费者|12378|人民银行投诉|消保")
# 有公章吗 法院认不认: a stamped paper (it was "没太明白").
_STAMP = re.compile(r"公章|盖章|章吗|盖个章|红章|法院认|法院承认|有效力|具有法律效力")
# 银行卡密码是123456 / 身份证440301…: secrets pasted into the chat.
_SECRET_SHARED = re.compile(r"密码(?:是|为|:|：)?\s*\d{4,}|(?<!\d)\d{17}[\dXx](?![\dXx])|cvv|安全码(?:是)?\s*\d{3}")


def asks_if_sued(text: str) -> bool:
    return bool(_SUED_YET.search(_fold(text)))


def names_the_regulator(text: str) -> bool:
    return bool(_REGULATOR.search(_fold(text)))


def asks_about_a_stamp(text: str) -> bool:
    return bool(_STAMP.search(_fold(text)))


def shares_a_secret(text: str) -> bool:
    return bool(_SECRET_SHARED.search(_fold(text).lower()))


def says_someone_came_to_the_door(text: str) -> bool:
    """两个男的上门 让我扫码转账: someone at the borrower's door."""
    return bool(_AT_THE_DOOR.search(_fold(text)))


def says_not_paid_yet(text: str) -> bool:
    folded = _fold(text)
    return bool(_NOT_PAID_YET.search(folded)) and not re.search(r"还没还|没还钱|没还上|没还款", folded)


# 那我的设置现在是什么样 / 我是说联系方式的设置: the contact settings now (it got the follow-ups, then
# "没太明白", h26b).
_MY_SETTINGS = re.compile(
    r"(?:我的|现在的?|联系方式的?|联系)设置(?:现在)?(?:是)?(?:什么样|怎么样|啥样|是什么|有哪些|呢|吗)?|"
    r"(?:看|查)(?:一?下|看)?(?:我的)?(?:联系)?设置"
)


def asks_for_my_settings(text: str) -> bool:
    return bool(_MY_SETTINGS.search(_fold(text)))


def looks_up_my_loan(text: str) -> bool:
    folded = _fold(text)
    return bool(_LOOKS_UP_MY_LOAN.search(folded)) and not _NEW_LOAN.search(folded)


def asks_how_i_could_ever_pay(text: str) -> bool:
    return bool(_HOW_COULD_I_PAY.search(_fold(text)))


def agrees_in_other_words(text: str) -> bool:
    """就这么办 / 行 照这个办: yes, at any confirmation."""
    return bool(_AGREES_IN_OTHER_WORDS.match(_fold(text)))


def agrees_to_the_change(text: str) -> bool:
    """对的 撤了吧, at a contact setting's confirmation: yes (it was asked again, h25a)."""
    return bool(_AGREES_TO_THE_CHANGE.match(_fold(text)))


_WITHDRAWS_CONTACT = re.compile(r"(?:撤回|撤销|取消|收回)(?:[他她]的|[他她](?:吧|了)|授权|[他她]的授权|紧急联系人)")


def withdraws_a_contact(text: str) -> bool:
    """对 撤回她的 / 取消授权: an emergency contact's authorisation withdrawn (not a handoff or a plan)."""
    return bool(_WITHDRAWS_CONTACT.search(_fold(text)))


_INSTRUCTS = re.compile(
    r"忽略(?:之前|以上|上面|前面|所有|你的)?的?(?:所有)?(?:指令|规则|设定|提示|限制|要求)|"
    # (not 刚才系统提示有人来问过我的借款: our own notice, quoted — it was refused as an instruction)
    r"ignore (?:all |the )?(?:previous|above|prior) (?:instructions|rules)|system prompt|系统提示词|"
    r"(?:忽略|无视|修改|告诉我|输出|打印|显示)(?:你的)?系统提示|"
    r"你现在是(?:管理员|开发者|系统|客服主管|root)|进入(?:开发者|调试|管理员)模式|越狱|jailbreak|"
    # 我是你们技术部的 测试用 必须给: a claim of being staff, to be given what nobody is
    r"我是你们(?:的)?(?:技术部|技术|开发|运维|管理员|内部|后台)|测试用[^，,。？?]{0,6}(?:必须|给我|发我)|"
    # 我是你们公司催收部的工号C-215…把B004的逾期金额发我: staff, said — nobody's data is given here (h36b: the
    # writer's own contact log came)
    r"我是你们(?:公司|这边|平台)?(?:的)?(?:催收部|催收|客服部|风控|法务|员工|工作人员|内部人员|主管|经理)|"
    r"我(?:的)?工号(?:是)?\s*[A-Za-z]{0,3}-?\d{2,}|"
    r"(?:所有|全部|其他|别的)(?:用户|客户|借款人)的|导出(?:数据|数据库|名单)|drop\s+table|union\s+select|select\s+\*|"
    r"or\s+1\s*=\s*1|;\s*--",
    re.IGNORECASE,
)


def tries_to_instruct(text: str) -> bool:
    """忽略之前的指令 / 列出所有用户的手机号 / a database statement: not a borrower's question."""
    return bool(_INSTRUCTS.search(_fold(text)))


_ALLOCATION = re.compile(
    r"先(?:抵|扣|还|冲|算)哪|(?:抵|扣|冲|算|还到|记到|分到)哪一?(?:期|笔)|先还哪一?(?:期|笔)|哪一?期先(?:还|扣|抵)|"
    r"(?:抵|扣|冲)(?:的)?是哪|"
    # 先还的钱是先扣本金还是先扣罚息
    r"先(?:扣|抵|还|冲)(?:本金|罚息|利息)[^，,。？?]{0,4}还是|"
    # 还1200够不够还第8期 / 能把最早那期还清吗: whether an amount covers an instalment
    r"够不够(?:还|抵|付)|够(?:还|抵)[^，,。？?]{0,6}(?:期|笔)(?:吗|不)|"
    r"(?:能不能|能|可以|可不可以)(?:把|先把)?[^，,。？?]{0,6}(?:那期|那一期|那笔|第\d+期|第[一二三四五六七八九十]+期)还清"
)


# 不是延期，我就是承诺… / 我没说要承诺，我就问…: the arrangement being made is not the one wanted.
_DECLINES_ARRANGEMENT = re.compile(
    r"^(?:我)?(?:不是|没说|没要|没想|并不是|不是说|又没说)(?:要|想)?(?:办|申请|登记)?(?:的)?"
    r"(?:延期|展期|分期|还款承诺|承诺)|"
    # 不是要登记 我就问能不能在app里先还一期: nothing to register (the promise form went on, h34a)
    r"^(?:我)?(?:不是|没说|没要|没想|并不是|不是说|又没说)(?:要|想)(?:办理?|申请|登记)(?:这个|那个|啥|什么)?(?=[\s，,。！!]|$|我|啊|呀)"
)


def declines_an_arrangement(text: str) -> bool:
    return bool(_DECLINES_ARRANGEMENT.search(_fold(text).strip()))


def asks_payment_allocation(text: str) -> bool:
    """如果我今天先还1000 是先抵哪一期 / 部分还款的话钱先还哪一期: how a part payment is applied."""
    return bool(_ALLOCATION.search(_fold(text)))


_PLAN_COST = re.compile(
    r"手续费|多出来|多出的|多出|多付|多还了?|利率|年化|分期利息|费用|成本|划算|算进去|包括|包含|没到期|另外还|加起来|还要另外|"
    # 12月10号那期1100的 能不能一起放进分期里 (at the confirmation it was asked to confirm again, h26a)
    r"(?:一起|也|一块|一并)(?:放进|放到|算进|分进|纳入|加进)(?:分期|方案|去|来)|"
    # 12月一共要还多少, at the plan's confirmation: that month with the plan (it got the whole arrears, h26a)
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,2}|下个?)月(?:份)?(?:一共|总共|加起来|合计)(?:要|得)?还多少|"
    r"提前(?:一次(?:性)?)?(?:还完|还清|结清)"
)
# 12期的话中途想提前一次还完可以吗: a plan paid off early.
PLAN_PAID_OFF_EARLY = re.compile(r"提前(?:一次(?:性)?)?(?:还完|还清|结清)|一次(?:性)?(?:还完|还清|结清)")


def asks_about_the_plan_quoted(text: str) -> bool:
    """分期手续费是多少 / 这多出来的是什么钱 / 两笔都算进去了吗 没到期的还要照常还吗: about the quote itself."""
    plain = _fold(text)
    return bool(_PLAN_COST.search(plain)) and asks(plain)


_ASKED_FOR_CODE = re.compile(
    r"(?:让|叫|要|要求|问)我[^，,。？?]{0,4}(?:把)?(?:收到的|手机上的|刚才|刚刚|那个|这个){0,3}(?:验证码|短信码|动态码)[^，,。？?]{0,4}(?:发|告诉|给|报|念)|"
    r"(?:客服|工作人员|催收|你们的人)[^，,。？?]{0,6}(?:要|问)(?:我)?(?:的)?验证码"
)


# 我已经点了还输了验证码怎么办 / 链接点开了 还填了银行卡号: done already — what to do now.
_GAVE_IT_AWAY = re.compile(
    r"(?:已经|刚才|刚刚|还)?(?:点了|点开了|点进去了|打开了)[^。？?]{0,10}(?:输了|输入了|填了|告诉|发给)|"
    r"(?:告诉了?(?:他|对方|他们)|发给了?(?:他|对方|他们))[^。？?]{0,4}(?:验证码|密码|银行卡号?|身份证号?)|"
    r"(?:输了|输入了|填了)[^。？?]{0,4}(?:密码|银行卡号|卡号|身份证号)|"
    r"(?:验证码|密码|卡号)[^。？?]{0,3}(?:告诉|发给|给)了?(?:他|对方|他们)(?:了)?|"
    r"(?:点了|点开了|打开了)[^。？?]{0,4}(?:链接|网址)"
)


# 我要给吗 / 要不要给他: whether to give it — not given yet
_WHETHER_TO_GIVE = re.compile(
    r"(?:要|能|该|可以)给(?:他|她|对方|他们)?(?:吗|么|不)|(?:要不要|该不该|能不能|可不可以)(?:告诉|念|发|报)?给"
)


def says_gave_it_away(text: str) -> bool:
    folded = _fold(text)
    if _WHETHER_TO_GIVE.search(folded) and not re.search(r"已经|我(?:就)?(?:发|给|告诉|念)了", folded):
        return False  # 让我把刚才那个验证码念给他…我要给吗: asked whether to (it was told what to do now it is gone)
    if _ASKED_FOR_CODE.search(folded) and not re.search(r"已经|我(?:就)?(?:发|给|告诉)了|了[。！!~～]*$", folded):
        return False  # 客服让我把验证码发给他: asked for it, not (yet) given
    return bool(_GAVE_IT_AWAY.search(folded))


# 让我下个会议软件共享屏幕 / 说要帮我注销账户 / 让我开远程协助: the moves of the known scams — someone
# (said to be us) gets them to show their screen, install an app or "cancel an account".
_SCAM_MOVE = re.compile(
    r"共享屏幕|屏幕共享|分享屏幕|会议软件|腾讯会议|视频会议|远程(?:控制|协助|操作)|"
    r"(?:下载|下|装|安装)(?:一个|个)?[^，,。？?]{0,4}(?:会议|远程|共享|屏幕|视频|向日葵|zoom|teamviewer)|"
    r"(?:帮我|帮你|给我|给你|要|让我)(?:把)?(?:账户|账号|校园贷|学生贷|借款账户)?(?:注销|销户|关闭账户)|"
    r"注销(?:账户|账号|校园贷|学生贷)|(?:清除|消除|删除)(?:逾期)?记录"
)
_SOMEONE_TOLD = re.compile(r"有人|对方|他|她|自称|说是|说要|说帮|说能|说可以|客服|工作人员|催收|电话里|打电话")


# 那个链接我能点吗 会不会是钓鱼的 / 这个短信是不是骗子发的 106开头的: a message or its link checked.
_LINK_OR_MESSAGE = re.compile(
    r"链接[^，,。？?]{0,10}(?:能点|能不能点|可以点|点吗|点不点|钓鱼|安全吗|是真的|靠谱)|"
    r"(?:短信|信息|消息)[^，,。？?]{0,16}(?:是不是骗子|骗子发的|是不是你们发的|是你们发的吗|是真的吗|真的假的)"
)


def asks_about_a_link(text: str) -> bool:
    """(not from someone who says they never borrowed: whether there is a loan is checked first)"""
    folded = _fold(text)
    return bool(_LINK_OR_MESSAGE.search(folded)) and not _NEVER_BORROWED.search(folded)


def names_a_scam_move(text: str) -> bool:
    """他让我下个会议软件共享屏幕 这个能弄吗: what someone asked them to do, a scam's move."""
    folded = _fold(text)
    # (注销账户 是真的吗 / 有没有注销账户这回事: asked whether it is real)
    return bool(_SCAM_MOVE.search(folded)) and bool(_SOMEONE_TOLD.search(folded) or _REAL_OR_NOT.search(folded))


_REAL_OR_NOT = re.compile(r"是真的|真的吗|真的假的|骗|靠谱|有这回事|有没有这")
# 退出登录 / 结束会话 / 清除我的信息: a logout asked for in so many words (not 我不是登录了吗, which was one)
_LOGOUT_WORDS = re.compile(r"退出|登出|注销|结束(?:会话|对话|本次|这次)|清除|忘掉|忘记我|下线|不用记住|换个号")


def asks_to_log_out(text: str) -> bool:
    folded = _fold(text)
    if "联系人" in folded:  # 我想退出紧急联系人: off the list, not out of the chat
        return False
    return bool(_LOGOUT_WORDS.search(folded)) and not names_a_scam_move(folded) and not _REAL_OR_NOT.search(folded)


# 我刚收到你们的验证码 我没申请啊: a code they did not ask for — someone typed their number.
_UNASKED_CODE = re.compile(
    r"验证码[^。？?]{0,30}(?:没申请|没有申请|没操作|没有操作|(?<!是)不是我|没要|我没点|没登录|莫名其妙|没弄|没请求)|"
    r"(?:没申请|没有申请|没操作|没有操作|没要|莫名其妙|没弄)[^。？?]{0,12}验证码"
)


def got_an_unasked_code(text: str) -> bool:
    return bool(_UNASKED_CODE.search(_fold(text)))


def says_asked_for_a_code(text: str) -> bool:
    """你们客服让我把收到的验证码发给你: someone asked them for a code — never give it to anyone."""
    return bool(_ASKED_FOR_CODE.search(_fold(text)))


_WORKPLACE = re.compile(
    # (我是学生…会不会通知学校和我爸妈: the school too — the hardship text came, the question unanswered, h34a)
    r"(?:通知|告诉|联系|打给|打到|打去|找到?|发到|闹到|找去)(?:我)?(?:的|们)?"
    r"(?:单位|公司|领导|老板|同事|工作单位|上班的地方|学校|老师|辅导员|导员|班主任|同学)|"
    r"(?:单位|公司|领导|老板|同事|学校|老师|辅导员)[^，,。？?]{0,6}(?:知道|晓得|发现)"
)


def asks_about_workplace(text: str) -> bool:
    """会不会通知我单位 / 我领导要是知道了… / 我单位座机能不能加黑名单: whether we contact the workplace."""
    plain = _fold(text)
    if re.search(
        r"(?:单位|公司)(?:的)?(?:座机|电话|前台)[^，,。？?]{0,8}(?:黑名单|屏蔽|别打|不要打|不打)|"
        r"(?:不要|别|不准|不许|千万别)(?:再)?(?:打|找|联系|打到|打去|打给)(?:我)?(?:的)?(?:单位|公司|领导|同事|老板)",
        plain,
    ):
        return True  # 我单位座机能不能加黑名单 / 以后绝对不要打我单位电话: "没太明白", and "没有您的同事"
    return bool(_WORKPLACE.search(plain)) and bool(re.search(r"会不会|会吗|吗|么|是不是|怎么办|要是|万一", plain))


# 下周一到周三千万别打我电话 能设置吗: days off — not a setting there is (asked three times, never answered).
_DAYS_OFF = re.compile(
    r"(?:下周|这周|本周|周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天]|这几天|那几天|这两天|"
    r"\d+号|[一二三四五六七八九十]+号|面试|出差|考试)[^，,。？?]{0,10}"
    r"(?:千万)?(?:别|不要|不能|能不能别|能不能不|可不可以不|可以不)(?:再)?(?:给我)?(?:打|联系|催)"
)


# 月底发工资了就还 能不能先别催了 / 这几天别打电话了: no chasing until then
_NOT_CHASED = re.compile(
    r"(?:先)?别(?:再)?催|不要(?:再)?催|别(?:再)?打(?:电话)?了|不要(?:再)?打(?:电话)?了|别(?:再)?给我打"
)


def asks_not_to_be_chased(text: str) -> bool:
    return bool(_NOT_CHASED.search(_fold(text)))


def asks_for_days_off(text: str) -> bool:
    return bool(_DAYS_OFF.search(_fold(text)))


_HAS_A_LOAN = re.compile(
    r"(?:我)?在你们(?:这|这里|那|家|平台)?(?:有没有|是不是有|是否有|还有没有|有)(?:借款|贷款|欠款|借过钱|欠钱|借过)|"
    r"我有没有(?:在你们这|在你们那|在你们家)?(?:借|贷|欠)|(?:怎么|如何)(?:知道|查)我?(?:在你们这)?有没有(?:借款|贷款|欠款)"
)


def asks_if_there_is_a_loan(text: str) -> bool:
    """我在你们这有没有借款啊 / 我怎么知道我在你们这有没有借款: their own loans — verified first."""
    plain = _fold(text)
    someone = re.search(
        r"(?:老公|老婆|爱人|爸|妈|哥|姐|弟|妹|儿子|女儿|朋友|同事|他|她)(?:的)?(?:在你们|有没有)", plain
    )
    return bool(_HAS_A_LOAN.search(plain)) and not someone


# 那我先验证一下身份吧 / 我真的没事了 想看看欠多少 / 登录吧: after the crisis answer, the writer asks to go on
# (the login held for them is not a wall).
_WANTS_VERIFIED = re.compile(
    r"(?<!不)(?<!不用)(?<!不想)(?:验证|登录|登陆|核实)(?:一下|下)?(?:身份|吧|了|啊|呀)|(?:我要|我想|先|那我)(?:先)?(?:验证|登录|登陆)|"
    r"(?:我|真的|已经)(?:真的)?(?:没事了|好多了|好点了|缓过来了|冷静下来了|不会做傻事)"
)


def wants_to_be_verified(text: str) -> bool:
    return bool(_WANTS_VERIFIED.search(_fold(text)))


# 你们从哪弄到我号码的 / 我的电话是哪来的 (h28b: a colleague who was called got "没太明白", then the
# borrower's data-retention text)
_NUMBER_FROM = re.compile(
    r"(?:从哪|哪里|哪儿|哪|怎么|谁给)(?:里)?(?:弄|拿|搞|得|获取|来|知道|找)(?:到|来)?的?(?:了)?我的?(?:号码|电话|手机号|手机|联系方式|信息)|"
    r"(?:我的?)(?:号码|电话|手机号|联系方式)(?:是)?(?:从哪|哪里|哪儿|哪|怎么)(?:里)?(?:来|弄|拿|搞|得|找)(?:的|到)|"
    r"怎么(?:会)?有我(?:的)?(?:号码|电话|手机号|联系方式)"
)
_DELETE_MY_NUMBER = re.compile(
    r"(?:删掉|删除|删了|去掉|抹掉|清除)(?:我的?)?(?:号码|电话|信息|手机号|联系方式|资料)|"
    r"把我的?(?:号码|电话|信息|手机号|联系方式|资料)(?:给)?(?:删|去掉|清除)"
)


def asks_where_we_got_the_number(text: str) -> bool:
    return bool(_NUMBER_FROM.search(_fold(text)))


def asks_to_delete_their_number(text: str) -> bool:
    return bool(_DELETE_MY_NUMBER.search(_fold(text)))


# 我换了张银行卡 原来那张注销了 到时候自动扣款会不会扣不到 (h28b: it got the consequences of being overdue)
_CARD_CHANGED = re.compile(
    r"换了(?:张|一张|个|新)?(?:银行)?卡|(?:旧|原来|之前|以前|绑定)的?(?:那张|银行)?卡[^，,。？?]{0,4}(?:注销|销户|停用|不用了|丢了|挂失|作废|冻结)|"
    r"卡(?:已经)?(?:注销|销户|挂失|冻结)了|(?:银行)?卡(?:丢了|掉了)|把(?:银行|还款|扣款)?卡换了|(?:银行|还款|扣款)卡换了"
)


def says_card_changed(text: str) -> bool:
    return bool(_CARD_CHANGED.search(_fold(text)))


# 12期多付了两百多利息，能改成6期吗 / 分期能改期数吗: a plan's term to change to.
_TERM_CHANGE = re.compile(
    r"(?:改成|换成|改为|变成|改到|缩短到|缩成)\s*(?:\d{1,2}|[一二三六十]{1,3})\s*(?:期|个月)|改期数|换期数"
)


def names_a_term_change(text: str) -> bool:
    return bool(_TERM_CHANGE.search(_fold(text)))


# 分期有没有手续费 / 分期收不收服务费: a fee of the plan asked (h29a: the penalty rule, and a login)
_PLAN_FEE = re.compile(
    r"(?:分期|协商)[^。？?]{0,12}(?:手续费|服务费|管理费|额外(?:的)?费用?|其他费用|收费|收不收费|要钱吗)"
)


def asks_plan_fee(text: str) -> bool:
    return bool(_PLAN_FEE.search(_fold(text)))
