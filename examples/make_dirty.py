"""A seeded "dirty" contacts table with known planted defects, and the table cleaning should give back.

    python examples/make_dirty.py          # writes examples/data/dirty_contacts.csv

`make(seed)` returns (dirty, expected, defects): the dirty DataFrame as written to CSV, the clean
table that `clean_data` must produce from it (the truth, minus the rows that must go, with missing
values filled as the plan fills them), and a dict of every planted defect with its count. The tests
in tests/test_clean*.py use it. Everything is synthetic: names are drawn from short fixed lists.
"""

from __future__ import annotations

import math
from pathlib import Path

FIRST = ["Ana", "Luis", "Marta", "John", "Emma", "Noah", "Olivia", "Liam", "Sofia", "Mateo", "Lucia", "Hugo",
         "Julia", "Pablo", "Alice", "Omar", "Chloe", "Ivan", "Nora", "Elena"]
LAST = ["Lopez", "Garcia", "Smith", "Brown", "Muller", "Martin", "Dubois", "Perez", "Jones", "Schmidt",
        "Moreau", "Diaz", "Taylor", "Wilson", "Fischer", "Romero"]
COUNTRIES = {"USA": 0.3, "Spain": 0.25, "Mexico": 0.2, "Germany": 0.15, "France": 0.1}
TODAY_FUTURE = "2091-05-01"  # a birth date in the future for any run of these tests
N = 200


def make(seed: int = 7, n: int = N, options: bool = False):
    """(dirty, expected, defects) for a seeded contacts table of `n` clean rows.

    `expected` is what the default (conservative) plan gives: missing values stay missing, far
    outliers stay as they are, and the near copies (a new id each) stay, since rows with distinct
    identifiers are never merged unless asked. With `options`, what the plan gives with every option
    it offers included: near copies merged, missing values filled, outliers clipped.
    """
    import numpy as np

    # One generator drawn from in this order: a step moved changes every table of every seed.
    rng = np.random.default_rng(seed)
    truth = _truth(rng, n)
    dirty = _as_written(truth, rng, n)
    pick = _picker(list(rng.permutation(n)))
    d: dict[str, object] = {}
    removed = _plant_impossible_rows(dirty, pick, d)
    placeholders = _plant_text_defects(dirty, truth, pick, d)
    outliers = _plant_missing_and_outliers(dirty, pick, d)
    _plant_formats(dirty, truth, rng, n, pick, d)
    dirty, near = _plant_duplicates(dirty, n, pick, d)
    d.update(dropped_columns=["status", "notes"], missing_income=4)
    if not options:
        return dirty, _expected_by_default(truth, dirty, n, removed, placeholders, outliers, near), d
    return dirty, _expected_with_options(truth, dirty, removed, placeholders, outliers, d), d


def _truth(rng, n: int):
    """The clean contacts table the defects are planted in."""
    import numpy as np
    import pandas as pd

    ids = np.arange(1, n + 1)
    first = rng.choice(FIRST, n)
    last = rng.choice(LAST, n)
    truth = pd.DataFrame({
        "contact_id": ids,
        "name": [f"{f} {lname}" for f, lname in zip(first, last)],
        "email": [f"{f.lower()}.{lname.lower()}{i}@example.com" for f, lname, i in zip(first, last, ids)],
        "country": rng.choice(list(COUNTRIES), n, p=list(COUNTRIES.values())),
        "age": rng.integers(18, 81, n),
        "income": (np.clip(rng.normal(50_000, 12_000, n), 15_000, None) // 100 * 100).astype(int),
        "signup_date": pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 1000, n), unit="D"),
        "birth_date": pd.Timestamp("1945-01-01") + pd.to_timedelta(rng.integers(0, 22_000, n), unit="D"),
    })
    truth["income"] = truth["income"].astype("Int64")
    truth["age"] = truth["age"].astype("Int64")
    return truth


