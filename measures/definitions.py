"""Every measure's definition in plain words: the one text that the explorer shows next to a
measure and that the measure functions follow (`measures/engagement.py`, `skills.py`,
`principles.py`, `feedback.py`, `representation.py`, `depth.py`; the precise rules are in
docs/measures.md).

Written for staff, trainers and young people at a forum, so nobody needs an analyst beside
them. Change a definition here, and everything that shows it changes with it.
"""

DEFINITIONS = {
    "active_young_people": (
        "Young people taking part: how many different young people came to at least one session in "
        "the period. Someone who came ten times counts once."),
    "sessions_held": "Sessions held: how many sessions took place in the period, whoever came.",
    "attendance_rate": (
        "Attendance rate: of the young people expected at sessions, the share who came. Every "
        "expected place counts once: 8 came out of 10 expected is 80%."),
    "returning_share": (
        "Young people who came back: of the young people taking part in the period, the share who "
        "also took part in the period of the same length just before it."),
    "involvement_hours": (
        "Hours of involvement: the hours young people spent in sessions, adding up the length of "
        "each session for each young person who came."),
    "youth_led_share": (
        "Sessions led by young people: the share of sessions that young people led, or co-led "
        "with staff."),
    "doing_with_share": (
        "'Doing with' sessions: of the sessions placed on the ladder of co-production, the share on "
        "its top two rungs, co-design and co-production."),
    "mean_skill_change": (
        "Change in skills: young people rate their own skills from 1 to 5 before and after a "
        "programme. For each young person, skill and programme, the first 'before' rating is paired "
        "with the latest 'after' rating; the change is after minus before, and this is the average "
        "change. A rating without its pair is left out. Beside it: the 95% interval, the range the "
        "true average change most likely lies in, and a verdict: improved (the whole interval is above "
        "0), declined (all below 0), no clear change, or too few to say (fewer than 10 pairs)."),
    "share_improved": (
        "Skills improved: of the before-and-after pairs of ratings (one per young person, skill and "
        "programme), the share where the 'after' rating is higher than the 'before' rating."),
    "principle_mean": (
        "Principles kept, average rating: after a session, young people and staff rate how well it "
        "kept each principle, from 1 (not at all) to 5 (completely). This is the average of those "
        "ratings."),
    "principle_share_4_5": (
        "Principles kept, ratings of 4 or 5: of all the ratings of how well a session kept a "
        "principle, the share that were 4 or 5 out of 5."),
    "representation": (
        "Who gets to lead: for each group of young people (by age band, disability or care "
        "experience), how many took part, how many led or co-facilitated at least one session they "
        "came to, and how many came to a 'doing with' session (co-design or co-production). The "
        "representation ratio is the group's share of those who led divided by its share of those "
        "taking part: 1 is fair, below 1 the group leads less often than it takes part."),
    "depth": (
        "Depth of involvement and skills gained: young people grouped by how many sessions they came to "
        "in the period (1, 2 to 4, 5 to 9, 10 or more), and for each group the change in skills over "
        "their before-and-after pairs (all skills together): the average change with its 95% interval, "
        "the share improved and a verdict (too few to say below 10 pairs). It shows whether deeper "
        "involvement goes with bigger gains, not that it causes them."),
    "feedback_raised": (
        "Things young people raised: how many 'you said' items were raised in the period."),
    "told_back_share": (
        "Told back: of the 'you said' items raised in the period, the share where young people were "
        "told what happened by the end of the period."),
    "median_days_to_tell_back": (
        "Days to tell back: for the items told back, the number of days from raising an item to "
        "telling young people what happened. Half were quicker than this, half slower (the median)."),
}

# Figures the overview shows that the explorer does not offer (its catalogue has exactly the
# measures above).
OTHER_DEFINITIONS = {
    "health_index": (
        "Health index: the weighted average of its components, each scored out of 100. A component "
        "without data is left out and the others' weights are scaled up. The weights and the green and "
        "amber thresholds are the organisation's to set, in Settings."),
    "open_over_30_days": (
        "Feedback overdue: 'you said' items of any date still without a response 30 days or more after "
        "they were raised."),
    "paid_total_gbp": (
        "Paid to young people: payments for their time at sessions they came to, in pounds. Travel "
        "expenses are not included."),
}


def definition(measure: str) -> str:
    """The plain-words definition of a figure: a measure in the explorer's catalogue, or one of
    the overview's other figures."""
    return DEFINITIONS[measure] if measure in DEFINITIONS else OTHER_DEFINITIONS[measure]
