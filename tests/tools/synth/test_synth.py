"""synthesize on a seeded table with known correlations: fidelity, privacy, balancing, conditions."""

from __future__ import annotations

import pytest

from dsagent.errors import ModelError, UserError
from dsagent.tools.base import ToolContext, get_tool


def _table(tmp_path, n=1500, seed=3):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    y = 0.8 * x + 0.6 * rng.normal(size=n)  # corr(x, y) = 0.8
    df = pd.DataFrame({
        "customer_id": np.arange(1, n + 1),
        "age": np.clip(40 + 10 * x, 18, 90).round().astype(int),
        "income": 50_000 + 10_000 * y,
        "gender": rng.choice(["F", "M"], n, p=[0.2, 0.8]),
        "member": rng.random(n) < 0.3,
        "churned": (rng.random(n) < 0.1).astype(int),
        "signup": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 700, n), unit="D"),
        "email": [f"user{i}@example.com" for i in range(n)],
    })
    df.loc[rng.choice(n, 40, replace=False), "income"] = np.nan
    path = tmp_path / "customers.csv"
    df.to_csv(path, index=False)
    return path


@pytest.fixture
def ws(tmp_path, open_ws):
    return open_ws(_table(tmp_path))


def _run(ws, ctx=None, **args):
    return get_tool("synthesize").run(ws, args, ctx or ToolContext())


def _real_rows(ws, table, columns):
    cols = ", ".join(columns)
    return {tuple(r) for r in ws.query(f"SELECT {cols} FROM {table}", max_rows=100_000).rows}


@pytest.mark.slow
def test_fidelity_keeps_marginals_and_correlation(ws):
    r = _run(ws, n_rows=1000, seed=1)
    assert r.table == "customers_synthetic" and r.row_count == 1000
    assert ws.row_count(r.table) == 1000 and ws.row_count("customers") == 1500  # source untouched
    real_corr = ws.scalar("SELECT corr(age, income) FROM customers")
    synth_corr = ws.scalar(f"SELECT corr(age, income) FROM {r.table}")
    assert real_corr > 0.75 and abs(synth_corr - real_corr) < 0.1
    assert r.fidelity["correlation_max_abs_diff"] < 0.1
    cols = r.fidelity["columns"]
    assert cols["age"]["metric"] == "ks" and cols["age"]["value"] < 0.1
    assert cols["income"]["value"] < 0.1 and cols["signup"]["value"] < 0.1
    assert cols["gender"]["metric"] == "tvd" and cols["gender"]["value"] < 0.05
    # types follow the source; ids are new; free text is not copied
    types = dict(ws.columns(r.table))
    assert types["signup"] == "DATE" and types["member"] == "BOOLEAN" and types["churned"] == "BIGINT"
    assert "email" not in types and [e["column"] for e in r.excluded] == ["email"]
    assert ws.scalar(f"SELECT min(customer_id) FROM {r.table}") == 1501
    missing = ws.scalar(f"SELECT avg((income IS NULL)::INT) FROM {r.table}")
    assert 0.005 < missing < 0.06  # real share 40/1500 = 2.7%


@pytest.mark.slow
def test_privacy_no_synthetic_row_equals_a_real_one(ws):
    r = _run(ws, n_rows=800, seed=2)
    cols = ["age", "round(income, 6)", "gender", "member", "churned", "signup"]
    real = _real_rows(ws, "customers", cols)
    synth = _real_rows(ws, r.table, cols)
    assert not real & synth
    p = r.privacy
    assert p["exact_copies_in_result"] == 0 and p["dcr_min"] >= p["threshold"] > 0
    assert p["too_close_dropped"] >= 0 and p["real_rows_compared"] == 1500


def test_exact_copies_are_dropped_and_counted(tmp_path, open_ws):
    """A table of few categories: most draws equal a real row, and every one of them is dropped."""
    rows = "\n".join(f"{['a', 'b'][i % 2]},{['x', 'y', 'z'][i % 3]}" for i in range(60))
    path = tmp_path / "tiny.csv"
    path.write_text("p,q\n" + rows + "\n")
    ws = open_ws(path)
    r = _run(ws, n_rows=50)
    assert r.row_count == 0 and r.privacy["exact_copies_dropped"] > 0
    assert r.notes and "privacy screen" in r.notes[0]


