"""End to end in a real X window: the real pointer, the real keyboard.

The program is started as a user starts it (the installed ``trainer``
command, full screen) in a virtual X server (Xvfb, through ``xvfb-run``) with
a window manager (openbox) and the French keyboard layout.  xdotool moves the
pointer, clicks, double-clicks, drags and presses keys (dead circumflex, AltGr
for « @ », é, è, Shift, Retour arrière, Entrée) through: the learner tiles,
a mouse lesson, the lesson menu again, a keyboard lesson, and the quit
question.  Then the progress database must hold what was done.

Every position is computed, never written by hand: the same screens are
built in-process first (the dummy video driver, 1920x1080, the same lessons),
and the real program uses the same layout code.  The actions are written to a
plan that ``real_window_driver.py`` plays inside the X server.

Screenshots of each screen go to ``$PAS_A_PAS_ARTIFACTS/real-window/`` (CI
keeps them) or to the test's temporary folder.

Needs: xvfb-run (xvfb, xauth), xdotool, openbox, setxkbmap (x11-xkb-utils),
and import (imagemagick) for the screenshots; skipped without them.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from trainer import resources
from trainer.pilot import Pilot
from trainer.progress import DB_NAME

SIZE = (1920, 1080)
LEVEL = 5  # a tab of its own: the bundled lessons do not move our cards
MOUSE_TITLE = "Essai en vraie fenêtre : la souris"
KEYBOARD_TITLE = "Essai en vraie fenêtre : le clavier"
TYPED = "Hélène.forêt@free.fr"
DRIVER = Path(__file__).with_name("real_window_driver.py")
NEEDED = ["xvfb-run", "Xvfb", "xauth", "xdotool", "openbox", "setxkbmap"]

MOUSE_LESSON = f"""\
format: 1
id: essai-fenetre-souris
title: "{MOUSE_TITLE}"
level: {LEVEL}
intro: Un essai avec la vraie souris.
learned: La vraie souris marche.
steps:
  - kind: click
    instruction: Cliquez sur le rond.
    count: 2
    positions: [[0.25, 0.5], [0.75, 0.4]]
  - kind: double_click
    instruction: Double-cliquez sur le rond.
    count: 1
    positions: [[0.5, 0.55]]
  - kind: drag
    instruction: Glissez la photo dans l'album.
    count: 1
    from: [0.2, 0.5]
    to: [0.75, 0.5]
    item_label: Photo
    zone_label: Album
"""

KEYBOARD_LESSON = f"""\
format: 1
id: essai-fenetre-clavier
title: "{KEYBOARD_TITLE}"
level: {LEVEL}
intro: Un essai avec le vrai clavier.
learned: Le vrai clavier marche.
steps:
  - kind: type
    instruction: Recopiez l'adresse.
    text: "{TYPED}"
  - kind: field
    instruction: Corrigez le nom de la ville, puis appuyez sur Entrée.
    label: Ville
    initial: Orléanz
    text: Orléans
    submit: true
