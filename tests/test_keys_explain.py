"""Keys that explain themselves (issue 15, item 5), played with the real French layout."""
import json

from trainer.pilot import Pilot

LESSON = """\
format: 1
id: clavier-explique
title: Clavier
level: 1
intro: Un essai.
steps:
  - kind: field
    instruction: Écrivez Paris.
    text: Paris
  - kind: type
    instruction: Tapez bon.
    text: bon
  - kind: field
    instruction: Effacez tout.
    text: ""
    initial: "abc"
"""


def test_missed_key_caps_lock_hint_and_speed(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "c.yaml").write_text(LESSON, encoding="utf-8")
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons]) as p:
        p.click("guest")
        p.click("lesson:clavier-explique")
        screen = p.app.screen
        p.type("Pz")  # a wrong letter: the miss is « a », not « Retour arrière »
        p.press_key("backspace")
        p.type("aris")
        p.wait(1.3)
        step = screen.activity
        p.press_key("caps_lock")  # switched on by mistake
        p.type("b")  # gives « B »
        assert step.caps_on and step.pressed_text == "B"
        assert "Verr. Maj" in step.automatic_hint()
        p.press_key("caps_lock")
        p.type("bon")
        p.wait(1.3)
        for _ in range(3):
            p.press_key("backspace")
        p.wait(1.3)
        rows = p.app.store.db.execute("SELECT details FROM step_results ORDER BY step_index").fetchall()
        details = [json.loads(r[0]) for r in rows]
        assert details[0]["missed_keys"] == {"a": 1}
        assert details[1]["chars_per_minute"] > 0
        assert details[2].get("chars_per_minute") is None  # erasing only: no typing speed


LESSON_ACCENTS = """\
format: 1
id: clavier-accents
title: Accents
level: 1
intro: Un essai.
steps:
  - kind: type
    instruction: Tapez.
    text: "Élève ¨"
"""


def accents_lesson(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "a.yaml").write_text(LESSON_ACCENTS, encoding="utf-8")
    return lessons


def test_caps_lock_recipe_and_an_accent_that_composes_nothing(tmp_path):
    from trainer import xkb

    with Pilot.start(tmp_path / "data", lesson_dirs=[accents_lesson(tmp_path)]) as p:
        p.click("guest")
        p.click("lesson:clavier-accents")
        step = p.app.screen.activity
        assert step.lit() == {"CapsLock": "next"}  # É on AZERTY (Linux): Caps Lock, é, Caps Lock
        assert "Verr. Maj" in step.how_to_type("É")
        p.press_key("caps_lock")
        assert step.lit() == {"CapsLock": "held", "Digit2": "next"}  # the light shows on the drawn key
        p.type("é")  # X types « É » with Caps Lock on
        assert step.typed == 1
        assert step.lit() == {"CapsLock": "next"}  # switch it off before « l »
        p.type("l")  # forgot: « L »
        assert "Verr. Maj" in step.hint_text or step.misses == 1
        p.press_key("caps_lock")
        p.type("l")
        board = xkb.layout("fr")
        dead = board.type("è")[0]  # the key ` is not dead on fr: ^ is
        circumflex = board.type("ê")[0]
        assert circumflex.dead and not dead.dead
        p.stroke(circumflex, board)
        assert step.dead_pressed  # the accent waits for its letter
        p.type("b")  # ^ then b: X types nothing (^ then z would give ẑ)
        assert step.notice and "^" in step.notice and step.typed == 2
        assert step.lit().get("Digit7") == "next"  # nothing waits any more: « è » is next
        p.type("ève ¨")
        assert step.done


def test_the_drawn_keyboard_types_capitals_with_its_caps_lock(tmp_path):
    with Pilot.start(tmp_path / "data", lesson_dirs=[accents_lesson(tmp_path)]) as p:
        p.click("guest")
        p.tap("lesson:clavier-accents")
        step = p.app.screen.activity
        p.tap_keys(step, "Élève ¨")
        assert step.done and step.misses == 0