def test_balance_augments_minority_to_target(ws):
    r = _run(ws, balance_column="gender", seed=4)
    b = r.balance
    assert b["mode"] == "augment" and b["generated"]["M"] == 0 and b["generated"]["F"] > 0
    shares = dict(ws.query(f"SELECT gender, count(*) / sum(count(*)) OVER () FROM {r.combined_table} GROUP BY 1").rows)
    assert shares["F"] == pytest.approx(0.5, abs=0.02) and shares["M"] == pytest.approx(0.5, abs=0.02)
    assert ws.scalar(f"SELECT count(*) FROM {r.combined_table} WHERE synthetic") == r.row_count
    assert ws.row_count("customers") == 1500
    # the synthetic minority keeps the age-income relation
    assert ws.scalar(f"SELECT corr(age, income) FROM {r.table}") > 0.65


def test_balance_with_target_proportions_and_n_rows(ws):
    r = _run(ws, n_rows=600, balance_column="churned", target_proportions={"1": 0.3, "0": 0.7}, seed=5)
    shares = dict(ws.query(f"SELECT churned, count(*) / 600 FROM {r.table} GROUP BY 1").rows)
    assert shares[1] == pytest.approx(0.3, abs=0.02) and shares[0] == pytest.approx(0.7, abs=0.02)
    assert r.combined_table is None and r.balance["mode"] == "sample"
    r = _run(ws, balance_column="churned", target_proportions={"1": 0.25, "0": 0.75}, seed=6)
    shares = dict(ws.query(f"SELECT churned, count(*) / sum(count(*)) OVER () FROM {r.combined_table} GROUP BY 1").rows)
    assert shares[1] == pytest.approx(0.25, abs=0.02)


def test_condition_generates_only_matching_rows(ws):
    r = _run(ws, n_rows=300, condition={"gender": "F", "member": "true"}, seed=7)
    assert ws.query(f"SELECT DISTINCT gender, member FROM {r.table}").rows == [["F", True]]
    assert r.row_count == 300


def test_bad_requests_are_explained(ws):
    with pytest.raises(ModelError, match="did you mean gender"):
        _run(ws, balance_column="gendr")
    with pytest.raises(ModelError, match="'X' is not a value of gender"):
        _run(ws, condition={"gender": "X"})
    with pytest.raises(ModelError, match="category"):
        _run(ws, balance_column="income")
    with pytest.raises(UserError, match="cannot bring"):
        _run(ws, balance_column="gender", target_proportions={"F": 1.0, "M": 0.0})


def test_big_table_is_fitted_on_a_sample(ws, monkeypatch):
    import dsagent.tools.synth.run as run

    monkeypatch.setattr(run, "FIT_MAX_ROWS", 500)
    r = _run(ws, n_rows=200)
    assert r.fitted_rows == 500 and "sample of 500" in r.notes[-1]


def test_export_and_render(ws, tmp_path):
    from rich.console import Console

    from dsagent.render.answer import render_result

    r = _run(ws, ToolContext(output_dir=tmp_path / "out"), balance_column="gender", export="csv")
    assert r.export_path and (tmp_path / "out" / "customers_synthetic.csv").exists()
    console = Console(record=True, width=150)
    render_result(r, console)
    text = console.export_text()
    assert "fidelity" in text and "KS statistic" in text and "privacy" in text
    assert "balance of gender" in text and "customers_balanced" in text and "email" in text
    data = r.to_json()
    assert data["kind"] == "synthetic" and data["row_count"] == r.row_count and len(data["rows"]) <= 20


def test_planner_default_count_with_a_question_without_numbers_augments(ws):
    ctx = ToolContext(question="balance the data by gender")
    for count in (1000, 100):  # the offline planner's default, and what a small LLM filled in
        r = _run(ws, ctx, n_rows=count, balance_column="gender")
        assert r.balance["mode"] == "augment" and r.combined_table
    ctx = ToolContext(question="generate 1000 rows balanced by gender")
    r = _run(ws, ctx, n_rows=1000, balance_column="gender")
    assert r.balance["mode"] == "sample" and r.row_count == 1000


