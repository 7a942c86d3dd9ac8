"""Parsing speed and memory on ~50 MB of synthetic report text (numbered paragraphs, headings, page-break junk).

    python -m bench.parse_bench                 # 50 MB: MB/s and peak RSS growth
    python -m bench.parse_bench --mb 5          # quicker
    python -m bench.parse_bench --tracemalloc   # peak traced Python allocations instead (slows the parse)

Prints MB/s of parse_text_report alone (wall clock, and CPU time of this process: on a shared machine the wall
figure counts time spent waiting for a core) and its peak memory relative to the input size. Memory is the growth of the
process's peak RSS (VmHWM, reset just before the parse on Linux) over its RSS before the parse, so it counts
allocator overhead too; tracemalloc counts Python allocations only and slows the parse ~3x, so it is a separate run
whose time is not reported as the speed."""
from __future__ import annotations

import argparse
import gc
import random
import time
import tracemalloc

from bench._util import peak_rss_mb, reset_peak_rss, rss_mb
from ingest.parse import parse_text_report

_WORDS = ("the office continued to provide technical assistance to States parties in implementing convention "
          "and its protocols including through training of judges prosecutors investigators").split()


def synthetic_report(mb: float, seed: int = 7) -> str:
    """Numbered paragraphs under chapter and section headings, with footnote rules and link lines at page breaks."""
    rng = random.Random(seed)
    out: list[str] = []
    size, n, chapter = 0, 0, 0
    while size < mb * 1_000_000:
        if n % 200 == 0:
            chapter += 1
            out += ["", f" {_roman(chapter)}. Activities of the Office in area {chapter}", ""]
        n += 1
        words = [rng.choice(_WORDS) for _ in range(rng.randint(40, 160))]
        body = f"{n}. In {2000 + n % 20}, UNODC " + " ".join(words) + "."
        lines = [body[i:i + 90] for i in range(0, len(body), 90)]
        if n % 25 == 0:  # a page break inside the paragraph
            lines[1:1] = ["______", f" {n % 9 + 1} See document A/{n}.", f"http://undocs.org/A/{n}"]
        out += lines
        size += len(body) + 40
    return "\n".join(out) + "\n"


def _roman(n: int) -> str:
    from ingest.headings import to_roman

    return to_roman(n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0, help="size of the synthetic report in MB (default 50)")
    ap.add_argument("--tracemalloc", action="store_true", help="measure peak traced allocations instead of RSS")
    args = ap.parse_args()
    text = synthetic_report(args.mb)
    import tqdm.auto  # noqa: F401  (the progress bar's import is a one-off cost, not memory the parse grows with)
    size = len(text.encode("utf-8")) / 1e6
    gc.collect()
    before = rss_mb()
    reset = reset_peak_rss()
    if args.tracemalloc:
        tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    report = parse_text_report(text, doc_id="synthetic", progress=True)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"input {size:.1f} MB, {len(report.paragraphs)} paragraphs, {len(report.anomalies)} anomalies")
    if args.tracemalloc:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"parse {seconds:.1f} s under tracemalloc (slowed; run without --tracemalloc for the speed)")
        print(f"peak traced memory {peak / 1e6:.0f} MB = {peak / 1e6 / size:.1f}x the input")
        return
    grown = (peak_rss_mb() - before) * 1.048576  # MiB -> MB, to compare with the input's MB
    print(f"parse {seconds:.1f} s = {size / seconds:.2f} MB/s wall clock; CPU {cpu:.1f} s = {size / cpu:.2f} MB/s")
    note = "" if reset else " (peak RSS could not be reset: includes building the input)"
    print(f"peak RSS growth {grown:.0f} MB = {grown / size:.1f}x the input{note}")


if __name__ == "__main__":
    main()
