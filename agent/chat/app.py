"""`dsagent chat`: a conversation with the data in the terminal.

The REPL reads a line (prompt_toolkit when interactive, plain lines when piped), hands questions to
the Session and slash commands to `chat_commands`, and renders whatever comes back with rich. No
error ends the session: a failed answer is shown and the prompt returns. Ctrl-C cancels the running
step and returns to the prompt; Ctrl-D or /quit exits.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any, Iterable

from rich.markup import escape

from dsagent.errors import DsagentError, QueryCancelled, QueryTimeout, QueryTooLarge


@dataclass
class ChatState:
    """What the conversation remembers besides the Session's own history."""

    questions: list[str] = field(default_factory=list)
    last_answer: Any = None
    last_table_result: Any = None  # the last result with rows (table, chart data, synthetic ...)
    last_chart: Any = None
    last_clean: Any = None
    fixed_question: str | None = None  # after /fix: the question in words the corrected SQL answers


def _suggestion(answer: Any) -> str | None:
    """The closest reading a declined request carries as data (`error.suggestion`), if any."""
    error = getattr(answer, "error", None)
    return (error.get("suggestion") or None) if isinstance(error, dict) else None


def _without_offer(answer: Any, suggestion: str) -> Any:
    """The answer as the chat shows it when it asks about the suggestion itself: the planner's own
    'Did you mean ...?' line left out of its text, so the question is on the screen once, with how to
    accept it. The answer kept (and recorded) is unchanged."""
    import copy

    from dsagent.offline.respond import did_you_mean

    offers = {did_you_mean(language, suggestion) for language in ("en", "es")}

    def cut(text: Any) -> Any:
        if not isinstance(text, str):
            return text
        return "\n".join(line for line in text.split("\n") if line.strip() not in offers)

    shown = copy.copy(answer)
    result = getattr(answer, "result", None)
    if getattr(result, "kind", None) == "text":
        shown.result = result.model_copy(update={"text": cut(result.text)})
    shown.narrative = cut(getattr(answer, "narrative", None))
    return shown


class _Elapsed:
    """A status line whose seconds counter is computed each time rich redraws it."""

    def __init__(self, label: str):
        self.label = label
        self.started = time.monotonic()

    def __rich__(self) -> str:
        return f"{self.label} [dim]{time.monotonic() - self.started:4.1f} s[/dim]  [dim](Ctrl-C cancels)[/dim]"


