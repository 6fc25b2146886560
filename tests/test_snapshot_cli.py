"""manage.py snapshot create / list / export, as a script preparing board papers runs them."""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from board_snapshots.saved import get_snapshot, list_snapshots
from cli.main import main
from models.audit import recent
from models.schema import open_store
from tests import small_org

ROOT = Path(__file__).resolve().parent.parent


def manage(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=180)


@pytest.fixture
def org_url(store_url, monkeypatch):
    small_org.build(open_store(store_url))
    monkeypatch.setenv("DATABASE_URL", store_url)
    return store_url


def test_create_list_and_export_in_separate_processes(org_url, tmp_path):
    made = manage(org_url, "snapshot", "create", "--name", "Board Q1 2024", "--from", "2024-01-01", "--to",
                  "2024-03-31", "--meeting", "2024-04-15")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Took snapshot 'Board Q1 2024' for the board meeting on 2024-04-15, covering "
                                  "2024-01-01 to 2024-03-31 (figures under 5 young people hidden).")
    listed = manage(org_url, "snapshot", "list")
    assert listed.returncode == 0 and "2024-04-15  2024-01-01 to 2024-03-31" in listed.stdout
    assert listed.stdout.rstrip().endswith("Board Q1 2024")
    pdf, pngs = tmp_path / "pack.pdf", tmp_path / "charts"
    exported = manage(org_url, "snapshot", "export", "Board Q1 2024", "--pdf", str(pdf), "--png-dir", str(pngs))
    assert exported.returncode == 0, exported.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # tests/test_measures.py has 56 from exact shares; protected at k = 5: attendance 10 of 12 -> 10 of 10
    # (12/5 = 2.4 -> 2 x 5) = 100; skills improved 4 of 6 -> 5 of 5 (0.8 -> 1 x 5, 1.2 -> 1 x 5) = 100;
    # ratings of 4 or 5, 9 of 15 -> 10 of 15 (1.8 -> 2 x 5) = 66.67; within 30 days 20; youth-led 50:
    # (100 + 100 + 66.67 + 20 + 50) / 5 = 67.3 -> 67.
    assert "Board meeting: 15 April 2024" in text and "67 out of 100" in text
    # At k = 5: health components, March's 5 young people, the share-responsibility ratings (5 young
    # people), feedback; 'voice' (4 young raters) has only a staff point, Lundy still drawn. No skills:
    # teamwork (one young person) is hidden, and confidence (5 pairs) with it, as for every protected
    # audience, so that the pooled share improved cannot give teamwork back.
    assert sorted(p.name for p in pngs.iterdir()) == [
        "active-by-month.png", "feedback-by-month.png", "health-components.png", "principles-core_principles.png",
        "principles-lundy.png"]


def test_create_defaults_the_meeting_to_today_and_is_audited(org_url, capsys):
    assert main(["snapshot", "create", "--name", "Today", "--from", "2024-01-01", "--to", "2024-03-31"]) == 0
    engine = open_store(org_url)
    assert get_snapshot(engine, "Today").meeting_date == date.today()
    taken = recent(engine)
    taken = taken[taken["action"] == "board snapshot taken"]
    assert len(taken) == 1 and taken["actor"].iloc[0].startswith("command line")
    assert json.loads(taken["detail"].iloc[0])["name"] == "Today"


def test_list_says_when_there_are_none(org_url, capsys):
    assert main(["snapshot", "list"]) == 0
    assert "No board snapshots yet" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["--name", "Q1", "--from", "2024-03-31", "--to", "2024-01-01"], "--to 2024-01-01 is before --from 2024-03-31."),
    (["--name", "   ", "--from", "2024-01-01", "--to", "2024-03-31"], "Give the snapshot a name"),
    (["--name", "Q1", "--from", "2024-01-01", "--to", "2024-03-31", "--meeting", "2023-12-01"],
     "before the start of the period"),
    # A snapshot's figures are for trustees and the board pack: whole months only.
    (["--name", "Q1", "--from", "2024-01-10", "--to", "2024-03-31"],
     "Nothing taken: a snapshot covers whole months, from the 1st of a month to the last day of a month (asked "
     "for 2024-01-10 to 2024-03-31). For the whole months these dates touch, use --from 2024-01-01 --to 2024-03-31."),
    (["--name", "Q1", "--from", "2024-01-01", "--to", "2024-03-30"], "use --from 2024-01-01 --to 2024-03-31."),
    (["--name", "Q1", "--from", "2024-02-01", "--to", "2024-02-28"], "use --from 2024-02-01 --to 2024-02-29."),
])
def test_bad_create_input_is_refused_with_a_message(org_url, capsys, args, message):
    assert main(["snapshot", "create", *args]) == 2
    assert message in capsys.readouterr().err
    assert list_snapshots(open_store(org_url)).empty


def test_a_date_that_is_not_a_date_is_refused(org_url, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["snapshot", "create", "--name", "Q1", "--from", "2024-13-01", "--to", "2024-03-31"])
    assert exited.value.code == 2
    assert "'2024-13-01' is not a date (use YYYY-MM-DD)" in capsys.readouterr().err


def test_a_duplicate_name_is_refused_and_the_first_kept(org_url, capsys):
    assert main(["snapshot", "create", "--name", "Q1", "--from", "2024-01-01", "--to", "2024-03-31"]) == 0
    first = get_snapshot(open_store(org_url), "Q1")
    assert main(["snapshot", "create", "--name", "Q1", "--from", "2023-10-01", "--to", "2023-12-31"]) == 2
    assert "There is already a snapshot called 'Q1'" in capsys.readouterr().err
    assert get_snapshot(open_store(org_url), "Q1").period == first.period


def test_exporting_an_unknown_name_says_so(org_url, capsys, tmp_path):
    assert main(["snapshot", "export", "Nope", "--pdf", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "There is no snapshot called 'Nope'" in err and "manage.py snapshot list" in err
    assert not (tmp_path / "x.pdf").exists()


def test_an_unwritable_pdf_path_is_a_clear_error(org_url, capsys, tmp_path):
    assert main(["snapshot", "create", "--name", "Q1", "--from", "2024-01-01", "--to", "2024-03-31"]) == 0
    assert main(["snapshot", "export", "Q1", "--pdf", str(tmp_path / "no" / "such" / "x.pdf")]) == 2
    assert "Could not write the files" in capsys.readouterr().err
