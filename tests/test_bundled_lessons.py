"""The lessons shipped in lessons/: valid, described by the published schema,
and each one playable to its end with a mouse and with a finger."""
import json
import subprocess
import sys

import pytest

from trainer import lesson
from trainer.lesson.schema import lesson_schema
from trainer.pilot import Pilot

from conftest import LESSONS, ROOT

FILES = lesson.lesson_files(LESSONS)


def test_the_published_schema_is_the_one_the_program_uses():
    published = json.loads((LESSONS / "lesson.schema.json").read_text(encoding="utf-8"))
    assert published == lesson_schema(), "run: trainer schema --out lessons/lesson.schema.json"


def test_trainer_schema_out_writes_the_published_schema(tmp_path):
    """The schema is generated from the step kinds: `trainer schema --out` writes the published file."""
    from trainer import cli

    out = tmp_path / "lesson.schema.json"
    assert cli.main(["schema", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (LESSONS / "lesson.schema.json").read_text(encoding="utf-8")


def test_there_are_lessons_for_every_mouse_and_touch_skill():
    entries = lesson.discover([LESSONS])
    assert len(entries) >= 6
    kinds = {step.kind for e in entries if e.usable for step in e.lesson.steps}
    assert kinds >= {"hover", "click", "double_click", "right_click", "drag", "scroll"}
    assert {e.lesson.level for e in entries if e.usable} >= {1, 2, 3}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_bundled_lesson_is_valid(path):
    found, problems = lesson.load(path, LESSONS)
    assert problems == [], "\n".join(map(str, problems))
    assert found.intro and found.learned


def test_trainer_validate_passes_on_the_lessons_folder():
    run = subprocess.run([sys.executable, "-m", "trainer", "validate", str(LESSONS)],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "aucun problème" in run.stdout


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "touch"])
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_bundled_lesson_can_be_played_to_the_end(tmp_path, path, touch):
    found, _ = lesson.load(path, LESSONS)
    p = Pilot.start(tmp_path / "data", lesson_dirs=[LESSONS])
    p.click("Invité", touch=touch)
    p.click(f"Niveau {found.level}", touch=touch)
    p.click(found.title, touch=touch)
    assert p.app.screen.lesson.id == found.id
    p.play_lesson(touch=touch)
    assert p.screen == "results"
    steps = p.app.store.db.execute("SELECT COUNT(*) FROM step_results").fetchone()[0]
    assert steps == len(found.steps)
    p.app.close()


@pytest.mark.parametrize("mouse, touch", [
    ("Cliquez sur le rond.", "Touchez le rond."),
    ("Double-cliquez sur le dossier.", "Touchez deux fois le dossier."),
    ("Cliquez\u00a0sur «\u00a0Ouvrir\u00a0».", "Touchez «\u00a0Ouvrir\u00a0»."),
    ("Faites un clic droit sur la photo.", "Gardez le doigt appuyé sur la photo."),
    ("Vous savez double-cliquer.", "Vous savez toucher deux fois."),
    ("Faites un double-clic sur l'image.", "Touchez deux fois l'image."),
])
def test_the_wording_follows_the_input(mouse, touch):
    assert lesson.touch_wording(mouse) == touch


def test_a_hint_about_the_mouse_is_not_shown_on_a_touch_screen():
    assert lesson.touch_text(None, "Appuyez sur le bouton droit de la souris.") is None
    assert lesson.touch_text(None, "Cliquez sur le dossier jaune.") == "Touchez le dossier jaune."
    assert lesson.touch_text("Touchez-le.", "Cliquez sur le dossier jaune.") == "Touchez-le."
