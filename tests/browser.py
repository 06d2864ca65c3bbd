"""A headless Chromium driven over the DevTools protocol (tornado's websocket client):
open a page with the network off, wait for its scripts, evaluate JavaScript in it, and
collect console errors and uncaught exceptions."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class PageReport:
    results: dict
    errors: list[str] = field(default_factory=list)


class _Session:
    def __init__(self, connection):
        self.connection = connection
        self.next_id = 0
        self.events: list[dict] = []

    async def call(self, method: str, **params) -> dict:
        self.next_id += 1
        ident = self.next_id
        await self.connection.write_message(json.dumps({"id": ident, "method": method,
                                                        "params": params}))
        while True:
            message = json.loads(await self.connection.read_message())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)


def _errors(events: list[dict]) -> list[str]:
    out = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            out.append(details.get("exception", {}).get("description") or details.get("text"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            out.append(" ".join(str(a.get("value", a.get("description", "")))
                                for a in params.get("args", [])))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            out.append(params["entry"].get("text", ""))
    return out


async def _drive(ws_url: str, url: str, expressions: dict[str, str], settle: float,
                 width: int, ready: str) -> PageReport:
    from tornado.websocket import websocket_connect

    browser = await websocket_connect(ws_url, max_message_size=64 * 1024 * 1024)
    root = _Session(browser)
    target = await root.call("Target.createTarget", url="about:blank")
    attached = await root.call("Target.attachToTarget", targetId=target["targetId"],
                               flatten=False)
    session_id = attached["sessionId"]

    class _Page(_Session):
        async def call(self, method: str, **params) -> dict:
            self.next_id += 1
            inner = {"id": self.next_id, "method": method, "params": params}
            await root.call("Target.sendMessageToTarget", sessionId=session_id,
                            message=json.dumps(inner))
            ident = self.next_id
            while True:
                message = json.loads(await browser.read_message())
                if message.get("method") == "Target.receivedMessageFromTarget":
                    reply = json.loads(message["params"]["message"])
                    if reply.get("id") == ident:
                        if "error" in reply:
                            raise RuntimeError(f"{method}: {reply['error']}")
                        return reply.get("result", {})
                    self.events.append(reply)

    page = _Page(browser)
    for domain in ("Runtime", "Log", "Page", "Network"):
        await page.call(f"{domain}.enable")
    await page.call("Network.emulateNetworkConditions", offline=True, latency=0,
                    downloadThroughput=-1, uploadThroughput=-1)
    await page.call("Emulation.setDeviceMetricsOverride", width=width, height=900,
                    deviceScaleFactor=1, mobile=False)
    await page.call("Page.navigate", url=url)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # until the page has loaded, then let scripts settle
        state = await page.call("Runtime.evaluate", expression="document.readyState",
                                returnByValue=True)
        if state.get("result", {}).get("value") == "complete":
            break
        await asyncio.sleep(0.2)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # until the page's own scripts are done
        state = await page.call("Runtime.evaluate", expression=ready, returnByValue=True)
        if state.get("result", {}).get("value") is True:
            break
        await asyncio.sleep(0.5)
    await asyncio.sleep(settle)
    results = {}
    for name, expression in expressions.items():
        value = await page.call("Runtime.evaluate", expression=expression, returnByValue=True,
                                awaitPromise=True)
        results[name] = value.get("result", {}).get("value")
    browser.close()
    return PageReport(results, _errors(page.events))


def open_page(url: str, expressions: dict[str, str], settle: float = 1.0,
              width: int = 1280, ready: str = "true") -> PageReport:
    """Open ``url`` in headless Chromium at ``width`` px with the network off, wait until
    the ``ready`` expression is true (at most a minute) and ``settle`` seconds more, and
    return the values of ``expressions`` and the console errors."""
    # Chromium's helper processes (crashpad, renderers) may still write to the profile for
    # a moment after the browser exits: the whole process group is stopped, and leftovers
    # in the temporary profile never fail a test.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}",
             "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-debugging-port=0",
             "about:blank"],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
            start_new_session=True)
        try:
            ws_url = None
            for line in process.stderr:
                found = re.search(r"DevTools listening on (ws://\S+)", line)
                if found:
                    ws_url = found.group(1)
                    break
            if ws_url is None:
                raise RuntimeError("chromium did not start its DevTools endpoint")
            return asyncio.run(_drive(ws_url, url, expressions, settle, width, ready))
        finally:
            _stop_group(process)


def _stop_group(process: subprocess.Popen) -> None:
    """Stop Chromium and every helper it started (they share its new session)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            continue
        time.sleep(0.5)  # helpers leave after the browser; give them a moment
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        return
