"""The `dsagent` command line: argument parsing and dispatch only.

Each subcommand lives in `dsagent.commands.<name>` with a `run(args) -> int`; this module imports
only argparse so that `dsagent --help` starts fast. `cli(argv) -> int` returns the exit code, so the
CLI is tested in-process.
"""

from __future__ import annotations

import argparse
import os
import sys

from dsagent import __version__

EPILOG = """exit codes: 0 answered; 1 could not answer; 2 bad usage or unreadable input.
docs: README.md and docs/ in the source distribution."""


def _data_args(p: argparse.ArgumentParser, nargs: str = "+") -> None:
    p.add_argument("data", nargs=nargs, metavar="DATA",
                   help="CSV/TSV, Parquet, JSON/NDJSON, DuckDB or SQLite files, folders or globs; or one database "
                        "URL: postgresql://user@host:port/db (password from PGPASSWORD or ~/.pgpass) or "
                        "sc://host:port (Spark Connect)")
    g = p.add_argument_group("workspace")
    g.add_argument("--tables", default=None, metavar="LIST",
                   help="for a database URL: the tables to use, comma-separated, schema.table or globs "
                        "(default: every readable table in the search path)")
    g.add_argument("--memory-limit", default=None, help="DuckDB memory limit, e.g. 4GB (default: config or 4GB)")
    g.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all cores)")
    g.add_argument("--timeout", type=float, default=None, help="seconds before a query is stopped (default 60)")
    g.add_argument("--max-rows", type=int, default=None, help="rows shown or returned per result (default 1000)")


def _agent_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("model")
    g.add_argument("--provider", default=None,
                   help="offline (default without a key), openai (any OpenAI-compatible server), llamacpp, hybrid")
    g.add_argument("--model", default=None, help="model name for the provider (env DSAGENT_MODEL)")
    g.add_argument("--base-url", default=None, help="OpenAI-compatible base URL (env DSAGENT_BASE_URL or OPENAI_BASE_URL)")
    g.add_argument("--model-path", default=None, help="GGUF file for the llamacpp provider")
    g.add_argument("--style", choices=["auto", "tools", "forced"], default=None,
                   help="tool calling style: native tool calls, or one forced structured action per step")
    g.add_argument("--privacy", choices=["schema", "masked", "full"], default=None,
                   help="what data may leave the machine: schema only, masked samples (default), or full")
    g.add_argument("--no-memory", action="store_true",
                   help="neither answer from nor learn from the verified pairs of `dsagent memory`")
    g.add_argument("--allow", action="append", default=[], metavar="ID",
                   help="override a reviewer block, e.g. --allow A1 (logged)")
    g.add_argument("--output-dir", default=None, help="where charts, models and exports go (default ./dsagent-output)")


def _chat_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("chat", help="chat with your data in the terminal")
    _data_args(p)
    p.add_argument("--chart", action="store_true",
                   help="start with charts on (as /chart on): answer with a chart whenever the answer can be drawn")
    _agent_args(p)


def _ask_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ask", help="answer one question (or run one SQL statement) and exit")
    _data_args(p)
    p.add_argument("question", help="the question, in plain language, or a SELECT statement")
    p.add_argument("--json", action="store_true", help="print one JSON object (see docs/json.md) and nothing else")
    p.add_argument("--apply", action="store_true", help="apply a cleaning plan instead of only proposing it")
    p.add_argument("-o", "--output", default=None, metavar="FILE",
                   help="also write the answer's data to FILE (.csv .parquet .json .jsonl): every row of the "
                        "query, the cleaned table (with --apply), the synthetic table; never over an existing file")
    p.add_argument("--raw", action="store_true",
                   help="with -o: write values the reviewer hid or masked on screen as they are (logged)")
    p.add_argument("--chart", action="store_true",
                   help="answer with a chart whenever the answer can be drawn (a measure by one or two groups, "
                        "one column's values); other answers stay tables")
    _agent_args(p)


