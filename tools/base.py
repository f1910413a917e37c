"""What every tool shares: the typed result base, the run context, and the registry.

A tool is a typed function `fn(ws, args, ctx) -> Result` registered with `@tool(ArgsModel)`. Its
name is the function's name, its description the docstring's first paragraph, its input schema the
pydantic model. The agent loop, the offline planner and the CLI all find tools here, the built-in
ones registered exactly as a third party would register one.
"""

from __future__ import annotations

import inspect
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ClassVar, Iterator, Mapping

from pydantic import BaseModel, ConfigDict

from dsagent.ethics.finding import Finding


class Result(BaseModel):
    """Base of every typed tool result. `kind` names the JSON shape in ARCHITECTURE.md."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    kind: ClassVar[str] = "result"
    findings: list[Finding] = []  # filled by the reviewer, shown beside the result

    def to_json(self) -> dict[str, Any]:
        """The result's JSON object for `ask --json` (without findings; they go under `review`)."""
        data = self.model_dump(mode="json", exclude={"findings"})
        return {"kind": self.kind, **data}

    def summary(self) -> str:
        """A short factual summary, the only thing the narrative and the planner see of a result."""
        return capped(json.dumps(self.to_json(), default=str))

    @property
    def sql(self) -> str | None:
        """The SQL that produced this result, if any."""
        return None


SUMMARY_CHARS = 2000  # of a result's summary: what the planner reads of it


def capped(text: str, limit: int = SUMMARY_CHARS) -> str:
    """A summary cut to `limit`, never inside a personal value or a key: the planner's copy is masked
    after this cut, and a value cut in half would escape the masking (see `privacy.clip`)."""
    if len(text) <= limit:
        return text
    from dsagent.ethics.privacy import clip  # here: privacy's findings are built from this module

    return clip(text, limit)


class TextResult(Result):
    """A plain-text answer: a clarification, a guide, a 'not understood' with rephrasings."""

    kind: ClassVar[str] = "text"
    text: str

    def summary(self) -> str:
        return self.text


@dataclass
class ToolContext:
    """What a tool may use besides the Workspace and its arguments."""

    output_dir: Path = field(default_factory=lambda: Path("dsagent-output"))
    privacy: str = "masked"  # schema | masked | full
    allow: set[str] = field(default_factory=set)  # reviewer ids the person overrode (--allow)
    question: str = ""
    apply: bool = False  # may a tool change state (cleaning) without asking again
    progress: Callable[[str, float | None], None] | None = None  # (message, fraction) for long work
    last_result: Result | None = None  # the previous answer's result, for follow-ups
    settings: dict[str, Any] = field(default_factory=dict)  # thresholds and limits from config

    def report(self, message: str, fraction: float | None = None) -> None:
        if self.progress:
            self.progress(message, fraction)


@dataclass
class Tool:
    """A registered tool: a typed function plus its argument model."""

    name: str
    description: str
    args_model: type[BaseModel]
    fn: Callable[..., Result]

    def run(self, ws, args: BaseModel | dict, ctx: ToolContext) -> Result:
        if isinstance(args, dict):
            args = self.args_model.model_validate(args)
        return self.fn(ws, args, ctx)

    def json_schema(self) -> dict[str, Any]:
        return self.args_model.model_json_schema()


TOOLS: dict[str, Tool] = {}

# The module that registers each built-in tool, in the order the tools are offered to a model. A
# request imports only the tools it runs (`tool_set()`): the offline planner's `run_sql` does not pay
# for the chart, model or cleaning modules. tests/tools/test_tool_set.py checks this table against
# what the modules register.
BUILTIN_TOOLS = {
    "run_sql": "dsagent.tools.sql",
    "describe_schema": "dsagent.tools.schema.card",
    "profile_data": "dsagent.tools.profile",
    "make_chart": "dsagent.tools.chart.tool",
    "train_model": "dsagent.tools.model.tool",
    "clean_data": "dsagent.tools.clean.tool",
    "synthesize": "dsagent.tools.synth.tool",
    "generative_guide": "dsagent.tools.guide.tool",
}
BUILTIN_MODULES = tuple(dict.fromkeys(BUILTIN_TOOLS.values()))


def tool(args_model: type[BaseModel]) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """Register `fn(ws, args, ctx) -> Result` as a tool taking `args_model`."""

    def register(fn: Callable[..., Result]) -> Callable[..., Result]:
        doc = inspect.getdoc(fn) or fn.__name__
        TOOLS[fn.__name__] = Tool(fn.__name__, doc.split("\n\n")[0].strip(), args_model, fn)
        return fn

    return register


def all_tools() -> dict[str, Tool]:
    """Every registered tool, importing the built-in tool modules on first use."""
    import importlib

    for module in BUILTIN_MODULES:
        importlib.import_module(module)
    return TOOLS


class ToolSet(Mapping[str, Tool]):
    """Every tool by name, as `all_tools()`; a built-in tool's module is imported when the tool is
    first looked up, so listing names and checking membership import nothing."""

    def __iter__(self) -> Iterator[str]:
        yield from BUILTIN_TOOLS
        yield from (name for name in list(TOOLS) if name not in BUILTIN_TOOLS)

    def __len__(self) -> int:
        return len(BUILTIN_TOOLS) + sum(1 for name in TOOLS if name not in BUILTIN_TOOLS)

    def __contains__(self, name: object) -> bool:
        return name in BUILTIN_TOOLS or name in TOOLS

    def __getitem__(self, name: str) -> Tool:
        if name not in TOOLS and name in BUILTIN_TOOLS:
            import importlib

            importlib.import_module(BUILTIN_TOOLS[name])
        return TOOLS[name]


def tool_set() -> ToolSet:
    return ToolSet()


def get_tool(name: str) -> Tool:
    tools = all_tools()
    if name not in tools:
        from difflib import get_close_matches

        close = get_close_matches(name, list(tools), n=2)
        hint = f" Did you mean {', '.join(close)}?" if close else f" Tools: {', '.join(sorted(tools))}."
        from dsagent.errors import ModelError

        raise ModelError(f"Unknown tool '{name}'.{hint}")
    return tools[name]
