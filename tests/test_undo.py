"""The undo steps: the workspace and the step logic without a window, then
played through the real main loop with Ctrl+Z / Ctrl+Y and with the
on-screen « Annuler » / « Rétablir » buttons, by mouse and by touch."""
import json
import random

import pygame
import pytest

from trainer import activities, textedit
from trainer import input as inp
from trainer.activities.base import Context
from trainer.lesson.schema import defaults_of
from trainer.pilot import Pilot
from trainer.activities.scene import inside_rect
from trainer.workspace import BIN, Mistake, Workspace

AREA = (50.0, 300.0, 1180.0, 400.0)


def make(kind, **settings):
    full = defaults_of(kind)
    full.update(settings)
    ctx = Context(area=AREA, unit=720.0, now=0.0, rng=random.Random(1))
    return activities.create(kind, full, ctx)


def ctrl(key, shift=False, meta=False, t=1.0):
    return inp.KeyDown(key, 0, 0, t, None, shift, True, meta)


# -- editing and the workspace ----------------------------------------------------------


def test_a_double_click_selects_the_word_and_its_space_so_erasing_leaves_clean_text():
    line = textedit.select_word(textedit.Line("Le chat noir", 0), 4)
    assert line.selected() == "chat "
    assert textedit.key(line, "backspace").value == "Le noir"
    last = textedit.select_word(textedit.Line("Le chat noir", 0), 10)
    assert last.selected() == " noir"
    assert textedit.insert(last, "!").value == "Le chat!"


def test_shift_arrows_select_and_typing_replaces_the_selection():
    line = textedit.Line("abc", 0)
    for _ in range(2):
        line = textedit.key(line, "right", shift=True)
    assert line.selected() == "ab"
    assert textedit.insert(line, "X").value == "Xc"
    assert textedit.key(line, "delete").value == "c"
    assert textedit.key(line, "right").caret == 2 and textedit.key(line, "right").anchor is None


def test_every_change_is_one_entry_and_undo_gives_each_state_back():
    ws = Workspace("chat", ["Photo"], ["Bureau"])
    ws.type("s")
    ws.key("left")  # moving the caret is not a change
    ws.key("backspace")
    ws.move(0, BIN)
    assert (ws.text, ws.place_of(0)) == ("chas", BIN)
    assert ws.undo() and ws.place_of(0) == "Bureau"
    assert ws.undo() and ws.text == "chats"
    assert ws.undo() and ws.text == "chat"
    assert not ws.undo()
    assert ws.redo() and ws.redo() and ws.redo() and ws.place_of(0) == BIN
    assert ws.undos == {"keyboard": 3, "button": 0} and ws.redos["keyboard"] == 3


def test_after_an_undo_the_caret_is_at_the_end_of_what_came_back():
    ws = Workspace("Le chat dort")
    ws.select_word(4)
    ws.erase()
    assert ws.text == "Le dort"
    ws.undo("button")
    assert ws.text == "Le chat dort" and ws.line.caret == len("Le chat")
    assert ws.undo_by() == "button"


# -- the undo step without a window ---------------------------------------------------------


def test_the_learner_erases_the_word_then_ctrl_z_brings_it_back():
    a = make("undo", text="Le chat noir dort", changes=[{"delete": "chat"}])
    assert a.phase_instruction(False) is None  # the lesson's instruction: « Effacez le mot… »
    a.feed(inp.DoubleClick(a.word_center("chat"), False, 1.0))
    assert a.ws.line.selected() == "chat "
    a.feed(inp.KeyDown(0, 0, 0, 1.1, "backspace"))
    assert a.phase == "recover" and not a.done
    assert "Ctrl+Z" in a.phase_instruction(False) and "Annuler" in a.phase_instruction(True)
    assert "Ctrl" not in a.phase_instruction(True)
    a.feed(ctrl(ord("z"), t=2.0))
    assert a.done and a.ws.text == "Le chat noir dort"
    d = a.result().details
    assert (d.undos, d.redos, d.recovered, d.undo_by) == (1, 0, True, "keyboard")


