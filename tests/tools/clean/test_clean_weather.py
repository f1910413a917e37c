"""Cleaning a daily weather file (not a bundled example): typos found, a 999 code set to missing,
a real extreme wind flagged and kept, nothing guessed."""

from __future__ import annotations

from clean_helpers import write_weather

from dsagent.tools.base import ToolContext, get_tool


def test_weather_is_cleaned_conservatively(tmp_path, open_ws):
    ws = open_ws(write_weather(tmp_path))
    r = get_tool("clean_data").run(ws, {}, ToolContext(output_dir=tmp_path / "out", apply=True))
    steps = {(s.step, s.column): s for s in r.plan}
    spelling = dict(steps[("map_values", "weather")].params["mapping"])
    assert {spelling[v] for v in ("rian", "fgo", "sunn", "drizle", "SUN", "Fog")} == {"rain", "fog", "sun", "drizzle"}
    sentinel = steps[("set_missing", "temp_max")]
    assert sentinel.params["values"] == [999] and sentinel.affected == 4
    assert not [s for s in r.plan if s.step in ("clip", "fill_missing")]
    categories = ws.query("SELECT DISTINCT weather FROM weather ORDER BY 1").rows
    assert categories == [["drizzle"], ["fog"], ["rain"], ["snow"], ["sun"]]
    assert ws.query("SELECT count(*) FROM weather WHERE temp_max IS NULL").rows == [[4]]
    assert ws.query("SELECT max(temp_max) < 60, max(wind) FROM weather").rows == [[True, 11.5]]  # kept
    assert any(n.startswith("wind: 2 values lie beyond 3 x IQR") and "flagged, not changed" in n for n in r.notes)
    assert [(s.option, s.column) for s in r.options] == [("fill_missing", "temp_max"), ("clip_outliers", "wind")]


def test_the_offline_planner_asks_for_options_only_when_the_person_does(tmp_path, open_ws):
    from dsagent.offline.planner import Planner
    from dsagent.offline.plan_sql import tool_call

    planner = Planner.for_workspace(open_ws(write_weather(tmp_path)))

    def call(question):
        return tool_call(planner.plan(question))

    assert call("clean the data") == ("clean_data", {"table": "weather", "apply": False})
    assert call("clean the data and fill the missing values")[1]["include"] == ["fill_missing"]
    assert call("clip the outliers")[1] == {"table": "weather", "apply": False, "only": ["clip"],
                                              "include": ["clip_outliers"]}
    assert call("merge the near duplicates")[1]["include"] == ["merge_near_duplicates"]
    assert call("limpia los datos y quita los atipicos")[1]["include"] == ["clip_outliers"]
