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

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: not valid TOML ({exc})") from None


def load_settings(args: Any | None = None) -> Settings:
    """Resolve settings for one command from its parsed flags, the environment and the config file."""
    s = Settings()
    file_values = _read_file(config_path())
    for key, value in file_values.items():
        if key == "thresholds" and isinstance(value, dict):
            s.thresholds.update({str(k): float(v) for k, v in value.items()})
        elif hasattr(s, key) and key != "sources":
            setattr(s, key, value)
            s.sources[key] = str(config_path())
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
    if s.privacy not in ("schema", "masked", "full"):
        raise UserError(f"privacy must be schema, masked or full, not '{s.privacy}'")
    return s
