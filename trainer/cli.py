"""The command line: ``trainer`` starts the program; ``trainer validate``
checks lesson files; ``trainer schema`` writes the lesson JSON Schema;
``trainer home`` sets a loaned device's « mode maison »."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
        if w < 320 or h < 240:
            raise ValueError
        return (w, h)
    except ValueError:
        raise argparse.ArgumentTypeError("taille attendue comme 1280x720") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="trainer", description="Pas à pas : apprendre la souris, l'écran tactile "
                                                            "et le clavier, une petite étape à la fois.")
    sub = p.add_subparsers(dest="command")
    run = sub.add_parser("run", help="ouvrir le programme (ce que fait « trainer » tout seul)")
    for parser in (p, run):
        parser.add_argument("--windowed", action="store_true", help="dans une fenêtre plutôt qu'en plein écran")
        parser.add_argument("--size", type=_size, help="taille de la fenêtre, par exemple 1280x800")
        parser.add_argument("--data", type=Path, help="dossier des progrès (par exemple une clé USB)")
        parser.add_argument("--lessons", type=Path, action="append", default=[],
                            help="un dossier de leçons en plus de celles fournies (peut être répété)")
        parser.add_argument("--keyboard", choices=["azerty", "qwerty", "qwertz"], default="azerty",
                            help="le clavier dessiné dans les leçons de clavier (par défaut : azerty)")
    val = sub.add_parser("validate", help="vérifier des fichiers de leçons")
    val.add_argument("paths", nargs="*", type=Path, help="fichiers ou dossiers (par défaut : les leçons fournies)")
    home = sub.add_parser("home", help="mode maison : l'appareil prêté s'ouvre directement sur une personne")
    who = home.add_mutually_exclusive_group(required=True)
    who.add_argument("name", nargs="?", help="le prénom de la personne à qui l'appareil est prêté")
    who.add_argument("--off", action="store_true", help="revenir au choix de la personne au démarrage")
    home.add_argument("--data", type=Path, help="dossier des progrès")
    sch = sub.add_parser("schema", help="écrire le schéma JSON du format des leçons")
    sch.add_argument("--out", type=Path, help="fichier à écrire (par défaut : la sortie standard)")
    pin = sub.add_parser("pin", help="le code du mode animatrice")
    pin.add_argument("--reset", action="store_true",
                     help="oublier le code (un nouveau sera demandé à la prochaine ouverture du mode animatrice)")
    pin.add_argument("--data", type=Path, help="dossier des progrès, si ce n'est pas celui par défaut")
    return p


def pin_command(args) -> int:
    from . import pin
    from .progress import DB_NAME, ProgressStore, default_data_dir

    folder = args.data or default_data_dir()
    if not (folder / DB_NAME).exists():
        print(f"Aucun fichier de progrès dans {folder} : il n'y a pas de code à oublier.")
        return 1
    store = ProgressStore(folder / DB_NAME)
    try:
        if not args.reset:
            words = {"set": "un code est demandé", "none": "pas de code",
                     "unset": "pas encore choisi"}[pin.state(store)]
            print(f"Mode animatrice : {words}. Pour l'oublier : trainer pin --reset")
            return 0
        if store.warning or not pin.reset(store):
            print(store.warning or "Le code n'a pas pu être oublié.")
            return 1
        print("Le code est oublié : un nouveau sera demandé à la prochaine ouverture du mode animatrice.")
        return 0
    finally:
        store.close()


def validate(paths) -> int:
    from . import lesson, resources

    paths = list(paths) or [resources.lessons_dir()]
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        print(f"{p}:1: ce fichier ou ce dossier n'existe pas")
    entries = lesson.discover([p for p in paths if p.exists()])
    bad = [e for e in entries if not e.usable]
    for entry in entries:
        for problem in entry.problems:
            print(problem)
    count = sum(len(e.problems) for e in bad)
    if not entries and not missing:
        print("Aucun fichier de leçon (.yaml) trouvé.")
        return 1
    if bad:
        print(f"{count} problème{'s' if count > 1 else ''} : "
              f"{len(bad)} fichier{'s' if len(bad) > 1 else ''} sur {len(entries)} à corriger.")
    if bad or missing:
        return 1
    print(f"{len(entries)} leçon{'s' if len(entries) > 1 else ''} vérifiée{'s' if len(entries) > 1 else ''} : "
          "aucun problème.")
    return 0


def schema(out: Path | None) -> int:
    from .lesson.schema import lesson_schema

    text = json.dumps(lesson_schema(), ensure_ascii=False, indent=2) + "\n"
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def home(name: str | None, off: bool, data: Path | None) -> int:
    from .progress import DB_NAME, ProgressStore, default_data_dir

    store = ProgressStore((data or default_data_dir()) / DB_NAME)
    try:
        if off:
            store.set_device_setting("home_learner", None)
            print("Mode maison arrêté : l'appareil demandera qui s'entraîne.")
        else:
            learner = store.find_learner(name)
            if learner is None:
                names = ", ".join(l.name for l in store.learners()) or "aucune pour l'instant"
                print(f"Personne ne s'appelle « {name} » sur cet appareil. Personnes enregistrées : {names}.")
                return 1
            store.set_device_setting("home_learner", store.learner_uid(learner.id))
            print(f"Mode maison : l'appareil s'ouvrira directement sur les leçons de {learner.name}.")
        if store.warning:
            print(store.warning)
            return 1
        return 0
    finally:
        store.close()


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "home":
        return home(args.name, args.off, args.data)
    if args.command == "validate":
        return validate(args.paths)
    if args.command == "schema":
        return schema(args.out)
    if args.command == "pin":
        return pin_command(args)
    from . import resources
    from .app import App

    app = App(data_dir=args.data, lesson_dirs=[resources.lessons_dir(), *args.lessons],
              windowed=args.windowed, size=args.size, keyboard_layout=args.keyboard)
    return app.run()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