def test_undo_is_z_with_ctrl_or_cmd_never_with_altgr_nor_a_plain_z():
    a = make("undo", text="Le chat", changes=[{"delete": "chat"}])
    a.feed(inp.DoubleClick(a.word_center("chat"), False, 1.0))
    a.feed(inp.KeyDown(0, 0, 0, 1.1, "delete"))
    assert a.ws.text == "Le"
    a.feed(inp.KeyDown(ord("z"), 0, 0, 2.0, None, False, False))  # AltGr+z: ctrl is False (input.py)
    a.feed(inp.TextInput("z", 2.0))
    assert not a.done and a.ws.text == "Lez"
    a.feed(ctrl(ord("z"), meta=True, t=3.0))  # Cmd+Z on a Mac: the « z » typed goes away
    assert a.ws.text == "Le" and not a.done
    a.feed(ctrl(ord("z"), t=4.0))
    assert a.done and a.result().details.undos == 2


def test_a_mistake_never_ends_the_step_and_a_wrong_move_is_only_a_soft_miss():
    a = make("undo", places=[{"label": "Bureau"}], items=[{"label": "Photo"}], changes=[{"bin": "Photo"}])
    a.ws.move(0, BIN)
    a.changed(1.0, "learner")
    assert a.phase == "recover"
    a.feed(ctrl(ord("y"), t=2.0))  # nothing to redo
    assert a.misses == 1 and not a.done
    a.feed(ctrl(ord("z"), t=3.0))
    assert a.done and a.ws.place_of(0) == "Bureau"


def test_the_step_checks_the_state_not_the_key_retyping_the_word_also_recovers():
    a = make("undo", text="Le chat dort", changes=[{"delete": "chat"}])
    a.feed(inp.DoubleClick(a.word_center("chat"), False, 1.0))
    a.feed(inp.KeyDown(0, 0, 0, 1.1, "backspace"))
    a.feed(inp.TextInput("chat ", 2.0))
    assert a.done
    assert a.result().details.to_json() == {"undos": 0, "redos": 0, "recovered": True, "undo_by": None,
                                  "made_by": "learner", "changes": 1}


def test_the_program_erases_three_words_slowly_then_three_undos_are_needed():
    a = make("undo", text="Il fait très beau et chaud", made_by="program",
             changes=[{"delete": "très"}, {"delete": "et"}, {"delete": "chaud"}])
    assert a.watching and a.animating(0.5)
    a.feed(ctrl(ord("z"), t=0.5))  # nothing happens while the program works
    assert a.ws.undos["keyboard"] == 0
    a.update(1.9)  # the first word is marked, not yet erased
    assert a.ws.text == "Il fait très beau et chaud"
    marked = [s for s in a.scene(1.9) if type(s).__name__ == "EditText"][0].marked
    assert a.ws.text[marked[0]:marked[1]] == "très "
    a.update(10.0)
    assert not a.watching and a.ws.text == "Il fait beau"
    assert a.message == "Oh\u00a0! Trois mots ont été effacés."
    for t in (11, 12):
        a.feed(ctrl(ord("z"), t=t))
        assert not a.done
    a.feed(ctrl(ord("z"), t=13))
    assert a.done and a.result().details.undos == 3


def test_redo_goes_through_undo_then_back_to_the_state_after_the_change():
    a = make("redo", places=[{"label": "Courrier"}, {"label": "Factures"}],
             items=[{"label": "Facture"}], changes=[{"move": "Facture", "to": "Factures"}])
    a.ws.move(0, "Factures")
    a.changed(1.0, "learner")
    assert a.phase == "undo"
    a.feed(ctrl(ord("z"), t=2.0))
    assert a.phase == "redo" and "Rétablir" in a.phase_instruction(True)
    a.feed(ctrl(ord("z"), shift=True, t=3.0))  # Ctrl+Shift+Z redoes too
    assert a.done and a.ws.place_of(0) == "Factures"
    d = a.result().details
    assert (d.undos, d.redos, d.recovered) == (1, 1, True)


