"""Broken or malicious lesson files: always a French ``path:line: message``
pointing at the line to fix, never a Python traceback, never code run.

Every bad file is written into ``tmp_path`` by the test itself.  ``GOOD`` is a
valid lesson; most cases change one of its lines or add lines after it, so the
expected line numbers are the ones written next to ``GOOD``.
"""
import os
import re
import subprocess
import sys
import threading
import time
import tracemalloc

import pytest

from trainer import lesson
from trainer.lesson import MAX_BYTES
from trainer.pilot import Pilot

from conftest import ROOT

GOOD = """\
format: 1
id: essai
title: Essai
level: 1
intro: Une petite leçon pour essayer.
steps:
  - kind: click
    instruction: Cliquez sur le rond.
"""
# line:  1 format, 2 id, 3 title, 4 level, 5 intro, 6 steps, 7 "- kind", 8 instruction;
# GOOD + "    name: value\n" adds a setting to the step on line 9.


def good(**replace) -> str:
    """GOOD with whole lines replaced: good(title="title: [a, b]")."""
    lines = GOOD.splitlines(keepends=True)
    names = ["format", "id", "title", "level", "intro", "steps", "kind", "instruction"]
    for name, line in replace.items():
        lines[names.index(name)] = line + "\n" if line else ""
    return "".join(lines)


def step(kind: str, *settings: str) -> str:
    """GOOD with its step changed to ``kind`` and settings added from line 9."""
    return good(kind=f"  - kind: {kind}") + "".join(f"    {s}\n" for s in settings)


