"""Names for delivery workers that no two live processes share."""

from __future__ import annotations

import os
import socket
import threading
import time
from datetime import UTC, datetime, timedelta

__all__ = ["worker_identity"]

_lock = threading.Lock()
_last_stamp = 0


def _unique_stamp() -> int:
    """Microseconds since the epoch, strictly increasing within this process."""
    global _last_stamp
    with _lock:
        _last_stamp = max(time.time_ns() // 1000, _last_stamp + 1)
        return _last_stamp


def worker_identity(prefix: str | None = None) -> str:
    """``prefix.pid.start``: the prefix (``WORKER_NAME``, the host's name by default), this
    process's id and the moment the worker was made (UTC, to the microsecond).

    Two processes on one host differ by pid; a restarted process by its start time, even
    when the operating system hands out the same pid again; two workers made in one process
    by the microsecond. So a live worker's claims are never mistaken for a predecessor's.
    """
    seconds, micros = divmod(_unique_stamp(), 1_000_000)
    stamp = datetime.fromtimestamp(seconds, UTC) + timedelta(microseconds=micros)
    return f"{prefix or socket.gethostname()}.{os.getpid()}.{stamp:%Y%m%dT%H%M%S.%fZ}"
