"""Every screen at every size, measured from what is drawn.

Each learner and facilitator screen (the player on a step of every kind, with
and without its hint, the questions, the PIN pad, a learner screen with many
people, a level with 40 lessons) is reached through the real main loop at
the sizes of the devices in the van (laptops, tablets, portrait tablets),
then drawn off screen in both palettes on a surface that records every text
it is given, and measured:

- controls (buttons, the exercise's targets, menu rows, colour swatches,
  action buttons) are inside the window, do not overlap, and are at least
  8 % of the height and 44 px tall;
- every text is inside the window, at least ``TEXT_FLOOR`` of the height,
  never broken inside a word, and stands out from what is under it by 7:1
  (the colour under it is read from the pixels drawn);
- the edge of each control stands out from what is around it by 3:1 (pixels
  just inside and just outside its edge);
- the instruction is at least 4 % of the height; the drawn keyboard's letter
  keys at least 8 % in a keyboard step, and its key names readable.

Set PAS_A_PAS_SIZE_SHOTS=folder to save a PNG of every screen measured.
The whole matrix (8 sizes x 2 palettes, and « très grand » at 1024x600 and
800x1280) is slow; the quick run keeps the hardest case: portrait 800x1280
in high contrast.
"""
from __future__ import annotations

import colorsys
import os
import re
from contextlib import contextmanager
from pathlib import Path

import pygame
import pytest

import test_theme  # the walk through every screen, shared with the palette checks
from trainer import keyboards
from trainer.activities import scene as sc
from trainer.pilot import Pilot
from trainer.ui import cursor, keyboard_view, text
from trainer.ui.theme import Theme, contrast

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
SIZES = [(1024, 600), (1280, 720), (1280, 800), (1366, 768), (1920, 1080), (2560, 1600), (800, 1280), (600, 1024)]
PALETTES = ("normal", "high_contrast")
QUICK = {((800, 1280), "high_contrast")}  # the quick run keeps the hardest case
SHOTS = os.environ.get("PAS_A_PAS_SIZE_SHOTS")

CONTROL = 0.08  # a learner's controls and targets: at least 8 % of the height...
CONTROL_PX = 44  # ...and 44 px (a fingertip)
FACILITATOR_CONTROL = 0.08  # the facilitator's screens: 8 % too
TEXT_FLOOR = 0.022  # no text smaller than this fraction of the shorter side (13 px at 600, 24 at 1080)...
TEXT_FLOOR_PX = 14  # ...nor than 14 px
# the screens only the facilitator uses (the others are a learner's)
FACILITATOR = {"ajouter", "code-a-choisir", "animatrice", "personne", "reglages", "ou-commencer", "renommer",
               "progres-animatrice", "dialog-supprimer", "verrouiller", "dossiers", "code", "cle-usb",
               "code-demande", "atelier-du-jour", "atelier-du-jour-nomme", "nom-appareil", "jours-hors-atelier",
               "jours-hors-atelier-suite", "jour-deux-ateliers", "jour-rattache", "jour-detache", "dialog-supprimer-reunie",
               "animatrice-dix-personnes",
               "animatrice-actions"}
PEOPLE_PER_PAGE = 4  # the facilitator's home shows at least this many people at once, at every size
INSTRUCTION = 0.04
FIELD_KEYS = 0.07  # the keyboard under a form to fill in (« field » steps) leaves it room: 7 %
TEXT_CONTRAST = 7.0
EDGE_CONTRAST = 3.0


# -- a surface that remembers the texts drawn on it -----------------------------------

class Recorder(pygame.Surface):
    """A window-sized surface: every text of :mod:`trainer.ui.text` blitted on
    it is remembered with where it went."""

    def __init__(self, size):
        super().__init__(size)
        self.texts = []  # (info, rect, source)
        self.made = {}  # id(surface) -> info, filled by the patched text.render

    def blit(self, source, dest, area=None, special_flags=0):
        drawn = super().blit(source, dest, area, special_flags)
        info = self.made.get(id(source))
        if info is not None:
            rect = source.get_rect(topleft=pygame.Rect(dest).topleft if len(dest) == 4 else dest)
            self.texts.append((info, rect, source, self.get_clip()))  # (a list's rows are seen through a window)
        return drawn


@contextmanager
def recording(surf: Recorder):
    """text.render tells ``surf`` what each text surface is."""
    real = text.render
    calls = []

    def render(words, px, colour, bold=False, width=0, align="center"):
        out = real(words, px, colour, bold, width, align)
        info = {"text": words, "px": int(px), "colour": tuple(colour)[:3], "bold": bold, "width": int(width)}
        surf.made[id(out)] = info
        calls.append(info)
        return out

    text.render = render
    try:
        yield calls
    finally:
        text.render = real


