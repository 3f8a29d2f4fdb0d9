"""One HTTP session for every reference source and link check.

- requests with requests-cache (SQLite in the user's cache directory, per-source expiry,
  negative answers cached too, so a second identical run makes no request);
- urllib3 `Retry` with backoff on connection errors, 429 and 5xx, honouring
  `Retry-After` up to a cap (a longer wait gives up: the answer is "unknown");
- timeouts on connect and read; response bodies capped;
- a deadline per look-up (`references.deadline`: all its requests, retries, headers and
  body, read with `read1` and the clock checked between chunks, headers under a watchdog
  that shuts the socket) and a budget per run (`references.run-deadline`), because the
  timeout bounds one socket read and a host dripping bytes never trips it;
- per-host pacing (minimum interval) and concurrency caps, applied only to requests
  that really go out (cache hits are free);
- redirects followed by hand so that the address guard (ssrf.py) sees every hop, and
  credentials (the GitHub token) are sent only to the host they belong to;
- environment proxies and ~/.netrc are ignored (`trust_env = False`): a proxy would hide
  the peer address from the guard, and .netrc would hand credentials to any host.

Network failure never raises out of `HttpClient.get`: it returns a `Fetched` whose
`error` says what happened.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import MaxRetryError
from urllib3.util.retry import Retry

from checker import __version__
from checker.references.cache import cached_session
from checker.references.settings import ReferenceSettings
from checker.references.shape import ShapeError, loads
from checker.references.ssrf import AddressGuard, Refused, Unresolved

T = TypeVar("T")
R = TypeVar("R")

# Statuses whose answers are kept: successes, redirects (followed by hand, so each hop is
# its own cache entry), and the negatives and refusals a second run must not ask again.
# 429 and 5xx are never kept.
CACHEABLE = (200, 203, 204, 301, 302, 303, 307, 308, 400, 401, 403, 404, 405, 410, 451, 501)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# At most this many requests to one host at once, unless a source asks for fewer.
SOURCE_CONCURRENCY = {"arxiv": 1, "wikidata": 1}


SPENT = "the run's look-up time budget is spent"


class Deadline:
    """The end of one look-up, on the monotonic clock. Time spent waiting for a turn under
    our own rate limits and concurrency caps moves the end (that wait is not the host's
    doing); the end of the run's budget does not move."""

    def __init__(self, seconds: float, run_end: float) -> None:
        self.seconds = seconds
        self.run_end = run_end
        self._end = time.monotonic() + seconds

    @property
    def end(self) -> float:
        return min(self._end, self.run_end)

    def left(self) -> float:
        return self.end - time.monotonic()

    def extend(self, waited: float) -> None:
        self._end += waited

    def reason(self) -> str:
        if self.run_end <= self._end:
            return SPENT
        return f"stopped at the look-up deadline ({self.seconds:g} s)"


class DeadlineExceeded(requests.exceptions.Timeout):
    """A look-up ran past its deadline (raised between body chunks or before a retry)."""


# The deadline of the look-up running on this thread (look-ups run one per worker thread).
_local = threading.local()


def current_deadline() -> Deadline | None:
    deadline: Deadline | None = getattr(_local, "deadline", None)
    return deadline


def user_agent(settings: ReferenceSettings) -> str:
    """`checker/<v> (+<project>; mailto:<contact>) python-requests/<v>`: the one form that
    satisfies Wikimedia's, Crossref's (polite pool), GitHub's and PyPI's policies."""
    contact = settings.contact or os.environ.get("CHECKER_CONTACT")
    parts = [f"+{settings.project_url}"]
    if contact:
        parts.append(contact if "://" in contact or contact.startswith("mailto:") else f"mailto:{contact}")
    return f"checker/{__version__} ({'; '.join(parts)}) python-requests/{requests.__version__}"


