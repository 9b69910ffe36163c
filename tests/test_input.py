"""The input layer: pygame events in, one small vocabulary out."""
import pygame

from trainer import input as inp


def ev(kind, **attrs):
    return pygame.event.Event(kind, **attrs)


def click_events(norm, pos, t, button=1, touch=False, hold=0.1):
    out = norm.feed(ev(pygame.MOUSEBUTTONDOWN, pos=pos, button=button, touch=touch), t)
    out += norm.poll(t + hold)
    out += norm.feed(ev(pygame.MOUSEBUTTONUP, pos=pos, button=button, touch=touch), t + hold)
    return out


def kinds(events):
    return [type(e).__name__ for e in events]


def test_a_click_is_press_and_release_at_the_same_place():
    norm = inp.InputNormalizer()
    out = click_events(norm, (100, 100), 1.0)
    assert kinds(out) == ["PointerDown", "PointerUp", "Click"]
    assert out[-1].button == inp.LEFT and not out[-1].touch


def test_press_here_release_far_away_is_a_click_that_says_it_moved():
    """The control under it decides (both ends on it: it counts); the click says
    where it ended and that it went beyond a tremor."""
    norm = inp.InputNormalizer(slop=20)
    norm.feed(ev(pygame.MOUSEBUTTONDOWN, pos=(100, 100), button=1), 1.0)
    norm.feed(ev(pygame.MOUSEMOTION, pos=(300, 100), rel=(200, 0), buttons=(1, 0, 0)), 1.1)
    out = norm.feed(ev(pygame.MOUSEBUTTONUP, pos=(300, 100), button=1), 1.2)
    click = out[-1]
    assert isinstance(click, inp.Click) and click.moved and click.travel == 200
    assert click.pos == (100, 100) and click.release == (300, 100)
    assert not click.on(lambda p: p[0] < 200)  # pressed on a thing, released away from it
    assert click.on(lambda p: p[0] < 400)  # both ends on a big thing


def test_a_hand_that_wanders_and_comes_back_still_clicks():
    """A tremor of a whole finger's width between press and release, back on the button."""
    norm = inp.InputNormalizer(slop=20)
    norm.feed(ev(pygame.MOUSEBUTTONDOWN, pos=(100, 100), button=1), 1.0)
    for x, y in ((130, 90), (160, 120), (110, 104)):
        norm.feed(ev(pygame.MOUSEMOTION, pos=(x, y), rel=(0, 0), buttons=(1, 0, 0)), 1.1)
    click = norm.feed(ev(pygame.MOUSEBUTTONUP, pos=(110, 104), button=1), 1.3)[-1]
    assert isinstance(click, inp.Click) and click.moved and click.travel > 60
    assert click.on(lambda p: 50 <= p[0] <= 150 and 50 <= p[1] <= 150)


def test_a_tremor_at_the_edge_counts_where_the_press_was():
    norm = inp.InputNormalizer(slop=20)
    norm.feed(ev(pygame.MOUSEBUTTONDOWN, pos=(148, 100), button=1), 1.0)
    click = norm.feed(ev(pygame.MOUSEBUTTONUP, pos=(153, 100), button=1), 1.1)[-1]
    assert not click.moved and click.on(lambda p: p[0] <= 150)


def test_a_slide_is_not_half_of_a_double_click():
    norm = inp.InputNormalizer(slop=20)
    click_events(norm, (100, 100), 1.0)
    norm.feed(ev(pygame.MOUSEBUTTONDOWN, pos=(100, 100), button=1), 1.2)
    norm.feed(ev(pygame.MOUSEMOTION, pos=(300, 100), rel=(200, 0), buttons=(1, 0, 0)), 1.3)
    out = norm.feed(ev(pygame.MOUSEBUTTONUP, pos=(300, 100), button=1), 1.4)
    assert "DoubleClick" not in kinds(out)


def test_double_click_uses_the_learners_generous_delay():
    norm = inp.InputNormalizer(double_click_delay=0.8)
    click_events(norm, (100, 100), 1.0)
    out = click_events(norm, (104, 98), 1.7)  # 0.7 s later: too slow for SDL, fine for us
    assert kinds(out)[-1] == "DoubleClick"


def test_too_slow_is_two_clicks():
    norm = inp.InputNormalizer(double_click_delay=0.5)
    click_events(norm, (100, 100), 1.0)
    out = click_events(norm, (100, 100), 1.7)
    assert "DoubleClick" not in kinds(out)


