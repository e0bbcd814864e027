"""Which addresses the fetcher may reach: public unicast only, unless allow-listed.

Refused: loopback, private (RFC 1918, unique-local), link-local, multicast, reserved,
unspecified, shared address space (CGNAT, 100.64.0.0/10), anything else Python does
not call globally routable, and IPv6 addresses that embed a refused IPv4 address
(IPv4-mapped ``::ffff:a.b.c.d``, IPv4-compatible, 6to4 ``2002::/16``, NAT64
``64:ff9b::/96`` and ``64:ff9b:1::/48``).

Ports: only 80 and 443 (the web's own), so a public host's other services (SMTP,
databases, admin consoles) cannot be probed through the bot. Allow-listed hosts and
networks may use any port: that is how tests and the sandbox reach ``127.0.0.1:8xxx``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from ipaddress import (
    IPv4Address,
    IPv4Network,
    IPv6Address,
    IPv6Network,
    ip_address,
    ip_network,
)

from bot.errors import BlockedAddressError

__all__ = ["DEFAULT_PORTS", "AddressPolicy", "IPAddress", "is_public_address", "literal_address"]

IPAddress = IPv4Address | IPv6Address
DEFAULT_PORTS: frozenset[int] = frozenset({80, 443})

_SHARED_SPACE = IPv4Network("100.64.0.0/10")
_NAT64 = (IPv6Network("64:ff9b::/96"), IPv6Network("64:ff9b:1::/48"))


def _embedded_ipv4(address: IPv6Address) -> IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if any(address in network for network in _NAT64):
        return IPv4Address(int(address) & 0xFFFF_FFFF)
    if int(address) >> 32 == 0 and int(address) > 1:  # IPv4-compatible ::a.b.c.d
        return IPv4Address(int(address))
    return None


def is_public_address(address: IPAddress) -> bool:
    """True when ``address`` is a globally routable unicast address (see module doc)."""
    if isinstance(address, IPv6Address):
        if address.scope_id:
            return False
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public_address(embedded)
    if (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    ):
        return False
    if isinstance(address, IPv4Address) and address in _SHARED_SPACE:
        return False
    return address.is_global


class AddressPolicy:
    """Decides whether a host, its resolved addresses and a port may be fetched.

    ``allow`` holds host names (exact, case-insensitive) and IP addresses or CIDR
    networks that are let through even though they are not public; for them any port
    is allowed too.
    """

    def __init__(self, allow: Sequence[str] = (), ports: Collection[int] = DEFAULT_PORTS) -> None:
        self._hosts: set[str] = set()
        self._networks: list[IPv4Network | IPv6Network] = []
        for entry in (e.strip() for e in allow):
            if not entry:
                continue
            try:
                self._networks.append(ip_network(entry, strict=False))
            except ValueError:
                self._hosts.add(entry.lower().rstrip("."))
        self._ports = frozenset(ports)

    def host_allowed(self, host: str) -> bool:
        return host.lower().rstrip(".") in self._hosts

    def address_allowed(self, address: IPAddress) -> bool:
        return any(address in network for network in self._networks)

    def check(self, host: str, addresses: Sequence[IPAddress], port: int) -> None:
        """Raise :class:`BlockedAddressError` unless every address (and the port) may be used.

        All of a host's addresses must pass: a name resolving to one public and one
        private address is refused rather than left to chance.
        """
        if not addresses:
            raise BlockedAddressError("That site's address could not be found.")
        listed_host = self.host_allowed(host)
        listed = [listed_host or self.address_allowed(a) for a in addresses]
        for address, is_listed in zip(addresses, listed, strict=True):
            if not is_listed and not is_public_address(address):
                raise BlockedAddressError()
        if port not in self._ports and not all(listed):
            raise BlockedAddressError(
                "That address is not allowed: briefbot only fetches web pages on ports 80 and 443."
            )


def literal_address(host: str) -> IPAddress | None:
    """The IP address when ``host`` is an IP literal, else ``None``."""
    try:
        return ip_address(host.strip("[]"))
    except ValueError:
        return None
