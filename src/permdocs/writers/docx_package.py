"""Make a DOCX zip reproducible.

python-docx stamps every zip entry with the current time, so two renders a
second apart differ (python-docx #1042). Rewriting the archive with Word's
own fixed timestamp and fixed attributes, keeping the entry order, makes the
same case give the same bytes on the same platform.
"""

from __future__ import annotations

import io
import zipfile

#: What Word itself writes: the earliest time a zip can hold.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps, attributes and compression."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(entry.filename), compresslevel=6)
    return out.getvalue()
