"""What a result shows beside its rows obeys the privacy mode as displayed rows do (docs/ethics.md:
masked for display unless privacy is `full`): a cleaning's removed rows, its before -> after examples,
its plan's quoted values, the chat's /apply, and a finding's message quoting a value."""

from __future__ import annotations


from conftest import chat_app
from dsagent.config import Settings
from dsagent.ethics.finding import Finding
from dsagent.ethics.shown import mask_clean, mask_messages
from dsagent.session import Session

# people with e-mail addresses; row 2 is an exact copy (removed), row 4 has a negative age (removed),
# names with doubled spaces and addresses in capitals (changed)
PEOPLE = ("person_id,full_name,email,city,age\n"
          "1,Ana  Lopez,Ana.Lopez@Example.com,Madrid,34\n"
          "1,Ana  Lopez,Ana.Lopez@Example.com,Madrid,34\n"
          "2,Luis Gomez,luis.gomez@example.com,Sevilla,41\n"
          "3,Marta Ruiz,MARTA.RUIZ@EXAMPLE.COM,Madrid,-5\n"
          + "".join(f"{i},Person{i} Name{i},person{i}@example.com,{'Madrid' if i % 2 else 'Sevilla'},{20 + i}\n"
                    for i in range(4, 40)))
RAW = ("Ana.Lopez@Example.com", "luis.gomez", "MARTA.RUIZ", "marta.ruiz", "Ana  Lopez", "Marta Ruiz")


def _applied(tmp_path, open_ws, make_csv, privacy: str):
    ws = open_ws(make_csv("people.csv", PEOPLE))
    session = Session(ws, Settings(provider="offline", privacy=privacy, output_dir=str(tmp_path / "out")))
    return session.ask("clean the data", apply=True)


def test_ask_apply_masks_the_removed_rows_and_the_changed_examples(tmp_path, open_ws, make_csv):
    answer = _applied(tmp_path, open_ws, make_csv, "masked")
    diff = answer.result.diff
    assert diff["rows_removed"] == 2
    shown = repr(diff["removed_examples"]) + repr(diff["columns"])
    assert not any(raw in shown for raw in RAW), shown
    assert "<EMAIL>" in shown and "<PERSON>" in shown
    assert "Madrid" in shown or "-5" in shown  # the rest of a removed row is still shown
    e2 = [f for f in answer.review if f.id == "E2" and "cleaning examples" in f.message]
    assert e2 and set(e2[0].columns) == {"full_name", "email"}


def test_schema_privacy_masks_the_display_too(tmp_path, open_ws, make_csv):
    diff = _applied(tmp_path, open_ws, make_csv, "schema").result.diff
    assert "Ana.Lopez@Example.com" not in repr(diff)


def test_full_privacy_shows_the_raw_examples(tmp_path, open_ws, make_csv):
    answer = _applied(tmp_path, open_ws, make_csv, "full")
    assert "Ana.Lopez@Example.com" in repr(answer.result.diff["removed_examples"])
    assert not [f for f in answer.review if "cleaning examples" in f.message]


def test_chat_apply_is_reviewed_and_masked(tmp_path, open_ws, make_csv):
    ws = open_ws(make_csv("people.csv", PEOPLE))
    app, screen = chat_app(ws, Settings(provider="offline", output_dir=str(tmp_path / "out")))
    app.handle("clean the data")
    mark = len(screen.getvalue())
    app.handle("/apply")
    shown = screen.getvalue()[mark:]
    assert "examples of rows removed" in shown
    assert not any(raw in shown for raw in RAW), shown
    assert "<EMAIL>" in shown and "cleaning examples shown" in shown  # the finding says what was masked


def test_quoted_values_of_a_personal_column_and_recognised_values_elsewhere_are_masked():
    from dsagent.tools.clean.detect import CleanStep
    from dsagent.tools.clean.tool import CleanResult

    plan = [CleanStep(step="map_values", column="full_name", reason="2 spellings ('Ana Lopez' -> 'Ana López')",
                      affected=2),
            CleanStep(step="cast", column="note", reason="numbers stored as text; not numbers: 'x@y.org', 'n/a'",
                      affected=3),
            CleanStep(step="map_values", column="city", reason="'Madird' -> 'Madrid'", affected=1)]
    result = CleanResult(plan=plan, applied=False, table="t", source_table="t",
                         notes=["note: 1 value such as call +34 612 345 678 kept"])
    masked, entities = mask_clean(result, {"full_name": "PERSON"}, 0.4)
    reasons = [s.reason for s in result.plan]
    assert reasons[0] == "2 spellings (<PERSON> -> <PERSON>)" and masked == {"full_name"}
    assert "x@y.org" not in reasons[1] and "<EMAIL>" in reasons[1] and "'n/a'" in reasons[1]
    assert reasons[2] == "'Madird' -> 'Madrid'"  # not personal: as it was
    assert result.notes == ["note: 1 value such as call <PHONE> kept"]
    assert entities == {"EMAIL": 1, "PHONE": 1}


def test_a_finding_quoting_a_personal_value_is_masked_unless_full(tmp_path, open_ws, make_csv):
    from dsagent.ethics.review import review_result
    from dsagent.tools.base import ToolContext
    from dsagent.tools.sql import TableResult

    def dominant(privacy):
        rows = [["boss@corp-example.com", 95], ["a@corp-example.com", 3], ["b@corp-example.com", 2]]
        result = TableResult(columns=["email", "n"], rows=rows, row_count=3, truncated=False,
                             query="SELECT email, count(*) AS n FROM t GROUP BY email")
        return review_result(result, None, ToolContext(privacy=privacy))

    masked = [f.message for f in dominant("masked")]
    assert any("<EMAIL>" in m for m in masked) and not any("boss@" in m for m in masked), masked
    assert any("boss@corp-example.com" in f.message for f in dominant("full"))
    same = Finding(id="D2", severity="warn", message="nothing personal here", source="x")
    assert mask_messages([same], 0.4)[0] is same
