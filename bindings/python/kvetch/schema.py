"""The result schema, mirrored from the C++ core (kvetch/result.h).

``COLUMNS`` lists (name, arrow type, meaning) for every column of
:meth:`kvetch.Result.to_arrow`, in order; ``STATUSES`` the row statuses.
"""

from __future__ import annotations

from . import _core

#: (name, type, meaning) per result column, in output order.
COLUMNS: list[tuple[str, str, str]] = [tuple(c) for c in _core.result_schema()]

#: Column names, in output order.
COLUMN_NAMES: list[str] = [c[0] for c in COLUMNS]

#: Every script code the ``script`` column can hold (ISO 15924, as ICU
#: names them), sorted: its categories, whatever the rows.
SCRIPTS: list[str] = sorted({_core.script_name(code) for code in range(1024)})

#: Row statuses; the index is the status code used by the core.
STATUSES: list[str] = list(_core.row_status_names())

#: PII types, in the order of the pii_<type> columns.
PII_TYPES: list[str] = [c[0][4:] for c in COLUMNS if c[0].startswith("pii_") and c[0] != "pii_count"]

#: Customer-service emotions, in the order of the emo_<name> columns.
CS_EMOTIONS: list[str] = list(_core.CS_EMOTIONS)

#: The 28 GoEmotions labels (EmotionScorer.predict_proba columns).
GO_EMOTIONS: list[str] = list(_core.GO_EMOTIONS)

#: Polarity values.
POLARITIES: list[str] = list(_core.POLARITIES)

#: Customer-service signals, in the order of the signal_<name> columns.
SIGNALS: list[str] = list(_core.signal_names())

__all__ = ["COLUMNS", "COLUMN_NAMES", "STATUSES", "PII_TYPES", "CS_EMOTIONS", "GO_EMOTIONS",
           "POLARITIES", "SIGNALS"]
