"""The memo: A4 pages made from the lessons, checked as printed pages.

The PDF is rendered to images and read back (pypdfium2, the PDF engine of
Chrome): page size, type size of every character, nothing drawn in the
margins, the blue marks where a key or button is shown; and the keys drawn
are compared with the real keyboard layouts of X (trainer/xkb_layouts,
extracted from xkb-data), not with the program's own keyboard model.
"""
import subprocess
import sys
import time
import unicodedata
from datetime import date, datetime, timedelta

import pypdfium2 as pdfium
import pytest

from trainer import i18n, keyboards, lesson, resources, xkb
from trainer.activities.base import StepResult
from trainer.memo import KeyCombo, MouseGesture, day_sheets, keys_sheets, memo_sheets, skill_sheet
from trainer.memo.pdf import ACCENT, MARGIN, memo_bytes
from trainer.progress import ProgressStore

FR = i18n.translator("fr")
EN = i18n.translator("en")
A4_POINTS = (595.28, 841.89)
MM = 72 / 25.4  # points per mm


@pytest.fixture(scope="module")
def lessons():
    return [e.lesson for e in lesson.discover([resources.lessons_dir()]) if e.usable]


@pytest.fixture(scope="module")
def french_memo(lessons):
    sheets = memo_sheets(lessons, keyboards.layout("azerty"), FR)
    return sheets, pdfium.PdfDocument(memo_bytes(sheets, FR))


def page_text(page) -> str:
    return page.get_textpage().get_text_range()


def font_sizes(page) -> list[float]:
    textpage = page.get_textpage()
    return [pdfium.raw.FPDFText_GetFontSize(textpage.raw, i) for i in range(textpage.count_chars())
            if not page_text(page)[i:i + 1].isspace()]


def test_one_a4_page_per_sheet_with_its_title(french_memo, lessons):
    sheets, doc = french_memo
    assert len(sheets) == len(lessons) + 2  # the keys to know (two pages), then a page per lesson
    assert len(doc) == len(sheets)
    for i, sheet in enumerate(sheets):
        width, height = doc[i].get_size()
        assert (round(width, 1), round(height, 1)) == (round(A4_POINTS[0], 1), round(A4_POINTS[1], 1))
        text = " ".join(page_text(doc[i]).split())
        assert " ".join(sheet.title.split()) in text, (i, sheet.title)


def test_large_type_everywhere(french_memo):
    """Nothing under 16 pt, legends on the keys included; titles at least 28 pt."""
    _, doc = french_memo
    for i in range(len(doc)):
        sizes = font_sizes(doc[i])
        assert sizes and min(sizes) >= 16, (i, min(sizes))
        assert max(sizes) >= 28, i


def test_nothing_is_drawn_in_the_margins_and_keys_are_marked_in_blue(french_memo):
    sheets, doc = french_memo
    scale = 2.0  # 144 dpi
    edge = int((MARGIN - 2) * MM * scale)  # a little inside the margin: antialiasing
    for i, sheet in enumerate(sheets):
        image = doc[i].render(scale=scale).to_pil().convert("RGB")
        w, h = image.size
        pixels = image.load()
        for x in range(0, w, 3):
            for y in list(range(0, edge, 3)) + list(range(h - edge, h, 3)):
                assert pixels[x, y] == (255, 255, 255), (i, sheet.title, x, y)
        for y in range(0, h, 3):
            for x in list(range(0, edge, 3)) + list(range(w - edge, w, 3)):
                assert pixels[x, y] == (255, 255, 255), (i, sheet.title, x, y)
        marked = any(isinstance(d, MouseGesture) and d.button != "none" or
                     isinstance(d, KeyCombo) and any(c.name is None for press in d.presses for c in press)
                     for d in sheet.drawings)
        blue = sum(1 for x in range(0, w, 2) for y in range(0, h, 2)
                   if all(abs(a - b) <= 8 for a, b in zip(pixels[x, y], ACCENT)))
        if marked:
            assert blue > 200, (i, sheet.title, blue)


