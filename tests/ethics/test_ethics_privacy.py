"""Personal data and secrets, E1-E4: offline recognisers with validation, masking, prompt screening."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dsagent.ethics.privacy import mask_text, pii_columns, scan_secrets, scan_text, screen_prompt


def entities(text):
    return [m.entity for m in scan_text(text, 0.4)]


# ------------------------------------------------------------------ E1
def test_e1_planted_email_card_ssn_are_found_and_masked():
    text = "jane.doe@acme.com, 4111 1111 1111 1111, SSN 536-22-8417"
    assert entities(text) == ["EMAIL", "CREDIT_CARD", "US_SSN"]
    masked = mask_text(text)
    assert masked == "<EMAIL>, <CREDIT_CARD>, SSN <US_SSN>"
    for raw in ("jane.doe", "4111", "536-22"):
        assert raw not in masked


def test_e1_clean_failing_luhn_invalid_ssn_and_skus_are_left_alone():
    text = "card 4111 1111 1111 1112, ssn 000-12-3456, SKU-12345-AB, PRD-000123, item 98765-XL, v2.10.3"
    assert scan_text(text, 0.4) == []
    assert mask_text(text) == text


@pytest.mark.parametrize("ssn", ["666-12-3456", "912-34-5678", "123-45-6789", "536-00-8417", "536-22-0000"])
def test_e1_invalid_or_sample_ssns_are_rejected(ssn):
    assert "US_SSN" not in entities(f"ssn {ssn}")


@pytest.mark.parametrize("text,entity", [
    ("llamar al +34 612 345 678", "PHONE"),
    ("tel. 912 34 56 78", "PHONE"),
    ("call (415) 555-0132 today", "PHONE"),
    ("call +1 415-555-0132", "PHONE"),
    ("DNI 12345678Z", "ES_DNI"),
    ("NIE X1234567L", "ES_NIE"),
    ("IBAN ES91 2100 0418 4502 0005 1332", "IBAN"),
    ("GB82WEST12345698765432", "IBAN"),
    ("from 192.168.10.25", "IP_ADDRESS"),
    ("host 2001:db8::8a2e:370:7334", "IP_ADDRESS"),
    ("mail juan.pérez@correo.es", "EMAIL"),
    ("card 5500-0000-0000-0004", "CREDIT_CARD"),
])
def test_e1_recognisers_english_and_spanish(text, entity):
    assert entity in entities(text)


@pytest.mark.parametrize("text", ["DNI 12345678A", "NIE X1234567A", "IBAN ES91 2100 0418 4502 0005 1333",
                                  "at 12:30:45", "version 1.2.3.4.5", "total 1234567", "order 20240115"])
def test_e1_invalid_ids_times_and_plain_numbers_are_not_pii(text):
    assert scan_text(text, 0.4) == []


# ------------------------------------------------------------------ E2
def test_e2_planted_email_column():
    rng = np.random.default_rng(3)
    emails = [f"user{i}@example.org" for i in range(160)] + [None] * 0 + ["n/a"] * 40
    df = pd.DataFrame({"contact": rng.permutation(emails), "sku": [f"SKU-{i:05d}" for i in range(200)],
                       "amount": rng.normal(size=200)})
    assert pii_columns(df) == {"contact": "EMAIL"}


def test_e2_clean_product_codes_and_names_by_column():
    df = pd.DataFrame({"product_code": [f"PRD-{i:06d}-X" for i in range(200)],
                       "product_name": [f"Widget {i}" for i in range(200)]})
    assert pii_columns(df) == {}
    people = pd.DataFrame({"name": ["Ana García", "John Smith"], "nombre": ["Luis", "Eva"]})
    assert pii_columns(people) == {"name": "PERSON", "nombre": "PERSON"}


# ------------------------------------------------------------------ E3 / E4 on prompts
RAW_ROWS_PROMPT = ("Question: who bought most?\nRows:\ncustomer_id,email,total\n1,ana.garcia@gmail.com,120\n"
                   "2,john.smith@yahoo.com,95\n")
SCHEMA_PROMPT = "Table customers: customer_id INTEGER, email VARCHAR (personal: email), country VARCHAR, total DOUBLE"


def test_e3_planted_raw_rows_with_emails_are_blocked_in_schema_mode():
    text, findings = screen_prompt(RAW_ROWS_PROMPT, "schema")
    assert [(f.id, f.severity) for f in findings] == [("E3", "block")]
    assert "@" not in text and "ana.garcia" not in text and "<EMAIL>" in text


def test_e1_masked_mode_masks_and_full_mode_sends_raw():
    text, findings = screen_prompt(RAW_ROWS_PROMPT, "masked")
    assert "ana.garcia" not in text and [f.id for f in findings] == ["E1"]
    raw, none = screen_prompt(RAW_ROWS_PROMPT, "full")
    assert raw == RAW_ROWS_PROMPT and none == []


def test_e3_clean_schema_only_prompt_passes_unchanged():
    for privacy in ("schema", "masked"):
        text, findings = screen_prompt(SCHEMA_PROMPT, privacy)
        assert text == SCHEMA_PROMPT and findings == []


def test_e4_planted_key_blocks_in_every_mode():
    prompt = "use key AKIAIOSFODNN7EXAMPLE and token ghp_" + "a1B2" * 9 + " to load"
    for privacy in ("schema", "masked", "full"):
        text, findings = screen_prompt(prompt, privacy)
        assert [(f.id, f.severity) for f in findings] == [("E4", "block")]
        assert "AKIAIOSFODNN7EXAMPLE" not in text and "ghp_" not in text


def test_e4_clean_plain_sql_has_no_secret():
    sql = "SELECT region, avg(income) AS mean_income FROM loans WHERE purpose = 'skate' GROUP BY region"
    assert scan_secrets(sql) == []
    assert screen_prompt(sql, "masked") == (sql, [])


def test_e4_other_secret_shapes():
    for secret in ("sk-proj-" + "x" * 40, "xoxb-1234567890-abcdefghij", "-----BEGIN RSA PRIVATE KEY-----",
                   "password = hunter2hunter2"):
        assert scan_secrets(f"here {secret} there"), secret


def test_e2_a_column_named_for_phones_accepts_bare_numbers():
    bare = [f"6{i:02d}345678" for i in range(40)]
    assert pii_columns(pd.DataFrame({"telefono": bare})) == {"telefono": "PHONE"}
    assert pii_columns(pd.DataFrame({"telefono": [int(v) for v in bare]})) == {"telefono": "PHONE"}
    assert pii_columns(pd.DataFrame({"order_ref": bare})) == {}, "the same digits elsewhere are an identifier"


def test_a_column_with_pandas_missing_values_is_read_not_a_reviewer_failure():
    # pandas' NA (nullable dtypes, as DuckDB's fetch_df gives for a cleaned table) has no truth value:
    # `NA == NA` is NA, and the sample filter failed with "boolean value of NA is ambiguous" (R0).
    emails = pd.array([f"person{i}@mail-example.com" if i % 4 else pd.NA for i in range(40)], dtype="string")
    frame = pd.DataFrame({"email": emails, "age": pd.array([30 if i % 3 else pd.NA for i in range(40)], dtype="Int64")})
    assert pii_columns(frame) == {"email": "EMAIL"}
