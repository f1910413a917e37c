"""A Gaussian copula for mixed tables, on numpy and scipy (see docs/synthetic.md for why not SDV).

Each column is turned into a uniform score and then a normal score:
- numbers and dates: their empirical quantiles (ties broken at random); missing values take no part
  in the correlations (pairwise-complete) and are put back at the real share, at random;
- categories and booleans (and missing, as a category): each value owns an interval of [0, 1] as
  wide as its frequency, and a row's score is drawn uniformly inside its value's interval.
The correlation matrix of the normal scores is the copula. Sampling draws correlated normal scores
and maps each back through its column's marginal (linear interpolation between the observed order
statistics for numbers, so values are new but stay within the observed range). Conditional sampling
(a category fixed, or a number fixed) draws the conditioned scores from truncated normals and the
others from the Gaussian conditional distribution, so the other columns keep their relation to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CLIP = 1e-6


@dataclass
class Marginal:
    """One column's distribution: sorted values (numbers) or categories with probabilities."""

    name: str
    kind: str  # number | date | category
    integer: bool = False
    values: Any = None  # sorted float array of the non-missing values (number, date)
    null_share: float = 0.0
    categories: list = field(default_factory=list)  # values (None for missing), most frequent first
    bounds: Any = None  # cumulative upper bounds of the category intervals


class GaussianCopula:
    """fit(df, kinds) then sample(n, rng, condition=None) -> DataFrame."""

    def __init__(self) -> None:
        self.marginals: list[Marginal] = []
        self.corr = None

    # ------------------------------------------------------------------ fitting
    def fit(self, df, kinds: dict[str, str], rng) -> "GaussianCopula":
        import numpy as np
        import pandas as pd
        from scipy.special import ndtri

        columns = [c for c in df.columns if kinds.get(c) in ("number", "integer", "date", "datetime", "category")]
        if not columns:
            raise ValueError("no column can be modelled")
        scores = []
        for c in columns:
            m, u = _fit_marginal(df[c], c, kinds[c], rng)
            self.marginals.append(m)
            scores.append(u)
        z = ndtri(np.clip(np.column_stack(scores), CLIP, 1 - CLIP))  # NaN where a number is missing
        corr = pd.DataFrame(z).corr(min_periods=3).to_numpy() if len(columns) > 1 else np.ones((1, 1))
        self.corr = _nearest_correlation(np.nan_to_num(np.atleast_2d(corr), nan=0.0))
        return self

    @property
    def columns(self) -> list[str]:
        return [m.name for m in self.marginals]

    # ------------------------------------------------------------------ sampling
    def sample(self, n: int, rng, condition: dict[str, Any] | None = None):
        """n rows; `condition` {column: value} fixes categories (or numbers) exactly."""
        import numpy as np
        import pandas as pd
        from scipy.special import ndtr

        k = len(self.marginals)
        index = {m.name: i for i, m in enumerate(self.marginals)}
        cond = {index[c]: self._interval(index[c], v) for c, v in (condition or {}).items()}
        if not cond:
            z = rng.multivariate_normal(np.zeros(k), self.corr, size=n, method="eigh")
        else:
            z = self._conditional(n, rng, cond)
        u = np.clip(ndtr(z), CLIP, 1 - CLIP)
        data = {m.name: _inverse(m, u[:, i], rng) for i, m in enumerate(self.marginals)}
        frame = pd.DataFrame(data)
        for c, v in (condition or {}).items():  # exact, not only within the interval's rounding
            m = self.marginals[index[c]]
            if m.kind == "category":
                frame[c] = pd.Series([_match_category(m, v)] * n, dtype=frame[c].dtype)
        return frame

    def _interval(self, i: int, value: Any) -> tuple[float, float]:
        """The normal-score interval of a conditioned value (a point for a number)."""
        from scipy.special import ndtri

        m = self.marginals[i]
        if m.kind == "category":
            j = m.categories.index(_match_category(m, value))
            lo = m.bounds[j - 1] if j else 0.0
            hi = m.bounds[j]
            return float(ndtri(max(lo, CLIP))), float(ndtri(min(hi, 1 - CLIP)))
        import numpy as np

        x = float(_to_number(value, m.kind))
        pos = (np.searchsorted(m.values, x, side="left") + np.searchsorted(m.values, x, side="right")) / 2
        u = pos / max(len(m.values), 1)
        z = float(ndtri(min(max(u, CLIP), 1 - CLIP)))
        return z, z

    def _conditional(self, n: int, rng, cond: dict[int, tuple[float, float]]):
        """Normal scores with the conditioned ones inside their intervals (Gibbs sweeps when several)."""
        import numpy as np
        from scipy.stats import truncnorm

        k = len(self.marginals)
        c_idx = sorted(cond)
        r_idx = [i for i in range(k) if i not in cond]
        S = self.corr
        zc = np.zeros((n, len(c_idx)))
        for j, i in enumerate(c_idx):
            lo, hi = cond[i]
            zc[:, j] = lo if lo == hi else truncnorm.rvs(lo, hi, size=n, random_state=rng)
        if len(c_idx) > 1:
            Scc = S[np.ix_(c_idx, c_idx)]
            for _ in range(20):
                for j, i in enumerate(c_idx):
                    lo, hi = cond[i]
                    if lo == hi:
                        continue
                    others = [t for t in range(len(c_idx)) if t != j]
                    w = np.linalg.solve(Scc[np.ix_(others, others)], Scc[others, j])
                    mu = zc[:, others] @ w
                    sd = float(np.sqrt(max(Scc[j, j] - Scc[j, others] @ w, 1e-9)))
                    zc[:, j] = truncnorm.rvs((lo - mu) / sd, (hi - mu) / sd, loc=mu, scale=sd, random_state=rng)
        z = np.zeros((n, k))
        z[:, c_idx] = zc
        if r_idx:
            Scc = S[np.ix_(c_idx, c_idx)]
            Src = S[np.ix_(r_idx, c_idx)]
            W = np.linalg.solve(Scc, Src.T)  # (c, r)
            mean = zc @ W
            cov = S[np.ix_(r_idx, r_idx)] - Src @ W
            cov = (cov + cov.T) / 2
            z[:, r_idx] = mean + rng.multivariate_normal(np.zeros(len(r_idx)), cov, size=n, method="eigh")
        return z


