"""The shape of a model's answer against its question (agent/sql/shape.py), join paths
(agent/sql/joins.py) and `<table>_<column>` names in repair messages, over an invented shop."""

from __future__ import annotations

import pytest

from dsagent.errors import SqlRejected
from dsagent.llm.fake import FakeChatModel, call
from dsagent.llm.prompting import render
from dsagent.config import Settings
from dsagent.session import Session
from dsagent.sql import joins, shape
from dsagent.sql.guard import guard_sql
from conftest import FIXTURES

SHOP = FIXTURES / "shop"
TABLES = ("categories", "products", "regions", "customers", "stores", "sales")


@pytest.fixture(scope="module")
def ws():
    from dsagent.data.workspace import Workspace

    opened = Workspace.open([str(SHOP / f"{t}.csv") for t in TABLES])
    yield opened
    opened.close()


def note(ws, question, sql):
    rows = ws.query(sql).row_count
    found = shape.shape_note(ws, sql, question, rows)
    return render(found.template, **found.values).strip() if found else None


def example(text):
    return text.split("e.g. ")[1].split("; If ")[0]


def test_an_identifier_where_the_question_names_the_things_gets_their_name(ws):
    text = note(ws, "how many products are there in each category?",
                "SELECT category_id, count(*) AS n FROM products GROUP BY category_id")
    assert text.startswith("The query ran, but its answer shows category_id where the question asks about "
                           "categories: show their title instead, e.g. SELECT categories.title, COUNT(*) AS n FROM "
                           "products JOIN categories ON categories.category_id = products.category_id GROUP BY "
                           "categories.title;")
    assert text.endswith("repeat the same call.")
    assert sorted(ws.query(example(text)).rows) == [["Garden", 2], ["Kitchen", 2], ["Toys", 1]]


def test_an_ordering_alias_stays_bare_in_the_rewritten_query(ws):
    text = note(ws, "which category has the most products?",
                "SELECT category_id, count(*) AS n FROM products GROUP BY category_id ORDER BY n DESC LIMIT 1")
    assert "ORDER BY n DESC LIMIT 1" in example(text)
    assert ws.query(example(text)).row_count == 1


def test_identifiers_asked_for_or_of_no_named_table_get_no_note(ws):
    sql = "SELECT category_id, count(*) AS n FROM products GROUP BY category_id"
    assert note(ws, "how many products per category id?", sql) is None  # the ids are what was asked
    assert note(ws, "how many products per group?", sql) is None  # the question does not name categories
    # the table is already read: the model chose to show the id
    assert note(ws, "products in each category", "SELECT c.category_id, count(*) FROM products p "
                "JOIN categories c ON c.category_id = p.category_id GROUP BY 1") is None


def test_one_row_where_the_question_asks_for_each_thing_gets_a_grouping(ws):
    text = note(ws, "what is the average quantity sold at each store?", "SELECT avg(quantity) FROM sales")
    assert "the question asks for each store: give one row for each, grouped by stores.name" in text
    assert example(text) == ("SELECT stores.name, AVG(sales.quantity) FROM sales JOIN stores ON "
                             "stores.store_id = sales.store_id GROUP BY stores.name")
    assert sorted(ws.query(example(text)).rows) == [["Harbour", 2.0], ["Old Town", 3.0]]


def test_each_thing_may_be_a_column_of_a_table_reached_by_a_join(ws):
    text = note(ws, "total quantity for every customer segment", "SELECT sum(quantity) AS q FROM sales")
    assert "grouped by customers.segment" in text
    assert sorted(ws.query(example(text)).rows) == [["retail", 11], ["trade", 1]]
    # or a column of the table read, with the subquery's own columns left as they are
    text = note(ws, "average price per category", "SELECT avg(price) FROM products WHERE product_id IN "
                "(SELECT product_id FROM sales)")
    assert example(text).endswith("FROM products JOIN categories ON categories.category_id = "
                                  "products.category_id WHERE products.product_id IN (SELECT product_id FROM "
                                  "sales) GROUP BY categories.title")


def test_one_row_that_answers_the_question_gets_no_note(ws):
    assert note(ws, "what is the average price of products?", "SELECT avg(price) FROM products") is None
    assert note(ws, "average price at each store", "SELECT avg(price) FROM products GROUP BY category_id") is None
    assert note(ws, "list the products sorted by price", "SELECT max(price) FROM products") is None
    # a ratio: one row is the answer
    ratio = "SELECT count(*) / count(DISTINCT store_id) FROM sales"
    assert note(ws, "what is the average number of sales per store?", ratio) is None
    assert note(ws, "how many sales does a store have on average?", ratio) is None
    assert note(ws, "how many sales per store?", ratio) is not None  # not a ratio: one row per store
    # one value of the grouping kept: one row is the answer
    joined = "SELECT sum(sales.quantity) FROM sales JOIN stores ON stores.store_id = sales.store_id"
    assert note(ws, "quantity per city for Porto", f"{joined} WHERE stores.city = 'Porto'") is None
    assert "grouped by stores.city" in note(ws, "quantity per city", joined)
    assert shape._grouped_phrases(["average", "price", "by", "the", "category"]) == [["category"]]
    assert shape._grouped_phrases(["products", "sorted", "by", "price"]) == []
    assert shape._grouped_phrases(["media", "de", "precio", "por", "categoria", "y", "mes"]) == [["categoria", "y"]]


