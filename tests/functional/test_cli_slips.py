"""Small command-line slips: the flag named in a refusal, a closed pipe, singular and plural."""

import subprocess
import sys

from tui.cli import main
from tui.cli_inputs import plural

BASE = ["--tz", "Europe/Berlin", "--start-date", "2026-12-01"]


def test_egfr_refusal_names_the_flag_given(tmp_path, capsys):
    code = main(["new", "titrate", "--egfr", "45", "-o", str(tmp_path / "p.json"), *BASE])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("taperplan: error: --egfr: an eGFR is not a creatinine clearance")
    assert "--crcl:" not in err


def test_a_closed_pipe_ends_show_silently(tmp_path):
    plan = tmp_path / "t.json"
    # About 100 kB of JSON: more than a pipe holds, so the writer is still writing when the reader leaves.
    assert main(["new", "taper", "--from", "60", "--step", "0.5", "--every", "1", "--products", "sol1", "-o", str(plan), *BASE]) == 0
    # `taperplan show PLAN --format json | head -1`: the reader closes the pipe after one line.
    show = subprocess.Popen([sys.executable, "-m", "tui", "show", str(plan), "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert show.stdout is not None and show.stderr is not None
    assert show.stdout.readline() == b"{\n"
    show.stdout.close()
    err = show.stderr.read().decode()
    code = show.wait()
    assert "BrokenPipeError" not in err and "error" not in err and "Exception" not in err
    assert code == 141


def test_one_step_is_singular(tmp_path, capsys):
    code = main(["new", "titrate", "--start", "5", "--step", "5", "--target", "10", "--every", "3",
                 "-o", str(tmp_path / "p.json"), *BASE])
    out = capsys.readouterr().out
    assert code == 0 and ": 2 steps from" in out
    assert plural(1, "step") == "1 step" and plural(2, "phase") == "2 phases"
    code = main(["new", "taper", "--from", "10", "--step", "5", "-o", str(tmp_path / "q.json"), *BASE])
    out = capsys.readouterr().out
    assert code == 0 and ": 1 step from" in out
    code = main(["adjust", "add", str(tmp_path / "q.json"), "--step", "1", "--days", "7"])
    out = capsys.readouterr().out
    assert code == 0 and ": 1 phase, 1 step, stop on" in out


def test_the_app_summary_says_one_step(make_taper):
    from planner import build_schedule
    from tui.widgets.preview import summary_lines

    one = build_schedule(make_taper(10, amount=5))
    assert len(one.steps) == 1 and summary_lines(one)[0].startswith("1 step over 7 days from")
