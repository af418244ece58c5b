"""`make stats`: counts per day × language × topic × country × handoff from synthetic conversations written
through Rasa's SQLTrackerStore (SQLite); small counts suppressed, nothing per user in the output."""
import csv
import io

import pytest
from rasa.shared.core.events import BotUttered, SlotSet

from bot.privacy.stats import count_cells, day_start, read_rows, statistics, write_csv
from scripts import stats as stats_script
from tests.privacy_helpers import DAY, save, sql_store, turn

D1, D2 = "2027-01-10", "2027-01-11"
T1, T2 = day_start(D1) + 3600, day_start(D2) + 3600


def handoff(at: float):
    return [BotUttered("Sent. Your case token: KY-ABCD-2345", metadata={"utter_action": "handoff.sent"}, timestamp=at)]


@pytest.fixture
def store(request, tmp_path):
    store = sql_store("sqlite", request, tmp_path)
    for i in range(6):  # six Spanish speakers in Spain, passport, on D1
        save(store, f"es-{i}", [turn("mi jefe tiene mi pasaporte", T1 + i, "passport_confiscation",
                                     language="es", country="ES")])
    for i in range(2):  # two Nepali speakers in Qatar, unpaid wages, referred on D1
        save(store, f"ne-{i}", [turn("talab diyena", T1, "unpaid_wages", language="ne", country="QA"), handoff(T1 + 5)])
    save(store, "two-days", [turn("hola", T1, "greet", language="es"),  # D1: no topic, no country
                             turn("estoy en Catar y no me pagan", T2, "unpaid_wages", country="QA")])
    save(store, "two-topics", [turn("no pay and no passport", T2, "unpaid_wages", language="en"),
                               turn("my passport", T2 + 1, "passport_confiscation"),
                               [SlotSet("topic", "debt_bondage", timestamp=T2 + 2)]])
    save(store, "bot-only-on-d2", [turn("hi", T1 - 600, "greet"), handoff(T2)])  # the user wrote on D1 only
    return store


def rows_of(text: str):
    return list(csv.DictReader(io.StringIO(text)))


def test_cells(store):
    cells = {(c.day, c.language, c.topic, c.country, c.handoff): n for c, n in statistics(store).items()}
    assert cells == {
        (D1, "es", "passport_confiscation", "ES", "no"): 6,
        (D1, "ne", "unpaid_wages", "QA", "yes"): 2,
        (D1, "es", "none", "unknown", "no"): 1,
        (D1, "unknown", "none", "unknown", "no"): 1,
        (D2, "es", "unpaid_wages", "QA", "no"): 1,  # language carried over from D1
        (D2, "en", "unpaid_wages", "unknown", "no"): 1,  # two topics and a screening topic: one row each
        (D2, "en", "passport_confiscation", "unknown", "no"): 1,
        (D2, "en", "debt_bondage", "unknown", "no"): 1,
    }


def test_since_and_until_pick_whole_days(store):
    assert {c.day for c in statistics(store, since=D2)} == {D2}
    assert {c.day for c in statistics(store, until=D1)} == {D1}
    assert not statistics(store, since="2027-02-01")


def test_small_counts_are_suppressed_and_no_totals_are_printed(store):
    out = io.StringIO()
    write_csv(statistics(store), out)
    rows = rows_of(out.getvalue())
    assert [r["conversations"] for r in rows if r["topic"] == "passport_confiscation" and r["day"] == D1] == ["6"]
    assert {r["conversations"] for r in rows} == {"6", "<5"}
    assert all(r["day"] in (D1, D2) for r in rows)  # no "total" rows
    assert list(rows[0]) == ["day", "language", "topic", "country", "handoff", "conversations"]
    out = io.StringIO()
    write_csv(statistics(store), out, min_count=1)
    assert {r["conversations"] for r in rows_of(out.getvalue())} == {"6", "2", "1"}


def test_the_output_holds_nothing_per_user(store, tmp_path, capsys):
    url = store.engine.url.render_as_string(hide_password=False)
    assert stats_script.main(["--db", url, "--min-count", "1"]) == 0
    text = capsys.readouterr().out
    for private in ("es-0", "ne-1", "two-days", "pasaporte", "talab", "KY-ABCD-2345", "01:00", str(int(T1))):
        assert private not in text
    assert stats_script.main(["--db", url, "--out", str(tmp_path), "--since", D2]) == 0
    written = list(tmp_path.glob("stats-*.csv"))
    assert len(written) == 1 and {r["day"] for r in rows_of(written[0].read_text())} == {D2}


def test_only_the_handoff_utterances_are_read_in_full(store):
    for sender, kind, at, intent, name, data in read_rows(store):
        assert data is None or kind in ("slot", "bot")
        assert kind != "bot" or "handoff.sent" in data


def test_count_cells_on_plain_rows():
    rows = [("s", "user", T1, "emergency", None, None),
            ("s", "slot", T1, None, "country", '{"value": "AE"}'),
            ("t", "user", T1 + DAY, "shelter", None, None)]
    cells = count_cells(rows, topics={"emergency", "shelter"})
    assert {(c.topic, c.country, c.day) for c in cells} == {("emergency", "AE", D1), ("shelter", "unknown", D2)}
