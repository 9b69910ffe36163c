"""Imports that must be refused whole, with a French reason, and outputs that
must be safe (issue 13, items 5 and 6)."""
import csv
import io
import json
import os
import time

import pytest

from trainer import exchange
from trainer.activities.base import StepResult
from trainer.cli import main
from trainer.exchange import ExchangeError, export_progress, import_progress
from trainer.progress import DB_NAME, ProgressStore
from trainer.report import to_csv, to_markdown, workshop_report


def dump(store):
    return {t: store.db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("learners", "sessions", "attempts", "step_results", "workshops")}


@pytest.fixture
def good(tmp_path):
    store = ProgressStore(tmp_path / "a" / DB_NAME)
    marie = store.add_learner("Marie")
    store.name_workshop("Camon", "CCAS")
    session = store.start_session(marie.id)
    attempt = store.start_attempt(session, marie.id, "l", "Leçon", 2)
    store.record_step(attempt, 0, StepResult("type", 3.0, 0, 0, None, "keyboard", 1,
                                             {"chars_per_minute": 30.0, "missed_keys": {"é": 1}}))
    store.end_session(session)
    out = tmp_path / "bon.json"
    export_progress(store, out)
    store.close()
    return out


def variant(good, tmp_path, name, change):
    doc = json.loads(good.read_text(encoding="utf-8"))
    change(doc)
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def learner(d):
    return d["learners"][0]


def first_step(d):
    return learner(d)["sessions"][0]["attempts"][0]["steps"][0]


CASES = [
    ("nom-controle.json", lambda d: learner(d).update(name="Ma\x1b[2Jrie"), "« name »"),
    ("nom-bidi.json", lambda d: learner(d).update(name="Marie\u202eeiraM"), "« name »"),
    ("nom-invisible.json", lambda d: learner(d).update(name="Ma\u200brie"), "« name »"),
    ("nom-long.json", lambda d: learner(d).update(name="M" * 500), "« name »"),
    ("couleur.json", lambda d: learner(d).update(colour="url(javascript:1)"), "« colour »"),
    ("date.json", lambda d: learner(d)["sessions"][0].update(started_at=-5e12), "« started_at »"),
    ("reglage.json", lambda d: learner(d).update(settings={"text_size": "énorme"}), "« settings »"),
    ("delai.json", lambda d: learner(d).update(settings={"double_click_delay": 1e9}), "« settings »"),
    ("details.json", lambda d: first_step(d)["details"].update(chars_per_minute="vite"), "« details »"),
    ("details-cles.json", lambda d: first_step(d)["details"].update(missed_keys={"é": "beaucoup"}),
     "« details »"),
    ("duree.json", lambda d: first_step(d).update(duration=-3), "« duration »"),
    ("atelier.json", lambda d: d["workshops"][0].update(town="Ca\nmon"), "« town »"),
    ("atelier-jour.json", lambda d: d["workshops"][0].update(day="2026-13-45"), "« day »"),
    ("atelier-absent.json", lambda d: d.update(workshops=[]), "« workshop »"),
    ("appareil.json", lambda d: d.update(device={"uid": "x y", "name": "P"}), "« device »"),
]


def test_a_bad_value_anywhere_refuses_the_whole_file_and_says_which(good, tmp_path):
    target = ProgressStore(tmp_path / "cible" / DB_NAME)
    target.add_learner("Paul")
    before = dump(target)
    for name, change, said in CASES:
        path = variant(good, tmp_path, name, change)
        with pytest.raises(ExchangeError) as caught:
            import_progress(target, path)
        text = str(caught.value.message)
        assert said in text and "abîmé" in text, (name, text)
        assert dump(target) == before, name
    import_progress(target, good)  # the good one goes in
    assert dump(target) != before
    target.close()


def test_reads_are_bounded_a_pipe_a_device_and_a_huge_file_are_refused(tmp_path):
    target = ProgressStore(tmp_path / "cible" / DB_NAME)
    with pytest.raises(ExchangeError) as caught:
        import_progress(target, "/dev/zero")
    assert "pas un fichier ordinaire" in str(caught.value.message)
    fifo = tmp_path / "tuyau.json"
    os.mkfifo(fifo)  # nobody writes into it: a plain open() would wait for ever
    with pytest.raises(ExchangeError) as caught:
        import_progress(target, fifo)
    assert "pas un fichier ordinaire" in str(caught.value.message)
    huge = tmp_path / "enorme.json"
    with open(huge, "wb") as f:
        f.truncate(200 * 1024 * 1024)  # 200 MB (sparse: no room taken)
    with pytest.raises(ExchangeError) as caught:
        import_progress(target, huge)
    assert "bien trop gros" in str(caught.value.message)
    target.close()


