"""Names and verdicts inside a board snapshot's words. The figures themselves, and their changes, are
written by `measures.formatting` (worked out from the figures as shown, so "from 83% to 90%"
always says "up 7 points"); skills get their verdict and likely range as on the skills page
(`measures.skills_page`), never a bare average change from fewer than 10 pairs."""

from dataclasses import dataclass

import pandas as pd

from measures.formatting import count, hidden, signed
from measures.pair_statistics import FEWEST_FOR_A_VERDICT, TOO_FEW
from measures.skills_page import NOTHING, ONE_PAIR, likely_range, verdict_words
from measures.suppression import is_suppressed

POOLED = "All skills together"
VERDICT_HEADINGS = ["Skill", "Pairs", "Average change (likely range)", "Verdict"]


def quoted_name(name: str) -> str:
    """A principle or skill inside a sentence: 'Power and inclusion' becomes 'power and inclusion';
    a first word with more capitals ('BAME voices', 'SEND support') keeps them."""
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        name = name[0].lower() + name[1:]
    return f"'{name}'"


@dataclass(frozen=True)
class SkillVerdict:
    """A skill (or all skills together) as the board reads it: every figure as text."""
    skill: str
    pairs: str
    change: str      # the average change with its likely range (the 95% interval), never alone
    verdict: str     # 'Improved', 'No clear change', 'Declined', 'Too few to say', or hidden

    def cells(self) -> list[str]:
        return [self.skill, self.pairs, self.change, self.verdict]


def has_pairs(pairs) -> bool:
    """Pairs to speak of: some, or hidden ones."""
    return is_suppressed(pairs) or (pairs is not None and pairs == pairs and pairs > 0)


def too_few(row: dict) -> bool:
    """Fewer than 10 pairs: the verdict says so (worked out from the exact pairs when the snapshot
    was taken); a snapshot taken before verdicts were kept has only its pairs."""
    if "verdict" in row:
        return row["verdict"] == TOO_FEW
    pairs = row.get("pairs")
    return not is_suppressed(pairs) and pairs is not None and pairs < FEWEST_FOR_A_VERDICT


def skill_verdict(skill: str, row: dict, k: int) -> SkillVerdict:
    """One skill's row (of the snapshot's skills frame, or `skills_pooled`) as text."""
    if is_suppressed(row["pairs"]) or is_suppressed(row.get("verdict")):
        return SkillVerdict(skill, hidden(k), NOTHING, NOTHING)
    interval = likely_range(row.get("ci95_low"), row.get("ci95_high"))
    said = interval if interval == ONE_PAIR else f"likely {interval}"
    return SkillVerdict(skill, count(row["pairs"]), f"{signed(row['mean_change'])} ({said})",
                        verdict_words(row["verdict"]))


def skill_verdicts(skills: pd.DataFrame, pooled: dict | None, k: int) -> list[SkillVerdict] | None:
    """Each skill with pairs (hidden ones too), then all skills together; None when the snapshot
    was taken before intervals and verdicts were kept (its skills frame has no verdict)."""
    if "verdict" not in skills.columns:
        return None
    rows = [skill_verdict(r["skill_name"], r, k) for r in skills.to_dict("records") if has_pairs(r["pairs"])]
    if pooled and has_pairs(pooled.get("pairs")):
        rows.append(skill_verdict(POOLED, pooled, k))
    return rows


def verdicts_note() -> str:
    """How to read the verdicts, in plain words."""
    return ("Average change: young people's own rating after minus before, from 1 to 5, for each pair of a young "
            "person's first 'before' and latest 'after' rating. The likely range is the 95% confidence interval: "
            "'improved' when the whole range is above 0, 'declined' when it is below 0, 'no clear change' when it "
            f"takes in 0. With fewer than {count(FEWEST_FOR_A_VERDICT)} pairs it is too few to say, whatever the "
            "average. Pairs are rounded like every count of young people; the verdict comes from the exact pairs.")


def verdicts_table(rows: list[SkillVerdict]) -> pd.DataFrame:
    return pd.DataFrame([row.cells() for row in rows], columns=VERDICT_HEADINGS)

