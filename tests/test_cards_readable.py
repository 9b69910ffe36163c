"""The lesson menu's cards and the people's tiles are read from a chair by
someone with glasses: a title wraps on two lines rather than shrinking, and
a short level's cards take the room the screen has; a tablet held upright
shows four people a page.  Measured from what is really drawn (every
text rendered while the menu draws), at every screen size, on every page of
every bundled level."""
import pytest

from trainer.pilot import Pilot
from trainer.ui import text

SIZES = [(1024, 600), (1280, 720), (1280, 800), (1366, 768), (1920, 1080), (800, 1280), (600, 1024)]
TITLE = 0.03  # a card's title: at least 3 % of the screen's shorter side (18 px at 600)


def drawn_texts(p, monkeypatch) -> dict:
    """The texts of one frame, each with the largest size it was drawn at."""
    sizes: dict = {}
    real = text.render

    def render(words, px, colour, bold=False, width=0, align="center"):
        sizes[words] = max(sizes.get(words, 0), int(px))
        return real(words, px, colour, bold, width, align)

    monkeypatch.setattr(text, "render", render)
    p.app.screen.draw(p.app.surface.copy(), p.app.theme)
    monkeypatch.setattr(text, "render", real)
    return sizes


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_lesson_card_title_is_drawn_big_enough(tmp_path, monkeypatch, size):
    floor = TITLE * min(size)
    small = []
    with Pilot.start(tmp_path, size=size) as p:
        p.click("guest")
        levels = [i for i in p.ids() if i.startswith("level:")]
        assert len(levels) >= 4
        seen = 0
        for level in levels:
            p.click(level)
            while True:
                cards = [b for b in p.buttons() if b.id.startswith("lesson:")]
                sizes = drawn_texts(p, monkeypatch)
                for card in cards:
                    seen += 1
                    assert card.label in sizes, card.label  # drawn
                    if sizes[card.label] < floor:
                        small.append(f"{level} « {card.label} » at {sizes[card.label]} px")
                if "next_page" not in p.ids():
                    break
                p.click("next_page")
        assert seen >= 28  # every bundled lesson was looked at
    assert not small, f"titles under {floor:.0f} px: {small}"


def test_a_short_level_s_cards_take_the_room_they_have(tmp_path):
    with Pilot.start(tmp_path, size=(1024, 600)) as p:
        p.click("guest")
        p.click("level:1")
        cards = [b.rect for b in p.buttons() if b.id.startswith("lesson:")]
        assert 1 <= len(cards) <= 4  # one row at 1024x600
        assert min(r.h for r in cards) >= 0.2 * 600  # not the height of three rows when there is one


@pytest.mark.parametrize("size", [(1024, 600), (600, 1024), (800, 1280)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_people_tiles_show_four_people_a_page_with_names_big_enough(tmp_path, monkeypatch, size):
    from trainer.progress import DB_NAME, ProgressStore

    names = ["Monique", "Jean-Pierre", "Marie-Thérèse", "Ali", "Germaine", "Paul", "Bernadette", "Yvonne"]
    store = ProgressStore(tmp_path / DB_NAME)
    for name in names:
        store.add_learner(name)
    store.close()
    with Pilot.start(tmp_path, size=size) as p:
        people = [b for b in p.buttons() if b.id.startswith("learner:")]
        assert len(people) >= 4
        sizes = drawn_texts(p, monkeypatch)
        tiles = people + [p.button("guest"), p.button("add_learner")]
        small = [f"« {b.label} » at {sizes[b.label]} px" for b in tiles if sizes[b.label] < TITLE * min(size)]
        assert not small
        assert all(b.rect.h >= 0.08 * size[1] for b in tiles)


@pytest.mark.parametrize("size", [(1024, 600), (800, 1280)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_facilitator_sees_the_names_of_a_page_at_one_size(tmp_path, monkeypatch, size):
    """« Nadia » is not drawn twice as big as « Jean-Pierre » beside it."""

    from trainer import pin
    from trainer.progress import DB_NAME, ProgressStore

    names = ["Françoise", "Jean-Pierre", "Marie", "Nadia"]
    store = ProgressStore(tmp_path / DB_NAME)
    for name in names:
        store.add_learner(name)
    store.close()
    with Pilot.start(tmp_path, size=size) as p:
        pin.set_pin(p.app.store, None)
        p.open_facilitator()
        assert p.screen == "facilitator"
        sizes = drawn_texts(p, monkeypatch)
        drawn = {name: sizes[name] for name in names}
        assert len(set(drawn.values())) == 1, drawn
        assert min(drawn.values()) >= TITLE * min(size)