LESSON_FLOW = """\
format: 1
id: clavier-suite
title: Suite
level: 1
intro: Un essai.
steps:
  - kind: type
    instruction: Tapez bon.
    text: bon
  - kind: type
    instruction: Tapez jour.
    text: jour
  - kind: field
    instruction: Effacez tout.
    text: ""
    initial: "abcdefghij"
"""


def test_keys_typed_during_bravo_are_kept_and_a_held_backspace_repeats(tmp_path):
    import pygame

    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "s.yaml").write_text(LESSON_FLOW, encoding="utf-8")
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons]) as p:
        p.click("guest")
        p.click("lesson:clavier-suite")
        screen = p.app.screen
        p.type("bon")
        assert screen.praise_until is not None
        p.type("jour")  # straight on, during « Bravo ! »
        assert screen.index == 1 and screen.activity.done
        p.wait(1.3)
        field = screen.activity
        board = p.keyboard()
        key = board.named("backspace")
        p._key_event(pygame.KEYDOWN, key, 0)  # held down: one KEYDOWN (pygame drops SDL's repeats)
        p.wait(0.3)
        assert field.value == "abcdefghi"  # one letter, then a pause
        p.wait(0.6)
        assert 3 <= 10 - len(field.value) <= 6  # then a few a second
        p._key_event(pygame.KEYUP, key, 0)
        p.wait(0.5)
        left = field.value
        p.wait(1.0)
        assert field.value == left  # released: it stops


LESSON_WORDS = """\
format: 1
id: clavier-mots
title: Mots
level: 1
intro: Un essai.
steps:
  - kind: type
    instruction: Tapez.
    text: "maman"
  - kind: type
    instruction: Tapez.
    text: "ami"
"""


def test_a_qwerty_keyboard_under_the_drawn_azerty_is_found_and_proposed(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "m.yaml").write_text(LESSON_WORDS, encoding="utf-8")
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons], layout="us") as p:  # the real keyboard: QWERTY
        p.click("guest")
        p.click("lesson:clavier-mots")
        step = p.app.screen.activity
        assert step.layout.name == "azerty"
        p.type("maman")  # « m » arrives from the key where AZERTY has « , », « a » where it has « q »
        assert step.proposal == "qwerty"
        shapes = step.scene(p.app.now())
        assert any("QWERTY" in getattr(s, "text", "") for s in shapes)
        assert step.done  # the letters typed were right all along: the question goes on to the next step
        p.wait(1.3)
        step = p.app.screen.activity
        assert step.proposal == "qwerty"
        _, _, button = step.proposal_rects()
        p.click((button[0] + button[2] / 2, button[1] + button[3] / 2))
        assert step.layout.name == "qwerty"
        p.type("ami")
        assert p.app.screen.activity.done and p.app.screen.activity.misses == 0


def test_the_keyboard_found_is_kept_for_the_learner(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "m.yaml").write_text(LESSON_WORDS, encoding="utf-8")
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons], layout="us") as p:
        marie = p.app.store.add_learner("Marie")
        p.app.nav.learners()  # the learner tiles again, with Marie
        p.frames(1)
        p.click("learner:Marie")
        p.click("lesson:clavier-mots")
        p.type("maman")
        p.wait(1.3)
        _, _, button = p.app.screen.activity.proposal_rects()
        p.click((button[0] + button[2] / 2, button[1] + button[3] / 2))
        p.type("ami")
        assert p.app.store.learner(marie.id).settings["keyboard_layout"] == "qwerty"


def test_the_right_keyboard_raises_no_proposal(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "m.yaml").write_text(LESSON_WORDS, encoding="utf-8")
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons]) as p:
        p.click("guest")
        p.click("lesson:clavier-mots")
        step = p.app.screen.activity
        p.type("maman")
        assert step.proposal is None and step.mismatches == 0


