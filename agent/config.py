"""Settings: flags over environment over ~/.config/dsagent/config.toml over defaults.

The config file is TOML, for example:

    provider = "openai"            # offline | openai | llamacpp | hybrid
    model = "gpt-4o-mini"
    base_url = "http://127.0.0.1:8765/v1"
    privacy = "masked"             # schema | masked | full
    memory_limit = "4GB"
    output_dir = "dsagent-output"

    [thresholds]                   # reviewer thresholds, by check id
    A1_warn = 0.7

Environment: DSAGENT_PROVIDER, DSAGENT_MODEL, DSAGENT_BASE_URL (or OPENAI_BASE_URL), OPENAI_API_KEY
(or DSAGENT_API_KEY), DSAGENT_PRIVACY, DSAGENT_MEMORY_LIMIT, DSAGENT_OUTPUT_DIR, DSAGENT_HOME (the
folder for history and the audit log; default ~/.local/state/dsagent), DSAGENT_CONFIG (the file).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dsagent.errors import UserError

_ENV = {
    "provider": ("DSAGENT_PROVIDER",),
    "model": ("DSAGENT_MODEL",),
    "base_url": ("DSAGENT_BASE_URL", "OPENAI_BASE_URL"),
    "api_key": ("DSAGENT_API_KEY", "OPENAI_API_KEY"),
    "privacy": ("DSAGENT_PRIVACY",),
    "memory_limit": ("DSAGENT_MEMORY_LIMIT",),
    "output_dir": ("DSAGENT_OUTPUT_DIR",),
    "model_path": ("DSAGENT_MODEL_PATH",),
    "style": ("DSAGENT_STYLE",),
}


@dataclass
class Settings:
    provider: str | None = None  # None: chosen by the provider registry (offline without a key)
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    model_path: str | None = None
    style: str | None = None  # auto | tools | forced
    privacy: str = "masked"
    memory_limit: str = "4GB"
    threads: int | None = None
    timeout: float = 60.0
    max_rows: int = 1000
    output_dir: str = "dsagent-output"
    allow: list[str] = field(default_factory=list)
    use_memory: bool = True  # verified question -> SQL pairs: answers and prompt examples (dsagent memory)
    memory_examples: int = 3  # similar verified pairs put in a model's prompt
    candidates: int = 3  # queries compared after a model's first failed one (agent/llm/consensus.py); 1: none
    thresholds: dict[str, float] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # setting -> where it came from

    @property
    def home(self) -> Path:
        return state_dir()


def config_path() -> Path:
    explicit = os.environ.get("DSAGENT_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "dsagent" / "config.toml"


def state_dir() -> Path:
    """Where history and the audit log live."""
    explicit = os.environ.get("DSAGENT_HOME")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "dsagent"


def _read_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    import tomllib

    if path.is_dir():
        raise UserError(f"{path}: the config file is a folder; point DSAGENT_CONFIG at a TOML file")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: not valid TOML ({' '.join(str(exc).split())})") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read the config file ({exc.strerror or exc})") from None


# The longest time limit accepted: a day. A bigger number is almost surely a typo, and `inf`, `nan`
# or 0 would remove the limit altogether.
MAX_TIMEOUT_S = 86_400.0
MAX_ROWS_LIMIT = 10_000_000
MAX_THREADS = 1024
MAX_CANDIDATES = 5  # each candidate is a model call: more costs minutes a question on a local model
MAX_MEMORY_EXAMPLES = 20


def _where(s: "Settings", key: str) -> str:
    source = s.sources.get(key)
    return {"flag": f"--{key.replace('_', '-')}", None: key}.get(source, f"{key} (from {source})")


def _validate(s: "Settings") -> None:
    """Every limit is a real limit: a wrong type or value is one line naming where it came from."""
    import math

    from dsagent.data.memory import parse_size

    try:
        timeout = float(s.timeout) if not isinstance(s.timeout, bool) else math.nan
    except (TypeError, ValueError):
        timeout = math.nan
    if not (math.isfinite(timeout) and 0 < timeout <= MAX_TIMEOUT_S):
        raise UserError(f"{_where(s, 'timeout')} must be a number of seconds above 0 and at most "
                        f"{MAX_TIMEOUT_S:g}, not {s.timeout!r}")
    s.timeout = timeout
    if isinstance(s.max_rows, bool) or not isinstance(s.max_rows, int) or not 1 <= s.max_rows <= MAX_ROWS_LIMIT:
        raise UserError(f"{_where(s, 'max_rows')} must be a whole number of rows from 1 to {MAX_ROWS_LIMIT:,}, "
                        f"not {s.max_rows!r}")
    if s.threads is not None and (isinstance(s.threads, bool) or not isinstance(s.threads, int)
                                  or not 1 <= s.threads <= MAX_THREADS):
        raise UserError(f"{_where(s, 'threads')} must be a whole number from 1 to {MAX_THREADS}, not {s.threads!r}")
    for key, top in (("candidates", MAX_CANDIDATES), ("memory_examples", MAX_MEMORY_EXAMPLES)):
        value, low = getattr(s, key), 1 if key == "candidates" else 0
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= top:
            raise UserError(f"{_where(s, key)} must be a whole number from {low} to {top}, not {value!r}")
    try:
        parse_size(s.memory_limit)
    except ValueError as exc:
        raise UserError(f"{_where(s, 'memory_limit')} {exc}") from None
    for key in ("provider", "model", "base_url", "api_key", "model_path", "style", "output_dir"):
        value = getattr(s, key)
        if value is not None and not isinstance(value, str):
            raise UserError(f"{_where(s, key)} must be text, not {value!r}")
    if not isinstance(getattr(s, "use_memory", True), bool):
        raise UserError(f"{_where(s, 'use_memory')} must be true or false, not {s.use_memory!r}")
    if not isinstance(s.privacy, str) or s.privacy not in ("schema", "masked", "full"):
        raise UserError(f"{_where(s, 'privacy')} must be schema, masked or full, not {s.privacy!r}")
    if not isinstance(s.allow, list) or not all(isinstance(a, str) for a in s.allow):
        raise UserError(f"{_where(s, 'allow')} must be a list of check ids such as [\"A1\"], not {s.allow!r}")


def load_settings(args: Any | None = None) -> Settings:
    """Resolve settings for one command from its parsed flags, the environment and the config file."""
    s = Settings()
    file_values = _read_file(config_path())
    for key, value in file_values.items():
        if key == "thresholds":
            s.thresholds.update(_thresholds(value))
        elif hasattr(s, key) and key not in ("sources", "thresholds"):
            setattr(s, key, value)
            s.sources[key] = str(config_path())
    if not isinstance(s.allow, list) or not all(isinstance(a, str) for a in s.allow):
        raise UserError(f"{_where(s, 'allow')} must be a list of check ids such as [\"A1\"], not {s.allow!r}")
    for key, names in _ENV.items():
        for name in names:
            if os.environ.get(name):
                setattr(s, key, os.environ[name])
                s.sources[key] = f"${name}"
                break
    if args is not None:
        for key in ("provider", "model", "base_url", "model_path", "style", "privacy", "memory_limit",
                    "threads", "timeout", "max_rows", "output_dir"):
            value = getattr(args, key, None)
            if value is not None:
                setattr(s, key, value)
                s.sources[key] = "flag"
        s.allow = list(s.allow) + [a.upper() for a in (getattr(args, "allow", None) or [])]
        if getattr(args, "no_memory", False):
            s.use_memory = False
            s.sources["use_memory"] = "flag"
    _validate(s)
    return s


def _thresholds(value: Any) -> dict[str, float]:
    where = f"thresholds (from {config_path()})"
    if not isinstance(value, dict):
        raise UserError(f"{where} must be a table of check ids and numbers ([thresholds] A1_warn = 0.7), "
                        f"not {value!r}")
    out = {}
    for key, number in value.items():
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise UserError(f"{where}: {key} must be a number, not {number!r}")
        out[str(key)] = float(number)
    return out
