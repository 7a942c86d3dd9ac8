"""Embedding runtimes compared on the real report: speed and retrieval quality.

    python -m bench.embed_backends            # torch, torch-int8, onnx, onnx-int8 (+ st-onnx when optimum works)
    python -m bench.embed_backends --quick    # 30 passages, 5 questions

Variants of the same packaged all-MiniLM-L6-v2 weights:
- torch: sentence-transformers as the app uses it (fp32);
- torch-int8: torch dynamic int8 quantisation of the Linear layers (no extra package);
- onnx / onnx-int8: the transformer exported locally with torch.onnx (offline, no hub) and run with onnxruntime,
  int8 by onnxruntime.quantization.quantize_dynamic; tokenisation, mean pooling and normalisation as sentence-
  transformers does them;
- st-onnx: SentenceTransformer(path, backend="onnx"), only when optimum is importable.
Quality = dense-only hit@3 (a gold paragraph among the top 3 paragraphs) over the answerable eval questions, and
agreement with fp32 torch (cosine of the passage vectors, top-3 overlap). Exports are cached in bench/out/onnx/.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Sequence

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np  # noqa: E402

from bench._util import OUT_DIR, ROOT, machine, percentile, table, write_json  # noqa: E402
from bench.questions import load_questions  # noqa: E402

Encode = Callable[[Sequence[str]], np.ndarray]


def model_path() -> str:
    from ingest.embed import resolve_model

    return resolve_model("all-MiniLM-L6-v2")[1]


def load_torch(int8: bool = False) -> tuple[Encode, Any]:
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(model_path(), device="cpu")
    if int8:
        import torch
        from torch.ao.quantization import quantize_dynamic

        # in place on the whole module tree: the attribute holding the HF model differs between versions
        quantize_dynamic(st, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)
    return (lambda texts: st.encode(list(texts), batch_size=32, normalize_embeddings=True,
                                    convert_to_numpy=True).astype(np.float32)), st


def export_onnx(out_dir: Path) -> tuple[Path, Path, float]:
    """(fp32 file, int8 file, seconds spent exporting; 0 when cached)."""
    fp32, int8 = out_dir / "model.onnx", out_dir / "model_qint8.onnx"
    if fp32.exists() and int8.exists():
        return fp32, int8, 0.0
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from sentence_transformers import SentenceTransformer

    t0 = time.perf_counter()
    st = SentenceTransformer(model_path(), device="cpu")
    bert = st[0].auto_model.eval()

    class Body(torch.nn.Module):  # keyword call: BertModel's positional order differs between transformers versions
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    sample = st.tokenizer(["an example sentence"], return_tensors="pt")
    out_dir.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(Body(bert), tuple(sample[n] for n in names), str(fp32), input_names=names,
                      output_names=["last_hidden_state"], opset_version=17, dynamo=False,
                      dynamic_axes={n: {0: "batch", 1: "seq"} for n in names + ["last_hidden_state"]})
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    return fp32, int8, time.perf_counter() - t0


def load_ort(path: Path) -> tuple[Encode, Any]:
    import onnxruntime as ort
    from transformers import AutoTokenizer

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = os.cpu_count() or 1
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    tok = AutoTokenizer.from_pretrained(model_path())

    def encode(texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        order = np.argsort([-len(t) for t in texts])  # length-sorted batches pad less, as sentence-transformers does
        out = np.empty((len(texts), 384), dtype=np.float32)
        for s in range(0, len(texts), 32):
            idx = order[s:s + 32]
            enc = tok([texts[i] for i in idx], padding=True, truncation=True, max_length=256, return_tensors="np")
            feed = {k: enc[k].astype(np.int64) for k in ("input_ids", "attention_mask", "token_type_ids")}
            hidden = sess.run(None, feed)[0]
            mask = feed["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(1) / np.maximum(mask.sum(1), 1e-9)
            out[idx] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return out

    return encode, sess


def load_st_onnx() -> tuple[Encode, Any]:
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(model_path(), device="cpu", backend="onnx")
    return (lambda texts: st.encode(list(texts), batch_size=32, normalize_embeddings=True).astype(np.float32)), st


def corpus_chunks(corpus: Path, limit: int | None) -> tuple[list[str], list[int]]:
    """(embed texts, paragraph number of each) exactly as the app's ingest makes them."""
    from ingest.build import build_index
    from ingest.embed import make_embedder
    from ingest.store import load_index

    emb = make_embedder("all-MiniLM-L6-v2")
    with tempfile.TemporaryDirectory(prefix="paracite-embed-") as tmp:
        shutil.copytree(corpus, Path(tmp) / "corpus")
        build_index(Path(tmp) / "corpus", Path(tmp) / "index", emb, progress=False)
        chunks = load_index(Path(tmp) / "index").chunks
    chunks = chunks[:limit] if limit else chunks
    return [c.embed_text for c in chunks], [c.paragraph for c in chunks]


