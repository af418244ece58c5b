"""Which sinks the deployment uses (deployment.yml `handoff.sinks`, default: the SQLite inbox)."""
from typing import List

from bot.content.profile import load_profile
from bot.handoff.sinks import Sink, sink_from_name


def handoff_sinks() -> List[Sink]:
    return [sink_from_name(name) for name in load_profile().handoff_sinks or ("sqlite",)]
