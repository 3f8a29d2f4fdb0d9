"""The address guard: no look-up may turn a content pull request into a probe of the
network checker runs in.

Checked before every request and again on every redirect hop (redirects are followed
by hand, see http.py): only http and https; no credentials in the URL; the host is
resolved and every address it resolves to must be public (not loopback, private,
link-local such as the cloud metadata address 169.254.169.254, shared, multicast,
reserved or unspecified; IPv4 and IPv6, including IPv4-mapped IPv6). A host listed in
`references.allow-hosts` (a name, an address, `*.suffix`, or a network in CIDR form) is
exempt. The connection itself checks its peer address once more, so a name that
resolves to a public address for the check and a private one for the connection (DNS
rebinding) is refused too.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]


class Refused(Exception):
    """A URL the guard will not fetch; str() says why."""


class Unresolved(Refused):
    """The host name does not resolve: nothing was fetched, and nothing is known (a local
    resolver failure looks the same as a name that does not exist)."""


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (the system resolver, both families)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def address_problem(ip: IPAddress) -> str | None:
    """Why an address is not a public one, or None when it is."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return address_problem(ip.ipv4_mapped)
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    )
    for name, hit in checks:
        if hit:
            return name
    if not ip.is_global:  # shared address space (100.64.0.0/10), documentation ranges, ...
        return "non-public"
    return None


def _parse_ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


@dataclass(frozen=True)
class AddressGuard:
    allow_hosts: tuple[str, ...] = ()
    resolver: Resolver = resolve
    _networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        nets = []
        for entry in self.allow_hosts:
            if "/" in entry:
                nets.append(ipaddress.ip_network(entry, strict=False))
        object.__setattr__(self, "_networks", tuple(nets))

    def host_allowed(self, host: str) -> bool:
        """Is `host` (a name or an address literal) exempt from the address checks?"""
        host = host.lower().strip("[]").rstrip(".")
        for entry in self.allow_hosts:
            if entry.startswith("*.") and (host.endswith(entry[1:]) or host == entry[2:]):
                return True
            if host == entry:
                return True
        ip = _parse_ip(host)
        return ip is not None and any(ip in net for net in self._networks)

    def check_url(self, url: str) -> None:
        """Raise Refused unless `url` may be fetched."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise Refused(f"malformed URL ({exc})") from None
        if parts.scheme not in ("http", "https"):
            raise Refused(f"scheme {parts.scheme or '(none)'!r} is not fetched (only http and https)")
        host = parts.hostname
        if not host:
            raise Refused("URL has no host")
        if parts.username is not None or parts.password is not None:
            raise Refused("URL carries credentials")
        if self.host_allowed(host):
            return
        port = port or (443 if parts.scheme == "https" else 80)
        literal = _parse_ip(host)
        if literal is not None:
            self._check_addresses(host, [str(literal)])
            return
        try:
            addresses = self.resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise Unresolved(f"host {host} does not resolve ({exc})") from None
        if not addresses:
            raise Unresolved(f"host {host} does not resolve")
        self._check_addresses(host, addresses)

    def _check_addresses(self, host: str, addresses: Iterable[str]) -> None:
        for text in addresses:
            ip = _parse_ip(text)
            problem = "unparsable" if ip is None else address_problem(ip)
            if problem is None:
                continue
            where = (
                f"{host} is a {problem} address"
                if host.strip("[]") == text
                else (f"{host} resolves to a {problem} address ({text})")
            )
            raise Refused(f"{where}; add it to references.allow-hosts to allow it")

    def check_peer(self, host: str, peer: str) -> None:
        """Called by the connection once connected: the address actually reached."""
        if self.host_allowed(host):
            return
        self._check_addresses(host, [peer])
