"""Rasa 3.6 finds the class of every event it reads (from the tracker store, from the action
server) by walking all subclasses of `Event` (`Event.resolve_by_type`): 6 % of the Rasa server's
CPU in the cluster's profile. This remembers what the walk found for each event name, and forgets
it whenever a new `Event` subclass is defined, so the answer is always the walk's."""

from typing import Dict, Optional, Text, Type

from rasa.shared.core.events import Event

_walk = Event.resolve_by_type
_found: Dict[Text, Optional[Type[Event]]] = {}


def resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    if type_name in _found:
        found = _found[type_name]
    else:
        try:
            found = _walk(type_name)
        except ValueError:  # unknown name: the default, or Rasa's error, every time
            if default is not None:
                return default
            raise
        _found[type_name] = found
    return found


def _forget(cls, **kwargs) -> None:
    _found.clear()


def install() -> None:
    Event.resolve_by_type = staticmethod(resolve_by_type)
    Event.__init_subclass__ = classmethod(_forget)
