"""Name resolution for the safe fetcher: look up once, vet, then connect only there.

:class:`SystemResolver` asks the operating system. :class:`PinnedResolver` is what the
HTTP client uses to connect: it answers only with addresses the policy has already
accepted, so a second lookup cannot swap in another address (DNS rebinding).
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Sequence
from ipaddress import ip_address
from typing import Protocol

from aiohttp.abc import AbstractResolver, ResolveResult

from adapters.fetch.policy import IPAddress

__all__ = ["HostResolver", "PinnedResolver", "SystemResolver"]


class HostResolver(Protocol):
    """Resolves a host name to its IP addresses; raises ``OSError`` when it cannot."""

    async def resolve(self, host: str) -> list[IPAddress]: ...


class SystemResolver:
    """The operating system's resolver (``getaddrinfo``), run off the event loop."""

    async def resolve(self, host: str) -> list[IPAddress]:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
        addresses: list[IPAddress] = []
        for _family, _type, _proto, _name, sockaddr in infos:
            address = ip_address(str(sockaddr[0]).split("%")[0])
            if address not in addresses:
                addresses.append(address)
        return addresses


class PinnedResolver(AbstractResolver):
    """aiohttp resolver that returns only addresses vetted earlier for that host."""

    def __init__(self) -> None:
        self._pinned: dict[str, list[IPAddress]] = {}

    def pin(self, host: str, addresses: Sequence[IPAddress]) -> None:
        self._pinned[host.lower().rstrip(".")] = list(addresses)

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        addresses = self._pinned.get(host.lower().rstrip("."))
        if not addresses:
            raise OSError(f"{host} was not vetted before connecting")
        results: list[ResolveResult] = []
        for address in addresses:
            address_family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
            if family not in (socket.AF_UNSPEC, address_family):
                continue
            results.append(
                ResolveResult(
                    hostname=host,
                    host=str(address),
                    port=port,
                    family=address_family,
                    proto=0,
                    flags=socket.AI_NUMERICHOST,
                )
            )
        return results

    async def close(self) -> None:
        self._pinned.clear()
