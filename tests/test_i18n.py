"""The interface language: French by default, English from the facilitator
mode; lessons carry their own translations.  Through the real main loop."""
import pytest

from trainer.lesson import load
from trainer.pilot import Pilot

from conftest import LESSONS

TRANSLATED = """\
format: 1
id: essai-anglais
title: Essai traduit
title_en: Translated test
level: 1
intro: Une leçon traduite.
intro_en: A translated lesson.
steps:
  - kind: click
    instruction: Cliquez sur le rond.
    instruction_en: Click on the circle.
    hint: Visez bien.
    hint_en: Aim well.
    count: 2
"""


@pytest.fixture
def app(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01.yaml").write_text(TRANSLATED, encoding="utf-8")
    with Pilot.start(tmp_path / "data", lesson_dirs=[folder]) as p:
        yield p


def rendered(p):
    """Every text drawn in the last frame (as the font was asked for it)."""
    from trainer.ui import text

    return {key[0] for key in text._cache}


def switch_to_english(p):
    p.open_facilitator()
    p.click("skip")
    p.click("language")
    assert p.app.store.device_setting("language") == "en"
    p.click("back")


def test_french_by_default_english_from_the_facilitator_mode(app):
    app.frames(1)
    assert "Qui s'entraîne aujourd'hui ?" in rendered(app)
    switch_to_english(app)
    app.app.draw()
    assert {"Who is practising today?", "Guest", "Add a person", "Quit"} <= rendered(app)
    app.click("guest")  # buttons have the same ids in every language
    app.app.draw()
    assert {"Hello Guest! Choose a lesson", "Level 1", "Translated test", "New"} <= rendered(app)
    app.click("lesson:essai-anglais")
    app.app.draw()
    assert {"Click on the circle.", "A translated lesson.", "Step 1 of 1", "Back"} <= rendered(app)
    activity = app.app.screen.activity
    cx, cy = activity.center()
    for _ in range(2):
        app.click((cx + 300 if cx < 640 else cx - 300, cy))
    app.app.draw()
    assert "Tip: Aim well." in rendered(app)


def test_touch_wording_in_english_and_the_language_is_kept(app, tmp_path):
    switch_to_english(app)
    app.tap("guest")
    app.tap("lesson:essai-anglais")
    app.app.draw()
    assert "Tap on the circle." in rendered(app)
    app.app.close()
    again = Pilot.start(tmp_path / "data", lesson_dirs=[tmp_path / "lessons"])
    try:
        again.app.draw()
        assert again.app.language == "en" and "Who is practising today?" in rendered(again)
        again.open_facilitator()
        again.click("language")  # back to French
        again.app.draw()
        assert again.app.language == "fr" and "Mode animatrice" in rendered(again)
    finally:
        again.app.close()


def test_lesson_translations_are_checked_by_the_schema(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(TRANSLATED.replace("title_en: Translated test", "title_en: ''")
                   .replace("hint_en:", "hint_de:"), encoding="utf-8")
    lesson, problems = load(bad)
    messages = " ".join(p.message for p in problems)
    assert lesson is None and "title_en" in messages and "hint_de" in messages
    good = tmp_path / "good.yaml"
    good.write_text(TRANSLATED, encoding="utf-8")
    lesson, problems = load(good)
    assert problems == [] and lesson.translations == {"en": {"title": "Translated test",
                                                              "intro": "A translated lesson."}}
    assert lesson.steps[0].translations == {"en": {"instruction": "Click on the circle.", "hint": "Aim well."}}
    assert lesson.text("title", "en") == "Translated test" and lesson.steps[0].text("hint", "en") == "Aim well."


def test_every_facilitator_word_has_its_english(tmp_path):
    """The facilitator's screens, in English, draw no French word left over."""
    p = Pilot.start(tmp_path / "data", lesson_dirs=[LESSONS])
    try:
        p.app.store.add_learner("Marie")
        switch_to_english(p)
        french = []
        for path in (["learner:Marie"], ["learner:Marie", "settings"], ["learner:Marie", "start"],
                     ["lock"], ["folders"], ["pin"], ["usb"]):
            p.app.nav.learners()
            p.open_facilitator()
            for label in path:
                p.click(label)
            from trainer.ui import text

            text.forget_rendered()
            p.app.draw()
            shown = {k[0] for k in text._cache}
            french += [s for s in shown if any(w in s for w in (" le ", " la ", " les ", " de ", " des ", " sur ", " et ",
                                                                 "Leçon", "Niveau",
                                                                 "Réglages", "Retour", "Oui", "Non"))
                       and s not in ("Marie",)]
        lesson_titles = {e.lesson.title for e in p.app.all_lesson_entries() if e.usable}
        assert [s for s in french if s not in lesson_titles] == []
    finally:
        p.app.close()
