"""The fleet's processes: each started with its output in a log file, waited for by polling a
readiness probe (bounded by a deadline, failing at once if the process dies), stopped with
SIGTERM (or killed with SIGKILL), and its memory read from ``/proc``."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx

READY_SECONDS = 90.0
POLL_SECONDS = 0.05


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answers(url: str, *, verify: object = True) -> Callable[[], bool]:
    """A probe: ``url`` answers 200."""

    def probe() -> bool:
        try:
            return httpx.get(url, timeout=2, verify=verify).status_code == 200  # type: ignore[arg-type]
        except httpx.HTTPError:
            return False

    return probe


class Child:
    """One process of the fleet."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log: Path) -> None:
        self.name, self.command, self.env, self.log = name, command, env, log
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self, ready: Callable[[], bool]) -> None:
        """Start, and return once ``ready()`` is true; the log's end if it never is."""
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                self.command, env=self.env, stdout=output, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + READY_SECONDS
        while not ready():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self.name} did not start:\n{self.tail()}")
            time.sleep(POLL_SECONDS)

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as when a machine goes away."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)

    def family(self) -> list[int]:
        """This process and its children (uvicorn's or nginx's workers)."""
        return [self.pid, *children_of(self.pid)]

    def tail(self, lines: int = 30) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def memory(pid: int, field: str) -> int:
    """``VmRSS`` or ``VmHWM`` (the peak since the last reset) of a process, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} for process {pid}")


def reset_peak(pid: int) -> None:
    """Start the process's peak resident memory (VmHWM) afresh from now (Linux >= 4.0)."""
    with open(f"/proc/{pid}/clear_refs", "w") as refs:
        refs.write("5")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