def test_join_paths_go_through_the_tables_between():
    columns = {"sales": ["sale_id", "customer_id"], "customers": ["customer_id", "region_id"],
               "regions": ["region_id", "name"], "notes": ["text"]}
    chain = joins.path(columns, ["sales"], "regions")
    assert [j.sql() for j in chain] == ["JOIN customers ON customers.customer_id = sales.customer_id",
                                        "JOIN regions ON regions.region_id = customers.region_id"]
    assert joins.path(columns, ["sales"], "notes") is None
    assert joins.path(columns, ["sales"], "regions", max_hops=1) is None
    # `<table>_<column>` of one names the other's column; a shared 'name' is no key
    assert joins.key_pairs("flights", ["airline_code"], "airlines", ["code"]) == [("airline_code", "code")]
    assert joins.key_pairs("a", ["name", "paid"], "b", ["name", "paid"]) == []


def test_a_column_two_joins_away_comes_back_with_the_path(ws):
    with pytest.raises(SqlRejected) as info:
        guard_sql("SELECT manager, sum(quantity) FROM sales GROUP BY manager", ws)
    msg = str(info.value)
    assert "it is a column of regions, which the query does not read" in msg
    suggested = msg.split("e.g. ")[1].split(";")[0]
    assert suggested == ("SELECT regions.manager, SUM(sales.quantity) FROM sales JOIN customers ON "
                         "customers.customer_id = sales.customer_id JOIN regions ON regions.region_id = "
                         "customers.region_id GROUP BY regions.manager")
    assert sorted(ws.query(guard_sql(suggested, ws).sql).rows) == [["Ines", 3], ["Tomas", 9]]


def test_a_table_prefixed_column_name_suggests_the_tables_column(ws):
    for sql, hint in (("SELECT s.store_name FROM stores s", "Unknown column 'store_name' in table stores; did you "
                       "mean name?"),
                      ("SELECT store_name FROM stores", "Unknown column 'store_name'; did you mean stores.name?")):
        with pytest.raises(SqlRejected) as info:
            guard_sql(sql, ws)
        assert str(info.value).startswith(hint)


def session(ws, replies):
    model = FakeChatModel(replies=replies)
    return Session(ws, Settings(), chat_model=model, style="tools"), model


BY_ID = "SELECT category_id, count(*) AS n FROM products GROUP BY category_id"
BY_TITLE = ("SELECT c.title, count(*) AS n FROM products p JOIN categories c ON c.category_id = p.category_id "
            "GROUP BY c.title")


def test_the_loop_sends_the_note_once_and_takes_the_corrected_answer(ws):
    s, model = session(ws, [call("run_sql", sql=BY_ID), call("run_sql", sql=BY_TITLE)])
    a = s.ask("how many products are there in each category?")
    assert a.exit_code == 0 and sorted(a.result.rows) == [["Garden", 2], ["Kitchen", 2], ["Toys", 1]]
    assert len(model.requests) == 2
    assert "shows category_id where the question asks about categories" in model.requests[1][0][-1].content


def test_the_first_answer_stands_when_the_model_repeats_it_or_fails_after_the_note(ws):
    s, model = session(ws, [call("run_sql", sql=BY_ID), call("run_sql", sql=BY_ID)])
    a = s.ask("how many products are there in each category?")
    assert a.exit_code == 0 and len(model.requests) == 2 and a.result.columns == ["category_id", "n"]
    bad = [call("run_sql", sql=f"SELECT nope{i} FROM products") for i in range(4)]
    s, model = session(ws, [call("run_sql", sql=BY_ID), *bad])
    a = s.ask("how many products are there in each category?")
    assert a.exit_code == 0 and a.result.columns == ["category_id", "n"] and a.result.row_count == 3