def draw(p, theme: Theme) -> tuple[Recorder, list]:
    surf = Recorder(p.app.size)
    with recording(surf) as calls:
        p.app.screen.draw(surf, theme)
        if p.app.dialog is not None:  # under the veil of a question: not to be read now
            del surf.texts[:], calls[:]
            p.app.dialog.draw(surf, theme)
    p.app.repaint = True  # the next frame draws the whole screen again, in the app's theme
    return surf, calls


# -- what is measured ------------------------------------------------------------------

def background_under(surf, placed: pygame.Rect, source, clip=None) -> tuple | None:
    """The colour most often found under the transparent pixels of a text
    (``source`` blitted at ``placed``), inside its ink's box."""
    ink_box = source.get_bounding_rect().move(placed.topleft).clip(clip or surf.get_rect())
    if not ink_box.w or not ink_box.h:
        return None
    ink = pygame.mask.from_surface(source, 1)
    counts = {}
    step = max(1, min(ink_box.w, ink_box.h) // 12)
    for y in range(ink_box.top, ink_box.bottom, step):
        for x in range(ink_box.left, ink_box.right, step):
            if ink.get_at((x - placed.x, y - placed.y)):
                continue
            c = tuple(surf.get_at((x, y)))[:3]
            counts[c] = counts.get(c, 0) + 1
    return max(counts, key=counts.get) if counts else None


def broken_word(info) -> str | None:
    """A word wider than the wrapping width: the line breaks inside it."""
    if not info["width"]:
        return None
    font = text.font(info["px"], info["bold"])
    for word in re.split(r"\s+", info["text"]):
        if "/" in word or "\\" in word:  # a file's path: cut where it must be
            continue
        if word and font.size(word)[0] > info["width"]:
            return word
    return None


def controls(p) -> list[tuple[str, pygame.Rect, bool]]:
    """(name, rect, edged) of what a learner or facilitator presses: buttons,
    and in the player the exercise's targets, cards, menu rows, swatches.
    ``edged``: its edge is drawn against what is around it."""
    owner = p.app.dialog or p.app.screen
    found = [(b.id or b.label, pygame.Rect(b.rect), b.style != "quiet") for b in owner.buttons]
    if p.app.dialog is None:  # a new person's colour: swatches, learner-sized wherever they are
        found += [(f"swatch {colour}", pygame.Rect(rect), True) for rect, colour in
                  getattr(p.app.screen, "swatches", ())]
    if p.app.dialog is None and p.screen == "player" and p.app.screen.praise_until is None:
        now = p.app.now()
        for shape in p.app.screen.activity.scene(now):
            for s in (shape.children if isinstance(shape, sc.Clip) else (shape,)):
                if isinstance(s, sc.Circle):
                    r = pygame.Rect(0, 0, 2 * s.radius, 2 * s.radius)
                    r.center = s.center
                    found.append((f"target {s.label or ''}", r, False))
                elif isinstance(s, sc.Box) and s.style in ("item", "menu", "zone"):
                    found.append((f"{s.style} {s.label or ''}", pygame.Rect([int(v) for v in s.rect]), False))
                elif isinstance(s, sc.ActionButton):
                    found.append((f"action {s.label}", pygame.Rect([int(v) for v in s.rect]), False))
    return found


def letter_keys(p):
    """The drawn keyboard's letter keys (rects) and its named keys' font sizes, in the player."""
    if p.screen != "player" or p.app.dialog is not None or p.app.screen.praise_until is not None:
        return None
    for shape in p.app.screen.activity.scene(p.app.now()):
        if isinstance(shape, sc.Keyboard):
            layout = keyboards.layout(shape.layout, shape.language)
            geo = layout.geometry(shape.rect)
            letters = [pygame.Rect([round(v) for v in geo[k.id]]) for k in layout.keys()
                       if k.id in geo and k.base and len(k.base) == 1 and k.base.isalpha()]
            names = keyboard_view.name_sizes(layout, shape.rect)
            return letters, names, layout
    return None


def to_type(p) -> set | None:
    """In a keyboard step, the texts showing what to type or press: the big letter
    or key name, the characters of the model text (drawn one by one), the text to
    copy into a form's field (« À écrire : … »)."""
    if p.screen != "player" or p.app.dialog is not None or p.app.screen.praise_until is not None:
        return None
    activity = p.app.screen.activity
    if activity.KIND not in ("letters", "key", "type", "field") or activity.done:
        return None
    out = set()
    # (a form to fill in: « À écrire : bonjour » above the field, in the interface's words)
    to_write = activity.tr.t("keyboard.to_write", text=activity.text) if activity.KIND == "field" else None
    for shape in activity.scene(p.app.now()):
        if isinstance(shape, sc.Label) and (shape.style == "big" or shape.text == to_write):
            out.add(shape.text)
        elif isinstance(shape, sc.Typing):
            out |= {ch for ch in shape.text if not ch.isspace()}
    return out or None


def measure(p, theme: Theme, name: str) -> list[str]:
    """Everything wrong with the screen on top, drawn in ``theme``."""
    w, h = p.app.size
    window = pygame.Rect(0, 0, w, h)
    surf, calls = draw(p, theme)
    if SHOTS:
        folder = Path(SHOTS)
        folder.mkdir(parents=True, exist_ok=True)
        pygame.image.save(surf, str(folder / f"{w}x{h}-{theme.palette}-{name}.png"))
    problems = []
    least = max(CONTROL_PX, (FACILITATOR_CONTROL if name in FACILITATOR else CONTROL) * h) - 1
    found = controls(p)
    for i, (what, rect, edged) in enumerate(found):
        if not window.contains(rect):
            problems.append(f"{what!r} is cut off: {rect}")
        smallest = least if not what.startswith("swatch") else max(CONTROL_PX, CONTROL * h) - 1
        if min(rect.h, rect.w) < smallest:
            problems.append(f"{what!r} is {min(rect.h, rect.w)} px, under {smallest:.0f}")
        for other, orect, _ in found[i + 1:]:
            over = {what.split()[0], other.split()[0]}
            # (a drop zone is where things go; an open menu lies over the page, as on a computer)
            if rect.colliderect(orect) and not over & {"zone"} and over != {"target", "menu"}:
                problems.append(f"{what!r} overlaps {other!r}")
        if edged and rect.h > 8 and rect.top >= 4 and window.contains(rect):
            inside = tuple(surf.get_at((rect.centerx, rect.top + 1)))[:3]
            outside = tuple(surf.get_at((rect.centerx, rect.top - 3)))[:3]
            if contrast(inside, outside) < EDGE_CONTRAST:
                problems.append(f"{what!r}: its edge {inside} on {outside} is {contrast(inside, outside):.2f}:1")
    screen = p.app.screen
    if name == "animatrice-dix-personnes" and len(screen.rows) < PEOPLE_PER_PAGE:
        problems.append(f"{len(screen.rows)} people shown on the facilitator's home, under {PEOPLE_PER_PAGE}")
    if p.app.dialog is None and hasattr(screen, "corner_rect") and screen.facilitator_door():
        for what, rect, _ in found:  # the facilitator's door: a corner held 3 s, where no button is
            if rect.colliderect(screen.corner_rect()):
                problems.append(f"{what!r} is on the facilitator's corner")
    floor = max(TEXT_FLOOR_PX, TEXT_FLOOR * min(w, h))
    for info in calls:
        if info["px"] < floor - 0.5:
            problems.append(f"text {info['text']!r} at {info['px']} px, under {floor:.0f}")
        word = broken_word(info)
        if word:
            problems.append(f"text {info['text']!r} breaks inside {word!r}")
    for info, rect, source, clip in surf.texts:
        ink = source.get_bounding_rect().move(rect.topleft).clip(clip)
        if ink.w and not window.contains(ink):
            problems.append(f"text {info['text']!r} is cut off: {ink}")
        for what, control, _ in found:  # a text on a control is wholly inside it (else: cut, or under it)
            if ink.w and ink.colliderect(control) and not control.inflate(2, 2).contains(ink) \
                    and not what.startswith(("target", "zone", "item")):
                problems.append(f"text {info['text']!r} crosses the edge of {what!r}: {ink} / {control}")
        under = background_under(surf, rect, source, clip)
        if under is not None and contrast(info["colour"], under) < TEXT_CONTRAST:
            problems.append(f"text {info['text']!r}: {info['colour']} on {under} is "
                            f"{contrast(info['colour'], under):.2f}:1")
    if p.screen == "player" and p.app.dialog is None and p.app.screen.praise_until is None:
        if p.app.screen.instruction_px < INSTRUCTION * h:
            problems.append(f"instruction at {p.app.screen.instruction_px} px")
        shown = to_type(p)
        if shown:  # the letter, the key's name or the text to type: at least the instruction's size
            least_px = max(p.app.screen.instruction_px, INSTRUCTION * h) - 0.5
            if p.app.screen.activity.KIND == "field":  # (under a form, at the normal instruction size at least:
                # the exercise does not know the learner's « très grand »)
                least_px = max(INSTRUCTION * h, min(p.app.screen.instruction_px, theme.instruction / theme.scale * h)) - 1
            sizes = [info["px"] for info in calls if info["text"] in shown]
            if not sizes:
                problems.append(f"the text to type {shown} is not drawn")
            elif min(sizes) < least_px:
                problems.append(f"the text to type {shown} at {min(sizes)} px, under the instruction's {least_px:.0f}")
        keys = letter_keys(p)
        if keys:
            letters, names, layout = keys
            activity = p.app.screen.activity
            # the full keyboard as wide as the window: its letter keys at most this tall
            full_w = keyboards.LAYOUTS["azerty"].size()[0]
            full_keys = activity.area[2] / full_w * (keyboards.TALLEST - keyboards.GAP)
            if full_keys < 0.08 * h and keyboards.COMPACT not in layout.name:
                problems.append(f"the full keyboard is drawn where its letter keys would be {full_keys:.0f} px")
            if keyboards.COMPACT in layout.name:  # the keys the step asks for are on it
                for key_id in activity.needed_keys():
                    if layout.key(key_id) is None:
                        problems.append(f"the compact keyboard leaves out {key_id}, which the step needs")
            if activity.KIND == "field":  # a form above the keyboard: its keys 7 %
                least = max(CONTROL_PX, FIELD_KEYS * h) - 1
            smallest = min(r.h for r in letters)
            if smallest < least:
                problems.append(f"letter keys {smallest} px tall, under {least:.0f}")
            for key_id, px in names.items():  # the keys' names at the text floor
                if px < floor - 0.5:
                    problems.append(f"key name {key_id} at {px} px, under {floor:.0f}")
    return [f"{name}: {problem}" for problem in dict.fromkeys(problems)]


# -- going everywhere ------------------------------------------------------------------

FORTY = """\
format: 1
id: quarante-{n}
title: Leçon numéro {n} pour essayer
level: 5
intro: Une parmi quarante.
steps:
  - kind: click
    instruction: Cliquez sur le rond.
    count: 1
"""


def start(tmp_path, size) -> Pilot:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "99-abimee.yaml").write_text("format: 1\nid: x\n\ttitle: y\n", encoding="utf-8")
    forty = tmp_path / "forty"
    forty.mkdir()
    for n in range(1, 41):
        (forty / f"{n:02d}.yaml").write_text(FORTY.format(n=n), encoding="utf-8")
    p = Pilot.start(tmp_path / "data", size=size, lesson_dirs=[LESSONS, broken, forty])
    for name in ("Marie", "Jean-Pierre"):
        p.app.store.add_learner(name)
    p.app.nav.learners()
    p.frames(1)
    return p


