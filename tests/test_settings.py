"""Per-learner settings: chosen on the facilitator's screen, kept with the
learner, taking effect in the player when the learner is chosen and gone
again on the learner screen.  Through the real main loop."""
import dataclasses
import threading

import pygame
import pytest

from trainer import learner_settings, speech
from trainer.activities.scene import Keyboard
from trainer.pilot import Pilot
from trainer.ui import theme

KEYS_LESSON = """\
format: 1
id: essai-clavier
title: Essai clavier
level: 3
intro: Le clavier.
steps:
  - kind: key
    instruction: Appuyez sur la touche Entrée.
    hint: Elle est grande, à droite.
    keys: [enter]
"""


class FakeVoice:
    name = "fake"

    def __init__(self):
        self.texts = []
        self.spoke = threading.Event()

    def say(self, text):
        self.texts.append(text)
        self.spoke.set()

    def stop(self):
        pass


@pytest.fixture
def app(tmp_path, lessons):
    (lessons / "03-clavier.yaml").write_text(KEYS_LESSON, encoding="utf-8")
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons]) as p:
        p.app.store.add_learner("Marie")
        p.app.nav.learners()
        p.frames(1)
        yield p


def marie(p):
    return p.app.store.learners()[0]


def set_for_marie(p, **settings):
    p.app.store.update_settings(marie(p).id, **settings)


def play_as_marie(p, lesson="essai-souris"):
    p.app.nav.learners()
    p.click("learner:Marie")
    if p.screen == "lessons":
        tab = {"essai-souris": "level:1", "essai-double": "level:2", "essai-clavier": "level:3"}[lesson]
        p.click(tab)
        p.click(f"lesson:{lesson}")
    assert p.screen == "player"
    return p.app.screen


def choose_in_settings(p, *choices):
    """The facilitator's way: corner, (no PIN), Marie, her settings, the choices
    ("text_size=grand": the buttons "setting:text_size=grand")."""
    p.app.nav.learners()
    p.frames(1)
    p.app.store.set_device_setting("pin", "none")
    p.hold(p.app.screen.corner_rect().center, 3.2, touch=True)
    p.tap("learner:Marie")
    p.tap("settings")
    assert p.screen == "facilitator_settings"
    for choice in choices:
        if choice.startswith("keyboard_layout="):  # seven keyboards: their own screen, the keyboard drawn
            p.tap("setting:keyboard_layout")
            assert p.screen == "facilitator_keyboard"
            p.tap(f"keyboard:{choice.split('=')[1]}")
            p.tap("back")
            assert p.screen == "facilitator_settings"
            continue
        p.tap(f"setting:{choice}")
    p.tap("back")


def test_the_settings_screen_keeps_each_choice_and_shows_it(app):
    choose_in_settings(app, "text_size=tres_grand", "double_click_delay=1.2", "target_size=grande")
    s = marie(app).settings
    assert s["text_size"] == "tres_grand" and s["double_click_delay"] == 1.2 and s["target_size"] == "grande"
    app.tap("settings")
    chosen = {b.id for b in app.buttons() if b.style == "primary"}
    assert {"setting:text_size=tres_grand", "setting:double_click_delay=1.2", "setting:target_size=grande",
            "setting:high_contrast=false", "setting:sound=true"} <= chosen
    assert {"Très grand", "Lent", "Grande", "Non", "Oui"} <= {b.label for b in app.buttons()
                                                                       if b.style == "primary"}  # (in French)
    app.tap("setting:text_size=normal")  # back to the default: the key goes away
    assert "text_size" not in marie(app).settings
    assert "setting:text_size=normal" in {b.id for b in app.buttons() if b.style == "primary"}


def test_text_size_makes_the_instruction_bigger_and_still_fits(app):
    sizes = {}
    for size in ("normal", "grand", "tres_grand"):
        set_for_marie(app, text_size=size)
        player = play_as_marie(app)
        sizes[size] = player.instruction_px
        assert app.app.theme.instruction == pytest.approx(0.058 * learner_settings.TEXT_SCALES[size])
        assert app.app.theme.scale == learner_settings.TEXT_SCALES[size]
        app.app.nav.learners()
    assert sizes["normal"] < sizes["grand"] < sizes["tres_grand"]
    assert app.app.theme.instruction == pytest.approx(0.058)  # back to normal on the learner screen
    assert app.app.theme == theme.Theme.normal()


