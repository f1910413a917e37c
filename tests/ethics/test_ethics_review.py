"""review_result on typed results (table, chart, model, clean, synthetic, text) and review_prompt."""

from __future__ import annotations

import numpy as np
import pytest

from dsagent.ethics.review import review_prompt, review_result
from dsagent.ethics.finding import Finding
from dsagent.tools.base import TextResult, ToolContext, get_tool


def ids(findings, id_):
    return [f for f in findings if f.id == id_]


def run_sql(ws, sql, **ctx):
    return get_tool("run_sql").run(ws, {"sql": sql}, ToolContext(**ctx))


@pytest.fixture
def people(make_csv, open_ws):
    rng = np.random.default_rng(5)
    lines = ["person_id,name,email,sex,region,income,approved"]
    sizes = {"north": 500, "south": 480, "islands": 7, "ceuta": 3}
    i = 0
    for region, n in sizes.items():
        for _ in range(n):
            i += 1
            sex = "F" if rng.random() < 0.5 else "M"
            lines.append(f"{i},Person {i},user{i}@example.org,{sex},{region},{rng.normal(30000, 5000):.2f},"
                         f"{int(rng.random() < 0.4)}")
    return open_ws(make_csv("people.csv", "\n".join(lines) + "\n"))


# ------------------------------------------------------------------ tables
def test_grouped_average_flags_tiny_groups_and_hides_values_under_five(people):
    result = run_sql(people, "SELECT region, avg(income) AS mean_income FROM people GROUP BY region ORDER BY region")
    found = review_result(result, people, ToolContext())
    d1 = {f.severity: f for f in ids(found, "D1")}
    assert set(d1) == {"warn", "block"}
    assert "islands (7 rows)" in d1["warn"].message and "ceuta (3 rows)" in d1["block"].message
    shown = dict(result.rows)
    assert shown["ceuta"] is None and shown["islands"] is not None and shown["north"] is not None


def test_allow_d1_shows_the_value_and_downgrades_the_block(people):
    result = run_sql(people, "SELECT region, avg(income) AS mean_income FROM people GROUP BY region ORDER BY region")
    found = review_result(result, people, ToolContext(allow={"D1"}))
    assert all(f.severity != "block" for f in found)
    assert dict(result.rows)["ceuta"] is not None
    assert any("overridden by --allow D1" in f.message for f in found if f.id == "D1")


def test_clean_control_big_groups_and_thresholds_from_settings(people):
    sql = "SELECT region, avg(income) FROM people WHERE region IN ('north', 'south') GROUP BY region"
    assert ids(review_result(run_sql(people, sql), people, ToolContext()), "D1") == []
    strict = review_result(run_sql(people, sql), people, ToolContext(settings={"thresholds": {"D1_warn": 490}}))
    assert [f.severity for f in ids(strict, "D1")] == ["warn"] and "south (480 rows)" in ids(strict, "D1")[0].message


def test_personal_data_masked_in_displayed_rows_unless_full(people):
    sql = "SELECT name, email, income FROM people ORDER BY person_id LIMIT 5"
    result = run_sql(people, sql)
    found = review_result(result, people, ToolContext(privacy="masked"))
    e2 = ids(found, "E2")
    assert e2 and set(e2[0].columns) == {"name", "email"} and "masked" in e2[0].message
    assert all(r[1] == "<EMAIL>" and r[0] == "<PERSON>" for r in result.rows)
    assert "@" not in str(result.to_json())
    raw = run_sql(people, sql)
    assert ids(review_result(raw, people, ToolContext(privacy="full")), "E2") == []
    assert raw.rows[0][1] == "user1@example.org"


def test_pii_inside_free_text_cells_is_masked(people):
    result = run_sql(people, "SELECT 'write to ' || email AS note, region FROM people WHERE person_id = 1")
    found = review_result(result, people, ToolContext())
    assert result.rows[0][0] == "write to <EMAIL>"
    assert ids(found, "E1") or ids(found, "E2")


def test_imbalanced_distribution_and_protected_grouping(people):
    result = run_sql(people, "SELECT region, count(*) AS n FROM people GROUP BY region ORDER BY n DESC")
    found = review_result(result, people, ToolContext())
    assert not ids(found, "D2"), "north/south are balanced enough"
    skewed = run_sql(people, "SELECT region = 'ceuta' AS in_ceuta, count(*) AS n FROM people GROUP BY 1")
    assert ids(review_result(skewed, people, ToolContext()), "D2")
    by_sex = run_sql(people, "SELECT sex, avg(approved) AS rate FROM people GROUP BY sex")
    c1 = ids(review_result(by_sex, people, ToolContext()), "C1")
    assert c1 and c1[0].severity == "info" and c1[0].columns == ["sex"] and "unfair" not in c1[0].message