def every_screen(p, tmp_path):
    """The learner's screens, each step kind with and without its hint, then the device's."""
    for name in test_theme.learner_screens(p):
        yield name
        if name == "menu":
            p.click("level:5")
            yield "menu-40-lecons"
            while "next_page" in p.ids():
                p.click("next_page")
                yield "menu-40-lecons-suite"
            p.click("level:1")
    # the right-click menu, open (its rows are controls too)
    p.click("guest")
    lesson, index = next((e.lesson, i) for e in p.app.lesson_entries() if e.usable
                         for i, step in enumerate(e.lesson.steps) if step.kind == "right_click" and step.settings.get("menu"))
    p.app.nav.play(lesson, index)
    p.frames(1)
    p.right_click(p.app.screen.activity.center())
    assert p.app.screen.activity.menu_open_at is not None
    yield "player-menu-ouvert"
    # a wrong press in the keyboard steps: what it typed is said beside or under what to type
    steps = test_theme.first_step_of_each_kind(p)
    for kind, wrong in (("letters", lambda: p.type("w")), ("key", lambda: p.press_key("tab")),
                        ("field", lambda: p.type("w"))):
        p.app.nav.play(*steps[kind])
        p.frames(1)
        wrong()
        p.frames(1)
        assert p.app.screen.activity.pressed_text
        yield f"player-{kind}-faute"
    p.click("back")
    p.click("yes")
    p.click("back")
    for name in test_theme.device_screens(p, tmp_path):
        yield name
    yield from workshop_screens(p)
    for extra in ("Nadia", "Pierre-Emmanuel", "Robert", "Simone", "Thérèse", "Yvette", "Zoé", "Françoise"):
        p.app.store.add_learner(extra)
    p.app.nav.learners()
    p.frames(1)
    yield "qui-dix-personnes"
    while "next_page" in p.ids():
        p.click("next_page")
        yield "qui-dix-personnes-suite"
    p.hold(p.app.screen.corner_rect().center, 3.1)
    assert p.screen == "facilitator"  # no code was chosen: the door opens at once
    yield "animatrice-dix-personnes"
    if "more_actions" in p.ids():  # upright: the actions on a view of their own
        p.click("more_actions")
        yield "animatrice-actions"
        p.click("back")
        assert p.screen == "facilitator" and "more_actions" in p.ids()
    p.click("pin")
    for digit in "1234" * 2:
        p.click(f"digit:{digit}")
    assert p.screen == "facilitator"
    p.click("back")
    p.hold(p.app.screen.corner_rect().center, 3.1)
    assert p.screen == "facilitator_pin"
    yield "code-demande"