@pytest.mark.parametrize("name, real", [("azerty", "fr"), ("qwerty", "us"), ("qwertz", "de"), ("azerty-be", "be"),
                                        ("qwertz-ch", "ch-fr"), ("qwerty-ca", "ca"), ("azerty-afnor", "fr-afnor")])
def test_the_keys_drawn_are_the_keys_of_the_real_keyboard(lessons, name, real):
    """Every character drawn on a page: the same presses as X's own layout
    (xkb-data): the same physical keys, Shift and AltGr held the same way, and
    the legend marked on the key is what that key types at that level."""
    layout = keyboards.layout(name)
    world = xkb.layout(real)
    checked = 0
    for lesson_ in lessons:
        for drawing in skill_sheet(lesson_, layout, FR).drawings:
            if not isinstance(drawing, KeyCombo) or drawing.caption is None or len(drawing.presses[-1]) == 0:
                continue
            char = drawing.caption.strip("«» “”")
            if len(char) != 1:
                continue
            strokes = world.strokes(char)
            assert len(strokes) == len(drawing.presses), (name, char)
            after_dead = False
            for stroke, press in zip(strokes, drawing.presses):
                held = {c.key_id for c in press[:-1]}
                assert ("ShiftLeft" in held) == stroke.shift, (name, char)
                assert ("AltRight" in held) == stroke.altgr, (name, char)
                key = press[-1]
                assert key.key_id == keyboards.scancode_to_key_id(stroke.key.scancode), (name, char, key)
                if not stroke.dead:  # (after a dead key, X's text is the composed letter: « ê » from « e »)
                    typed = unicodedata.normalize("NFD", stroke.text)[0] if after_dead else stroke.text
                    marked = {"top": key.top, "bottom": key.bottom, "right": key.right}[key.wanted]
                    assert marked in (typed, typed.upper()), (name, char, key)
                after_dead = stroke.dead
            checked += 1
    assert checked >= 10, checked


def test_the_at_sign_on_azerty_is_altgr_and_the_key_0_a(lessons):
    email = next(x for x in lessons if x.id == "clavier-adresse-e-mail")
    sheet = skill_sheet(email, keyboards.layout("azerty"), FR)
    at = next(d for d in sheet.drawings if isinstance(d, KeyCombo) and d.caption == "« @ »")
    (held, key), = at.presses
    assert held.name == "AltGr"
    assert (key.top, key.bottom, key.right, key.wanted) == ("0", "à", "@", "right")
    doc = pdfium.PdfDocument(memo_bytes([sheet], FR))
    text = page_text(doc[0])
    for legend in ("AltGr", "@", "à", "0"):
        assert legend in text


def test_mouse_lessons_show_the_button_to_press(lessons):
    kinds = {x.id: skill_sheet(x, keyboards.layout("azerty"), FR).drawings for x in lessons}
    right = [d for d in kinds["souris-clic-droit"] if isinstance(d, MouseGesture)]
    assert right and right[0].button == "right"
    double = [d for d in kinds["souris-double-clic"] if isinstance(d, MouseGesture)]
    assert double and double[0].times == 2
    drag = [d for d in kinds["souris-glisser-deposer"] if isinstance(d, MouseGesture)]
    assert drag and drag[0].drag


def test_in_english_no_french_is_left(lessons):
    layout = keyboards.layout("qwerty", "en")
    sheets = keys_sheets(layout, EN) + [skill_sheet(x, layout, EN) for x in lessons[:3]]
    doc = pdfium.PdfDocument(memo_bytes(sheets, EN))
    text = " ".join(page_text(doc[i]) for i in range(len(doc)))
    for french in ("touche", "Gardez", "Appuyez", "niveau", "Entrée", "« "):
        assert french not in text, french
    assert "AltGr" not in page_text(doc[1])  # a US keyboard has no AltGr: its page does not speak of it


