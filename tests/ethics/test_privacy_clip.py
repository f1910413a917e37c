"""Text cut for a prompt is cut so that masking still sees every value whole.

Before, sample values were cut to 30 (or 40, 80, 2,000) characters and then masked: 'contact
leak.me.now@evil-example.org for a refund' reached the model, the audit log and every chat turn as
'contact leak.me.now@evil-examp', which no longer matches the email pattern. `privacy.clip` moves a
cut back to the start of any value a recogniser finds across it; each place that cuts data text for
a prompt uses it. Checked here for every recogniser at every cut length, and through each such place.
"""

from __future__ import annotations

import json

import pytest

from dsagent.config import Settings
from dsagent.ethics.privacy import clip, mask_text, screen_prompt
from dsagent.llm.fake import FakeChatModel, act, call
from dsagent.session import Session

# One value per recogniser (each passes its validation: Luhn, mod 97, DNI letters ...).
VALUES = {
    "EMAIL": "leak.me.now@evil-example.org",
    "PHONE_ES": "+34 612 345 678",
    "PHONE_US": "(415) 555-2671",
    "PHONE_INTL": "+44 20 7946 0958",
    "CREDIT_CARD": "4111 1111 1111 1111",
    "IBAN": "ES91 2100 0418 4502 0005 1332",
    "IP_V4": "192.168.120.45",
    "IP_V6": "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
    "US_SSN": "536-22-8726",
    "ES_DNI": "12345678Z",
    "ES_NIE": "X1234567L",
    "AWS_ACCESS_KEY": "AKIAIOSFODNN7EXAMPLE",
    "OPENAI_KEY": "sk-proj-abcdefghijklmnopqrstuvwx1234",
    "GITHUB_TOKEN": "ghp_" + "a1B2c3D4e5" * 3 + "f6G7h8",
    "SLACK_TOKEN": "xoxb-1234567890-abcdefghij",
    "GOOGLE_API_KEY": "AIza" + "SyD3x4mpl3K3y0123456789abcdefghijkl",
    "STRIPE_KEY": "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc",
    "HF_TOKEN": "hf_" + "abcdefghijklmnopqrstuvwxyzABCDEFGH",
    "PASSWORD_ASSIGNMENT": "password=hunter2hunter2",
    "PRIVATE_KEY": "-----BEGIN RSA PRIVATE KEY-----",
}
BEFORE, AFTER = "contact ", " for a refund"


def _grams(text: str, n: int = 5) -> set[str]:
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def _leaked(sent: str, value: str, allowed: str = "") -> set[str]:
    """5-character pieces of `value` found in `sent` that the surrounding text does not explain."""
    return {g for g in _grams(value) if g in sent and g not in allowed}


def test_every_value_is_recognised_whole():
    for kind, value in VALUES.items():
        masked, _ = screen_prompt(BEFORE + value + AFTER, "masked")
        assert value not in masked, kind


@pytest.mark.parametrize("kind", list(VALUES))
def test_no_cut_length_leaves_a_piece_unmasked(kind):
    value = VALUES[kind]
    text = BEFORE + value + AFTER
    for limit in range(1, len(text) + 3):
        for marker in ("...", ""):
            out = clip(text, limit, marker)
            assert len(out) <= max(limit, len(marker)) + 1, (limit, out)  # + a space between a value and "..."
            sent, _ = screen_prompt(out, "masked")
            allowed = BEFORE + AFTER + " ".join(f"<{k}>" for k in ("EMAIL", "PHONE", "CREDIT_CARD", "IBAN",
                                                                   "IP_ADDRESS", "US_SSN", "ES_DNI", "ES_NIE",
                                                                   *VALUES))
            assert not _leaked(sent, value, allowed), (kind, limit, out, sent)


def test_clip_keeps_short_text_and_cuts_plain_text_where_asked():
    assert clip("short", 10) == "short"
    assert clip("a plain sentence without values", 10) == "a plain..."
    assert clip("x" * 5000, 2000) == "x" * 1997 + "..."


def test_clip_reads_only_a_window_of_a_long_text():
    """A 1 MB cell costs as much to clip as a short one (the privacy scan costs 0.42 s per MB)."""
    import time

    text = ("word " * 200_000) + VALUES["EMAIL"]
    started = time.perf_counter()
    for _ in range(20):
        clip(text, 40)
    assert time.perf_counter() - started < 1.0


