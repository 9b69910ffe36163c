"""The theme reaches every pixel.

Every screen (the choice of the learner, a new person, the lesson menu, the
player on a step of every kind with and without its hint, « Bravo ! », the
end of a lesson, the progress, every question, every facilitator screen) is
reached through the real main loop, then:

- drawn with each of the six themes (two palettes, three text sizes): no
  colour of the other palette appears anywhere, and the biggest text size
  makes the instruction and the titles bigger;
- after a learner's settings were switched, everything drawn by the program
  itself is in the new theme (and the device's screens back in the normal one).

A colour "appears" when one pixel has the other palette's background colour,
or when a 3x3 square has exactly one of the other palette's colours (text or
shapes drawn in it: the anti-aliased edges of a text never make such a square).

Set PAS_A_PAS_THEME_SHOTS=folder to save PNGs of some screens in both palettes.
"""
import os
from pathlib import Path

import pygame
import pytest

from trainer import learner_settings, progress
from trainer.activities.base import IDLE_HINT_SECONDS
from trainer.pilot import Pilot
from trainer.ui.theme import Theme

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
SIZES = {"normal": 1.0, "grand": 1.25, "tres_grand": 1.5}  # learner_settings.TEXT_SCALES
THEMES = [Theme.of(palette, scale) for palette in ("normal", "high_contrast") for scale in SIZES.values()]
SHOTS = os.environ.get("PAS_A_PAS_THEME_SHOTS")
SHOWN = {"menu", "player-drag", "player-letters-astuce", "player-undo", "bravo", "progres", "dialog-arreter",
         "animatrice", "reglages", "qui"}  # the screenshots saved with PAS_A_PAS_THEME_SHOTS

# a learner's own colour (and the guest's grey) names a person: the same in every palette
IDENTITY = {tuple(pygame.Color(c))[:3] for c in progress.COLOURS} | {(95, 99, 104)}


# -- looking at pixels --------------------------------------------------------------

def opposite(theme: Theme) -> Theme:
    return Theme.of("normal" if theme.palette == "high_contrast" else "high_contrast")


def foreign(theme: Theme) -> dict:
    """The other palette's opaque colours that ``theme`` has not: colour -> role."""
    mine = {c[:3] for c in theme.colours().values()}
    return {c: role for role, c in opposite(theme).colours().items()
            if len(c) == 3 and c not in mine and c not in IDENTITY}


def _mask(surf, colour) -> pygame.mask.Mask:
    return pygame.mask.from_threshold(surf, colour, (1, 1, 1, 255))  # exactly this colour


def solid(surf, colour) -> int:
    """Pixels in the middle of a 3x3 square of exactly ``colour``."""
    found = _mask(surf, colour)
    if not found.count():
        return 0
    holes = found.copy()
    holes.invert()
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            if dx or dy:
                found.erase(holes, (dx, dy))
    return found.count()


def leaks(surf, theme: Theme) -> dict:
    """What of the other palette is on ``surf``: role -> pixels (empty: nothing)."""
    found = {}
    background = _mask(surf, opposite(theme).background).count()
    if background:
        found["background"] = background
    for colour, role in foreign(theme).items():
        n = solid(surf, colour)
        if n:
            found[role] = n
    return found


def ink_height(surf, colour, rect) -> int:
    """Height of what is drawn in exactly ``colour`` inside ``rect`` (0: nothing)."""
    rect = pygame.Rect(rect).clip(surf.get_rect())
    boxes = _mask(surf.subsurface(rect), colour).get_bounding_rects()
    if not boxes:
        return 0
    return boxes[0].unionall(boxes[1:]).h


def render(p, theme: Theme) -> pygame.Surface:
    """The current screen (and its question), drawn with ``theme`` off screen."""
    surf = pygame.Surface(p.app.size)
    p.app.screen.draw(surf, theme)
    if p.app.dialog is not None:
        p.app.dialog.draw(surf, theme)
    p.app.repaint = True  # the next frame draws the whole screen again, in the app's theme
    return surf


# -- going everywhere through the real loop ----------------------------------------

def start(tmp_path, settings=None) -> Pilot:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "99-abimee.yaml").write_text("format: 1\nid: x\n\ttitle: y\n", encoding="utf-8")
    p = Pilot.start(tmp_path / "data", lesson_dirs=[LESSONS, broken])
    store = p.app.store
    for name in ("Marie", "Jean-Pierre"):
        store.add_learner(name)
    if settings:
        store.update_settings(marie(p).id, **settings)
    p.app.nav.learners()
    p.frames(1)
    return p


