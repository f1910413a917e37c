"""Connection URLs as data sources: which engine, what may be shown, and refusing secrets."""

from __future__ import annotations

import pytest

from dsagent.engines.base import MAX_REMOTE_TABLES, RemoteTable
from dsagent.engines.select import pick_tables, split_tables_flag, workspace_names
from dsagent.engines.url import is_engine_url, parse_engine_url, redact
from dsagent.errors import UserError


@pytest.mark.parametrize("text,engine", [
    ("postgresql://ana@db.example:5432/sales", "postgres"), ("postgres://ana@db/sales", "postgres"),
    ("postgresql://", "postgres"), ("sc://127.0.0.1:15002", "spark"), ("SC://host", "spark"),
])
def test_urls_name_their_engine(text, engine):
    assert is_engine_url(text)
    assert parse_engine_url(text).engine == engine


@pytest.mark.parametrize("text", ["data.csv", "/tmp/x.parquet", "s3://bucket/x", "C:\\data\\x.csv", "http://x"])
def test_paths_are_not_engine_urls(text):
    assert not is_engine_url(text)


@pytest.mark.parametrize("text", [
    "postgresql://ana:hunter22@db/sales", "postgresql://db/sales?password=hunter22",
    "sc://host:15002/;token=hunter22",
])
def test_a_secret_in_the_url_is_refused_without_repeating_it(text):
    with pytest.raises(UserError) as err:
        parse_engine_url(text)
    assert "hunter22" not in str(err.value)
    assert "PGPASSWORD" in str(err.value) or "DSAGENT_SPARK_TOKEN" in str(err.value)


def test_bad_port_is_one_clear_line():
    with pytest.raises(UserError, match="port must be a number"):
        parse_engine_url("postgresql://db:port/x")


def test_shown_url_has_no_query_options():
    assert parse_engine_url("postgres://ana@db:5433/sales?sslmode=require").shown == "postgresql://ana@db:5433/sales"


def test_redact_removes_passwords_in_any_form(monkeypatch):
    monkeypatch.setenv("PGPASSWORD", "s3cr3t-value")
    text = "postgresql://u:pw@h/db password=abc token='t0k' and s3cr3t-value"
    out = redact(text)
    for secret in (":pw@", "abc", "t0k", "s3cr3t-value"):
        assert secret not in out


def test_tables_flag_splits_on_commas():
    assert split_tables_flag(" shop.a, shop.* ,b ") == ["shop.a", "shop.*", "b"]
    assert split_tables_flag(None) == []


def _tables():
    return [RemoteTable("shop", "sales"), RemoteTable("shop", "items"), RemoteTable("hr", "people"),
            RemoteTable("hr", "sales")]


def test_default_is_the_search_path():
    chosen = pick_tables(_tables(), ["shop"], [], "pg")
    assert [t.qualified for t in chosen] == ["shop.sales", "shop.items"]


def test_patterns_and_globs():
    assert [t.qualified for t in pick_tables(_tables(), ["shop"], ["hr.*"], "pg")] == ["hr.people", "hr.sales"]
    assert [t.qualified for t in pick_tables(_tables(), ["shop"], ["items", "HR.People"], "pg")] == \
        ["shop.items", "hr.people"]


def test_a_pattern_that_matches_nothing_says_what_is_readable():
    with pytest.raises(UserError, match="no readable table matches 'nope'.*shop.sales"):
        pick_tables(_tables(), ["shop"], ["nope"], "pg")


def test_a_table_the_role_may_not_read():
    with pytest.raises(UserError, match="permission denied for table shop.secret"):
        pick_tables(_tables(), ["shop"], ["shop.secret"], "pg", unreadable=[RemoteTable("shop", "secret")])


def test_hundreds_of_tables_are_capped_with_a_way_out():
    many = [RemoteTable("big", f"t{i}") for i in range(MAX_REMOTE_TABLES + 50)]
    with pytest.raises(UserError, match=r"250 readable tables, more than 200.*--tables.*'big\.\*'"):
        pick_tables(many, ["big"], [], "pg")


def test_workspace_names_flatten_other_schemas_and_clashes():
    names = workspace_names(_tables(), ["shop"], set())
    assert {n: t.qualified for n, t in names.items()} == {
        "shop_sales": "shop.sales", "items": "shop.items", "people": "hr.people", "hr_sales": "hr.sales"}
