"""A real wheel (not the editable install) holds one top-level package, `dsagent`, with its tools,
commands and prompt files, and works once installed.

The build runs on a copy of the source tree in a temp folder (nothing is written into the repo)
without build isolation (no download): it needs `setuptools` and `wheel`, both in the test extra.
Takes a few seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

# Every test here starts dsagent (or pip) in a subprocess.
pytestmark = pytest.mark.slow


REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("setuptools")
    pytest.importorskip("wheel", reason="the 'wheel' package builds wheels with older setuptools")
    src = tmp_path_factory.mktemp("src")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for name in ("agent", "tools", "prompts"):
        shutil.copytree(REPO / name, src / name, ignore=ignore)
    shutil.copy(REPO / "pyproject.toml", src)
    readme = REPO / "README.md"
    (src / "README.md").write_text(readme.read_text(encoding="utf-8") if readme.exists() else "# dsagent\n")
    out = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
             "-w", str(out), str(src)]
    done = subprocess.run(build, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    (path,) = out.glob("dsagent-*.whl")
    return path


def test_wheel_layout(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/", 1)[0] for n in names}
    assert tops == {"dsagent", f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info"}
    assert "dsagent/cli.py" in names and "dsagent/data/workspace.py" in names
    assert "dsagent/tools/__init__.py" in names and "dsagent/tools/schema/card.py" in names
    assert "dsagent/commands/schema.py" in names
    # Every module of the three code folders is in the wheel: a subpackage missing from
    # pyproject's package list would install a dsagent that fails on first use.
    for folder, prefix in (("agent", "dsagent"), ("tools", "dsagent/tools"), ("prompts", "dsagent/prompts")):
        for source in (REPO / folder).rglob("*.py"):
            if "__pycache__" in source.parts:
                continue
            installed = f"{prefix}/{source.relative_to(REPO / folder).as_posix()}"
            if folder == "agent" and source.relative_to(REPO / folder).parts[0] in ("tools", "prompts"):
                continue
            assert installed in names, f"{source.relative_to(REPO)} is not in the wheel"
    prompts = [n for n in names if n.startswith("dsagent/prompts/") and n.endswith((".txt", ".md", ".j2", ".json"))]
    assert prompts, "no prompt files in the wheel"
    for bad in ("agent/", "tools/", "prompts/"):
        assert not any(n.startswith(bad) for n in names), bad
    entry = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "dsagent = dsagent.cli:main" in entry


def test_installed_wheel_works(wheel, tmp_path):
    target = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                           "--target", str(target), str(wheel)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not (target / "agent").exists() and not (target / "tools").exists() and not (target / "prompts").exists()
    code = (
        "import dsagent, importlib.resources as r, io, contextlib\n"
        "from dsagent.cli import cli\n"
        f"assert dsagent.__file__.startswith({str(target)!r}), dsagent.__file__\n"
        "files = [p.name for p in r.files('dsagent.prompts').iterdir() if p.name.endswith(('.txt', '.md', '.j2', '.json'))]\n"
        "assert files, 'no prompts'\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        f"    code = cli(['schema', {str(REPO / 'examples' / 'data' / 'loans.csv')!r}, '--json'])\n"
        "assert code == 0 and '\"row_count\": 2000' in buf.getvalue()\n"
        "print('ok', len(files))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("ok")
