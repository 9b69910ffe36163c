"""The memo to take home: printable A4 pages in large type, made from the lessons.

- :mod:`.sheets` says what each page holds (pure data);
- :mod:`.pdf` draws the pages into a PDF with fpdf2.

``trainer memo`` writes it from the command line; the facilitator's « Clé
USB » screen writes it to the stick.
"""
from .pdf import write_memo
from .sheets import (KeyCap, KeyCombo, MouseGesture, Sheet, day_sheets, keys_sheets, memo_sheets, personal_sheet,
                     skill_sheet)

__all__ = ["KeyCap", "KeyCombo", "MouseGesture", "Sheet", "day_sheets", "keys_sheets", "memo_sheets",
           "personal_sheet", "skill_sheet", "write_memo"]
