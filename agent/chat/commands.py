"""Slash commands of `dsagent chat`, and the completer for tables, columns and commands.

A command is a function `(app, argument) -> bool` (False ends the chat) registered with `@command`.
Unknown commands get "did you mean ...".
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path
from typing import Any, Callable

from prompt_toolkit.completion import Completer, Completion
from rich.markup import escape

from dsagent.errors import DsagentError, UserError
from dsagent.ethics.review import changed_on_display as _withheld  # what /export must not write silently

COMMANDS: dict[str, tuple[Callable[[Any, str], bool], str, str]] = {}


def command(name: str, usage: str, help_text: str):
    """Register a slash command."""

    def register(fn: Callable[[Any, str], bool]) -> Callable[[Any, str], bool]:
        COMMANDS[name] = (fn, usage, help_text)
        return fn

    return register


def run_command(app: Any, text: str) -> bool:
    """Run one slash command line; errors are shown, never raised."""
    name, _, argument = text[1:].partition(" ")
    name = name.lower()
    if name not in COMMANDS:
        close = difflib.get_close_matches(name, list(COMMANDS), n=2, cutoff=0.5)
        hint = f" Did you mean {' or '.join('/' + c for c in close)}?" if close else " Type /help for the list."
        app.console.print(f"[red]unknown command[/red] /{name}.{hint}")
        return True
    fn = COMMANDS[name][0]
    from dsagent.render.context import rendering
    from dsagent.words.language import detect_language

    asked = getattr(getattr(app, "state", None), "questions", None) or []  # an app stand-in may keep none
    last = asked[-1] if asked else ""
    try:
        # a long table's hint names /export, not ask's -o; /review, /apply ... speak the chat's last language
        with rendering(lang=detect_language(last) if last else None, surface="chat"):
            return fn(app, argument.strip())
    except DsagentError as exc:
        app.console.print(f"[red]error:[/red] {escape(str(exc))}")
        return True


def _need(app: Any, value: Any, what: str) -> bool:
    if value is None:
        app.console.print(f"[yellow]no {what} yet[/yellow] — ask a question first.")
        return False
    return True


def _ctx(app: Any):
    from dsagent.tools.base import ToolContext

    return ToolContext(output_dir=Path(app.settings.output_dir), privacy=app.settings.privacy,
                       allow=set(app.settings.allow))


@command("help", "/help", "this list")
def _help(app: Any, argument: str) -> bool:
    from rich.table import Table

    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="cyan", no_wrap=True)
    table.add_column()
    for _name, (_fn, usage, help_text) in COMMANDS.items():
        table.add_row(usage, help_text)
    app.console.print(table)
    app.console.print("[dim]Anything else is a question: 'average fare by class', 'plot revenue per month', "
                      "'predict approved', 'limpia los datos'. Alt-Enter adds a line.[/dim]")
    return True


@command("tables", "/tables", "the loaded tables with rows and columns")
def _tables(app: Any, argument: str) -> bool:
    from dsagent.data.changes import check_sources

    for change in check_sources(app.ws):
        app.console.print(change.line(), markup=False)
    app.banner()
    return True


def _tool_result(app: Any, tool_name: str, argument: str) -> None:
    from dsagent.tools.base import get_tool

    from dsagent.render.answer import render_result

    table = argument or None
    if table:
        app.ws.require_table(table)
    result = get_tool(tool_name).run(app.ws, {"table": table}, _ctx(app))
    render_result(result, app.console)


@command("schema", "/schema [table]", "columns, types, missing values, ranges, samples")
def _schema(app: Any, argument: str) -> bool:
    _tool_result(app, "describe_schema", argument)
    return True


@command("profile", "/profile [table]", "data-quality overview of a table")
def _profile(app: Any, argument: str) -> bool:
    _tool_result(app, "profile_data", argument)
    return True


@command("sql", "/sql [dialect]", "the last SQL, highlighted; transpiled for postgres, spark, snowflake ...")
def _sql(app: Any, argument: str) -> bool:
    from rich.syntax import Syntax

    answer = app.state.last_answer
    sql = getattr(answer, "sql", None) if answer is not None else None
    if not _need(app, sql, "SQL"):
        return True
    if argument and argument.lower() != "duckdb":
        from dsagent.sql.guard import transpile

        sql = transpile(sql, argument)
    app.console.print(Syntax(sql, "sql", word_wrap=True, background_color="default"))
    return True


@command("export", "/export FILE [--raw]", "save the last table (.csv .parquet .json) or chart (.png .svg)")
def _export(app: Any, argument: str) -> bool:
    raw = argument.endswith(" --raw")
    argument = argument[: -len(" --raw")].strip() if raw else argument
    if not argument:
        app.console.print("usage: /export FILE   (e.g. /export top_regions.csv or /export chart.png)")
        return True
    target = Path(argument).expanduser()
    suffix = target.suffix.lower()
    if suffix in (".png", ".svg"):
        chart = app.state.last_chart
        if not _need(app, chart, "chart"):
            return True
        _export_chart(app, chart, target)
        return True
    result = app.state.last_table_result
    if not _need(app, result, "table"):
        return True
    from dsagent.export_answer import export_result, has_data

    withheld = _withheld(result)
    if withheld and not raw:  # the file would hold what the reviewer kept off the screen
        app.console.print(f"[yellow]not exported: the reviewer hid or masked values of the last table "
                          f"({', '.join(withheld)}), and the file would hold them as stored; "
                          f"/export {argument} --raw writes them anyway[/yellow]")
        return True
    if not has_data(result):
        app.console.print("[yellow]the last result has no table to export[/yellow]")
        return True
    path = export_result(app.ws, result, target)
    if withheld:
        from dsagent.llm.audit import log_override

        log_override(withheld, f"/export {argument} --raw", withheld)
    renamed = f" ({escape(str(target))} was made meanwhile by someone else and is kept)" if Path(path) != target else ""
    app.console.print(f"saved [green]{escape(str(path))}[/green]" + renamed
                      + (" (with the values the reviewer withheld)" if withheld else ""))
    return True


def _export_chart(app: Any, chart: Any, target: Path) -> None:
    from dsagent.data.export import publish

    if target.exists():
        raise UserError(f"{target} already exists; choose another name")
    source = Path(chart.path)
    if target.suffix.lower() != source.suffix.lower():  # draw it again in the other format from the same spec
        from dsagent.tools.base import get_tool

        spec = dict(chart.spec)
        spec["format"] = target.suffix.lower().lstrip(".")
        source = Path(get_tool("make_chart").run(app.ws, spec, _ctx(app)).path)
    import uuid

    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        try:
            shutil.copyfile(source, tmp)
            written = publish(tmp, target)  # exclusive: a file made meanwhile is kept
        except OSError as exc:
            raise UserError(f"{target}: cannot write it ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)
    if written != target:
        app.console.print(f"saved [green]{escape(str(written))}[/green] ({escape(str(target))} was made meanwhile "
                          "and is kept)")
        return
    app.console.print(f"saved [green]{escape(str(target))}[/green]")


@command("report", "/report FILE [--force]", "this chat as a page (.html) or a notebook that re-runs it (.ipynb)")
def _report(app: Any, argument: str) -> bool:
    force = argument.endswith(" --force")
    target = argument[: -len(" --force")].strip() if force else argument
    if not target:
        app.console.print("usage: /report FILE.html or /report FILE.ipynb   (add --force to overwrite)")
        return True
    recorder = getattr(app.session, "recorder", None)
    if recorder is None:
        raise UserError("this chat is not recorded, so there is nothing to report")
    if recorder.failed:
        raise UserError(f"this chat could not be recorded: {recorder.failed}")
    from dsagent.report.write import write_report

    path = write_report(recorder.load(), Path(target), force=force)
    app.console.print(f"saved [green]{path}[/green] (session {recorder.id}; later: dsagent report {recorder.id} FILE)")
    return True


@command("history", "/history", "the questions asked in this chat")
def _history(app: Any, argument: str) -> bool:
    if not app.state.questions:
        app.console.print("[dim]no questions yet[/dim]")
    for i, q in enumerate(app.state.questions, 1):
        app.console.print(f"[dim]{i:>3}[/dim] {escape(str(q))}")
    return True


@command("apply", "/apply", "apply the last proposed cleaning plan as a new table version")
def _apply(app: Any, argument: str) -> bool:
    apply_last_plan(app)
    return True


def apply_last_plan(app: Any) -> None:
    from dsagent.tools.clean.tool import apply_plan

    from dsagent.render.answer import render_result

    plan = app.state.last_clean
    if not _need(app, plan, "cleaning plan"):
        return
    if plan.applied:
        app.console.print(f"[dim]already applied as {plan.table}[/dim]")
        return
    applied = apply_plan(app.ws, plan, _ctx(app))  # with the context: the scripts are written too
    app.state.last_clean = applied
    app.state.last_table_result = applied  # /export now writes the cleaned table
    # reviewed as an answer is: the examples it shows are masked per privacy, its findings shown
    review = getattr(getattr(app, "session", None), "review", None)
    answer = review(applied, "/apply") if review is not None else None
    render_result(answer.result if answer is not None else applied, app.console)
    if answer is not None and answer.review:
        from dsagent.render.answer import render_findings

        render_findings(answer.review, app.console)


@command("undo", "/undo", "drop the latest cleaned version and return to the previous one")
def _undo(app: Any, argument: str) -> bool:
    from dsagent.tools.clean.tool import undo_clean

    plan = app.state.last_clean
    table = argument or (plan.table if plan is not None and plan.applied else None)
    if not _need(app, table, "cleaned version"):
        return True
    from dsagent.tools.clean.apply import version_label

    dropped = getattr(plan, "version", None) if plan is not None and plan.applied else None
    current = undo_clean(app.ws, table)
    app.state.last_clean = None
    if app.state.last_table_result is plan:
        app.state.last_table_result = None
    app.console.print(f"dropped the cleaned version{f' {dropped}' if dropped else ''}; "
                      f"[cyan]{version_label(app.ws, current)}[/cyan] is current again")
    return True


@command("good", "/good", "store the last question and its SQL as a verified pair (dsagent memory)")
def _good(app: Any, argument: str) -> bool:
    answer = app.state.last_answer
    if not _need(app, answer, "answer"):
        return True
    question = app.state.fixed_question or answer.question
    if _memory_off(app) or not _has_words(app, question) or not _need(app, answer.sql if answer.answered else None,
                                                                       "answer with SQL"):
        return True
    pair = app.session.memory.add(app.ws, question, answer.sql, "fix" if app.state.fixed_question else "good")
    app.state.fixed_question = None
    app.console.print(f"stored verified pair [bold]{pair.id}[/bold]: {question}", highlight=False)
    return True


@command("fix", "/fix [SQL]", "correct the last answer's SQL (edit it, or type a new one), then store it")
def _fix(app: Any, argument: str) -> bool:
    from dsagent.render.answer import render_answer

    answer = app.state.last_answer
    if not _need(app, answer, "answer"):
        return True
    question = app.state.fixed_question or answer.question
    if _memory_off(app) or not _has_words(app, question):
        return True
    sql = argument
    if not sql and app.interactive:
        from prompt_toolkit import prompt

        try:
            sql = prompt("SQL> ", default=answer.sql or "", multiline=False).strip()
        except (EOFError, KeyboardInterrupt):
            sql = ""
    if not sql:
        app.console.print("usage: /fix SELECT ...   (the corrected SQL for the last question)")
        return True
    fixed = app.session.ask(sql)  # typed SQL: the guard, the limits and the reviewer, as always
    render_answer(fixed, app.console, surface="chat")
    app.state.fixed_question = question  # a failed fix can be fixed again, for the same question
    if not fixed.answered or not fixed.sql:
        app.console.print("[yellow]not stored[/yellow]: the corrected SQL did not give an answer.")
        return True
    app.remember(fixed)
    if not app.interactive:
        app.console.print(f"[dim]Type /good to store it as the answer to: {question}[/dim]", highlight=False)
    elif app.confirm(f"Store this SQL as the verified answer to '{question}'?"):
        _good(app, "")
    return True


def _memory_off(app: Any) -> bool:
    if app.session.memory is None:
        app.console.print("[yellow]memory is off[/yellow] (--no-memory or use_memory = false).")
        return True
    return False


def _has_words(app: Any, question: str) -> bool:
    from dsagent.sql.typed import looks_like_sql

    if looks_like_sql(question):
        app.console.print("[yellow]the last question was typed SQL[/yellow]: ask in words first, then /good or /fix.")
        return False
    return True


@command("review", "/review", "the reviewer's findings on the last answer")
def _review(app: Any, argument: str) -> bool:
    from dsagent.render.answer import render_findings

    answer = app.state.last_answer
    if not _need(app, answer, "answer"):
        return True
    findings = list(getattr(answer, "review", None) or [])
    if not findings:
        app.console.print("[green]no findings[/green] on the last answer")
    render_findings(findings, app.console)
    return True


@command("allow", "/allow ID", "override a reviewer block (e.g. /allow A1); written to the audit log")
def _allow(app: Any, argument: str) -> bool:
    if not argument:
        app.console.print(f"allowed: {', '.join(sorted(app.settings.allow)) or 'none'}")
        return True
    check = argument.upper()
    app.settings.allow = sorted(set(app.settings.allow) | {check})
    if hasattr(app.session, "allow"):
        app.session.allow(check)
    app.console.print(f"[yellow]{check} overridden[/yellow] for this chat")
    return True


@command("provider", "/provider", "the model provider in use and how to change it")
def _provider(app: Any, argument: str) -> bool:
    s = app.settings
    name = getattr(app.session, "provider_name", None) or s.provider or "offline"
    app.console.print(f"provider: [cyan]{name}[/cyan]  model: {s.model or '-'}  base URL: {s.base_url or '-'}  "
                      f"style: {s.style or 'auto'}")
    app.console.print("[dim]Change with --provider/--model/--base-url, DSAGENT_* variables or "
                      "~/.config/dsagent/config.toml (see docs/providers.md).[/dim]")
    return True


@command("privacy", "/privacy [schema|masked|full]", "what data may leave the machine")
def _privacy(app: Any, argument: str) -> bool:
    if argument:
        if argument not in ("schema", "masked", "full"):
            app.console.print("[red]privacy must be schema, masked or full[/red]")
            return True
        app.settings.privacy = argument
        if hasattr(app.session, "set_privacy"):
            app.session.set_privacy(argument)
    meaning = {"schema": "only table and column names, types and counts leave the machine",
               "masked": "sample values may leave the machine, with personal data masked",
               "full": "sample values may leave the machine as they are"}[app.settings.privacy]
    app.console.print(f"privacy: [cyan]{app.settings.privacy}[/cyan] — {meaning}")
    return True


@command("chart", "/chart [on|off]", "answer with a chart whenever the answer can be drawn")
def _chart(app: Any, argument: str) -> bool:
    word = argument.lower()
    if word:
        if word not in ("on", "off", "si", "sí", "no"):
            app.console.print("[red]usage: /chart on or /chart off[/red]")
            return True
        app.session.chart_first = word in ("on", "si", "sí")
    on = bool(getattr(app.session, "chart_first", False))
    app.console.print(f"charts first: [cyan]{'on' if on else 'off'}[/cyan] — " +
                      ("a question whose answer can be drawn gets a chart; other answers stay tables"
                       if on else "a chart when the question asks for one ('plot ...', 'bar chart of ...')"))
    return True


@command("log", "/log [N] [all]", "what this chat sent to which model (/log all: every chat's)")
def _log(app: Any, argument: str) -> bool:
    from rich.markup import escape

    from dsagent.llm.audit import recent

    words = argument.lower().split()
    n = next((int(w) for w in words if w.isdigit()), 5)
    recorder = getattr(app.session, "recorder", None)
    mine = None if "all" in words or recorder is None else recorder.id
    entries = recent(n, session=mine)
    if not entries:
        where = " in this chat" if mine else ""
        more = "; /log all shows earlier chats'" if mine else ""
        app.console.print(f"[dim]nothing sent to any model{where} yet{more}[/dim]")
    for entry in entries:
        what = entry.get("summary") or entry.get("kind", "")
        if entry.get("kind") == "override":
            what = f"override --allow {' '.join(entry.get('allow', []))} for: {entry.get('question', '')}"
        elif entry.get("kind") == "prompt":
            what = (f"{len(entry.get('messages') or [])} messages, {entry.get('prompt_tokens', 0)}+"
                    f"{entry.get('completion_tokens', 0)} tokens, {entry.get('seconds', 0)} s")
        who = escape(f"{entry.get('provider', '') or ''} {entry.get('model', '') or ''}".strip())
        app.console.print(f"[dim]{entry.get('time', '')}[/dim] {who} — {escape(str(what))}", highlight=False)
    if entries:
        app.console.print("[dim]" + ("this chat's entries; /log all for every chat's" if mine else
                                     "every chat's entries") + "; dsagent log shows what was sent[/dim]")
    return True


@command("clear", "/clear", "clear the screen and forget the conversation")
def _clear(app: Any, argument: str) -> bool:
    app.console.clear()
    app.session.history.clear()  # follow-ups start afresh
    app.session.last_result = None
    app.state.questions.clear()
    return True


@command("quit", "/quit", "leave (Ctrl-D works too)")
def _quit(app: Any, argument: str) -> bool:
    return False


COMMANDS["exit"] = (_quit, "/exit", "leave")


class ChatCompleter(Completer):
    """Completes slash commands, table names and column names."""

    def __init__(self, app: Any):
        self.app = app
        self._words: list[str] | None = None

    def _vocabulary(self) -> list[str]:
        if self._words is None:
            words = set(self.app.ws.tables)
            for table in self.app.ws.tables:
                words.update(name for name, _type in self.app.ws.columns(table))
            self._words = sorted(words)
        return self._words

    def get_completions(self, document, complete_event):
        text = document.text_before_cursor
        word = document.get_word_before_cursor(WORD=True)
        if text.startswith("/") and " " not in text:
            for name in COMMANDS:
                if name.startswith(text[1:].lower()):
                    yield Completion("/" + name, start_position=-len(text))
            return
        if not word:
            return
        lower = word.lower()
        for candidate in self._vocabulary():
            if candidate.lower().startswith(lower):
                yield Completion(candidate, start_position=-len(word))
