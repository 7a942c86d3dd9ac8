import json
import subprocess
import sys

from app.cli import main


def _dirs(real_index_dir, real_corpus_dir):
    return ["--index", str(real_index_dir), "--corpus", str(real_corpus_dir)]


def test_help_teaches_with_examples():
    out = subprocess.run([sys.executable, "-m", "app.cli", "--help"], capture_output=True, text=True, check=True)
    assert "paracite ask" in out.stdout and "PARACITE_" in out.stdout
    for cmd in ("ingest", "ask", "search", "serve", "eval"):
        assert cmd in out.stdout
    sub = subprocess.run([sys.executable, "-m", "app.cli", "ask", "--help"], capture_output=True, text=True, check=True)
    assert "--backend" in sub.stdout and "--json" in sub.stdout and "--section" in sub.stdout


def test_help_does_not_import_heavy_libraries():
    code = ("import sys, app.cli; app.cli.build_parser().format_help(); "
            "print(sorted(m for m in ('torch','faiss','gradio','sentence_transformers','langchain_core') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_ask_json_matches_the_contract(real_index_dir, real_corpus_dir, capsys):
    rc = main(["ask", "How many States were parties to the Organized Crime Convention?", "--json",
               *_dirs(real_index_dir, real_corpus_dir)])
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"answer", "citations", "abstained", "hits", "backend", "timings"}
    assert "189" in data["answer"] and data["abstained"] is False and data["backend"] == "extractive"
    c = data["citations"][0]
    assert set(c) >= {"paragraph", "doc_id", "section", "quote", "verified"}
    assert any(c["paragraph"] == 7 for c in data["citations"])
    assert all(set(h) >= {"paragraph", "score"} for h in data["hits"])


def test_search_json_and_section_filter(real_index_dir, real_corpus_dir, capsys):
    rc = main(["search", "cybercrime", "--section", "II.F", "--k", "3", "--json", *_dirs(real_index_dir, real_corpus_dir)])
    assert rc == 0
    hits = json.loads(capsys.readouterr().out)
    assert 1 <= len(hits) <= 3 and all(60 <= h["paragraph"] <= 62 for h in hits)


def test_follow_up_from_history_file(real_index_dir, real_corpus_dir, tmp_path, capsys):
    turns = tmp_path / "turns.json"
    turns.write_text(json.dumps([["How many States were parties to the Organized Crime Convention?", "189 [¶7]"]]))
    rc = main(["ask", "And to the Firearms Protocol?", "--history-json", str(turns), "--json",
               *_dirs(real_index_dir, real_corpus_dir)])
    assert rc == 0
    record = json.loads(capsys.readouterr().out)
    assert "115" in record["answer"] and "Firearms Protocol" in record["read_as"]
    rc = main(["ask", "And to the Firearms Protocol?", "--history-json", str(turns),
               *_dirs(real_index_dir, real_corpus_dir)])
    assert rc == 0  # the text output says what was searched
    assert f"read as: {record['read_as']}\n" in capsys.readouterr().out


def test_errors_are_one_line_without_traceback(tmp_path, capsys):
    empty = tmp_path / "corpus"
    empty.mkdir()
    rc = main(["search", "anything", "--index", str(tmp_path / "index"), "--corpus", str(empty)])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and err.startswith("error: ") and "Traceback" not in err and len(err.splitlines()) == 1


def test_empty_question_is_a_clear_error(real_index_dir, real_corpus_dir, capsys):
    rc = main(["ask", "   ", *_dirs(real_index_dir, real_corpus_dir)])
    assert rc == 2 and "empty" in capsys.readouterr().err
