import os

# Before pygame is imported anywhere: no screen and no sound card needed.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# The command line speaks the system's language: the tests read its French.
os.environ["LANGUAGE"] = "fr"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from trainer.pilot import Pilot  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"


@pytest.fixture
def pilot(tmp_path):
    """The real program, on a 1280x720 window, with its own empty data folder."""
    with Pilot.start(tmp_path / "data") as p:
        yield p


LESSON = """\
format: 1
id: essai-souris
title: Essai souris
level: 1
intro: Une petite leçon pour essayer.
learned: Vous savez cliquer et glisser.
steps:
  - kind: click
    instruction: Cliquez sur le rond.
    count: 2
  - kind: drag
    instruction: Glissez la photo dans l'album.
    count: 1
    item_label: Photo
    zone_label: Album
"""

SECOND = """\
format: 1
id: essai-double
title: Essai double
level: 2
intro: La suite.
steps:
  - kind: double_click
    instruction: Double-cliquez sur le rond.
    count: 1
"""


@pytest.fixture
def lessons(tmp_path):
    """A lessons folder with two small lessons: level 1 (click, drag), level 2 (double click)."""
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01-essai.yaml").write_text(LESSON, encoding="utf-8")
    (folder / "02-double.yaml").write_text(SECOND, encoding="utf-8")
    return folder


# -- fast feedback: `pytest -m "not slow"` -----------------------------------
# The whole suite runs in CI.  These tests take seconds each (random storms,
# killed processes, every bundled lesson played through, real X windows, the
# big screen sizes); the rest run in well under 30 s on a 2-core machine.
SLOW_MODULES = {
    "test_input_storm.py",      # tens of thousands of random events
    "test_crash_safety.py",     # programs killed at random (SIGKILL)
    "test_partial_drawing.py",  # every frame of every lesson, drawn twice
    "test_real_window.py",      # a real X window (Xvfb, xdotool)
    "test_real_window_undo.py",
    "test_real_window_pointing.py",
}
SLOW_TESTS = {
    "test_every_bundled_lesson_can_be_played_to_the_end",  # 25 lessons x mouse and touch
    "test_random_taps_on_the_learner_screen_never_open_it",
    "test_trainer_validate_passes_on_the_lessons_folder",  # a subprocess
    "test_the_layout_files_are_what_x_data_says",  # X's keymaps compiled again (Xvfb)
    "test_sdl_under_x_reports_what_the_layout_files_say",  # every key pressed in Xvfb
}
SLOW_SIZES = ("2560x1440", "2560x1600", "1920x1080")  # the small sizes stay in the quick run


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes seconds; left out by `pytest -m \"not slow\"`")


def pytest_collection_modifyitems(config, items):
    for item in items:
        name = item.name.split("[")[0]
        if (item.path.name in SLOW_MODULES or name in SLOW_TESTS
                or any(size in item.name for size in SLOW_SIZES)):
            item.add_marker(pytest.mark.slow)
