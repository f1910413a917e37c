"""clean_data on a seeded dirty table: every planted defect found, the applied result equals the expected table."""

from __future__ import annotations

import re

import pytest
from clean_helpers import REPO, as_text, dirty_module, write_dirty

from dsagent.errors import ModelError, UserError
from dsagent.tools.base import ToolContext, get_tool
from dsagent.tools.clean.tool import CleanResult, apply_plan, undo_clean


ALL_OPTIONS = ["merge_near_duplicates", "fill_missing", "clip_outliers"]


@pytest.fixture
def dirty(tmp_path, open_ws):
    path, raw, expected, defects = write_dirty(tmp_path)
    ws = open_ws(path)
    return ws, expected, defects


@pytest.fixture
def dirty_all(tmp_path, open_ws):
    """The same table, with what the plan gives when every option it offers is included."""
    path, raw, expected, defects = write_dirty(tmp_path, options=True)
    ws = open_ws(path)
    return ws, expected, defects


def _plan(ws, ctx=None, **args):
    return get_tool("clean_data").run(ws, args, ctx or ToolContext())


def _steps(result, kind, column=None):
    return [s for s in result.plan if s.step == kind and s.column == column]


def test_plan_finds_every_planted_defect(dirty_all):
    ws, _, d = dirty_all
    r = _plan(ws, include=ALL_OPTIONS)
    assert not r.applied and r.table == "dirty_contacts" and r.options == []
    exact, near = _steps(r, "drop_duplicates")
    assert exact.affected == d["exact_duplicates"] and not exact.params["normalise"]
    assert near.affected == d["near_duplicates"] and "contact_id" not in near.params["columns"]
    assert _steps(r, "trim", "name")[0].affected == d["trim_name"]
    assert _steps(r, "trim", "country")[0].affected == d["trim_country"]
    assert _steps(r, "trim", "income")[0].affected == d["trim_income"]
    placeholder, = _steps(r, "map_values", "income")
    assert placeholder.affected == d["income_placeholders"]
    assert {a for a, b in placeholder.params["mapping"]} == {"n/a", "N/A", "-"}
    assert _steps(r, "cast", "income")[0].params["to"] == "BIGINT"
    dates, = _steps(r, "parse_dates", "signup_date")
    assert dates.params["formats"] == ["%Y-%m-%d", "%d/%m/%Y"]
    spelling, = _steps(r, "map_values", "country")
    assert spelling.affected == d["country_spellings"]
    assert sorted(a for a, _ in spelling.params["mapping"]) == sorted(d["country_variant_values"])
    assert dict(spelling.params["mapping"])["U.S.A."] == "USA" and dict(spelling.params["mapping"])["Germny"] == "Germany"
    assert _steps(r, "normalise_case", "email")[0].affected == d["email_capitals"]
    ages = {s.params["op"]: s.affected for s in _steps(r, "drop_rows", "age")}
    assert ages == {"<": d["negative_age"], ">": d["age_over_120"]}
    assert _steps(r, "drop_rows", "birth_date")[0].affected == d["future_birth"]
    clip, = _steps(r, "clip", "income")
    assert clip.affected == d["income_outliers"] and clip.params["upper"] == d["income_fence"]
    fills = {s.column: s for s in r.plan if s.step == "fill_missing"}
    assert fills["age"].affected == d["missing_age"] and fills["age"].params["value"] == d["age_median"]
    assert fills["income"].affected == d["missing_income"] and fills["income"].params["value"] == d["income_median"]
    assert fills["country"].params["value"] == "Unknown"
    assert sorted(s.column for s in r.plan if s.step == "drop_column") == sorted(d["dropped_columns"])
    assert all(s.reason and s.affected > 0 for s in r.plan)
    # nothing else: no step on a column that had no planted defect
    assert not [s for s in r.plan if s.column in ("contact_id", "birth_date") and s.step != "drop_rows"]
    assert {s.option for s in r.plan if s.option} == set(ALL_OPTIONS)


