"""`dsagent cache [info|clear] [--json]`: what the persistent cache holds, or remove all of it."""

from __future__ import annotations

import json
from typing import Any

from dsagent.data import cache


def run(args: Any) -> int:
    if args.action == "clear":
        removed = cache.clear()
        if args.json:
            print(json.dumps({"cleared": True, "path": removed.path, "entries": removed.entries,
                              "bytes": removed.bytes}))
        else:
            print(f"Removed {_entries(removed.entries)} ({_size(removed.bytes)}) from {removed.path}.")
        return 0
    held = cache.usage()
    if args.json:
        print(json.dumps({"path": held.path, "entries": held.entries, "bytes": held.bytes, "kinds": held.kinds,
                          "max_bytes": cache.MAX_BYTES}))
        return 0
    kinds = "".join(f" ({', '.join(f'{k} {n}' for k, n in sorted(held.kinds.items()))})" if held.kinds else "")
    print(f"{held.path}: {_entries(held.entries)}{kinds}, {_size(held.bytes)} of at most {_size(cache.MAX_BYTES)}.")
    return 0


def _entries(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)
