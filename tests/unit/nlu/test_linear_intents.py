"""The intent classifier's own rules (nlu/linear_intents.py), trained here on a few examples through
Rasa's own tokenizer and storage: noise is never learnt, and two questions marked as two are
labelled by the first."""

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.linear_intents import LinearIntentClassifier

EXAMPLES = {
    "check_overdue": ["我欠多少钱", "我现在一共欠多少", "欠款多少", "帮我查下欠了多少", "这期要还多少钱"],
    "ask_credit_record": ["会不会上征信", "逾期会影响征信吗", "征信什么时候能消", "会报百行吗", "上征信了怎么办"],
    "ask_penalty_interest": ["罚息怎么算", "为什么多了这么多罚息", "滞纳金怎么收", "罚息是多少", "利息怎么涨了"],
    "greet": ["你好", "您好", "在吗", "哈喽", "有人吗"],
    "explain_hardship": ["最近手头紧", "工资没发", "家里有病人", "失业了没钱", "生意亏了 手头很紧"],
    "noise": ["！！！", "。。。", "？？？", "!!", "..."],
}


@pytest.fixture(scope="module")
def parse(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    context = ExecutionContext(graph_schema=None, model_id="test")
    tokenizer = JiebaTokenizer.create(JiebaTokenizer.get_default_config(), storage, Resource("tokenizer"), context)
    classifier = LinearIntentClassifier.create(
        {"temperature": 5.0, "pinyin_ngrams": [1, 2]}, storage, Resource("classifier"), context
    )
    data = TrainingData(
        [Message.build(text=text, intent=intent) for intent, texts in EXAMPLES.items() for text in texts]
    )
    tokenizer.process_training_data(data)
    classifier.train(data)

    def run(text):
        message = Message(data={TEXT: text})
        tokenizer.process([message])
        classifier.process([message])
        return message.get(INTENT)["name"], message

    run.classes = list(classifier.model["classifier"].classes_)
    return run


def test_noise_is_not_learnt_the_words_decide_it(parse):
    assert "noise" not in parse.classes
    assert parse("我欠多少钱！！！")[0] == "check_overdue"


def test_two_questions_marked_as_two_get_the_first(parse):
    assert parse("会不会上征信")[0] == "ask_credit_record"
    assert parse("我欠多少 另外逾期会不会影响征信 征信什么时候能消")[0] == "check_overdue"
    assert parse("罚息怎么算？会不会上征信，征信会报百行吗")[0] == "ask_penalty_interest"


def test_the_whole_message_when_the_first_half_is_not_a_question(parse):
    # A greeting is not a question of its own: the request decides.
    assert parse("你好？会不会上征信")[0] == "ask_credit_record"


def test_the_ranking_is_the_first_questions(parse):
    _, message = parse("我欠多少 另外逾期会不会影响征信 征信什么时候能消")
    ranking = message.get("intent_ranking")
    assert ranking[0]["name"] == "check_overdue"
    assert ranking[0]["confidence"] == message.get(INTENT)["confidence"]
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)


def test_a_story_that_ends_in_a_question_gets_the_question(parse):
    assert parse("最近手头紧 工资没发 家里有病人 失业了没钱")[0] == "explain_hardship"
    assert parse("最近手头紧，工资没发，家里有病人，我欠多少钱")[0] == "check_overdue"
    # The last clause must ask: a story that ends in a statement stays a story.
    assert parse("最近手头紧，工资没发，家里有病人，欠款")[0] == "explain_hardship"


@pytest.mark.parametrize(
    "text, shaped",
    [
        ("我要查欠款 手机号13957218460", "我要查欠款 手机号Ⓟ"),
        ("158-2247-6630", "Ⓟ"),
        ("135 6620 8841 这个号", "Ⓟ 这个号"),
        ("验证码：5 8 2 1 9 3", "验证码：Ⓒ"),
        ("验证码482913 快", "验证码Ⓒ 快"),
        ("还 5000 元", "还 5000 元"),  # an amount stays itself
        ("2026年12月5日", "2026年12月5日"),
        ("1234567", "1234567"),
    ],
)
def test_a_phone_or_a_code_is_one_sign_to_the_classifier(text, shaped):
    from nlu.linear_intents import _shape

    assert _shape(text) == shaped