def test_the_default_plan_is_conservative_and_offers_the_rest(dirty_all):
    """By default nothing is guessed (no filling), far values are flagged not clipped, and rows whose
    identifiers differ are not merged: each of those is an option the plan offers."""
    ws, _, d = dirty_all
    r = _plan(ws)
    assert not [s for s in r.plan if s.step in ("fill_missing", "clip")]
    assert len(_steps(r, "drop_duplicates")) == 1  # the exact copies only
    offered = {(s.option, s.step, s.column): s for s in r.options}
    near = offered[("merge_near_duplicates", "drop_duplicates", None)]
    assert near.affected == d["near_duplicates"] and "contact_id differ" in near.reason
    assert offered[("fill_missing", "fill_missing", "age")].params["value"] == d["age_median"]
    assert offered[("fill_missing", "fill_missing", "country")].params["value"] == "Unknown"
    assert offered[("clip_outliers", "clip", "income")].affected == d["income_outliers"]
    assert any(n.startswith("income: 2 values lie beyond 3 x IQR") and "flagged, not changed" in n for n in r.notes)
    # a range of thousands written "[-43,173, 102,113]" read as four numbers
    assert any(re.search(r"\(outside -?[\d,.]+ to [\d,.]+\)", n) for n in r.notes), r.notes
    assert "clipped to the range " in offered[("clip_outliers", "clip", "income")].reason
    assert any(n.startswith("age: 3 missing values kept: filling them is an option") for n in r.notes)
    # asking for one kind ("fill the missing values") includes it
    filled = _plan(ws, only=["fill_missing"])
    assert {s.column for s in filled.plan} == {"age", "country"} and filled.options == []  # income is text until cast


def test_the_target_is_never_filled(dirty_all):
    ws, _, _ = dirty_all
    r = _plan(ws, include=["fill_missing"], target="country")
    assert {s.column for s in r.plan if s.step == "fill_missing"} == {"age", "income"}
    assert any(n.startswith("country: 2 missing values kept: it is the target, never filled") for n in r.notes)


def test_plan_is_not_applied_without_permission(dirty):
    ws, _, _ = dirty
    r = _plan(ws, apply=True)  # the model asked, the person did not (ctx.apply is False)
    assert not r.applied and set(ws.tables) == {"dirty_contacts"}
    assert r.to_json()["plan"][0].keys() >= {"step", "column", "reason", "affected"}


def test_applied_default_plan_equals_expected_conservative_table(dirty, tmp_path):
    ws, expected, d = dirty
    r = _plan(ws, ToolContext(output_dir=tmp_path / "out", apply=True))
    got = ws.fetch_df("SELECT * FROM dirty_contacts")
    assert list(got.columns) == list(expected.columns)
    assert as_text(got).equals(as_text(expected))
    assert r.diff["rows_removed"] == d["exact_duplicates"] + 5
    assert got["income"].isna().sum() == d["missing_income"] and got["age"].isna().sum() == d["missing_age"]


def test_applied_result_equals_expected_clean_table(dirty_all, tmp_path):
    ws, expected, d = dirty_all
    before = ws.fetch_df("SELECT * FROM dirty_contacts")
    r = _plan(ws, ToolContext(output_dir=tmp_path / "out", apply=True), include=ALL_OPTIONS)
    # the cleaned version takes the base name; the source goes by a name of its own
    assert r.applied and r.table == "dirty_contacts" and r.version == "dirty_contacts_v2"
    assert r.source_table == "dirty_contacts_v1" and ws.tables["dirty_contacts_v1"].storage == "table"
    got = ws.fetch_df("SELECT * FROM dirty_contacts")
    assert list(got.columns) == list(expected.columns)
    assert as_text(got).equals(as_text(expected))
    assert dict(ws.columns("dirty_contacts"))["signup_date"] == "DATE"
    assert ws.default_table() == "dirty_contacts"
    # the source is untouched
    assert ws.fetch_df("SELECT * FROM dirty_contacts_v1").equals(before)
    diff = r.diff
    assert diff["rows_before"] == len(before) and diff["rows_after"] == len(expected)
    assert diff["rows_removed"] == d["exact_duplicates"] + d["near_duplicates"] + 5
    assert diff["columns"]["name"]["changed"] == d["trim_name"]
    assert all(a != b and " ".join(a.split()) == b for a, b in diff["columns"]["name"]["examples"])
    assert diff["columns"]["income"]["type"] == "VARCHAR -> BIGINT"
    assert diff["dropped_columns"] == ["status", "notes"]
    assert set(r.scripts) == {"sql", "python"}


