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


def write_dirty(folder: Path, seed: int = 7, options: bool = False):
    """Write the dirty CSV into `folder`; returns (path, dirty, expected, defects)."""
    module = dirty_module()
    dirty, expected, defects = module.make(seed, options=options)
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


def write_weather(folder: Path, seed: int = 3) -> Path:
    """Four years of seeded daily weather, dirty as real files are: 5 categories written 14 ways
    (case, a trailing space, typos such as 'rian', 'fgo', 'sunn', 'drizle'), a 999 code for four
    missing temperatures, and one real but extreme wind of 11.5 among winds of 0-10."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    n = 1461
    dates = pd.date_range("2012-01-01", periods=n)
    base = rng.choice(["sun", "rain", "fog", "drizzle", "snow"], n, p=[0.45, 0.3, 0.1, 0.1, 0.05])
    weather = base.astype(object)
    variants = {"sun": ["Sun", "sun ", "sunn", "SUN"], "rain": ["Rain", "rian"], "fog": ["fgo", "Fog"],
                "drizzle": ["drizle"], "snow": ["Snow"]}
    spelled = [(c, v) for c, vs in variants.items() for v in vs]
    for k, i in enumerate(rng.choice(n, 40, replace=False)):
        if k < len(spelled):  # each variant at least once
            base[i], weather[i] = spelled[k]
        else:
            weather[i] = rng.choice(variants[base[i]])
    day = np.asarray(dates.day_of_year)
    temp = np.round(15 + 10 * np.sin(2 * np.pi * day / 365) + rng.normal(0, 3, n), 1)
    temp[rng.choice(n, 4, replace=False)] = 999
    wind = np.round(rng.gamma(3, 1.1, n), 1)
    wind[10] = 11.5
    path = folder / "weather.csv"
    pd.DataFrame({"date": dates.date, "weather": weather, "temp_max": temp, "wind": wind}).to_csv(path, index=False)
    return path