def _as_written(truth, rng, n: int):
    """The truth as a CSV would hold it (dates as text, numbers as objects that text can replace), with a
    constant column and a mostly empty one that cleaning drops."""
    import numpy as np

    dirty = truth.astype({"income": object, "age": object}).copy()
    dirty["signup_date"] = truth["signup_date"].dt.strftime("%Y-%m-%d")
    dirty["birth_date"] = truth["birth_date"].dt.strftime("%Y-%m-%d")
    dirty["status"] = "active"  # constant
    dirty["notes"] = np.where(rng.random(n) < 0.15, rng.choice(["call back", "vip", "newsletter"], n), None)
    return dirty


def _picker(order: list[int]):
    """pick(k, where) -> k rows in `order` not picked before: each row carries at most one defect, so
    every planted count is exact."""
    taken: set[int] = set()

    def pick(k: int, where=None) -> list[int]:
        chosen = [i for i in order if i not in taken and (where is None or where(i))][:k]
        assert len(chosen) == k, "not enough rows to plant a defect"
        taken.update(chosen)
        return chosen

    return pick


def _plant_impossible_rows(dirty, pick, d: dict) -> set[int]:
    """Rows cleaning removes: impossible ages and future birth dates. Returns their rows."""
    neg, old, future = pick(2), pick(1), pick(2)
    for i, v in zip(neg, (-4, -31)):
        dirty.at[i, "age"] = v
    dirty.at[old[0], "age"] = 150
    for i in future:
        dirty.at[i, "birth_date"] = TODAY_FUTURE
    d["negative_age"], d["age_over_120"], d["future_birth"] = 2, 1, 2
    return set(neg + old + future)


def _plant_text_defects(dirty, truth, pick, d: dict) -> list[int]:
    """Spaces around values, placeholders for missing incomes, misspelt countries. Returns the rows of
    the placeholders."""
    for k, i in enumerate(pick(8)):
        name = dirty.at[i, "name"]
        dirty.at[i, "name"] = f"  {name} " if k < 6 else name.replace(" ", "   ")  # around, or doubled inside
    d["trim_name"] = 8
    pad_country = pick(4, lambda i: truth.at[i, "country"] in ("USA", "France"))
    for i in pad_country:
        dirty.at[i, "country"] = f" {dirty.at[i, 'country']}  "
    pad_income = pick(5)
    for i in pad_income:
        dirty.at[i, "income"] = f" {dirty.at[i, 'income']}"
    d["trim_country"], d["trim_income"] = 4, 5
    placeholders = pick(4)
    for i, v in zip(placeholders, ("n/a", "N/A", "-", None)):
        dirty.at[i, "income"] = v
    d["income_placeholders"] = 3  # the fourth is an empty field, missing already
    # spellings
    variants = {"USA": ["U.S.A."] * 5 + ["usa"] * 4, "Spain": ["spain"] * 4 + ["SPAIN"] * 2,
                "Mexico": ["México"] * 4, "Germany": ["Germny"] * 2}
    planted = 0
    for country, spellings in variants.items():
        for i, v in zip(pick(len(spellings), lambda i, c=country: truth.at[i, "country"] == c), spellings):
            dirty.at[i, "country"] = v
            planted += 1
    d["country_spellings"] = planted
    d["country_variant_values"] = sorted({v for vs in variants.values() for v in vs})
    return placeholders


def _plant_missing_and_outliers(dirty, pick, d: dict) -> list[int]:
    """Missing ages and countries, and two far income outliers. Returns the rows of the outliers."""
    for i in pick(3):
        dirty.at[i, "age"] = None
    for i in pick(2):
        dirty.at[i, "country"] = None
    d["missing_age"], d["missing_country"] = 3, 2
    outliers = pick(2)
    for i, v in zip(outliers, (9_800_000, 12_500_000)):
        dirty.at[i, "income"] = v
    d["income_outliers"] = 2
    return outliers


def _plant_formats(dirty, truth, rng, n: int, pick, d: dict) -> None:
    """E-mails in title case and signup dates written day first."""
    for i in pick(6):
        dirty.at[i, "email"] = dirty.at[i, "email"].title()
    # dates as text in two formats (day first, so that days above 12 settle the order)
    for i in rng.choice(n, 30, replace=False):
        dirty.at[i, "signup_date"] = truth.at[i, "signup_date"].strftime("%d/%m/%Y")
    d["signup_dmy"] = 30


