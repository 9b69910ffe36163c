"""Each step kind's logic, without a window: input in, state and results out."""
import importlib
import inspect
import pkgutil
import random

import pytest

from trainer import activities
from trainer import input as inp
from trainer.activities.base import IDLE_HINT_SECONDS, Activity, Context
from trainer.lesson.schema import defaults_of

AREA = (0.0, 200.0, 1280.0, 500.0)
UNIT = 720.0


def make(kind, now=0.0, touch=False, **settings):
    full = defaults_of(kind)
    full.update(settings)
    ctx = Context(area=AREA, unit=UNIT, now=now, touch=touch, rng=random.Random(4))
    return activities.create(kind, full, ctx)


def click(a, pos, t, button=inp.LEFT, touch=False):
    a.feed(inp.PointerDown(pos, button, touch, t))
    a.feed(inp.PointerUp(pos, button, touch, t + 0.05))
    a.feed(inp.Click(pos, button, touch, t))


def far_from(a):
    cx, cy = a.center()
    return (cx + 400 if cx < 640 else cx - 400, cy)


def test_every_kind_module_declares_what_it_needs():
    """A kind is one module: its name, title, settings, state machine, and how
    a test plays it (``solve``); nothing elsewhere names the kinds."""
    found = activities.kinds()
    assert set(found) >= {"hover", "click", "double_click", "right_click", "drag", "scroll", "key", "letters",
                          "type", "field", "undo", "redo"}
    for kind, module in found.items():
        assert module.KIND == kind
        assert module.TITLE and isinstance(module.SETTINGS, dict)
        for name, prop in module.SETTINGS.items():
            assert prop.get("description"), f"{kind}.{name} has no French description"
        assert issubclass(module.Activity, Activity) and module.Activity.KIND == kind
        assert list(inspect.signature(module.solve).parameters)[:3] == ["activity", "pilot", "touch"], kind
        assert set(getattr(module, "REQUIRED", [])) <= set(module.SETTINGS), kind
        assert callable(getattr(module, "check", lambda settings: []))


def test_every_module_that_says_its_kind_is_found_and_no_other():
    """No list of modules to leave out: a module without ``KIND`` holds what kinds share."""
    names = [info.name for info in pkgutil.iter_modules(activities.__path__)]
    with_kind = {importlib.import_module(f"trainer.activities.{n}").__name__ for n in names
                 if getattr(importlib.import_module(f"trainer.activities.{n}"), "KIND", None)}
    assert {m.__name__ for m in activities.kinds().values()} == with_kind
    assert len(with_kind) < len(names)  # the shared helpers (base, scene...) are no kinds


def test_the_pilot_plays_a_step_through_its_kind_module(monkeypatch):
    """Pilot.play_step asks the kind's module: a new kind needs no branch in the pilot."""
    from types import SimpleNamespace

    from trainer.pilot import Pilot

    played = []
    fake = SimpleNamespace(solve=lambda activity, pilot, touch: played.append((activity.KIND, pilot, touch)))
    monkeypatch.setattr(activities, "kinds", lambda: {"new_kind": fake})
    pilot = Pilot.__new__(Pilot)
    pilot.app = SimpleNamespace(screen=SimpleNamespace(activity=SimpleNamespace(KIND="new_kind")))
    pilot.play_step(touch=True)
    assert played == [("new_kind", pilot, True)]


def test_click_counts_hits_and_targets_shrink():
    a = make("click", count=3, size=0.2, min_size=0.05)
    sizes = []
    for i in range(3):
        sizes.append(a.radius())
        click(a, a.center(), 1.0 + i)
    assert a.done and a.successes == 3 and a.misses == 0
    assert sizes[0] > sizes[1] > sizes[2]
    r = a.result()
    assert r.kind == "click" and r.successes == 3 and r.target_size < 0.2 and r.input == "mouse"


def test_targets_stay_inside_the_play_area():
    a = make("click", count=30, size=0.3)
    x, y, w, h = AREA
    for i in range(30):
        cx, cy = a.center()
        assert x + a.radius() <= cx + 1 and cx - 1 <= x + w - a.radius()
        assert y + a.radius() <= cy + 1 and cy - 1 <= y + h - a.radius()
        click(a, a.center(), 1.0 + i)