def test_a_touch_learner_erases_a_word_with_a_double_tap_and_effacer():
    a = make("undo", text="Bonjour Marie", changes=[{"delete": "Marie"}])
    a.feed(inp.DoubleClick(a.word_center("Marie"), True, 1.0))
    erase = a.center_of(a.layout()["buttons"]["erase"])
    a.feed(inp.Click(erase, inp.LEFT, True, 1.2))
    assert a.ws.text == "Bonjour" and a.phase == "recover"
    a.feed(inp.Click(a.center_of(a.layout()["buttons"]["undo"]), inp.LEFT, True, 2.0))
    assert a.done and a.result().details.undo_by == "button"


def test_the_buttons_are_big_inside_the_play_area_and_greyed_when_useless():
    a = make("undo", text="Le chat", places=[{"label": "Bureau"}], items=[{"label": "Photo"}],
             changes=[{"delete": "chat"}])
    x, y, w, h = AREA
    for bx, by, bw, bh in a.layout()["buttons"].values():
        assert bh >= 0.08 * 720 and x <= bx and bx + bw <= x + w + 0.5 and y <= by and by + bh <= y + h + 0.5
    states = a.button_states()
    assert not states["undo"][1] and not states["redo"][1]


# -- through the real main loop ---------------------------------------------------------------

LESSON = """\
format: 1
id: essai-annuler
title: Essai annuler
level: 2
intro: Essai.
steps:
  - kind: undo
    instruction: Effacez le mot « chat ».
    text: Le chat noir dort
    changes:
      - delete: chat
  - kind: undo
    instruction: Jetez la photo à la corbeille.
    places: [{label: Bureau}, {label: Album}]
    items: [{label: Mer}, {label: Lettre}]
    changes: [{bin: Mer}]
  - kind: redo
    instruction: Regardez, puis annulez.
    made_by: program
    text: Bonjour Marie
    changes: [{delete: Marie}]
"""


@pytest.fixture
def undo_lesson(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "21.yaml").write_text(LESSON, encoding="utf-8")
    with Pilot.start(tmp_path / "data", lesson_dirs=[folder]) as p:
        yield p


def rows(p):
    return [(kind, json.loads(details)) for kind, details in
            p.app.store.db.execute("SELECT kind, details FROM step_results ORDER BY step_index")]


def open_lesson(p, touch=False):
    p.click("guest", touch=touch)
    p.click("level:2", touch=touch)
    p.click("lesson:essai-annuler", touch=touch)


def test_ctrl_z_and_ctrl_y_through_the_main_loop_with_an_azerty_keyboard(undo_lesson):
    p = undo_lesson
    open_lesson(p)
    a = p.app.screen.activity
    p.double_click(a.word_center("chat"))
    p.press_key("backspace")
    assert a.ws.text == "Le noir dort"
    p.type("z")  # a plain z is typed, not an undo
    assert a.ws.text == "Le znoir dort" and not a.done
    p.shortcut("ctrl+z")
    p.shortcut("ctrl+z")
    assert a.done
    p.wait(1.3)
    a = p.app.screen.activity
    p.make_change(a, a.mistakes[0])
    assert a.ws.place_of(0) == BIN
    p.shortcut("cmd+z")
    assert a.done and a.ws.place_of(0) == "Bureau"
    p.wait(1.3)
    a = p.app.screen.activity
    p.wait(3.0)
    assert a.ws.text == "Bonjour" and a.phase == "undo"
    p.shortcut("ctrl+z")
    p.shortcut("ctrl+shift+z")
    assert a.done
    p.wait(1.3)
    assert p.screen == "results"
    found = rows(p)
    assert [k for k, _ in found] == ["undo", "undo", "redo"]
    assert found[0][1] == {"undos": 2, "redos": 0, "recovered": True, "undo_by": "keyboard",
                           "made_by": "learner", "changes": 1}
    assert found[2][1]["redos"] == 1 and found[2][1]["undos"] == 1


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "touch"])
def test_the_on_screen_buttons_undo_and_redo_by_click_and_by_touch(undo_lesson, touch):
    p = undo_lesson
    open_lesson(p, touch)
    for _ in range(3):
        a = p.app.screen.activity
        for _ in range(20):
            if not a.watching:
                break
            p.wait(0.25)
        if a.phase in ("mistake", "change"):
            p.make_change(a, a.mistakes[0], touch)
        for _ in range(5):
            if a.done:
                break
            name = "redo" if a.phase == "redo" else "undo"
            p.click(a.center_of(a.layout()["buttons"][name]), touch=touch)
        assert a.done
        p.wait(1.3)
    assert p.screen == "results"
    for kind, details in rows(p):
        assert details["undo_by"] == "button" and details["recovered"] is True
        assert details["undos"] == 1 and details["redos"] == (1 if kind == "redo" else 0)
    inputs = {r[0] for r in p.app.store.db.execute("SELECT input FROM step_results")}
    assert inputs == {"touch" if touch else "mouse"}


