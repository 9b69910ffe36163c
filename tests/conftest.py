import os

# Before pygame is imported anywhere: no screen and no sound card needed.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from trainer.pilot import Pilot  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"


@pytest.fixture
def pilot(tmp_path):
    """The real program, on a 1280x720 window, with its own empty data folder."""
    p = Pilot.start(tmp_path / "data")
    yield p
    p.app.close()


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