def test_a_miss_is_gentle_and_repeated_misses_grow_the_target_and_show_a_hint():
    a = make("click", count=2, size=0.2)
    click(a, a.center(), 1.0)  # one success: smaller
    small = a.radius()
    click(a, far_from(a), 3.0)
    assert a.misses == 1 and not a.hint_visible and "miss" in a.cues and not a.done
    click(a, far_from(a), 4.0)
    assert a.hint_visible and a.hints == 1
    assert a.radius() > small
    assert "bouton gauche" in a.hint_text
    click(a, a.center(), 5.0)
    assert a.done and a.result().misses == 2 and a.result().hints == 1


def test_the_second_click_of_an_unneeded_double_click_is_forgiven():
    a = make("click", count=2)
    pos = a.center()
    click(a, pos, 1.0)
    click(a, pos, 1.2)  # the learner double-clicked out of habit
    assert a.misses == 0


def test_a_hint_comes_after_a_long_time_without_progress_but_nothing_fails():
    a = make("click", count=1)
    a.update(IDLE_HINT_SECONDS + 1)
    assert a.hint_visible and not a.done and a.misses == 0


def test_touch_wording_of_hints():
    a = make("click", touch=True)
    assert a.hint_text.startswith("Touchez")


def test_hover_needs_the_pointer_to_stay_a_moment():
    a = make("hover", count=1, dwell=0.5)
    a.feed(inp.PointerMove(a.center(), False, 1.0, False))
    a.update(1.3)
    assert not a.done
    a.update(1.6)
    assert a.done


def test_hover_leaving_the_target_starts_again():
    a = make("hover", count=1, dwell=0.5)
    a.feed(inp.PointerMove(a.center(), False, 1.0, False))
    a.feed(inp.PointerMove(far_from(a), False, 1.3, False))
    a.update(1.6)
    assert not a.done


def test_hover_on_a_touch_screen_is_a_touch():
    a = make("hover", count=1, touch=True)
    a.feed(inp.PointerDown(a.center(), inp.LEFT, True, 1.0))
    assert a.done and a.result().input == "touch"


def test_double_click_on_target():
    a = make("double_click", count=1)
    pos = a.center()
    click(a, pos, 1.0)
    click(a, pos, 1.3)
    a.feed(inp.DoubleClick(pos, False, 1.35))
    assert a.done and a.misses == 0


def test_slow_double_click_is_a_gentle_miss_with_a_hint_about_speed():
    a = make("double_click", count=1)
    pos = a.center()
    click(a, pos, 1.0)
    a.update(2.0)  # the second click never came in time
    click(a, pos, 3.0)
    a.update(4.0)
    assert not a.done and a.misses == 2 and a.hint_visible
    assert "rapidement" in a.hint_text
    assert a.result().details.slow_clicks == 2


def test_right_click_with_the_mouse_and_with_a_long_press():
    a = make("right_click", count=1)
    click(a, a.center(), 1.0, button=inp.RIGHT)
    assert a.done
    b = make("right_click", count=1, touch=True)
    b.feed(inp.LongPress(b.center(), True, 1.0))
    assert b.done and b.result().input == "touch"


def test_a_left_click_when_a_right_click_is_asked_is_a_miss():
    a = make("right_click", count=1)
    click(a, a.center(), 1.0)
    assert not a.done and a.misses == 1


def test_right_click_menu_then_choose():
    a = make("right_click", count=1, menu=["Ouvrir", "Renommer", "Supprimer"], choose="Supprimer")
    click(a, a.center(), 1.0, button=inp.RIGHT)
    assert not a.done and a.menu_open_at is not None
    rects = a._menu_rects()
    x, y, w, h = rects[0]
    click(a, (x + w / 2, y + h / 2), 2.0)  # « Ouvrir »: not the one asked
    assert a.misses == 1 and a.menu_open_at is not None
    x, y, w, h = rects[2]
    click(a, (x + w / 2, y + h / 2), 3.0)
    assert a.done and a.successes == 1


def test_a_click_outside_the_menu_closes_it_as_on_a_computer():
    a = make("right_click", count=1, menu=["Ouvrir", "Copier"], choose="Copier")
    click(a, a.center(), 1.0, button=inp.RIGHT)
    click(a, (5, 205), 2.0)
    assert a.menu_open_at is None and not a.done


