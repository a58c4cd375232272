"""`taperplan export PLAN --pdf FILE` as a user runs it."""

from __future__ import annotations

import os
import stat

from handout_cases import all_text

from tui.cli import main

NEW = ["new", "titrate", "--start-date", "2026-12-01", "--tz", "Europe/Berlin"]


def test_export_writes_a_private_pdf_and_refuses_to_overwrite(tmp_path, capsys):
    plan, pdf = tmp_path / "p.json", tmp_path / "h.pdf"
    assert main([*NEW, "--patient", "Δημήτρης Παπαδόπουλος", "-o", str(plan)]) == 0
    assert main(["export", str(plan), "--pdf", str(pdf), "--issued", "2026-11-27", "--paper", "letter", "--large-print"]) == 0
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert stat.S_IMODE(os.stat(pdf).st_mode) == 0o600
    assert "Δημήτρης Παπαδόπουλος" in all_text(data) and "Issued Fri 27 Nov 2026" in all_text(data)
    capsys.readouterr()
    assert main(["export", str(plan), "--pdf", str(pdf)]) == 2
    assert "already exists; use --force" in capsys.readouterr().err
    assert main(["export", str(plan), "--pdf", str(pdf), "--issued", "2026-11-28", "--force"]) == 0
    assert pdf.read_bytes() != data


def test_a_cjk_name_is_refused_in_one_line_and_nothing_is_written(tmp_path, capsys):
    plan, pdf, text = tmp_path / "p.json", tmp_path / "h.pdf", tmp_path / "t.txt"
    assert main([*NEW, "--patient", "李小龍", "-o", str(plan)]) == 0
    capsys.readouterr()
    assert main(["export", str(plan), "--text", str(text), "--pdf", str(pdf)]) == 2
    err = capsys.readouterr().err
    assert err == "taperplan: error: patient name: character '李' cannot be printed with the handout font\n"
    assert not pdf.exists() and not text.exists()