class CappedRetry(Retry):
    """Retry that gives up, instead of sleeping, when the server asks for a long wait."""

    def __init__(self, *args: Any, max_wait: float = 30.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_wait = max_wait

    def new(self, **kw: Any) -> CappedRetry:
        new = super().new(**kw)
        assert isinstance(new, CappedRetry)
        new.max_wait = self.max_wait
        return new

    def increment(  # type: ignore[override]
        self, method: str | None = None, url: str | None = None, *args: Any, **kwargs: Any
    ) -> Retry:
        response = kwargs.get("response")
        header = response.headers.get("Retry-After") if response is not None else None
        if header is not None:
            try:
                wait = self.parse_retry_after(header)
            except Exception:
                wait = 0.0
            if wait > self.max_wait:
                raise MaxRetryError(kwargs.get("_pool"), url or "", f"Retry-After {wait:.0f}s exceeds the cap")  # type: ignore[arg-type]
        deadline = current_deadline()
        if deadline is not None and deadline.left() <= 0:
            raise DeadlineExceeded(deadline.reason())
        new = super().increment(method, url, *args, **kwargs)
        if deadline is not None and isinstance(new, CappedRetry):
            # never sleep past the deadline: the retry would start with no time left
            asked = new.get_retry_after(response) if response is not None else None
            if max(asked or 0.0, new.get_backoff_time()) >= deadline.left():
                raise DeadlineExceeded(deadline.reason())
        return new


class HostLimiter:
    """Per-key (source or host) concurrency cap and minimum interval between requests."""

    def __init__(self, interval: Callable[[str], float], concurrency: Callable[[str], int]) -> None:
        self._interval = interval
        self._concurrency = concurrency
        self._lock = threading.Lock()
        self._sems: dict[str, threading.BoundedSemaphore] = {}
        self._next: dict[str, float] = {}

    @contextmanager
    def slot(self, key: str) -> Iterator[None]:
        queued = time.monotonic()
        with self._lock:
            sem = self._sems.get(key)
            if sem is None:
                sem = self._sems[key] = threading.BoundedSemaphore(self._concurrency(key))
        with sem:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next.get(key, now))
                self._next[key] = start + self._interval(key)
            if start > now:
                time.sleep(start - now)
            deadline = current_deadline()
            if deadline is not None:
                deadline.extend(time.monotonic() - queued)
            yield


@dataclass
class Stats:
    """What went over the wire (counted in the transport, so cache hits are not in it)."""

    requests: int = 0
    cache_hits: int = 0
    by_key: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, key: str) -> None:
        with self.lock:
            self.requests += 1
            self.by_key[key] += 1

    def hit(self) -> None:
        with self.lock:
            self.cache_hits += 1


def _guarded_pools(guard: AddressGuard) -> dict[str, type[HTTPConnectionPool]]:
    """Connection pools whose connections check the peer address after connecting."""

    class GuardedHTTPConnection(HTTPConnection):
        def connect(self) -> None:
            super().connect()
            _check_peer(guard, self)

        def getresponse(self) -> Any:
            with _watchdog(self):
                return super().getresponse()

    # the checks above, in front of TLS: the MRO puts HTTPSConnection after them
    class GuardedHTTPSConnection(GuardedHTTPConnection, HTTPSConnection):
        pass

    class GuardedHTTPPool(HTTPConnectionPool):
        ConnectionCls = GuardedHTTPConnection

    class GuardedHTTPSPool(HTTPSConnectionPool):
        ConnectionCls = GuardedHTTPSConnection

    return {"http": GuardedHTTPPool, "https": GuardedHTTPSPool}


@contextmanager
def _watchdog(conn: HTTPConnection) -> Iterator[None]:
    """Shut the socket at the deadline while the status line and headers are read: each
    read is bounded by the timeout, but a host dripping header bytes would never trip it."""
    deadline = current_deadline()
    sock = conn.sock
    if deadline is None or sock is None:
        yield
        return

    def shut() -> None:
        with suppress(OSError):  # already closed: nothing to stop
            sock.shutdown(socket.SHUT_RDWR)  # the blocked read returns at once

    timer = threading.Timer(max(deadline.left(), 0.0), shut)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _check_peer(guard: AddressGuard, conn: HTTPConnection) -> None:
    sock = conn.sock
    if sock is None:
        return
    try:
        peer = sock.getpeername()[0]
    except OSError:
        return
    try:
        guard.check_peer(conn.host, str(peer))
    except Refused:
        conn.close()
        raise