def drag(a, start, end, t, touch=False):
    a.feed(inp.PointerDown(start, inp.LEFT, touch, t))
    for i in range(1, 6):
        p = (start[0] + (end[0] - start[0]) * i / 5, start[1] + (end[1] - start[1]) * i / 5)
        a.feed(inp.PointerMove(p, touch, t + i * 0.05, True))
    a.feed(inp.PointerUp(end, inp.LEFT, touch, t + 0.4))


def centre(rect):
    x, y, w, h = rect
    return (x + w / 2, y + h / 2)


def test_drag_into_the_zone():
    a = make("drag", count=2)
    drag(a, centre(a.item_rect()), centre(a.zone_rect()), 1.0)
    assert a.successes == 1 and not a.done
    drag(a, centre(a.item_rect()), centre(a.zone_rect()), 2.0, touch=True)
    assert a.done and a.result().input == "mixed"


def test_dropped_outside_the_item_stays_where_it_was_let_go():
    a = make("drag", count=1)
    start = centre(a.item_rect())
    end = (start[0] + 50, start[1] + 10)
    drag(a, start, end, 1.0)
    assert not a.done and a.misses == 1
    assert abs(centre(a.item_rect())[0] - end[0]) < 1
    drag(a, centre(a.item_rect()), centre(a.zone_rect()), 2.0)
    assert a.done


def test_scroll_with_the_wheel_then_click_the_thing_found():
    a = make("scroll", find="Le chat", page_length=3)
    assert not a.seen
    t = 1.0
    while not a.seen:
        a.feed(inp.Wheel(1.0, (640, 400), t))
        t += 0.1
        assert t < 100
    assert not a.done
    row = centre(a._row_rect(a.target_index))
    click(a, row, t)
    assert a.done and a.result().details.wheel_notches > 0


def test_scroll_with_a_finger():
    a = make("scroll", find="Le chat", page_length=2, click_to_finish=False, touch=True)
    vx, vy, vw, vh = a._viewport()
    t = 1.0
    while not a.done:
        a.feed(inp.PointerDown((vx + 10, vy + vh * 0.8), inp.LEFT, True, t))
        a.feed(inp.PointerMove((vx + 10, vy + vh * 0.2), True, t + 0.1, True))
        a.feed(inp.PointerUp((vx + 10, vy + vh * 0.2), inp.LEFT, True, t + 0.2))
        t += 1
        assert t < 50
    assert a.result().input == "touch"


def test_scroll_never_goes_past_the_ends():
    a = make("scroll", find="X")
    a.feed(inp.Wheel(-5.0, (640, 400), 1.0))
    assert a.offset == 0
    for i in range(500):
        a.feed(inp.Wheel(3.0, (640, 400), 1.0 + i))
    assert a.offset == pytest.approx(a._max_offset())


def test_relayout_keeps_the_exercise():
    a = make("click", count=2)
    fx, fy = a.target
    a.relayout((0, 100, 800, 400), 500.0)
    cx, cy = a.center()
    assert cx == pytest.approx(fx * 800) and cy == pytest.approx(100 + fy * 400)
    click(a, a.center(), 1.0)
    assert a.successes == 1


@pytest.mark.parametrize("kind", sorted(activities.kinds()))
def test_every_kind_draws_something_and_ignores_input_once_done(kind):
    required = {"scroll": {"find": "Le chat"}, "key": {"keys": ["enter"]}, "letters": {"text": "a"},
                "type": {"text": "a"}, "field": {"text": "a"}}
    extra = required.get(kind, {})
    a = make(kind, **extra)
    assert a.scene(0.5)
    a.finish(1.0)
    a.feed(inp.Click((1, 1), inp.LEFT, False, 2.0))
    assert a.misses == 0


def test_a_scroll_page_keeps_the_written_lines_in_order_and_the_thing_where_asked():
    days = [f"Jour {i}" for i in range(1, 25)]
    a = make("scroll", find="Le film", items=days, find_at=0.75)
    others = [r for r in a.rows if r != "Le film"]
    assert others == days  # each line once, in order
    assert a.target_index == round(0.75 * 24)


def test_the_thing_to_find_is_never_also_a_line_of_the_page():
    a = make("scroll", find="Cerise")  # a fruit of the default page
    assert a.rows.count("Cerise") == 1
