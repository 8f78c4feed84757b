"""The command-line contract for evidence: names, JSON keys, exit codes."""

import json
import subprocess
import sys

from ta_desktop.cli import main
from tests.evidence_files import EXE_HEAD, fake_video, image_bytes, image_file, write


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_evidence_json_has_the_contract_keys_and_exit_0_when_ok(tmp_path, capsys):
    photo = image_file(tmp_path, "photo.jpg")
    renamed = write(tmp_path, "screen.jpg", image_bytes("PNG"))
    code, out, _ = run(capsys, "check-evidence", photo, renamed, "--json")
    report = json.loads(out)
    assert code == 0
    assert set(report) == {"ok", "files", "set_problems"} and report["ok"] is True
    first, second = report["files"]
    assert set(first) == {"path", "ok", "detected_type", "problems", "warnings"}
    assert first == {"path": str(photo), "ok": True, "detected_type": "jpeg", "problems": [],
                     "warnings": []}
    assert second["ok"] is True and second["detected_type"] == "png"
    assert [set(w) for w in second["warnings"]] == [{"rule", "message"}]


def test_check_evidence_exits_1_with_rule_ids_when_a_rule_is_broken(tmp_path, capsys):
    files = [image_file(tmp_path, f"p{n}.jpg") for n in range(5)]
    files.append(write(tmp_path, "setup.jpg", EXE_HEAD))
    code, out, _ = run(capsys, "check-evidence", *files, "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    assert report["files"][-1]["problems"][0]["rule"] == "EV-TYPE"
    assert report["files"][-1]["detected_type"] == "exe"
    assert [p["rule"] for p in report["set_problems"]] == ["EV-COUNT"]
    assert set(report["set_problems"][0]) == {"rule", "message"}


def test_check_evidence_is_readable_without_json(tmp_path, capsys):
    code, out, _ = run(capsys, "check-evidence", write(tmp_path, "empty.png", b""))
    assert code == 1 and "EV-EMPTY" in out and "cannot be uploaded" in out


def test_a_missing_file_is_one_line_and_exit_2(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "ta_desktop", "check-evidence", str(tmp_path / "gone.jpg"),
         "--json"], capture_output=True, text=True, check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "gone.jpg does not exist" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_fit_evidence_writes_an_uploadable_set_and_exits_0(tmp_path, capsys):
    sources = [image_file(tmp_path, f"photo {n}.webp", "WEBP") for n in range(7)]
    code, out, _ = run(capsys, "fit-evidence", *sources, "--out", tmp_path / "up", "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"] is True and report["unfit"] == []
    assert len(report["produced"]) <= 5 and report["check"]["ok"] is True
    assert {"path", "size", "action", "note", "sources"} <= set(report["produced"][0])


def test_fit_evidence_exits_1_and_says_what_could_not_fit(tmp_path, capsys):
    video = fake_video(tmp_path, "unboxing.mp4", 40_000_000)
    code, out, _ = run(capsys, "fit-evidence", video, "--out", tmp_path / "up")
    assert code == 1
    assert "could not fit" in out and "EV-SIZE" in out and "40.0 MB" in out


def test_fit_evidence_dry_run_writes_nothing(tmp_path, capsys):
    photo = image_file(tmp_path, "photo#1.jpg")
    code, out, _ = run(capsys, "fit-evidence", photo, "--out", tmp_path / "up", "--dry-run")
    assert code == 0 and "photo-1.jpg" in out
    assert not (tmp_path / "up").exists()
