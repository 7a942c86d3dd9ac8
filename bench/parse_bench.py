"""Parsing speed and memory on ~50 MB of synthetic report text (numbered paragraphs, headings, page-break junk).

    python -m bench.parse_bench            # 50 MB
    python -m bench.parse_bench --mb 5     # quicker

Prints MB/s of parse_text_report alone and peak traced memory relative to the input size (tracemalloc)."""
from __future__ import annotations

import argparse
import random
import time
import tracemalloc

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
    args = ap.parse_args()
    text = synthetic_report(args.mb)
    size = len(text.encode("utf-8")) / 1e6
    tracemalloc.start()
    started = time.perf_counter()
    report = parse_text_report(text, doc_id="synthetic")
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"input {size:.1f} MB, {len(report.paragraphs)} paragraphs, {len(report.anomalies)} anomalies")
    print(f"parse {seconds:.1f} s = {size / seconds:.2f} MB/s (under tracemalloc, which slows it)")
    print(f"peak traced memory {peak / 1e6:.0f} MB = {peak / 1e6 / size:.1f}x the input")


if __name__ == "__main__":
    main()
