"""`dsagent ask ... -o FILE`: the answer's data written to a file (cleaned table, full query result);
bad targets refused before any work, with one line and exit code 2."""

from __future__ import annotations

from clean_helpers import write_weather

from dsagent.cli import cli


def test_ask_apply_writes_the_cleaned_data(tmp_path, capsys):
    import pandas as pd

    source = write_weather(tmp_path)
    before = source.read_bytes()
    out = tmp_path / "out"
    for name in ("cleaned.parquet", "cleaned.csv"):
        code = cli(["ask", str(source), "clean the data", "--apply", "-o", str(tmp_path / name),
                    "--output-dir", str(out)])
        assert code == 0
        df = pd.read_parquet(tmp_path / name) if name.endswith("parquet") else pd.read_csv(tmp_path / name)
        assert len(df) == 1461 and sorted(df["weather"].unique()) == ["drizzle", "fog", "rain", "snow", "sun"]
        assert int(df["temp_max"].isna().sum()) == 4
    err = capsys.readouterr().err
    assert f"wrote {tmp_path / 'cleaned.csv'}" in err
    assert (out / "weather_v2_clean.sql").exists() and source.read_bytes() == before


def test_ask_writes_every_row_of_a_query(tmp_path, capsys):
    import pandas as pd

    source = write_weather(tmp_path)
    code = cli(["ask", str(source), "SELECT * FROM weather ORDER BY date", "-o", str(tmp_path / "all.csv")])
    assert code == 0 and len(pd.read_csv(tmp_path / "all.csv")) == 1461  # not the 1,000 shown


def test_bad_output_targets_are_refused_before_any_work(tmp_path, capsys):
    source = write_weather(tmp_path)
    taken = tmp_path / "taken.csv"
    taken.write_text("keep")
    cases = [(taken, "already exists"), (tmp_path / "x.xlsx", "unknown extension"), (tmp_path, "is a folder")]
    for target, message in cases:
        code = cli(["ask", str(source), "clean the data", "--apply", "-o", str(target),
                    "--output-dir", str(tmp_path / "out")])
        out, err = capsys.readouterr()
        assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and out == ""
    assert taken.read_text() == "keep" and not (tmp_path / "out").exists()  # nothing was cleaned or written


def test_a_plan_that_is_not_applied_has_no_table_to_write(tmp_path, capsys):
    source = write_weather(tmp_path)
    code = cli(["ask", str(source), "clean the data", "-o", str(tmp_path / "c.csv")])
    err = capsys.readouterr().err
    assert code == 2 and "no table to write" in err and not (tmp_path / "c.csv").exists()
