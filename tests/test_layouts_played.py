"""The bundled keyboard lessons played to their end on every supported keyboard,
with the real layout's keys (the pilot types what X types for them) under the
drawn keyboard of the same name, and with a finger on the drawn keyboard: never
a dead end, a sign without a key comes from a long press or « Passer ce signe »."""
import pytest

from trainer import keyboards, xkb
from trainer.activities.keyboard_common import KeyboardActivity
from trainer.pilot import Pilot

from conftest import ROOT

TYPED = {"key", "letters", "type", "field"}


def keyboard_lessons():
    from trainer import lesson

    found = []
    for entry in lesson.discover([ROOT / "lessons"]):
        if entry.lesson and any(step.kind in TYPED for step in entry.lesson.steps):
            found.append(entry.lesson)
    return found


def play_all(tmp_path, name: str, touch: bool) -> dict:
    lessons = keyboard_lessons()
    assert len(lessons) >= 8
    skipped = {}
    with Pilot.start(tmp_path / name, layout=xkb.ALIASES[name]) as p:
        p.app.keyboard_layout = name
        p.click("guest")
        for found in lessons:
            p.app.nav.lessons(found.level)
            p.click(f"lesson:{found.id}", touch=touch)
            assert p.screen == "player"
            screen = p.app.screen
            skipped[found.id] = 0
            for _ in range(300):
                if p.app.screen is not screen or screen.run.finished and screen.praise_until is None:
                    break
                if screen.praise_until is not None:
                    p.wait(1.3)
                    continue
                step = screen.activity
                assert not isinstance(step, KeyboardActivity) or step.layout.name == name
                p.play_step(touch)
                skipped[found.id] += len(getattr(step, "skipped", ""))
            assert p.screen == "results", (name, found.id)
    return skipped


@pytest.mark.parametrize("name", list(keyboards.LAYOUTS))
def test_every_keyboard_lesson_on_every_keyboard(tmp_path, name):
    skipped = play_all(tmp_path, name, touch=False)
    if name in keyboards.FRENCH_LAYOUTS:
        # a French-speaking keyboard types every sign of the bundled lessons (Linux recipes)
        assert not any(skipped.values()), skipped


@pytest.mark.parametrize("name", ["azerty", "qwerty"])
def test_every_keyboard_lesson_with_a_finger_on_the_drawn_keyboard(tmp_path, name):
    skipped = play_all(tmp_path, name, touch=True)
    assert not any(skipped.values()), skipped  # the long press gives what the keys do not
