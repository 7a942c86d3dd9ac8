"""ParaCite evaluation: the hand-written gold set (gold.jsonl), metrics, the side-by-side harness and its report."""