def test_lesson_21_noir_erased_with_backspace_without_selecting_it(tmp_path):
    """Undo lesson 21, step 3: a learner clicks after « noir » and erases it letter by
    letter: the hint follows (no « double-cliquez sur noir » any more), and it counts."""
    from conftest import ROOT

    with Pilot.start(tmp_path / "data", lesson_dirs=[ROOT / "lessons"]) as p:
        p.click("guest")
        p.click("level:2")
        p.click("lesson:annuler-une-erreur")
        screen = p.app.screen
        while screen.index < 2:  # the first two steps, played as a learner who knows
            if screen.praise_until is not None:
                p.wait(1.3)
            else:
                p.play_step()
        if screen.praise_until is not None:
            p.wait(1.3)
        step = screen.activity
        x, y = step.word_center("noir")
        width = step.ctx.measure("noir", step._text_px())
        p.click((x + width / 2, y))  # the caret just after « noir »
        for _ in range(3):
            p.press_key("backspace")
        assert step.ws.text.startswith("Le chat n ")
        assert "Retour arrière" in step.phase_hints()[0] and "continuez" in step.phase_hints()[0]
        p.press_key("backspace")
        p.press_key("backspace")  # and the space before it
        assert step.phase == "recover"


def test_the_hint_names_the_keys_of_the_keyboard_in_use(tmp_path):
    """A lesson says « tapez @ »; the hint says which keys on this keyboard."""
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "at.yaml").write_text(LESSON_WORDS.replace('"maman"', '"@"').replace("id: clavier-mots", "id: at"),
                                     encoding="utf-8")
    want = {"azerty": ("AltGr", "« à »"), "azerty-be": ("AltGr", "« é »"), "qwerty": ("Maj", "« 2 »"),
            "qwertz": ("AltGr", "« q »"), "qwertz-ch": ("AltGr", "« 2 »")}
    for name, words in want.items():
        with Pilot.start(tmp_path / name, lesson_dirs=[lessons]) as p:
            p.app.keyboard_layout = name
            p.click("guest")
            p.click("lesson:at")
            hint = p.app.screen.activity.how_to_type("@")
            assert all(w in hint for w in words), (name, hint)


def test_a_held_backspace_repeats_in_the_undo_lessons_text_too(tmp_path):
    import pygame

    from conftest import ROOT

    with Pilot.start(tmp_path / "data", lesson_dirs=[ROOT / "lessons"]) as p:
        p.click("guest")
        p.click("level:2")
        p.click("lesson:annuler-une-erreur")
        screen = p.app.screen
        while screen.index < 2:
            p.wait(1.3) if screen.praise_until is not None else p.play_step()
        if screen.praise_until is not None:
            p.wait(1.3)
        step = screen.activity
        x, y = step.word_center("noir")
        p.click((x + step.ctx.measure("noir", step._text_px()) / 2, y))
        key = p.keyboard().named("backspace")
        p._key_event(pygame.KEYDOWN, key, 0)
        p.wait(0.3)
        assert step.ws.text == "Le chat noi dort"
        p.wait(0.6)
        p._key_event(pygame.KEYUP, key, 0)
        p.frames(1)
        erased = len("Le chat noir dort") - len(step.ws.text)
        assert 3 <= erased <= 6, step.ws.text
        p.wait(1.0)
        assert len("Le chat noir dort") - len(step.ws.text) == erased  # released: it stops


def test_caps_lock_pressed_when_maj_is_asked_is_said(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "k.yaml").write_text(LESSON_WORDS.replace('''  - kind: type
    instruction: Tapez.
    text: "maman"''', '''  - kind: key
    instruction: Appuyez sur Maj.
    keys: [shift]''').replace("id: clavier-mots", "id: maj"), encoding="utf-8")
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons]) as p:
        p.click("guest")
        p.click("lesson:maj")
        step = p.app.screen.activity
        p.press_key("caps_lock")
        assert step.misses == 1 and step.caps_on and step.lit().get("CapsLock") == "held"
        assert "Verr. Maj" in step.automatic_hint() and "en dessous" in step.automatic_hint()
        p.press_key("shift")
        assert step.done