def _plant_duplicates(dirty, n: int, pick, d: dict):
    """(dirty with copies appended, the rows near-copied): exact copies of dirty rows, and near copies of
    clean rows with a new id."""
    import pandas as pd

    exact = pick(5)
    near = pick(3)
    copies = dirty.loc[exact].copy()
    near_rows = dirty.loc[near].copy()
    near_rows["contact_id"] = [n + 1 + k for k in range(3)]
    near_rows["name"] = near_rows["name"].str.upper()
    near_rows["email"] = near_rows["email"].str.upper()
    d["exact_duplicates"], d["near_duplicates"] = 5, 3
    d["email_capitals"] = 6 + 3
    return pd.concat([dirty, copies, near_rows], ignore_index=True), near


def _expected_by_default(truth, dirty, n: int, removed: set[int], placeholders: list[int], outliers: list[int],
                         near: list[int]):
    """What the default plan gives: the truth without the removed rows, missing values and outliers as
    they were, and the near copies kept."""
    import pandas as pd

    expected = truth.drop(index=sorted(removed)).astype({"income": "Int64", "age": "Int64"}).copy()
    expected.loc[expected.index.isin(placeholders), "income"] = pd.NA
    for i in outliers:
        expected.at[i, "income"] = int(dirty.at[i, "income"])
    missing_age = [i for i in expected.index if pd.isna(dirty.at[i, "age"])]
    expected.loc[missing_age, "age"] = pd.NA
    missing_country = [i for i in expected.index if pd.isna(dirty.at[i, "country"])]
    expected["country"] = expected["country"].astype(object)
    expected.loc[missing_country, "country"] = None
    copies_of_near = truth.loc[near].copy()  # kept: their ids differ; names stay as typed, e-mails lower case
    copies_of_near["contact_id"] = [n + 1 + k for k in range(3)]
    copies_of_near["name"] = copies_of_near["name"].str.upper()
    return pd.concat([expected, copies_of_near.astype(expected.dtypes.to_dict())], ignore_index=True)


def _expected_with_options(truth, dirty, removed: set[int], placeholders: list[int], outliers: list[int],
                           d: dict):
    """What the plan gives with every option: near copies merged, missing values filled with the median
    (or "Unknown"), far outliers clipped to the fence; the fence and medians go into `d`."""
    import numpy as np
    import pandas as pd

    expected = truth.drop(index=sorted(removed)).copy()
    known_income = expected["income"].astype("float64")
    known_income[expected.index.isin(outliers)] = [float(dirty.at[i, "income"]) for i in outliers
                                                   if i in expected.index]
    known_income[expected.index.isin(placeholders)] = np.nan
    # missing incomes are filled with the median first, then far outliers are clipped
    income_median = int(round(float(np.nanmedian(known_income))))
    known_income = known_income.fillna(income_median)
    q1, q3 = np.quantile(known_income, [0.25, 0.75])
    upper = math.ceil(q3 + 3 * (q3 - q1))
    expected.loc[expected.index.isin(outliers), "income"] = upper
    expected.loc[expected.index.isin(placeholders), "income"] = income_median
    missing_age = [i for i in expected.index if pd.isna(dirty.at[i, "age"])]
    ages = expected["age"].astype("float64")
    ages[expected.index.isin(missing_age)] = np.nan
    age_median = int(round(float(np.nanmedian(ages))))
    expected.loc[missing_age, "age"] = age_median
    missing_country = [i for i in expected.index if pd.isna(dirty.at[i, "country"])]
    expected.loc[missing_country, "country"] = "Unknown"
    d.update(income_fence=upper, income_median=income_median, age_median=age_median,
             missing_income=4, dropped_columns=["status", "notes"])
    return expected.reset_index(drop=True)


def write(path: Path | None = None, seed: int = 7) -> Path:
    path = path or Path(__file__).resolve().parent / "data" / "dirty_contacts.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    dirty, _, _ = make(seed)
    dirty.to_csv(path, index=False)
    return path


if __name__ == "__main__":
    print(f"wrote {write()}")
