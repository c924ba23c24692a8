"""``kg serve``: the Oxigraph server over the store, behind kg's own front door.

The SPARQL endpoint is the real ``oxigraph`` binary (SPARQL 1.1 Protocol at
``/query``, ``/update`` only when writable), listening on a private port. Clients
talk to :mod:`kg.proxy`, which checks who calls and what they ask, and which answers
the workbench pages, ``/api/*`` and ``/evidence`` itself (:mod:`kg.workbench`).
This module runs both and keeps them honest:

- the Oxigraph process dies with kg, whatever kills kg (``PR_SET_PDEATHSIG``),
  and kg stops it on SIGINT, SIGTERM, SIGHUP and SIGQUIT;
- it gets ``--timeout`` as its own query timeout and ``--max-memory`` as an
  address-space limit; if a query still brings it down, it is started again;
- when a client leaves (or runs out of time) before its answer, the process is
  restarted as soon as no other request is in flight, which stops the work
  Oxigraph cannot cancel (a sort, a SERVICE call);
- Oxigraph keeps a thread per query until that query's timeout has passed, so
  after many queries in one timeout the process is restarted too (see
  :data:`THREAD_MB`), before those threads fill its address space.

Queries see the store's merged view, as ``kg sparql`` does. A read-only server
takes no lock; a writable one holds the store's lock while it runs, and each
update keeps the merged view right in its own transaction (:mod:`kg.updates`).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg import child
from kg.bounded import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
from kg.errors import StoreError, UsageError
from kg.http1 import MAX_HEAD, Refusal
from kg.proxy import Front, Policy
from kg.workbench.site import Site

READY_TIMEOUT = 30.0
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
DYING = 2.0
"""Seconds to see whether a process that broke off an answer is going down."""
RESTARTS = 3
"""Crashes in a row (with no request answered between) after which kg serve gives up."""
THREAD_MB = 2
"""Oxigraph's ``--timeout-s`` starts a thread per query that sleeps out the whole timeout, even
after the answer, and reserves a 2 MiB stack. At a steady query rate they pile up until
``--max-memory`` (an address-space limit) refuses the next thread and every query gets a
500 ("Resource temporarily unavailable") for up to a timeout."""
THREAD_SHARE = 4
"""Those threads may take a quarter of ``--max-memory``; then the process is restarted, which
ends them all."""
UNLIMITED_THREADS = 1024
"""The same bound without ``--max-memory`` (threads are a system-wide resource too)."""


@dataclass(frozen=True)
class Options:
    """``kg serve``'s options."""

    host: str = "127.0.0.1"
    port: int = 7878
    writable: bool = False
    timeout: float | None = DEFAULT_TIMEOUT
    memory_mb: int | None = DEFAULT_MEMORY_MB
    cors: tuple[str, ...] = ()
    allowed_services: frozenset[str] = frozenset()

    def thread_budget(self) -> int | None:
        """How many of Oxigraph's timeout threads one process may hold (``None``: it has none)."""
        if not self.timeout:
            return None
        if not self.memory_mb:
            return UNLIMITED_THREADS
        return max(16, self.memory_mb // (THREAD_SHARE * THREAD_MB))

    def policy(self) -> Policy:
        return Policy(
            host=self.host,
            writable=self.writable,
            cors=frozenset(self.cors),
            allowed_services=self.allowed_services,
            timeout=self.timeout,
        )


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable installed with powkg (beside this Python first)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise UsageError("the 'oxigraph' server binary is not installed (pip install oxigraph)")
    return found


def server_command(store: Path, port: int, options: Options) -> list[str]:
    """The Oxigraph command line: private port, its timeout; read-only unless writable."""
    command = [
        oxigraph_binary(),
        "serve" if options.writable else "serve-read-only",
        "--location",
        str(store),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    if options.timeout:
        command += ["--timeout-s", str(max(1, math.ceil(options.timeout)))]
    return child.command(command, options.memory_mb)


def check(store: Path, options: Options) -> None:
    """Everything that can be said before starting: store, port, origins, lock."""
    if not (Path(store) / "CURRENT").exists():
        raise StoreError(f"{store}: no store here (run 'kg ingest' first)")
    if not 0 < options.port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, got {options.port}")
    for origin in options.cors:
        if not origin.startswith(("http://", "https://")) or origin.count("/") != 2:
            raise UsageError(f"--cors takes an origin like https://example.org, not {origin!r}")
    _check_port_free(options.host, options.port)
    if options.writable:
        _check_unlocked(store)


def _check_unlocked(store: Path) -> None:
    """Say "store is locked" ourselves rather than pass on the server's raw message."""
    from kg.store import Store

    Store(store, create=False).close()


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        # As the real listener does: a port whose last connections are in TIME_WAIT is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            raise StoreError(f"cannot listen on {host}:{port}: {err.strerror}") from None


def _private_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Worker:
    """The Oxigraph process: started, watched, restarted when it dies or must drop work."""

    store: Path
    options: Options
    on_notice: Callable[[str], None] = lambda message: None
    address: tuple[str, int] = ("127.0.0.1", 0)
    busy: int = 0
    crashes: int = 0
    _process: asyncio.subprocess.Process | None = None
    _ready: asyncio.Event = field(default_factory=asyncio.Event)
    _stale: bool = False
    _recycling: bool = False
    _stopping: bool = False
    _queries: deque[float] = field(default_factory=deque)
    """When each request to the current process was sent: its timeout thread may still live."""
    failure: BaseException | None = None

    async def start(self, attempts: int = 3) -> None:
        """Start Oxigraph and return once it accepts connections.

        A read-only open beside a running ingest can hit a moment when RocksDB's
        files are being swapped, hence a few attempts.
        """
        for attempt in range(1, attempts):
            with contextlib.suppress(StoreError):
                return await self._start()
            await asyncio.sleep(0.2 * attempt)
        await self._start()

    async def _start(self) -> None:
        port = _private_port()
        with tempfile.TemporaryFile() as log:
            self._process = await asyncio.create_subprocess_exec(
                *server_command(self.store, port, self.options),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                env={**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"},
                start_new_session=True,  # Ctrl-C reaches kg, which stops it in order
            )
            try:
                await self._wait_ready(port)
            except StoreError:
                await _kill_process(self._process)
                log.seek(0)
                reason = " ".join(log.read().decode(errors="replace").split()) or "no message"
                raise StoreError(f"oxigraph server did not start: {reason}") from None
        self.address = ("127.0.0.1", port)
        self._queries.clear()
        self._ready.set()

    async def _wait_ready(self, port: int) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.returncode is not None:
                raise StoreError(f"exit status {self._process.returncode}")
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                await asyncio.sleep(0.05)
                continue
            writer.close()
            return
        raise StoreError(f"not listening after {READY_TIMEOUT:g} s")

    async def watch(self) -> None:
        """Keep Oxigraph running: start it again whenever it dies, recycled or crashed; give up
        after RESTARTS crashes in a row."""
        while not self._stopping:
            status = await self._process.wait()
            if self._stopping:
                return
            self._ready.clear()
            if self._recycling:
                self._recycling = False
            else:
                self.crashes += 1
                if self.crashes > RESTARTS:
                    self.failure = StoreError(f"oxigraph server keeps stopping (status {status})")
                    return
                self.on_notice(f"oxigraph server stopped (status {status}); restarting it")
            try:
                await self.start()
            except StoreError as err:
                self.failure = err
                return

    @contextlib.asynccontextmanager
    async def use(self) -> AsyncIterator[tuple[str, int]]:
        """The address to send one request to; recycles a stale process once idle."""
        if self._stopping:
            raise Refusal(503, "the server is stopping")
        await self._until_ready()
        while self._crowded():
            self._make_room()
            await self._until_ready()
        self._queries.append(time.monotonic())
        self.busy += 1
        try:
            yield self.address
            self.crashes = 0
        finally:
            self.busy -= 1
            if self._stale and self.busy == 0:
                self._recycle()

    async def _until_ready(self) -> None:
        try:
            await asyncio.wait_for(self._ready.wait(), READY_TIMEOUT)
        except TimeoutError:
            raise Refusal(503, "the SPARQL server is not ready; try again") from None

    def _crowded(self) -> bool:
        """Whether the process holds as many timeout threads as it may (see THREAD_MB)."""
        budget = self.options.thread_budget()
        if budget is None:
            return False
        horizon = time.monotonic() - math.ceil(self.options.timeout) - 1
        while self._queries and self._queries[0] < horizon:
            self._queries.popleft()
        return len(self._queries) >= budget

    def _make_room(self) -> None:
        """Hold new requests; restart the process once those in flight are done."""
        self._ready.clear()
        self._stale = True
        if self.busy == 0:
            self._recycle()

    def abandon(self) -> None:
        """A request's client left or ran out of time: drop its work when nothing else runs."""
        self._stale = True

    async def suspect(self) -> None:
        """An answer broke off: if the process is dying, hold new requests until it is back."""
        process = self._process
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(process.wait()), DYING)
        if process.returncode is not None and process is self._process:
            self._ready.clear()

    def _recycle(self) -> None:
        """Kill the process on purpose; :meth:`watch` starts a fresh one."""
        self._stale = False
        if self._stopping or self._process.returncode is not None:
            return
        self._recycling = True
        self._ready.clear()
        self._process.kill()

    async def stop(self) -> None:
        self._stopping = True
        self._ready.clear()
        await _kill_process(self._process)


def _site(store: Path, options: Options) -> Site:
    """The workbench over ``store``: its queries get the server's own bounds."""
    from kg import __version__
    from kg.bounded import Limits

    limits = Limits(timeout=options.timeout, memory_mb=options.memory_mb)
    return Site(store, limits, options.allowed_services, version=__version__)


async def _kill_process(process: asyncio.subprocess.Process | None) -> None:
    if process is not None and process.returncode is None:
        process.kill()
        await process.wait()


def serve(
    store: Path,
    options: Options,
    *,
    on_ready: Callable[[], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> None:
    """Serve until SIGINT, SIGTERM, SIGHUP or SIGQUIT; Oxigraph never outlives it."""
    check(store, options)
    failure = asyncio.run(_serve(store, options, on_ready, on_notice or (lambda message: None)))
    if failure is not None:
        raise failure


async def _serve(
    store: Path,
    options: Options,
    on_ready: Callable[[], None] | None,
    on_notice: Callable[[str], None],
) -> BaseException | None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in STOP_SIGNALS:
        loop.add_signal_handler(signum, stop.set)
    worker = Worker(store, options, on_notice)
    await worker.start()
    try:
        front = Front(options.policy(), worker, _site(store, options))
        server = await asyncio.start_server(
            front.handle, options.host, options.port, limit=MAX_HEAD
        )
        watcher = asyncio.ensure_future(worker.watch())
        if on_ready is not None:
            on_ready()
        await asyncio.wait(
            {asyncio.ensure_future(stop.wait()), watcher}, return_when=asyncio.FIRST_COMPLETED
        )
        server.close()
        watcher.cancel()
        await front.close()
    finally:
        await worker.stop()
    return worker.failure
