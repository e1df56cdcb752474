"""Reading a file the user named, without ever blocking or leaking an OSError.

A path may name a FIFO (opening it waits for a writer forever), a device, a socket, a
directory, a name too long for the file system or a file the process may not read. Each is
refused with an error that names the argument (issue 19). The file is opened non-blocking
and checked with `fstat` on the open descriptor, so nothing can swap it between the check
and the read.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import Any

from nbimage._errors import bad_type, bad_value, short

# What `stat` says a path is, for the error message.
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def read_regular_file(path: Any, argument: str) -> bytes:
    """The bytes of the regular file at `path` (str or os.PathLike).

    FileNotFoundError when nothing is there; ValueError for anything that is not a regular
    file or cannot be read; TypeError for a path that is not text.
    """
    try:
        text = os.fspath(path)
    except TypeError:
        raise bad_type(argument, path, "a path (str or pathlib.Path)") from None
    if not isinstance(text, str):
        text = os.fsdecode(text)
    shown = short(text)
    if "\0" in text:
        raise bad_value(argument, f"path {shown} holds a NUL character", "pass a real file name")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(text, flags)
    except FileNotFoundError:
        raise FileNotFoundError(f"{argument}: no such file, path {shown} does not exist") from None
    except IsADirectoryError:
        raise bad_value(argument, f"path {shown} is a directory", "pass an image file") from None
    except OSError as error:
        raise _unreadable(argument, shown, error) from None
    except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte ('\ud800')
        raise bad_value(
            argument,
            f"path {shown} holds characters no file name can hold (lone surrogates)",
            "pass the name as the file system gives it (os.listdir, pathlib)",
        ) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise bad_value(
                argument,
                f"path {shown} is {_kind(mode)}, not a regular file",
                "pass the path of an image file",
            )
        chunks = []
        while chunk := os.read(descriptor, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise _unreadable(argument, shown, error) from None
    finally:
        os.close(descriptor)


def _unreadable(argument: str, shown: str, error: OSError) -> ValueError:
    reason = os.strerror(error.errno) if error.errno else str(error)
    if error.errno == errno.ENOTDIR:
        reason = "a part of it before the file name is not a directory"
    return bad_value(argument, f"path {shown} cannot be read ({reason})")
