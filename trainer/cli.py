"""The command line: ``trainer`` starts the program; ``trainer validate``
checks lesson files; ``trainer schema`` writes the lesson JSON Schema;
``trainer home`` sets a loaned device's « mode maison »; ``trainer export``,
``trainer import`` and ``trainer report`` work on the progress with no display
(they never import pygame).

Language: the commands speak the system's language (``LANGUAGE``,
``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as every command line program does),
French when it is neither French nor English; ``--lang fr`` or ``--lang en``
chooses (before or after the command's name).  The program itself opens in
the language chosen in the facilitator mode (a device setting, French by
default); ``trainer --lang en`` opens it in English this time only."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from . import i18n, resources
from .i18n import Message
from .progress import DB_NAME, GUEST_NAME, ProgressStore, default_data_dir, failure_reason, reason_of

# Each command imports the rest of what it uses when it runs: starting the
# program loads neither the export nor the report (nor the lesson reader, the
# path or the code's checks, which the program reads after its first frame),
# and the commands that work without a display (export, import, report)
# never import pygame.


def _french():
    return i18n.french()


_CONTROLS = {c: None for c in range(32) if c not in (9, 10)} | {127: None} | \
    {c: None for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def safe(text) -> str:
    """A text for the terminal: no escape sequence, bell or direction change
    (a name in a file could hold one)."""
    return str(text).translate(_CONTROLS)


def language_of(argv) -> str:
    """The language of a command: ``--lang``, else the system's (``LANGUAGE``,
    ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else French."""
    argv = list(argv)
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return i18n.known(argv[i + 1])
        if arg.startswith("--lang="):
            return i18n.known(arg.split("=", 1)[1])
    return i18n.system_language()


def _parser(tr) -> argparse.ArgumentParser:
    t = tr.t
    languages = list(i18n.LANGUAGES)

    def _size(text: str) -> tuple[int, int]:
        try:
            w, h = (int(v) for v in text.lower().split("x"))
            if w < 320 or h < 240:
                raise ValueError
            return (w, h)
        except ValueError:
            raise argparse.ArgumentTypeError(t("cli.error.size")) from None

    def _day(text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("cli.error.date")) from None

    p = argparse.ArgumentParser(prog="trainer", description=t("cli.description"))
    p.add_argument("--lang", choices=languages, help=t("cli.opt.lang"))
    sub = p.add_subparsers(dest="command")

    def command(name, help_id):
        parser = sub.add_parser(name, help=t(help_id))
        parser.add_argument("--lang", choices=languages, default=argparse.SUPPRESS, help=t("cli.opt.lang"))
        return parser

    file, folder = t("cli.metavar.file"), t("cli.metavar.folder")
    run = command("run", "cli.run")
    for parser in (p, run):
        parser.add_argument("--windowed", action="store_true", help=t("cli.opt.windowed"))
        parser.add_argument("--size", type=_size, help=t("cli.opt.size"))
        parser.add_argument("--data", type=Path, help=t("cli.opt.data_run"))
        parser.add_argument("--lessons", type=Path, action="append", default=[], help=t("cli.opt.lessons"))
        parser.add_argument("--keyboard", choices=["azerty", "azerty-be", "qwertz-ch", "qwerty-ca", "azerty-afnor",
                                                   "qwerty", "qwertz"], default=None,
                            help=t("cli.opt.keyboard"))
    val = command("validate", "cli.validate")
    val.add_argument("paths", nargs="*", type=Path, help=t("cli.opt.paths"))
    home = command("home", "cli.home")
    who = home.add_mutually_exclusive_group(required=True)
    who.add_argument("name", nargs="?", help=t("cli.opt.home_name"))
    who.add_argument("--off", action="store_true", help=t("cli.opt.home_off"))
    home.add_argument("--data", type=Path, help=t("cli.opt.data"))
    dev = command("device", "cli.device")
    dev.add_argument("--name", metavar=t("cli.metavar.device_name"), help=t("cli.opt.device_name"))
    dev.add_argument("--data", type=Path, help=t("cli.opt.data"))
    sch = command("schema", "cli.schema")
    sch.add_argument("--out", type=Path, help=t("cli.opt.out_stdout"))
    exp = command("export", "cli.export")
    who = exp.add_mutually_exclusive_group(required=True)
    who.add_argument("--learner", action="append", metavar=t("cli.metavar.first_name"), help=t("cli.opt.learner"))
    who.add_argument("--all", action="store_true", help=t("cli.opt.all"))
    exp.add_argument("--guest", action="store_true", help=t("cli.opt.guest"))
    exp.add_argument("--format", choices=["json", "csv"], default="json", help=t("cli.opt.export_format"))
    exp.add_argument("--out", type=Path, metavar=file, help=t("cli.opt.export_out"))
    exp.add_argument("--data", type=Path, metavar=folder, help=t("cli.opt.data_default"))
    imp = command("import", "cli.import")
    imp.add_argument("file", type=Path, metavar=file, help=t("cli.opt.import_file"))
    imp.add_argument("--same-person", action="append", default=[], metavar=t("cli.metavar.first_name"),
                     help=t("cli.opt.same_person"))
    imp.add_argument("--keep-outside", action="store_true", help=t("cli.opt.keep_outside"))
    imp.add_argument("--data", type=Path, metavar=folder, help=t("cli.opt.data_default"))
    rep = command("report", "cli.report")
    rep.add_argument("--since", type=_day, metavar=t("cli.metavar.day"), help=t("cli.opt.since"))
    rep.add_argument("--until", type=_day, metavar=t("cli.metavar.day"), help=t("cli.opt.until"))
    rep.add_argument("--format", choices=["md", "csv"], default="md", help=t("cli.opt.report_format"))
    rep.add_argument("--out", type=Path, metavar=file, help=t("cli.opt.out_stdout"))
    rep.add_argument("--anonymous", action="store_true", help=t("cli.opt.anonymous"))
    rep.add_argument("--data", type=Path, metavar=folder, help=t("cli.opt.data_default"))
    rep.add_argument("--lessons", type=Path, action="append", default=[], metavar=folder,
                     help=t("cli.opt.report_lessons"))
    memo = command("memo", "cli.memo")
    memo.add_argument("--out", type=Path, metavar=file, help=t("cli.opt.memo_out"))
    memo.add_argument("--keyboard", default="azerty", help=t("cli.opt.memo_keyboard"))
    memo.add_argument("--lesson", action="append", default=[], metavar="ID", help=t("cli.opt.memo_lesson"))
    memo.add_argument("--touch", action="store_true", help=t("cli.opt.memo_touch"))
    memo.add_argument("--learner", metavar=t("cli.metavar.first_name"), help=t("cli.opt.memo_learner"))
    memo.add_argument("--day", type=_day, metavar=t("cli.metavar.day"), help=t("cli.opt.memo_day"))
    memo.add_argument("--data", type=Path, metavar=folder, help=t("cli.opt.data_default"))
    memo.add_argument("--lessons", type=Path, action="append", default=[], metavar=folder,
                      help=t("cli.opt.report_lessons"))
    pin = command("pin", "cli.pin")
    what = pin.add_mutually_exclusive_group()
    what.add_argument("--reset", action="store_true", help=t("cli.opt.pin_reset"))
    what.add_argument("--set", action="store_true", help=t("cli.opt.pin_set"))
    pin.add_argument("--data", type=Path, help=t("cli.opt.pin_data"))
    return p


def pin_command(args, tr=None) -> int:
    from . import pin  # (when the command runs: see the top)

    t = (tr or _french()).t
    folder = args.data or default_data_dir()
    if not (folder / DB_NAME).exists() and not args.set:
        print(t("cli.pin.no_file", folder=folder))
        return 1
    store = ProgressStore(folder / DB_NAME)
    try:
        if _damaged(store, tr) or _unusable(store, tr):
            return 1
        if args.set:
            return _set_pin(store, tr)
        if not args.reset:
            print(t("cli.pin.state", state=t(f"cli.pin.state.{pin.state(store)}")))
            return 0
        if store.warning or not pin.reset(store):
            print((tr or _french()).text(store.warning) or t("cli.pin.not_reset"))
            return 1
        print(t("cli.pin.reset"))
        return 0
    finally:
        store.close()


def _set_pin(store, tr=None) -> int:
    """``trainer pin --set``: four digits, typed twice without being shown."""
    import getpass  # (only for this command)

    from . import pin  # (the same)

    t = (tr or _french()).t
    try:
        first = getpass.getpass(t("cli.pin.ask"))
        second = getpass.getpass(t("cli.pin.ask_again"))
    except (EOFError, KeyboardInterrupt):
        first, second = "", None
    if first != second or len(first) != pin.LENGTH or not (first.isdigit() and first.isascii()):
        print(t("cli.pin.bad"))
        return 1
    if not pin.set_pin(store, first):
        print((tr or _french()).text(store.warning) or t("cli.pin.not_reset"))
        return 1
    print(t("cli.pin.set"))
    return 0


def validate(paths, tr=None) -> int:
    from . import lesson  # (when the command runs: see the top)
    from . import path as path_of_workshops  # (the same)
    from .activities.keyboard_common import typing_warnings  # (every step kind: only for this command)
    from .key_words import recipe_warnings  # (the same)

    tr = tr or _french()
    paths = list(paths) or [resources.lessons_dir()]
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        print(tr.t("cli.validate.missing", path=p))
    entries = lesson.discover([p for p in paths if p.exists()])
    bad = [e for e in entries if not e.usable]
    for entry in entries:
        for problem in entry.problems:
            print(problem.text(tr))
        if entry.lesson is not None:  # warnings: the lesson works, but some keyboards cannot type a text
            for warning in typing_warnings(entry.lesson) + recipe_warnings(entry.lesson):
                print(warning.text(tr))
    count = sum(len(e.problems) for e in bad)
    path_file = path_of_workshops.find_path_file([p for p in paths if p.is_dir()])
    if path_file is not None:  # the path of the workshops: its lessons may be the bundled ones too
        known = {e.lesson.id: e.lesson for e in lesson.discover([resources.lessons_dir()]) if e.usable}
        known.update({e.lesson.id: e.lesson for e in entries if e.usable})
        workshops, path_problems = path_of_workshops.load_path(path_file, known.values())
        for problem in path_problems:
            print(problem.text(tr) if workshops is None else tr.t("cli.validate.warning", text=problem.text(tr)))
        if workshops is None:
            bad = [*bad, path_file]
            count += len(path_problems)
    if not entries and not missing:
        print(tr.t("cli.validate.none"))
        return 1
    if bad:
        print(tr.t("cli.validate.summary", problems=tr.n("cli.validate.problems", count),
                   files=tr.n("cli.validate.files", len(bad), total=len(entries) + (path_file is not None))))
    if bad or missing:
        return 1
    print(tr.n("cli.validate.ok", len(entries)))
    if path_file is not None and workshops is not None:
        minutes = [workshops.minutes(w, known) for w in workshops.workshops]
        print(tr.n("cli.validate.path", len(workshops), low=round(min(minutes)), high=round(max(minutes))))
    return 0


def schema(out: Path | None) -> int:
    from .lesson.schema import lesson_schema  # (every step kind: only for this command)

    text = json.dumps(lesson_schema(), ensure_ascii=False, indent=2) + "\n"
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def home(name: str | None, off: bool, data: Path | None, tr=None) -> int:
    from . import pin  # (when the command runs: see the top)

    t = (tr or _french()).t
    store = ProgressStore((data or default_data_dir()) / DB_NAME)
    try:
        if _damaged(store, tr) or _unusable(store, tr):
            return 1
        if off:
            store.set_device_setting("home_learner", None)
            print(t("cli.home.off"))
        else:
            learner = store.find_learner(name)
            if learner is None:
                names = ", ".join(l.name for l in store.learners()) or t("cli.home.nobody_yet")
                print(t("cli.home.unknown", name=name, names=names))
                return 1
            if not pin.lending_allowed(store):  # a lent device needs a code (see trainer.pin)
                print(t("cli.home.needs_code"))
                return 1
            store.set_device_setting("home_learner", store.learner_uid(learner.id))
            print(t("cli.home.on", name=learner.name))
        if store.warning:
            print((tr or _french()).text(store.warning))
            return 1
        return 0
    finally:
        store.close()


def device(name: str | None, data: Path | None, tr=None) -> int:
    """This device's readable name (set with ``--name``) and its stable identity,
    both written in every export."""
    from .progress import DB_NAME, ProgressStore, default_data_dir  # (no store for --help: start-up time)

    t = (tr or _french()).t
    store = ProgressStore((data or default_data_dir()) / DB_NAME)
    try:
        if store.detached is not None and _unusable(store, tr):  # (its identity is in the file)
            return 1
        if name is not None and not store.set_device_name(name):
            print(t("cli.device.bad_name"), file=sys.stderr)
            return 1
        print(safe(t("cli.device.is", name=store.device_name(), uid=store.device_uid())))
        if store.warning:
            print((tr or _french()).text(store.warning), file=sys.stderr)
            return 1
        return 0
    finally:
        store.close()


def _open_store(data: Path | None, must_exist: bool, tr=None):
    """The progress store of ``data`` (or the program's own), or None after
    a message on stderr."""
    t = (tr or _french()).t
    folder = data if data is not None else default_data_dir()
    path = folder / DB_NAME
    if must_exist and not path.exists():
        print(t("cli.no_progress", folder=folder, file=DB_NAME), file=sys.stderr)
        return None
    store = ProgressStore(path)
    if _damaged(store, tr):
        store.close()
        return None
    if store.warning:
        reason = (tr or _french()).text(reason_of(store.warning) or Message("store.reason.unknown"))
        print(t("cli.cannot_open", path=path, reason=reason), file=sys.stderr)
        store.close()
        return None
    return store


def _damaged(store, tr=None) -> bool:
    """The progress file was damaged (it was just set aside): say so on
    stderr; the command then does nothing and exits with 1."""
    if not store.notice:
        return False
    tr = tr or _french()
    print(tr.text(store.notice), file=sys.stderr)
    print(tr.t("cli.damaged.nothing_done"), file=sys.stderr)
    return True


def _unusable(store, tr=None) -> bool:
    """The file could not be opened (a newer version's, a protected folder):
    the store works in memory only; say why (stdout, like these commands)."""
    if not store.warning:
        return False
    if store.detached is not None:  # (the program would keep going; a command says it cannot)
        tr = tr or _french()
        reason = tr.text(reason_of(store.warning) or Message("store.reason.unknown"))
        print(tr.t("cli.cannot_open", path=store.path, reason=reason))
        return True
    print((tr or _french()).text(store.warning))
    return True


def _file_failed(exc, data: Path | None, tr=None) -> int:
    """The progress file failed in the middle of a command (damaged, locked,
    the disk…): said in words, never SQLite's English; exit code 1."""
    why = failure_reason(exc)
    if why is None:
        raise exc
    tr = tr or _french()
    path = (data if data is not None else default_data_dir()) / DB_NAME
    print(tr.t("cli.file_failed", path=path, reason=tr.text(why)), file=sys.stderr)
    return 1


def _free_name(path: Path) -> Path:
    """``path``, or ``name-2.ext``… when a file of that name is there already."""
    n = 1
    candidate = path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def export(args, tr=None) -> int:
    from . import exchange  # (when the command runs: see the top)
    t = (tr or _french()).t
    store = _open_store(args.data, must_exist=True, tr=tr)
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
                    words = t("cli.export.unknown", name=wanted, names=names) if names else \
                        t("cli.export.unknown_nobody", name=wanted)
                    if exchange._fold(wanted) in (exchange._fold(GUEST_NAME), exchange._fold(t("learners.guest"))):
                        words += " " + t("cli.export.guest")
                    print(words, file=sys.stderr)
                    return 1
                learner_ids.append(match[0].id)
            if len(learner_ids) == 1:
                single = match[0].name
        elif args.guest:
            learner_ids = [l.id for l in store.learners()]
        if args.guest:
            learner_ids += store.guest_ids()
        elif not store.learners() and not args.guest:
            print(t("cli.export.nobody"), file=sys.stderr)
            return 1
        out = args.out or _free_name(Path.cwd() / exchange.default_file_name(args.format, single))
        try:
            summary = exchange.export_progress(store, out, learner_ids, fmt=args.format, tr=tr)
        except exchange.ExchangeError as exc:
            print((tr or _french()).text(exc.message), file=sys.stderr)
            return 1
        print((tr or _french()).text(summary.message))
        return 0
    finally:
        store.close()


def import_(args, tr=None) -> int:
    from . import exchange  # (when the command runs: see the top)

    store = _open_store(args.data, must_exist=False, tr=tr)
    if store is None:
        return 1
    try:
        try:
            summary = exchange.import_progress(store, args.file, same_person=args.same_person,
                                               attach=not args.keep_outside)
        except exchange.ExchangeError as exc:
            print(safe((tr or _french()).text(exc.message)), file=sys.stderr)
            return 1
        for line in summary.lines():
            print(safe((tr or _french()).text(line)))
        return 0
    finally:
        store.close()


def report(args, tr=None) -> int:
    from . import lesson  # (when the command runs: see the top)
    from . import report as reports  # (the same)

    t = (tr or _french()).t
    if args.since and args.until and args.since > args.until:
        print(t("cli.report.dates"), file=sys.stderr)
        return 1
    store = _open_store(args.data, must_exist=True, tr=tr)
    if store is None:
        return 1
    try:
        folders = [resources.lessons_dir(), *[d for d in args.lessons if d.exists()]]
        for missing in (d for d in args.lessons if not d.exists()):
            print(t("cli.report.no_folder", folder=missing), file=sys.stderr)
        found = lesson.discover(folders, decode_images=False)  # (levels only: no pygame)
        data = reports.workshop_report(store, found, since=args.since, until=args.until,
                                       anonymous=args.anonymous, tr=tr)
        text = reports.to_markdown(data, tr) if args.format == "md" else reports.to_csv(data, tr)
        if args.out:
            from .exchange import ExchangeError, write_atomically  # (only when writing a file)

            try:
                write_atomically(args.out, text.encode("utf-8"))
            except ExchangeError as exc:
                print((tr or _french()).text(exc.message), file=sys.stderr)
                return 1
            print(t("cli.report.written", path=args.out))
        else:
            sys.stdout.write(safe(text.lstrip("\ufeff")))
        return 0
    finally:
        store.close()


def memo(args, tr=None) -> int:
    from . import keyboards, lesson  # (when the command runs: see the top)
    from . import memo as memos  # (fpdf2: only for this command)

    tr = tr or _french()
    t = tr.t
    if args.keyboard not in keyboards.LAYOUTS:
        print(t("cli.memo.keyboard", keyboard=args.keyboard, known=", ".join(sorted(keyboards.LAYOUTS))),
              file=sys.stderr)
        return 1
    layout = keyboards.layout(args.keyboard, tr.language)
    folders = [resources.lessons_dir(), *[d for d in args.lessons if d.exists()]]
    # (the pictures' headers only, as the report: the memo never imports pygame)
    usable = [e.lesson for e in lesson.discover(folders, decode_images=False) if e.usable]
    unknown = [i for i in args.lesson if i not in {x.id for x in usable}]
    if unknown:
        print(t("cli.memo.unknown_lesson", ids=", ".join(unknown)), file=sys.stderr)
        return 1
    name = "memo-pas-a-pas"
    if args.learner:
        store = _open_store(args.data, must_exist=True, tr=tr)
        if store is None:
            return 1
        try:
            person = store.find_learner(args.learner)
            if person is None:
                print(t("cli.export.unknown", name=args.learner, names=", ".join(l.name for l in store.learners())),
                      file=sys.stderr)
                return 1
            day = args.day or date.today()
            sheets = memos.day_sheets(store, person, day, usable, layout, tr, args.touch)
            from .exchange import default_file_name  # (the same file names as the export)

            name = default_file_name("pdf", person.name, day).replace("pas-a-pas-progres", "memo-pas-a-pas")
        finally:
            store.close()
    else:
        sheets = memos.memo_sheets(usable, layout, tr, args.lesson, args.touch)
        name = f"{name}-{'tactile' if args.touch else args.keyboard}.pdf"
    from .exchange import ExchangeError  # (only when writing a file)

    out = args.out or _free_name(Path.cwd() / name)
    try:
        memos.write_memo(sheets, out, tr)
    except ExchangeError as exc:
        print(tr.text(exc.message), file=sys.stderr)
        return 1
    print(tr.n("cli.memo.written", len(sheets), path=out))
    return 0


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    tr = i18n.translator(language_of(argv))
    args = _parser(tr).parse_args(argv)
    if args.command in ("home", "device", "export", "import", "report", "memo", "pin"):
        try:
            return _command(args, tr)
        except Exception as exc:  # noqa: BLE001 - the progress file's own failures only (else raised again)
            return _file_failed(exc, args.data, tr)
    if args.command == "validate":
        return validate(args.paths, tr)
    if args.command == "schema":
        return schema(args.out)
    from .app import App  # (pygame: only to open the program, never for the other commands)

    app = App(data_dir=args.data, lesson_dirs=[resources.lessons_dir(), *args.lessons],
              windowed=args.windowed, size=args.size, keyboard_layout=args.keyboard,
              language=getattr(args, "lang", None))  # the device's own choice unless --lang says
    return app.run()


def _command(args, tr) -> int:
    """The commands that open the progress file."""
    if args.command == "home":
        return home(args.name, args.off, args.data, tr)
    if args.command == "device":
        return device(args.name, args.data, tr)
    if args.command == "export":
        return export(args, tr)
    if args.command == "import":
        return import_(args, tr)
    if args.command == "report":
        return report(args, tr)
    if args.command == "memo":
        return memo(args, tr)
    return pin_command(args, tr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
