"""The reviewer's unit of output: one `Finding`, shared by the checks, the tools' results and rendering."""

from __future__ import annotations

from pydantic import BaseModel


class Finding(BaseModel):
    """One observation of the ethics reviewer (see ETHICS.md)."""

    id: str  # catalogue id: A1, C3, E1 ...
    severity: str  # info | warn | block
    message: str  # what the number means, in plain words
    statistic: str | None = None  # e.g. "predictive power score"
    value: float | None = None
    threshold: float | None = None
    columns: list[str] = []
    fix: str | None = None  # what was done (block) or what to do (warn)
    source: str | None = None  # the tool whose default threshold this is


def statistic_named(name: str | None) -> str | None:
    """A finding's statistic as the answer's language names it (prompts/ethics.json 'statistics'); the
    JSON keeps the English name, a key for programs."""
    from dsagent.words.language import named

    return named("ethics", "statistics", name) if name else name
