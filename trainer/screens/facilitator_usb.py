"""« Clé USB »: export everyone's progress and the workshop report to a USB
stick, or bring back the progress of a loaned device (facilitator mode).

Nothing leaves the device except here, when the facilitator chooses it.  An
export writes, in a ``pas-a-pas`` folder of the stick: the complete progress
(JSON, to import on another device), the same as a spreadsheet (CSV) and the
workshop report (Markdown).  An import merges a JSON export: done twice, it
adds nothing the second time.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pygame

from .. import exchange, report
from ..ui import text
from ..ui.widgets import Button
from .facilitator import FacilitatorScreen

FOLDER = "pas-a-pas"  # on the stick
MAX_DRIVES = 3
MAX_FILES = 4


def export_files(folder: Path) -> list[Path]:
    """Progress exports found on a stick: in its ``pas-a-pas`` folder or at its
    top, the newest first."""
    found = []
    for place in (folder / FOLDER, folder):
        try:
            found += [p for p in place.glob("pas-a-pas-progres*.json") if p.is_file()]
        except OSError:
            continue
    try:
        found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        pass
    return found


def free_name(path: Path) -> Path:
    """``path``, or ``name-2.ext``… when a file of that name is there already."""
    n, candidate = 1, path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


class UsbScreen(FacilitatorScreen):
    name = "facilitator_usb"
    title_id = "facilitator.usb"

    def __init__(self, app):
        super().__init__(app)
        self.busy: str | None = None
        self.page = 0
        self.search()

    def search(self):
        self.drives = exchange.removable_drives()[:MAX_DRIVES]
        self.all_files = [f for d in self.drives for f in export_files(d)]
        self.layout(*self.app.size)

    def layout(self, w, h):
        super().layout(w, h)
        self.buttons = [self.back_button()]
        m = int(w * 0.05)
        head = max(int(h * 0.15), self.content_top())
        top = head + int(h * 0.09)
        card_h = int(h * (0.11 if self.portrait else 0.13))
        gap = int(h * 0.025)
        col_w = (w - 3 * m) // 2
        t = self.app.t
        # every export found, a page at a time (« Tout importer » first when there are several)
        per_page = MAX_FILES - 1 if len(self.all_files) > 1 else MAX_FILES
        pages = max(1, -(-len(self.all_files) // per_page))
        self.page = min(self.page, pages - 1)
        self.files = self.all_files[self.page * per_page:(self.page + 1) * per_page]
        exports = [self.card(t("usb.export", drive=d.name or d), (lambda d=d: self.export_to(d)),
                             t("usb.export.detail"), id=f"export:{d.name or d}") for d in self.drives]
        imports = [self.card(t("usb.import", file=f.name), (lambda f=f: self.import_from(f)),
                             t("usb.import.detail", folder=f.parent.name or f.parent), id=f"import:{f.name}")
                   for f in self.files]
        again = Button(t("usb.search"), self.search, style="secondary", id="search")
        if len(self.all_files) > 1:
            imports.insert(0, self.card(t("usb.import_all", n=len(self.all_files)), self.import_all,
                                        t("usb.import_all.detail"), "success", id="import_all"))
        pager_w = int(col_w * 0.45)
        if self.portrait:  # the two columns one above the other
            col_w = w - 2 * m
            pager_w = int(col_w * 0.4)
            for i, b in enumerate(exports):
                b.rect = pygame.Rect(m, top + i * (card_h + gap), col_w, card_h)
            head2 = top + max(1, len(exports)) * (card_h + gap)
            imports_top = head2 + int(h * 0.09)
            imports_x = m
            self.columns = (pygame.Rect(m, head, col_w, int(h * 0.07)), pygame.Rect(m, head2, col_w, int(h * 0.07)))
        else:
            for i, b in enumerate(exports):
                b.rect = pygame.Rect(m, top + i * (card_h + gap), col_w, card_h)
            imports_top, imports_x = top, 2 * m + col_w
            self.columns = (pygame.Rect(m, head, col_w, int(h * 0.07)),
                            pygame.Rect(2 * m + col_w, head, col_w, int(h * 0.07)))
        for i, b in enumerate(imports):
            b.rect = pygame.Rect(imports_x, imports_top + i * (card_h + gap), col_w, card_h)
        pager_h = int(h * 0.09)
        imports_end = imports_top + max(1, len(imports)) * (card_h + gap) + (pager_h + gap if pages > 1 else 0)
        below = max(imports_end, top + max(1, len(exports)) * (card_h + gap)) if not self.portrait else imports_end
        aw = int(w * (0.6 if self.portrait else 0.35))
        again.rect = pygame.Rect((w - aw) // 2, min(below + gap, self.bottom - int(h * 0.14)), aw, int(h * 0.1))
        self.buttons += exports + imports + [again]
        if pages > 1:  # (never over a card: below the imports)
            self.add_pager(pages, imports_x, imports_x + col_w, imports_top + len(imports) * (card_h + gap),
                           pager_w, pager_h)

    def back(self):
        self.app.nav.back()

    # -- the work ------------------------------------------------------------
    def _show_busy(self, words: str) -> None:
        """Say it on screen before the work starts (a big export takes seconds)."""
        self.busy = words
        self.app.repaint = True
        self.app.draw()

    def export_to(self, drive: Path):
        t = self.app.t
        self._show_busy(t("usb.exporting"))
        store = self.app.store
        try:
            folder = drive / FOLDER
            folder.mkdir(exist_ok=True)
            tr = self.app.translator  # the spreadsheet and the report in the interface's language
            device = store.device_name()  # (six laptops, one stick: never one file over another)
            saved = exchange.export_progress(
                store, exchange.free_path(folder / exchange.default_file_name("json", device=device)), fmt="json")
            exchange.export_progress(store, exchange.free_path(folder / exchange.default_file_name("csv", device=device)),
                                     fmt="csv", tr=tr)
            lessons = [e.lesson for e in self.app.all_lesson_entries() if e.usable]
            made = report.workshop_report(store, lessons, tr=tr)
            exchange.write_atomically(exchange.free_path(
                folder / exchange.default_file_name("md", device=device).replace("progres", "rapport")),
                                      report.to_markdown(made, tr).encode("utf-8"))
            memos = self._write_memos(folder)
        except exchange.ExchangeError as exc:
            self._done(t("usb.export_failed"), self.app.translator.text(exc.message))
            return
        except OSError as exc:
            self._done(t("usb.export_failed"), t("usb.cannot_write", reason=exc.strerror or exc))
            return
        n = self.app.n
        self._done(t("usb.exported"), t("usb.exported.detail", people=n("common.people", saved.learners),
                                        sessions=n("common.sessions", saved.sessions),
                                        steps=n("common.steps", saved.steps), folder=FOLDER)
                   + " " + n("usb.memos", memos))

    def _write_memos(self, folder: Path) -> int:
        """The memo to print, beside the export: the skills memo for this
        device's keyboard, and « Ce que j'ai appris aujourd'hui » of each
        person who finished a lesson today.  A personal memo already there is
        kept (another laptop's, for the same name): the new one gets « -2 ».
        Returns how many files were written."""
        from .. import keyboards, memo  # (fpdf2: only when a memo is written)

        tr = self.app.translator
        lessons = [e.lesson for e in self.app.all_lesson_entries() if e.usable]
        name = self.app.keyboard_layout
        layout = keyboards.layout(name if name in keyboards.LAYOUTS else "azerty", tr.language)
        today = date.today()
        files = []
        skills = folder / f"memo-pas-a-pas-{layout.name}.pdf"
        if not skills.exists():  # (the same pages for every laptop with this keyboard: once is enough)
            files.append((skills.name, memo.memo_sheets(lessons, layout, tr)))
        for person in self.app.store.learners():
            sheets = memo.day_sheets(self.app.store, person, today, lessons, layout, tr)
            if len(sheets) > 1:  # (a lesson finished today)
                slug = exchange.default_file_name("pdf", person.name, today).replace("pas-a-pas-progres",
                                                                                     "memo-pas-a-pas")
                files.append((slug, sheets))
        for file_name, sheets in files:
            memo.write_memo(sheets, free_name(folder / file_name), tr)
        return len(files)

    def import_from(self, path: Path):
        t = self.app.t
        self._show_busy(t("usb.importing"))
        try:
            summary = exchange.import_progress(self.app.store, path)
        except exchange.ExchangeError as exc:
            self._done(t("usb.import_failed"), self.app.translator.text(exc.message) + " " + t("usb.nothing_changed"))
            return
        self._done(t("usb.imported"), " ".join(self.app.translator.text(line) for line in summary.lines()))

    def import_all(self):
        """Every export found, one after another (a refused file changes nothing and is named)."""
        t, tr = self.app.t, self.app.translator
        self._show_busy(t("usb.importing"))
        lines = []
        for path in self.all_files:
            try:
                summary = exchange.import_progress(self.app.store, path)
                lines.append(f"{path.name} : " + " ".join(tr.text(line) for line in summary.lines()))
            except exchange.ExchangeError as exc:
                lines.append(f"{path.name} : " + tr.text(exc.message) + " " + t("usb.nothing_changed"))
        self._done(t("usb.imported"), "\n".join(lines))

    def _done(self, title: str, detail: str):
        self.busy = None
        self.search()
        self.app.message(title, detail, id="usb_done")  # (every dialog says which it is: tests, storms)

    # -- drawing -------------------------------------------------------------
    def draw_content(self, surf, theme):
        super().draw_content(surf, theme)
        h = self.h
        for box, words in zip(self.columns, (self.app.t("usb.save_column"), self.app.t("usb.load_column"))):
            label = text.fit(words, h * theme.body, theme.muted, box.w, box.h, bold=True)
            text.blit_center(surf, label, box)
        if not self.drives:
            box = pygame.Rect(int(self.w * 0.1), self.columns[0].bottom + int(h * 0.02), int(self.w * 0.8), int(h * 0.2))
            text.blit_center(surf, text.fit(self.app.t("usb.no_stick"), h * theme.body, theme.text, box.w, box.h), box)
        elif not self.files:
            box = pygame.Rect(self.columns[1].x, self.columns[1].bottom + int(h * 0.02), self.columns[1].w, int(h * 0.1))
            text.blit_center(surf, text.fit(self.app.t("usb.no_file"), h * theme.small, theme.muted, box.w, box.h),
                             box)
        if self.busy:
            band = pygame.Rect(0, int(h * 0.42), self.w, int(h * 0.16))
            pygame.draw.rect(surf, theme.warning_bg, band)
            text.blit_center(surf, text.fit(self.busy, h * theme.instruction, theme.text, int(self.w * 0.9),
                                            band.h, bold=True), band)
