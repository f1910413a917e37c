"""Time series and panels: detect them, and measure what a row-by-row generator loses.

A Gaussian copula draws each row independently: it keeps each column's distribution and the
correlations between columns, but not the order of the rows in time. On a daily series it repeats
dates, loses the autocorrelation (today's value is close to yesterday's) and flattens the seasons.
So when a table is a series (a date with one row per date) or a panel (an entity key + a date, one
row per pair), the report measures, real against synthetic:
- duplicate dates (or duplicate entity-date pairs),
- the lag-1 autocorrelation of each number, rows sorted by date (within each entity for a panel),
- the monthly means of each number (correlation of the two month profiles, and their spread),
and the result says plainly that the copula does not keep temporal structure, with what would.
"""

from __future__ import annotations

from typing import Any

from dsagent.words.language import say
from dsagent.words.names import is_identifier

MIN_ROWS = 30  # fewer dated rows are not judged as a series
UNIQUE_SHARE = 0.95  # one row per date (or per entity and date) in at least this share of the rows
AUTOCORR_RELIED_ON = 0.3  # a real lag-1 autocorrelation at least this strong is structure to keep
SEASON_RELIED_ON = 0.3  # months explaining at least this correlation ratio (eta) of a number: a real season
MAX_NUMBERS = 20

# What keeps the order in time, named in prompts/synth.json (alternative_<name>)
ALTERNATIVES = ("bootstrap", "sarimax", "sequential")


def detect(real, kinds: dict[str, str]) -> dict[str, Any] | None:
    """{'kind': 'series'|'panel', 'date', 'key'} when the rows are ordered in time, else None."""
    import pandas as pd

    if len(real) < MIN_ROWS:
        return None
    for date in (c for c, k in kinds.items() if k in ("date", "datetime")):
        values = pd.to_datetime(real[date], errors="coerce")
        present = values.dropna()
        if len(present) < MIN_ROWS or present.nunique() < MIN_ROWS:
            continue
        if present.nunique() >= UNIQUE_SHARE * len(present):
            return {"kind": "series", "date": date, "key": None}
        for key in real.columns:
            if key == date or kinds.get(key) not in ("category", "integer", "id", None):
                continue
            if kinds.get(key) is None and not is_identifier(key):
                continue
            if kinds.get(key) == "integer" and not is_identifier(key):
                continue
            entities = real[key].nunique(dropna=True)
            if entities < 2 or entities >= 0.5 * len(real):
                continue
            pairs = pd.DataFrame({"k": real[key].astype(str), "d": values}).dropna().drop_duplicates()
            if len(pairs) >= UNIQUE_SHARE * len(present):
                return {"kind": "panel", "date": date, "key": key}
    return None


def _lag1(frame, value: str, date: str, key: str | None) -> float | None:
    """Lag-1 autocorrelation of `value` with rows sorted by date (within each entity for a panel)."""
    import numpy as np

    cols = [c for c in (key, date, value) if c]
    f = frame[cols].dropna().sort_values([c for c in (key, date) if c], kind="stable")
    if len(f) < 10:
        return None
    x = f[value].astype("float64")
    prev = x.groupby(f[key]).shift(1) if key else x.shift(1)
    ok = prev.notna()
    if ok.sum() < 5 or np.nanstd(x[ok]) == 0 or np.nanstd(prev[ok]) == 0:
        return None
    return float(np.corrcoef(x[ok], prev[ok])[0, 1])


def _monthly(frame, value: str, date: str):
    import pandas as pd

    months = pd.to_datetime(frame[date], errors="coerce").dt.month
    return frame[value].astype("float64").groupby(months).mean()


def _season(frame, value: str, date: str) -> float | None:
    """How much of a number's spread the month explains (correlation ratio): noise in monthly means is not a season."""
    import pandas as pd

    from dsagent.tools.synth.quality import _eta

    months = pd.to_datetime(frame[date], errors="coerce").dt.month.astype(str)
    return _eta(frame[value].astype("float64").to_numpy(), months)


def measure(real, synth, kinds: dict[str, str], found: dict[str, Any]) -> dict[str, Any]:
    """Duplicates, lag-1 autocorrelation and monthly means, real vs synthetic; a score and a verdict."""
    import numpy as np
    import pandas as pd

    from dsagent.tools.synth.report import _numeric

    date, key = found["date"], found["key"]
    numbers = [c for c, k in kinds.items() if k in ("number", "integer") and c in synth.columns
               and c != key][:MAX_NUMBERS]

    def frame(df):
        out = pd.DataFrame({c: _numeric(df[c], kinds[c]) for c in numbers})
        out[date] = pd.to_datetime(df[date], errors="coerce").to_numpy()
        if key:
            out[key] = df[key].astype(str).to_numpy() if key in df.columns else "?"
        return out

    if key and key not in synth.columns:  # the key was not synthesised (free text): judge the dates alone
        key = None
    r, s = frame(real), frame(synth)
    by = [c for c in (key, date) if c]
    real_dup = int(r.duplicated(subset=by).sum())
    synth_dup = int(s.duplicated(subset=by).sum())
    out: dict[str, Any] = {"kind": found["kind"], "date": date, "key": found["key"],
                           "duplicate_keys": {"real": real_dup, "synthetic": synth_dup,
                                              "synthetic_share": round(synth_dup / max(len(s), 1), 4)},
                           "columns": {}}
    # duplicates beyond the real ones: a panel with a key that was not synthesised repeats dates anyway
    kept = [1 - max(0, synth_dup / max(len(s), 1) - real_dup / max(len(r), 1))]
    for c in numbers:
        ra, sa = _lag1(r, c, date, key), _lag1(s, c, date, key)
        rm, sm = _monthly(r, c, date), _monthly(s, c, date)
        common = rm.index.intersection(sm.index)
        profile = float(np.corrcoef(rm[common], sm[common])[0, 1]) if len(common) >= 3 and rm[common].std() > 0 \
            and sm[common].std() > 0 else None
        spread_r = float(rm.max() - rm.min()) if len(rm) else None
        spread_s = float(sm.max() - sm.min()) if len(sm) else None
        season_r, season_s = _season(r, c, date), _season(s, c, date)
        entry = {"lag1_real": None if ra is None else round(ra, 4), "lag1_synthetic": None if sa is None else round(sa, 4),
                 "season_real": None if season_r is None else round(season_r, 4),
                 "season_synthetic": None if season_s is None else round(season_s, 4),
                 "monthly_profile_correlation": None if profile is None else round(profile, 4),
                 "monthly_spread_real": None if spread_r is None else round(spread_r, 4),
                 "monthly_spread_synthetic": None if spread_s is None else round(spread_s, 4)}
        out["columns"][c] = entry
        if ra is not None and ra >= AUTOCORR_RELIED_ON:
            kept.append(max(0.0, min(1.0, (sa or 0.0) / ra)))
        if season_r is not None and season_r >= SEASON_RELIED_ON and len(common) >= 6:
            kept.append(max(0.0, min(1.0, (profile or 0.0))) * min(1.0, (season_s or 0.0) / season_r))
    out["score"] = round(float(min(kept)), 4)
    out["kept"] = out["score"] >= 0.8
    what = say("synth", "series") if found["kind"] == "series" else say("synth", "panel", key=found["key"], date=date)
    out["message"] = say("synth", "temporal_message", what=what) + ("" if out["kept"] else say("synth", "temporal_lost"))
    out["alternatives"] = [say("synth", f"alternative_{name}") for name in ALTERNATIVES]
    return out