class ChatApp:
    """One chat over one Workspace and Session."""

    def __init__(self, session: Any, ws: Any, settings: Any, console: Any, interactive: bool):
        self.session = session
        self.ws = ws
        self.settings = settings
        self.console = console
        self.interactive = interactive
        self.state = ChatState()
        self._status = None
        self._suggestion: str | None = None  # the closest reading of a declined request (Enter runs it)
        if getattr(session, "progress", None) is None:
            session.progress = self._progress  # a tool's progress ("fold 2 of 5") shows on the status line
        recorder = getattr(session, "recorder", None)
        if recorder is not None:  # audit entries from now on name this chat, so /log shows its own
            from dsagent.llm.audit import tag_session

            tag_session(recorder.id)

    # ------------------------------------------------------------ display
    def banner(self) -> None:
        from rich.table import Table

        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("table")
        table.add_column("rows", justify="right")
        table.add_column("columns", justify="right")
        table.add_column("source", overflow="fold")
        for name, info in self.ws.tables.items():
            try:
                rows = f"{self.ws.row_count(name):,}"
            except DsagentError:
                rows = "?"
            table.add_row(name, rows, str(len(self.ws.columns(name))), info.source)
        provider = getattr(self.session, "provider_name", None) or self.settings.provider or "offline"
        self.console.print(f"[bold]dsagent[/bold] — chat with your data.  provider: [cyan]{provider}[/cyan]"
                           f"  privacy: [cyan]{self.settings.privacy}[/cyan]")
        self.console.print(table)
        if provider == "offline":
            self.console.print("[dim]No model configured: the built-in offline planner answers common requests. "
                               "Set OPENAI_API_KEY or --base-url URL to use a model.[/dim]")
        self.console.print("[dim]Ask in English or Spanish. /help lists commands; Ctrl-D or /quit exits.[/dim]")

    def _progress(self, message: str, fraction: float | None = None) -> None:
        if self._status is not None:
            label = message if fraction is None else f"{message} {fraction:4.0%}"
            self._status.update(_Elapsed(label))

    # ------------------------------------------------------------ one line
    def handle(self, line: str) -> bool:
        """Handle one input line; returns False when the chat should end."""
        text = line.strip()
        suggestion, self._suggestion = self._suggestion, None
        if not text:
            if suggestion:  # Enter on an empty line accepts the reading the planner offered
                self.ask(suggestion)
            return True
        if text.startswith("/"):
            from dsagent.chat.commands import run_command

            return run_command(self, text)
        self.ask(text)
        return True

    def ask(self, question: str) -> None:
        """Send a question to the Session and render the answer; never raises for a bad answer."""
        from dsagent.render.answer import render_answer

        self.state.questions.append(question)
        self.state.fixed_question = None
        try:
            if self.interactive:
                with self.console.status(_Elapsed("thinking"), spinner="dots") as status:
                    self._status = status
                    answer = self.session.ask(question)
            else:
                answer = self.session.ask(question)
        except (QueryTimeout, QueryTooLarge) as exc:  # a limit stopped it: say which
            self.console.print(f"[yellow]stopped:[/yellow] {escape(str(exc))}")
            return
        except (KeyboardInterrupt, QueryCancelled):
            self.console.print("[yellow]cancelled[/yellow]")
            return
        except DsagentError as exc:
            self.console.print(f"[red]error:[/red] {escape(str(exc))}")
            return
        finally:
            self._status = None
        self.remember(answer)
        suggestion = _suggestion(answer)
        render_answer(_without_offer(answer, suggestion) if suggestion else answer, self.console, surface="chat")
        self._offer_to_apply(answer)
        if suggestion:
            self._offer_suggestion(answer, suggestion)

    def _offer_suggestion(self, answer: Any, suggestion: str) -> None:
        """A declined request with a closest reading: one line asks, and Enter on an empty line runs it."""
        from dsagent.offline.respond import did_you_mean
        from dsagent.words.language import detect_language

        self._suggestion = suggestion
        language = detect_language(answer.question)
        enter = "Enter lo ejecuta" if language == "es" else "Enter runs it"
        self.console.print(f"[bold]{escape(did_you_mean(language, suggestion))}[/bold] [dim]({enter})[/dim]")

    def remember(self, answer: Any) -> None:
        self.state.last_answer = answer
        result = getattr(answer, "result", None)
        kind = getattr(result, "kind", None)
        if kind in ("table", "synthetic", "chart"):
            self.state.last_table_result = result
        if kind == "chart":
            self.state.last_chart = result
        if kind == "clean":
            self.state.last_clean = result
            if result.applied:  # ask --apply style: the cleaned table is the one to export
                self.state.last_table_result = result

    def _offer_to_apply(self, answer: Any) -> None:
        """A proposed cleaning plan is applied only after the person says yes."""
        result = getattr(answer, "result", None)
        if getattr(result, "kind", None) != "clean" or result.applied or not result.plan:
            return
        from dsagent.render.context import phrase, rendering
        from dsagent.words.language import detect_language

        lang = detect_language(getattr(answer, "question", "") or "")
        with rendering(lang=lang, surface="chat"):
            if not self.interactive:
                self.console.print(phrase("chat_plan_not_applied"))
                return
            question = phrase("chat_apply_offer", n=len(result.plan), table=result.table)
            question += " " + phrase("chat_yes_no")
        if self.confirm(question):
            from dsagent.chat.commands import apply_last_plan

            with rendering(lang=lang, surface="chat"):  # the applied panel in the plan's language
                apply_last_plan(self)

    def confirm(self, question: str) -> bool:
        """Ask yes or no (no by default); `question` may end with its own "[s/N]"."""
        try:
            from prompt_toolkit import prompt

            reply = prompt(f"{question} " if question.endswith("]") else f"{question} [y/N] ")
        except (EOFError, KeyboardInterrupt):
            return False
        return reply.strip().lower() in ("y", "yes", "s", "si", "sí")

    # ------------------------------------------------------------ loops
    def run_piped(self, lines: Iterable[str]) -> int:
        """Answer each line of a script and exit (for `printf 'q1\\nq2\\n' | dsagent chat data.csv`)."""
        for line in lines:
            text = line.rstrip("\n")
            if text.strip():
                self.console.print(f"[bold]›[/bold] {escape(text)}")
            try:
                if not self.handle_safely(text):
                    break
            except KeyboardInterrupt:
                self.console.print("[yellow]cancelled[/yellow]")
                return 130
        return 0

    def handle_safely(self, line: str) -> bool:
        """`handle`, but a bug in one command is shown and the chat goes on."""
        try:
            return self.handle(line)
        except (KeyboardInterrupt, EOFError):
            raise
        except Exception as exc:  # a bug must not end the person's session; show it and go on
            self.console.print(f"[red]internal error:[/red] {type(exc).__name__}: {escape(str(exc))}")
            return True

    def run_interactive(self) -> int:
        prompt_session = self._prompt_session()
        self.banner()
        # Import the heavy modules before the first prompt: a Ctrl-C that lands in the middle of a
        # first import leaves a half-initialised module behind (seen with sqlglot). Importing in a
        # background thread instead deadlocked on the import locks, so it is done here, up front.
        with self.console.status("loading", spinner="dots"):
            warm_up()
        while True:
            try:
                line = prompt_session.prompt()
            except KeyboardInterrupt:  # Ctrl-C at the prompt clears the line
                continue
            except EOFError:  # Ctrl-D
                break
            try:
                if not self.handle_safely(line):
                    break
            except KeyboardInterrupt:
                self.console.print("[yellow]cancelled[/yellow]")
        self.console.print("[dim]bye[/dim]")
        return 0

    def _prompt_session(self):
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import FileHistory
        from prompt_toolkit.key_binding import KeyBindings

        from dsagent.chat.commands import ChatCompleter
        from dsagent.config import state_dir

        home = state_dir()
        home.mkdir(parents=True, exist_ok=True)
        bindings = KeyBindings()

        @bindings.add("escape", "enter")  # Alt-Enter (or Esc Enter) inserts a newline
        def _(event):
            event.current_buffer.insert_text("\n")

        return PromptSession(
            message="dsagent› ", history=FileHistory(str(home / "chat_history")),
            completer=ChatCompleter(self), complete_while_typing=False, key_bindings=bindings,
            multiline=False, prompt_continuation=lambda width, line_number, wrap_count: "… ".rjust(width),
            enable_history_search=True,
        )


def warm_up() -> None:
    """Import what the first answer needs (the guard, the tools, the planner's libraries) while the
    person is still typing."""
    import langchain_core.language_models.chat_models  # noqa: F401
    import langchain_core.messages  # noqa: F401
    import sqlglot.dialects.duckdb  # noqa: F401

    import dsagent.offline.chat_model  # noqa: F401
    import dsagent.sql.guard  # noqa: F401
    from dsagent.tools.base import all_tools

    all_tools()


def run_chat(session: Any, ws: Any, settings: Any, stdin=None) -> int:
    """Start the chat: interactive on a terminal, line by line when input is piped."""
    from dsagent.render.console import make_console

    stdin = stdin or sys.stdin
    interactive = stdin.isatty() and sys.stdout.isatty()
    console = make_console(highlight=False, soft_wrap=False)
    app = ChatApp(session, ws, settings, console, interactive)
    if interactive:
        return app.run_interactive()
    app.banner()
    return app.run_piped(stdin)
