"""A minimal W3C WebDriver client (stdlib only) for driving Debian's headless Chromium.

Only what the browser tests need: start chromedriver, open a session, load a
page, run JavaScript, click an element as a user would, read the console, take a
screenshot, close. No downloads: the browser and driver are the
system's (``apt-get install chromium chromium-driver``).
"""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_paths() -> tuple[str, str] | None:
    """(chromium, chromedriver) when both are installed."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """One headless Chromium session; use as a context manager."""

    def __init__(self, chromium: str, driver: str) -> None:
        port = free_port()
        self._base = f"http://127.0.0.1:{port}"
        self._profile = tempfile.TemporaryDirectory()
        self._driver = subprocess.Popen(
            [driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self._wait_for_driver()
        args = [*CHROMIUM_FLAGS, f"--user-data-dir={self._profile.name}"]
        options = {"binary": chromium, "args": args}
        capabilities = {
            "browserName": "chrome",
            "goog:chromeOptions": options,
            "goog:loggingPrefs": {"browser": "ALL"},
        }
        session = self._call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})
        self._session = f"/session/{session['sessionId']}"

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._call("DELETE", self._session)
        finally:
            self._driver.terminate()
            self._driver.wait(timeout=10)
            self._profile.cleanup()

    def open(self, url: str) -> None:
        self._call("POST", self._session + "/url", {"url": url})

    def run(self, script: str, *args: Any) -> Any:
        """Run JavaScript in the page; ``arguments[i]`` are ``args``."""
        return self._call("POST", self._session + "/execute/sync", {"script": script, "args": args})

    def click(self, css: str) -> None:
        """A real click (pointer events, navigation) on the first element ``css`` selects."""
        query = {"using": "css selector", "value": css}
        found = self._call("POST", self._session + "/element", query)
        element = next(iter(found.values()))
        self._call("POST", f"{self._session}/element/{element}/click", {})

    def resize(self, width: int, height: int) -> None:
        self._call("POST", self._session + "/window/rect", {"width": width, "height": height})

    def screenshot(self, path: Path) -> Path:
        """The visible page as a PNG file at ``path``."""
        png = base64.b64decode(self._call("GET", self._session + "/screenshot"))
        path.write_bytes(png)
        return path

    def console(self) -> list[dict]:
        """The browser console's entries since the last call (errors, CSP violations)."""
        return self._call("POST", self._session + "/se/log", {"type": "browser"})

    @property
    def url(self) -> str:
        return self._call("GET", self._session + "/url")

    def wait_for(self, script: str, *args: Any, timeout: float = 20.0) -> Any:
        """Run ``script`` until it returns something truthy."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if value := self.run(script, *args):
                return value
            time.sleep(0.1)
        raise TimeoutError(f"page never satisfied: {script}")

    def _wait_for_driver(self) -> None:
        for _ in range(100):
            try:
                self._call("GET", "/status")
                return
            except OSError:
                time.sleep(0.05)
        raise TimeoutError("chromedriver did not start")

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self._base + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)["value"]