def test_three_quick_clicks_make_one_double_click():
    norm = inp.InputNormalizer()
    all_events = []
    for i in range(3):
        all_events += click_events(norm, (50, 50), 1.0 + i * 0.2)
    assert kinds(all_events).count("DoubleClick") == 1


def test_long_press_with_a_finger_is_the_touch_right_click():
    norm = inp.InputNormalizer(long_press_delay=0.6)
    out = click_events(norm, (200, 200), 1.0, touch=True, hold=0.9)
    assert "LongPress" in kinds(out)
    assert "Click" not in kinds(out)  # the long press is not also a click


def test_a_mouse_button_held_long_is_still_a_click():
    """Beginners often keep the button down: that must not turn into something else."""
    norm = inp.InputNormalizer(long_press_delay=0.6)
    out = click_events(norm, (200, 200), 1.0, touch=False, hold=2.0)
    assert "LongPress" not in kinds(out)
    assert kinds(out)[-1] == "Click"


def test_left_handed_mouse_swaps_the_buttons():
    norm = inp.InputNormalizer(swap_buttons=True)
    out = click_events(norm, (10, 10), 1.0, button=3)
    assert out[-1].button == inp.LEFT


def test_wheel_towards_you_scrolls_down():
    norm = inp.InputNormalizer()
    norm.feed(ev(pygame.MOUSEMOTION, pos=(5, 6), rel=(0, 0), buttons=(0, 0, 0)), 0.5)
    out = norm.feed(ev(pygame.MOUSEWHEEL, x=0, y=-1, precise_x=0.0, precise_y=-1.0, flipped=False), 1.0)
    assert isinstance(out[0], inp.Wheel) and out[0].dy == 1.0 and out[0].pos == (5.0, 6.0)


def test_one_notch_is_one_wheel_event_though_pygame_adds_buttons_4_and_5():
    """pygame-ce sends MOUSEBUTTONDOWN/UP 5, then MOUSEWHEEL, for one notch towards you."""
    norm = inp.InputNormalizer()
    out = []
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        out += norm.feed(ev(kind, pos=(5, 6), button=5, clicks=1, touch=False), 1.0)
    out += norm.feed(ev(pygame.MOUSEWHEEL, x=0, y=-1, precise_x=0.0, precise_y=-1.0, flipped=False, pos=(5, 6)), 1.0)
    assert [type(e) for e in out] == [inp.Wheel] and out[0].dy == 1.0
    assert not any(isinstance(e, (inp.PointerDown, inp.Click)) for e in out)


def test_a_touchpad_scrolls_by_fractions_of_a_notch():
    """Two fingers on a touchpad: MOUSEWHEEL with precise_y fractions (y is SDL's
    whole notches so far: 0 until they add up), buttons only when they do."""
    norm = inp.InputNormalizer()
    total = 0.0
    for _ in range(4):
        for e in norm.feed(ev(pygame.MOUSEWHEEL, x=0, y=0, precise_x=0.0, precise_y=-0.25, flipped=False), 1.0):
            total += e.dy
    assert total == 1.0


def test_a_flipped_wheel_and_a_wild_flick_are_tamed():
    norm = inp.InputNormalizer()
    out = norm.feed(ev(pygame.MOUSEWHEEL, x=0, y=1, precise_x=0.0, precise_y=1.0, flipped=True), 1.0)
    assert out[0].dy == 1.0  # natural scrolling (a Mac): the same direction on the page
    out = norm.feed(ev(pygame.MOUSEWHEEL, x=0, y=-40, precise_x=0.0, precise_y=-40.0, flipped=False), 1.0)
    assert out[0].dy == inp.MAX_WHEEL


def test_text_is_normalized_and_keys_are_read_from_the_event():
    norm = inp.InputNormalizer()
    out = norm.feed(ev(pygame.TEXTINPUT, text="e\u0301"), 1.0)  # e + combining accent
    assert out == [inp.TextInput("é", 1.0)]
    out = norm.feed(ev(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, scancode=41), 1.0)
    assert out[0].key == pygame.K_ESCAPE


def test_events_without_the_usual_attributes_do_not_break_anything():
    norm = inp.InputNormalizer()
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION, pygame.MOUSEWHEEL,
                 pygame.KEYDOWN, pygame.TEXTINPUT):
        norm.feed(ev(kind), 1.0)
