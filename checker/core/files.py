"""Writing the files a run produces (reports, baselines) so that no reader ever sees half of one."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write `text` (UTF-8, its line ends as they are) to a temporary file beside `path`, then
    rename it over `path`: a run killed at any moment leaves the old file or the new one, never
    a truncated one (a 0-byte baseline would fail the next CI run). Raises OSError."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | Path, *chunks: bytes) -> None:
    """`atomic_write_text` for text already encoded as UTF-8, given in pieces written one after
    the other (a JSON report straight from orjson, then its final newline: no decode, copy or
    encode of the whole report on the way)."""
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()  # write where the link points; the link itself stays a link
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        # a device, a pipe or a socket (`--output /dev/null`, `--output /dev/stdout`): write into
        # it; renaming over it would put a plain file in its place (as root, even /dev/null)
        with open(target, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
        return
    import tempfile  # here: most runs write no file (~10 ms of a draft's start)

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            with contextlib.suppress(OSError):  # keep the mode a user gave the file
                os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
