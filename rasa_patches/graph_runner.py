"""Rasa 3.6 runs the NLU pipeline and the policies as a dask graph (`dask.get`) on every message and
every prediction, and dask orders and schedules the graph's nodes anew each time: 8 % of the Rasa
server's CPU in the cluster's profile (`dask.order` alone 5 %), for some twenty nodes run one
after another on one thread anyway. This runs the same minimal graph itself: each node once,
after the nodes it needs, with the inputs dask would give it (a node's output is the pair
`(node name, value)`, an input is `(input name, value)`, a name nothing provides is passed as it
is); results and errors are dask's."""

from typing import Any, Dict, List, Optional, Text

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner


def _computed(graph: Dict[Text, Any], targets: List[Text]) -> Dict[Text, Any]:
    done: Dict[Text, Any] = {}

    def value(key: Text) -> Any:
        if key in done:
            return done[key]
        task = graph[key]
        if isinstance(task, tuple) and task and callable(task[0]):
            result = task[0](*(value(a) if isinstance(a, str) and a in graph else a for a in task[1:]))
        else:
            result = task  # an input: (name, value), as dask hands it on
        done[key] = result
        return result

    return dict(value(target) for target in targets)


def run(
    self: DaskGraphRunner, inputs: Optional[Dict[Text, Any]] = None, targets: Optional[List[Text]] = None
) -> Dict[Text, Any]:
    run_targets = targets if targets else self._graph_schema.target_names
    run_graph = self._build_dask_graph(self._graph_schema.minimal_graph_schema(run_targets))
    if inputs:
        self._add_inputs_to_graph(inputs, run_graph)
    try:
        return _computed(run_graph, run_targets)
    except RuntimeError as error:  # as Rasa's runner reports dask's failures
        raise GraphRunError("Error running runner.") from error


dask_run = DaskGraphRunner.run


def install() -> None:
    DaskGraphRunner.run = run