def workshop_screens(p):
    """« Atelier du jour », the device's name, and past days' sessions « hors atelier »
    (nine days: a list on pages; one day with a morning and an afternoon workshop)."""
    from datetime import date, datetime, timedelta

    from trainer.activities.base import StepResult

    store = p.app.store
    marie = store.learners()[0]

    def session(when: datetime, workshop_uid=None):
        sid = store.start_session(marie.id)
        attempt = store.start_attempt(sid, marie.id, "essai", "Essai", 1)
        store.record_step(attempt, 0, StepResult("click", 20.0, 0, 0, 0.1, "mouse", 1, {}))
        store.end_session(sid)
        t = when.timestamp()
        store.db.execute("UPDATE sessions SET started_at = ?, ended_at = ? WHERE id = ?", (t, t + 600, sid))
        store.db.execute("UPDATE step_results SET finished_at = ? WHERE attempt_id = ?", (t + 60, attempt))
        if workshop_uid:
            store.attach_session_ids(workshop_uid, [sid])

    day = date.today() - timedelta(days=3)
    morning = store.create_workshop(day.isoformat(), "Camon", "CCAS de Camon")
    afternoon = store.create_workshop(day.isoformat(), "Camon", "Médiathèque Louis-Aragon")
    for hhmm, uid in (("09:30", morning), ("09:40", None), ("14:05", afternoon), ("14:10", None)):
        session(datetime.fromisoformat(f"{day.isoformat()}T{hhmm}"), uid)
    for back in range(4, 12):
        session(datetime.combine(day - timedelta(days=back), datetime.min.time()) + timedelta(hours=10))
    p.hold(p.app.screen.corner_rect().center, 3.1)
    assert p.screen == "facilitator"
    p.click("workshop")
    yield "atelier-du-jour"
    p.click("device_name")
    yield "nom-appareil"
    p.click("back")
    p.click("place:0")  # today's workshop named: today's earlier sessions may be attached (four cards)
    p.click("workshop")
    assert {"attach", "other_days"} <= set(p.ids())
    yield "atelier-du-jour-nomme"
    p.click("other_days")
    yield "jours-hors-atelier"
    while "next_page" in p.ids():
        p.click("next_page")
        yield "jours-hors-atelier-suite"
    while "previous_page" in p.ids():
        p.click("previous_page")
    p.click(f"day:{day.isoformat()}")
    yield "jour-deux-ateliers"
    p.click("workshop:0")
    p.click("workshop:1")
    yield "jour-rattache"
    p.click("unattach:0")  # « Détacher » later: the morning's sessions « hors atelier » again, the others still listed
    while "unattach:0" not in p.ids() and "next_page" in p.ids():  # (a banner leaves room for fewer cards a page)
        p.click("next_page")
    assert p.app.screen.groups and "unattach:0" in p.ids()
    yield "jour-detache"
    p.click("back")
    p.click("back")
    p.click("back")
    assert p.screen == "facilitator"
    # a person whose records were joined: « Supprimer » says they all go
    monique, second = store.add_learner("Monique"), store.add_learner("Monique (2)")
    store.join_people(monique.id, second.id)
    p.app.screen.enter()  # (the list as it is now)
    p.frames(1)
    p.click("learner:Monique")
    p.click("delete")
    assert "fiches réunies" in p.app.dialog.detail
    yield "dialog-supprimer-reunie"
    p.click("no")
    p.click("back")
    p.click("back")
    assert p.screen == "learners"