def test_join_with_duplicated_dimension_keys(make_csv, open_ws):
    products = ["product_id,category"] + [f"{i},c{i % 5}" for i in range(200)] + [f"{i},dup" for i in range(30)]
    orders = ["order_id,product_id,quantity"] + [f"{i},{i % 200},{1 + i % 3}" for i in range(1000)]
    ws = open_ws(make_csv("products.csv", "\n".join(products) + "\n"), make_csv("orders.csv", "\n".join(orders) + "\n"))
    sql = ("SELECT p.category, sum(o.quantity) AS units FROM orders o JOIN products p ON o.product_id = p.product_id "
           "GROUP BY p.category")
    d4 = ids(review_result(run_sql(ws, sql), ws, ToolContext()), "D4")
    assert d4 and d4[0].columns == ["product_id"] and "products.product_id" in d4[0].message
    clean = ["product_id,category"] + [f"{i},c{i % 5}" for i in range(200)]
    ws2 = open_ws(make_csv("p2/products.csv", "\n".join(clean) + "\n") if False else
                  make_csv("products_ok.csv", "\n".join(clean) + "\n"), make_csv("orders2.csv", "\n".join(orders) + "\n"))
    sql2 = sql.replace("orders o", "orders2 o").replace("products p", "products_ok p")
    assert ids(review_result(run_sql(ws2, sql2), ws2, ToolContext()), "D4") == []


# ------------------------------------------------------------------ charts
def test_chart_axis_not_from_zero_is_flagged():
    from dsagent.tools.chart.tool import ChartResult

    chart = ChartResult(spec={"kind": "bar", "x": "k", "y": "v", "ylim": [97, 102]}, path="c.png",
                        columns=["k", "v"], rows=[["a", 98.0], ["b", 99.0], ["c", 101.0]])
    assert [f.id for f in review_result(chart, None, ToolContext()) if f.severity != "info"] == ["D3"]
    clean = ChartResult(spec={"kind": "bar", "x": "k", "y": "v"}, path="c.png", columns=["k", "v"],
                        rows=[["a", 98.0], ["b", 99.0], ["c", 101.0]], draw={"value_axis": [0.0, 106.0]})
    assert ids(review_result(clean, None, ToolContext()), "D3") == []


def test_real_chart_of_tiny_groups(people, tmp_path):
    chart = get_tool("make_chart").run(people, {"kind": "bar", "x": "region", "y": "income", "aggregate": "mean"},
                                       ToolContext(output_dir=tmp_path))
    found = review_result(chart, people, ToolContext(output_dir=tmp_path))
    d1 = ids(found, "D1")
    assert d1 and all(f.severity == "warn" for f in d1) and "ceuta" in " ".join(f.message for f in d1)
    assert ids(found, "D3") == [] or all(f.severity == "info" for f in ids(found, "D3"))



@pytest.mark.parametrize("color", [None, "sex"])
def test_a_histogram_with_nearly_empty_bins_gets_no_small_group_warning(people, tmp_path, color):
    # its bins are counts of rows, exact however small; the float bin edges are its groups, not measures
    args = {"kind": "histogram", "x": "income", "bins": 40, **({"color": color} if color else {})}
    chart = get_tool("make_chart").run(people, args, ToolContext(output_dir=tmp_path))
    assert any(0 < r[-1] < 5 for r in chart.rows)  # the tails hold bins of a row or two
    assert ids(review_result(chart, people, ToolContext(output_dir=tmp_path)), "D1") == []

# ------------------------------------------------------------------ other kinds
def test_model_result_keeps_the_model_tools_findings_and_applies_overrides():
    from dsagent.tools.model.tool import ModelResult

    own = [Finding(id="C3", severity="block", message="group B is selected at 0.48 times the rate of group A"),
           Finding(id="A4", severity="warn", message="id dropped", columns=["id"])]
    model = ModelResult(task="classification", target="y", features=["x"], excluded=[], split="random 80/20",
                        metrics={}, best="dummy", card_path="", model_path="", findings=own)
    found = review_result(model, None, ToolContext())
    assert [(f.id, f.severity) for f in found] == [("C3", "block"), ("A4", "warn")]
    allowed = review_result(model, None, ToolContext(allow={"C3"}))
    assert allowed[0].severity == "warn" and allowed[0].message.endswith("(overridden by --allow C3)")


