"""Shared helpers of the cleaning tests: the seeded dirty-data generator from examples/."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def dirty_module():
    spec = importlib.util.spec_from_file_location("make_dirty", REPO / "examples" / "make_dirty.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_dirty(folder: Path, seed: int = 7):
    """Write the dirty CSV into `folder`; returns (path, dirty, expected, defects)."""
    module = dirty_module()
    dirty, expected, defects = module.make(seed)
    path = folder / "dirty_contacts.csv"
    dirty.to_csv(path, index=False)
    return path, dirty, expected, defects


def as_text(df):
    """A frame as comparable text: dates as YYYY-MM-DD, missing as ''."""
    import pandas as pd

    out = {}
    for c in df.columns:
        col = df[c]
        if pd.api.types.is_datetime64_any_dtype(col):
            out[c] = col.dt.strftime("%Y-%m-%d").fillna("")
        else:
            out[c] = col.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) or v is pd.NA else
                             (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)))
    return pd.DataFrame(out).reset_index(drop=True)
