"""The process's memory ceiling while a query runs: what DuckDB's own memory_limit does not bound.

DuckDB's `memory_limit` bounds its buffer pool (tables, hash tables, sorts). It does not bound one
value built inside a single function call (`range(1e9)` as a list, `repeat('x', 1e9)` as a string,
a string_agg over many rows), nor the rows turned into Python objects. Those are plain allocations,
and DuckDB checks `interrupt()` only between chunks, never inside a function call or the optimizer's
constant folding — so neither the time limit nor Ctrl-C can stop them (measured: `len(range(1e8))`
ran on for 98 s and 7.1 GB after an interrupt at 1 s; see docs/data.md).

What does stop them is an allocation that fails. While a query runs, `ceiling(limit)` lowers the
soft address-space limit (RLIMIT_AS) to what the process maps now plus what is left of the budget
(`budget_bytes`: the memory limit plus a fixed allowance for Python and the libraries). An
allocation past it fails; DuckDB turns that into an OutOfMemoryException (its constant folder gives
up and the query runs vectorised instead, or fails cleanly), Python into MemoryError; the
Workspace reports either as `QueryTooLarge`. The previous limit comes back when the last running
query ends. Linux only (where /proc/self/statm exists); elsewhere this is a no-op and only the
guard's size rule (`dsagent.sql.sizes`) and the Workspace's RSS watchdog remain.
"""

from __future__ import annotations

import os
import re
import threading

try:
    import resource
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]

# Python, DuckDB's code, pandas, pyarrow and the result rows of a query: measured at about 120 MB of
# resident memory for `dsagent ask` on a small file; twice that leaves room for a chart or a model.
# Under a big limit, a quarter of it (DuckDB's own accounting is approximate, and a result is copied
# once into Python).
PROCESS_ALLOWANCE = 256 * 1024 * 1024
# The least a query may still allocate when the process already holds more than its budget (a big
# trained model, earlier results): a query must be able to run at all.
MIN_HEADROOM = 64 * 1024 * 1024

_UNITS = {"": None, "b": 1, "kb": 1000, "mb": 1000 ** 2, "gb": 1000 ** 3, "tb": 1000 ** 4,
          "kib": 1024, "mib": 1024 ** 2, "gib": 1024 ** 3, "tib": 1024 ** 4}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*|%)\s*$", re.I)


def parse_size(text: object) -> int:
    """Bytes of a memory size as DuckDB reads it ('4GB' = 4*1000^3, '1GiB' = 1024^3, '50%' of RAM).

    Raises ValueError with a message a person can act on for anything else (a number without a
    unit, 'lots', a negative or zero size)."""
    match = _SIZE.match(str(text)) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"must be a size such as 4GB, 512MB or 50%, not {text!r}")
    number, unit = float(match.group(1)), match.group(2).lower()
    if unit == "%":
        if not 0 < number <= 100:
            raise ValueError(f"must be a percentage between 0 and 100 of this machine's memory, not {text!r}")
        return int(physical_memory() * number / 100)
    factor = _UNITS.get(unit)
    if factor is None:
        raise ValueError(f"must be a size with a unit (KB, MB, GB, TB or KiB, MiB, GiB, TiB), not {text!r}")
    size = int(number * factor)
    if size < 16 * 1024 * 1024:
        raise ValueError(f"must be at least 16MB (DuckDB cannot run queries in less), not {text!r}")
    return size


def physical_memory() -> int:
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 8 * 1024 ** 3


def budget_bytes(memory_limit: str) -> int:
    """The most the whole process should hold while a query runs under this memory limit."""
    limit = parse_size(memory_limit)
    return limit + max(PROCESS_ALLOWANCE, limit // 4)


def process_memory() -> tuple[int, int] | None:
    """(mapped address space, resident memory) of this process in bytes, or None off Linux."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            size, resident = fh.read().split()[:2]
    except (OSError, ValueError):
        return None
    page = os.sysconf("SC_PAGE_SIZE")
    return int(size) * page, int(resident) * page


def headroom(budget: int, resident: int) -> int:
    """How much more the process may take now: what is left of the budget, never less than a floor."""
    return max(budget - resident, MIN_HEADROOM, budget // 4)


class _Ceiling:
    """Process-wide: the first running query sets RLIMIT_AS, the last one to end restores it.

    Queries of two Workspaces in two threads share one ceiling (the first one's); a query the
    Workspace gave up waiting for keeps its hold until it really ends, so its allocations stay bounded."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        self._saved: tuple[int, int] | None = None

    def hold(self, budget: int) -> "Hold":
        with self._lock:
            if self._holders == 0:
                self._saved = self._lower(budget)
            self._holders += 1
        return Hold(self)

    def _lower(self, budget: int) -> tuple[int, int] | None:
        usage = process_memory()
        if resource is None or usage is None:
            return None
        mapped, resident = usage
        try:
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            target = mapped + headroom(budget, resident)
            for bound in (soft, hard):
                if bound != resource.RLIM_INFINITY:
                    target = min(target, bound)
            resource.setrlimit(resource.RLIMIT_AS, (target, hard))
        except (OSError, ValueError):  # a sandbox that forbids it: the guard and watchdog remain
            return None
        return soft, hard

    def release(self) -> None:
        with self._lock:
            self._holders -= 1
            if self._holders == 0 and self._saved is not None:
                try:
                    resource.setrlimit(resource.RLIMIT_AS, self._saved)
                except (OSError, ValueError):
                    pass
                self._saved = None


class Hold:
    """One running query's share of the ceiling; `release()` is idempotent."""

    def __init__(self, owner: _Ceiling) -> None:
        self._owner = owner
        self._released = False
        self._lock = threading.Lock()

    def release(self) -> None:
        with self._lock:
            if self._released:
                return
            self._released = True
        self._owner.release()


_CEILING = _Ceiling()


def queries_running() -> bool:
    """True while some query still runs (at exit: one the Workspace gave up waiting for)."""
    return _CEILING._holders > 0


def ceiling(budget: int) -> Hold:
    """Bound the process's address space while a query runs; release the hold when it ends."""
    return _CEILING.hold(budget)
