"""Protected figures on the hand-worked small organisation (tests/small_org.py): the admin's
are unchanged, the trustee's rounded as docs/disclosure.md says, questions a protected audience
may not ask refused, by `check_question` and by `manage.py measures --audience`. The generated
attacks are in tests/test_disclosure_attacks.py."""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from measures.audiences import ADMIN, ONE_CHARACTERISTIC_AT_A_TIME, PROTECTED, QuestionRefused, check_question
from measures.filters import Filters, Period
from measures.report import measures_json
from models.schema import open_store
from tests import small_org

ROOT = Path(__file__).resolve().parent.parent

# --- admin figures unchanged; the trustee's view of the small organisation ----------------------

Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))


def test_admin_figures_are_unchanged_and_trustee_figures_protected(small_org):
    default = measures_json(small_org, Q1, Filters())
    admin = measures_json(small_org, Q1, Filters(), audience="admin")
    assert default == admin
    # By hand from tests/small_org.py, young people's attended records in Q1 (D is in April, E in
    # December, S1 is staff): A 2.0h Y1 Y2 Y4 (paid 20+20+0, expenses 5); B 3.0h Y1 Y5 (15);
    # C 1.5h Y2 Y6 Y7 (10+10+10); F 2.0h Y1 Y3 (5). Seven young people, 6+6+4.5+4 = 20.5 hours,
    # 40+15+30+5 = 90 pounds paid, 5 pounds of expenses.
    assert admin["engagement"]["active_young_people"] == 7
    assert admin["engagement"]["involvement_hours"] == 20.5
    assert admin["remuneration"]["paid_total_gbp"] == 90.0
    assert admin["remuneration"]["expenses_total_gbp"] == 5.0

    trustee = measures_json(small_org, Q1, Filters(), audience="trustee")
    assert measures_json(small_org, Q1, Filters(), audience="trustee") == trustee  # asked again: the same
    # 7 -> 5 (7/5 = 1.4, half up to 1 five); 20.5 h -> 20 (4.1 fives -> 4); 90 pounds -> 100
    # (1.8 fifties -> 2); 5 pounds -> 0 (0.1 fifties -> 0).
    assert trustee["engagement"]["active_young_people"] == 5
    assert trustee["engagement"]["involvement_hours"] == 20.0
    assert trustee["remuneration"]["paid_total_gbp"] == 100.0
    assert trustee["remuneration"]["expenses_total_gbp"] == 0.0
    young_people_counts = ["active_young_people"]  # sessions_held counts sessions: shown as it is
    for key in young_people_counts:
        value = trustee["engagement"][key]
        assert value is None or value % 5 == 0
    assert trustee["engagement"]["sessions_held"] == admin["engagement"]["sessions_held"] == 4  # A B C F
    assert set(admin["suppressed"]) <= set(trustee["suppressed"])
    # Age bands 11_15 (Y1-Y3) and 16_18 (Y4-Y7) together are the same seven young people, in
    # whichever order the bands are listed.
    bands = measures_json(small_org, Q1, Filters(age_bands=("16_18", "11_15")), audience="trustee")
    assert bands == measures_json(small_org, Q1, Filters(age_bands=("11_15", "16_18")), audience="trustee")
    assert bands["engagement"]["active_young_people"] == 5
    assert admin["suppressed"], "the small organisation has suppressed figures to compare"


def test_every_protected_audience_refuses_and_answers_alike(small_org):
    """check_question is the front door: a part-month period is refused for every protected
    audience (not for admin); two characteristics at once for all but an export."""
    part_month = Period(date(2024, 1, 2), date(2024, 3, 31))
    check_question(ADMIN, part_month, Filters())
    check_question(ADMIN, Q1, Filters(age_bands=("11_15",), disability=("yes",)))
    for audience in PROTECTED:
        with pytest.raises(QuestionRefused, match="whole months"):
            check_question(audience, part_month, Filters())
        crossed = Filters(age_bands=("11_15",), care_experienced=("yes",))
        if audience in ONE_CHARACTERISTIC_AT_A_TIME:
            with pytest.raises(QuestionRefused, match="age band and care experience"):
                check_question(audience, Q1, crossed)
        else:
            check_question(audience, Q1, crossed)


# --- the command line -------------------------------------------------------------------------------

def manage(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def small_org_store(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('audiences')}/store.db"
    small_org.build(open_store(url))
    return url


def test_cli_refuses_a_period_that_is_not_whole_months(small_org_store):
    result = manage(small_org_store, "measures", "--from", "2024-01-02", "--to", "2024-03-31", "--json",
                    "--audience", "trustee")
    assert result.returncode == 2
    assert "whole months" in result.stderr and result.stdout == ""


def test_cli_refuses_two_characteristics_at_once(small_org_store):
    result = manage(small_org_store, "measures", "--from", "2024-01-01", "--to", "2024-03-31",
                    "--age-band", "11_15", "--disability", "yes", "--json", "--audience", "trustee")
    assert result.returncode == 2
    assert "age band and disability" in result.stderr and result.stdout == ""


def test_cli_answers_a_whole_month_question_with_protected_figures(small_org_store):
    result = manage(small_org_store, "measures", "--from", "2024-01-01", "--to", "2024-03-31", "--json",
                    "--audience", "trustee")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    active = data["engagement"]["active_young_people"]
    assert active is None or active % 5 == 0
    assert active == 5  # 7 young people in Q1 (see above), rounded half up to a multiple of 5
