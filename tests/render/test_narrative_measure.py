"""The Spanish narrative names a measure in words ('media de edad'), not by the alias the SQL gave it
('avg_age'), with the person's own word for the column; an alias a person chose, and English, stay."""

from __future__ import annotations

from dsagent.narrative import narrate
from dsagent.tools.sql import TableResult


def _grouped(alias: str, column: str = "age", function: str = "AVG") -> TableResult:
    return TableResult(query=f"SELECT sex, {function}({column}) AS {alias} FROM t GROUP BY 1 ORDER BY 1",
                     columns=["sex", alias], rows=[["female", 29.97], ["male", 29.76]], row_count=2, truncated=False)


def test_spanish_says_the_measure_in_the_persons_words():
    assert narrate(_grouped("avg_age"), "media de edad por sexo") == \
        "Mayor media de edad: female (29.97); menor: male (29.76). 2 filas."
    assert narrate(_grouped("total_fare", "fare", "SUM"), "tarifa total por sexo").startswith("Mayor total de tarifa:")


def test_an_alias_a_person_chose_and_english_stay():
    assert narrate(_grouped("media"), "media de edad por sexo").startswith("Mayor media: female")
    assert narrate(_grouped("avg_age"), "average age by sex") == \
        "Highest avg_age: female (29.97); lowest: male (29.76). 2 rows."


def test_a_count_named_count_is_a_recuento():
    counted = TableResult(query="SELECT pclass, COUNT(*) AS count FROM t GROUP BY 1", columns=["pclass", "count"],
                          rows=[[1, 216], [3, 487]], row_count=2, truncated=False)
    assert narrate(counted, "cuántos pasajeros por clase") == "Mayor recuento: 3 (487); menor: 1 (216). 2 filas."
    assert narrate(counted, "how many passengers by class") == "Highest count: 3 (487); lowest: 1 (216). 2 rows."


def test_groups_that_share_the_highest_or_the_lowest_value_are_all_named():
    # 'top 5 most borrowed book titles': two titles had 89 loans; the narrative called one of them the
    # highest as if it stood alone.
    tied = TableResult(query="SELECT t, count(*) AS count FROM x GROUP BY 1", columns=["t", "count"],
                       rows=[["A", 89], ["B", 89], ["C", 78], ["D", 70], ["E", 70], ["F", 70], ["G", 70], ["H", 70]],
                       row_count=8, truncated=False)
    assert narrate(tied, "loans by t") == \
        "Highest count: A and B (89 each); lowest: D, E, F and 2 more (70 each). 8 rows."
    assert narrate(tied, "préstamos por t").startswith("Mayor recuento: A y B (89 cada uno); menor: D, E, F y 2 más")


def test_a_capped_listing_says_what_the_answer_holds_not_what_the_screen_draws():
    # The screen draws a page of 40 rows and says so; the narrative said "the first 1000 are shown",
    # which the page beside it contradicted.
    listing = TableResult(query="SELECT * FROM t", columns=["id"], rows=[[i] for i in range(1000)],
                          row_count=1096, truncated=True)
    assert narrate(listing, "show all rows") == "1,096 rows with id; the answer holds the first 1,000."
    assert "guarda las primeras 1,000" in narrate(listing, "muestra todas las filas")


def _per_period(sql: str, keys: list, counts: list) -> TableResult:
    return TableResult(query=sql, columns=[sql.split(" AS ")[1].split(",")[0], "count"],
                       rows=[[k, n] for k, n in zip(keys, counts)], row_count=len(keys), truncated=False)


def test_a_count_per_month_with_a_month_that_has_no_rows_says_its_lowest_is_zero():
    # 'hires per month in 2015': July had none, so the result has no July row; its lowest month was
    # said to be March (1).
    counted = _per_period("SELECT date_trunc('month', hired_on) AS month, count(*) AS count FROM t GROUP BY 1",
                          ["2015-05-01T00:00:00", "2015-06-01T00:00:00", "2015-08-01T00:00:00", "2015-09-01T00:00:00"],
                          [4, 1, 4, 3])
    assert narrate(counted, "hires per month") == \
        "Highest count: 2015-05 and 2015-08 (4 each); lowest: 0 in 2015-07 (no rows there, so not listed). 4 rows."
    assert narrate(counted, "contrataciones por mes").startswith("Mayor recuento: 2015-05 y 2015-08 (4 cada uno); menor: 0 en 2015-07")


def test_years_without_rows_are_counted_and_a_full_span_is_said_as_before():
    gaps = _per_period("SELECT year(d) AS year, count(*) AS count FROM t GROUP BY 1", [2010, 2011, 2014], [5, 2, 7])
    assert "lowest: 0 in 2012 and 1 more (no rows there, so not listed)" in narrate(gaps, "count per year")
    full = _per_period("SELECT year(d) AS year, count(*) AS count FROM t GROUP BY 1", [2010, 2011, 2012], [5, 2, 7])
    assert narrate(full, "count per year") == "Highest count: 2012 (7); lowest: 2011 (2). 3 rows."
    averaged = TableResult(query="SELECT year(d) AS year, avg(x) AS avg_x FROM t GROUP BY 1", columns=["year", "avg_x"],
                           rows=[[2010, 1.5], [2014, 2.5]], row_count=2, truncated=False)
    assert "lowest: 2010 (1.5)" in narrate(averaged, "average x per year")  # an average of no rows is no 0