CASES = [pytest.param(size, palette, 1.0, id=f"{size[0]}x{size[1]}-{palette}",
                      marks=() if (size, palette) in QUICK else pytest.mark.slow)
         for size in SIZES for palette in PALETTES]
# « très grand » text (1.5): the smallest screens, both ways
CASES += [pytest.param(size, "high_contrast", 1.5, id=f"{size[0]}x{size[1]}-high_contrast-tres-grand",
                       marks=pytest.mark.slow) for size in ((1024, 600), (800, 1280))]


@pytest.mark.parametrize("size, palette, scale", CASES)
def test_every_screen_at_every_size(tmp_path, size, palette, scale):
    theme = Theme.of(palette, scale)
    p = start(tmp_path, size)
    problems, seen = [], []
    for name in every_screen(p, tmp_path):
        seen.append(name)
        problems += measure(p, theme, name)
    p.app.close()
    assert len(seen) >= 50 and "player-letters" in seen and "code-demande" in seen and "player-menu-ouvert" in seen
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_the_measures_see_what_is_wrong(tmp_path):
    """The checks above fail on a screen made wrong on purpose: a button off
    screen, two overlapping, one too small, dark text on black, a word broken."""
    p = start(tmp_path, (1024, 600))
    screen = p.app.screen
    a, b = screen.buttons[0], screen.buttons[1]
    a.rect = pygame.Rect(990, 10, 100, 100)  # off screen
    b.rect = pygame.Rect(1000, 20, 20, 20)  # small, on top of a
    problems = measure(p, Theme.normal(), "wrong")
    assert any("cut off" in x for x in problems) and any("overlaps" in x for x in problems)
    assert any("under" in x and "px" in x for x in problems)
    surf = Recorder((300, 200))
    surf.fill((0, 0, 0))
    with recording(surf) as calls:
        surf.blit(text.render("Recommencer", 30, (20, 20, 20), True, 60), (10, 10))
    info, rect, source, _ = surf.texts[0]
    assert broken_word(calls[0]) == "Recommencer"
    under = background_under(surf, rect, source)
    assert under == (0, 0, 0) and contrast(info["colour"], under) < 1.2
    p.app.close()