@pytest.mark.slow
def test_second_pass_finds_nothing_more(dirty):
    ws, _, _ = dirty
    first = apply_plan(ws, _plan(ws))
    again = _plan(ws, table=first.table)
    assert again.plan == []
    everything = apply_plan(ws, _plan(ws, include=ALL_OPTIONS))
    assert _plan(ws, table=everything.table, include=ALL_OPTIONS).plan == []


def test_versions_and_undo(dirty):
    ws, _, _ = dirty
    rows = ws.row_count("dirty_contacts")
    v2 = apply_plan(ws, _plan(ws, only=["drop_duplicates"]))
    assert (v2.table, v2.version) == ("dirty_contacts", "dirty_contacts_v2")
    assert ws.tables["dirty_contacts"].parent == "dirty_contacts_v1"
    deduplicated = ws.row_count("dirty_contacts")
    assert deduplicated < rows and ws.row_count("dirty_contacts_v1") == rows
    v3 = apply_plan(ws, _plan(ws, table=v2.table, only=["trim"]))
    assert (v3.table, v3.version, v3.source_table) == ("dirty_contacts", "dirty_contacts_v3", "dirty_contacts_v2")
    assert list(ws.tables) == ["dirty_contacts_v1", "dirty_contacts_v2", "dirty_contacts"]
    assert ws.tables["dirty_contacts_v2"].parent == "dirty_contacts_v1"
    assert undo_clean(ws, "dirty_contacts") == "dirty_contacts"
    assert "dirty_contacts_v3" not in ws.tables and ws.tables["dirty_contacts"].version == 2
    assert ws.row_count("dirty_contacts") == deduplicated
    assert undo_clean(ws, "dirty_contacts") == "dirty_contacts"
    assert set(ws.tables) == {"dirty_contacts"} and ws.row_count("dirty_contacts") == rows
    assert ws.tables["dirty_contacts"].storage == "table"  # the source itself, its name back
    with pytest.raises(UserError, match="nothing to undo"):
        undo_clean(ws, "dirty_contacts")
    again = apply_plan(ws, _plan(ws, only=["drop_duplicates"]))
    assert again.version == "dirty_contacts_v2"


def test_only_and_columns_restrict_the_plan(dirty):
    ws, _, _ = dirty
    r = _plan(ws, columns=["country"])
    assert {s.column for s in r.plan} == {"country"}
    assert {s.step for s in r.plan} == {"trim", "map_values"}
    assert [(s.step, s.column) for s in r.options] == [("fill_missing", "country")]  # offered, not guessed
    r = _plan(ws, only=["drop_duplicates"])
    assert [s.step for s in r.plan] == ["drop_duplicates"]  # exact copies; rows whose ids differ: an option
    assert [(s.option, s.step) for s in r.options] == [("merge_near_duplicates", "drop_duplicates")]
    r = _plan(ws, only=["drop_duplicates"], include=["merge_near_duplicates"])
    assert [s.step for s in r.plan] == ["drop_duplicates", "drop_duplicates"]
    with pytest.raises(ModelError, match="did you mean country"):
        _plan(ws, columns=["countyr"])


def test_clean_table_control_gives_empty_plan(make_csv, open_ws):
    rows = "\n".join(f"{i},name {i},{['ES', 'FR', 'DE'][i % 3]},{20 + i % 40},{1000 + 7 * i}" for i in range(1, 120))
    ws = open_ws(make_csv("ok.csv", "id,name,country,age,amount\n" + rows + "\n"))
    r = _plan(ws)
    assert r.plan == [] and not r.applied
    with pytest.raises(UserError, match="plan is empty"):
        apply_plan(ws, r)