def _done(store, learner, lesson_, when: float) -> None:
    session = store.start_session(learner.id)
    attempt = store.start_attempt(session, learner.id, lesson_.id, lesson_.title, len(lesson_.steps))
    for index, step in enumerate(lesson_.steps):
        store.record_step(attempt, index, StepResult(kind=step.kind, duration=5.0, misses=0, hints=0,
                                                     target_size=None, input="mouse", successes=1))
    store.finish_attempt(attempt)
    store.end_session(session)


def test_what_i_learned_today_lists_the_lessons_done_that_day_only(tmp_path, lessons, monkeypatch):
    store = ProgressStore(tmp_path / "progres.sqlite3")
    marie = store.add_learner("Marie")
    today = date(2026, 12, 1)
    noon = time.mktime(datetime(2026, 12, 1, 14, 0).timetuple())
    by_id = {x.id: x for x in lessons}
    now = [noon - 86400]
    monkeypatch.setattr("trainer.progress.store.time.time", lambda: now[0])
    _done(store, marie, by_id["souris-double-clic"], noon - 86400)  # yesterday
    now[0] = noon
    _done(store, marie, by_id["souris-pointer-cliquer"], noon)
    _done(store, marie, by_id["clavier-majuscules"], noon)
    sheets = day_sheets(store, marie, today, lessons, keyboards.layout("azerty"), FR)
    personal = sheets[0]
    assert personal.title == "Ce que j'ai appris aujourd'hui"
    assert "Marie" in personal.lead and "1er décembre 2026" in personal.lead
    assert personal.reminders == [by_id["souris-pointer-cliquer"].learned, by_id["clavier-majuscules"].learned]
    assert [s.lesson_id for s in sheets[1:]] == ["souris-pointer-cliquer", "clavier-majuscules"]
    doc = pdfium.PdfDocument(memo_bytes(sheets, FR))
    assert len(doc) == 3
    assert "2 leçons terminées" in page_text(doc[0])
    nobody = day_sheets(store, marie, today - timedelta(days=5), lessons, keyboards.layout("azerty"), FR)
    assert len(nobody) == 1 and "prochaine fois" in nobody[0].reminders[0]
    store.close()


def test_trainer_memo_writes_a_pdf_and_never_replaces_one(tmp_path):
    run = [sys.executable, "-m", "trainer.cli", "--lang", "fr", "memo", "--lesson", "souris-double-clic"]
    first = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    second = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    files = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert files == ["memo-pas-a-pas-azerty-2.pdf", "memo-pas-a-pas-azerty.pdf"]
    assert len(pdfium.PdfDocument(tmp_path / files[1])) == 3
    assert "3 pages" in first.stdout
    wrong = subprocess.run([sys.executable, "-m", "trainer.cli", "--lang", "fr", "memo", "--keyboard", "bepo"],
                           cwd=tmp_path, capture_output=True, text=True)
    assert wrong.returncode == 1 and "bepo" in wrong.stderr
    missing = subprocess.run(run[:-1] + ["pas-une-lecon"], cwd=tmp_path, capture_output=True, text=True)
    assert missing.returncode == 1 and "pas-une-lecon" in missing.stderr


def test_for_a_tablet_the_pages_show_the_finger_and_the_touch_words(lessons):
    layout = keyboards.layout("azerty")
    by_id = {x.id: x for x in lessons}
    sheets = [skill_sheet(by_id[i], layout, FR, touch=True)
              for i in ("souris-double-clic", "souris-clic-droit", "souris-glisser-deposer")]
    gestures = [d for s in sheets for d in s.drawings if isinstance(d, MouseGesture)]
    assert all(g.touch for g in gestures) and [g.caption.split(" :")[0] for g in gestures] == \
        ["Toucher deux fois", "Appui long", "Glisser"]
    text = " ".join(page_text(page) for page in pdfium.PdfDocument(memo_bytes(sheets, FR)))
    assert "Gardez le doigt appuyé" in text  # the lessons' own touch instructions
    assert "souris" not in text.lower() and "cliquez" not in text.lower()