# -- colours the measures above cannot see -----------------------------------------------

HUES = {"bleu": (190, 250), "jaune": (45, 65), "vert": (90, 150), "rouge": (-15, 15)}  # degrees


def hue(colour) -> float:
    h, _, _ = colorsys.rgb_to_hsv(*(v / 255 for v in colour[:3]))
    return h * 360


@pytest.mark.parametrize("palette", PALETTES)
def test_a_colour_named_by_a_lesson_is_the_colour_drawn(tmp_path, palette):
    """« Cliquez sur le rond bleu »: the round target is blue in both palettes
    (read from the pixels at its centre, the lesson played through the real loop)."""
    p = start(tmp_path, (1280, 720))
    named = []
    for entry in p.app.lesson_entries():
        if not entry.usable:
            continue
        for index, step in enumerate(entry.lesson.steps):
            words = str(step.text("instruction", "fr")).lower()
            for colour in HUES:
                if f"rond {colour}" in words and step.kind in ("click", "double_click", "right_click", "hover"):
                    named.append((entry.lesson, index, colour))
    assert named, "no lesson names the colour of its target"
    p.click("guest")
    for lesson, index, colour in named:
        p.app.nav.play(lesson, index)
        p.frames(1)
        surf, _ = draw(p, Theme.of(palette))
        (cx, cy), = [s.center for s in p.app.screen.activity.scene(p.app.now()) if isinstance(s, sc.Circle)][:1]
        drawn = tuple(surf.get_at((int(cx), int(cy))))[:3]
        low, high = HUES[colour]
        angle = hue(drawn)
        assert low <= angle <= high or low <= angle - 360 <= high, (lesson.id, colour, drawn, angle)
    p.app.close()


@pytest.mark.parametrize("palette", PALETTES)
def test_the_drawn_keyboard_s_colours(palette):
    """The keys' names are drawn into cached key images the recording surface
    does not see: their colours are checked here, as the keyboard uses them.
    Names and characters on each key style at 7:1; the ring around a lit key,
    each key's edge, at 3:1 against what is around them."""
    theme = Theme.of(palette)
    for style, (fill, ink, border) in keyboard_view.styles(theme).items():
        assert contrast(fill, ink) >= TEXT_CONTRAST, (style, fill, ink)
        assert contrast(border, theme.key_case) >= EDGE_CONTRAST or contrast(fill, theme.key_case) >= EDGE_CONTRAST, \
            (style, "edge")
    for style, ring in keyboard_view.rings(theme).items():
        assert contrast(ring, theme.key_case) >= EDGE_CONTRAST, (style, ring)
    assert contrast(theme.primary, theme.key) >= TEXT_CONTRAST  # AltGr characters, in the primary colour


@pytest.mark.parametrize("palette", PALETTES)
def test_edges_and_halos_stand_out(palette):
    """What is no text but must be seen (WCAG 1.4.11, 3:1): a control's edge, the
    hint's halo, a list's row edge, a drop zone's dashes, a target on the page."""
    t = Theme.of(palette)
    pairs = [("hint", "background"), ("hint", "panel"), ("border", "panel"), ("border", "background"),
             ("border", "row"), ("primary", "background"), ("primary", "panel"), ("target", "background"),
             ("target", "panel"), ("success", "success_light"), ("key_border", "key"), ("border", "disabled")]
    for fg, bg in pairs:
        assert contrast(getattr(t, fg), getattr(t, bg)) >= EDGE_CONTRAST, (fg, bg)


def test_a_learner_s_pointer_size(tmp_path):
    """Marie's « très grande » arrow is the pointer while she plays (2.2 times the
    usual 4.5 % of the height), in her palette; the learner screen brings the
    device's own back.  Chosen on her settings screen like any other setting."""
    def arrow():
        shown = pygame.mouse.get_cursor()
        return shown.data[1].get_height(), tuple(shown.data[1].get_at((3 + 2, 3 + 12)))[:3]

    p = start(tmp_path, (1280, 720))
    usual = arrow()[0]
    p.hold(p.app.screen.corner_rect().center, 3.1)
    p.click("skip")
    p.click("learner:Marie")
    p.click("settings")
    assert "setting:pointer_size=tres_grand" in p.ids()
    p.click("setting:pointer_size=tres_grand")
    p.click("setting:high_contrast=true")
    p.click("back")
    p.click("back")
    p.click("back")
    assert p.screen == "learners" and arrow()[0] == usual
    p.click("learner:Marie")
    height, inside = arrow()
    assert height == cursor.arrow_height(720, 2.2) + 4 and height > 2 * usual
    assert inside == Theme.high_contrast().cursor_fill  # the inside of the arrow, in her palette
    p.click("back")
    assert arrow()[0] == usual
    p.app.close()


CHART_TALL = 0.25  # a chart's bars stand in a rectangle at least this fraction of its width tall, upright


