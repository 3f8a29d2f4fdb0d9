"""Writing the files a run produces (reports, baselines) so that no reader ever sees half of one."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write `text` (UTF-8, "\\n" line ends) to a temporary file beside `path`, then rename it
    over `path`: a run killed at any moment leaves the old file or the new one, never a
    truncated one (a 0-byte baseline would fail the next CI run). Raises OSError."""
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()  # write where the link points; the link itself stays a link
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        # a device, a pipe or a socket (`--output /dev/null`, `--output /dev/stdout`): write into
        # it; renaming over it would put a plain file in its place (as root, even /dev/null)
        with open(target, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        return
    import tempfile  # here: most runs write no file (~10 ms of a draft's start)

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    _fill_and_rename(fd, tmp, target, text)


def atomic_write_bytes(path: str | Path, *chunks: bytes) -> None:
    """`atomic_write_text` for text already encoded as UTF-8, given in pieces written one after
    the other (a JSON report straight from orjson, then its final newline: no decode, copy or
    encode of the whole report on the way)."""
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        with open(target, "wb") as fh:  # a device, a pipe or a socket: see atomic_write_text
            for chunk in chunks:
                fh.write(chunk)
        return
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    _fill_and_rename(fd, tmp, target, chunks)


def _fill_and_rename(fd: int, tmp: str, target: Path, content: str | tuple[bytes, ...]) -> None:
    """Write `content` to the open temporary file `fd` (at `tmp`), sync it, rename it over `target`."""
    try:
        if isinstance(content, tuple):
            with os.fdopen(fd, "wb") as fb:
                for chunk in content:
                    fb.write(chunk)
                fb.flush()
                os.fsync(fb.fileno())
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(content)
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