def test_the_instruction_changes_with_the_phase_on_screen(undo_lesson):
    p = undo_lesson
    open_lesson(p)
    a = p.app.screen.activity
    p.make_change(a, a.mistakes[0])
    player = p.app.screen
    p.app.draw()
    assert a.phase_instruction(False).startswith("Maintenant, annulez")
    assert player.instruction_px >= 0.04 * p.app.size[1]
    p.click("back")
    assert p.screen == "dialog"  # the way back is still there during an undo step
    p.click("no")
    assert not a.done


def test_a_release_on_retour_while_dragging_a_card_is_not_lost(undo_lesson):
    p = undo_lesson
    open_lesson(p)
    p.play_step()
    p.wait(1.3)
    a = p.app.screen.activity
    start = a.center_of(a.card_rect(0))
    p.down(start)
    p.move(p.find("back"), held=True)
    p.up(p.find("back"))
    assert a.held is None and a.ws.place_of(0) == "Bureau" and p.screen == "player"


def test_the_workspace_asks_for_text_input_only_with_a_text(undo_lesson):
    p = undo_lesson
    open_lesson(p)
    assert p.app.screen.activity.wants_text()
    p.play_step()
    p.wait(1.3)
    assert not p.app.screen.activity.wants_text()


def test_mistake_describes_itself_in_french():
    assert Mistake("delete", "chat").describe() == "le mot «\u00a0chat\u00a0» a été effacé"
    assert Mistake("bin", "Photo", BIN).describe() == "«\u00a0Photo\u00a0» est dans la corbeille"


def test_pygame_keycodes_of_z_and_y_are_their_letters():
    assert (pygame.K_z, pygame.K_y) == (ord("z"), ord("y"))


