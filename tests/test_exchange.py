"""Export and import of progress: exact round trips, merges that never count
twice, and broken files that write nothing."""
import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from trainer import exchange
from trainer.activities.base import StepResult
from trainer.cli import main
from trainer.exchange import ExchangeError, export_progress, import_progress, read_export
from trainer.progress import DB_NAME, ProgressStore

TABLES = ("learners", "sessions", "attempts", "step_results", "device_settings")


def dump(store) -> dict:
    """Every row of every table, for 'nothing was written' checks."""
    return {t: sorted(map(repr, store.db.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES}


def counts(store) -> dict:
    return {t: store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES[:4]}


def step(kind="click", duration=4.2, misses=1, details=None, input="mouse"):
    return StepResult(kind, duration, misses, 0, 0.1 if kind == "click" else None, input, 3,
                      details if details is not None else {"start_size": 0.15})


def play(store, learner, lesson_id="souris-1", steps=3, status="done", end=True, first_step=0,
         session=None, count=None):
    """One session (or one more attempt in ``session``): ``steps`` steps of a
    lesson of ``count`` steps (by default, all of them)."""
    own = session is None
    session = store.start_session(learner.id) if own else session
    attempt = store.start_attempt(session, learner.id, lesson_id, f"Leçon {lesson_id}", count or steps,
                                  first_step)
    for i in range(first_step, steps):
        kind = "type" if i % 3 == 2 else "click"
        details = {"chars_per_minute": 31.5, "accuracy": 0.875, "missed_keys": {"é": 2}} if kind == "type" else None
        assert store.record_step(attempt, i, step(kind, 3.0 + i, i % 2, details))
    if status is not None:
        store.finish_attempt(attempt, status)
    if own and end:
        store.end_session(session)
    return session, attempt


@pytest.fixture
def workshop(tmp_path):
    """The workshop's device: Marie (two sessions), Paul (a lesson left half done) and the guest."""
    store = ProgressStore(tmp_path / "atelier" / DB_NAME)
    marie = store.add_learner("Marie")
    store.update_settings(marie.id, double_click_delay=1.2, text_size="grand")
    paul = store.add_learner("Paul")
    play(store, marie, "souris-1", 3)
    session, _ = play(store, marie, "souris-2", 4, end=False)
    play(store, marie, "clavier-1", 3, status="left", session=session, count=5)  # 3 steps of 5
    store.end_session(session)
    play(store, paul, "souris-1", 5, status="left", count=6)
    play(store, store.guest(), "souris-1", 2)
    yield store
    store.close()


def without_stamp(path) -> dict:
    """The file without what says when and where it was written."""
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    document.pop("exported_at")
    document.pop("device")
    return document


def test_export_import_export_gives_the_same_file(workshop, tmp_path):
    first = tmp_path / "premier.json"
    summary = export_progress(workshop, first)
    assert (summary.learners, summary.sessions, summary.steps) == (2, 3, 15)
    assert "2 personnes, 3 séances et 15 étapes exportées" in summary.message
    document = json.loads(first.read_text(encoding="utf-8"))
    assert document["format"] == "pas-a-pas-progres" and document["version"] == 2
    assert [l["name"] for l in document["learners"]] == ["Marie", "Paul"]  # never the guest unless asked
    marie = document["learners"][0]
    assert marie["settings"] == {"double_click_delay": 1.2, "text_size": "grand"}
    attempts = [a for s in marie["sessions"] for a in s["attempts"]]
    assert [(a["lesson_id"], a["status"], len(a["steps"])) for a in attempts] == [
        ("souris-1", "done", 3), ("souris-2", "done", 4), ("clavier-1", "left", 3)]
    typed = attempts[0]["steps"][2]
    assert typed["kind"] == "type" and typed["details"]["chars_per_minute"] == 31.5  # an object, not a string
    assert set(typed) == set(exchange.STEP_FIELDS)

    empty = ProgressStore(tmp_path / "vide" / DB_NAME)
    result = import_progress(empty, first)
    assert counts(empty) == {"learners": 2, "sessions": 3, "attempts": 4, "step_results": 15}
    assert result.lines() == ["Marie : 2 séances et 10 étapes ajoutées. (nouvelle personne sur cet appareil)",
                              "Paul : 1 séance et 5 étapes ajoutées. (nouvelle personne sur cet appareil)"]
    again = tmp_path / "second.json"
    export_progress(empty, again)
    assert without_stamp(again) == without_stamp(first)
    stamp = re.compile(rb'"device":\{[^}]*\},|"exported_at":"[^"]*"')
    assert stamp.sub(b"", again.read_bytes()) == stamp.sub(b"", first.read_bytes())  # byte for byte
    # the resumed lesson resumes on the other device too
    paul = next(l for l in empty.learners() if l.name == "Paul")
    assert empty.resume_point(paul.id, "souris-1", 5) == 0  # left, but every step was done
    empty.close()


def test_importing_the_same_file_twice_adds_nothing(workshop, tmp_path):
    out = tmp_path / "export.json"
    export_progress(workshop, out)
    other = ProgressStore(tmp_path / "autre" / DB_NAME)
    import_progress(other, out)
    before = dump(other)
    summary = import_progress(other, out)
    assert dump(other) == before
    assert (summary.sessions_added, summary.steps_added, summary.steps_present) == (0, 0, 15)
    assert summary.lines()[0] == "Marie : rien de nouveau (10 étapes déjà présentes)."
    # and into the device it came from: nothing either
    before = dump(workshop)
    import_progress(workshop, out)
    assert dump(workshop) == before
    other.close()


def test_a_loaned_device_brings_new_sessions_back_to_the_workshop(workshop, tmp_path):
    # Marie takes a laptop home: her record goes onto it
    out = tmp_path / "vers-la-maison.json"
    marie = next(l for l in workshop.learners() if l.name == "Marie")
    export_progress(workshop, out, [marie.id])
    home = ProgressStore(tmp_path / "maison" / DB_NAME)
    import_progress(home, out)
    home_marie = home.learners()[0]
    assert home.lesson_states(home_marie.id) == {"souris-1": "done", "souris-2": "done", "clavier-1": "started"}
    # at home: two sessions, the keyboard lesson resumed and finished, and a new one half done
    s1, _ = play(home, home_marie, "clavier-1", 5, first_step=3)
    play(home, home_marie, "souris-3", 4, status="left", count=6)  # half done
    home.update_settings(home_marie.id, double_click_delay=2.0, sound=False)
    # meanwhile at the workshop: Paul practises
    paul = next(l for l in workshop.learners() if l.name == "Paul")
    play(workshop, paul, "souris-2", 2)
    before = counts(workshop)
    back = tmp_path / "retour.json"
    export_progress(home, back)
    summary = import_progress(workshop, back)
    assert summary.lines() == ["Marie : 2 séances et 6 étapes ajoutées, 10 déjà présentes."]
    after = counts(workshop)
    assert after == {"learners": before["learners"], "sessions": before["sessions"] + 2,
                     "attempts": before["attempts"] + 2, "step_results": before["step_results"] + 6}
    assert workshop.lesson_states(marie.id) == {"souris-1": "done", "souris-2": "done", "clavier-1": "done",
                                                "souris-3": "started"}
    # an import never changes a learner's settings here, not even one the device did not have
    assert workshop.learner(marie.id).settings == {"double_click_delay": 1.2, "text_size": "grand"}
    # both ways now agree on Marie's record
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    export_progress(workshop, a, [marie.id])
    import_progress(home, a)
    export_progress(home, b)
    assert without_stamp(a)["learners"][0]["sessions"] == without_stamp(b)["learners"][0]["sessions"]
    assert without_stamp(b)["learners"][0]["settings"]["double_click_delay"] == 2.0  # each device keeps its own
    home.close()


def test_an_attempt_status_only_moves_forward(tmp_path):
    store = ProgressStore(tmp_path / "a" / DB_NAME)
    marie = store.add_learner("Marie")
    session = store.start_session(marie.id)
    attempt = store.start_attempt(session, marie.id, "l", "L", 2)
    store.record_step(attempt, 0, step())
    early = tmp_path / "tot.json"
    export_progress(store, early)  # the attempt is still 'started' in this file
    store.record_step(attempt, 1, step())
    store.finish_attempt(attempt, "done")
    late = tmp_path / "tard.json"
    export_progress(store, late)

    import_progress(store, early)  # an old file never takes 'done' back
    assert store.db.execute("SELECT status FROM attempts").fetchone()[0] == "done"

    other = ProgressStore(tmp_path / "b" / DB_NAME)
    import_progress(other, early)
    assert other.db.execute("SELECT status FROM attempts").fetchone()[0] == "started"
    summary = import_progress(other, late)
    assert other.db.execute("SELECT status, finished_at IS NOT NULL FROM attempts").fetchone() == ("done", 1)
    assert summary.lines() == ["Marie : 1 étape ajoutée, 1 déjà présente, 1 leçon mise à jour."]
    assert other.db.execute("SELECT ended_at FROM sessions").fetchone()[0] is None
    store.end_session(session)
    export_progress(store, late)
    import_progress(other, late)
    assert other.db.execute("SELECT ended_at FROM sessions").fetchone()[0] == \
        store.db.execute("SELECT ended_at FROM sessions").fetchone()[0]
    other.close()
    store.close()


def test_a_different_person_with_the_same_first_name_is_kept_apart_and_the_guest_goes_to_the_guest(tmp_path):
    home = ProgressStore(tmp_path / "maison" / DB_NAME)
    play(home, home.add_learner("Élise"), "l", 2)
    home.update_settings(home.learners()[0].id, left_handed=True)
    play(home, home.guest(), "l", 1)
    out = tmp_path / "maison.json"
    export_progress(home, out, include_guest=True)
    workshop = ProgressStore(tmp_path / "atelier" / DB_NAME)
    elise = workshop.add_learner("élise")  # another Élise, typed without the capital at the workshop
    guest = workshop.guest()
    summary = import_progress(workshop, out)
    assert sorted(l.name for l in workshop.learners()) == ["Élise (2)", "élise"]
    assert summary.lines()[0].startswith("Élise (2) : 1 séance et 2 étapes ajoutées. (une autre personne "
                                         "s'appelle déjà élise ici : gardées à part")
    assert workshop.db.execute("SELECT COUNT(*) FROM sessions WHERE learner_id = ?", (elise.id,)).fetchone()[0] == 0
    assert workshop.learner(elise.id).settings == {}  # never the other one's left-handed mouse
    # the guest's steps go to this device's guest, not to a learner of that name
    assert workshop.db.execute("SELECT COUNT(*) FROM learners WHERE is_guest = 1").fetchone()[0] == 1
    assert workshop.db.execute("SELECT COUNT(*) FROM sessions WHERE learner_id = ?", (guest.id,)).fetchone()[0] == 1
    before = dump(workshop)
    import_progress(workshop, out)
    assert dump(workshop) == before
    home.close()
    workshop.close()


def test_the_same_person_is_joined_only_when_the_facilitator_says_so_and_can_be_separated(tmp_path, capsys):
    home = ProgressStore(tmp_path / "maison" / DB_NAME)
    play(home, home.add_learner("Élise"), "l", 2)
    out = tmp_path / "maison.json"
    export_progress(home, out)
    data = tmp_path / "atelier"
    workshop = ProgressStore(data / DB_NAME)
    elise = workshop.add_learner("élise")
    play(workshop, elise, "m", 1)
    workshop.close()
    assert main(["import", str(out), "--data", str(data), "--same-person", "Élise"]) == 0
    assert "c'est la même personne que élise" in capsys.readouterr().out
    workshop = ProgressStore(data / DB_NAME)
    assert [l.name for l in workshop.learners()] == ["élise"]  # one tile
    persons = workshop.person_uids()
    assert len(set(persons[i] for i in persons if i != workshop.guest().id)) == 1
    (joined, name, keep, keep_name), = workshop.joined_records()
    assert (keep, keep_name) == (elise.id, "élise")
    assert workshop.separate_people(joined)  # undone: two people again, nothing lost
    assert sorted(l.name for l in workshop.learners()) == ["Élise (2)", "élise"]
    assert workshop.join_people(elise.id, joined) and [l.name for l in workshop.learners()] == ["élise"]
    workshop.close()
    home.close()


def broken_files(good: Path, folder: Path):
    text = good.read_text(encoding="utf-8")
    document = json.loads(text)

    def variant(name, change):
        doc = json.loads(text)
        change(doc)
        path = folder / name
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path

    truncated = folder / "coupe.json"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) * 2 // 3])
    not_json = folder / "image.json"
    not_json.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    deep = folder / "profond.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    empty = folder / "vide.json"
    empty.write_bytes(b"")
    assert document["learners"][1]["sessions"][0]["attempts"][0]["steps"]
    return [
        (truncated, "abîmé ou incomplet"),
        (not_json, "n'est pas un export"),
        (empty, "est vide"),
        (deep, "abîmé ou incomplet"),
        (variant("autre.json", lambda d: d.update(format="autre-chose")), "n'est pas un export des progrès"),
        (variant("liste.json", lambda d: d.clear()), "n'est pas un export des progrès"),
        (variant("futur.json", lambda d: d.update(version=3)), "version plus récente de Pas à pas (format 3"),
        (variant("sans-kind.json", lambda d: d["learners"][1]["sessions"][0]["attempts"][0]["steps"][-1].pop("kind")),
         "il manque « kind » dans une étape de la leçon n° 1 de la séance n° 1 de Paul"),
        (variant("statut.json", lambda d: d["learners"][1]["sessions"][0]["attempts"][0].update(status="fini")),
         "« status » n'a pas une valeur possible"),
        (folder / "absent.json", "n'existe pas"),
        (variant("enorme.json", lambda d: d["learners"][0]["sessions"][0]["attempts"][0]["steps"][0].update(
            misses=10 ** 30)), "« misses » n'a pas une valeur possible"),
    ]


def test_a_broken_truncated_or_future_file_writes_nothing_and_says_why(workshop, tmp_path):
    good = tmp_path / "bon.json"
    export_progress(workshop, good)
    target = ProgressStore(tmp_path / "cible" / DB_NAME)
    play(target, target.add_learner("Nadia"), "l", 2)
    before = dump(target)
    for path, reason in broken_files(good, tmp_path):
        with pytest.raises(ExchangeError) as caught:
            import_progress(target, path)
        assert reason in caught.value.message, (path.name, caught.value.message)
        assert dump(target) == before, path.name
    target.close()


def test_a_failure_in_the_middle_of_an_import_rolls_everything_back(workshop, tmp_path):
    """Marie is merged first; then Paul's session clashes with one already here
    for another person: nothing of Marie's stays either."""
    out = tmp_path / "export.json"
    export_progress(workshop, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    target = ProgressStore(tmp_path / "cible" / DB_NAME)
    nadia = target.add_learner("Nadia")
    session = target.start_session(nadia.id)
    target.db.execute("UPDATE sessions SET uid = ? WHERE id = ?",
                      (document["learners"][1]["sessions"][0]["uid"], session))
    before = dump(target)
    with pytest.raises(ExchangeError) as caught:
        import_progress(target, out)
    assert "autre personne" in caught.value.message and "Rien n'a été importé" in caught.value.message
    assert dump(target) == before
    target.close()


def test_a_store_that_could_not_be_opened_neither_exports_nor_imports(workshop, tmp_path):
    good = tmp_path / "bon.json"
    export_progress(workshop, good)
    blocker = tmp_path / "pas-un-dossier"
    blocker.write_text("x")
    store = ProgressStore(blocker / "sous-dossier" / DB_NAME)  # kept in memory only, with a warning
    play(store, store.add_learner("Marie"), "l", 1)
    for action in (lambda: import_progress(store, good), lambda: export_progress(store, tmp_path / "e.json")):
        with pytest.raises(ExchangeError) as caught:
            action()
        message = caught.value.message
        assert "ne peut pas être ouvert" in message and "impossible pour l'instant" in message
    assert not (tmp_path / "e.json").exists()
    assert store.db.execute("SELECT COUNT(*) FROM learners").fetchone()[0] == 1


def test_an_export_is_written_whole_or_not_at_all(workshop, tmp_path):
    out = tmp_path / "export.json"
    out.write_text("ancien contenu", encoding="utf-8")
    export_progress(workshop, out)
    assert read_export(out)["learners"]  # replaced, whole
    with pytest.raises(ExchangeError) as caught:
        export_progress(workshop, tmp_path / "pas-de-dossier" / "export.json")
    assert "n'a pas pu être écrit" in caught.value.message and "n'existe pas" in caught.value.message
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary file left


def test_csv_export_opens_in_a_french_spreadsheet(workshop, tmp_path):
    out = tmp_path / "export.csv"
    summary = export_progress(workshop, out, fmt="csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(exchange.CSV_HEADER)
    assert len(rows) - 1 == summary.steps == 15
    assert {len(r) for r in rows} == {len(exchange.CSV_HEADER)}
    by = {name: i for i, name in enumerate(rows[0])}
    first, typed = rows[1], rows[3]
    assert first[by["prénom"]] == "Marie" and first[by["leçon"]] == "souris-1"
    assert first[by["titre de la leçon"]] == "Leçon souris-1" and first[by["étape"]] == "1"
    assert first[by["durée (s)"]] == "3" and first[by["taille de la cible"]] == "0,1"
    assert first[by["entrée"]] == "souris" and first[by["caractères par minute"]] == ""
    assert typed[by["type d'étape"]] == "type" and typed[by["caractères par minute"]] == "31,5"
    assert typed[by["précision"]] == "0,875" and typed[by["durée (s)"]] == "5"
    assert len(first[by["date de la séance"]]) == len("2026-11-26 14:05")


def test_a_name_that_looks_like_a_formula_stays_text_in_the_spreadsheet(tmp_path):
    store = ProgressStore(None)
    play(store, store.add_learner("=1+1"), "l", 1)
    out = tmp_path / "e.csv"
    export_progress(store, out, fmt="csv")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "'=1+1"
    out = tmp_path / "e.json"
    export_progress(store, out)
    assert read_export(out)["learners"][0]["name"] == "=1+1"  # the record itself is untouched


def test_cli_export_and_import(workshop, tmp_path, monkeypatch, capsys):
    data = workshop.path.parent
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--all", "--data", str(data)]) == 0
    name = f"pas-a-pas-progres-{date.today().isoformat()}.json"
    assert (tmp_path / name).exists()
    assert "2 personnes, 3 séances et 15 étapes exportées" in capsys.readouterr().out
    assert main(["export", "--all", "--data", str(data)]) == 0  # the same day again: a second file, not replaced
    assert (tmp_path / name.replace(".json", "-2.json")).exists()
    assert main(["export", "--learner", "marie", "--format", "csv", "--data", str(data)]) == 0
    assert (tmp_path / f"pas-a-pas-progres-marie-{date.today().isoformat()}.csv").exists()
    assert main(["export", "--learner", "Paul", "--guest", "--out", "p.json", "--data", str(data)]) == 0
    assert [l["name"] for l in read_export(tmp_path / "p.json")["learners"]] == ["Paul", "Invité"]

    assert main(["export", "--learner", "Mari", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "Personne ne s'appelle « Mari »" in err and "Marie, Paul" in err

    assert main(["export", "--learner", "invité", "--data", str(data)]) == 1
    assert "ajoutez --guest" in capsys.readouterr().err
    empty = ProgressStore(tmp_path / "sans-personne" / DB_NAME)
    empty.close()
    assert main(["export", "--all", "--data", str(tmp_path / "sans-personne")]) == 1
    assert "rien à exporter" in capsys.readouterr().err

    assert main(["import", name, "--data", str(tmp_path / "neuf")]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Marie : 2 séances et 10 étapes ajoutées. (nouvelle personne sur cet appareil)",
        "Paul : 1 séance et 5 étapes ajoutées. (nouvelle personne sur cet appareil)"]
    assert main(["import", name, "--data", str(tmp_path / "neuf")]) == 0
    assert "Paul : rien de nouveau (5 étapes déjà présentes)." in capsys.readouterr().out
    (tmp_path / "coupe.json").write_bytes((tmp_path / name).read_bytes()[:500])
    assert main(["import", "coupe.json", "--data", str(tmp_path / "neuf")]) == 1
    assert "abîmé ou incomplet" in capsys.readouterr().err
    assert main(["import", f"pas-a-pas-progres-marie-{date.today().isoformat()}.csv",
                 "--data", str(tmp_path / "neuf")]) == 1
    assert "format JSON" in capsys.readouterr().err
    assert main(["export", "--all", "--data", str(tmp_path / "nulle-part")]) == 1
    assert "Aucun progrès enregistré" in capsys.readouterr().err
    assert not (tmp_path / "nulle-part").exists()


def test_the_command_line_paths_never_import_pygame(workshop, tmp_path):
    data = workshop.path.parent
    code = (
        "import sys\n"
        "from trainer.cli import main\n"
        f"assert main(['export', '--all', '--out', {str(tmp_path / 'e.json')!r}, '--data', {str(data)!r}]) == 0\n"
        f"assert main(['export', '--all', '--format', 'csv', '--out', {str(tmp_path / 'e.csv')!r}, "
        f"'--data', {str(data)!r}]) == 0\n"
        f"assert main(['import', {str(tmp_path / 'e.json')!r}, '--data', {str(tmp_path / 'b')!r}]) == 0\n"
        f"assert main(['report', '--data', {str(data)!r}]) == 0\n"
        f"assert main(['report', '--format', 'csv', '--data', {str(data)!r}]) == 0\n"
        "assert 'pygame' not in sys.modules, 'pygame was imported'\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDL_")}
    env["DISPLAY"] = ""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Rapport des ateliers Pas à pas" in proc.stdout


def test_a_real_lesson_played_through_the_program_exports_and_round_trips(pilot, tmp_path):
    pilot.click("guest")
    pilot.click("lesson:souris-pointer-cliquer")
    lesson = pilot.app.screen.lesson
    pilot.play_lesson()
    store = pilot.app.store
    out = tmp_path / "joue.json"
    summary = export_progress(store, out, include_guest=True)
    assert summary.steps == len(lesson.steps)
    document = read_export(out)
    (attempt,) = document["learners"][0]["sessions"][0]["attempts"]
    assert attempt["lesson_id"] == lesson.id and attempt["status"] == "done"
    assert [s["kind"] for s in attempt["steps"]] == [s.kind for s in lesson.steps]
    assert all(s["duration"] > 0 and s["input"] == "mouse" for s in attempt["steps"])
    other = ProgressStore(tmp_path / "autre" / DB_NAME)
    import_progress(other, out)
    again = tmp_path / "encore.json"
    export_progress(other, again, include_guest=True)
    assert without_stamp(again)["learners"] == without_stamp(out)["learners"]
    csv_out = tmp_path / "joue.csv"
    export_progress(store, csv_out, fmt="csv", include_guest=True)
    rows = list(csv.reader(io.StringIO(csv_out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + len(lesson.steps) and rows[1][0] == "Invité"
    other.close()


def test_removable_drives_never_fails_and_finds_mounted_sticks(tmp_path, monkeypatch):
    assert isinstance(exchange.removable_drives(), list)
    media = tmp_path / "media" / "anne"
    (media / "CLE USB").mkdir(parents=True)
    (media / "ancien-dossier").mkdir()
    (tmp_path / "run" / "media" / "anne" / "SD").mkdir(parents=True)
    mounted = {str(media / "CLE USB"), str(tmp_path / "run" / "media" / "anne" / "SD")}
    monkeypatch.setattr(exchange.os.path, "ismount", lambda p: str(p) in mounted)
    assert exchange._linux_drives("anne", tmp_path) == [media / "CLE USB", tmp_path / "run" / "media" / "anne" / "SD"]
    assert exchange._linux_drives("bob", tmp_path) == []
    monkeypatch.setattr(exchange.sys, "platform", "win32")
    assert exchange.removable_drives() == []  # no ctypes.windll here: an empty list, no exception


def test_default_file_names():
    day = date(2026, 11, 26)
    assert exchange.default_file_name("json", day=day) == "pas-a-pas-progres-2026-11-26.json"
    assert exchange.default_file_name("csv", "Élise Martin", day) == "pas-a-pas-progres-elise-martin-2026-11-26.csv"


def test_an_undo_lesson_played_through_the_program_gives_its_undos_to_the_spreadsheet(pilot, tmp_path):
    pilot.click("guest")
    pilot.click("level:2")
    pilot.click("lesson:annuler-une-erreur")
    lesson = pilot.app.screen.lesson
    pilot.play_lesson()
    out = tmp_path / "annuler.csv"
    summary = export_progress(pilot.app.store, out, fmt="csv", include_guest=True)
    assert summary.steps == len(lesson.steps)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    by = {name: i for i, name in enumerate(rows[0])}
    undo_rows = [r for r in rows[1:] if r[by["type d'étape"]] == "undo"]
    assert undo_rows, [r[by["type d'étape"]] for r in rows[1:]]
    assert all(int(r[by["annulations"]]) >= 1 and r[by["situation retrouvée"]] == "oui" for r in undo_rows)
    document = tmp_path / "annuler.json"
    export_progress(pilot.app.store, document, include_guest=True)
    steps = read_export(document)["learners"][0]["sessions"][0]["attempts"][0]["steps"]
    assert any(s["details"].get("undos") for s in steps)
