"""The per-request GraphQL context: who asks, and their data loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schema.core.dataloaders import Loaders
from schema.permissions import ANONYMOUS, Viewer


@dataclass
class Context:
    viewer: Viewer = ANONYMOUS
    request: Any = None
    response: Any = None
    services: Any = None  # hub-provided services (search backend, settings)
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.viewer)