def test_timestamps_keep_time_and_empty_columns_keep_type(tmp_path, open_ws):
    lines = ["a,b,c,d"] + [f"{i * 1.5},,2024-01-{i % 28 + 1:02d} {i % 24:02d}:{i % 60:02d}:00,{'xy'[i % 2]}"
                           for i in range(1, 80)]
    path = tmp_path / "ts.csv"
    path.write_text("\n".join(lines) + "\n")
    ws = open_ws(path)
    r = _run(ws, n_rows=100)
    assert dict(ws.columns(r.table)) == dict(ws.columns("ts"))
    times = ws.query(f"SELECT count(DISTINCT hour(c)) FROM {r.table}").rows[0][0]
    assert times > 5  # time of day is synthesised, not dropped
    assert ws.scalar(f"SELECT count(b) FROM {r.table}") == 0


def test_copies_of_rows_outside_the_fitted_sample_are_dropped(tmp_path, open_ws, monkeypatch):
    """Fitted on a sample, the model may recreate a row it never saw; the full-table check in DuckDB drops it."""
    import dsagent.tools.synth.run as run

    rows = "\n".join(f"{['a', 'b'][i % 2]},{['x', 'y', 'z'][i % 3]},{i % 4}" for i in range(3000))
    path = tmp_path / "cats.csv"
    path.write_text("p,q,r\n" + rows + "\n")
    ws = open_ws(path)
    monkeypatch.setattr(run, "FIT_MAX_ROWS", 1000)
    r = _run(ws, n_rows=30)
    assert r.privacy["exact_copies_in_result"] == 0
    assert r.row_count == ws.row_count(r.table)
    real = _real_rows(ws, "cats", ["p", "q", "r"])
    assert not real & _real_rows(ws, r.table, ["p", "q", "r"])


def test_full_table_copy_check_drops_planted_copies(ws):
    import pandas as pd

    import dsagent.tools.synth.run as run

    real = ws.fetch_df("SELECT age, gender, churned FROM customers LIMIT 2")
    fake = pd.concat([real, pd.DataFrame({"age": [999], "gender": ["F"], "churned": [0]})], ignore_index=True)
    name = ws.register_frame("fake", fake, "customers", "test")
    assert run._drop_copies_of_full_table(ws, "customers", name, ["age", "gender", "churned"]) == 2
    assert ws.query(f"SELECT age FROM {name}").rows == [[999]]


def test_personal_data_with_few_distinct_values_is_not_sampled_back(tmp_path, open_ws):
    """A handful of people visiting often makes names and e-mails look like categories; sampling them
    as categories would put real names into the synthetic table (and into any export of it)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(5)
    people = ["Ana Lopez", "Bob Stone", "Carla Diaz", "Dan Wu", "Eve Park", "Frank Moe"]
    who = rng.choice(people, 300)
    pd.DataFrame({
        "visit_id": np.arange(1, 301), "full_name": who,
        "email": [p.split()[0].lower() + "@example.org" for p in who],
        "city": rng.choice(["Leeds", "York", "Bath"], 300), "spend": rng.uniform(5, 300, 300).round(2),
    }).to_csv(tmp_path / "visits.csv", index=False)
    ws = open_ws(tmp_path / "visits.csv")
    r = _run(ws, n_rows=100, seed=2)
    columns = [c for c, _ in ws.columns(r.table)]
    assert "full_name" not in columns and "email" not in columns and "city" in columns
    reasons = {e["column"]: e["reason"] for e in r.excluded}
    assert "person" in reasons["full_name"] and "email" in reasons["email"]


def test_why_a_table_cannot_be_imitated_is_said_in_the_requests_language(open_ws, tmp_path):
    import pandas as pd

    from dsagent.words.language import speaking

    path = tmp_path / "tiny.csv"
    pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]}).to_csv(path, index=False)
    ws = open_ws(path)
    with speaking("es"), pytest.raises(UserError) as es:
        _run(ws, n_rows=10)
    assert "hacen falta al menos 5" in es.value.message
    with pytest.raises(UserError) as en:
        _run(ws, n_rows=10)
    assert "at least 5 are needed" in en.value.message
