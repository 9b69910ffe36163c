"""The command line: ``trainer`` starts the program; ``trainer validate``
checks lesson files; ``trainer schema`` writes the lesson JSON Schema;
``trainer home`` sets a loaned device's « mode maison »; ``trainer export``,
``trainer import`` and ``trainer report`` work on the progress with no display
(they never import pygame)."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
        if w < 320 or h < 240:
            raise ValueError
        return (w, h)
    except ValueError:
        raise argparse.ArgumentTypeError("taille attendue comme 1280x720") from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("date attendue comme 2026-11-26 (année-mois-jour)") from None


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
    exp = sub.add_parser("export", help="exporter les progrès d'une personne ou de toutes (JSON ou CSV)")
    who = exp.add_mutually_exclusive_group(required=True)
    who.add_argument("--learner", action="append", metavar="PRÉNOM",
                     help="la personne à exporter (peut être répété)")
    who.add_argument("--all", action="store_true", help="toutes les personnes (sans Invité)")
    exp.add_argument("--guest", action="store_true", help="ajouter aussi les séances de la tuile Invité")
    exp.add_argument("--format", choices=["json", "csv"], default="json",
                     help="json : tout, pour « trainer import » sur un autre appareil (par défaut) ; "
                          "csv : une ligne par étape, pour un tableur")
    exp.add_argument("--out", type=Path, metavar="FICHIER",
                     help="fichier à écrire (par défaut : pas-a-pas-progres-DATE.json dans le dossier courant)")
    exp.add_argument("--data", type=Path, metavar="DOSSIER",
                     help="dossier des progrès (par défaut : celui du programme)")
    imp = sub.add_parser("import", help="ajouter les progrès d'un fichier exporté (sans rien compter deux fois)")
    imp.add_argument("file", type=Path, metavar="FICHIER", help="le fichier .json écrit par « trainer export »")
    imp.add_argument("--data", type=Path, metavar="DOSSIER",
                     help="dossier des progrès (par défaut : celui du programme)")
    rep = sub.add_parser("report", help="le rapport des ateliers : heures, personnes, séances, leçons, progrès")
    rep.add_argument("--since", type=_day, metavar="AAAA-MM-JJ", help="à partir de ce jour (compris)")
    rep.add_argument("--until", type=_day, metavar="AAAA-MM-JJ", help="jusqu'à ce jour (compris)")
    rep.add_argument("--format", choices=["md", "csv"], default="md",
                     help="md : un texte à lire ou à envoyer (par défaut) ; csv : un tableau pour un tableur")
    rep.add_argument("--out", type=Path, metavar="FICHIER",
                     help="fichier à écrire (par défaut : la sortie standard)")
    rep.add_argument("--anonymous", action="store_true",
                     help="remplacer les prénoms par « Personne 1 », « Personne 2 »…")
    rep.add_argument("--data", type=Path, metavar="DOSSIER",
                     help="dossier des progrès (par défaut : celui du programme)")
    rep.add_argument("--lessons", type=Path, action="append", default=[], metavar="DOSSIER",
                     help="un dossier de leçons en plus de celles fournies, pour leur niveau (peut être répété)")
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


def _open_store(data: Path | None, must_exist: bool):
    """The progress store of ``data`` (or the program's own), or None after
    a French message on stderr."""
    from .progress import DB_NAME, ProgressStore, default_data_dir

    folder = data if data is not None else default_data_dir()
    path = folder / DB_NAME
    if must_exist and not path.exists():
        print(f"Aucun progrès enregistré dans {folder} (le fichier {DB_NAME} n'y est pas).", file=sys.stderr)
        return None
    store = ProgressStore(path)
    if store.notice:
        print(store.notice, file=sys.stderr)
    if store.warning:
        reason = store.warning[store.warning.find("(") + 1:store.warning.rfind(")")]
        print(f"Le fichier des progrès {path} ne peut pas être ouvert : {reason}.", file=sys.stderr)
        store.close()
        return None
    return store


def _free_name(path: Path) -> Path:
    """``path``, or ``name-2.ext``… when a file of that name is there already."""
    n = 1
    candidate = path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def export(args) -> int:
    from . import exchange
    from .progress import GUEST_NAME

    store = _open_store(args.data, must_exist=True)
    if store is None:
        return 1
    try:
        learner_ids = None
        single = None
        if args.learner:
            known = store.learners()
            learner_ids = []
            for wanted in args.learner:
                match = [l for l in known if exchange._fold(l.name) == exchange._fold(wanted)]
                if not match:
                    names = ", ".join(l.name for l in known)
                    guest = (" Pour la tuile « Invité », ajoutez --guest."
                             if exchange._fold(wanted) == exchange._fold(GUEST_NAME) else "")
                    print(f"Personne ne s'appelle « {wanted} » sur cet appareil. "
                          + (f"Les prénoms enregistrés : {names}." if names else
                             "Aucune personne n'y est encore enregistrée.") + guest, file=sys.stderr)
                    return 1
                learner_ids.append(match[0].id)
            if len(learner_ids) == 1:
                single = match[0].name
        elif args.guest:
            learner_ids = [l.id for l in store.learners()]
        if args.guest:
            learner_ids += store.guest_ids()
        elif not store.learners() and not args.guest:
            print("Aucune personne n'est encore enregistrée sur cet appareil : rien à exporter.", file=sys.stderr)
            return 1
        out = args.out or _free_name(Path.cwd() / exchange.default_file_name(args.format, single))
        try:
            summary = exchange.export_progress(store, out, learner_ids, fmt=args.format)
        except exchange.ExchangeError as exc:
            print(exc.message, file=sys.stderr)
            return 1
        print(summary.message)
        return 0
    finally:
        store.close()


def import_(args) -> int:
    from . import exchange

    store = _open_store(args.data, must_exist=False)
    if store is None:
        return 1
    try:
        try:
            summary = exchange.import_progress(store, args.file)
        except exchange.ExchangeError as exc:
            print(exc.message, file=sys.stderr)
            return 1
        for line in summary.lines():
            print(line)
        return 0
    finally:
        store.close()


def report(args) -> int:
    from . import lesson, report as reports, resources

    if args.since and args.until and args.since > args.until:
        print("La date de début (--since) vient après la date de fin (--until).", file=sys.stderr)
        return 1
    store = _open_store(args.data, must_exist=True)
    if store is None:
        return 1
    try:
        folders = [resources.lessons_dir(), *[d for d in args.lessons if d.exists()]]
        for missing in (d for d in args.lessons if not d.exists()):
            print(f"Le dossier de leçons {missing} n'existe pas : ses leçons comptent dans « autre ».",
                  file=sys.stderr)
        data = reports.workshop_report(store, lesson.discover(folders), since=args.since, until=args.until,
                                       anonymous=args.anonymous)
        text = reports.to_markdown(data) if args.format == "md" else reports.to_csv(data)
        if args.out:
            from .exchange import ExchangeError, write_atomically

            try:
                write_atomically(args.out, text.encode("utf-8"))
            except ExchangeError as exc:
                print(exc.message, file=sys.stderr)
                return 1
            print(f"Rapport écrit dans {args.out}.")
        else:
            sys.stdout.write(text.lstrip("\ufeff"))
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
    if args.command == "export":
        return export(args)
    if args.command == "import":
        return import_(args)
    if args.command == "report":
        return report(args)
    if args.command == "pin":
        return pin_command(args)
    from . import resources
    from .app import App

    app = App(data_dir=args.data, lesson_dirs=[resources.lessons_dir(), *args.lessons],
              windowed=args.windowed, size=args.size, keyboard_layout=args.keyboard)
    return app.run()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
