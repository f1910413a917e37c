"""Reviewer precision (issue 16): a bare `name` is a person's only in a table of people; protected
attributes by abbreviation, in Spanish and by their values; C1 names the grouping column, never the
measure; no imbalance warning on a year or date column."""

from __future__ import annotations

import datetime

from dsagent.ethics.people import describes_people, names_read_as_people
from dsagent.ethics.representation import check_imbalance
from dsagent.ethics.review import review_result
from dsagent.tools.base import ToolContext, get_tool


def ids(findings, id_):
    return [f for f in findings if f.id == id_]


def run_sql(ws, sql):
    return get_tool("run_sql").run(ws, {"sql": sql}, ToolContext())


def reviewed(ws, sql):
    return review_result(run_sql(ws, sql), ws, ToolContext())


SHIPS = "Name,tonnage,launched,builder\n" + "".join(
    f"{n},{1000 + 37 * i},{1900 + i},{b}\n" for i, (n, b) in enumerate(
        [("Queen Mary", "John Brown"), ("Victory", "Chatham"), ("Cutty Sark", "Scott"), ("Endurance", "Framnaes"),
         ("Mayflower", "Harwich"), ("Beagle", "Woolwich"), ("Bounty", "Blaydes"), ("Vasa", "Stockholm")] * 3))
CREW = "Name,age,rank,ship\n" + "".join(f"{n},{30 + i},{r},Victory\n" for i, (n, r) in enumerate(
    [("Ann Lee", "captain"), ("Bo Diaz", "mate"), ("Cy Park", "cook"), ("Di Wong", "mate")] * 3))


def test_a_ship_tables_name_is_not_a_persons_name(make_csv, open_ws):
    ws = open_ws(make_csv("ships.csv", SHIPS))
    assert not ids(reviewed(ws, "SELECT Name, tonnage FROM ships ORDER BY tonnage DESC LIMIT 10"), "E2")
    result = run_sql(ws, "SELECT Name FROM ships LIMIT 5")
    review_result(result, ws, ToolContext())
    assert result.rows[0][0] == "Queen Mary"  # shown as it is, not masked


def test_a_name_in_a_table_of_people_is_still_masked(make_csv, open_ws):
    ws = open_ws(make_csv("crew.csv", CREW))
    e2 = ids(reviewed(ws, "SELECT Name, rank FROM crew LIMIT 10"), "E2")  # 'age' beside it says people
    assert e2 and "'Name' (person)" in e2[0].message


def test_people_by_table_name_other_columns_or_honorifics():
    assert describes_people(["tonnage"], ["passengers"])
    assert describes_people(["salario", "puesto"])
    assert describes_people(["email"]) and describes_people(["sexo"])
    assert not describes_people(["height_m", "range", "first_ascent"], ["mountains"])
    assert names_read_as_people(["Braund, Mr. Owen Harris", "Cumings, Mrs. John", "Heikkinen, Miss. Laina"])
    assert not names_read_as_people(["Paris, France", "Lima, Peru", "Oslo, Norway"])


def test_c1_names_the_grouping_column_never_the_measure(make_csv, open_ws):
    ws = open_ws(make_csv("survey.csv", "region,age,sexo\n" + "".join(
        f"{r},{20 + i},{s}\n" for i, (r, s) in enumerate([("north", "F"), ("south", "M")] * 30))))
    by_region = reviewed(ws, "SELECT region, avg(age) AS avg_age FROM survey GROUP BY region")
    assert not ids(by_region, "C1")  # 'avg_age' is the measure, not what rows are grouped by
    by_age = ids(reviewed(ws, "SELECT age, count(*) AS n FROM survey GROUP BY age"), "C1")
    assert by_age and "'age' (age)" in by_age[0].message
    by_sexo = ids(reviewed(ws, "SELECT sexo, avg(age) AS edad_media FROM survey GROUP BY sexo"), "C1")
    assert by_sexo and "'sexo' (sex)" in by_sexo[0].message and "edad_media" not in by_sexo[0].message


def test_c1_on_an_abbreviated_name_and_on_values_alone(make_csv, open_ws):
    ws = open_ws(make_csv("wages.csv", "ethn,grp,wage\n" + "".join(
        f"{e},{g},{10 + i}\n" for i, (e, g) in enumerate([("black", "white"), ("hisp", "asian"),
                                                           ("other", "hispanic")] * 10))))
    c1 = ids(reviewed(ws, "SELECT ethn, avg(wage) AS w FROM wages GROUP BY ethn"), "C1")
    assert c1 and "'ethn' (race/ethnicity)" in c1[0].message
    by_values = ids(reviewed(ws, "SELECT grp, count(*) AS n FROM wages GROUP BY grp"), "C1")
    assert by_values and "'grp' (race/ethnicity)" in by_values[0].message


def test_colours_are_not_race(make_csv, open_ws):
    ws = open_ws(make_csv("paint.csv", "colour,litres\n" + "".join(
        f"{c},{i}\n" for i, c in enumerate(["white", "black", "red", "blue"] * 10))))
    assert not ids(reviewed(ws, "SELECT colour, sum(litres) AS l FROM paint GROUP BY colour"), "C1")


def test_no_imbalance_warning_on_a_year_or_date_column():
    counts = [900, 20, 10, 5]
    assert check_imbalance(counts, ["a", "b", "c", "d"], "segment")  # the rule still fires on categories
    assert not check_imbalance(counts, [2012, 2013, 2014, 2015], "year")
    assert not check_imbalance(counts, [2012, 2013, 2014, 2015], "periodo")  # year numbers, any name
    assert not check_imbalance(counts, [datetime.date(2020, 1, d) for d in (1, 2, 3, 4)], "day_of")
    assert not check_imbalance(counts, ["2020-01", "2020-02", "2020-03", "2020-04"], "order_month")


def test_no_imbalance_warning_on_a_grouped_year(make_csv, open_ws):
    ws = open_ws(make_csv("sales.csv", "year,segment\n" + "2015,a\n" * 300 + "2014,b\n" * 10 + "2013,c\n" * 5))
    assert not ids(reviewed(ws, "SELECT year, count(*) AS n FROM sales GROUP BY year"), "D2")
    assert ids(reviewed(ws, "SELECT segment, count(*) AS n FROM sales GROUP BY segment"), "D2")
