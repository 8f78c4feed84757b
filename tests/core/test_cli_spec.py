"""``lint-spec`` and ``aql`` on the command line: JSON contract and exit codes."""

import io
import json

import pytest

from ta_desktop.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    return code, capsys.readouterr()


def test_lint_spec_json_reports_findings_with_offsets_into_the_file(tmp_path, capsys):
    text = "Material: ABS plastic\r\nColour: red — ship ASAP\n"
    path = tmp_path / "spec.txt"
    path.write_bytes(text.encode("utf-8"))
    code, out = run(capsys, "lint-spec", str(path), "--json")
    assert code == 0
    data = json.loads(out.out)
    assert set(data) == {"score", "findings", "missing"}
    assert isinstance(data["score"], int) and 0 <= data["score"] <= 100
    assert [f["text"] for f in data["findings"]] == ["red", "ASAP"]
    for finding in data["findings"]:
        assert set(finding) == {
            "rule", "severity", "start", "end", "text", "message", "suggestion"
        }
        assert finding["severity"] in {"error", "warning", "info"}
        assert text[finding["start"]:finding["end"]] == finding["text"]
    assert "quantity" in data["missing"]


def test_lint_spec_reads_standard_input(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("Shipment: July\n"))
    code, out = run(capsys, "lint-spec", "-", "--json")
    assert code == 0
    assert json.loads(out.out)["findings"][0]["rule"] == "DATE-VAGUE"


def test_lint_spec_exits_0_on_a_clean_spec_and_prints_a_table_without_json(tmp_path, capsys):
    path = tmp_path / "spec.txt"
    path.write_text("Colour: Pantone 186 C\nColour: blue\n", encoding="utf-8")
    code, out = run(capsys, "lint-spec", str(path))
    assert code == 0
    assert "Score:" in out.out and "COLOUR-CODE" in out.out and "blue" in out.out


def test_lint_spec_missing_file_is_a_usage_error(tmp_path, capsys):
    code, out = run(capsys, "lint-spec", str(tmp_path / "nope.txt"), "--json")
    assert code == 2
    assert "cannot read" in out.err and out.out == ""


def test_lint_spec_rejects_non_utf8(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Colour: rouge fonc\xe9".encode("latin-1"))
    code, out = run(capsys, "lint-spec", str(path), "--json")
    assert code == 2 and "UTF-8" in out.err


def test_aql_json_has_the_contract_keys(capsys):
    code, out = run(capsys, "aql", "--lot", "1000", "--major", "2.5", "--minor", "4.0", "--json")
    assert code == 0
    assert json.loads(out.out) == {
        "lot": 1000,
        "code_letter": "J",
        "major": {"aql": 2.5, "sample_size": 80, "accept": 5, "reject": 6},
        "minor": {"aql": 4.0, "sample_size": 80, "accept": 7, "reject": 8},
    }


def test_aql_without_json_prints_a_table(capsys):
    code, out = run(capsys, "aql", "--lot", "5000", "--critical", "0.065")
    assert code == 0
    assert "code letter L" in out.out and "critical" in out.out


@pytest.mark.parametrize(
    "argv",
    [
        ["aql", "--lot", "0", "--json"],
        ["aql", "--lot", "many", "--json"],
        ["aql", "--lot", "100", "--major", "3", "--json"],
        ["aql", "--json"],
        ["lint-spec"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert capsys.readouterr().err