def test_interrupted_apply_leaves_nothing(dirty, tmp_path, monkeypatch):
    """A failure half-way through writing the scripts: no version, no script, no temp file left."""
    import pathlib

    ws, _, _ = dirty
    original = pathlib.Path.write_text

    def half_then_fail(self, text, *args, **kwargs):
        original(self, text[: len(text) // 2], *args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(pathlib.Path, "write_text", half_then_fail)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        _plan(ws, ToolContext(output_dir=out, apply=True))
    monkeypatch.undo()
    assert set(ws.tables) == {"dirty_contacts"}  # no half-made version
    assert not out.exists() or list(out.iterdir()) == []


def test_example_file_matches_generator(tmp_path):
    module = dirty_module()
    dirty, _, _ = module.make()
    shipped = (REPO / "examples" / "data" / "dirty_contacts.csv").read_text(encoding="utf-8")
    assert shipped == dirty.to_csv(index=False)


def test_rendered_plan_reads_like_a_plan(dirty):
    from rich.console import Console

    ws, _, _ = dirty
    r = _plan(ws)
    console = Console(record=True, width=140)
    from dsagent.render.answer import render_result

    render_result(r, console)
    text = console.export_text()
    assert "drop_duplicates" in text and "U.S.A." in text and "--apply" in text
    applied = apply_plan(ws, r)
    console = Console(record=True, width=140)
    render_result(applied, console)
    text = console.export_text()
    assert "dirty_contacts_v2" in text and "rows removed" in text and "Noah Fischer" in text
    assert isinstance(applied, CleanResult)


def test_awkward_names_and_categories_that_only_look_alike(make_csv, open_ws):
    """Quoted column names work end to end; 'A+'/'A-' and codes one digit apart are not merged."""
    lines = ["Order Date,select,blood type,code,Country Name"]
    blood = ["A+"] * 30 + ["A-"] * 5 + ["0+"] * 20
    for i in range(55):
        country = ["Spain", "spain ", "Francia"][i % 3] if i < 54 else "FRANCIA"
        day = f"2024-03-{i % 28 + 1:02d}" if i % 5 == 0 else f"{i % 28 + 1:02d}/03/2024"  # two formats: text
        lines.append(f"{day},{i},{blood[i]},{'AB123' if i < 50 else 'AB124'},{country}")
    ws = open_ws(make_csv("odd.csv", "\n".join(lines) + "\n"))
    r = _plan(ws)
    spelling = {s.column: dict(s.params["mapping"]) for s in r.plan if s.step == "map_values"}
    assert "blood type" not in spelling and "code" not in spelling
    assert spelling["Country Name"] == {"spain": "Spain", "FRANCIA": "Francia"}
    assert [s.params["formats"] for s in r.plan if s.step == "parse_dates"] == [["%d/%m/%Y", "%Y-%m-%d"]]
    applied = apply_plan(ws, r)
    types = dict(ws.columns(applied.table))
    assert types["Order Date"] == "DATE" and types["select"] == "BIGINT"
    assert ws.query(f'SELECT DISTINCT "Country Name" FROM {applied.table} ORDER BY 1').rows == [["Francia"], ["Spain"]]


def test_staged_planning_of_big_tables_gives_the_same_plan(dirty, monkeypatch):
    import dsagent.tools.clean.detect as detect

    ws, _, _ = dirty
    plain = _plan(ws).plan
    monkeypatch.setattr(detect, "STAGE_MIN_ROWS", 0)  # every stage kept in a temp table
    staged = _plan(ws).plan
    assert staged == plain
    temp = ws.query("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '__dsagent_stage%'").rows[0][0]
    assert temp == 0  # the staging tables are gone


def test_asked_mappings_are_added_and_checked(dirty):
    ws, _, _ = dirty
    ws.register_frame("people", __import__("pandas").DataFrame(
        {"country": ["USA", "United States", "Spain", "USA", "España"] * 4, "n": range(20)}), None, "test")
    r = _plan(ws, table="people", mappings={"country": {"United States": "USA", "España": "Spain"}})
    asked, = [s for s in r.plan if s.params.get("purpose") == "asked"]
    assert asked.column == "country" and asked.affected == 8
    applied = apply_plan(ws, r)
    assert ws.query(f"SELECT DISTINCT country FROM {applied.table} ORDER BY 1").rows == [["Spain"], ["USA"]]
    with pytest.raises(ModelError, match="'Germany' not found in 'country'.*'USA'"):
        _plan(ws, table="people", mappings={"country": {"Germany": "DE"}})
    with pytest.raises(ModelError, match="unknown column"):
        _plan(ws, table="people", mappings={"pais": {"a": "b"}})