def _sql_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sql", help="print only the SQL for a question (DuckDB dialect or --dialect)")
    _data_args(p)
    p.add_argument("question", help="the question, in plain language, or a SELECT statement")
    p.add_argument("--dialect", default="duckdb", help="postgres, spark, snowflake, bigquery, trino, mysql, ... (sqlglot)")
    p.add_argument("--run", action="store_true", help="also run it on DuckDB and print the rows")
    _agent_args(p)


def _schema_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="show the schema card of each table")
    _data_args(p)
    p.add_argument("--json", action="store_true", help="print the schema cards as JSON")
    p.add_argument("--prompt", nargs="?", const="", default=None, metavar="QUESTION",
                   help="print the compact text the planner sees (only columns relevant to QUESTION)")
    p.add_argument("--budget", type=int, default=1500, metavar="TOKENS",
                   help="token budget of --prompt (estimated as characters / 4; default 1500)")
    p.add_argument("--privacy", choices=["schema", "masked", "full"], default=None,
                   help="what --prompt may show: schema only, masked samples (default), or full")


def _profile_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("profile", help="data-quality overview: missing, duplicates, constants, ids, outliers")
    _data_args(p)
    p.add_argument("--json", action="store_true", help="print the profile as JSON")


def _eval_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="execution accuracy on a text-to-SQL suite (JSONL or DuckDB-NSQL dev.json)")
    p.add_argument("suite", nargs="?", default=None,
                   help="a JSONL of {id, data, question, gold_sql} or a DuckDB-NSQL dev.json")
    p.add_argument("--memory", nargs="+", default=None, metavar="DATA",
                   help="replay the verified pairs of DATA's memory as the suite (each left out while it is asked)")
    p.add_argument("--limit", type=int, default=None, help="evaluate only the first N items")
    p.add_argument("--report", default=None, help="write the per-item report (JSONL) here")
    p.add_argument("--timeout", type=float, default=None, help="seconds per model request and per query (default 60)")
    _agent_args(p)


def _mcp_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("mcp", help="serve the tools to an MCP client (a coding assistant) over stdio",
                       description="An MCP server over stdio: ask, run_sql, describe_schema, make_chart, "
                                   "train_model, clean_data, synthesize, generative_guide over DATA only.")
    _data_args(p)
    _agent_args(p)


def _memory_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("memory", help="verified question -> SQL pairs that answer and teach the planner")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    p.subcommands = ("action", actions.choices)  # type: ignore[attr-defined]  (read by `parse`)
    for name, what, extra in (
            ("add", "store a verified pair (the SQL passes the guard first)", ("question", "sql")),
            ("list", "the stored pairs of this data's schema", ()),
            ("show", "one pair in full", ("id",)),
            ("remove", "delete one pair", ("id",)),
            ("export", "write the pairs to a new JSONL file (to keep in git)", ("file",)),
            ("import", "add the pairs of a JSONL file, each checked by the guard", ("file",))):
        a = actions.add_parser(name, help=what, description=what)
        _data_args(a)
        for arg in extra:
            a.add_argument(arg, metavar=arg.upper())
        if name in ("list", "show"):
            a.add_argument("--json", action="store_true", help="print JSON")


def _log_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("log", help="show what was recently sent to which model (the local audit log)")
    p.add_argument("-n", type=int, default=10, help="how many entries")
    p.add_argument("--json", action="store_true")


def _report_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="an earlier chat as an HTML page or a notebook that re-runs it",
                       description="Write a recorded chat (kept under the dsagent home) as FILE.html, a "
                                   "self-contained page, or FILE.ipynb, a notebook that re-runs each step.")
    p.add_argument("session", nargs="?", help="the session id (or a unique start of it, or 'last'); see --list")
    p.add_argument("file", nargs="?", help="FILE.html or FILE.ipynb")
    p.add_argument("--list", action="store_true", help="list the recorded sessions, newest first")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def _guide_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("guide", help="which generative model family fits your data and goal")
    p.add_argument("question", nargs="?", default="", help="e.g. 'I need more rows of a small customer table'")
    p.add_argument("--lang", choices=["en", "es"], default=None)
    p.add_argument("--data", action="append", default=None, metavar="DATA",
                   help="your data (repeatable): the recommendation then uses its column kinds")
    p.add_argument("--json", action="store_true", help="print the recommendation and the comparison as JSON")


