"""Lesson folders that cannot hurt: names that are not UTF-8, named pipes,
empty, cut, fake and immense images.  Each is refused with its reason (in
« À corriger », by ``trainer validate``) and nothing stops the menu."""
import os
import struct
import sys
import threading
import zlib

import pygame
import pytest

from trainer import cli, lesson
from trainer.lesson import images
from trainer.lesson.cache import CACHE_NAME, discover_cached
from trainer.lesson.files import printable
from trainer.pilot import Pilot

from conftest import LESSON, LESSONS

POSIX = sys.platform != "win32"
WINDOWS_NAME = b"photo-\xe9t\xe9.png"  # « photo-été.png » in cp1252, as a Windows zip leaves it on Linux


def png_bytes(size=(8, 8)) -> bytes:
    surface = pygame.Surface(size)
    surface.fill((200, 60, 40))
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"pas-a-pas-test-{os.getpid()}.png")
    pygame.image.save(surface, path)
    try:
        with open(path, "rb") as f:
            return f.read()
    finally:
        os.unlink(path)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def immense_png(width=20000, height=20000) -> bytes:
    """A real, valid PNG of width x height black points (1 bit each), a few
    hundred KB once compressed: what « 2 GB to draw » looks like on disk."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")


def lesson_with_image(name: str, lesson_id: str = "essai-image") -> str:
    return LESSON.replace("id: essai-souris", f"id: {lesson_id}").replace(
        "    count: 2\n", f"    count: 2\n    image: images/{name}\n", 1)


def in_thread(fn, seconds=20):
    """Run ``fn``; fail (instead of hanging the suite) if it waits forever."""
    out = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as exc:  # noqa: BLE001
            out["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "reading the folder froze"
    if "error" in out:
        raise out["error"]
    return out["value"]


@pytest.fixture
def hostile(tmp_path):
    """A lessons folder with every kind of bad file a workshop meets."""
    folder = tmp_path / "lecons"
    (folder / "images").mkdir(parents=True)
    good = png_bytes()
    (folder / "images" / "bon.png").write_bytes(good)
    (folder / "bon.yaml").write_text(lesson_with_image("bon.png", "essai-bon"), encoding="utf-8")
    # an image and a lesson whose names are not UTF-8 (unzipped from a Windows archive)
    with open(os.path.join(os.fsencode(folder / "images"), WINDOWS_NAME), "wb") as f:
        f.write(good)
    with open(os.path.join(os.fsencode(folder), b"le\xe7on-\xe9t\xe9.yaml"), "wb") as f:
        # its lesson names the picture as its author wrote it: « photo-été.png », in UTF-8
        f.write(lesson_with_image("photo-été.png", "essai-windows").encode("utf-8"))
    (folder / "images" / "vide.png").write_bytes(b"")
    (folder / "images" / "coupee.png").write_bytes(good[:len(good) // 2])
    (folder / "images" / "texte.png").write_text("ceci n'est pas une image", encoding="utf-8")
    (folder / "images" / "immense.png").write_bytes(immense_png())
    for name in ("vide", "coupee", "texte", "immense"):
        (folder / f"{name}.yaml").write_text(lesson_with_image(f"{name}.png", f"essai-{name}"), encoding="utf-8")
    if POSIX:
        os.mkfifo(folder / "tuyau.yaml")
        os.mkfifo(folder / "images" / "tuyau.png")
        (folder / "tuyau-image.yaml").write_text(lesson_with_image("tuyau.png", "essai-tuyau"), encoding="utf-8")
    return folder


def by_name(entries):
    return {printable(e.path.name): e for e in entries}


def test_the_immense_png_is_small_on_disk_and_refused_from_its_header(tmp_path):
    data = immense_png()
    assert len(data) < 400 * 1024  # a small file...
    assert images.header_size(data) == (20000, 20000)  # ...announcing 400 million points
    path = tmp_path / "immense.png"
    path.write_bytes(data)
    message = images.problem(path, "immense.png")
    assert message is not None and "trop grande" in str(message) and "20000 × 20000" in str(message)
    assert images.decode(path) is None


def test_a_good_png_and_jpeg_are_measured_as_pygame_decodes_them(tmp_path):
    surface = pygame.Surface((37, 23))
    surface.fill((10, 200, 30))
    for name in ("a.png", "a.jpg"):
        pygame.image.save(surface, str(tmp_path / name))
        data = (tmp_path / name).read_bytes()
        assert images.header_size(data) == (37, 23) == pygame.image.load(str(tmp_path / name)).get_size()
        assert images.problem(tmp_path / name) is None
        assert images.decode(tmp_path / name).get_size() == (37, 23)


def test_every_bad_file_is_refused_with_its_reason_and_the_good_ones_load(hostile, tmp_path):
    entries = in_thread(lambda: lesson.discover([hostile]))
    found = by_name(entries)
    assert found["bon.yaml"].usable
    assert found["leçon-été.yaml"].usable  # its name was cp1252: shown as it was meant
    picture = found["leçon-été.yaml"].lesson.steps[0].settings["image"]
    assert os.fsencode(picture).endswith(WINDOWS_NAME)  # and its picture found under its cp1252 name
    assert images.decode(picture).get_size() == (8, 8)
    reasons = {name: e.reason for name, e in found.items() if not e.usable}
    assert "n'est pas une image" in reasons["vide.yaml"]
    assert "n'est pas une image" in reasons["texte.yaml"]
    assert "abîmée ou coupée" in reasons["coupee.yaml"]
    assert "trop grande" in reasons["immense.yaml"]
    if POSIX:
        assert "pas un fichier ordinaire" in reasons["tuyau.yaml"]
        assert "pas un fichier d'image ordinaire" in reasons["tuyau-image.yaml"]
    for reason in reasons.values():
        reason.encode("utf-8")  # printable, drawable, storable


def test_the_cache_takes_any_name_and_gives_back_the_same_entries(hostile, tmp_path):
    cache = tmp_path / CACHE_NAME
    first = in_thread(lambda: discover_cached([hostile], cache))
    assert cache.exists()  # the strange names did not stop it from being written
    second = in_thread(lambda: discover_cached([hostile], cache))
    assert second == first == in_thread(lambda: lesson.discover([hostile]))
    assert {os.fsencode(e.path.name) for e in second} >= {b"le\xe7on-\xe9t\xe9.yaml"}


def test_validate_checks_images_for_real_and_exits_non_zero(hostile, capsys):
    code = in_thread(lambda: cli.validate([hostile]))
    out = capsys.readouterr().out
    assert code != 0
    assert "trop grande" in out and "abîmée ou coupée" in out and "n'est pas une image" in out
    assert "leçon-été.yaml" not in out  # a good lesson, whatever its name: nothing to say about it


def test_validate_accepts_the_bundled_lessons_with_their_images():
    assert cli.validate([LESSONS]) == 0


@pytest.mark.skipif(not POSIX, reason="named pipes and non-UTF-8 names are POSIX things")
def test_the_menu_opens_on_a_hostile_folder_and_shows_what_to_fix(hostile, tmp_path):
    if True:  # (in the main thread: pygame's display lives there)
        with Pilot.start(tmp_path / "data", lesson_dirs=[hostile]) as p:
            p.click("guest")
            assert p.screen == "lessons"
            assert "lesson:essai-bon" in p.ids() and "lesson:essai-windows" in p.ids()
            p.click("level:broken")
            broken = [i for i in p.ids() if i.startswith("broken:")]
            assert sorted(broken) == sorted(f"broken:{n}.yaml" for n in
                                            ("vide", "coupee", "texte", "immense", "tuyau", "tuyau-image"))
            p.app.screen.draw(p.app.surface, p.app.theme)  # the names and reasons can be drawn
            p.click("back")
            p.click("guest")  # and again, now from the cache
            assert p.screen == "lessons" and "lesson:essai-windows" in p.ids()
            p.click("lesson:essai-bon")
            assert p.screen == "player"
            p.play_lesson()


def test_an_image_made_immense_after_the_check_is_not_drawn(tmp_path):
    """The file changed between the menu and the drawing: the drawing reads
    the header again and draws no picture rather than 2 GB of one."""
    from trainer.ui import scene_view

    path = tmp_path / "change.png"
    path.write_bytes(png_bytes())
    assert scene_view._image(str(path), 50, 50) is not None
    scene_view.clear()
    path.write_bytes(immense_png())
    assert scene_view._image(str(path), 50, 50) is None