def hit_at_3(q_vecs: np.ndarray, p_vecs: np.ndarray, para_of: list[int], gold: list[frozenset[int]]) -> float:
    hits = 0
    for qv, g in zip(q_vecs, gold):
        top: list[int] = []
        for i in np.argsort(-(p_vecs @ qv)):
            if para_of[i] not in top:
                top.append(para_of[i])
            if len(top) == 3:
                break
        hits += bool(g & set(top))
    return hits / max(1, len(gold))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.embed_backends", description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=str(ROOT / "corpus"))
    p.add_argument("--variants", default="torch,torch-int8,onnx,onnx-int8,st-onnx")
    p.add_argument("--quick", action="store_true", help="30 passages, 5 questions")
    p.add_argument("--no-save", action="store_true")
    args = p.parse_args(argv)
    texts, para_of = corpus_chunks(Path(args.corpus), 30 if args.quick else None)
    qs = [q for q in load_questions()[0] if q.answerable and q.gold]
    qs = qs[:5] if args.quick else qs
    questions, gold = [q.text for q in qs], [q.gold for q in qs]
    onnx_dir = OUT_DIR / "onnx"
    loaders: dict[str, Callable[[], tuple[Encode, Any]]] = {
        "torch": load_torch, "torch-int8": lambda: load_torch(int8=True),
        "onnx": lambda: load_ort(export_onnx(onnx_dir)[0]), "onnx-int8": lambda: load_ort(export_onnx(onnx_dir)[1]),
        "st-onnx": load_st_onnx,
    }
    rows: list[dict[str, Any]] = []
    ref_p = ref_q = None
    for name in [v.strip() for v in args.variants.split(",") if v.strip()]:
        t0 = time.perf_counter()
        try:
            if name.startswith("onnx"):
                export_s = export_onnx(onnx_dir)[2]
                t0 = time.perf_counter()
            else:
                export_s = 0.0
            encode, _keep = loaders[name]()
        except Exception as err:  # a missing optional runtime is a result to report, not a crash
            rows.append({"variant": name, "note": f"skipped: {type(err).__name__}: {str(err).splitlines()[0][:120]}"})
            print(rows[-1], file=sys.stderr)
            continue
        load_s = time.perf_counter() - t0
        encode(texts[:8])  # warm-up
        t0 = time.perf_counter()
        p_vecs = encode(texts)
        enc_s = time.perf_counter() - t0
        lat = []
        q_vecs = np.empty((len(questions), p_vecs.shape[1]), dtype=np.float32)
        for i, q in enumerate(questions):
            t0 = time.perf_counter()
            q_vecs[i] = encode([q])[0]
            lat.append((time.perf_counter() - t0) * 1000)
        if ref_p is None:
            ref_p, ref_q = p_vecs, q_vecs
        agree = np.mean([len(set(np.argsort(-(ref_p @ a))[:3]) & set(np.argsort(-(p_vecs @ b))[:3])) / 3
                         for a, b in zip(ref_q, q_vecs)])
        rows.append({"variant": name, "export_s": export_s, "load_s": load_s, "passages_per_s": len(texts) / enc_s,
                     "query_p50_ms": percentile(lat, 50), "query_p95_ms": percentile(lat, 95),
                     "hit3": hit_at_3(q_vecs, p_vecs, para_of, gold),
                     "cos_vs_torch": float((ref_p * p_vecs).sum(1).mean()), "top3_agree": float(agree), "note": ""})
        print(rows[-1], file=sys.stderr, flush=True)
    info = machine()
    print(f"# embedding backends ({info['date']}, {info['nproc']} x {info['cpu']}, load {info['loadavg']}): "
          f"{len(texts)} passages, {len(questions)} answerable gold questions\n")
    print(table(rows, ["variant", "export_s", "load_s", "passages_per_s", "query_p50_ms", "query_p95_ms", "hit3",
                       "cos_vs_torch", "top3_agree", "note"]))
    if not args.no_save:
        print(f"\nraw: {write_json('embed_backends', {'machine': info, 'rows': rows})}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
