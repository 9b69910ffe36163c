"""Lesson texts that can be typed (issue 15, item 3): NFC when read, a
non-breaking space typed with the space bar, control and zero-width characters
refused at file:line, warnings for characters some keyboards cannot type."""
import subprocess
import sys

import pytest

from trainer import lesson
from trainer.pilot import Pilot

LESSON = """\
format: 1
id: {id}
title: "{title}"
level: 1
intro: Un essai.
steps:
  - kind: type
    instruction: Tapez la phrase.
    text: "{text}"
"""


def write(folder, name, **values):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(LESSON.format(**{"id": name[:-5], "title": "Essai", **values}), encoding="utf-8")
    return path


def test_decomposed_accents_are_read_as_one_letter(tmp_path):
    path = write(tmp_path, "nfd.yaml", text="cafe\u0301")
    found, problems = lesson.load(path)
    assert not problems and found.steps[0].settings["text"] == "café"


def test_zero_width_and_control_characters_are_refused_with_their_line(tmp_path):
    for name, values in (("zw.yaml", {"text": "bon\u200bjour"}), ("tab.yaml", {"text": "a\\tb"}),
                         ("title.yaml", {"title": "Es\u200dsai", "text": "a"})):
        found, problems = lesson.load(write(tmp_path, name, **values))
        assert found is None and len(problems) == 1
        assert problems[0].line == (3 if name == "title.yaml" else 9), (name, str(problems[0]))
        assert "U+" in str(problems[0])


def test_the_menu_and_validate_survive_a_zero_width_character(tmp_path):
    lessons = tmp_path / "lessons"
    write(lessons, "zw.yaml", title="\u200b", text="\u200b")
    write(lessons, "ok.yaml", text="Bonjour\u00a0!")
    run = subprocess.run([sys.executable, "-m", "trainer", "validate", str(lessons)], capture_output=True, text=True)
    assert run.returncode == 1 and "zw.yaml:3:" in run.stdout and "U+200B" in run.stdout
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons]) as p:
        p.click("guest")
        p.app.draw()  # the menu, with the broken file greyed out
        p.click("lesson:ok")
        activity = p.app.screen.activity
        p.text_input("\u200b")  # an input method's zero-width space: ignored, no crash
        p.app.draw()
        p.type("Bonjour !")  # the space bar types the non-breaking space
        assert activity.done and activity.misses == 0


def test_validate_warns_about_characters_some_keyboards_cannot_type(tmp_path):
    lessons = tmp_path / "lessons"
    write(lessons, "oe.yaml", text="Un cœur")
    write(lessons, "emoji.yaml", text="Salut \U0001F642")
    run = subprocess.run([sys.executable, "-m", "trainer", "validate", str(lessons)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout  # warnings only: the lessons work
    lines = run.stdout.splitlines()
    oe = [line for line in lines if line.startswith(str(lessons / "oe.yaml") + ":7:")]
    assert oe and "œ" in oe[0] and "AZERTY (France)" in oe[0] and "QWERTZ (Suisse romande)" not in oe[0]
    assert any(line.startswith(str(lessons / "emoji.yaml") + ":7:") and "U+1F642" in line for line in lines)


def test_a_long_press_on_the_drawn_keyboard_offers_what_the_keyboard_has_no_key_for(tmp_path):
    """On a tablet with the US keyboard drawn: « é » and « « » have no key; a long press on
    E (then on ") shows them, and touching one types it.  Never a dead end."""
    from trainer.activities.keyboard_common import tap_key

    lessons = tmp_path / "lessons"
    write(lessons, "us.yaml", text="é«")
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons]) as p:
        p.app.keyboard_layout = "qwerty"
        p.click("guest")
        p.tap("lesson:us")
        activity = p.app.screen.activity
        assert activity.layout.name == "qwerty" and activity.layout.recipe("é") is None
        p.tap("continue") if False else None
        assert "E" in activity.hint_text or "e" in activity.hint_text  # it names the key to hold
        for ch, key_id in (("é", "KeyE"), ("«", "Quote")):
            x, y, w, h = activity.drawn_layout().geometry(activity.keyboard_rect())[key_id]
            p.long_press((x + w / 2, y + h / 2))
            shown = dict(activity.variant_rects())
            assert ch in shown, (ch, list(shown))
            rx, ry, rw, rh = shown[ch]
            p.tap((rx + rw / 2, ry + rh / 2))
        assert activity.done and activity.misses == 0


def test_a_sign_this_keyboard_cannot_type_can_be_skipped_gently(tmp_path):
    """« œ » on the French AZERTY (no key, no dead key): « Passer ce signe », the step goes on."""
    lessons = tmp_path / "lessons"
    write(lessons, "oe.yaml", text="cœur")
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons]) as p:
        p.click("guest")
        p.click("lesson:oe")
        step = p.app.screen.activity
        p.type("c")
        assert step.skippable() and "Passer ce signe" in [getattr(s, "label", None) for s in step.scene(p.app.now())]
        x, y, w, h = step.skip_rect()
        p.click((x + w / 2, y + h / 2))
        assert not step.skippable() and step.skipped == "œ"
        p.type("ur")
        assert step.done and step.misses == 0


def _slide(p, start, end, touch):
    """Press at ``start``, the hand wandering on the way to ``end`` (more than a tremor), release there."""
    p.down(start, touch=touch)
    p.wait(0.05)
    p.move(((start[0] + end[0]) / 2 + 9, (start[1] + end[1]) / 2 - 7), touch=touch, held=True)
    p.wait(0.05)
    p.up(end, touch=touch)