@pytest.mark.parametrize("size", [(800, 1280), (600, 1024)])
@pytest.mark.parametrize("palette", PALETTES)
def test_progress_charts_held_upright_are_never_flat(tmp_path, size, palette):
    """« Les progrès de Marie » on a tablet held upright: the charts one under the other,
    as wide as the screen, each chart's bars in a rectangle at least a quarter of its width
    tall, a few per page; every page measured like every screen, all five charts reached."""
    theme = Theme.of(palette)
    p = start(tmp_path, size)
    p.click("learner:Marie")
    p.click(next(i for i in p.ids() if i.startswith("lesson:")))
    p.play_lesson()
    p.click("back")
    p.click("my_progress")
    assert p.screen == "progress"
    screen = p.app.screen
    seen, problems, page = set(), [], 0
    while True:
        problems += measure(p, theme, f"progres-page-{page}")
        for box in screen.chart_boxes:
            plot = screen.plot_rect(box, theme)
            if plot.h < CHART_TALL * plot.w:
                problems.append(f"page {page}: a chart {plot.w}x{plot.h}, under {CHART_TALL:.0%} of its width")
            if not box.contains(plot) or box.w < 0.85 * size[0]:
                problems.append(f"page {page}: a chart box {box} holds {plot}, not as wide as the screen")
        seen |= set(screen.charts_shown)
        if "next_page" not in p.ids():
            break
        p.click("next_page")
        page += 1
    p.app.close()
    assert page >= 1 and seen == set(range(5))
    assert not problems, "\n".join(problems)


# -- the banner along the bottom (progress not saved, « C'est réglé ») ---------------------

def banner_problems(p, theme: Theme, name: str) -> list[str]:
    """The screen measured like every screen, and: the banner shows, no control
    reaches into it (nor the text of one), its words are inside it, at least at the text floor."""
    problems = measure(p, theme, name)
    screen = p.app.screen
    w, h = p.app.size
    found = screen.banner()
    if not found:
        return problems + [f"{name}: no banner"]
    rect = found[0]
    if not pygame.Rect(0, 0, w, h).contains(rect):
        problems.append(f"{name}: the banner {rect} is cut off")
    for what, control, _ in controls(p):
        if control.colliderect(rect) and not what.startswith("zone"):
            problems.append(f"{name}: {what!r} {control} is under the banner {rect}")
    surf, calls = draw(p, theme)
    message = screen.banner_message()
    drawn = [(info, r) for info, r, source, _ in surf.texts if info["text"] == message]
    if not drawn:
        return problems + [f"{name}: the banner's words are not drawn"]
    for info_, r_, source, clip in surf.texts:  # nothing else written where the banner is
        ink = source.get_bounding_rect().move(r_.topleft).clip(clip)
        if info_["text"] != message and ink.w and ink.colliderect(rect):
            problems.append(f"{name}: the text {info_['text']!r} {ink} is under the banner {rect}")
    info, r = drawn[0]
    r = [s for i, r_, s, _ in surf.texts if i is info][0].get_bounding_rect().move(r.topleft)
    if not rect.contains(r):
        problems.append(f"{name}: the banner's words {r} are not inside it {rect}")
    floor = max(TEXT_FLOOR_PX, TEXT_FLOOR * min(w, h))
    if info["px"] < floor - 0.5:
        problems.append(f"{name}: the banner's words at {info['px']} px")
    return problems


def banner_screens(p):
    """A long store warning, then « C'est réglé », on: the menu with « Continuer », the
    player, the learners with a pager, the facilitator's home."""
    from trainer.i18n import Message

    warning = Message("store.kept_start", reason=Message("store.reason.disk"))
    notice = Message("store.saved_again")

    def both(name):
        p.app.store.warning = warning
        p.frames(1)
        yield f"{name}-avertissement"
        p.app.store.warning = None
        p.app.notice, p.app.notice_until = notice, p.app.now() + 60
        p.frames(1)
        yield f"{name}-regle"
        p.app.notice = None
        p.frames(1)

    p.click("learner:Marie")
    p.click(next(i for i in p.ids() if i.startswith("lesson:")))
    p.play_lesson()
    p.click("back")
    assert p.screen == "lessons" and "continue" in p.ids()
    yield from both("menu-continuer")
    p.click("continue")
    assert p.screen == "player"
    yield from both("player")
    steps = test_theme.first_step_of_each_kind(p)
    for kind in ("drag", "letters", "field", "scroll"):
        if kind in steps:
            p.app.nav.play(*steps[kind])
            p.frames(1)
            yield from both(f"player-{kind}")
    p.click("back")
    p.click("yes")
    p.click("back")
    for extra in ("Nadia", "Pierre-Emmanuel", "Robert", "Simone", "Thérèse", "Yvette", "Zoé", "Françoise"):
        p.app.store.add_learner(extra)
    p.app.nav.learners()
    p.frames(1)
    assert "next_page" in p.ids()
    yield from both("qui-dix-personnes")
    p.hold(p.app.screen.corner_rect().center, 3.1)
    p.click("skip")
    assert p.screen == "facilitator"
    yield from both("animatrice")