def _cache_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cache", help="show or clear the cache of schema cards and column values (docs/data.md)")
    p.add_argument("action", nargs="?", choices=["info", "clear"], default="info",
                   help="info (default): what the cache holds; clear: remove every entry")
    p.add_argument("--json", action="store_true", help="print one JSON object")

# Each subcommand's arguments in a function of its own; `dsagent.commands.COMMANDS` maps the same names
# to the modules that run them.
SUBCOMMANDS = (_chat_command, _ask_command, _sql_command, _schema_command, _profile_command, _eval_command,
               _mcp_command, _memory_command, _log_command, _report_command, _guide_command, _cache_command)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dsagent",
        description="A terminal data-science agent: ask your data questions in plain language (English or Spanish).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"dsagent {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in SUBCOMMANDS:  # in the order `dsagent --help` lists them
        add(sub)
    parser.subcommands = ("command", sub.choices)  # type: ignore[attr-defined]  (read by `parse`)
    return parser

def parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Parse `argv` with flags anywhere: `ask a.csv b.csv --json "question"` as well as flags first.

    argparse alone matches a command's positionals in the runs between flags, so DATA... QUESTION
    split by a flag fails ("unrecognized arguments"). A command's own arguments are parsed with
    `parse_intermixed_args` (flags first, then every positional in order); that call does not
    support subcommands, so the command word (and memory's action word) is found here first.
    """
    nested = getattr(parser, "subcommands", None)  # (dest, {name: subparser}), set by build_parser
    if nested is None:
        return parser.parse_intermixed_args(argv)
    dest, choices = nested
    at = next((i for i, a in enumerate(argv) if a in choices), None)
    if at is None or at > 0:  # no command word, or options before it (--help, --version): argparse's own way
        return parser.parse_args(argv)
    namespace = parse(choices[argv[0]], argv[1:])
    setattr(namespace, dest, argv[0])
    return namespace


def cli(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    parser = build_parser()
    args = parse(parser, list(sys.argv[1:] if argv is None else argv))
    if not args.command:
        parser.print_help()
        return 2
    import importlib

    from dsagent.commands import COMMANDS
    from dsagent.errors import DsagentError

    module = importlib.import_module(COMMANDS[args.command])
    try:
        return int(module.run(args) or 0)
    except DsagentError as exc:
        if os.environ.get("DSAGENT_RAISE"):
            raise
        print(f"dsagent: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("dsagent: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _exit_on_signal(signum: int, frame: object) -> None:
    """SIGTERM and SIGHUP end the program like Ctrl-C does: through every `finally`, so a half-written
    export (.part), a temporary folder or a running query is cleaned up rather than left behind."""
    raise SystemExit(128 + signum)


# CPython's cyclic collector runs after every 700 new container objects. A start-up creates some
# 50,000 that live as long as the process (DuckDB's, sqlglot's and pydantic's modules and classes),
# and the collector walked them over and over: about 50 ms of CPU in a 0.5 s offline ask (issue 20).
# It still runs, after every 100,000 new objects, so a long chat or server keeps its garbage bounded.
GC_THRESHOLD = (100_000, 10, 10)


def main() -> None:
    import gc
    import signal

    gc.set_threshold(*GC_THRESHOLD)
    # pydantic looks for plugins in the entry points of every installed distribution when it builds
    # its first model (10-15 ms of CPU among 124 of them); a plugin would also see every value that is
    # validated, the person's data among them, and dsagent sends nothing anywhere at run time. A value
    # the person set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _exit_on_signal)
    code = cli()
    from dsagent.data.memory import queries_running

    if queries_running():
        # A query stuck inside one DuckDB function call, given up on at its time limit: the answer
        # (or the error) is out, so leave at once rather than wait for it in the interpreter's exit.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    # The interpreter's exit runs the cyclic collector over every object it still holds, more than
    # once: about 0.1 s of CPU after an offline ask, a sixth of it (issue 20). Frozen, they are freed
    # by reference counting without being walked; only garbage in reference cycles goes unfinalized,
    # and none of dsagent's needs it: the command closed the workspace and every file it wrote.
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    main()