def marie(p):
    return next(l for l in p.app.store.learners() if l.name == "Marie")


def first_step_of_each_kind(p) -> dict:
    """kind -> (lesson, step index), from the bundled lessons (with their pictures)."""
    found = {}
    for entry in p.app.lesson_entries():
        if entry.usable:
            for i, step in enumerate(entry.lesson.steps):
                found.setdefault(step.kind, (entry.lesson, i))
    from trainer import activities
    assert set(found) == set(activities.kinds()), "a step kind is in no bundled lesson"
    return found


def learner_screens(p):
    """Marie's screens, from the choice of the learner: each yield is one screen to look at."""
    p.click("learner:Marie")
    assert p.screen == "lessons"
    yield "menu"
    p.click("level:broken")
    yield "menu-a-corriger"
    p.click("broken:99-abimee.yaml")
    assert p.screen == "dialog"
    yield "dialog-lecon-abimee"
    p.click("ok")
    for n, (kind, (lesson, index)) in enumerate(first_step_of_each_kind(p).items()):
        p.app.nav.play(lesson, index)
        p.frames(1)
        assert p.screen == "player" and p.app.screen.activity.KIND == kind
        yield f"player-{kind}"
        p.clock.advance(IDLE_HINT_SECONDS + 1)  # nothing done for a while: the hint, the halo
        p.frames(2)
        assert p.app.screen.activity.hint_visible
        yield f"player-{kind}-astuce"
        p.click("back")
        assert p.screen == "dialog"
        if n == 0:
            yield "dialog-arreter"
        p.click("yes")
    lesson = next(e.lesson for e in p.app.lesson_entries() if e.usable and e.lesson.level == 1)
    p.click("level:1")
    p.click(f"lesson:{lesson.id}")
    for _ in range(20):  # a step may ask for a few targets
        p.play_step()
        if p.app.screen.praise_until is not None:
            break
    assert p.app.screen.praise_until is not None
    yield "bravo"
    p.play_lesson()
    assert p.screen == "results"
    yield "resultats"
    p.click("back")
    p.click("my_progress")
    assert p.screen == "progress"
    yield "progres"
    p.click("back")
    p.click("back")
    assert p.screen == "learners"


def device_screens(p, tmp_path):
    """The screens of the device (its own settings: no learner's), from the choice of the learner."""
    yield "qui"
    p.click("add_learner")
    p.type("Hélène")
    yield "ajouter"
    p.click("back")
    p.click("quit")
    yield "dialog-quitter"
    p.click("no")
    p.hold(p.app.screen.corner_rect().center, 3.1)
    yield "code-a-choisir"
    p.click("skip")
    assert p.screen == "facilitator"
    yield "animatrice"
    p.click("learner:Marie")
    yield "personne"
    for card, back, name in (("settings", "back", "reglages"), ("start", "back", "ou-commencer"),
                             ("rename", "back", "renommer"), ("progress", "back", "progres-animatrice"),
                             ("delete", "no", "dialog-supprimer")):
        p.click(card)
        yield name
        p.click(back)
    p.click("back")
    for card, name in (("lock", "verrouiller"), ("folders", "dossiers"), ("pin", "code")):
        p.click(card)
        yield name
        p.click("back")
    from trainer import exchange

    stick = tmp_path / "KINGSTON"
    (stick / "pas-a-pas").mkdir(parents=True)
    (stick / "pas-a-pas" / "pas-a-pas-progres-2026-11-19.json").write_text("{}", encoding="utf-8")
    real_drives = exchange.removable_drives
    exchange.removable_drives = lambda: [stick]
    try:
        p.click("usb")
        yield "cle-usb"
    finally:
        exchange.removable_drives = real_drives
    p.click("back")
    p.click("back")
    assert p.screen == "learners"


def title_box(p) -> pygame.Rect:
    screen = p.app.screen
    left = screen.back_button_rect().right
    return pygame.Rect(left, 0, screen.w - 2 * left, screen.top_bar_height())


# -- the proofs ---------------------------------------------------------------------

