"""Join keys found in the data for the compact schema card."""

from __future__ import annotations

from dsagent.joinkeys import join_keys, join_line
from dsagent.prompting import _compact_card


def _ws(open_ws, make_csv, files):
    return open_ws(*[make_csv(name, text) for name, text in files.items()])


def cols(ws):
    return {t: ws.columns(t) for t in ws.tables}


def test_a_shared_unique_column_that_holds_the_others_values_is_a_key(open_ws, make_csv):
    ws = _ws(open_ws, make_csv, {
        "products.csv": "model,maker,type,ram\nm1,A,pc,8\nm2,B,laptop,16\nm3,A,pc,32\n",
        "pcs.csv": "model,ram,price\nm1,8,9.5\nm3,16,7.5\n",
        "sales.csv": "model,type,price\nm1,pc,9.5\nm1,pc,9.5\nm2,laptop,3.5\n"})
    # model: unique in products and holding every other model; type and price only share a name,
    # and ram is a measure (unique in products and holding pcs.ram only by chance)
    assert join_keys(ws, cols(ws)) == [["products.model", "pcs.model", "sales.model"]]
    assert join_line(ws, cols(ws)) == "-- joins: products.model = pcs.model = sales.model"


def test_columns_named_after_another_tables_column(open_ws, make_csv):
    ws = _ws(open_ws, make_csv, {
        "users.csv": "id,name\n1,Ann\n2,Bob\n",
        "transactions.csv": "user_id,amount\n1,5\n1,-3\n2,4\n",
        "airport.csv": "iata_code,name\nBRU,Brussels\nEWR,Newark\n",
        "flight.csv": "number,departure_airport_iata_code,arriving_airport_iata_code\n7,BRU,EWR\n8,EWR,BRU\n"})
    line = join_line(ws, cols(ws))
    assert "users.id = transactions.user_id" in line
    # two columns of one table pointing to one key are two joins, not a chain
    assert "airport.iata_code = flight.departure_airport_iata_code;" in line
    assert "airport.iata_code = flight.arriving_airport_iata_code" in line


def test_no_line_without_a_key(open_ws, make_csv):
    one = _ws(open_ws, make_csv, {"a.csv": "id,x\n1,2\n"})
    assert join_line(one, cols(one)) == ""
    # a value outside the unique side, or copies of one table, are not joins
    ws = _ws(open_ws, make_csv, {"left.csv": "code,v\nA,1\nB,2\n", "right.csv": "code,w\nA,1\nZ,2\n",
                                 "copy1.csv": "k,v\n1,2\n", "copy2.csv": "k,v\n1,2\n"})
    assert join_line(ws, cols(ws)) == ""


def test_the_compact_card_ends_with_the_joins(open_ws, make_csv):
    ws = _ws(open_ws, make_csv, {"customers.csv": "customer_id,city\n1,Rome\n2,Oslo\n",
                                 "sales.csv": "customer_id,paid\n1,3\n1,4\n"})
    card = _compact_card(ws, "schema")
    assert card.splitlines()[-1] == "-- joins: customers.customer_id = sales.customer_id"
