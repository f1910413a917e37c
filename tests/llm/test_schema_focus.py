"""A wide database's prompt keeps the tables a question needs (and those joining them), names the
rest, and says which column holds a value the question names (agent/llm/schema_focus.py)."""

from __future__ import annotations

import duckdb
import pytest

from dsagent.data.workspace import Workspace
from dsagent.llm.prompting import schema_text
from dsagent.llm import schema_focus
from dsagent.llm.schema_focus import focus, joins

LIBRARY = {
    "branches": "SELECT * FROM (VALUES (1, 'Central', 'Leeds'), (2, 'Riverside', 'York')) t(branch_id, branch_name, city)",
    "members": "SELECT * FROM (VALUES (1, 'Ann Lee', 'ann@example.org', 1), (2, 'Bo Kim', 'bo@example.org', 2)) "
               "t(member_id, full_name, email, branch_id)",
    "authors": "SELECT * FROM (VALUES (1, 'Tolstoy', 'Russia'), (2, 'Austen', 'England')) t(author_id, author_name, country)",
    "books": "SELECT * FROM (VALUES (1, 'War and Peace', 1, 1), (2, 'Emma', 2, 2)) t(book_id, title, author_id, publisher_id)",
    "loans": "SELECT * FROM (VALUES (1, 1, 1, DATE '2024-01-02'), (2, 2, 2, DATE '2024-02-03')) "
             "t(loan_id, book_id, member_id, loaned_on)",
    "publishers": "SELECT * FROM (VALUES (1, 'Penguin'), (2, 'Vintage')) t(publisher_id, publisher_name)",
    "reviews": "SELECT * FROM (VALUES (1, 1, 5, 'superb'), (2, 2, 4, 'witty')) t(review_id, book_id, stars, comment)",
    "genres": "SELECT * FROM (VALUES (1, 'novel', 'long fiction'), (2, 'essay', 'short prose')) t(genre_id, genre_label, blurb)",
    "events": "SELECT * FROM (VALUES (1, 1, 'reading night', DATE '2024-03-01')) t(event_id, branch_id, event_title, held_on)",
    "staff": "SELECT * FROM (VALUES (1, 1, 'librarian'), (2, 2, 'porter')) t(staff_id, branch_id, role_title)",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    path = tmp_path_factory.mktemp("focus") / "library.duckdb"
    con = duckdb.connect(str(path))
    for name, select in LIBRARY.items():
        con.execute(f"CREATE TABLE {name} AS {select}")
    con.close()
    ws = Workspace.open([str(path)])
    yield ws
    ws.close()


def test_a_wide_database_keeps_the_named_tables_and_names_the_rest(library, monkeypatch):
    monkeypatch.setattr(schema_focus, "FOCUS_BUDGET_TOKENS", 100)  # the library's card is about 500 tokens
    text = schema_text(library, "how many loans did members of the Central branch make", "masked", compact=True)
    kept = [line.split()[2] for line in text.splitlines() if line.startswith("CREATE TABLE")]
    assert {"loans", "members", "branches"} <= set(kept) and "genres" not in kept and "reviews" not in kept
    assert "-- other tables (not needed for this question, it seems): " in text and "genres" in text.splitlines()[-2]
    assert "branches.branch_name = 'Central'" in text


def test_a_table_joining_two_kept_tables_is_kept(library):
    chosen = focus(library, "which authors' books did Ann's loans cover; list author_name and loaned_on",
                   card_chars=10_000, privacy="masked")
    assert {"authors", "loans"} <= set(chosen.keep)
    assert "books" in chosen.keep  # loans.book_id -> books.book_id, books.author_id -> authors.author_id


def test_join_keys_are_shared_key_columns_or_table_prefixed_names():
    columns = {"airline": ["icao_code", "name"], "flight": ["number", "airline_icao_code"],
               "city": ["name", "country"], "country": ["name", "code"]}
    assert joins("airline", "flight", columns)  # flight.airline_icao_code -> airline.icao_code
    assert not joins("city", "country", columns)  # a shared 'name' is no key


def test_a_small_database_is_sent_whole(library):
    chosen = focus(library, "how many loans", card_chars=400, privacy="masked")
    assert chosen.keep == list(library.tables) and chosen.others == []


def test_nothing_named_keeps_everything(library):
    chosen = focus(library, "what is in here?", card_chars=10_000, privacy="masked")
    assert chosen.keep == list(library.tables)


def test_schema_privacy_sends_no_values_and_personal_columns_lend_none(library):
    assert focus(library, "loans of the Central branch", 10_000, "schema").hints == []
    hints = focus(library, "loans of Ann Lee at Central", 10_000, "full").hints
    assert hints == ["branches.branch_name = 'Central'"]  # full_name is personal data: never a hint