def test_the_example_lesson_of_the_authoring_guide_is_valid_and_playable(tmp_path):
    import re
    import shutil

    from trainer import lesson
    from conftest import LESSONS

    guide = (LESSONS / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", guide, re.S) if "id: exemple-annuler" in b]
    assert len(blocks) == 1
    folder = tmp_path / "lessons"
    shutil.copytree(LESSONS / "images", folder / "images")
    path = folder / "exemple.yaml"
    path.write_text(blocks[0], encoding="utf-8")
    found, problems = lesson.load(path, folder)
    assert problems == [], problems
    assert [s.kind for s in found.steps] == ["undo", "undo", "redo"]
    p = Pilot.start(tmp_path / "data", lesson_dirs=[folder])
    p.click("guest")
    p.click("level:2")
    p.click(f"lesson:{found.id}")
    p.play_lesson()
    assert p.screen == "results"
    assert [d["recovered"] for _, d in rows(p)] == [True, True, True]
    p.app.close()


SIZES = [(1280, 720), (1280, 800), (1366, 768), (1920, 1080), (2560, 1440)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_undo_step_fits_the_screen_with_big_buttons_and_the_way_back(tmp_path, size):
    from trainer import lesson
    from conftest import LESSONS

    w, h = size
    path = LESSONS / "25-un-message-pour-lea.yaml"
    found, _ = lesson.load(path, LESSONS)
    p = Pilot.start(tmp_path / "data", size=size, lesson_dirs=[LESSONS])
    p.click("guest")
    p.click(f"level:{found.level}")
    p.click(f"lesson:{found.id}")
    seen = 0
    while p.screen == "player":
        player = p.app.screen
        a = player.activity
        if a.KIND in ("undo", "redo"):
            seen += 1
            p.wait(3.0)  # the program's change, if any, is over
            p.app.draw()
            assert player.instruction_px >= 0.04 * h
            back = pygame.Rect(player.back_button_rect())
            layout = a.layout()
            boxes = list(layout["buttons"].values()) + list(layout["places"].values()) + \
                [b for b in [layout["text"]] if b]
            for x, y, bw, bh in boxes:
                assert 0 <= x and x + bw <= w and y >= player.band.bottom and y + bh <= h, (size, (x, y, bw, bh))
                assert not back.colliderect(pygame.Rect(x, y, bw, bh))
            for x, y, bw, bh in layout["buttons"].values():
                assert bh >= 0.08 * h and bw >= 0.15 * h
            for i in range(len(a.ws.items)):
                x, y, bw, bh = a.card_rect(i)
                place = layout["places"][a.ws.place_of(i)]
                assert place[0] <= x and x + bw <= place[0] + place[2] and bh >= 0.08 * h
        p.play_step()
        p.wait(1.3)
    assert seen == 4 and p.screen == "results"
    p.app.close()


def test_a_thing_dropped_in_the_wrong_place_is_a_soft_miss_and_the_hint_shows_the_way():
    a = make("undo", places=[{"label": "Bureau"}, {"label": "Album"}],
             items=[{"label": "Mer"}, {"label": "Lettre"}], changes=[{"bin": "Mer"}, {"bin": "Lettre"}])
    bin_center = a.center_of(a.layout()["places"][BIN])
    album = a.center_of(a.layout()["places"]["Album"])
    for t, (item, where) in enumerate([(0, album), (0, bin_center), (1, album)], start=1):
        start = a.center_of(a.card_rect(item))
        a.feed(inp.PointerDown(start, inp.LEFT, False, t))
        a.feed(inp.PointerMove(where, False, t + 0.1, True))
        a.feed(inp.PointerUp(where, inp.LEFT, False, t + 0.2))
    assert a.misses == 2 and a.hint_visible and a.phase == "mistake"
    assert "corbeille" in a.hint_text
    assert [s.state for s in a.scene(5.0) if type(s).__name__ == "Box" and s.label == "Lettre"] == ["hint"]
    start = a.center_of(a.card_rect(1))
    a.feed(inp.PointerDown(start, inp.LEFT, False, 6))
    a.feed(inp.PointerUp(bin_center, inp.LEFT, False, 6.2))
    assert a.phase == "recover" and not a.done
    for t in (7, 8, 9, 10):
        a.feed(ctrl(ord("z"), t=t))
    assert a.done and a.ws.place_of(0) == "Bureau" and a.result().details.undos == 4


def test_the_letter_x11_types_after_super_z_is_not_typed():
    """Checked in a real X server with the French layout: Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y send
    no text, but the Windows (Super) key with Z sends KEYDOWN K_z (mod KMOD_LGUI) then a
    TEXTINPUT « z », in the same frame or the next."""
    a = make("undo", text="Le chat", changes=[{"delete": "chat"}])
    a.feed(inp.DoubleClick(a.word_center("chat"), False, 1.0))
    a.feed(inp.KeyDown(0, 0, 0, 1.1, "backspace"))
    a.feed(ctrl(ord("z"), meta=True, t=2.0))
    a.feed(inp.TextInput("z", 2.02))
    assert a.done and a.ws.text == "Le chat"


def test_the_normalizer_reads_cmd_as_meta_and_altgr_never_as_ctrl():
    norm = inp.InputNormalizer()

    def down(key, mod):
        return norm.feed(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, scancode=26), 1.0)[0]

    cmd = down(pygame.K_z, pygame.KMOD_LGUI)
    assert cmd.ctrl and cmd.meta and inp.edit_shortcut(cmd) == inp.UNDO
    assert inp.edit_shortcut(down(pygame.K_z, pygame.KMOD_LCTRL | pygame.KMOD_LSHIFT)) == inp.REDO
    assert inp.edit_shortcut(down(pygame.K_y, pygame.KMOD_RCTRL)) == inp.REDO
    altgr = down(pygame.K_z, pygame.KMOD_LCTRL | pygame.KMOD_RALT)  # Windows' AltGr
    assert not altgr.ctrl and inp.edit_shortcut(altgr) is None
    assert inp.edit_shortcut(down(pygame.K_z, 0)) is None
    assert inp.edit_shortcut(down(pygame.K_w, pygame.KMOD_LCTRL)) is None


def test_cmd_z_through_the_main_loop_with_the_text_x11_sends(undo_lesson):
    p = undo_lesson
    open_lesson(p)
    a = p.app.screen.activity
    p.make_change(a, a.mistakes[0])
    pg = p.pygame
    p.post(pg.KEYDOWN, key=pg.K_z, mod=pg.KMOD_LGUI, scancode=pg.KSCAN_W, unicode="z", repeat=False)
    p.frames(1)
    p.post(pg.TEXTINPUT, text="z")
    p.frames(1)
    assert a.done and a.ws.text == "Le chat noir dort"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

OPS = st.one_of(
    st.tuples(st.just("type"), st.text(alphabet="ab é", min_size=1, max_size=3)),
    st.tuples(st.just("key"), st.sampled_from(["backspace", "delete", "left", "right", "home", "end"]),
              st.booleans()),
    st.tuples(st.just("word"), st.integers(0, 30)),
    st.tuples(st.just("move"), st.integers(0, 1), st.sampled_from(["Bureau", "Album", BIN])),
    st.tuples(st.just("erase")),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(OPS, max_size=25))
def test_whatever_is_done_in_the_workspace_undo_gives_back_each_earlier_state(ops):
    ws = Workspace("Le chat dort", ["Mer", "Lettre"], ["Bureau", "Album"])
    seen = [ws.content]
    for op in ops:
        if op[0] == "type":
            ws.type(op[1])
        elif op[0] == "key":
            ws.key(op[1], op[2])
        elif op[0] == "word":
            ws.select_word(op[1])
        elif op[0] == "move":
            ws.move(op[1], op[2])
        else:
            ws.erase()
        assert ws.line.value == ws.text and 0 <= ws.line.caret <= len(ws.text)
        if ws.content != seen[-1]:
            seen.append(ws.content)
    for earlier in reversed(seen[:-1]):
        assert ws.undo() and ws.content == earlier
    assert not ws.undo()
    for later in seen[1:]:
        assert ws.redo() and ws.content == later
    assert ws.undos["keyboard"] == ws.redos["keyboard"] == len(seen) - 1


def test_the_lessons_hint_goes_with_the_lessons_instruction():
    ctx = Context(area=AREA, unit=720.0, now=0.0, rng=random.Random(1))
    own = "Le mot est parti : annulez."
    settings = defaults_of("undo")
    settings.update(text="Le chat", changes=[{"delete": "chat"}], made_by="program")
    a = activities.create("undo", settings, ctx, own, own)
    a.update(10.0)
    assert a.phase == "recover" and a.hint_text == own
    settings.update(made_by="learner")
    b = activities.create("undo", settings, ctx, "Choisissez le mot.", "Choisissez le mot.")
    assert b.hint_text == "Choisissez le mot."
    b.feed(inp.DoubleClick(b.word_center("chat"), False, 1.0))
    b.feed(inp.KeyDown(0, 0, 0, 1.1, "backspace"))
    assert b.phase == "recover" and "Ctrl" in b.hint_text


def test_a_word_erased_letter_by_letter_asks_for_several_undos():
    a = make("undo", text="Le chat noir", changes=[{"delete": "noir"}])
    for t in range(5):
        a.feed(inp.KeyDown(0, 0, 0, 1.0 + t, "backspace"))
    assert a.phase == "recover" and a.undos_needed() == 5
    assert a.phase_instruction(False).startswith("Maintenant, annulez tout")
    one = make("undo", text="Le chat noir", changes=[{"delete": "noir"}])
    for t in range(5):  # Maj + flèche gauche five times selects « noir » and its space
        one.feed(inp.KeyDown(0, 0, 0, 1.0 + t, "left", True))
    assert one.ws.line.selected() == " noir"
    one.feed(inp.KeyDown(0, 0, 0, 7.0, "delete"))
    assert one.phase == "recover" and one.undos_needed() == 1
    assert one.phase_instruction(False).startswith("Maintenant, annulez\u00a0:")
    for t in range(5):
        a.feed(ctrl(ord("z"), t=10.0 + t))
    assert a.done and a.result().details.undos == 5


def _empty_spot(a):
    """A point of the workspace on no button, no card and no text."""
    x, y, w, h = a.area
    for fy in (0.97, 0.9, 0.8, 0.6, 0.4):
        for fx in (0.03, 0.5, 0.97, 0.25, 0.75):
            pos = (x + w * fx, y + h * fy)
            if a._button_at(pos) is None and not a._on_text(pos) and \
                    not any(r and inside_rect(pos, r) for r in (a.card_rect(i) for i in range(len(a.ws.items)))):
                return pos
    raise AssertionError("no empty spot")


@pytest.mark.parametrize("touch", [False, True])
def test_gestures_that_do_nothing_in_the_workspace_are_said_kindly(undo_lesson, touch):
    """A slide where nothing can be dragged, a right click, a long press: nothing changes,
    nothing is counted as a miss, a kind sentence says what to do instead."""
    from trainer import i18n

    p = undo_lesson
    open_lesson(p, touch=touch)
    p.play_step(touch=touch)
    p.wait(1.3)
    a = p.app.screen.activity
    assert a.ws.items  # the step with the photos
    misses = a.misses
    x, y = _empty_spot(a)
    p.down((x, y), touch=touch)
    p.move((x + a.unit * 0.15, y - a.unit * 0.12), touch=touch, held=True)
    p.up((x + a.unit * 0.2, y - a.unit * 0.15), touch=touch)
    fr = i18n.french()
    assert a.note == fr.t(f"note.workspace.no_drag.{'touch' if touch else 'mouse'}") and a.misses == 0
    assert [a.ws.place_of(i) for i in range(len(a.ws.items))] == ["Bureau", "Bureau"]
    p.wait(5)  # the sentence goes
    assert a.note is None
    if touch:
        p.long_press((x, y))
        assert a.note == fr.t("note.workspace.long_press")
    else:
        p.right_click((x, y))
        assert a.note == fr.t("note.workspace.right_click.left")
    assert a.misses == misses == 0 and not a.done


def test_a_right_click_in_the_workspace_names_the_main_button_of_a_left_handed_mouse(tmp_path):
    from trainer import i18n

    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "21.yaml").write_text(LESSON, encoding="utf-8")
    with Pilot.start(tmp_path / "data", lesson_dirs=[folder]) as p:
        lea = p.app.store.add_learner("Léa")
        p.app.store.update_settings(lea.id, left_handed=True)
        p.app.nav.learners()
        p.frames(1)
        p.click("learner:Léa")
        p.click("level:2")
        p.click("lesson:essai-annuler")
        a = p.app.screen.activity
        p.click(_empty_spot(a), button=1)  # her right click: the physical left button
        assert a.note == i18n.french().t("note.workspace.right_click.right") and a.misses == 0
