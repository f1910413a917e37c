"""Data side of `train_model`: which column to predict, what task it is, which columns to use, how
to sample a big table in DuckDB, and which split fits the data.

Heavy imports (pandas, numpy) stay inside functions: the tool module must import in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Any

# Identifiers by name (never codes: a grouped split by zip code is not what anyone means).
from dsagent.words.columns import resolve_column as words_resolve_column
from dsagent.words.language import say
from dsagent.words.names import is_date_name, is_identifier, personal_data
from dsagent.words.synonyms import synonyms
from dsagent.words.text import squash as norm

_DATE_TYPES = ("DATE", "TIMESTAMP", "TIME")
_POSITIVE_WORDS = {"1", "true", "yes", "y", "si", "sí", "approved", "positive", "churn", "churned", "survived",
                   "default", "fraud", "bad", "t"}


@dataclass
class Plan:
    """Everything decided about the data before fitting; every choice carries its reason."""

    table: str
    target: str
    task: str  # binary | multiclass | regression
    features: list[str]
    numeric: list[str]
    categorical: list[str]
    excluded: list[dict[str, str]] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    split: str = "random"  # stratified | random | grouped | chronological
    split_reason: str = ""
    key: str | None = None  # the entity key of a grouped split
    date: str | None = None  # the date of a chronological split
    date_parts: dict[str, list[str]] = field(default_factory=dict)  # date column -> derived feature columns
    protected: dict[str, str] = field(default_factory=dict)  # column -> attribute
    positive: Any = None  # positive class of a binary target
    classes: list[Any] = field(default_factory=list)


def resolve_column(name: str, columns: list[str], what: str = "column") -> str:
    """The column `name` means (the shared rule, `words.columns.resolve_column`); a ModelError with 'did you mean'."""
    return words_resolve_column(name, columns, what)


def target_candidates(word: str, columns: list[str]) -> list[str]:
    """Columns a target word may mean: exact or folded match, else shared stem, else close spelling."""
    key = norm(word)
    exact = [c for c in columns if c == word] or [c for c in columns if norm(c) == key]
    if exact:
        return exact[:1]
    # the word's stem, else a synonym's ("supervivencia" -> survived, "precio" -> price): the first that
    # some column holds; a miss becomes a question back, never a guess
    found: list[str] = []
    for stem in [key] + [norm(w) for w in synonyms(key)]:
        stems = {stem, stem[:6]} if len(stem) >= 6 else {stem}
        found = [c for c in columns if any(s and s in norm(c) for s in stems)]
        if found:
            break
    if not found and len(key) >= 4:
        found = [c for c in columns if norm(c) and norm(c) in key]
    if not found:
        found = get_close_matches(word, columns, n=3, cutoff=0.6)
    return found


def detect_task(values, requested: str = "auto") -> tuple[str, str]:
    """(binary | multiclass | regression, reason) for a pandas Series of target values (no nulls)."""
    import pandas as pd

    distinct = int(values.nunique())
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if requested == "regression":
        if not numeric:
            from dsagent.errors import ModelError

            raise ModelError(say("model", "text_not_regression"))
        return "regression", say("model", "task_regression_asked")
    if requested == "classification":
        return ("binary" if distinct == 2 else "multiclass"), say("model", "task_classification_asked", count=distinct)
    if not numeric:
        return ("binary" if distinct == 2 else "multiclass"), say("model", "task_text", count=distinct)
    if distinct == 2:
        return "binary", say("model", "task_two_values")
    integral = bool(((values.astype(float) % 1) == 0).all())
    if integral and distinct <= 10 and distinct <= max(3, len(values) // 20):
        return "multiclass", say("model", "task_whole_numbers", count=distinct)
    return "regression", say("model", "task_numeric", count=distinct)


def positive_class(classes: list[Any]) -> tuple[Any, str]:
    """The positive class of a binary target and why it was chosen."""
    for c in sorted(classes, key=str):
        if str(c).strip().lower() in _POSITIVE_WORDS and not str(c).strip().lower() in {"0", "false", "no"}:
            return c, say("model", "positive_conventional", value=c)
    return sorted(classes, key=str)[-1], say("model", "positive_last", value=sorted(classes, key=str)[-1])


def sample_sql(table: str, columns: list[str], total: int, max_rows: int, seed: int) -> tuple[str, bool]:
    """The SELECT that reads the training rows: all rows, or a seeded reservoir sample in DuckDB."""
    from dsagent.data.naming import quote_ident

    cols = ", ".join(quote_ident(c) for c in columns)
    sql = f"SELECT {cols} FROM {quote_ident(table)}"
    if total > max_rows:
        # Reservoir sampling gives exactly max_rows rows; REPEATABLE fixes the seed.
        return f"{sql} USING SAMPLE reservoir({int(max_rows)} ROWS) REPEATABLE ({int(seed)})", True
    return sql, False


def _is_date_type(duck_type: str) -> bool:
    return duck_type.upper().startswith(_DATE_TYPES)


def parse_text_dates(df, types: dict[str, str]) -> list[str]:
    """Text columns named like dates whose values all parse: converted in place; returns their names."""
    import pandas as pd

    converted = []
    for col, typ in types.items():
        if typ.upper() not in ("VARCHAR", "TEXT") or not is_date_name(col):
            continue
        values = df[col].dropna()
        if values.empty:
            continue
        parsed = pd.to_datetime(values, errors="coerce", format="mixed")
        if parsed.notna().mean() >= 0.95:
            df[col] = pd.to_datetime(df[col], errors="coerce", format="mixed")
            converted.append(col)
    return converted


def entity_key(df, columns: list[str]) -> str | None:
    """A column named like an identifier whose values repeat (several rows per entity)."""
    import pandas as pd

    for col in columns:
        if not is_identifier(col) or pd.api.types.is_float_dtype(df[col]):
            continue
        values = df[col].dropna()
        distinct = values.nunique()
        if 1 < distinct < 0.95 * len(values) and distinct >= 10:
            return col
    return None


def date_column(df, columns: list[str], types: dict[str, str]) -> str | None:
    """The date/time column that orders the rows, if one has enough distinct values."""
    import pandas as pd

    for col in columns:
        if _is_date_type(types.get(col, "")) or pd.api.types.is_datetime64_any_dtype(df[col]):
            if df[col].nunique() >= 10:
                return col
    return None


def choose_split(df, plan: Plan, requested: str, key: str | None, date: str | None, types: dict[str, str]) -> None:
    """Fill plan.split/key/date/split_reason with the split that fits the data (ETHICS B1-B3)."""
    from dsagent.errors import ModelError

    columns = [c for c in df.columns if c != plan.target]
    if key:
        key = resolve_column(key, columns, "group column")
    if date:
        date = resolve_column(date, columns, "date column")
    if requested == "grouped" or (requested == "auto" and key):
        key = key or entity_key(df, columns)
        if not key:
            raise ModelError(say("model", "grouped_needs_key"))
        plan.split, plan.key = "grouped", key
        plan.split_reason = say("model", "split_grouped", key=key, values=df[key].nunique(), rows=len(df))
        return
    if requested == "chronological" or (requested == "auto" and date):
        date = date or date_column(df, columns, types)
        if not date:
            raise ModelError(say("model", "chronological_needs_date"))
        plan.split, plan.date = "chronological", date
        plan.split_reason = say("model", "split_chronological", date=date)
        return
    if requested == "auto":
        found_date = date_column(df, columns, types)
        if found_date:
            plan.split, plan.date = "chronological", found_date
            plan.split_reason = say("model", "split_chronological_found", date=found_date)
            return
        found_key = entity_key(df, columns)
        if found_key:
            plan.split, plan.key = "grouped", found_key
            plan.split_reason = say("model", "split_grouped_found", key=found_key, values=df[found_key].nunique(),
                                    rows=len(df))
            return
    if plan.task != "regression" and requested in ("auto", "stratified"):
        plan.split, plan.split_reason = "stratified", say("model", "split_stratified")
        return
    plan.split, plan.split_reason = "random", say("model", "split_random")


def exclude(plan: Plan, column: str, reason: str) -> None:
    for kept in (plan.features, plan.numeric, plan.categorical):
        if column in kept:
            kept.remove(column)
    if not any(e["column"] == column for e in plan.excluded):
        plan.excluded.append({"column": column, "reason": reason})


def screen_features(df, plan: Plan, candidates: list[str], explicit: bool, types: dict[str, str],
                    allow: set[str], thresholds: dict | None) -> None:
    """Choose features: drop personal data, identifiers, free text, constants, leaks and proxies; say why.

    A date becomes month, weekday and day-of-year features (`add_date_parts`) rather than being dropped.
    """
    import pandas as pd

    plan.features = list(candidates)
    n = len(df)
    personal = _personal_columns(df, candidates)
    for col in candidates:
        if col in personal:
            _exclude_personal(plan, col, personal[col])
            continue
        values = df[col]
        distinct = int(values.nunique())
        if values.isna().all():
            exclude(plan, col, say("model", "excluded_empty"))
        elif distinct <= 1:
            exclude(plan, col, say("model", "excluded_constant"))
        elif col == plan.key:
            exclude(plan, col, say("model", "excluded_key"))
        elif col == plan.date or _is_date_type(types.get(col, "")) or pd.api.types.is_datetime64_any_dtype(values):
            add_date_parts(df, plan, col, types.get(col, ""))
        elif is_identifier(col) and not pd.api.types.is_float_dtype(values) and distinct > 0.5 * n:
            exclude(plan, col, say("model", "excluded_identifier", distinct=distinct, rows=n))
        elif not pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values) \
                and distinct > max(50, 0.5 * n):
            exclude(plan, col, say("model", "excluded_text", distinct=distinct, rows=n))
    _leakage(df, plan, allow, thresholds)
    _protected(df, plan, explicit, allow)
    numeric, categorical = [], []
    # month and weekday are categories: a linear model then learns a season's shape, not a straight line
    cyclic = {n for names in plan.date_parts.values() for n in names if not n.endswith("_day_of_year")}
    for col in plan.features:
        v = df[col]
        if col in cyclic or pd.api.types.is_bool_dtype(v) or not pd.api.types.is_numeric_dtype(v):
            categorical.append(col)
        else:
            numeric.append(col)
    plan.numeric, plan.categorical = numeric, categorical


# Seasonality a model can learn from a date without extrapolating a trend it has never seen (the year
# of a chronological test set is always later than the training years, so the year is left out).
DATE_PARTS = {"month": "month", "weekday": "day_of_week", "day_of_year": "day_of_year"}


def date_part_values(series, part: str):
    """One derived feature of a date column (the same arithmetic the retrain script writes out)."""
    import pandas as pd

    values = pd.to_datetime(series, errors="coerce", format="mixed") if not \
        pd.api.types.is_datetime64_any_dtype(series) else series
    return getattr(values.dt, DATE_PARTS[part]).astype("float64")


def add_date_parts(df, plan: Plan, col: str, duck_type: str) -> None:
    """Replace a date feature by its month, weekday and day of year (a TIME-only column is left out)."""
    if duck_type.upper().startswith("TIME") and not duck_type.upper().startswith("TIMESTAMP"):
        exclude(plan, col, say("model", "excluded_time_of_day"))
        return
    made = []
    for part in DATE_PARTS:
        name = f"{col}_{part}"
        if name in df.columns:  # the table already has a column of that name: keep theirs
            continue
        values = date_part_values(df[col], part)
        if values.nunique() <= 1:  # every row in one month, or daily data with one weekday
            continue
        df[name] = values
        made.append(name)
    role = say("model", "date_orders_split") if col == plan.date else ""
    exclude(plan, col, say("model", "excluded_date", made=", ".join(made) or say("model", "date_no_feature"), role=role))
    if made:
        plan.date_parts[col] = made
        plan.features.extend(made)


def _personal_columns(df, candidates: list[str]) -> dict[str, str]:
    """Candidate columns holding a person's data: by name (the shared vocabulary) or by their values."""
    from dsagent.ethics.privacy import pii_columns

    found = {c: kind for c in candidates if (kind := personal_data(c))}
    text = [c for c in candidates if c not in found and df[c].dtype.kind not in "fiub"]
    if text:
        found.update(pii_columns(df[text].head(200)))
    return found