BANNER_CASES = [pytest.param(size, palette, id=f"{size[0]}x{size[1]}-{palette}",
                             marks=() if (size, palette) in QUICK or size == (1024, 600) and palette == "normal"
                             else pytest.mark.slow)
                for size in SIZES for palette in PALETTES]


@pytest.mark.parametrize("size, palette", BANNER_CASES)
def test_the_banner_covers_no_control(tmp_path, size, palette):
    theme = Theme.of(palette)
    p = start(tmp_path, size)
    problems, seen = [], []
    for name in banner_screens(p):
        seen.append(name)
        problems += banner_problems(p, theme, name)
    p.app.close()
    assert len(seen) >= 10
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


CHART_TALL_FLAT = 0.30  # laid flat: the bars' rectangle at least this fraction of the screen height (or CHART_TALL)
CHART_TEXT = 0.03  # every text of « Mes progrès » at least this fraction of the shorter side


@pytest.mark.parametrize("size", [pytest.param(s, marks=() if s == (1024, 600) else pytest.mark.slow)
                                  for s in [(1024, 600), (1280, 720), (1366, 768), (1920, 1080), (800, 1280), (600, 1024)]])
@pytest.mark.parametrize("palette", PALETTES)
def test_progress_charts_laid_flat_are_tall_and_readable(tmp_path, size, palette):
    """« Les progrès de Marie » on a laptop (and upright, where the test above also
    holds the charts as wide as the screen): each chart's bars in a rectangle at least
    30 % of the screen height tall (or a quarter of its width), every text at least
    3 % of the shorter side (the levels, the charts' titles and how to read them,
    the numbers, the days); every page measured like every screen, all five charts reached."""
    from datetime import datetime, timedelta

    from trainer.activities.base import StepResult

    theme = Theme.of(palette)
    w, h = size
    p = start(tmp_path, size)
    store = p.app.store
    marie = next(person for person in store.learners() if person.name == "Marie")
    for back in range(1, 10):  # nine earlier days of practice: the charts show their last eight, dated
        sid = store.start_session(marie.id)
        attempt = store.start_attempt(sid, marie.id, "essai", "Essai", 1)
        store.record_step(attempt, 0, StepResult("click", 2.0 + back, back % 3, 0, 0.1, "mouse", 3, {}))
        store.end_session(sid)
        t = (datetime.now().replace(hour=10) - timedelta(days=back * 3)).timestamp()
        store.db.execute("UPDATE sessions SET started_at = ?, ended_at = ? WHERE id = ?", (t, t + 600, sid))
        store.db.execute("UPDATE step_results SET finished_at = ? WHERE attempt_id = ?", (t + 60, attempt))
    p.click("learner:Marie")
    p.click(next(i for i in p.ids() if i.startswith("lesson:")))
    p.play_lesson()
    p.click("back")
    p.click("my_progress")
    assert p.screen == "progress"
    screen = p.app.screen
    seen, problems, page, texts = set(), [], 0, 0
    least_px = CHART_TEXT * min(w, h)
    while True:
        problems += measure(p, theme, f"progres-page-{page}")
        for box in screen.chart_boxes:
            plot = screen.plot_rect(box, theme)
            if plot.h < CHART_TALL * plot.w and plot.h < CHART_TALL_FLAT * h:
                problems.append(f"page {page}: a chart's bars {plot.w}x{plot.h}, under {CHART_TALL_FLAT:.0%} "
                                f"of the height and {CHART_TALL:.0%} of its width")
            if not box.contains(plot):
                problems.append(f"page {page}: a chart box {box} does not hold {plot}")
        _, calls = draw(p, theme)
        for info in calls:
            if info["text"] in ("Retour", "Précédents", "Suivants"):
                continue  # (the buttons: measured with every screen)
            texts += 1
            if info["px"] < least_px - 0.5:
                problems.append(f"page {page}: {info['text']!r} at {info['px']} px, under {least_px:.0f}")
        seen |= set(screen.charts_shown)
        if "next_page" not in p.ids():
            break
        p.click("next_page")
        page += 1
    p.app.close()
    assert seen == set(range(5)) and texts > 60 and len(screen.progress.days) >= 8
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES)
def test_every_screen_under_a_long_banner(tmp_path, size):
    """The whole walk through every screen with « C'est réglé… » and then a long
    store warning showing all along: no control, no text under the banner, anywhere."""
    from trainer.i18n import Message

    theme = Theme.of("normal")
    p = start(tmp_path, size)
    p.app.notice, p.app.notice_until = Message("store.kept_start", reason=Message("store.reason.disk")), 1e12
    p.frames(1)
    problems, seen = [], []
    for name in every_screen(p, tmp_path):
        if p.app.dialog is not None:
            continue  # (a question lies over everything, the banner too)
        seen.append(name)
        problems += banner_problems(p, theme, name)
    p.app.close()
    assert len(seen) >= 40
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
