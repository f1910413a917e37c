"""Which tools an MCP client sees, and their input schemas: the registry's own argument models.

Every tool but `ask` is a registered tool (`tools/base.py`, `@tool(ArgsModel)`); its MCP input schema
is that model's JSON schema, the one the agent loop binds for a chat model, so nothing is written
twice. `ask` is the agent loop itself and takes `AskArgs`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, ValidationError

# The tools served, in the order a client lists them. profile_data stays CLI-only (`dsagent profile`).
SERVED = ("ask", "run_sql", "describe_schema", "make_chart", "train_model", "clean_data", "synthesize",
          "generative_guide")
# Tools that change nothing (MCP annotations are hints for the client's confirmation prompts).
READ_ONLY = {"run_sql", "describe_schema", "generative_guide"}


class AskArgs(BaseModel):
    """Arguments of `ask`."""

    question: str = Field(description="A question about the data in plain language (English or Spanish), or "
                                      "one SELECT statement.")
    chart: bool = Field(False, description="Answer with a chart whenever the answer can be drawn.")


ASK_DESCRIPTION = ("Answer a question about the loaded data: the planner chooses the SQL (or a chart, model, "
                   "cleaning plan ...) and runs it; returns the SQL, the rows, a short answer and the reviewer's "
                   "findings. Follow-up questions may refer to the previous answer.")


@dataclass(frozen=True)
class ServedTool:
    name: str
    description: str
    args_model: type[BaseModel]

    def input_schema(self) -> dict[str, Any]:
        return self.args_model.model_json_schema()


class BadArguments(ValueError):
    """A call's arguments do not fit the tool's model; the message is one line."""


def served_tools() -> dict[str, ServedTool]:
    """The served tools by name, their schemas taken from the registry."""
    from dsagent.tools.base import all_tools

    registry = all_tools()
    out = {"ask": ServedTool("ask", ASK_DESCRIPTION, AskArgs)}
    for name in SERVED[1:]:
        registered = registry[name]
        out[name] = ServedTool(name, registered.description, registered.args_model)
    return out


def unknown_tool(name: str, tools: dict[str, ServedTool]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(name, list(tools), n=2)
    hint = f" Did you mean {', '.join(close)}?" if close else f" Tools: {', '.join(tools)}."
    return f"Unknown tool '{name}'.{hint}"


def check_arguments(tool: ServedTool, arguments: dict[str, Any] | None) -> dict[str, Any]:
    """The arguments validated by the tool's model; BadArguments names what is wrong.

    An argument the model does not define is refused rather than ignored: a client that sends
    `path` or `file` learns at once that no tool takes one.
    """
    from dsagent.loop import validation_message

    arguments = dict(arguments or {})
    unknown = sorted(set(arguments) - set(tool.args_model.model_fields))
    if unknown:
        known = ", ".join(tool.args_model.model_fields)
        raise BadArguments(f"Invalid arguments for {tool.name}: unknown argument(s) {', '.join(unknown)} "
                           f"(it takes {known})")
    try:
        tool.args_model.model_validate(arguments)
    except ValidationError as exc:
        raise BadArguments(validation_message(tool.name, exc)) from None
    return arguments
