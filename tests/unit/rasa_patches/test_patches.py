"""Our changes to Rasa's engine (rasa_patches/): each installs only on the pinned Rasa, and each is
tested against the behaviour it replaces."""

import asyncio

import pytest

import rasa_patches

rasa_patches.install_all()  # as `python -m rasa_patches run` does at server start


@pytest.mark.parametrize("patch", ["action_results", "event_types", "graph_runner", "turn_failures"])
def test_a_patch_refuses_to_install_on_another_rasa(monkeypatch, patch):
    import rasa

    monkeypatch.setattr(rasa, "__version__", "3.6.20")
    monkeypatch.setattr(rasa_patches, "_installed", [])
    with pytest.raises(rasa_patches.WrongRasaVersion, match=f"rasa_patches.{patch} was written against Rasa 3.6.21"):
        rasa_patches.require_pinned_rasa(patch)
    with pytest.raises(rasa_patches.WrongRasaVersion):
        rasa_patches.install_all()


def test_importing_a_store_installs_nothing():
    import subprocess
    import sys

    from tests.conftest import ROOT

    probe = (
        "import stores, stores.tracker, stores.locks, stores.broker; "
        "from rasa.engine.runner.dask import DaskGraphRunner; "
        "from rasa.core.actions.action import RemoteAction; import rasa_patches, rasa_patches.graph_runner as g, rasa_patches.turn_failures as t; "
        "print(DaskGraphRunner.run is g.dask_run, RemoteAction.run is t._remote_run, rasa_patches.installed('graph_runner'))"
    )
    seen = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert seen.stdout.strip().splitlines()[-1] == "True True False", seen.stderr[-2000:]


def _call(action):
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    return action.run(
        CollectingOutputChannel(),
        TemplatedNaturalLanguageGenerator({}),
        DialogueStateTracker("c-1", []),
        Domain.empty(),
    )


def test_a_custom_action_that_fails_is_noted_for_the_turn():
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.exceptions import RasaException
    from rasa.utils.endpoints import EndpointConfig

    from rasa_patches import turn_failures

    down = RemoteAction("action_check_overdue", EndpointConfig("http://127.0.0.1:9/webhook"))

    async def turn():
        with turn_failures.record() as failures:
            with pytest.raises(RasaException, match="Failed to execute custom action"):
                await _call(down)
            return list(failures)

    assert asyncio.run(turn()) == [turn_failures.ACTION]
    assert turn_failures.noted() == []  # outside a turn nothing is kept


def test_a_forms_rejection_is_not_a_failure(monkeypatch):
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction

    from rasa_patches import turn_failures

    async def rejects(self, *args, **kwargs):
        raise ActionExecutionRejection("validate_plan_form")

    monkeypatch.setattr(turn_failures, "_remote_run", rejects)

    async def turn():
        with turn_failures.record() as failures:
            with pytest.raises(ActionExecutionRejection):
                await _call(RemoteAction("validate_plan_form", None))
            return list(failures)

    assert asyncio.run(turn()) == []


def test_concurrent_turns_keep_their_own_failures():
    from rasa_patches import turn_failures

    async def turn(fails):
        with turn_failures.record() as failures:
            await asyncio.sleep(0.01)
            if fails:
                turn_failures.note(turn_failures.STORE)
            await asyncio.sleep(0.01)
            return list(failures)

    async def both():
        return await asyncio.gather(turn(True), turn(False))

    assert asyncio.run(both()) == [[turn_failures.STORE], []]


def test_the_channels_refuse_to_run_without_the_patches(monkeypatch):
    from channels.script import answer_in_borrowers_script

    monkeypatch.setattr(rasa_patches, "_installed", [])
    with pytest.raises(RuntimeError, match="python -m rasa_patches run"):
        answer_in_borrowers_script(lambda message: None)


