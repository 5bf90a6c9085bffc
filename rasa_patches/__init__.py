"""Our changes to Rasa's engine, all in one place, each written against Rasa 3.6.21 and refusing —
loudly — to install on any other version. They are installed once, at server start, by our
launcher `python -m rasa_patches run …` (scripts/run-servers, the cluster, the tests, the bench);
nothing installs them by being imported.

- action_results: the action server's answer checked by validators built once.
- event_types: an event's class found once per event name.
- graph_runner: the NLU and policy graphs run without dask's scheduler.
- turn_failures: what failed in a turn (a custom action, the tracker store) is noted for the
  turn's channel (channels/script.py), which Rasa itself only logs.
"""

from typing import List

PINNED_RASA = "3.6.21"
_installed: List[str] = []


class WrongRasaVersion(RuntimeError):
    pass


def require_pinned_rasa(patch: str) -> None:
    import rasa

    if rasa.__version__ != PINNED_RASA:
        raise WrongRasaVersion(
            f"rasa_patches.{patch} was written against Rasa {PINNED_RASA} and replaces its internals; "
            f"this is Rasa {rasa.__version__}: re-check the patch against the new version before installing it"
        )


def install_all() -> None:
    """Install every patch (once)."""
    from rasa_patches import action_results, event_types, graph_runner, turn_failures

    for patch in (action_results, event_types, graph_runner, turn_failures):
        name = patch.__name__.rsplit(".", 1)[-1]
        if name not in _installed:
            require_pinned_rasa(name)
            patch.install()
            _installed.append(name)


def installed(patch: str) -> bool:
    return patch in _installed