def test_every_csv_cell_that_a_spreadsheet_could_run_is_text(tmp_path):
    store = ProgressStore(tmp_path / "a" / DB_NAME)
    marie = store.add_learner("=cmd|'/c calc'!A1")
    store.name_workshop("+Camon", "@SOMME(A1)")
    session = store.start_session(marie.id)
    attempt = store.start_attempt(session, marie.id, "-2+3", "=HYPERLINK(\"http://x\")", 1)
    store.record_step(attempt, 0, StepResult("click", 3.0, 0, 0, 0.1, "mouse", 1, {}))
    store.end_session(session)
    out = tmp_path / "e.csv"
    export_progress(store, out, fmt="csv")
    report = to_csv(workshop_report(store, []))
    for text in (out.read_text(encoding="utf-8-sig"), report.lstrip("\ufeff")):
        for row in csv.reader(io.StringIO(text), delimiter=";"):
            for cell in row:
                assert not cell[:1] in ("=", "+", "@", "\t", "\r") and not (
                    cell[:1] == "-" and not cell[1:].replace(",", "").isdigit()), (cell, row)
    md = to_markdown(workshop_report(store, []))
    assert "\\|" not in md or "calc" in md
    assert "| =cmd/'/c calc'!A1 |" not in md  # (the pipe of the name escaped, not read as a column)
    assert "=cmd\\|'/c calc'!A1" in md
    store.close()


def test_the_terminal_never_gets_control_characters(tmp_path, capsys):
    data = tmp_path / "d"
    store = ProgressStore(data / DB_NAME)
    store.add_learner("Marie")
    # a name with an escape sequence got in anyway (an older version, a hand-edited file)
    store.db.execute("UPDATE learners SET name = ? WHERE name = 'Marie'", ("Ma\x1b]0;pwned\x07rie",))
    session = store.start_session(1)
    attempt = store.start_attempt(session, 1, "l", "L", 1)
    store.record_step(attempt, 0, StepResult("click", 3.0, 0, 0, 0.1, "mouse", 1, {}))
    store.close()
    assert main(["report", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out


def test_an_export_killed_while_writing_leaves_nothing_behind_after_the_next(tmp_path):
    store = ProgressStore(tmp_path / "a" / DB_NAME)
    store.add_learner("Marie")
    stick = tmp_path / "cle"
    stick.mkdir()
    leftover = stick / ".pas-a-pas-abcd.tmp"  # what a killed export leaves
    leftover.write_bytes(b"{\"format\": \"pas-a-")
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    name = exchange.default_file_name("json", device=store.device_name())
    first = export_progress(store, exchange.free_path(stick / name)).path
    second = export_progress(store, exchange.free_path(stick / name)).path
    assert first != second and first.exists() and second.exists()  # nothing replaced
    assert sorted(p.name for p in stick.iterdir()) == sorted([first.name, second.name])
    store.close()


def test_an_import_summary_in_the_terminal_has_no_control_characters(tmp_path, capsys):
    store = ProgressStore(tmp_path / "a" / DB_NAME)
    store.add_learner("Marie")
    store.db.execute("UPDATE learners SET name = ?", ("Ma\x1b[31mrie\u202e",))  # got in somehow
    out = tmp_path / "e.json"
    # (the export of such a name is refused at import, with a reason in plain words)
    export_progress(store, out)
    assert main(["import", str(out), "--data", str(tmp_path / "b")]) == 1
    err = capsys.readouterr().err
    assert "abîmé" in err and "\x1b" not in err and "\u202e" not in err
    store.close()


def test_the_device_has_a_name_and_an_identity_that_travel_with_its_exports(tmp_path, capsys):
    data = tmp_path / "d"
    assert main(["device", "--data", str(data), "--name", "  Portable\u200b 3 "]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Cet appareil : Portable 3 (identifiant ")
    assert main(["device", "--data", str(data), "--name", "\u200b\x07"]) == 1
    store = ProgressStore(data / DB_NAME)
    uid = store.device_uid()
    store.add_learner("Marie")
    out_file = tmp_path / exchange.default_file_name("json", device=store.device_name())
    assert "portable-3" in out_file.name
    export_progress(store, out_file)
    document = json.loads(out_file.read_text(encoding="utf-8"))
    assert document["device"] == {"uid": uid, "name": "Portable 3"} and document["version"] == 2
    store.close()