class GuardedAdapter(HTTPAdapter):
    """The transport: address guard on connect, pacing, counting, capped bodies."""

    def __init__(
        self,
        guard: AddressGuard,
        limiter: HostLimiter,
        key_for: Callable[[str], str],
        stats: Stats,
        max_body: int,
        retry: Retry,
    ) -> None:
        self._guard = guard
        self._limiter = limiter
        self._key_for = key_for
        self._stats = stats
        self._max_body = max_body
        super().__init__(max_retries=retry, pool_maxsize=16)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _guarded_pools(self._guard)

    def send(self, request: requests.PreparedRequest, stream: bool = False, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        key = self._key_for(request.url or "")
        with self._limiter.slot(key):
            self._stats.count(key)
            response = super().send(request, stream=True, **kwargs)
            self._read_capped(response)
        return response

    def _read_capped(self, response: requests.Response) -> None:
        """Read at most max_body bytes, so a hostile or huge page cannot exhaust memory, and
        stop at the look-up's deadline: `read1` returns what one socket read brings (a
        plain read waits for a whole chunk, byte by byte), the socket waits at most until
        the deadline, and the clock is checked between chunks."""
        chunks: list[bytes] = []
        size = 0
        truncated = False
        raw = response.raw
        deadline = current_deadline()
        if response.request.method != "HEAD":
            while True:
                if deadline is not None:
                    left = deadline.left()
                    if left <= 0:
                        raw.close()
                        raise DeadlineExceeded(deadline.reason())
                    _wait_at_most(raw, left)
                try:
                    chunk = raw.read1(64 * 1024, decode_content=True)
                except (urllib3.exceptions.HTTPError, OSError):
                    if deadline is not None and deadline.left() <= 0:
                        raw.close()
                        raise DeadlineExceeded(deadline.reason()) from None
                    raise
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > self._max_body:
                    truncated = True
                    break
        body = b"".join(chunks)[: self._max_body]
        if truncated:
            response.headers["X-Checker-Truncated"] = "1"
            raw.close()
        else:
            raw.release_conn()
        response._content = body
        response._content_consumed = True  # type: ignore[attr-defined]


def _wait_at_most(raw: Any, seconds: float) -> None:
    """Lower the socket's timeout so that one read cannot outlast the deadline."""
    sock = getattr(getattr(raw, "connection", None), "sock", None)
    if sock is None:
        return
    current = sock.gettimeout()
    if current is None or seconds < current:
        sock.settimeout(max(seconds, 0.001))


@dataclass(frozen=True)
class Fetched:
    """The end of one fetch, after redirects. `status` is None when nothing answered."""

    url: str
    final_url: str
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    from_cache: bool = False
    error: str | None = None
    refused: bool = False
    hops: tuple[tuple[int, str], ...] = ()

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON (or nested too deeply to parse)."""
        try:
            return loads(self.body)
        except ShapeError:
            return None

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def describe(self) -> str:
        """One line for the evidence: "HTTP 404 at https://…" or the error."""
        if self.status is None:
            return self.error or "no answer"
        where = f" at {self.final_url}" if self.final_url != self.url else ""
        return f"HTTP {self.status}{where}"


class HttpClient:
    """The single session of a run, shared by every client (thread-safe)."""

    def __init__(self, settings: ReferenceSettings, *, guard: AddressGuard | None = None) -> None:
        self.settings = settings
        self.guard = guard or AddressGuard(settings.allow_hosts)
        self.stats = Stats()
        self._token = os.environ.get("GITHUB_TOKEN") or None
        self._bases = _base_patterns(settings)
        self.limiter = HostLimiter(self._interval, self._concurrency)
        self.session = self._make_session()
        self._headers = {"User-Agent": user_agent(settings)}
        self._run_end: float | None = None  # set by the first look-up of the run
        self._run_lock = threading.Lock()

    # --- construction ---------------------------------------------------------------------

    def _make_session(self) -> requests.Session:
        s = self.settings
        session: requests.Session
        cached = None
        if s.cache:
            cached = cached_session(
                s.cache_path(),
                dict(
                    allowable_codes=CACHEABLE,
                    allowable_methods=("GET", "HEAD"),
                    expire_after=dt.timedelta(days=s.expire_days["links"]),
                    urls_expire_after=self._expiry_patterns(),
                    stale_if_error=True,
                    # a cache, not a record: skip the fsync per answer (a crash loses a few
                    # answers, which the next run asks again) and let readers run during writes
                    fast_save=True,
                    wal=True,
                ),
            )
        session = cached if cached is not None else requests.Session()
        session.trust_env = False
        retry = CappedRetry(
            total=s.retries,
            connect=s.retries,
            read=s.retries,
            status=s.retries,
            redirect=False,
            backoff_factor=s.backoff,
            backoff_max=s.max_retry_wait,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET", "HEAD"}),
            respect_retry_after_header=True,
            raise_on_status=False,
            raise_on_redirect=False,
            max_wait=s.max_retry_wait,
        )
        adapter = GuardedAdapter(self.guard, self.limiter, self.key_for, self.stats, s.max_body, retry)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def _expiry_patterns(self) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for source, base in self.settings.bases.items():
            pattern = base.split("://", 1)[-1].replace("{lang}", "*")
            out[pattern] = dt.timedelta(days=self.settings.expire_days.get(source, self.settings.expire_days["links"]))
        return out

    def key_for(self, url: str) -> str:
        """The source a URL belongs to (its base URL is a prefix of it), else its host."""
        for source, pattern in self._bases:
            if pattern.match(url):
                return source
        return (urlsplit(url).hostname or "?").lower()

    def _interval(self, key: str) -> float:
        intervals = self.settings.intervals
        return intervals.get(key, intervals.get("links", 0.0))

    def _concurrency(self, key: str) -> int:
        return min(self.settings.host_concurrency, SOURCE_CONCURRENCY.get(key, self.settings.host_concurrency))

    def close(self) -> None:
        self.session.close()

    # --- deadlines ------------------------------------------------------------------------

    @contextmanager
    def lookup(self) -> Iterator[Deadline]:
        """One look-up on this thread: its requests share one deadline. Nested calls (a
        client that asks twice, services around a client) join the outer look-up."""
        outer = current_deadline()
        if outer is not None:
            yield outer
            return
        with self._run_lock:
            if self._run_end is None:
                self._run_end = time.monotonic() + self.settings.run_deadline
            run_end = self._run_end
        _local.deadline = deadline = Deadline(self.settings.deadline, run_end)
        try:
            yield deadline
        finally:
            _local.deadline = None

    # --- fetching -------------------------------------------------------------------------

    def map_url(self, url: str) -> str:
        """Apply `references.url-map` (mirrors; tests route public links to a local server)."""
        for prefix, target in self.settings.url_map.items():
            if url.startswith(prefix):
                return target + url[len(prefix) :]
        return url

    def get(
        self,
        url: str,
        *,
        method: str = "GET",
        headers: Mapping[str, str] | None = None,
        auth_host: str | None = None,
        refresh: bool = False,
    ) -> Fetched:
        """Fetch `url`, following redirects by hand with the guard on every hop.

        `auth_host`: the host the GitHub token may be sent to (never to another host).
        `refresh`: ask the server again even if the cache has an answer.
        Bounded by the look-up's deadline (a look-up of its own when none is running).
        """
        with self.lookup() as deadline:
            return self._get(url, method, headers, auth_host, refresh, deadline)

    def _get(
        self,
        url: str,
        method: str,
        headers: Mapping[str, str] | None,
        auth_host: str | None,
        refresh: bool,
        deadline: Deadline,
    ) -> Fetched:
        first = self.map_url(url)
        current = first
        hops: list[tuple[int, str]] = []
        for _ in range(self.settings.max_redirects + 1):
            if deadline.left() <= 0:  # no request once the time is spent
                return Fetched(url, current, error=deadline.reason(), hops=tuple(hops))
            try:
                self.guard.check_url(current)
            except Unresolved as exc:
                return Fetched(url, current, error=str(exc), hops=tuple(hops))
            except Refused as exc:
                return Fetched(url, current, error=f"refused: {exc}", refused=True, hops=tuple(hops))
            response = self._send(method, current, headers, auth_host, refresh, deadline)
            if isinstance(response, Fetched):
                return Fetched(url, current, error=response.error, refused=response.refused, hops=tuple(hops))
            from_cache = bool(getattr(response, "from_cache", False))
            if from_cache:
                self.stats.hit()
            location = response.headers.get("Location")
            if response.status_code in REDIRECTS and location:
                hops.append((response.status_code, current))
                current = urljoin(current, location)
                if response.status_code == 303:
                    method = "GET"
                continue
            return Fetched(
                url=url,
                final_url=current,
                status=response.status_code,
                headers=dict(response.headers),
                body=response.content or b"",
                from_cache=from_cache,
                hops=tuple(hops),
            )
        return Fetched(url, current, error=f"more than {self.settings.max_redirects} redirects", hops=tuple(hops))

    def _send(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None,
        auth_host: str | None,
        refresh: bool,
        deadline: Deadline,
    ) -> requests.Response | Fetched:
        merged = {**self._headers, **(headers or {})}
        host = (urlsplit(url).hostname or "").lower()
        if self._token and auth_host and host == auth_host.lower():
            merged["Authorization"] = f"Bearer {self._token}"
        left = max(deadline.left(), 0.001)
        timeout = (min(self.settings.connect_timeout, left), min(self.settings.timeout, left))
        extra: dict[str, Any] = {"force_refresh": True} if refresh and self.settings.cache else {}
        try:
            return self.session.request(method, url, headers=merged, timeout=timeout, allow_redirects=False, **extra)
        except Refused as exc:  # the peer check of the connection
            return Fetched(url, url, error=f"refused: {exc}", refused=True)
        except DeadlineExceeded as exc:
            return Fetched(url, url, error=str(exc))
        except requests.exceptions.RetryError as exc:
            return Fetched(url, url, error=f"gave up after retries ({_short(exc)})")
        except requests.exceptions.Timeout:
            # a read cut short to fit the deadline says so, not "timed out"
            return Fetched(url, url, error=deadline.reason() if deadline.left() <= 0 else "timed out")
        except requests.exceptions.SSLError as exc:
            return Fetched(url, url, error=f"TLS error ({_short(exc)})")
        except requests.exceptions.ConnectionError as exc:
            # the watchdog shut the socket, or a retry would have passed the deadline
            # (requests wraps the DeadlineExceeded raised inside urllib3)
            if deadline.left() <= 0 or _inside(exc, DeadlineExceeded) is not None:
                return Fetched(url, url, error=deadline.reason())
            refused = _refusal_inside(exc)
            if refused is not None:
                return Fetched(url, url, error=f"refused: {refused}", refused=True)
            if "TimeoutError" in str(exc):  # a read timeout after the last retry
                return Fetched(url, url, error=deadline.reason() if deadline.left() <= 0 else "timed out")
            return Fetched(url, url, error=f"connection failed ({_short(exc)})")
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            return Fetched(url, url, error=f"{type(exc).__name__}: {_short(exc)}")

    def map_bounded(
        self, fn: Callable[[T], R], items: Iterable[T], progress: Callable[[], None] | None = None
    ) -> list[R]:
        """fn over items on a bounded thread pool, results in the order of `items`."""
        todo = list(items)
        if not todo:
            return []
        workers = max(1, min(self.settings.workers, len(todo)))

        def run(item: T) -> R:
            try:
                return fn(item)
            finally:
                if progress is not None:
                    progress()

        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="checker-ref") as pool:
            return list(pool.map(run, todo))


def _base_patterns(settings: ReferenceSettings) -> list[tuple[str, re.Pattern[str]]]:
    """Longest base first, so a base with a path prefix wins over its host."""
    pairs = []
    for source, base in settings.bases.items():
        regex = re.escape(base.rstrip("/")).replace(re.escape("{lang}"), r"[a-z\-]+")
        pairs.append((source, re.compile(regex + r"(?:[/?#]|$)", re.IGNORECASE), len(base)))
    pairs.sort(key=lambda p: -p[2])
    return [(s, p) for s, p, _ in pairs]


def _refusal_inside(exc: BaseException) -> str | None:
    found = _inside(exc, Refused)
    return None if found is None else str(found)


def _inside(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    """The first exception of `kind` in the chain, arguments or reasons of `exc`."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, kind):
            return cur
        for arg in getattr(cur, "args", ()):
            if isinstance(arg, kind):
                return arg
            reason = getattr(arg, "reason", None)
            if isinstance(reason, kind):
                return reason
        cur = cur.__cause__ or cur.__context__
    return None


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 160 else text[:157] + "..."