"""

# What a person presses on a French AZERTY keyboard (xdotool keysyms), per keyboard step.
KEYS_TYPED = ["shift+h", "eacute", "l", "egrave", "n", "e", "shift+semicolon",  # Hélène.
              "f", "o", "r", "dead_circumflex", "e", "t",  # forêt (^ then e)
              "at",  # @ is AltGr + à
              "f", "r", "e", "e", "shift+semicolon", "f", "r"]  # free.fr
KEYS_FIELD = ["BackSpace", "s", "Return"]

PRAISE_WAIT = 1.7  # the praise stays 1.2 s before the next step
SCREEN_WAIT = 0.6  # the program redraws within 50 ms of an input; room for a slow machine


def _missing_tools() -> list[str]:
    return [tool for tool in NEEDED if shutil.which(tool) is None]


pytestmark = pytest.mark.skipif(
    bool(_missing_tools()),
    reason="a real X window needs " + ", ".join(_missing_tools()) + " (apt-get install xvfb xauth xdotool "
           "openbox x11-xkb-utils imagemagick)")


class Plan:
    """The actions for the driver, built while the same screens are played in-process."""

    def __init__(self):
        self.actions: list[list] = []
        self.shots = 0

    def shot(self, name: str) -> None:
        self.shots += 1
        self.actions.append(["shot", f"{self.shots:02d}-{name}"])

    def step_shot(self, name: str) -> None:
        """A screenshot of a step that follows a praise: the program must
        draw the new step by itself, with no input (no pointer nudge here)."""
        self.sleep(0.2)
        self.shot(name)

    def sleep(self, seconds: float) -> None:
        self.actions.append(["sleep", seconds])

    def click(self, pos, wait: float = SCREEN_WAIT) -> None:
        self.actions.append(["click", round(pos[0]), round(pos[1])])
        self.sleep(wait)

    def double_click(self, pos, wait: float = SCREEN_WAIT) -> None:
        self.actions.append(["double_click", round(pos[0]), round(pos[1])])
        self.sleep(wait)

    def drag(self, start, end, steps: int = 12, wait: float = SCREEN_WAIT) -> None:
        self.actions.append(["drag", [round(start[0]), round(start[1])], [round(end[0]), round(end[1])], steps])
        self.sleep(wait)

    def keys(self, keysyms, gap: float = 0.12) -> None:
        for keysym in keysyms:
            self.actions.append(["key", keysym])
            self.sleep(gap)


def installed_trainer() -> Path:
    """The ``trainer`` command a user runs (``pip install -e .`` puts it beside Python), or skip."""
    trainer = Path(sys.executable).parent / ("trainer.exe" if os.name == "nt" else "trainer")
    if not trainer.exists():
        pytest.skip(f"the trainer command is not installed next to {sys.executable} (pip install -e .)")
    return trainer


def run_in_xvfb(tmp_path: Path, trainer: Path, data: Path, lessons: Path, plan: "Plan", shots=None):
    """Play ``plan`` on the real program in a virtual X server (the driver,
    xvfb-run, a French layout): the driver's result, and what xvfb-run printed."""
    result_file = tmp_path / "result.json"
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps({
        "command": [str(trainer), "--data", str(data), "--lessons", str(lessons)],
        "env": {"SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "dummy", "PAS_A_PAS_REPORT_FIRST_FRAME": "1"},
        "title": "Pas à pas", "layout": "fr", "shots": str(shots) if shots else None,
        "log": str(tmp_path / "trainer.log"), "result": str(result_file), "actions": plan.actions,
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    env = dict(os.environ)
    for name in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY"):
        env.pop(name, None)  # the tests' dummy driver, or the developer's own screen
    # -noreset: without it the keymap set by setxkbmap is lost when a client disconnects
    command = ["xvfb-run", "-a", "-s", f"-screen 0 {SIZE[0]}x{SIZE[1]}x24 -noreset",
               sys.executable, str(DRIVER), str(plan_file)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        output, _ = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)  # xvfb-run, Xvfb, the driver and what it started
        output, _ = proc.communicate(timeout=10)
        pytest.fail(f"the real-window run took more than 120 s:\n{output}")
    assert result_file.exists(), f"the driver wrote no result (xvfb-run exit {proc.returncode}):\n{output}"
    return json.loads(result_file.read_text(encoding="utf-8")), output


def _centre(rect):
    x, y, w, h = rect
    return (x + w / 2, y + h / 2)


def _build_plan(pilot: Pilot) -> Plan:
    """Walk through the program in-process, writing down where the real pointer must go."""
    plan = Plan()
    plan.shot("learners")
    assert pilot.screen == "learners"
    plan.click(pilot.find("guest"))
    pilot.click("guest")
    assert pilot.screen == "lessons"
    plan.shot("lessons")
    tab = f"level:{LEVEL}"
    plan.click(pilot.find(tab))
    pilot.click(tab)
    plan.shot(f"lessons-level-{LEVEL}")

    # the mouse lesson
    plan.click(pilot.find("lesson:essai-fenetre-souris"))
    pilot.click("lesson:essai-fenetre-souris")
    assert pilot.screen == "player" and pilot.app.screen.lesson.title == MOUSE_TITLE
    player = pilot.app.screen
    kinds = []
    while pilot.screen == "player":
        index = player.index
        activity = player.activity
        kinds.append(activity.KIND)
        plan.step_shot(f"mouse-step-{index + 1}-{activity.KIND}")
        for _ in range(10):
            if player.index != index or player.praise_until is not None:
                break
            if activity.KIND == "click":
                pos = activity.center()
                plan.click(pos, wait=0.4)
                pilot.click(pos)
            elif activity.KIND == "double_click":
                pos = activity.center()
                plan.double_click(pos, wait=0.4)
                pilot.double_click(pos)
            elif activity.KIND == "drag":
                start, end = _centre(activity.item_rect()), _centre(activity.zone_rect())
                plan.drag(start, end, wait=0.4)
                pilot.drag(start, end)
            else:
                raise AssertionError(f"the mouse lesson has a {activity.KIND} step")
        assert player.praise_until is not None, f"step {index + 1} did not end in-process"
        if index + 1 < len(player.lesson.steps):
            plan.shot(f"mouse-step-{index + 1}-praise")
        plan.sleep(PRAISE_WAIT)
        pilot.wait(1.3)
    assert kinds == ["click", "double_click", "drag"]
    assert pilot.screen == "results"
    plan.shot("mouse-end")

    # back to the lessons, then the keyboard lesson
    plan.click(pilot.find("back"))
    pilot.click("back")
    assert pilot.screen == "lessons" and pilot.app.screen.level == LEVEL
    plan.shot("lessons-mouse-done")
    plan.click(pilot.find("lesson:essai-fenetre-clavier"), wait=0.8)
    pilot.click("lesson:essai-fenetre-clavier")
    assert pilot.screen == "player" and pilot.app.screen.lesson.title == KEYBOARD_TITLE
    player = pilot.app.screen

    assert player.activity.KIND == "type"
    plan.shot("keyboard-step-1-type")
    half = KEYS_TYPED.index("at")
    plan.keys(KEYS_TYPED[:half])
    plan.sleep(0.3)
    plan.shot("keyboard-step-1-half-typed")
    plan.keys(KEYS_TYPED[half:])
    pilot.play_step()
    assert player.praise_until is not None
    plan.sleep(0.3)
    plan.shot("keyboard-step-1-praise")
    plan.sleep(PRAISE_WAIT - 0.3)
    pilot.wait(1.3)

    assert player.activity.KIND == "field"
    plan.step_shot("keyboard-step-2-field")
    plan.keys(KEYS_FIELD[:1])
    plan.sleep(0.3)
    plan.shot("keyboard-step-2-erased")
    plan.keys(KEYS_FIELD[1:])
    pilot.play_step()
    assert player.praise_until is not None
    plan.sleep(PRAISE_WAIT)
    pilot.wait(1.3)
    assert pilot.screen == "results"
    plan.shot("keyboard-end")

    # Échap three times: the lessons, the learners, the quit question
    for expected in ("lessons", "learners", "dialog"):
        plan.keys(["Escape"], gap=SCREEN_WAIT)
        pilot.press_key("escape")
        assert pilot.screen == expected
    plan.shot("quit-question")
    plan.click(pilot.find("yes"), wait=0.2)
    pilot.click("yes")
    assert not pilot.app.running
    return plan


def _same_picture(a: Path, b: Path) -> float:
    """The share of pixels that are (nearly) the same in two screenshots."""
    import pygame

    first, second = pygame.image.load(str(a)), pygame.image.load(str(b))
    assert first.get_size() == second.get_size(), (first.get_size(), second.get_size())
    x = pygame.Surface(first.get_size(), 0, 32)
    y = pygame.Surface(first.get_size(), 0, 32)
    x.blit(first, (0, 0))
    y.blit(second, (0, 0))
    diff = x.copy()
    diff.blit(y, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # x - y, at least 0
    y.blit(x, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # y - x, at least 0
    diff.blit(y, (0, 0), special_flags=pygame.BLEND_RGB_ADD)  # |x - y|
    same = pygame.mask.from_threshold(diff, (0, 0, 0, 255), (12, 12, 12, 255))
    return same.count() / (x.get_width() * x.get_height())


@pytest.fixture
def artifacts(tmp_path):
    folder = os.environ.get("PAS_A_PAS_ARTIFACTS")
    path = Path(folder) / "real-window" if folder else tmp_path / "screens"
    path.mkdir(parents=True, exist_ok=True)
    for old in path.glob("*.png"):
        old.unlink()
    return path


def test_a_learner_plays_a_mouse_and_a_keyboard_lesson_in_a_real_window(tmp_path, artifacts):
    trainer = installed_trainer()
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "souris.yaml").write_text(MOUSE_LESSON, encoding="utf-8")
    (lessons / "clavier.yaml").write_text(KEYBOARD_LESSON, encoding="utf-8")
    data = tmp_path / "data"

    # the same screens, in-process: where everything is
    pilot = Pilot.start(tmp_path / "pilot-data", size=SIZE, lesson_dirs=[resources.lessons_dir(), lessons])
    try:
        pilot.screenshot(tmp_path / "pilot-learners.png")
        plan = _build_plan(pilot)
    finally:
        pilot.app.close()

    shots = shutil.which("import") is not None  # imagemagick: screenshots only
    started = time.monotonic()
    result, output = run_in_xvfb(tmp_path, trainer, data, lessons, plan, shots=artifacts if shots else None)
    elapsed = time.monotonic() - started

    (artifacts / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    (artifacts / "plan.json").write_text((tmp_path / "plan.json").read_text(encoding="utf-8"), encoding="utf-8")
    story = "\n".join(result["events"]) + "\n--- program output ---\n" + result.get("log", "") + \
        f"\n--- xvfb-run output ---\n{output}\n(screenshots in {artifacts})"
    print(f"real window: {elapsed:.1f} s\n{story}")

    assert result.get("error") is None, story
    assert result["window_manager"], "openbox did not start\n" + story
    assert result["layout"] == "fr", "setxkbmap fr did not take:\n" + result.get("setxkbmap_query", "")
    assert result["active_window"] == "Pas à pas", story
    assert f"Geometry: {SIZE[0]}x{SIZE[1]}" in result["window_geometry"], story
    assert "Traceback" not in result["log"], story
    assert result["exit_code"] == 0, "the program did not end with 0 after « Oui »\n" + story
    assert not (data / "erreurs.log").exists(), (data / "erreurs.log").read_text(encoding="utf-8")

    # the progress database
    db = sqlite3.connect(data / DB_NAME)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        attempts = db.execute("SELECT id, lesson_id, status, step_count FROM attempts ORDER BY id").fetchall()
        assert [(a[1], a[2]) for a in attempts] == [("essai-fenetre-souris", "done"),
                                                  ("essai-fenetre-clavier", "done")], story
        expected = {
            "essai-fenetre-souris": [("click", "mouse", 2), ("double_click", "mouse", 1), ("drag", "mouse", 1)],
            "essai-fenetre-clavier": [("type", "keyboard", 1), ("field", "keyboard", 1)],
        }
        for attempt_id, lesson_id, _, step_count in attempts:
            rows = db.execute("SELECT step_index, kind, input, successes, misses, details FROM step_results "
                              "WHERE attempt_id = ? ORDER BY step_index", (attempt_id,)).fetchall()
            assert step_count == len(expected[lesson_id])
            assert [r[0] for r in rows] == list(range(step_count)), rows
            assert [(r[1], r[2], r[3]) for r in rows] == expected[lesson_id], rows
            # the real pointer hit every target first time; every typed character was right
            assert [r[4] for r in rows] == [0] * step_count, rows
            if lesson_id == "essai-fenetre-clavier":
                typed = json.loads(rows[0][5])
                assert typed["accuracy"] == 1.0 and typed["missed_keys"] == {}, typed
        sessions = db.execute("SELECT ended_at FROM sessions").fetchall()
        assert sessions and all(s[0] is not None for s in sessions), sessions
    finally:
        db.close()

    # the real window shows what the in-process screens show
    if shots:
        names = [Path(p).stem for p in result["shots"]]
        assert len(names) == plan.shots, f"screenshots missing: {names}"
        share = _same_picture(tmp_path / "pilot-learners.png", artifacts / "01-learners.png")
        assert share > 0.97, f"the real window differs from the in-process screen ({share:.1%} the same)"
