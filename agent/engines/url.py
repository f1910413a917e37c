"""Connection URLs as data sources: which engine a DATA argument names, and how it may be shown.

`postgresql://user@host:port/db` (or `postgres://`, or just `postgresql://` with libpq's PGHOST,
PGPORT, PGUSER, PGDATABASE filling the gaps) and `sc://host:port` for Spark Connect. A password or
token written into the URL is refused: a command line ends up in shell history, the process list
and logs. libpq reads PGPASSWORD or ~/.pgpass itself; a Spark Connect token comes from
DSAGENT_SPARK_TOKEN. `redact` removes anything secret-looking from a text before it is shown.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from dsagent.errors import UserError

_SCHEMES = {"postgresql": "postgres", "postgres": "postgres", "sc": "spark"}
_SECRET_KEYS = ("password", "passwd", "token", "sslpassword", "secret")


@dataclass(frozen=True)
class EngineUrl:
    """A parsed data-source URL. `text` is what connects; `shown` is safe to print."""

    engine: str  # 'postgres' | 'spark'
    text: str
    shown: str


def is_engine_url(text: str) -> bool:
    """True when a DATA argument is a database URL rather than a path."""
    scheme = text.split(":", 1)[0].lower() if "://" in text else ""
    return scheme in _SCHEMES


def parse_engine_url(text: str) -> EngineUrl:
    """Check a URL and say which engine it names; UserError for a secret in it or a bad form."""
    scheme = text.split(":", 1)[0].lower()
    engine = _SCHEMES.get(scheme)
    if engine is None:
        raise UserError(f"unknown URL scheme '{scheme}://' (use postgresql://, postgres:// or sc://)")
    try:
        parts = urlsplit(text)
        port = parts.port  # raises for a port that is not a number
    except ValueError:
        raise UserError(f"'{redact(text)}' is not a valid {scheme}:// URL (a port must be a number)") from None
    secret_param = [k for k, _ in parse_qsl(parts.query) if k.lower() in _SECRET_KEYS]
    secret_param += [seg.split("=", 1)[0] for seg in parts.path.split(";")[1:]
                     if seg.split("=", 1)[0].lower() in _SECRET_KEYS]
    if parts.password is not None or secret_param:
        where = "PGPASSWORD or ~/.pgpass" if engine == "postgres" else "DSAGENT_SPARK_TOKEN"
        raise UserError(f"the URL holds a password or token; a command line is kept in shell history and the "
                        f"process list, so dsagent refuses it: give it through {where} instead")
    if engine == "spark":
        if not parts.hostname:
            raise UserError("a Spark Connect URL names a host: sc://host:port (port 15002 by default)")
        connect = text
        token = os.environ.get("DSAGENT_SPARK_TOKEN")
        if token:
            connect = f"{text.rstrip('/')}{'' if ';' in parts.path else '/'};token={token}"
        return EngineUrl("spark", connect, _shown(parts, "sc", port))
    connect = "postgresql" + text[len(scheme):]
    return EngineUrl("postgres", connect, _shown(parts, "postgresql", port))


def _shown(parts, scheme: str, port: int | None) -> str:
    user = f"{parts.username}@" if parts.username else ""
    host = parts.hostname or ""
    path = parts.path.split(";", 1)[0]
    return f"{scheme}://{user}{host}{f':{port}' if port else ''}{path}"


_URL_SECRET = re.compile(r"(://[^/@:\s]*):[^@/\s]*@")
_KEY_SECRET = re.compile(r"\b(" + "|".join(_SECRET_KEYS) + r")\s*=\s*('[^']*'|\"[^\"]*\"|[^\s;&]+)", re.I)


def redact(text: str) -> str:
    """`text` without passwords or tokens: URL user:password@ parts, key=value secrets, and the
    values of PGPASSWORD / DSAGENT_SPARK_TOKEN wherever they appear."""
    out = _URL_SECRET.sub(r"\1:***@", str(text))
    out = _KEY_SECRET.sub(lambda m: f"{m.group(1)}=***", out)
    for name in ("PGPASSWORD", "DSAGENT_SPARK_TOKEN"):
        value = os.environ.get(name)
        if value and len(value) >= 3:
            out = out.replace(value, "***")
    return out