def test_synthetic_preview_masked_and_imbalance_reported():
    from dsagent.tools.synth.tool import SyntheticResult

    rows = [[f"s{i}@mail.com", "yes" if i < 97 else "no"] for i in range(100)]
    synth = SyntheticResult(table="synthetic_x", source_table="x", row_count=100, columns=["email", "label"],
                            rows=rows, fidelity={}, privacy={})
    found = review_result(synth, None, ToolContext())
    assert ids(found, "E2") and all(r[0] == "<EMAIL>" for r in synth.rows)
    assert [f.columns for f in ids(found, "D2")] == [["label"]]


def test_clean_result_reads_a_sample_of_the_new_table(people):
    from dsagent.tools.clean.tool import CleanResult

    cleaned = CleanResult(plan=[], applied=True, table="people", source_table="people")
    found = review_result(cleaned, people, ToolContext())
    e2 = ids(found, "E2")
    assert e2 and "email" in e2[0].columns


def test_text_result_masked():
    text = TextResult(text="Contact jane.doe@acme.com for details")
    found = review_result(text, None, ToolContext())
    assert text.text == "Contact <EMAIL> for details" and ids(found, "E1")


def test_review_prompt_masks_and_blocks_secrets():
    sent, findings = review_prompt("rows: ana@x.org; key AKIAIOSFODNN7EXAMPLE", "masked")
    assert "ana@x.org" not in sent and "AKIA" not in sent
    assert {f.id for f in findings} == {"E1", "E4"}


def test_must_withhold_skips_fixes_already_applied():
    from dsagent.ethics.review import must_withhold
    from dsagent.tools.model.tool import ModelResult

    findings = [Finding(id="A1", severity="block", message="leak dropped", columns=["leak"]),
                Finding(id="C2", severity="block", message="proxy dropped", columns=["zip", "race"]),
                Finding(id="D1", severity="block", message="values hidden"),
                Finding(id="C3", severity="block", message="selection rates differ", columns=["sex"]),
                Finding(id="A2", severity="warn", message="near copy", columns=["x"])]
    model = ModelResult(task="classification", target="y", features=["x"], split="random",
                        excluded=[{"column": "leak", "reason": "A1"}, {"column": "zip", "reason": "C2"},
                                  {"column": "sex", "reason": "protected attribute"}],
                        metrics={}, best="dummy", card_path="", model_path="")
    assert [f.id for f in must_withhold(findings, model)] == ["C3"]
    assert [f.id for f in must_withhold(findings, None)] == ["A1", "C2", "C3"]


def test_a_stray_value_in_a_text_column_is_masked_and_counted(people):
    sql = ("SELECT CASE WHEN person_id = 1 THEN 'mail ' || email ELSE 'no contact' END AS note, region "
           "FROM people ORDER BY person_id LIMIT 10")
    result = run_sql(people, sql)
    found = review_result(result, people, ToolContext())
    assert ids(found, "E2") == []
    assert [f.message for f in ids(found, "E1")] == ["Masked 1 personal value(s) (email) in the rows shown."]
    assert result.rows[0][0] == "mail <EMAIL>" and result.rows[1][0] == "no contact"


def test_a_count_named_column_outside_a_grouped_query_is_not_a_group_size(people):
    result = run_sql(people, "SELECT region, 3 AS n FROM people ORDER BY person_id LIMIT 5")
    found = review_result(result, people, ToolContext())
    assert ids(found, "D1") == [] and ids(found, "D2") == []
    assert all(r[1] == 3 for r in result.rows)


def test_a_model_whose_file_was_withheld_is_shown_with_its_blocks():
    """The model tool withheld the file; the evaluation is what lets the person judge the gap."""
    from dsagent.ethics.review import must_withhold
    from dsagent.ethics.finding import Finding
    from dsagent.tools.model.tool import ModelResult

    block = Finding(id="C4", severity="block", message="error rates differ by group")
    base = dict(task="binary", target="y", features=["a"], excluded=[], split="stratified",
                metrics={"linear": {"roc_auc": 0.7}}, best="linear", card_path="card.md", model_path="")
    shown = ModelResult(**base, extra={"withheld": ["C4"]})
    saved_anyway = ModelResult(**base, extra={})
    assert must_withhold([block], shown) == []
    assert must_withhold([block], saved_anyway) == [block]
