"""Benchmark of photo ingest against its targets: ``python -m scripts.bench.photos``.

Makes realistic 12-megapixel photos (4000x3000 JPEGs, textured, some tagged EXIF orientation 6
and 8, one HEIC) in a temp folder, then measures per photo:

* our ingest (normalised copy + thumbnail + hashes) on one core, exact and with ``edge_slack``;
* ``vipsthumbnail`` (2048 copy, then a 320 thumbnail) and ImageMagick (both from one decode),
  each on one core, skipped with a note when not installed;
* the batch API on two cores (threads, and a process pool) against one core;
* peak memory (RSS) of a fresh process taking in one 12-MP photo.

Every figure is the best of ``--repeat`` runs (the least disturbed by other load on the machine).
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from field_audit.evidence import IngestOptions, PhotoStore, ingest_batch, ingest_photo
from scripts.bench.sample_photos import make_heic, make_photos

FAST = IngestOptions(edge_slack=0.05)

TARGET_VIPS = 1.5  # ours at most this many times vipsthumbnail's time
TARGET_BATCH = 1.7  # batch throughput on two cores over one core
TARGET_RSS_MB = 150.0


# --- timing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """Best wall time and best CPU time (this process and its finished children), seconds."""

    wall: float
    cpu: float

    def __truediv__(self, count: float) -> Timing:
        return Timing(self.wall / count, self.cpu / count)


def best_of(repeat: int, run: Callable[[], object]) -> Timing:
    """The shortest wall and CPU times of ``repeat`` runs (the least disturbed ones)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), cpu_seconds()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu_seconds() - cpu)
    return Timing(min(walls), min(cpus))


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def per_photo(paths: Sequence[Path], repeat: int, job: Callable[[Path], object]) -> Timing:
    """Mean over ``paths`` of each photo's best times."""
    timings = [best_of(repeat, partial(job, path)) for path in paths]
    return Timing(sum(t.wall for t in timings), sum(t.cpu for t in timings)) / len(paths)


def hashing(threads: int) -> Callable[[], None]:
    """Eight SHA-256 passes over 16 MB split over ``threads`` threads: GIL-free C code, so two
    threads against one shows what the machine gives two workers, whatever else it runs."""
    blob = os.urandom(16 * 2**20)

    def share() -> None:
        for _ in range(8 // threads):
            hashlib.sha256(blob).digest()

    return lambda: run_in_threads(share, threads)


def run_in_threads(job: Callable[[], object], count: int) -> None:
    threads = [threading.Thread(target=job) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@contextmanager
def one_core() -> Iterator[str]:
    """Pin this thread (and the processes it starts) to one CPU; yields a note for the table."""
    if not hasattr(os, "sched_setaffinity"):
        yield "(not pinned: no sched_setaffinity here)"
        return
    cpus = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cpus)})
    try:
        yield f"(pinned to CPU {min(cpus)})"
    finally:
        os.sched_setaffinity(0, cpus)


def run_quietly(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, env=SINGLE_THREADED)


SINGLE_THREADED = {
    **os.environ,
    "VIPS_CONCURRENCY": "1",
    "MAGICK_THREAD_LIMIT": "1",
    "OMP_NUM_THREADS": "1",
}


# --- the reference tools -----------------------------------------------------------------------


@dataclass(frozen=True)
class Tool:
    name: str
    job: Callable[[Path], None] | None  # None: not installed
    note: str


def vips_tool(out: Path) -> Tool:
    """vipsthumbnail twice (it makes one size per run), auto-rotating and stripping metadata."""
    exe = shutil.which("vipsthumbnail")
    if exe is None:
        return Tool("vipsthumbnail", None, "not installed: apt-get install libvips-tools")

    def job(path: Path) -> None:
        run_quietly([exe, str(path), "-s", "2048", "-o", f"{out / 'v.jpg'}[Q=82,strip]"])
        run_quietly([exe, str(path), "-s", "320", "-o", f"{out / 'vt.jpg'}[Q=80,strip]"])

    return Tool("vipsthumbnail 2048 + 320", job, "two runs, 1 thread")


def magick_tool(out: Path) -> Tool:
    """ImageMagick, one decode: the copy, then the thumbnail from it (like ours)."""
    exe = _imagemagick()
    if exe is None:
        return Tool("ImageMagick", None, "not installed: apt-get install imagemagick")
    steps = ["-auto-orient", "-resize", "2048x2048>", "-strip", "-quality", "82"]
    thumb = ["-resize", "320x320>", "-quality", "80", str(out / "mt.jpg")]

    def job(path: Path) -> None:
        run_quietly([exe, str(path), *steps, "-write", str(out / "m.jpg"), *thumb])

    return Tool(f"ImageMagick {Path(exe).name}", job, "one run, 1 thread")


