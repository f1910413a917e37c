"""Helpers the subcommands share: opening the workspace from flags and settings."""

from __future__ import annotations

from typing import Any

from ..config import Settings, load_settings


def open_workspace(args: Any, settings: Settings | None = None):
    """Open the Workspace over `args.data` with the limits from flags, environment and config."""
    from ..workspace import Workspace

    s = settings or load_settings(args)
    return Workspace.open(list(args.data), memory_limit=s.memory_limit, threads=s.threads,
                          timeout_s=float(s.timeout), max_rows=int(s.max_rows))
