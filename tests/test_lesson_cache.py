"""The lessons cache (trainer.lesson.cache): the same entries as reading every
file, and never a stale or dangerous one."""
import json

from trainer import lesson
from trainer.lesson.cache import CACHE_NAME, discover_cached
from trainer.pilot import Pilot

from conftest import LESSONS, SECOND


def test_the_cache_gives_exactly_what_reading_the_files_gives(tmp_path):
    cache = tmp_path / CACHE_NAME
    first = discover_cached([LESSONS], cache)
    assert first == lesson.discover([LESSONS]) and len(first) >= 20
    assert cache.exists()
    again = discover_cached([LESSONS], cache)
    assert again == first
    assert all(a.lesson.steps == b.lesson.steps for a, b in zip(again, first) if a.usable)


def test_a_changed_lesson_added_file_or_removed_image_is_read_again(tmp_path, lessons):
    cache = tmp_path / CACHE_NAME
    before = discover_cached([lessons], cache)
    assert [e.lesson.title for e in before] == ["Essai souris", "Essai double"]
    path = lessons / "02-double.yaml"
    path.write_text(SECOND.replace("Essai double", "Essai deux"), encoding="utf-8")  # same size, same instant
    assert [e.lesson.title for e in discover_cached([lessons], cache)] == ["Essai souris", "Essai deux"]
    (lessons / "03-casse.yaml").write_text("format: 1\nid: x\n", encoding="utf-8")
    entries = discover_cached([lessons], cache)
    assert len(entries) == 3 and not entries[2].usable and entries[2].problems
    assert discover_cached([lessons], cache) == entries  # broken files and their messages are cached too
    (lessons / "images").mkdir()
    picture = next((LESSONS / "images").glob("*.png"))
    (lessons / "images" / "pomme.png").write_bytes(picture.read_bytes())
    path.write_text(SECOND.replace("kind: double_click", "kind: click\n    image: images/pomme.png"),
                    encoding="utf-8")
    assert discover_cached([lessons], cache)[1].usable
    (lessons / "images" / "pomme.png").unlink()
    entries = discover_cached([lessons], cache)
    assert not entries[1].usable and "introuvable" in entries[1].reason
    assert entries == lesson.discover([lessons])


def test_a_damaged_or_foreign_cache_is_ignored(tmp_path, lessons):
    cache = tmp_path / CACHE_NAME
    for content in ["{", "[]", '{"fingerprint": 3}', json.dumps({"fingerprint": "x", "entries": "y"}), "\x00"]:
        cache.write_text(content, encoding="utf-8")
        assert discover_cached([lessons], cache) == lesson.discover([lessons])
    # a cache with the right fingerprint but odd content cannot crash the program either
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["entries"] = [{"path": "x"}]
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert discover_cached([lessons], cache) == lesson.discover([lessons])


def test_the_program_uses_the_cache_from_its_second_start(tmp_path, lessons, monkeypatch):
    p = Pilot.start(tmp_path / "data", lesson_dirs=[lessons])
    p.click("guest")
    p.app.close()
    assert (tmp_path / "data" / CACHE_NAME).exists()
    calls = []
    real = lesson.load
    monkeypatch.setattr(lesson, "load", lambda *a, **k: calls.append(a) or real(*a, **k))
    p = Pilot.start(tmp_path / "data", lesson_dirs=[lessons])
    p.click("guest")
    p.click("lesson:essai-souris")
    assert p.screen == "player" and calls == []
    p.app.close()


def test_the_path_of_the_workshops_comes_from_the_cache_and_follows_its_file(tmp_path):
    from trainer.lesson.cache import discover_with_path
    from trainer.path import PATH_FILE, load_path

    import shutil

    folder = tmp_path / "lecons"
    shutil.copytree(LESSONS, folder)
    cache = tmp_path / CACHE_NAME
    entries, workshops = discover_with_path([folder], cache)
    truth = load_path(folder / PATH_FILE, [e.lesson for e in lesson.discover([folder]) if e.usable])[0]
    assert workshops is not None and workshops == truth and len(workshops) == 10
    assert "path" in json.loads(cache.read_text(encoding="utf-8"))  # kept with the lessons
    assert discover_with_path([folder], cache) == (entries, truth)  # read back the same
    changed = (folder / PATH_FILE).read_text(encoding="utf-8").replace("Tenir la souris", "Prendre la souris", 1)
    (folder / PATH_FILE).write_text(changed, encoding="utf-8")
    again = discover_with_path([folder], cache)[1]
    assert again != truth and again == load_path(folder / PATH_FILE, [e.lesson for e in entries if e.usable])[0]
    (folder / PATH_FILE).unlink()
    assert discover_with_path([folder], cache)[1] is None


def test_a_start_from_the_cache_reads_the_path_without_importing_yaml(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from trainer.lesson.cache import discover_with_path;"
            f"e, w = discover_with_path([Path({str(LESSONS)!r})], Path({str(tmp_path / CACHE_NAME)!r}));"
            "print(len(w), 'yaml' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert first == ["10", "True"]  # read from the files the first time
    assert second == ["10", "False"]  # from the cache: no YAML at all