def _imagemagick() -> str | None:
    """``magick`` (7) or ``convert`` (6), if it really is ImageMagick (not a stand-in)."""
    for name in ("magick", "convert"):
        exe = shutil.which(name)
        if exe is None:
            continue
        probe = subprocess.run([exe, "-version"], capture_output=True, text=True, check=False)
        if probe.returncode == 0 and "ImageMagick" in probe.stdout:
            return exe
    return None


# --- batch and memory --------------------------------------------------------------------------


def sequential(paths: Sequence[Path], root: Path) -> None:
    """The batch's work on one core: ingest and store each photo in turn."""
    store = PhotoStore.open(root)
    for path in paths:
        store.put(ingest_photo(path))
    shutil.rmtree(root)


def batched(paths: Sequence[Path], root: Path, executor: Executor | None = None) -> None:
    ingest_batch(PhotoStore.open(root), list(paths), executor=executor).result()
    shutil.rmtree(root)


def batch_times(paths: Sequence[Path], work: Path, repeat: int) -> dict[str, Timing]:
    """Best times for the whole list on one core, the default batch (threads), a process pool,
    and hashing on one and two threads; run in turn ``repeat`` times so that all see the same
    spells of outside load."""
    root = work / "store"
    best: dict[str, Timing] = {}
    with ProcessPoolExecutor(
        max_workers=2, mp_context=multiprocessing.get_context("spawn")
    ) as pool:
        batched(paths[:2], root, pool)  # start the workers and import Pillow in them
        contenders: dict[str, Callable[[], object]] = {
            "one core": lambda: sequential(paths, root),
            "threads (default)": lambda: batched(paths, root),
            "process pool": lambda: batched(paths, root, pool),
            "hashing, one thread": hashing(1),
            "hashing, two threads": hashing(2),
        }
        for _ in range(repeat):
            for name, run in contenders.items():
                timing = best_of(1, run)
                best[name] = min(best.get(name, timing), timing, key=lambda t: t.wall)
    return best


# ru_maxrss would not do: Linux carries it over fork and exec, so a child started by this big
# process would report this process's peak. VmHWM belongs to the new program alone.
PEAK_PROBE = """
import resource, sys

def peak_kib():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

from field_audit.evidence import PhotoStore, ingest_batch, ingest_photo
before, paths = peak_kib(), sys.argv[2:]
if sys.argv[1] == "one":
    ingest_photo(paths[0])
else:
    ingest_batch(PhotoStore.open(sys.argv[1]), paths).result()
print(before, peak_kib())
"""


def peak_rss_mb(mode: str, paths: Sequence[Path]) -> tuple[float, float]:
    """(after imports, peak) resident MB of a fresh Python taking in ``paths``."""
    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
    command = [sys.executable, "-c", PEAK_PROBE, mode, *map(str, paths)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    before, peak = (int(v) / 1024 for v in done.stdout.split())
    return before, peak


# --- the report --------------------------------------------------------------------------------


@dataclass
class Figures:
    """What one run measured: per-photo timings, batch timings, memory in MB."""

    pinned: str
    single: dict[str, Timing | None]  # per 12-MP JPEG, on one core; None: tool not installed
    heic: dict[str, Timing]
    batch: dict[str, Timing]
    photos: int
    memory: dict[str, tuple[float, float]]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark photo ingest against its targets.")
    parser.add_argument("--photos", type=int, default=6, help="12-MP JPEGs to make (default 6)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; best is kept")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="photo-bench-") as tmp:
        work = Path(tmp)
        tools = [vips_tool(work), magick_tool(work)]
        report(measure(work, args.photos, args.repeat, tools), tools)
    return 0


def measure(work: Path, count: int, repeat: int, tools: Sequence[Tool]) -> Figures:
    print(f"making {count} 12-MP JPEGs and one HEIC in {work} ...", flush=True)
    paths, heics = make_photos(work, count), make_heic(work)
    sizes = [p.stat().st_size / 2**20 for p in paths]
    print(f"JPEGs of {min(sizes):.1f}-{max(sizes):.1f} MB; measuring ...", flush=True)
    with one_core() as pinned:
        single = {name: per_photo(paths, repeat, job) if job else None for name, job in jobs(tools)}
        heic_jobs = [(name, job) for name, job in jobs(tools) if job and "slack" not in name]
        heic = {name: per_photo(heics, repeat, job) for name, job in heic_jobs if heics}
    batch = batch_times(paths, work, repeat)
    memory = {
        "one": peak_rss_mb("one", paths[:1]),
        "heic": peak_rss_mb("one", heics[:1]) if heics else (0.0, 0.0),
        "batch": peak_rss_mb(str(work / "rss"), paths[:4]),
    }
    return Figures(pinned, single, heic, batch, count, memory)