def _exclude_personal(plan: Plan, col: str, kind: str) -> None:
    """A person's name, e-mail, phone ... is never a feature, even when named: it identifies, it does not explain."""
    from dsagent.ethics.finding import Finding
    from dsagent.ethics.thresholds import SOURCES

    from dsagent.ethics.privacy import entity_named

    what = entity_named(kind)
    exclude(plan, col, say("model", "excluded_personal", what=what))
    plan.findings.append(Finding(
        id="E2", severity="warn", columns=[col], source=SOURCES.get("E2"), statistic="personal data column",
        message=say("ethics", "E2_feature", col=col, what=what), fix=say("ethics", "E2_feature_fix")))


def task_for_checks(task: str) -> str:
    return "regression" if task == "regression" else "classification"


def _leakage(df, plan: Plan, allow: set[str], thresholds: dict | None) -> None:
    """A1-A4 from the reviewer: a `block` drops the feature (unless the person allowed that id)."""
    from dsagent.ethics.leakage import check_feature_leakage

    findings = check_feature_leakage(df, plan.target, list(plan.features), task_for_checks(plan.task),
                                     thresholds=thresholds)
    plan.findings.extend(findings)
    drop_flagged(plan, findings, allow)


def drop_flagged(plan: Plan, findings: list[Any], allow: set[str], keep: set[str] | frozenset = frozenset()) -> None:
    """Leave out the features the reviewer's findings drop (`columns_to_drop`), unless that check is allowed.

    `keep` names columns a finding mentions but that are not its culprit (the protected attribute of a C2 proxy).
    """
    from dsagent.ethics.finding import statistic_named
    from dsagent.ethics.leakage import columns_to_drop

    for f in findings:
        if f.id in allow:
            continue
        for col in columns_to_drop([f]):
            if col in plan.features and col != plan.target and col not in keep:
                stat = f" ({statistic_named(f.statistic)} {f.value:.2f})" if f.value is not None and f.statistic else ""
                reason = say("model", f"drop_{f.id}" if f.id in _DROP_REASON else "drop_other")
                exclude(plan, col, say("model", "excluded_flagged", reason=reason, stat=stat, id=f.id))


_DROP_REASON = {"A1", "A2", "A3", "A4", "B4", "C2"}  # checks whose dropped feature has its own reason (drop_<id>)


def _protected(df, plan: Plan, explicit: bool, allow: set[str]) -> None:
    """C1/C2: protected attributes are kept out of the features unless named or allowed; proxies checked."""
    from dsagent.ethics.fairness import attribute_named, check_proxies, protected_columns

    plan.protected = {c: a for c, a in protected_columns(df).items() if c != plan.target}
    for col, attribute in plan.protected.items():
        if col in plan.features and not explicit and "C1" not in allow:
            exclude(plan, col, say("model", "excluded_protected", attribute=attribute_named(attribute)))
    if not plan.protected or not plan.features:
        return
    proxies = check_proxies(df, list(plan.features), plan.protected)
    plan.findings.extend(proxies)
    drop_flagged(plan, proxies, allow, keep=set(plan.protected))
