"""The MCP server: the served tools over stdio, one call at a time, on the SDK's low-level Server.

The low-level Server is used because the input schemas must be exactly the registry's argument
models (the high-level one derives schemas from function signatures). Each call runs in a worker
thread on the one Session and Workspace of this process, so a client gets the CLI's guard, limits,
privacy mode, reviewer and audit log. A client's cancel interrupts the running query. No call, good
or bad, ends the server: expected failures are error results with the CLI's one-line messages, and
a bug is reported as an internal error with its traceback on stderr.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from typing import Any, Callable

import anyio
import mcp.types as types
from mcp import MCPError
from mcp.server import Server, ServerRequestContext

from dsagent import __version__
from dsagent.mcp.catalog import READ_ONLY, BadArguments, ServedTool, check_arguments, served_tools, unknown_tool
from dsagent.mcp.content import error_result, tool_result

CANCEL_WAIT_S = 30.0  # after a cancel, how long the server waits for the interrupted tool to stop

INSTRUCTIONS = ("dsagent answers questions over the data files it was started with (and only those). "
                "Use describe_schema first to see the tables; ask takes plain language, run_sql one SELECT. "
                "Results carry the reviewer's findings (bias, leakage, personal data); heed block findings.")


def build_server(session: Any) -> Server:
    """A low-level MCP Server whose tools call `session` (a dsagent Session over a Workspace)."""
    tools = served_tools()
    privacy = session.settings.privacy
    one_at_a_time = anyio.Lock()  # one Session and one DuckDB connection: calls queue, never interleave

    async def list_tools(ctx: ServerRequestContext, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        return types.ListToolsResult(tools=[_listing(t) for t in tools.values()])

    async def call_tool(ctx: ServerRequestContext, params: types.CallToolRequestParams) -> types.CallToolResult:
        tool = tools.get(params.name)
        if tool is None:  # the protocol's own error: the client asked for a tool that does not exist
            _audit(params.name, params.arguments, "unknown tool", 0.0)
            raise MCPError(code=types.INVALID_PARAMS, message=unknown_tool(params.name, tools))
        try:
            arguments = check_arguments(tool, params.arguments)
        except BadArguments as exc:
            _audit(tool.name, params.arguments, str(exc), 0.0)
            return error_result(str(exc))
        started = time.perf_counter()
        async with one_at_a_time:
            try:
                answer = await _cancellable(session.ws, lambda: _call(session, tool, arguments))
            except anyio.get_cancelled_exc_class():
                _audit(tool.name, arguments, "cancelled by the client", time.perf_counter() - started)
                raise
            except Exception as exc:  # a bug must not end the server: report it, keep serving
                traceback.print_exc(file=sys.stderr)
                _audit(tool.name, arguments, f"internal error: {type(exc).__name__}: {exc}", time.perf_counter() - started)
                return error_result(f"internal error in {tool.name}: {type(exc).__name__}: {exc}")
        _audit(tool.name, arguments, answer.error["message"] if answer.error else None, time.perf_counter() - started)
        return tool_result(answer, privacy)

    return Server("dsagent", version=__version__, title="dsagent", instructions=INSTRUCTIONS,
                  on_list_tools=list_tools, on_call_tool=call_tool)


def _listing(tool: ServedTool) -> types.Tool:
    read_only = tool.name in READ_ONLY
    return types.Tool(name=tool.name, description=tool.description, input_schema=tool.input_schema(),
                      annotations=types.ToolAnnotations(read_only_hint=read_only, destructive_hint=False,
                                                        open_world_hint=False))


def _call(session: Any, tool: ServedTool, arguments: dict[str, Any]) -> Any:
    """Run one call on the Session (in a worker thread)."""
    if tool.name == "ask":
        session.chart_first = bool(arguments.get("chart"))
        return session.ask(str(arguments["question"]))
    return session.run_tool(tool.name, arguments)


async def _cancellable(ws: Any, work: Callable[[], Any]) -> Any:
    """`work()` in a worker thread; when the client cancels, the running query is interrupted.

    The thread is not abandoned silently: the server interrupts the workspace until the tool has
    stopped (a cancel that lands between two queries would otherwise be lost), then re-raises.
    """
    done = threading.Event()

    def run() -> Any:
        try:
            return work()
        finally:
            done.set()

    try:
        return await anyio.to_thread.run_sync(run, abandon_on_cancel=True)
    except anyio.get_cancelled_exc_class():
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(_stop, ws, done)
        raise


def _stop(ws: Any, done: threading.Event) -> None:
    deadline = time.monotonic() + CANCEL_WAIT_S
    while not done.is_set() and time.monotonic() < deadline:
        ws.interrupt()
        done.wait(0.05)


def _audit(tool: str, arguments: Any, error: str | None, seconds: float) -> None:
    from dsagent.llm.audit import log_tool_call

    log_tool_call(tool, arguments, error, seconds)


def serve(session: Any) -> int:
    """Serve over this process's stdin and stdout until the client closes them."""
    from mcp.server.stdio import stdio_server

    server = build_server(session)

    async def main() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())

    anyio.run(main)
    return 0