def jobs(tools: Sequence[Tool]) -> list[tuple[str, Callable[[Path], object] | None]]:
    """The contenders: ours (exact, then with edge_slack), then each tool (None: missing)."""
    return [
        ("ours", ingest_photo),
        ("ours, edge_slack=0.05", partial(ingest_photo, options=FAST)),
        *((tool.name, tool.job) for tool in tools),
    ]


def row(name: str, *cells: str) -> str:
    widths = (10, 10, 8, 15)
    padded = [cell.rjust(width) for cell, width in zip(cells, widths, strict=False)]
    return f"{name:<42} " + " ".join(padded) + ("  " + cells[4] if len(cells) > 4 else "")


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report(figures: Figures, tools: Sequence[Tool]) -> None:
    print(f"\nPer 12-MP JPEG on one core {figures.pinned}; ratio = ours / theirs, by CPU time")
    print(row("", "wall", "CPU", "ratio", "target", "verdict"))
    ours = figures.single["ours"]
    assert ours is not None
    for name, timing in figures.single.items():
        print(single_row(name, timing, ours, tools))
    for name, timing in figures.heic.items():
        print(row(f"HEIC 12 MP: {name}", *ms(timing)))
    report_batch(figures)
    report_memory(figures)


def ms(timing: Timing) -> tuple[str, str]:
    return f"{1000 * timing.wall:.0f} ms", f"{1000 * timing.cpu:.0f} ms"


def single_row(name: str, timing: Timing | None, ours: Timing, tools: Sequence[Tool]) -> str:
    tool = next((t for t in tools if t.name == name), None)
    if timing is None:
        return row(name, "skipped", "", "", tool.note if tool else "")
    if tool is None:
        return row(name, *ms(timing))
    is_vips = name.startswith("vips")
    limit, target = (TARGET_VIPS, f"<= {TARGET_VIPS}x") if is_vips else (1.0, "< 1x (faster)")
    ratio = ours.cpu / timing.cpu
    return row(name, *ms(timing), f"{ratio:.2f}x", target, verdict(ratio <= limit))


def report_batch(figures: Figures) -> None:
    print(f"\nBatch of {figures.photos} photos, ingest + store; ratio = throughput / one core")
    print(row("", "photos/s", "CPU use", "ratio", "target", "verdict"))
    one = figures.batch["one core"].wall
    for name in ("one core", "threads (default)", "process pool"):
        timing = figures.batch[name]
        ratio = one / timing.wall
        # a pool's workers are counted in CPU time only once they have exited
        use = "-" if name == "process pool" else f"{timing.cpu / timing.wall:.2f}"
        cells = [f"{figures.photos / timing.wall:.2f}", use, f"{ratio:.2f}x"]
        if name != "one core":
            cells += [f">= {TARGET_BATCH}x", verdict(ratio >= TARGET_BATCH)]
        print(row(f"  {name}", *cells))
    hashing = figures.batch["hashing, one thread"].wall / figures.batch["hashing, two threads"].wall
    print(row("  two threads hashing: what the machine gives", "", "", f"{hashing:.2f}x"))


def report_memory(figures: Figures) -> None:
    target = f"< {TARGET_RSS_MB:.0f} MB"
    print("\nPeak memory (RSS) of a fresh Python process")
    base, one = figures.memory["one"]
    print(row("  after imports", f"{base:.0f} MB"))
    print(row("  one 12-MP JPEG", f"{one:.0f} MB", "", "", target, verdict(one < TARGET_RSS_MB)))
    if figures.heic:
        heic = figures.memory["heic"][1]
        print(
            row("  one 12-MP HEIC", f"{heic:.0f} MB", "", "", target, verdict(heic < TARGET_RSS_MB))
        )
    batch_base, batch = figures.memory["batch"]
    per_worker = batch_base + (batch - batch_base) / 2
    print(row("  batch of 4, 2 threads: whole process", f"{batch:.0f} MB"))
    ok = verdict(per_worker < TARGET_RSS_MB)
    print(
        row("  ... per worker: imports + half the rest", f"{per_worker:.0f} MB", "", "", target, ok)
    )


if __name__ == "__main__":
    raise SystemExit(main())
