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
