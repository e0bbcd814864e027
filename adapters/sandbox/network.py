"""Choosing local ports: the documented defaults when they are free, any free port otherwise."""

from __future__ import annotations

import socket

__all__ = ["choose_port", "free_port", "port_is_free"]


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def port_is_free(host: str, port: int) -> bool:
    """Could a server listen on ``host:port`` right now?"""
    with socket.socket(_family(host), socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str) -> int:
    """A port the system reports free on ``host`` (another process could still take it)."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def choose_port(host: str, preferred: int) -> int:
    """``preferred`` when it is free (and not 0), else a free one."""
    if preferred and port_is_free(host, preferred):
        return preferred
    return free_port(host)
