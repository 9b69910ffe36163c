"""With English chosen, no French remains: the command line, every screen,
the lessons, the voice."""
import re

import pytest

from trainer import i18n
from trainer.cli import language_of, main

from conftest import LESSONS

#: French words and signs that no English text has (names and quoted texts aside)
FRENCH = re.compile(r"[éèêàùçôâîœ«»]|\b(le|la|les|des|une|vous|et|sur|dans|avec|leçons?|est|pas|aucun\w*)\b",
                    re.IGNORECASE)


def french_in(text: str, allowed=()) -> list[str]:
    """The lines of ``text`` that look French."""
    found = []
    for line in text.splitlines():
        shown = line
        for word in ("Pas à pas", "pas-a-pas", *allowed):
            shown = shown.replace(word, "")
        if FRENCH.search(shown):
            found.append(line)
    return found


# -- the command line ------------------------------------------------------------

def test_the_command_line_follows_lang_then_the_system(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en_GB:fr")
    assert language_of(["validate"]) == "en"
    assert language_of(["--lang", "fr", "validate"]) == "fr"
    assert language_of(["validate", "--lang=fr"]) == "fr"
    monkeypatch.setenv("LANGUAGE", "de")
    assert language_of([]) == "fr"


def test_every_command_speaks_english(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")
    data = tmp_path / "data"
    out = []

    def run(*argv, status=0):
        assert main(list(argv)) == status, argv
        captured = capsys.readouterr()
        out.append(captured.out + captured.err)

    run("validate", str(LESSONS))
    run("validate", str(tmp_path / "nowhere"), status=1)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "01.yaml").write_text("format: 1\n", encoding="utf-8")
    run("validate", str(bad), status=1)
    assert out[-1].splitlines()[-1] == "5 problems: 1 file out of 1 to correct."
    run("report", "--data", str(data), status=1)
    run("export", "--all", "--data", str(data), status=1)
    run("pin", "--data", str(data), status=1)
    run("home", "--off", "--data", str(data))
    run("home", "Marie", "--data", str(data), status=1)
    run("export", "--learner", "Guest", "--data", str(data), status=1)
    run("pin", "--data", str(data))
    run("report", "--data", str(data), "--since", "2026-11-20", "--until", "2026-11-01", status=1)
    for command in ("run", "validate", "home", "schema", "export", "import", "report", "pin", "memo"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out.append(capsys.readouterr().out)
    with pytest.raises(SystemExit):
        main(["--help"])
    out.append(capsys.readouterr().out)
    problems = [line for text in out[1:] for line in french_in(text)]
    assert problems == []
    assert "For the “Guest” tile, add --guest." in "".join(out)
    lessons = [p for p in LESSONS.glob("*.yaml") if p.name != "parcours.yaml"]  # (the path of the workshops)
    assert out[0].splitlines()[0] == f"{len(lessons)} lessons checked: no problems."
    assert out[0].splitlines()[1].startswith("The path: 10 workshops, from ")


def test_export_import_and_report_in_english(tmp_path, capsys, monkeypatch):
    """The files a facilitator gets and every message about them, in English
    (the names of people and the lesson titles stored with the progress are data)."""
    from trainer.activities.base import StepResult
    from trainer.progress import DB_NAME, ProgressStore

    monkeypatch.setenv("LANGUAGE", "en")
    monkeypatch.chdir(tmp_path)
    data, other = tmp_path / "data", tmp_path / "other"
    store = ProgressStore(data / DB_NAME)
    for name in ("Marie", "Jean"):
        learner = store.add_learner(name)
        for day in range(2):
            attempt = store.start_attempt(store.start_session(learner.id), learner.id, "souris-pointer-cliquer",
                                          "Pointer et cliquer", 2)
            store.record_step(attempt, 0, StepResult("click", 4.2 - day, 1, 1, 0.1, "mouse", 3,
                                                     {"start_size": 0.15}))
            store.record_step(attempt, 1, StepResult("type", 9.5, 0, 0, None, "keyboard", 1,
                                                     {"chars_per_minute": 31.5 + day, "accuracy": 0.9}))
            store.finish_attempt(attempt, "done")
    store.close()
    texts = []
    for argv in (["export", "--all", "--data", str(data), "--out", "all.json"],
                 ["export", "--learner", "Marie", "--format", "csv", "--data", str(data), "--out", "marie.csv"],
                 ["import", "all.json", "--data", str(other)], ["import", "all.json", "--data", str(other)],
                 ["import", "marie.csv", "--data", str(other)],
                 ["report", "--data", str(data)], ["report", "--format", "csv", "--data", str(data)],
                 ["report", "--anonymous", "--data", str(data), "--since", "2000-01-01"]):
        main(argv)
        captured = capsys.readouterr()
        texts.append(captured.out + captured.err)
    csv_rows = (tmp_path / "marie.csv").read_text("utf-8-sig").splitlines()
    texts.append("\n".join(",".join(row.split(",")[:3] + row.split(",")[4:]) for row in csv_rows))  # (no title)
    problems = [line for text in texts for line in french_in(text, allowed=("Marie", "Jean"))]
    assert problems == []
    assert csv_rows[0].startswith("first name,date of the session,lesson,title of the lesson,step")
    assert "2 people, 4 sessions and 8 steps exported to" in texts[0]
    assert texts[2].splitlines()[0].startswith("Marie: 2 sessions and 4 steps added.")
    assert "nothing new (4 steps already there)" in texts[3]
    assert "This file is a table (CSV)" in texts[4]
    assert texts[5].startswith("# Pas à pas workshops report") and "## How to read this report" in texts[5]
    assert texts[6].splitlines()[0] == "section,who or what,figure,value,first session,last session"
    assert "Person 1" in texts[7] and "Marie" not in texts[7]


def test_plural_forms_in_the_command_line(tmp_path, capsys):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01.yaml").write_text((LESSONS / "01-pointer-et-cliquer.yaml").read_text("utf-8"), "utf-8")
    for lang, expected in (("fr", "1 leçon vérifiée : aucun problème."), ("en", "1 lesson checked: no problems.")):
        assert main(["--lang", lang, "validate", str(lessons)]) == 0
        assert capsys.readouterr().out.strip() == expected
    assert i18n.translator("en").n("cli.validate.ok", 2) == "2 lessons checked: no problems."


# -- every screen, in English, through the real loop ------------------------------

def lesson_english_texts(lessons) -> set[str]:
    """Every text the lessons give in English (the shown words of their steps too)."""
    found = set()
    for lesson in lessons:
        for touch in (False, True):
            found |= {lesson.text(name, "en", touch) for name in ("title", "intro", "learned")}
            for step in lesson.steps:
                found |= {step.text("instruction", "en", touch), step.text("hint", "en", touch)}
        for step in lesson.steps:
            for value in step.settings_in("en").values():
                values = value if isinstance(value, list) else [value]
                for v in values:
                    if isinstance(v, str):
                        found.add(v)
                    elif isinstance(v, dict):
                        found |= {x for x in v.values() if isinstance(x, str)}
    return {t for t in found if t}


def typed_texts(lessons) -> set[str]:
    """The texts to type of the keyboard steps: French words on purpose (lessons/README.md)."""
    return {step.settings.get(name) for lesson in lessons for step in lesson.steps
            if step.kind in ("letters", "type", "field") for name in ("text", "initial")} - {None, ""}


class Drawn:
    """Every text drawn (text.render, the keys' names) and every text the
    English translator gave, while the program runs."""

    def __init__(self, monkeypatch):
        from trainer.ui import keyboard_view, text

        self.drawn: dict[str, str] = {}  # text -> where it was first drawn
        self.english: set[str] = set()
        self.where = "start"
        render, words = text.render, keyboard_view._words

        def drawing(value, *args, **kwargs):
            self.drawn.setdefault(value, self.where)
            return render(value, *args, **kwargs)

        def key_words(image, label, *args, **kwargs):
            self.drawn.setdefault(label, self.where + " (a key)")
            return words(image, label, *args, **kwargs)

        monkeypatch.setattr(text, "render", drawing)
        monkeypatch.setattr(keyboard_view, "_words", key_words)
        text.forget_rendered()
        keyboard_view.clear()
        for name in ("t", "n", "text"):
            method = getattr(i18n.Translator, name)

            def recording(tr, *args, _method=method, _name=name, **kwargs):
                out = _method(tr, *args, **kwargs)
                given = _name != "text" or isinstance(args[0], i18n.Message)  # (text() passes other texts on)
                if tr.language == "en" and isinstance(out, str) and given:
                    self.english.add(out)
                return out

            monkeypatch.setattr(i18n.Translator, name, recording)

    def french(self, allowed: set[str], words: set[str]) -> list[str]:
        """The texts drawn that come neither from the English catalogue, nor from
        the lessons' English texts, nor are data (names, numbers, texts to type)."""
        bad = []
        # a lesson's text that names keys ({touches:@}): the keys' words come from the English catalogue
        with_keys = [re.compile(".+?".join(map(re.escape, re.split(r"\{touches(?::.)?\}", text))), re.DOTALL)
                     for text in allowed if "{touches" in text]
        for shown, where in self.drawn.items():
            if shown in self.english or shown in allowed or len(shown.strip()) <= 1:
                continue
            if any(pattern.fullmatch(shown) for pattern in with_keys):
                continue
            problem = re.fullmatch(r".+\.ya?ml:\d+: (.+)", shown, re.DOTALL)
            if problem and problem.group(1) in self.english:
                continue  # file:line: a lesson's problem, explained in English
            if re.fullmatch(r"[\d\s.,:/%+()→—-]*( ?(s|min|h))?", shown):
                continue  # numbers, dates, durations
            if any(shown in typed for typed in words):
                continue  # (part of) a text to type, as it is being typed
            if set(shown.split()) <= {w for text in allowed | self.english for w in text.split()}:
                continue  # the text of an undo step with a word erased
            bad.append(f"{where}: {shown!r}")
        return bad


@pytest.mark.slow
def test_every_screen_in_english_draws_no_french(tmp_path, monkeypatch):
    import pygame

    from trainer import exchange, lesson as lessons_mod
    from trainer.activities.base import IDLE_HINT_SECONDS
    from trainer.pilot import Pilot
    from trainer.progress import DB_NAME, ProgressStore

    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "99-abimee.yaml").write_text("format: 1\nid: x\n\ttitle: y\n", encoding="utf-8")
    stick = tmp_path / "media" / "KINGSTON"
    stick.mkdir(parents=True)
    monkeypatch.setattr(exchange, "removable_drives", lambda: [stick])
    data = tmp_path / "data"
    data.mkdir()
    store = ProgressStore(data / DB_NAME)
    store.set_device_setting("language", "en")
    for name in ("Marie", "Jean"):
        store.add_learner(name)
    store.close()
    drawn = Drawn(monkeypatch)
    p = Pilot.start(data, lesson_dirs=[LESSONS, folder])
    app = p.app
    assert app.language == "en"
    lessons = [e.lesson for e in app.all_lesson_entries() if e.usable]
    allowed = lesson_english_texts(lessons) | {"Marie", "Jean", "Lucie", "Français / English",
                                              "99-abimee.yaml", "KINGSTON"}
    ids = set()

    def at(where):
        drawn.where = where
        app.draw()
        ids.update(p.ids())
        assert "" not in p.ids(), f"a button without an id on {where}"

    try:
        at("learners")
        p.click("add_learner")
        p.click("save")
        at("new person, no name")
        p.type("Marie")
        p.click("save")
        at("new person, a name taken")
        p.click("back")
        p.click("quit")
        at("quit?")
        p.click("no")
        # the guest plays every lesson, a hint shown at every step, half of them with a finger
        p.click("guest")
        at("lessons")
        p.click("level:broken")
        at("lessons to fix")
        p.click("broken:99-abimee.yaml")
        at("a lesson that cannot be opened")
        p.click("ok")
        for n, lesson in enumerate(lessons):
            touch = n % 2 == 1
            p.click(f"level:{lesson.level}", touch=touch)
            p.click(f"lesson:{lesson.id}", touch=touch)
            for _ in range(200):
                if p.screen != "player":
                    break
                screen = app.screen
                if screen.praise_until is not None:
                    at(f"{lesson.id}: praise")
                    p.wait(1.3)
                    continue
                at(f"{lesson.id}: step {screen.index + 1}")
                p.clock.advance(IDLE_HINT_SECONDS + 1)  # nothing done for a while: the hint
                p.frames(2)
                at(f"{lesson.id}: step {screen.index + 1}, its hint")
                if screen.activity.KIND in ("key", "letters", "type", "field") and not touch:
                    p.press_key("tab")  # a wrong key: « You pressed “Tab”. »
                    at(f"{lesson.id}: step {screen.index + 1}, a wrong key")
                p.play_step(touch)
            assert p.screen == "results", lesson.id
            at(f"{lesson.id}: results")
            p.click("back")
        p.click(f"level:{lessons[0].level}")
        p.click(f"lesson:{lessons[0].id}")
        p.click("back")
        at("stop the lesson?")
        p.click("yes")
        p.click("back")
        # Marie: a lesson, the next one, her progress
        p.click("learner:Marie")
        p.click("continue")
        p.play_lesson()
        at("results, then the next lesson")
        p.click("next_lesson")
        at("the next lesson")
        p.press(pygame.K_ESCAPE)
        p.click("yes")
        p.click("my_progress")
        at("my progress")
        p.click("back")
        p.click("back")
        # the facilitator: the code chosen, everything on every page
        p.open_facilitator()
        at("choose a code")
        for digit in "1234":
            p.click(f"digit:{digit}")
        at("type it again")
        for digit in "9999":
            p.click(f"digit:{digit}")
        at("the codes differ")
        for digit in "12341234":
            p.click(f"digit:{digit}")
        assert p.screen == "facilitator"
        at("facilitator")
        p.click("learner:Marie")
        at("Marie's page")
        for card in ("progress", "settings", "start", "rename"):
            p.click(card)
            at(f"Marie's {card}")
            p.click("back")
        p.click("start")
        p.click(f"lesson:{lessons[1].id}")
        p.click("lend")
        at("Marie's page, lent, a start chosen")
        p.click("lend")
        p.click("delete")
        at("delete Marie?")
        p.click("no")
        p.click("back")
        for card in ("lock", "folders"):
            p.click(card)
            at(card)
            if card == "lock":
                p.click(f"lesson:{lessons[0].id}")
                p.click("lock_level")
                at("facilitator, the device locked")
                p.click("lock")
                p.click("unlock")
            else:
                p.click("back")
        p.click("usb")
        at("USB stick")
        p.click("export:KINGSTON")
        at("exported")
        p.click("ok")
        p.click("import:")
        at("imported")
        p.click("ok")
        monkeypatch.setattr(exchange, "removable_drives", lambda: [])
        p.click("search")
        at("no USB stick")
        p.click("back")
        p.click("pin")
        at("change the code")
        p.click("back")
        p.click("back")
        p.open_facilitator()
        at("the facilitator's code")
        for digit in "0000":
            p.click(f"digit:{digit}")
        at("a wrong code")
        p.click("back")
        # the store cannot write; a file put aside; the program's own problem
        app.store.warning = i18n.Message("store.not_saved", reason=i18n.Message("store.reason.full"))
        at("progress cannot be saved")
        app.store.warning = None
        app.message(app.t("app.damaged"), i18n.Message("store.moved", name="pas-a-pas-abime.db"))
        at("the progress file was damaged")
        p.click("ok")
        try:
            raise RuntimeError("a test")
        except RuntimeError:
            app.strict = False
            app._recover()
        at("a small problem")
        p.click("ok")
        # home mode: one person's lessons, « Quit » instead of « Back »
        app.store.set_device_setting("home_learner", app.store.learner_uid(app.store.learners()[0].id))
        app.nav.learners()
        at("home mode")
    finally:
        app.close()
    words = typed_texts(lessons)
    from trainer import keyboards

    allowed |= {key.label for name in keyboards.LAYOUTS for key in keyboards.layout(name, "en").keys() if key.label}
    bad = drawn.french(allowed, words)
    assert bad == [], "\n".join(bad)
    assert {"guest", "level:broken", "continue", "next_lesson", "my_progress", "digit:0", "export:KINGSTON",
            "lock_level", "quit"} <= ids
    assert len(drawn.drawn) > 500  # (the hook saw the drawing)


# -- the voice -----------------------------------------------------------------------

PARTLY = """\
format: 1
id: en-partie
title: En partie traduite
title_en: Partly translated
level: 1
intro: Une leçon.
intro_en: A lesson.
steps:
  - kind: click
    instruction: Cliquez sur le rond.
    instruction_en: Click on the circle.
    count: 1
  - kind: click
    instruction: Cliquez encore sur le rond.
    hint: Visez le milieu.
    count: 2
"""


def test_the_voice_reads_each_text_in_its_own_language(tmp_path):
    """English chosen: the English instruction with an English voice, a French
    text the lesson has no translation for with a French voice, the
    program's own hint in English with an English voice."""
    import threading

    from trainer import speech
    from trainer.activities.base import IDLE_HINT_SECONDS
    from trainer.pilot import Pilot

    class Voice:
        def __init__(self):
            self.said = []
            self.spoke = threading.Event()

        def say(self, text, lang="fr"):
            self.said.append((text, lang))
            self.spoke.set()

        def stop(self):
            pass

    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01.yaml").write_text(PARTLY, encoding="utf-8")
    p = Pilot.start(tmp_path / "data", lesson_dirs=[folder])
    try:
        p.app.set_language("en")
        voice = Voice()
        p.app.speech = speech.Speech(voice)
        p.app.speech.language = "en"
        marie = p.app.store.add_learner("Marie")
        p.app.store.update_settings(marie.id, speak=True)
        p.app.nav.learners()
        p.frames(1)
        p.click("learner:Marie")
        p.click("lesson:en-partie")
        p.play_step()  # the first step done: « Bravo ! », then the second step
        p.wait(1.5)
        p.clock.advance(IDLE_HINT_SECONDS + 1)  # its hint, the lesson's own (French only)
        p.frames(2)
        assert voice.spoke.wait(10)
        said = p.app.speech.said
        languages = dict(zip(said, p.app.speech.said_in))
        assert languages["Click on the circle."] == "en"
        assert languages["Cliquez encore sur le rond."] == "fr"
        assert languages["Visez le milieu."] == "fr"
    finally:
        p.app.close()
    tr = i18n.translator("en")
    hint = tr.t("hint.click.mouse")
    from trainer import lesson as lessons_mod

    found, _ = lessons_mod.load(folder / "01.yaml")
    assert found.language_of(hint, "en") == "en"  # the program's own words: in the interface's language
