"""DuckDB's spill folder of a run (its `temp_directory`): one a process, named by the process id, so
that the next run can remove the folders of runs that were killed before they could.

The workspace makes its folder with `new_spill_dir` and removes it when it closes.
"""

from __future__ import annotations

import os
import tempfile

SPILL_PREFIX = "dsagent-duckdb-"


def sweep_stale_spill_dirs() -> None:
    """Remove DuckDB temporary folders of dsagent runs that no longer exist (killed with SIGKILL, or a
    power cut): their spill files would otherwise stay in the temp folder for good."""
    import re
    import shutil

    pattern = re.compile(re.escape(SPILL_PREFIX) + r"(\d+)-")
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or not entry.is_dir(follow_symlinks=False):
            continue
        pid = int(match.group(1))
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
            continue  # still running
        except ProcessLookupError:
            pass
        except (PermissionError, OSError):
            continue  # another user's process: not ours to judge
        try:
            if entry.stat(follow_symlinks=False).st_uid == os.getuid():
                shutil.rmtree(entry.path, ignore_errors=True)
        except OSError:
            continue


def new_spill_dir() -> str:
    """A new spill folder for this process, after the folders of runs that are gone are swept."""
    sweep_stale_spill_dirs()
    # The process id in the name lets a later run remove the folder of a run that was killed.
    return tempfile.mkdtemp(prefix=f"{SPILL_PREFIX}{os.getpid()}-")
