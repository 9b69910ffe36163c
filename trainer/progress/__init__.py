"""The progress store: SQLite on the device, written at every finished step.

This package is the only code of the program that runs SQL
(``tests/test_one_store.py`` checks it):

- :mod:`.store`: :class:`ProgressStore`, its file (opening, checks, moving a
  damaged file aside, migrations), its writes (one durable transaction each)
  and the queries of the screens;
- :mod:`.schema`: the tables, their migrations, and :data:`ATTEMPT_DONE`, the
  one rule that says when a lesson attempt is done;
- :mod:`.exchange_rows`: the rows an export reads and the writes of an import
  (:mod:`trainer.exchange` keeps the file format and the merge rules);
- :mod:`.report_rows`: the rows of the workshop report (:mod:`trainer.report`);
- :mod:`.pending`: the writes of a lesson kept in memory while the file
  cannot take them (full disk, lock), written as soon as it can;
- :mod:`.records`: :class:`StepRecord` (a finished step, with its kind's
  typed details) and :class:`StoreError`.
"""
from .pending import failure_reason
from .records import StepRecord, StoreError
from .records import reason as _reason
from .records import reason_of
from .schema import ATTEMPT_DONE, MIGRATIONS
from .store import (COLOURS, DB_NAME, GUEST_NAME, Learner, ProgressStore, default_data_dir,
                    new_uid)

__all__ = ["ATTEMPT_DONE", "COLOURS", "DB_NAME", "GUEST_NAME", "MIGRATIONS", "failure_reason", "reason_of", "Learner",
           "ProgressStore", "StepRecord", "StoreError", "default_data_dir", "new_uid"]
