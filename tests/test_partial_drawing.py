"""The player draws only what changed in the exercise: what is on screen must
always be exactly what a full drawing gives."""
import random

import pygame
import pytest

from trainer.pilot import Pilot

from conftest import LESSONS


def same_as_full_drawing(p):
    shown = pygame.image.tobytes(p.app.surface, "RGB")
    p.app.repaint = True
    p.app.draw()
    return pygame.image.tobytes(p.app.surface, "RGB") == shown


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "touch"])
def test_partial_frames_equal_full_frames_through_every_bundled_lesson(tmp_path, touch):
    p = Pilot.start(tmp_path / "data", size=(1280, 720), lesson_dirs=[LESSONS])
    rng = random.Random(7)
    partial = [0]
    p.click("guest", touch=touch)
    lessons = [e.lesson for e in p.app.lesson_entries() if e.usable]
    checked = 0
    for lesson in lessons:
        p.click(f"level:{lesson.level}", touch=touch)
        p.click(f"lesson:{lesson.id}", touch=touch)
        player = p.app.screen
        original = player.draw_changes

        def counting(surf, theme, original=original):
            rects = original(surf, theme)
            if rects:
                partial[0] += 1
            return rects
        player.draw_changes = counting
        while p.screen == "player":
            activity = player.activity
            if player.praise_until is None and rng.random() < 0.5 and hasattr(activity, "center"):
                cx, cy = activity.center()  # a miss beside the target: a pulse, a halo
                x, y, w, h = player.area
                miss = (x + w - 5 if cx < x + w / 2 else x + 5, min(max(cy, y + 5), y + h - 5))
                p.click(miss, touch=touch)
                p.frames(3)
                assert same_as_full_drawing(p), f"{lesson.id} step {player.index}: after a miss"
                checked += 1
            if player.praise_until is not None:
                p.wait(1.3)
            else:
                p.play_step(touch)
            p.frames(2)
            if p.screen == "player":
                assert same_as_full_drawing(p), f"{lesson.id} step {player.index}"
                checked += 1
        p.click("back", touch=touch)
    assert checked > 40 and partial[0] > 40, (checked, partial[0])
    p.app.close()


def test_a_drag_in_progress_sends_small_rectangles(tmp_path, lessons):
    p = Pilot.start(tmp_path / "data", size=(1920, 1080), lesson_dirs=[lessons])
    p.click("guest")
    p.click("lesson:essai-souris")
    p.play_step()
    p.play_step()
    p.wait(1.3)
    activity = p.app.screen.activity
    assert activity.KIND == "drag"
    x, y, w, h = activity.item_rect()
    p.down((x + w / 2, y + h / 2))
    sent = []
    real_update = pygame.display.update
    pygame.display.update = lambda rects: (sent.append(list(rects)), real_update(rects))[1]
    try:
        for i in range(1, 30):
            p.move((x + w / 2 + 7 * i, y + h / 2 + 3 * i), held=True)
    finally:
        pygame.display.update = real_update
    assert sent, "the moving photo was drawn by full frames only"
    biggest = max(sum(r.w * r.h for r in rects) for rects in sent)
    assert biggest < 0.25 * 1920 * 1080, biggest
    assert same_as_full_drawing(p)
    p.up()
    p.app.close()