# ------------------------------------------------------------------------------------ each place that cuts
NOTE = BEFORE + VALUES["EMAIL"] + AFTER  # 50 characters: the issue's own example


@pytest.fixture
def notes_csv(tmp_path):
    """A text column with few distinct values, one of which holds an email past character 30."""
    path = tmp_path / "tickets.csv"
    rows = ["id,status,note"] + [f"{i},{'open' if i % 2 else 'closed'},{NOTE if i % 3 == 0 else 'ok'}"
                                 for i in range(30)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_the_compact_card_examples(open_ws, notes_csv):
    from dsagent.llm.prompting import schema_text

    ws = open_ws(notes_csv)
    text = schema_text(ws, "notes by status", "masked", compact=True)
    assert "note:" in text  # the examples line is there ...
    assert not _leaked(text, VALUES["EMAIL"]), text  # ... without a piece of the address


def test_the_schema_card_samples_and_values(open_ws, notes_csv):
    from dsagent.llm.prompting import schema_text

    ws = open_ws(notes_csv)
    text = schema_text(ws, "what do the notes say", "masked")
    assert "note" in text
    assert not _leaked(text, VALUES["EMAIL"]), text


def test_a_summary_cut_at_its_limit(open_ws, tmp_path):
    from dsagent.session import history_summary
    from dsagent.tools.sql import TableResult

    def result(padding: str) -> TableResult:
        return TableResult(sql="SELECT 1", columns=["note"], types=["VARCHAR"], rows=[[padding], [NOTE]],
                           row_count=2, truncated=False)

    head = json.dumps({"columns": ["note"], "types": ["VARCHAR"], "row_count": 2, "truncated": False,
                       "rows": [["x"], [NOTE]]})
    padding = "x" * (1 + 1990 - head.index("evil"))  # "evil" starts at 1990: the cut at 2000 falls in it
    raw = json.dumps({"columns": ["note"], "types": ["VARCHAR"], "row_count": 2, "truncated": False,
                      "rows": [[padding], [NOTE]]})
    assert raw.index("evil") == 1990
    result = result(padding)
    sent = history_summary(result, "masked")
    assert not _leaked(sent, VALUES["EMAIL"]), sent[-120:]


def test_the_empty_result_hint(open_ws, notes_csv):
    from dsagent.sql.empty import explain_empty

    ws = open_ws(notes_csv)
    hint = explain_empty(ws, "SELECT * FROM tickets WHERE note = 'refund please'", ["tickets"])
    assert "most common values" in hint
    sent, _ = screen_prompt(hint, "masked")
    assert not _leaked(sent, VALUES["EMAIL"]), sent


@pytest.mark.parametrize("style", ["tools", "forced"])
def test_nothing_of_the_address_reaches_the_model_or_the_audit_log(open_ws, notes_csv, style, _isolated_home):
    """On the wire and in the audit log, over two chat turns."""
    ws = open_ws(notes_csv)
    wrap = (lambda tool, **a: act(tool, a)) if style == "forced" else (lambda tool, **a: call(tool, **a))
    model = FakeChatModel(replies=[wrap("run_sql", sql="SELECT status, note FROM tickets"),
                                   wrap("run_sql", sql="SELECT count(*) AS n FROM tickets")])
    session = Session(ws, Settings(privacy="masked"), chat_model=model, style=style)
    session.ask("show the notes")
    session.ask("and how many tickets are there?")
    sent = model.sent_text()
    assert not _leaked(sent, VALUES["EMAIL"]), sent
    log = (_isolated_home / "state" / "audit.jsonl")
    if log.exists():
        assert not _leaked(log.read_text(encoding="utf-8"), VALUES["EMAIL"])


def test_full_mode_still_sends_the_whole_value(open_ws, notes_csv):
    """The control: clip never masks by itself; with --privacy full the address goes out whole."""
    from dsagent.llm.prompting import schema_text

    ws = open_ws(notes_csv)
    text = schema_text(ws, "notes by status", "full", compact=True)
    assert VALUES["EMAIL"] in text or mask_text(text) == text
