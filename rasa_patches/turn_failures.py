"""What failed in the turn being handled, for the channel that handles it (channels/script.py):
Rasa 3.6 catches a failed custom action and a failed tracker store, logs them and carries on
without telling the channel. A turn's channel opens a record (`record()`); this patch notes a
custom action that raised (not a form's rejection, which is how forms work); the tracker store
notes its own failures (stores/tracker.py). Each turn has its own record (a ContextVar), so
concurrent turns never mix."""

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator, List, Optional

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction

ACTION = "a custom action failed"
STORE = "the tracker store failed"
_current: "ContextVar[Optional[List[str]]]" = ContextVar("turn_failures", default=None)
_remote_run = RemoteAction.run


@contextmanager
def record() -> Iterator[List[str]]:
    """The failures noted while the block runs (in this task and the tasks it starts)."""
    failures: List[str] = []
    token = _current.set(failures)
    try:
        yield failures
    finally:
        _current.reset(token)


def note(failure: str) -> None:
    failures = _current.get()
    if failures is not None:
        failures.append(failure)


def noted() -> List[str]:
    return list(_current.get() or [])


async def run(self: RemoteAction, *args, **kwargs):
    try:
        return await _remote_run(self, *args, **kwargs)
    except ActionExecutionRejection:
        raise
    except Exception:
        note(ACTION)
        raise


def install() -> None:
    RemoteAction.run = run
