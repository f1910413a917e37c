"""Exceptions split by who must act.

- `UserError`: the person must fix something (a path, a flag, a file). The CLI prints its message as
  one line on stderr and exits with code 2.
- `ModelError`: the model (planner) did something wrong that it can repair. The agent loop feeds the
  message back to the planner as a tool message and tries again, within its bounds.
- `CannotAnswer`: the request was understood as far as possible but no answer can be given (bounds
  reached, nothing understood). Exit code 1 with the reason in the JSON.
- Anything else is a bug and is raised.
"""

from __future__ import annotations


class DsagentError(Exception):
    """Base class of the errors this project raises on purpose."""

    exit_code = 1
    kind = "error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # one line, always, and no control character from data reaches a terminal
        from dsagent.render.visible import visible

        return visible(" ".join(self.message.split()))


class UserError(DsagentError):
    """The person must fix something: bad path, unreadable file, bad flag. Exit code 2."""

    exit_code = 2
    kind = "user_error"


class DataError(UserError):
    """A data source cannot be read: missing, empty, binary, ragged, wrong format."""

    kind = "data_error"

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ProviderError(UserError):
    """The configured model cannot be reached or refuses us (no key, wrong key, endpoint down)."""

    kind = "provider_error"


class EngineConnectionError(UserError):
    """A database server (PostgreSQL, Spark Connect) cannot be reached, refuses the login, or
    dropped the connection. Never carries a password (see engines/url.redact)."""

    kind = "engine_error"


class ModelError(DsagentError):
    """The model asked for something invalid; the message is written for the model to repair it."""

    kind = "model_error"


class SqlRejected(ModelError):
    """The SQL guard refused a statement. Typed by a person, this is shown to them as a UserError."""

    kind = "sql_rejected"


class EngineQueryError(ModelError):
    """A database server refused or failed a query it was sent; the message goes back to the planner."""

    kind = "engine_query_error"


class QueryCancelled(DsagentError):
    """A running query was interrupted (Ctrl-C or the time limit)."""

    kind = "cancelled"


class QueryTimeout(QueryCancelled):
    kind = "timeout"


class QueryTooLarge(QueryCancelled):
    """A running query needed more memory than the limit allows; it was stopped."""

    kind = "memory"


class CannotAnswer(DsagentError):
    """Bounds reached or the request was not understood; the message says why."""

    kind = "cannot_answer"