def test_action_results_are_checked_by_a_validator_built_once():
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    from rasa_patches.action_results import validate_action_result

    assert RemoteAction._validate_action_result is validate_action_result
    action = RemoteAction("action_check_overdue", None)
    good = {
        "events": [{"event": "slot", "name": "needs_verification", "value": False, "timestamp": None}],
        "responses": [{"text": "您目前共欠 3363.24 元"}],
    }
    assert action._validate_action_result(good) is True
    bad = {"events": [{"event": "no_such_event"}], "responses": []}
    with pytest.raises(jsonschema.ValidationError) as ours:
        action._validate_action_result(bad)
    with pytest.raises(jsonschema.ValidationError) as stock:
        jsonschema.validate(bad, RemoteAction.action_response_format_spec())
    assert ours.value.message == stock.value.message + (
        ". Failed to validate Action server response from API, make sure your response from the Action endpoint "
        "is valid. For more information about the format visit https://rasa.com/docs/rasa/custom-actions"
    )


def test_an_answer_checked_event_by_event_is_accepted_exactly_when_rasas_whole_schema_accepts_it():
    """The check by event name accepts exactly what the whole schema accepts (every kind of event
    Rasa knows, valid and broken), and a rejected answer gets Rasa's own error message."""
    import jsonschema
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

    from rasa_patches.action_results import EVENT_VALIDATORS, _valid_by_event_name, validate_action_result

    schema = RemoteAction.action_response_format_spec()
    names = sorted(EVENT_VALIDATORS)
    assert len(names) == 23 and {"user", "action", "slot", "bot", "active_loop"} <= set(names)
    events = [{"event": name, "timestamp": 1763600000.5} for name in names]
    events += [
        e.as_dict()
        for e in (
            UserUttered("我欠多少钱", {"name": "check_overdue", "confidence": 0.9}),
            ActionExecuted("action_check_overdue"),
            SlotSet("plan_term", 6),
            BotUttered("好的"),
        )
    ]
    events += [
        {"event": "slot", "name": "plan_term", "value": None},
        {"event": "slot", "name": "plan_term"},
        {"event": "slot", "value": 6},
        {"event": "entities", "entities": [{"entity": "amount", "value": 300}]},
        {"event": "entities", "entities": [{"entity": "amount"}]},
        {"event": "entities"},
        {"event": "user", "parse_data": {"intent": {"name": 3}}},
        {"event": "user", "text": 5},
        {"event": "user", "parse_data": {"entities": [{"entity": "x", "value": 1, "start": "0"}]}},
        {"event": "action", "confidence": "high"},
        {"event": "action", "hide_rule_turn": "yes"},
        {"event": "bot", "timestamp": "now"},
        {"event": "bot", "metadata": []},
        {"event": "bot", "metadata": None},
        {"event": "no_such_event"},
        {"event": 7},
        {"event": None},
        {"event": ["user"]},
        {"name": "x"},
        {},
        [],
        "user",
        None,
    ]
    answers = [
        {},
        {"events": []},
        {"responses": []},
        {"events": {}},
        {"responses": {}},
        {"responses": ["text"]},
        {"responses": [{"text": 1}]},
        [],
        "answer",
        None,
        {"events": [], "responses": [{"text": "好"}], "extra": 1},
    ]
    answers += [{"events": [event], "responses": [{"text": "您好"}]} for event in events]
    answers += [{"events": events[:23]}, {"events": events[:23] + [{"event": "no_such_event"}]}]
    action = RemoteAction("action_check_overdue", None)
    accepted = 0
    for answer in answers:
        whole = jsonschema.validators.validator_for(schema)(schema).is_valid(answer)
        assert _valid_by_event_name(answer) is whole, answer
        if whole:
            accepted += 1
            assert validate_action_result(action, answer) is True
            continue
        with pytest.raises(jsonschema.ValidationError) as ours:
            validate_action_result(action, answer)
        with pytest.raises(jsonschema.ValidationError) as stock:
            jsonschema.validate(answer, schema)
        assert ours.value.message.startswith(stock.value.message + ". Failed to validate Action server response")
    assert (accepted, len(answers) - accepted) == (33, 30)