def test_high_contrast_colours_in_the_player_and_back(app):
    set_for_marie(app, high_contrast=True)
    play_as_marie(app)
    app.frames(1)
    w, h = app.app.size
    assert tuple(app.app.surface.get_at((w // 2, h - 3)))[:3] == (0, 0, 0)
    band = app.app.screen.band
    assert app.app.theme == theme.Theme.high_contrast()
    assert tuple(app.app.surface.get_at((band.x + 20, band.bottom - 5)))[:3] == theme.Theme.high_contrast().panel
    app.click("back")
    app.click("yes")
    app.click("back")
    assert app.screen == "learners"
    app.frames(1)
    assert tuple(app.app.surface.get_at((w // 2, h - 3)))[:3] == theme.Theme.normal().background


@pytest.mark.parametrize("make", [theme.Theme.normal, theme.Theme.high_contrast], ids=["normal", "high_contrast"])
def test_palettes_are_aaa(make):
    t = make()
    pairs = [("text", "background"), ("text", "panel"), ("on_primary", "primary"), ("primary", "panel"),
             ("muted", "panel"), ("hint_text", "panel"), ("text", "warning_bg"),
             # the exercise: selected and marked text, the drawn keyboard's keys
             ("text", "selection"), ("text", "marked"), ("text", "key"), ("text", "key_held"),
             ("on_primary", "modifier"), ("text", "wrong")]
    if t.palette == "high_contrast":
        pairs += [("success", "panel"), ("on_primary", "target"), ("primary", "secondary_hover"),
                  ("disabled_text", "disabled"), ("success", "success_light"), ("on_primary", "success"),
                  ("text", "row_hover")]
    for fg, bg in pairs:
        assert theme.contrast(getattr(t, fg), getattr(t, bg)) >= 7.0, (fg, bg)


def test_a_theme_from_the_learner_settings():
    t = learner_settings.theme_of({"text_size": "tres_grand", "high_contrast": True})
    assert (t.palette, t.scale) == ("high_contrast", 1.5)
    assert t.background == (0, 0, 0) and t.instruction == pytest.approx(0.058 * 1.5)
    assert learner_settings.theme_of(None) == learner_settings.theme_of({}) == theme.Theme.normal()
    assert learner_settings.theme_of({"text_size": "énorme", "high_contrast": "oui"}) == theme.Theme.normal()
    assert learner_settings.theme_of({"text_size": "grand"}) == theme.Theme.normal(1.25)
    assert t.colour("success") == t.success and t.colour((1, 2, 3)) == (1, 2, 3) and t.colour(None) is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.text = (0, 0, 0)  # a theme never changes: a new one is made


class FakeSound:
    def __init__(self, log, name):
        self.log, self.name = log, name

    def play(self):
        self.log.append(self.name)


def test_sound_off_is_quiet(app):
    played = []
    app.app.sounds._sounds = {n: FakeSound(played, n) for n in ("hit", "miss", "done")}
    for sound, expect in ((False, False), (True, True)):
        set_for_marie(app, sound=sound)
        player = play_as_marie(app)
        assert app.app.sounds.enabled is sound
        played.clear()
        app.play_step()
        assert bool(played) is expect
        app.app.nav.learners()
    assert app.app.sounds.enabled


def test_double_click_delay_reaches_the_normalizer_and_the_step(app):
    set_for_marie(app, double_click_delay=1.6)
    player = play_as_marie(app, "essai-double")
    assert app.app.normalizer.double_click_delay == 1.6
    assert player.activity.ctx.double_click_delay == 1.6
    app.double_click(player.activity.center(), gap=1.2)  # slow, but within her delay
    assert player.activity.done
    app.app.nav.learners()
    assert app.app.normalizer.double_click_delay == learner_settings.DEFAULTS["double_click_delay"]


def test_starting_target_size(app):
    radius = {}
    for size in ("petite", "moyenne", "grande"):
        set_for_marie(app, target_size=size)
        radius[size] = play_as_marie(app).activity.radius()
        app.app.nav.learners()
    assert radius["petite"] < radius["moyenne"] < radius["grande"]
    assert radius["moyenne"] == pytest.approx(0.15 * app.app.size[1] / 2)


def test_left_handed_mouse_swaps_the_buttons(app):
    set_for_marie(app, left_handed=True)
    app.click("learner:Marie", button=3)  # her main button, before the program knows who she is
    assert app.screen == "lessons" and app.app.normalizer.swap_buttons
    app.click("lesson:essai-souris", button=3)  # menus and buttons answer either button
    assert app.screen == "player"
    activity = app.app.screen.activity
    app.click(activity.center(), button=3)  # the right button is her main one
    assert activity.successes == 1 and activity.misses == 0
    app.click(activity.center(), button=1)
    assert activity.successes == 1  # the left one is her right click
    app.app.nav.learners()
    assert not app.app.normalizer.swap_buttons


@pytest.mark.parametrize("layout", ["qwerty", "qwertz", "azerty-be", "qwertz-ch", "qwerty-ca", "azerty-afnor"])
def test_keyboard_layout_drawn(app, layout):
    choose_in_settings(app, f"keyboard_layout={layout}")
    player = play_as_marie(app, "essai-clavier")
    drawn = [s for s in player.activity.scene(app.app.now()) if isinstance(s, Keyboard)]
    assert drawn and drawn[0].layout == layout


def test_the_device_keyboard_is_chosen_by_the_facilitator_and_kept(app, tmp_path):
    app.app.nav.learners()
    app.frames(1)
    app.app.store.set_device_setting("pin", "none")
    app.hold(app.app.screen.corner_rect().center, 3.2, touch=True)
    app.tap("keyboard")
    assert app.screen == "facilitator_keyboard"
    app.tap("keyboard:azerty-be")
    assert app.app.keyboard_layout == "azerty-be" and app.app.store.device_setting("keyboard_layout") == "azerty-be"
    app.tap("back")
    player = play_as_marie(app, "essai-clavier")  # Marie follows the device
    assert [s for s in player.activity.scene(app.app.now()) if isinstance(s, Keyboard)][0].layout == "azerty-be"
    choose_in_settings(app, "keyboard_layout=device")  # « Celui de l'appareil »
    assert "keyboard_layout" not in marie(app).settings


def test_instructions_and_hints_read_aloud(app):
    voice = FakeVoice()
    app.app.speech = speech.Speech(voice)
    set_for_marie(app, speak=True)
    player = play_as_marie(app, "essai-clavier")
    assert voice.spoke.wait(10)
    assert app.app.speech.said == ["Appuyez sur la touche Entrée."]
    app.press(pygame.K_SPACE)
    app.press(pygame.K_SPACE)  # two wrong keys: the hint appears, and is said
    assert player.activity.hint_visible
    assert app.app.speech.said[-1] == "Elle est grande, à droite."
    app.app.nav.learners()
    assert not app.app.speech.enabled
    set_for_marie(app, speak=None)
    play_as_marie(app, "essai-clavier")
    assert app.app.speech.said[-1] == "Elle est grande, à droite."  # nothing new said


def test_a_failing_voice_never_stops_the_lesson(app):
    class Broken(FakeVoice):
        def say(self, text):
            self.spoke.set()
            raise RuntimeError("no audio")

    voice = Broken()
    app.app.speech = speech.Speech(voice)
    set_for_marie(app, speak=True)
    play_as_marie(app)
    assert voice.spoke.wait(10)
    app.play_lesson()
    assert app.screen == "results"


def test_without_a_voice_the_settings_screen_says_so(app):
    app.app.speech = speech.Speech(None)
    choose_in_settings(app)
    app.tap("settings")
    screen = app.app.screen
    assert screen.no_voice is not None  # « Pas de voix sur cet appareil » where the choices would be
    assert not any(b.rect.colliderect(screen.no_voice) for b in app.buttons())
    assert [b.id.endswith("=true") for b in app.buttons()].count(True) == 3  # contrast, sounds, left-handed
    app.app.speech = speech.Speech(FakeVoice())
    app.tap("back")
    app.tap("settings")
    assert app.app.screen.no_voice is None
    assert [b.id.endswith("=true") for b in app.buttons()].count(True) == 4  # and the voice
    app.tap("setting:speak=true")
    assert marie(app).settings["speak"] is True


def test_no_voice_found_means_silence(monkeypatch):
    monkeypatch.setattr(speech.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(speech.shutil, "which", lambda name: None)
    s = speech.Speech()
    s.enabled = True
    s.say("Bonjour")
    assert not s.available() and s.said == []


def test_the_voice_says_the_next_instruction_of_an_undo_step(tmp_path):
    """An undo step's instruction changes once the mistake is made: it is read aloud too."""
    from conftest import LESSONS

    p = Pilot.start(tmp_path / "data", lesson_dirs=[LESSONS])
    try:
        voice = FakeVoice()
        p.app.speech = speech.Speech(voice)
        marie = p.app.store.add_learner("Marie")
        p.app.store.update_settings(marie.id, speak=True)
        p.app.nav.learners()
        p.frames(1)
        p.click("learner:Marie")
        p.click("level:2")
        p.click("lesson:annuler-une-erreur")
        activity = p.app.screen.activity
        p.frames(2)
        assert p.app.speech.said[-1] == "Glissez la photo dans la corbeille."
        p.make_change(activity, activity.mistakes[0])
        p.wait(2.0)  # the photo is in the bin: the next instruction
        assert p.app.speech.said[-1].replace("\u00a0", " ") == \
            "Oh non, c'était une belle photo ! Cliquez sur « Annuler »."
    finally:
        p.app.close()