@pytest.mark.slow  # 45 screens drawn six times each: about 13 s
def test_every_screen_draws_only_in_the_theme_it_is_given(tmp_path):
    """Each screen drawn in each of the six themes: nothing of the other palette,
    and bigger text at « très grand »."""
    p = start(tmp_path)
    seen = []
    grows = {}  # what must be bigger at « très grand »: name -> {scale: pixels}

    def look(name):
        seen.append(name)
        for theme in THEMES:
            surf = render(p, theme)
            assert not leaks(surf, theme), f"{name} in {theme.palette} x{theme.scale}: {leaks(surf, theme)}"
            if SHOTS and name in SHOWN and theme.scale == 1.0:
                folder = Path(SHOTS)
                folder.mkdir(parents=True, exist_ok=True)
                pygame.image.save(surf, str(folder / f"{name}-{theme.palette}.png"))
            if theme.palette != "normal":
                continue
            if p.screen == "player" and p.app.screen.praise_until is None:
                grows.setdefault(f"{name}: instruction", {})[theme.scale] = p.app.screen.instruction_px
            elif p.screen == "dialog":
                grows.setdefault(f"{name}: question", {})[theme.scale] = ink_height(surf, theme.text,
                                                                                   p.app.dialog.panel)
            elif p.screen in ("progress", "facilitator", "lessons"):
                grows.setdefault(f"{name}: title", {})[theme.scale] = ink_height(surf, theme.text, title_box(p))
            elif p.screen == "results":
                grows.setdefault(f"{name}: « Bravo »", {})[theme.scale] = ink_height(surf, theme.success,
                                                                                     surf.get_rect())

    for name in learner_screens(p):
        look(name)
    for name in device_screens(p, tmp_path):
        look(name)
    p.app.close()
    assert len(seen) >= 45 and "player-undo-astuce" in seen and "cle-usb" in seen
    assert len(grows) >= 25
    for what, heights in grows.items():
        if what.startswith("menu"):  # « Bonjour Marie ! Choisissez une leçon »: at « très grand », a row of its own
            assert 0 < heights[1.0] < heights[1.5], (what, heights)
        else:  # (« grand » can be as big as « très grand »: a long text is made to fit its box)
            assert 0 < heights[1.0] < heights[1.25] <= heights[1.5] or 0 < heights[1.0] < heights[1.5], \
                (what, heights)


# the quick run (-m "not slow") keeps the hardest case: high contrast, the biggest text
SWITCHES = [pytest.param(palette, size, id=f"{palette}-{size}",
                         marks=() if (palette, size) == ("high_contrast", "tres_grand") else pytest.mark.slow)
            for palette in ("high_contrast", "normal") for size in SIZES]


@pytest.mark.parametrize("palette, size", SWITCHES)
def test_a_learner_s_new_settings_reach_everything_drawn_afterwards(tmp_path, palette, size):
    """Marie first plays in the other palette and size (everything cached in it), then
    her settings change: every screen she sees afterwards is in the new theme only;
    the device's screens are in the normal one."""
    before = {"high_contrast": palette != "high_contrast",
              "text_size": next(s for s in SIZES if s != size)}
    p = start(tmp_path, before)
    p.click("learner:Marie")
    p.click("level:1")
    p.click("lesson:" + next(e.lesson for e in p.app.lesson_entries() if e.usable and e.lesson.level == 1).id)
    p.play_step()
    assert p.app.theme == learner_settings.theme_of(before)
    p.click("back")
    p.click("yes")
    p.click("back")
    assert p.screen == "learners"
    p.app.store.update_settings(marie(p).id, high_contrast=palette == "high_contrast", text_size=size)
    expected = Theme.of(palette, SIZES[size])
    for name in learner_screens(p):
        assert p.app.theme == expected
        assert not leaks(p.app.surface, expected), f"{name}: {leaks(p.app.surface, expected)}"
    for name in device_screens(p, tmp_path):
        assert p.app.theme == Theme.normal()
        assert not leaks(p.app.surface, Theme.normal()), f"{name}: {leaks(p.app.surface, Theme.normal())}"
    p.app.close()


def test_the_pixel_checks_see_a_colour_of_the_other_palette(tmp_path):
    """The checks above would see a leak: normal text on a high-contrast screen."""
    hc, normal = Theme.high_contrast(), Theme.normal()
    surf = pygame.Surface((400, 200))
    surf.fill(hc.background)
    pygame.font.init()
    from trainer.ui import text

    surf.blit(text.render("Cliquez sur le rond.", 40, hc.text, bold=True), (10, 10))
    assert not leaks(surf, hc)
    surf.blit(text.render("Cliquez sur le rond.", 40, normal.text, bold=True), (10, 100))
    assert leaks(surf, hc) == {"text": pytest.approx(solid(surf, normal.text))} and solid(surf, normal.text) > 50
    surf.fill(normal.background, (390, 190, 1, 1))
    assert leaks(surf, hc)["background"] == 1
