"""Benchmark scripts (speed, scale, embedding runtimes): run as `python -m bench.<name>`; see bench/RESULTS.md."""
