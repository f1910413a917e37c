"""The synthetic report cannot reassure wrongly: relationships of every pair type, train-on-synthetic
utility, detection, time structure, and a privacy screen that survives duplicate rows (issue 17)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dsagent.tools.base import ToolContext, get_tool


def _run(ws, ctx=None, **args):
    return get_tool("synthesize").run(ws, args, ctx or ToolContext())


def _open(open_ws, tmp_path, df, name):
    path = tmp_path / f"{name}.csv"
    df.to_csv(path, index=False)
    return open_ws(path)


def _survey(n=2000, seed=0):
    """Relationships a copula cannot hold: a class-specific mean and an interaction that decides the answer."""
    rng = np.random.default_rng(seed)
    region = rng.choice(["north", "centre", "south"], n, p=[0.5, 0.3, 0.2])
    # 'centre' is the middle interval of the copula's category scores: its high mean is no monotone relation
    hours = np.where(region == "centre", 0.94, 0.05) + rng.normal(0, 0.03, n)
    trust = rng.normal(size=n)
    interest = rng.normal(size=n)
    votes = np.where((trust > 0) ^ (interest > 0), "yes", "no")  # XOR: no pairwise correlation at all
    return pd.DataFrame({"region": region, "hours": hours.round(3), "trust": trust.round(3),
                         "interest": interest.round(3), "votes": votes,
                         "age": rng.integers(18, 90, n)})


@pytest.mark.slow
def test_lost_relationships_pull_the_headline_down(open_ws, tmp_path):
    ws = _open(open_ws, tmp_path, _survey(), "survey")
    r = _run(ws, n_rows=2000, seed=1)
    f = r.fidelity
    assert f["column_score"] > 0.9  # each column alone looks close: the old report said only this
    assert f["score"] < 0.5 and f["weakest"]
    rel = f["relationships"]
    assert rel["pairs_compared"] == 15  # 6 columns: every pair, whatever the types
    assert {p["metric"] for p in rel["pairs"]} >= {"spearman", "correlation ratio", "cramers_v"}
    worst = rel["worst_strong"]
    assert set(worst["columns"]) == {"region", "hours"} and worst["kept"] < 0.5
    means = worst["class_means"]
    assert means["class"] == "centre" and means["real_mean"] > 0.9 and means["synthetic_mean"] < 0.6
    util = {t["target"]: t for t in f["utility"]["targets"]}
    assert util["votes"]["trtr"] > 0.85 and util["votes"]["tstr"] < 0.65 and util["votes"]["score"] < 0.4
    assert f["detection"]["auc"] > 0.75 and f["detection"]["score"] < 0.5
    assert any("each column alone looks close" in n for n in r.notes)
    assert "weakest strong relationship" in r.summary()


@pytest.mark.slow
def test_copula_friendly_table_keeps_a_high_headline(open_ws, tmp_path):
    """Control: normal-ish data with linear relations, which a Gaussian copula models well."""
    rng = np.random.default_rng(5)
    n = 2000
    x = rng.normal(size=n)
    df = pd.DataFrame({"age": (40 + 10 * x).round(), "income": 50_000 + 8_000 * (0.8 * x + 0.6 * rng.normal(size=n)),
                       "member": rng.choice(["yes", "no"], n, p=[0.3, 0.7]), "visits": rng.poisson(5, n) + 20})
    ws = _open(open_ws, tmp_path, df, "members")
    r = _run(ws, n_rows=2000, seed=2)
    f = r.fidelity
    assert f["score"] > 0.7 and f["column_score"] > 0.9
    assert f["detection"]["auc"] < 0.65
    assert f["relationships"]["strong_kept"] > 0.85
    assert f["temporal"] is None


def _weather(days=1096, seed=3):
    rng = np.random.default_rng(seed)
    day = pd.date_range("2020-01-01", periods=days, freq="D")
    season = 12 - 9 * np.cos(2 * np.pi * (day.day_of_year.to_numpy() - 15) / 365.25)
    noise = np.zeros(days)
    for i in range(1, days):
        noise[i] = 0.9 * noise[i - 1] + rng.normal(0, 1.5)  # today is close to yesterday
    return pd.DataFrame({"date": day.strftime("%Y-%m-%d"), "temp": (season + noise).round(1),
                         "wind": rng.gamma(2, 2, days).round(1)})


def test_daily_series_is_detected_and_its_lost_structure_measured(open_ws, tmp_path):
    ws = _open(open_ws, tmp_path, _weather(), "weather")
    r = _run(ws, n_rows=1096, seed=4)
    t = r.fidelity["temporal"]
    assert t["kind"] == "series" and t["date"] == "date" and not t["kept"]
    assert t["duplicate_keys"]["real"] == 0 and t["duplicate_keys"]["synthetic"] > 200
    temp = t["columns"]["temp"]
    assert temp["lag1_real"] > 0.9 and temp["lag1_synthetic"] < 0.5
    assert temp["monthly_spread_real"] > 10 and temp["monthly_spread_synthetic"] < 0.6 * temp["monthly_spread_real"]
    assert r.fidelity["score"] <= t["score"] < 0.5
    note = next(n for n in r.notes if "order in time" in n)
    assert "block bootstrap" in note and "PARSynthesizer" in note
    assert "time structure lost" in r.summary()


@pytest.mark.slow
def test_panel_is_detected_by_entity_and_date(open_ws, tmp_path):
    rng = np.random.default_rng(6)
    frames = []
    for k in range(12):
        level = rng.normal(50, 10)
        walk = level + np.cumsum(rng.normal(0, 1, 60))
        frames.append(pd.DataFrame({"station_id": f"S{k:02d}", "day": pd.date_range("2023-01-01", periods=60)
                                    .strftime("%Y-%m-%d"), "level": walk.round(2)}))
    ws = _open(open_ws, tmp_path, pd.concat(frames), "stations")
    r = _run(ws, n_rows=720, seed=7)
    t = r.fidelity["temporal"]
    assert t["kind"] == "panel" and t["key"] == "station_id" and t["date"] == "day"
    assert t["columns"]["level"]["lag1_real"] > 0.8 and not t["kept"]


def test_privacy_threshold_survives_duplicate_rows(open_ws, tmp_path):
    """A survey where many respondents answered alike: the 1st percentile of real-to-real distances was 0.0."""
    rng = np.random.default_rng(8)
    base = pd.DataFrame({"age": rng.integers(18, 80, 300), "sex": rng.choice(["F", "M"], 300),
                         "score": rng.normal(50, 10, 300).round(1)})
    df = pd.concat([base, base.iloc[:100], base.iloc[:50]], ignore_index=True)  # 150 repeated answers
    ws = _open(open_ws, tmp_path, df, "answers")
    r = _run(ws, n_rows=300, seed=9)
    p = r.privacy
    assert p["real_distinct_rows"] == len(base.drop_duplicates()) and p["real_rows_compared"] == 450
    assert p["threshold"] > 0.01 and p["dcr_min"] >= p["threshold"]


def test_conditioned_rows_skip_population_checks(open_ws, tmp_path):
    ws = _open(open_ws, tmp_path, _survey(800), "survey")
    r = _run(ws, n_rows=200, condition={"region": "north"}, seed=10)
    f = r.fidelity
    assert f["utility"]["score"] is None and "slice" in f["utility"]["note"]
    assert all("region" not in p["columns"] for p in f["relationships"]["pairs"])


def test_the_terminal_shows_the_weakest_part_and_what_was_lost(open_ws, tmp_path):
    from rich.console import Console

    from dsagent.render.answer import render_result

    ws = _open(open_ws, tmp_path, _weather(400), "weather")
    r = _run(ws, n_rows=400, seed=11)
    console = Console(record=True, width=160)
    render_result(r, console)
    text = console.export_text()
    assert "quality score" in text and "the weakest part" in text
    assert "relationships between columns" in text and "Spearman" in text
    assert "time structure (series, by date): lost" in text and "lag-1 real" in text
    assert "classifier tells synthetic from real rows" in text