def test_event_classes_are_found_as_rasas_walk_finds_them():
    import rasa.shared.utils.common
    from rasa.shared.core.events import ActionExecuted, Event, UserUttered

    from rasa_patches import event_types

    assert Event.resolve_by_type is event_types.resolve_by_type
    for cls in rasa.shared.utils.common.all_subclasses(Event):
        assert Event.resolve_by_type(cls.type_name) is event_types._walk(cls.type_name)
    assert Event.resolve_by_type("user") is UserUttered and event_types._found["user"] is UserUttered
    with pytest.raises(ValueError, match="Unknown event name 'made_up'"):
        Event.resolve_by_type("made_up")
    assert Event.resolve_by_type("made_up", ActionExecuted) is ActionExecuted
    assert Event.resolve_by_type("topic") is None

    class MadeUp(ActionExecuted):  # a class defined later is found: what was remembered is forgotten
        type_name = "made_up"

    assert Event.resolve_by_type("made_up") is MadeUp


def _toy_graph(tmp_path):
    from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
    from rasa.engine.storage.local_model_storage import LocalModelStorage

    calls = []

    class Add(GraphComponent):
        def __init__(self, config):
            self.config = config

        @classmethod
        def create(cls, config, model_storage, resource, execution_context):
            return cls(config)

        def add(self, **numbers):
            calls.append(self.config["name"])
            if self.config.get("fails"):
                raise RuntimeError("a node failed")
            return sum(numbers.values()) + self.config["plus"]

    def node(name, needs, **config):
        return SchemaNode(
            needs=needs,
            uses=Add,
            constructor_name="create",
            fn="add",
            config={"name": name, "plus": 0, **config},
            eager=True,
        )

    schema = GraphSchema(
        {
            "first": node("first", {"x": "__number__"}, plus=1),
            "second": node("second", {"x": "first"}, plus=10),
            "third": node("third", {"x": "first", "y": "second"}),
            "unused": node("unused", {"x": "__number__"}, plus=1000),
            "broken": node("broken", {"x": "first"}, fails=True),
        }
    )
    storage = LocalModelStorage(tmp_path)
    return schema, storage, ExecutionContext(schema, "toy"), calls


def test_the_graph_runs_as_dask_runs_it(tmp_path):
    """Rasa's graph without dask's scheduler (rasa_patches/graph_runner.py): the same outputs for the same
    targets, each needed node run once, nodes nobody needs not run, a failing node the same error."""
    from rasa.engine.exceptions import GraphComponentException
    from rasa.engine.runner.dask import DaskGraphRunner

    from rasa_patches import graph_runner

    schema, storage, context, calls = _toy_graph(tmp_path)
    runner = DaskGraphRunner(schema, storage, context)
    for run in (graph_runner.dask_run, graph_runner.run):
        calls.clear()
        assert run(runner, inputs={"__number__": 5}, targets=["third"]) == {"third": 6 + 16}
        assert sorted(calls) == ["first", "second", "third"]
        calls.clear()
        assert run(runner, inputs={"__number__": 1}, targets=["second", "first"]) == {"second": 12, "first": 2}
        assert sorted(calls) == ["first", "second"]
        with pytest.raises(GraphComponentException, match="node broken"):
            run(runner, inputs={"__number__": 1}, targets=["broken"])
    assert DaskGraphRunner.run is graph_runner.run  # installed by rasa_patches.install_all


def test_a_tracker_store_that_fails_is_noted_for_the_turn(tmp_path, monkeypatch):
    import sqlalchemy.exc
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    from rasa_patches import turn_failures
    from stores.tracker import PrivateTrackerStore

    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path}/tracker.db")
    store = PrivateTrackerStore(domain=Domain.empty())
    (tmp_path / "tracker.db").unlink()
    (tmp_path / "tracker.db").mkdir()  # the database is gone: every read and write fails
    store.inner.engine.dispose()

    async def turn():
        with turn_failures.record() as failures:
            with pytest.raises(sqlalchemy.exc.OperationalError):
                await store.retrieve("c-1")
            with pytest.raises(sqlalchemy.exc.OperationalError):
                await store.save(DialogueStateTracker("c-1", []))
            return list(failures)

    assert asyncio.run(turn()) == [turn_failures.STORE, turn_failures.STORE]