def bomb() -> str:
    """The "billion laughs": nine levels of nine aliases, 9**9 texts once expanded."""
    lines = ['a: &a ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n" + GOOD


def write(folder, name, content):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def assert_well_formed(path, problems):
    """Every problem is ``path:line: message`` with a line of the file and a French message."""
    assert problems
    try:
        size = path.stat().st_size
        lines = 1 if size > MAX_BYTES else max(1, path.read_bytes().count(b"\n") + 1)
    except OSError:
        lines = 1
    for problem in problems:
        text = str(problem)
        assert text == f"{path}:{problem.line}: {problem.message}"
        assert 1 <= problem.line <= lines, text
        assert "Traceback" not in text and "\n" not in text, text
        # French: a French word is there, and the message does not start with YAML's own English
        assert re.search(r"[éèàç«]| le | la | les | un | une | doit | pas ", problem.message), text
        assert not re.match(r"(expected|found|while|could not|mapping|did not)", problem.message), text


def assert_refused(path, root, line, *words):
    """load() refuses the file, and one problem is on ``line`` with all ``words``."""
    found, problems = lesson.load(path, root)
    assert found is None
    assert_well_formed(path, problems)
    at_line = [str(p) for p in problems if str(p).startswith(f"{path}:{line}: ")]
    assert at_line, f"nothing on line {line}: {[str(p) for p in problems]}"
    assert any(all(w.lower() in text.lower() for w in words) for text in at_line), (words, at_line)
    return problems


# (case id, file content, expected line, words the message must contain)
CASES = [
    # -- YAML syntax ----------------------------------------------------------
    ("unclosed-double-quote", good(title='title: "Essai'), 3, "guillemet"),
    ("unclosed-single-quote-last-line", GOOD + "    hint: 'Regardez bien\n", 9, "guillemet"),
    ("step-setting-badly-indented", GOOD + "   count: 3\n", 9, "décalage"),
    ("field-indented-under-another", good(title="  title: Essai"), 3, "décalage"),
    ("list-item-badly-indented", GOOD + "   - kind: click\n", 9, "décalage"),
    ("stray-colon-in-intro", good(intro="intro: Attention: voici la souris."), 5, "« : »", "guillemets"),
    ("stray-colon-in-instruction", good(instruction="    instruction: Cliquez ici: le rond bleu."), 8,
     "« : »", "guillemets"),
    ("unclosed-bracket-at-end", GOOD + "    positions: [[0.5, 0.5], [0.2, 0.3]\n", 9, "crochet"),
    ("unclosed-bracket-then-more", step("click", "positions: [0.5, 0.5", "count: 3"), 9, "crochet"),
    ("missing-comma-in-list", step("click", "positions: [[0.5, 0.5] [0.2, 0.3]]"), 9, "virgule"),
    ("unclosed-brace", step("drag", "to: {x: 1", "count: 3"), 9, "accolade"),
    ("missing-colon", good(level="level 1"), 4, "« : »"),
    ("text-after-closing-quote", good(instruction='    instruction: "Cliquez" sur le rond.'), 8, "guillemet"),
    ("backslash-in-double-quotes", GOOD + '    label: "C:\\mes images"\n', 9, "barre"),
    ("text-starting-with-at", GOOD + "    label: @maison\n", 9, "guillemets"),
    ("text-starting-with-pipe", GOOD + "    label: | ici\n", 9, "guillemets"),
    ("text-starting-with-comma", GOOD + "    label: , ici\n", 9, "guillemets"),
    ("tab-before-a-field", good(instruction="\tinstruction: Cliquez sur le rond."), 8, "tabulation"),
    ("tab-before-a-list-item", good(kind="\t- kind: click"), 7, "tabulation"),
    ("empty-file", "", 1, "vide"),
    ("only-blank-lines", "\n   \n\n", 1, "vide"),
    ("only-comments", "# Ma leçon\n# à écrire plus tard\n", 1, "vide"),
    ("a-list-not-fields", "- format: 1\n- id: essai\n", 1, "format: 1"),
    ("a-single-text", "Bonjour tout le monde\n", 1, "format: 1"),
    ("two-documents", GOOD + "---\n" + GOOD, 9, "plusieurs documents"),
    ("trailing-document-separator", GOOD + "---\n", 9, "plusieurs documents"),
    ("starts-with-separator-then-two", "---\n" + GOOD + "---\nid: autre\n", 10, "plusieurs documents"),
    ("field-written-twice", GOOD.replace("level: 1\n", "level: 1\nlevel: 2\n"), 5, "deux fois"),
    # -- encodings and junk ---------------------------------------------------
    ("latin-1-accents", good(intro="intro: Déjà prêt ? Très bien.").encode("latin-1"), 5, "UTF-8"),
    ("windows-1252-quote", good(title="title: L’essai").encode("cp1252"), 3, "UTF-8"),
    ("utf-16", GOOD.encode("utf-16"), 1, "binaires"),
    ("binary-junk-with-nul", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", 1, "binaires"),
    ("control-character", good(title="title: Es\x07sai"), 3, "invisible"),
    ("c1-control-character", good(intro="intro: Bonjour\x85\x9d."), 5, "invisible"),
    # -- malicious YAML -------------------------------------------------------
    ("billion-laughs", bomb(), 1, "alias"),
    ("anchor-and-alias", good(title="title: &t Essai") + "    hint: *t\n", 3, "alias"),
    ("alias-without-anchor", GOOD + "    hint: *important\n", 9, "alias", "guillemets"),
    ("merge-key", GOOD + "    <<: {count: 3}\n", 9, "<<"),
    ("merge-key-with-alias", "reglages: &r {count: 3}\n" + GOOD + "    <<: *r\n", 1, "alias"),
    ("python-object-apply", good(title='title: !!python/object/apply:os.system ["echo non"]'), 3, "étiquette"),
    ("python-name", good(title="title: !!python/name:os.system"), 3, "étiquette"),
    ("python-object-new", good(title="title: !!python/object/new:os.system {}"), 3, "étiquette"),
    ("python-module", good(title="title: !!python/module:os"), 3, "étiquette"),
    ("binary-tag", good(title="title: !!binary aGVsbG8="), 3, "étiquette"),
    ("set-tag", good(title="title: !!set {a, b}"), 3, "étiquette"),
    ("local-tag", good(title="title: !important Essai"), 3, "étiquette", "guillemets"),
    ("timestamp-as-title", good(title="title: 2024-01-01"), 3, "2024-01-01", "guillemets"),
    ("impossible-date", good(title="title: 2024-13-45"), 3, "guillemets"),
    ("int-tag-on-a-word", good(level="level: !!int deux"), 4, "deux", "non permise"),
    ("float-tag-on-a-word", good(level="level: !!float un"), 4, "non permise"),
    ("bool-tag-on-a-word", good(level="level: !!bool peut-être"), 4, "non permise"),
    ("number-of-5000-digits", good(level="level: " + "9" * 5000), 4, "non permise"),
    ("deeply-nested-brackets", "format: " + "[" * 5000 + "]" * 5000 + "\n", 1, "imbriqué"),
    ("never-closed-brackets", "[" * 100_000, 1, "imbriqué"),
    ("deeply-nested-lists", "".join(" " * i + "-\n" for i in range(500)), 31, "imbriqué"),
    ("too-many-values", "format: [" + "1, " * 30_000 + "]\n", 1, "trop grand"),
    ("list-as-field-name", GOOD + "    ? [a, b]\n    : 3\n", 9, "nom d'un champ"),
    # -- wrong types ----------------------------------------------------------
    ("title-as-a-list", good(title="title: [Essai, Souris]"), 3, "« title »", "texte", "liste"),
    ("title-empty", good(title="title:"), 3, "« title »", "texte"),
    ("level-as-a-word", good(level="level: deux"), 4, "« level »", "nombre entier", "deux"),
    ("level-as-true", good(level="level: true"), 4, "« level »", "nombre entier", "true"),
    ("level-as-decimal", good(level="level: 1.5"), 4, "« level »", "nombre entier"),
    ("count-as-decimal", GOOD + "    count: 2.5\n", 9, "« count »", "nombre entier"),
    ("size-as-a-word", GOOD + "    size: grand\n", 9, "« size »", "nombre", "grand"),
    ("size-not-a-number", GOOD + "    size: .nan\n", 9, "« size »", "nombre"),
    ("positions-as-text", GOOD + "    positions: au milieu\n", 9, "« positions »", "liste"),
    ("position-as-a-pair-of-words", GOOD + "    positions: [[gauche, haut]]\n", 9, "nombre"),
    ("instruction-as-a-number", good(instruction="    instruction: 42"), 8, "« instruction »", "texte"),
    ("kind-as-a-list", good(kind="  - kind: [click]"), 7, "inconnu"),
    ("a-step-that-is-text", GOOD + "  - Cliquez sur le rond.\n", 9, "« steps »"),
    ("steps-as-fields", good(kind="  kind: click", instruction="  instruction: Cliquez."), 6, "« steps »",
     "liste"),
    ("id-as-a-number", good(id="id: 12"), 2, "« id »", "texte"),
    # -- out of range ---------------------------------------------------------
    ("level-0", good(level="level: 0"), 4, "« level »", "entre 1 et 5"),
    ("level-9", good(level="level: 9"), 4, "« level »", "entre 1 et 5"),
    ("size-5", GOOD + "    size: 5\n", 9, "« size »", "entre"),
    ("negative-count", GOOD + "    count: -2\n", 9, "« count »", "entre"),
    ("huge-count", GOOD + "    count: 100000000000000000000\n", 9, "« count »", "entre"),
    ("1000-steps", GOOD + "  - kind: click\n    instruction: Encore.\n" * 999, 6, "« steps »", "40 au plus"),
    ("no-step", good(kind="", instruction="").replace("steps:", "steps: []"), 6, "« steps »", "au moins"),
    ("title-too-long", good(title="title: " + "Très long titre " * 6), 3, "« title »", "trop long"),
    ("instruction-too-long", good(instruction="    instruction: " + "Cliquez " * 40), 8, "trop long"),
    # -- missing fields -------------------------------------------------------
    ("no-format", good(format=""), 1, "obligatoire", "« format »"),
    ("no-id", good(id=""), 1, "obligatoire", "« id »"),
    ("no-title", good(title=""), 1, "obligatoire", "« title »"),
    ("no-level", good(level=""), 1, "obligatoire", "« level »"),
    ("no-intro", good(intro=""), 1, "obligatoire", "« intro »"),
    ("no-steps", good(steps="", kind="", instruction=""), 1, "obligatoire", "« steps »"),
    ("step-without-kind", good(kind="", instruction="  - instruction: Cliquez."), 7, "obligatoire",
     "« kind »"),
    ("step-without-instruction", good(instruction="    count: 2"), 7, "obligatoire", "« instruction »"),
    ("scroll-without-find", step("scroll"), 7, "obligatoire", "« find »"),
    # -- unknown names, bad values ---------------------------------------------
    ("misspelt-instruction", good(instruction="    instrution: Cliquez sur le rond."), 8, "inconnu",
     "Vouliez-vous dire « instruction » ?"),
    ("misspelt-lesson-field", good(title="titre: Essai"), 3, "inconnu", "Vouliez-vous dire « title » ?"),
    ("misspelt-kind", step("clik"), 7, "inconnu", "Vouliez-vous dire « click » ?"),
    ("field-of-another-kind", GOOD + "    find: Kiwi\n", 9, "inconnu"),
    ("id-with-space-and-accent", good(id="id: Ma leçon"), 2, "« id »", "minuscules"),
    ("format-2", good(format="format: 2"), 1, "« format »", "1"),
    ("format-as-text", good(format="format: un"), 1, "« format »"),
    # -- rules beyond the schema ---------------------------------------------
    ("min-size-above-size", GOOD + "    size: 0.1\n    min_size: 0.2\n", 10, "min_size", "size"),
    ("drag-min-size-above-size", step("drag", "size: 0.1", "min_size: 0.3"), 10, "min_size"),
    ("choose-not-in-menu", step("right_click", "menu: [Ouvrir, Copier]", "choose: Coller"), 10,
     "Coller", "menu"),
    ("choose-without-menu", step("right_click", "choose: Copier"), 9, "« choose »", "« menu »"),
    ("find-also-in-items", step("scroll", "find: Kiwi", "items: [Pomme, Kiwi, Poire]"), 10, "Kiwi",
     "à la fois"),
    # -- the undo and redo steps ------------------------------------------------
    ("undo-without-changes", step("undo", "text: Le chat dort"), 7, "obligatoire", "« changes »"),
    ("undo-word-not-in-the-text", step("undo", "text: Le chat dort", "changes: [{delete: chien}]"), 10,
     "le mot « chien » n'est pas (ou plus) dans le texte « Le chat dort »"),
    ("undo-delete-without-text", step("undo", "changes: [{delete: chat}]"), 9, "« delete: chat »",
     "« text »"),
    ("undo-bin-an-unknown-thing", step("undo", "places: [{label: Bureau}]", "items: [{label: Photo}]",
                                       "changes: [{bin: Lettre}]"), 11,
     "« Lettre » n'est le nom d'aucune des choses (« items » : Photo)"),
    ("undo-move-without-to", step("undo", "places: [{label: A}, {label: B}]", "items: [{label: Photo}]",
                                  "changes: [{move: Photo}]"), 11, "« move »", "« to: »"),
    ("undo-two-things-in-one-change", step("undo", "text: Le chat", "changes: [{delete: chat, bin: Photo}]"),
     10, "une seule chose"),
    ("undo-items-without-places", step("undo", "items: [{label: Photo}]", "changes: [{bin: Photo}]"), 9,
     "« items »", "« places »"),
    ("undo-thing-in-an-unknown-place", step("undo", "places: [{label: Bureau}]",
                                            "items: [{label: Photo, place: Salon}]", "changes: [{bin: Photo}]"),
     10, "« Salon » n'est le nom d'aucune des « places » (Bureau)"),
    ("undo-two-things-with-one-name", step("undo", "places: [{label: Bureau}]",
                                           "items: [{label: Photo}, {label: Photo}]", "changes: [{bin: Photo}]"),
     10, "même nom"),
    ("undo-made-by-misspelt", step("undo", "text: Le chat", "changes: [{delete: chat}]", "made_by: programme"),
     11, "« made_by »", "Vouliez-vous dire « program » ?"),
    ("undo-misspelt-change", step("undo", "text: Le chat", "changes: [{effacer: chat}]"), 10, "inconnu",
     "effacer"),
    ("undo-message-without-the-program", step("undo", "text: Le chat", "changes: [{delete: chat}]",
                                              "message: Oh non"), 11, "« message »", "made_by: program"),
    ("undo-instruction-when-the-program-does-it", step("undo", "text: Le chat", "changes: [{delete: chat}]",
                                                       "made_by: program", "undo_instruction: Annulez."), 12,
     "« undo_instruction »", "made_by: learner"),
    ("redo-of-two-changes", step("redo", "text: Le chat noir", "changes: [{delete: chat}, {delete: noir}]"), 10,
     "« changes »", "1 au plus"),
    ("undo-text-too-long", step("undo", "text: " + "Le chat dort. " * 5, "changes: [{delete: chat}]"), 9,
     "« text »", "60 au plus"),
    ("undo-thing-already-there", step("undo", "places: [{label: A}, {label: B}]", "items: [{label: Photo}]",
                                      "changes: [{move: Photo, to: A}]"), 11, "« Photo » est déjà dans « A »"),
    ("undo-thing-image-missing", step("undo", "places:", "  - label: Bureau", "items:", "  - label: Photo",
                                      "    image: images/absente.png", "changes: [{bin: Photo}]"), 13,
     "images/absente.png", "introuvable"),
    ("undo-thing-image-outside", step("undo", "places: [{label: Bureau}]",
                                      "items: [{label: Photo, image: ../photo.png}]", "changes: [{bin: Photo}]"),
     10, "doit rester dans le dossier des leçons"),
]


@pytest.mark.parametrize("name, content, line, words", [(c[0], c[1], c[2], c[3:]) for c in CASES],
                         ids=[c[0] for c in CASES])
def test_a_broken_lesson_is_explained_on_its_line(tmp_path, name, content, line, words):
    root = tmp_path / "lessons"
    path = write(root, f"{name}.yaml", content)
    assert_refused(path, root, line, *words)


def test_the_good_lesson_and_its_variants_are_accepted(tmp_path):
    """The reference file is valid, so each case above fails only for its own reason."""
    variants = {
        "plain": GOOD,
        "bom": b"\xef\xbb\xbf" + GOOD.encode("utf-8"),
        "bom-and-windows-line-ends": b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8"),
        "comments-and-quotes": "# Une leçon\n" + good(title='title: "Essai : premier"',
                                                      intro="intro: 'Bonjour : bienvenue.'"),
        "explicit-document": "---\n" + GOOD + "...\n",
        "str-tag": good(title="title: !!str 2024"),
        "every-rule-kept": step("right_click", "size: 0.2", "min_size: 0.2", "menu: [Ouvrir, Copier]",
                                "choose: Copier"),
        "scroll": step("scroll", "find: Kiwi", "items: [Pomme, Poire]"),
    }
    for name, content in variants.items():
        path = write(tmp_path, f"{name}.yaml", content)
        found, problems = lesson.load(path, tmp_path)
        assert problems == [], (name, [str(p) for p in problems])
        assert found.id == "essai" and found.title in ("Essai", "Essai : premier", "2024")


def test_a_utf8_bom_is_accepted(tmp_path):
    path = write(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    found, problems = lesson.load(path, tmp_path)
    assert problems == []
    assert found.title == "Essai" and found.id_line == 2


def test_no_python_tag_ever_runs_code(tmp_path):
    marker = tmp_path / "pirate"
    attempts = [
        f'!!python/object/apply:os.system ["touch {marker}"]\n',
        good(title=f'title: !!python/object/apply:os.system ["touch {marker}"]'),
        good(title=f"title: !!python/object/apply:subprocess.call [[touch, '{marker}']]"),
        f"!!python/object/new:subprocess.Popen [[touch, '{marker}']]\n",
    ]
    for i, content in enumerate(attempts):
        path = write(tmp_path, f"tag{i}.yaml", content)
        found, problems = lesson.load(path, tmp_path)
        assert found is None
        assert_well_formed(path, problems)
        assert "étiquette" in problems[0].message
    assert not marker.exists()


def test_an_alias_bomb_is_refused_at_once(tmp_path):
    path = write(tmp_path, "bomb.yaml", bomb())
    start = time.perf_counter()
    tracemalloc.start()
    try:
        found, problems = lesson.load(path, tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found is None and "alias" in problems[0].message
    assert time.perf_counter() - start < 2
    assert peak < 5 * 1024 * 1024


# -- size limit ------------------------------------------------------------------

def test_a_lesson_of_exactly_the_size_limit_is_accepted(tmp_path):
    padding = MAX_BYTES - len(GOOD.encode("utf-8"))
    path = write(tmp_path, "long.yaml", GOOD + ("#" * 99 + "\n") * (padding // 100) + "#" * (padding % 100))
    assert path.stat().st_size == MAX_BYTES
    found, problems = lesson.load(path, tmp_path)
    assert problems == [] and found.id == "essai"


def test_a_lesson_one_byte_over_the_limit_is_refused(tmp_path):
    padding = MAX_BYTES + 1 - len(GOOD.encode("utf-8"))
    path = write(tmp_path, "long.yaml", GOOD + "#" * padding)
    assert path.stat().st_size == MAX_BYTES + 1
    assert_refused(path, tmp_path, 1, "trop gros", f"{MAX_BYTES // 1024} Ko")


def test_a_huge_file_is_refused_quickly_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "enorme.yaml"
    with open(path, "wb") as f:
        f.write(GOOD.encode("utf-8"))
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB that take no room on the disk
    reads = []

    class Spy:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def read(self, size=-1):
            reads.append(size)
            return self.f.read(size)

    real_open_regular = lesson.open_regular

    def spying_open(file):
        return Spy(real_open_regular(file))

    monkeypatch.setattr(lesson, "open_regular", spying_open)  # (how lesson.load opens a file)
    start = time.perf_counter()
    tracemalloc.start()
    try:
        found, problems = lesson.load(path, tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found is None
    assert_well_formed(path, problems)
    assert problems[0].line == 1 and "trop gros" in problems[0].message
    assert reads and all(0 <= size <= MAX_BYTES + 1 for size in reads)
    assert peak < 4 * MAX_BYTES
    assert time.perf_counter() - start < 2


# -- images ----------------------------------------------------------------------

def png(path, size=(8, 8)):
    import pygame

    path.parent.mkdir(parents=True, exist_ok=True)
    surface = pygame.Surface(size)
    surface.fill((40, 90, 200))
    pygame.image.save(surface, str(path))
    return path


@pytest.fixture
def image_root(tmp_path):
    """lessons/ with a good image, and an image just outside it."""
    root = tmp_path / "lessons"
    png(root / "images" / "rond.png")
    png(tmp_path / "dehors.png")
    (root / "images" / "outil.exe").write_bytes(b"MZ\x90\x00")
    return root


@pytest.mark.parametrize("value, words", [
    ("../dehors.png", ["dossier"]),
    ("images/../../dehors.png", ["dossier"]),
    ("'/etc/passwd'", ["dossier", "images/pomme.png"]),
    ("/etc/passwd", ["dossier"]),
    ("~/dehors.png", ["dossier"]),
    ("'C:\\dehors.png'", ["dossier"]),
    ("'C:/Users/anne/dehors.png'", ["dossier"]),
    ("'\\\\serveur\\partage\\dehors.png'", ["dossier"]),
    ("images/absente.png", ["introuvable"]),
    ("images/outil.exe", [".png"]),
    ("images", [".png"]),
])
def test_an_image_must_stay_inside_the_lessons_folder(image_root, value, words):
    path = write(image_root, "image.yaml", GOOD + f"    image: {value}\n")
    assert_refused(path, image_root, 9, "image", *words)


def test_an_image_of_a_drag_step_is_checked_on_its_own_line(image_root):
    path = write(image_root, "drag.yaml", step("drag", "item_image: images/rond.png", "zone_image: ../dehors.png"))
    problems = assert_refused(path, image_root, 10, "dossier")
    assert [p.line for p in problems] == [10]


def test_a_symbolic_link_to_an_image_outside_is_refused(image_root, tmp_path):
    (image_root / "images" / "lien.png").symlink_to(tmp_path / "dehors.png")
    path = write(image_root, "lien.yaml", GOOD + "    image: images/lien.png\n")
    assert_refused(path, image_root, 9, "dossier")


def test_an_image_too_big_is_refused(image_root):
    with open(image_root / "images" / "immense.png", "wb") as f:
        f.truncate(lesson.MAX_IMAGE_BYTES + 1)
    path = write(image_root, "immense.yaml", GOOD + "    image: images/immense.png\n")
    assert_refused(path, image_root, 9, "trop grosse")


def test_a_good_image_is_accepted_from_a_sub_folder(image_root):
    path = write(image_root / "niveau-1", "image.yaml", GOOD + "    image: ../images/rond.png\n")
    found, problems = lesson.load(path, image_root)
    assert problems == []
    assert found.steps[0].settings["image"] == str((image_root / "images" / "rond.png").resolve())


def test_the_image_folder_is_the_lessons_folder_given(image_root):
    """The same file is refused when the lessons folder is its own sub-folder."""
    path = write(image_root / "niveau-1", "image.yaml", GOOD + "    image: ../images/rond.png\n")
    assert_refused(path, image_root / "niveau-1", 9, "dossier")


# -- the lesson files themselves ---------------------------------------------------

def test_a_lesson_file_that_links_outside_the_folder_is_refused(tmp_path):
    root = tmp_path / "lessons"
    outside = write(tmp_path / "ailleurs", "vraie.yaml", GOOD)
    root.mkdir()
    link = root / "lien.yaml"
    link.symlink_to(outside)
    assert_refused(link, root, 1, "hors du dossier")
    entries = lesson.discover([root])
    assert [(e.path, e.usable) for e in entries] == [(link, False)]
    assert entries[0].reason.startswith(f"{link}:1: ")


def test_a_broken_link_a_folder_and_a_named_pipe_are_explained(tmp_path):
    root = tmp_path / "lessons"
    root.mkdir()
    broken = root / "casse.yaml"
    broken.symlink_to(root / "absente.yaml")
    assert_refused(broken, root, 1, "introuvable")
    folder = root / "dossier.yaml"
    folder.mkdir()
    assert_refused(folder, root, 1, "pas un fichier ordinaire")
    if hasattr(os, "mkfifo"):
        pipe = root / "tuyau.yaml"
        os.mkfifo(pipe)
        result = []
        reader = threading.Thread(target=lambda: result.append(lesson.load(pipe, root)), daemon=True)
        reader.start()
        reader.join(5)
        assert result, "reading a named pipe must not wait forever"
        found, problems = result[0]
        assert found is None and "pas un fichier ordinaire" in problems[0].message


def test_an_unreadable_file_is_explained(tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    path = write(tmp_path, "secret.yaml", GOOD)
    monkeypatch.setattr(lesson, "open_regular", refused)  # as chmod 0 would, even for root
    assert_refused(path, tmp_path, 1, "droits")


def test_a_second_lesson_with_the_same_id_is_refused_naming_the_first(tmp_path):
    root = tmp_path / "lessons"
    first = write(root, "01-essai.yaml", GOOD)
    second = write(root, "02-copie.yaml", "# copie\n" + good(title="title: Copie"))
    entries = {e.path: e for e in lesson.discover([root])}
    assert entries[first].usable and entries[first].lesson.title == "Essai"
    assert not entries[second].usable
    (problem,) = entries[second].problems
    assert str(problem).startswith(f"{second}:3: ")  # the line of « id »
    assert "« essai »" in problem.message and str(first) in problem.message
    assert_well_formed(second, [problem])


# -- the real command ------------------------------------------------------------

def validate(*paths):
    return subprocess.run([sys.executable, "-m", "trainer", "validate", *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture
def bad_folder(tmp_path, image_root):
    """Lessons: one good one and a representative set of broken ones (with sub-folders)."""
    write(image_root, "00-bonne.yaml", GOOD)
    for name in ["unclosed-double-quote", "stray-colon-in-intro", "tab-before-a-field", "empty-file",
                 "two-documents", "latin-1-accents", "binary-junk-with-nul", "billion-laughs",
                 "python-object-apply", "merge-key", "level-as-a-word", "misspelt-instruction",
                 "misspelt-kind", "no-intro", "id-with-space-and-accent", "choose-not-in-menu",
                 "deeply-nested-brackets", "impossible-date"]:
        content = next(c[1] for c in CASES if c[0] == name)
        write(image_root / "cassées", f"{name}.yaml", content)
    write(image_root, "image-dehors.yaml", good(id="id: image-dehors") + "    image: ../dehors.png\n")
    write(image_root, "doublon.yaml", GOOD)
    write(image_root, "trop-gros.yaml", GOOD + "#" * MAX_BYTES)
    (image_root / "lien.yaml").symlink_to(write(tmp_path, "ailleurs.yaml", good(id="id: ailleurs")))
    return image_root


def test_trainer_validate_lists_every_problem_of_a_folder(bad_folder):
    run = validate(bad_folder)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout and "Traceback" not in run.stderr
    assert run.stderr == ""
    printed = run.stdout.splitlines()
    entries = lesson.discover([bad_folder])
    bad = [e for e in entries if not e.usable]
    assert len(bad) == len(entries) - 1 == 22
    for entry in bad:
        assert_well_formed(entry.path, entry.problems)
        for problem in entry.problems:
            assert str(problem) in printed
    count = sum(len(e.problems) for e in bad)
    assert printed[-1] == f"{count} problèmes : 22 fichiers sur 23 à corriger."
    # every printed problem is « path:line: message » with a path of the folder
    for text in printed[:-1]:
        assert re.match(rf"{re.escape(str(bad_folder))}/\S+\.yaml:\d+: \S", text), text
    expected = {
        "cassées/unclosed-double-quote.yaml:3:", "cassées/tab-before-a-field.yaml:8:",
        "cassées/latin-1-accents.yaml:5:", "cassées/misspelt-instruction.yaml:8:",
        "cassées/choose-not-in-menu.yaml:10:", "cassées/two-documents.yaml:9:",
        "image-dehors.yaml:9:", "lien.yaml:1:", "trop-gros.yaml:1:", "doublon.yaml:2:",
    }
    for start in expected:
        assert any(text.startswith(f"{bad_folder}/{start} ") for text in printed), start


def test_trainer_validate_accepts_a_good_lesson(tmp_path, image_root):
    path = write(image_root, "bonne.yaml", GOOD + "    image: images/rond.png\n")
    for target in (path, image_root):
        run = validate(target)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "aucun problème" in run.stdout and "Traceback" not in run.stderr


def test_trainer_validate_on_a_missing_path(tmp_path):
    missing = tmp_path / "nulle-part"
    run = validate(missing)
    assert run.returncode != 0
    assert f"{missing}:1: ce fichier ou ce dossier n'existe pas" in run.stdout.splitlines()
    assert "Traceback" not in run.stdout + run.stderr


def test_trainer_validate_on_a_folder_without_lessons(tmp_path):
    run = validate(tmp_path)
    assert run.returncode == 1
    assert "Aucun fichier de leçon" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


# -- the program itself ------------------------------------------------------------

def test_the_program_plays_the_good_lesson_and_explains_the_broken_ones(tmp_path):
    folder = tmp_path / "lessons"
    write(folder, "bonne.yaml", good(level="level: 2", title="title: Essai de clic"))
    write(folder, "tabulation.yaml", good(instruction="\tinstruction: Cliquez sur le rond."))
    write(folder, "bombe.yaml", bomb())
    write(folder, "latin1.yaml", good(id="id: autre", intro="intro: Déjà là.").encode("latin-1"))
    p = Pilot.start(tmp_path / "data", lesson_dirs=[folder])
    try:
        p.click("guest")
        assert p.screen == "lessons"
        assert "level:2" in p.ids() and "À corriger (3)" in p.labels()
        assert "lesson:essai" in p.ids()  # the good lesson is on its level's tab
        p.click("level:broken")
        assert {"broken:tabulation.yaml", "broken:bombe.yaml", "broken:latin1.yaml"} <= set(p.ids())
        assert "lesson:essai" not in p.ids()
        reasons = {
            "tabulation.yaml": (8, "tabulation"),
            "bombe.yaml": (1, "alias"),
            "latin1.yaml": (5, "UTF-8"),
        }
        for name, (line, word) in reasons.items():
            p.click(f"broken:{name}")
            assert p.screen == "dialog"
            detail = p.app.dialog.detail
            assert detail.startswith(f"{folder / name}:{line}: ") and word in detail, detail
            assert "Traceback" not in detail
            p.click("ok")
            assert p.screen == "lessons"
        p.click("level:2")
        p.click("lesson:essai")
        assert p.screen == "player"
        assert p.app.screen.lesson.id == "essai"
        p.play_lesson()
        assert p.screen == "results"
    finally:
        p.app.close()
