"""The bench counts CPU and memory by role; our servers start through our own launchers."""

from bench.processes import role_of


def test_our_launchers_are_the_servers():
    assert (
        role_of("/w/.venv/bin/python -m rasa_patches run --model models/huankuan.tar.gz --port 5005") == "rasa server"
    )
    assert role_of("/w/.venv/bin/python -m actions.server --port 5055") == "action server"


def test_the_stock_bot_and_others_keep_their_roles():
    assert role_of("/w/.venv/bin/rasa run --enable-api --port 5006") == "rasa server"
    assert role_of("/w/.venv/bin/rasa run actions --port 5056") == "action server"
    assert role_of("/w/.venv/bin/python -m rasa_sdk --port 5057") == "action server"
    assert role_of("nginx: worker process") == "nginx worker"
    assert role_of("/w/.venv/bin/python -m analytics.consumer") == "analytics consumer"
    assert role_of("/w/.venv/bin/python -m loan_store.seed --reset") == "python"