def test_keys_of_different_tables_matched_get_the_way_between_them(ws):
    text = note(ws, "how many sales per category?", "SELECT c.title, count(*) FROM sales s JOIN categories c "
                "ON s.product_id = c.category_id GROUP BY c.title")
    assert text.startswith("The query ran, but it matches sales.product_id with categories.category_id: the "
                           "first is a key of products, the second of categories")
    assert "JOIN products ON products.product_id = sales.product_id JOIN categories ON categories.category_id = " \
           "products.category_id" in text
    text = note(ws, "products never sold", "SELECT name FROM products WHERE product_id NOT IN (SELECT sale_id FROM sales)")
    assert "matches products.product_id with sales.sale_id" in text
    assert "sales has product_id itself: IN (SELECT product_id FROM sales ...)" in text
    # the right joins, and a key compared with itself, are left alone
    assert note(ws, "how many sales per category?", "SELECT c.title, count(*) FROM sales s JOIN products p ON "
                "p.product_id = s.product_id JOIN categories c ON c.category_id = p.category_id GROUP BY 1") is None
    assert note(ws, "products sold", "SELECT name FROM products WHERE product_id IN (SELECT product_id FROM sales)") \
        is None


def test_a_column_a_table_lacks_names_the_tables_that_have_it_and_the_way_there(ws):
    with pytest.raises(SqlRejected) as info:
        guard_sql("SELECT s.region_id, count(*) FROM sales s GROUP BY 1", ws)
    assert str(info.value).startswith(
        "Unknown column 'region_id' in table sales; sales has no region_id: it is a column of regions, customers. "
        "JOIN customers ON customers.customer_id = sales.customer_id reaches customers.region_id.")


def test_a_subquery_that_lacks_a_column_gets_the_way_to_it_from_duckdbs_binder_error(ws):
    """The guard checks a query's columns against all the tables it reads; DuckDB's binder finds a
    subquery's own table lacks one, and the repair message says which SELECT and how to reach it."""
    sql = "SELECT sum(quantity) FROM sales WHERE region_id IN (SELECT region_id FROM regions WHERE manager = 'Ines')"
    s, model = session(ws, [call("run_sql", sql=sql),
                            call("run_sql", sql="SELECT sum(s.quantity) FROM sales s JOIN customers c ON "
                                 "c.customer_id = s.customer_id WHERE c.region_id = 1")])
    a = s.ask("how many units were sold in Ines's region?")
    assert a.exit_code == 0 and a.result.rows == [[3]]
    feedback = model.requests[1][0][-1].content
    assert 'Referenced column "region_id" not found' in feedback
    assert "The SELECT FROM sales has no region_id: it is a column of regions, customers. JOIN customers ON " \
           "customers.customer_id = sales.customer_id reaches customers.region_id." in feedback


def test_references_are_the_keys_whose_names_name_the_other_table(ws):
    columns = {t: [c for c, _ in ws.columns(t)] for t in ws.tables}
    found = {f"{j.other}.{j.other_column} = {j.table}.{j.column}" for j in joins.references(columns)}
    assert found == {"products.category_id = categories.category_id", "customers.region_id = regions.region_id",
                     "sales.product_id = products.product_id", "sales.store_id = stores.store_id",
                     "sales.customer_id = customers.customer_id"}
    # `<table>_id` against the table's own `id`; a key two tables share that names neither is none
    assert [(j.table, j.column) for j in joins.references({"books": ["id", "genre_id"], "genres": ["id", "name"]})] \
        == [("genres", "id")]
    assert joins.references({"staff": ["branch_id"], "members": ["branch_id"]}) == []


def test_the_compact_card_says_the_joins_of_the_tables_it_shows(ws):
    from dsagent.llm.prompting import schema_text

    card = schema_text(ws, "units sold per store", "schema", compact=True)
    assert "-- joins: products.category_id = categories.category_id, customers.region_id = regions.region_id, " \
           "sales.product_id = products.product_id, sales.customer_id = customers.customer_id, " \
           "sales.store_id = stores.store_id" in card  # in the order of the tables' columns


def test_a_top_answer_shows_the_value_it_ranks_by(ws):
    text = note(ws, "which store sold the most units?", "SELECT st.name FROM sales s JOIN stores st ON "
                "st.store_id = s.store_id GROUP BY st.name ORDER BY SUM(s.quantity) DESC LIMIT 1")
    assert text.startswith("The query ran, but it ranks by SUM(s.quantity), which its answer does not show")
    assert ws.query(example(text)).rows[0][1] == 6  # the total shown beside the name
    text = note(ws, "the most expensive product", "SELECT name FROM products ORDER BY price DESC LIMIT 1")
    assert example(text) == "SELECT name, price FROM products ORDER BY price DESC LIMIT 1"
    # shown already (by expression or alias), or a list in an order rather than a top-N: no note
    for sql in ("SELECT name, price FROM products ORDER BY price DESC LIMIT 1",
                "SELECT category_id, count(*) AS n FROM products GROUP BY 1 ORDER BY n DESC LIMIT 1",
                "SELECT category_id, count(*) FROM products GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
                "SELECT name FROM products ORDER BY price DESC", "SELECT * FROM products ORDER BY price LIMIT 2",
                "SELECT name FROM products ORDER BY product_id LIMIT 2"):
        assert note(ws, "the most expensive product", sql) is None, sql
