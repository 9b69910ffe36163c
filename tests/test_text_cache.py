"""The cache of rendered text keeps to its budget, which follows the window."""
import pygame

from trainer.ui import text


def test_a_smaller_window_forgets_the_text_kept_for_a_bigger_one_at_once():
    """Found by the storm: after a resize to a smaller window, frames that drew
    only text already rendered left the cache over its new budget (4.1 MB kept
    for 2 MB) until some new text was rendered."""
    pygame.font.init()
    before = text.CACHE_BYTES
    try:
        text.forget_rendered()
        text.set_budget(2560, 1440)
        n = 0
        while text._cache_bytes <= 2 * 1024 * 1024:
            text.render(f"Une longue ligne de texte numéro {n}", 60, (0, 0, 0))
            n += 1
        text.set_budget(1280, 720)
        assert text._cache_bytes <= text.CACHE_BYTES == 2 * 1024 * 1024
        assert len(text._cache) >= 1
        text.render("Une longue ligne de texte numéro 0", 60, (0, 0, 0))  # still drawn, rendered again
    finally:
        text.forget_rendered()
        text.CACHE_BYTES = before