@pytest.mark.parametrize("touch", [True, False])
def test_a_proposal_and_passer_ce_signe_count_a_shaky_press_and_release_on_them(tmp_path, touch):
    """A long-press proposal (« é » on the US keyboard) pressed at one edge and released at
    the other, the hand wandering further than a tremor between them, is chosen; a press
    on one proposal released on another chooses neither.  « Passer ce signe » the same way."""
    lessons = tmp_path / "lessons"
    write(lessons, "us.yaml", text="éé")
    write(lessons, "oe.yaml", text="œ")
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons]) as p:
        p.app.keyboard_layout = "qwerty"
        p.click("guest")
        p.tap("lesson:us")
        activity = p.app.screen.activity
        slop = p.app.normalizer.slop

        def open_e():
            x, y, w, h = activity.drawn_layout().geometry(activity.keyboard_rect())[
                "KeyE"]
            if touch:
                p.long_press((x + w / 2, y + h / 2))
            else:
                p.right_click((x + w / 2, y + h / 2))
            return dict(activity.variant_rects())

        shown = open_e()
        rx, ry, rw, rh = shown["é"]
        assert rh > slop + 12  # room to wander more than a tremor inside it
        other = next(ch for ch in shown if ch != "é")
        ox, oy, ow, oh = shown[other]
        _slide(p, (rx + rw / 2, ry + 4), (ox + ow / 2, oy + oh / 2), touch)  # from « é » to another: neither
        assert activity.typed == 0 and activity.attempts == 0 and activity.variants is None
        shown = open_e()
        rx, ry, rw, rh = shown["é"]
        _slide(p, (rx + rw / 2, ry + 4), (rx + rw / 2, ry + rh - 4), touch)  # top to bottom of « é »
        assert activity.typed == 1 and activity.misses == 0

    with Pilot.start(tmp_path / "data2", lesson_dirs=[lessons]) as p:
        p.click("guest")
        p.tap("lesson:oe")
        step = p.app.screen.activity
        x, y, w, h = step.skip_rect()
        assert step.skippable()
        _slide(p, (x + 4, y + h / 2), (x + w / 2, y + h * 3), touch)  # slid far off it: not passed
        assert step.skippable() and not step.skipped
        _slide(p, (x + 4, y + h / 2), (x + w - 4, y + h / 2), touch)  # across it, end to end: passed
        assert step.skipped == "œ"


def test_a_skipped_sign_is_stored_shown_to_the_facilitator_and_travels(tmp_path):
    """« Passer ce signe » (issue 15): the sign is kept in the step's details, the
    facilitator's page of the person says « Signe passé : « œ » », and an export
    read back on another device keeps it; a damaged value is refused."""
    import json

    import pygame

    from trainer import pin
    from trainer.exchange import ExchangeError, export_progress, import_progress, read_export
    from trainer.progress import DB_NAME, ProgressStore
    from trainer.screens.facilitator import skipped_words

    lessons = tmp_path / "lessons"
    write(lessons, "oe.yaml", text="cœur")
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons]) as p:
        marie = p.app.store.add_learner("Marie").id
        p.app.nav.learners()
        p.frames(1)
        p.click("learner:Marie")
        p.click("lesson:oe")
        step = p.app.screen.activity
        p.type("c")
        x, y, w, h = step.skip_rect()
        p.click((x + w / 2, y + h / 2))
        p.type("ur")
        assert step.done and step.skipped == "œ"
        p.frames(3)
        stored = [s.details for s in p.app.store.learner_steps(marie)]
        assert [d.skipped for d in stored] == ["œ"] and stored[0].missed_keys == {}
        assert p.app.store.skipped_signs(marie) == "œ"
        # the facilitator's page of Marie
        p.app.nav.learners()
        p.frames(1)
        pin.set_pin(p.app.store, None)
        p.open_facilitator()
        p.click("learner:Marie")
        assert p.screen == "facilitator_learner" and p.app.screen.skipped == "œ"
        assert skipped_words(p.app, "œ") == "Signe passé : « œ »"
        assert skipped_words(p.app, "œŒ") == "Signes passés : « œ », « Œ »"
        p.frames(1)
        shots = tmp_path / "shots"
        shots.mkdir()
        pygame.image.save(pygame.display.get_surface(), str(shots / "facilitator_learner.png"))
        # the workshop report says it too, per person
        from trainer.report import to_markdown, workshop_report

        report = workshop_report(p.app.store, [])
        assert [(person.name, person.skipped) for person in report.people] == [("Marie", "œ")]
        text = to_markdown(report)
        assert "## Signes passés" in text and "- Marie : « œ »" in text
        assert "- Personne 1 : « œ »" in to_markdown(workshop_report(p.app.store, [], anonymous=True))
        out = tmp_path / "marie.json"
        export_progress(p.app.store, out)
    document = read_export(out)
    steps = document["learners"][0]["sessions"][0]["attempts"][0]["steps"]
    assert steps[0]["details"]["skipped"] == "œ"
    other = ProgressStore(tmp_path / "other" / DB_NAME)
    import_progress(other, out)
    back = next(l for l in other.learners() if l.name == "Marie")
    assert other.skipped_signs(back.id) == "œ"
    # a damaged value (a control character, or far too long) makes the file refused
    for bad in ("\u0007", "œ" * 201, 3):
        damaged = json.loads(out.read_text(encoding="utf-8"))
        damaged["learners"][0]["sessions"][0]["attempts"][0]["steps"][0]["details"]["skipped"] = bad
        path = tmp_path / "damaged.json"
        path.write_text(json.dumps(damaged, ensure_ascii=False), encoding="utf-8")
        try:
            read_export(path)
        except ExchangeError:
            continue
        raise AssertionError(f"{bad!r} was accepted")