def _to_number(value, kind: str) -> float:
    import pandas as pd

    if kind in ("date", "datetime"):
        return pd.Timestamp(value).value / 86_400e9
    return float(value)


def _match_category(m: Marginal, value: Any):
    """The category equal to `value`, comparing as text when the types differ ('1' matches 1)."""
    for c in m.categories:
        if c == value or (c is not None and str(c) == str(value)):
            return c
    for c in m.categories:
        if c is not None and str(c).lower() == str(value).lower():
            return c
    shown = ", ".join(repr(c) for c in m.categories[:10])
    raise KeyError(f"'{value}' is not a value of {m.name} (values: {shown})")


def _fit_marginal(series, name: str, kind: str, rng):
    """(Marginal, uniform scores of the real rows)."""
    import numpy as np
    import pandas as pd

    n = len(series)
    missing = series.isna().to_numpy()
    if kind in ("number", "integer", "date", "datetime"):
        if kind in ("date", "datetime"):
            x = pd.to_datetime(series).astype("datetime64[ns]").astype("int64").to_numpy(dtype="float64") / 86_400e9
            x[missing] = np.nan
        else:
            x = pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64")
            missing = np.isnan(x)
        p0 = float(missing.mean())
        present = x[~missing]
        m = Marginal(name, kind if kind in ("date", "datetime") else "number", integer=kind == "integer",
                     values=np.sort(present), null_share=p0)
        u = np.full(n, np.nan)  # missing numbers take no part in the correlations
        if len(present):
            order = rng.permutation(len(present))  # random tie-breaking
            ranks = np.empty(len(present))
            shuffled = present[order]
            ranks[order] = np.argsort(np.argsort(shuffled, kind="stable"), kind="stable")
            u[~missing] = (ranks + rng.random(len(present))) / len(present)
        return m, u
    values = series.astype(object).where(~series.isna(), None)
    counts = values.value_counts(dropna=False)
    cats = list(counts.index)
    probs = counts.to_numpy(dtype="float64") / n
    bounds = np.cumsum(probs)
    bounds[-1] = 1.0
    lower = np.concatenate([[0.0], bounds[:-1]])
    pos = {c: i for i, c in enumerate(cats)}
    idx = np.array([pos[v] for v in values])
    u = lower[idx] + rng.random(n) * (bounds[idx] - lower[idx])
    return Marginal(name, "category", categories=cats, bounds=bounds), u


def _inverse(m: Marginal, u, rng):
    import numpy as np
    import pandas as pd

    if m.kind == "category":
        idx = np.minimum(np.searchsorted(m.bounds, u, side="right"), len(m.categories) - 1)
        return pd.Series(np.array(m.categories, dtype=object)[idx], dtype=object)
    out = np.full(len(u), np.nan)
    if len(m.values):
        pos = np.clip(u * len(m.values) - 0.5, 0, len(m.values) - 1)
        out = np.interp(pos, np.arange(len(m.values)), m.values)
    if m.null_share:  # missing at the real share, independently of the other columns
        out[rng.random(len(u)) < m.null_share] = np.nan
    if m.kind in ("date", "datetime"):  # days (dates) or seconds (timestamps)
        ns = np.round(out) * 86_400e9 if m.kind == "date" else np.round(out * 86_400) * 1e9
        return pd.to_datetime(pd.Series(ns), unit="ns") if len(ns) else pd.Series([], dtype="datetime64[ns]")
    if m.integer:
        return pd.Series(np.round(out)).astype("Int64")
    return pd.Series(out)


def _nearest_correlation(corr):
    """A valid correlation matrix close to `corr` (eigenvalues clipped, unit diagonal)."""
    import numpy as np

    corr = (corr + corr.T) / 2
    np.fill_diagonal(corr, 1.0)
    w, v = np.linalg.eigh(corr)
    if w.min() > 1e-6:
        return corr
    w = np.clip(w, 1e-6, None)
    fixed = (v * w) @ v.T
    d = np.sqrt(np.diag(fixed))
    fixed = fixed / np.outer(d, d)
    np.fill_diagonal(fixed, 1.0)
    return fixed
