"""The built-in vocabulary of docs/import-contract.md: every enumerated value the store accepts.

Values are stored lower-case exactly as written here; imports match them case-insensitively.
"""

ROLES = ("young_person", "staff", "trainer", "volunteer", "professional")
YOUNG_PERSON = "young_person"

AGE_BANDS = ("under_11", "11_15", "16_18", "19_25", "over_25")
YES_NO_PREFER = ("yes", "no", "prefer_not_to_say")

ACTIVITY_TYPES = (
    "workshop", "steering_group", "training", "forum", "governance",
    "recruitment", "delivery", "social", "other",
)
STAGES = ("plan", "design", "deliver", "review")
MODES = ("in_person", "online", "hybrid")
LED_BY = ("young_people", "co_led", "organisation")
YOUTH_LED = ("young_people", "co_led")

ROLES_IN_SESSION = ("participant", "co_facilitator", "lead")
LEADING_ROLES = ("co_facilitator", "lead")  # a young person in one of these led the session
TIMEPOINTS = ("pre", "post", "follow_up")
RATER_ROLES = ("young_person", "staff")
FEEDBACK_STATUSES = ("raised", "in_progress", "done", "not_possible")

# Ladder of co-production: position 1-7, bottom to top, in three groups.
LADDER = (
    (1, "coercion", "Coercion", "doing_to"),
    (2, "educating", "Educating", "doing_to"),
    (3, "informing", "Informing", "doing_for"),
    (4, "consultation", "Consultation", "doing_for"),
    (5, "engagement", "Engagement", "doing_for"),
    (6, "co_design", "Co-design", "doing_with"),
    (7, "co_production", "Co-production", "doing_with"),
)
LADDER_GROUPS = {"doing_to": "Doing to", "doing_for": "Doing for", "doing_with": "Doing with"}
DOING_WITH_RUNGS = (6, 7)

SKILLS = (
    ("leadership", "Leadership"),
    ("teamwork", "Teamwork"),
    ("listening", "Listening well"),
    ("sharing_opinion", "Sharing their opinion"),
    ("public_speaking", "Public speaking"),
    ("communication", "Communication"),
    ("confidence", "Confidence"),
    ("empathy", "Empathy"),
)

FRAMEWORKS = (
    ("voice_influence_charter", "Voice and Influence Charter", (
        ("rights_and_readiness", "Rights and readiness"),
        ("resources", "Resources"),
        ("strengths_and_positivity", "Strengths and positivity"),
        ("power_and_inclusion", "Power and inclusion"),
        ("relate_and_respect", "Relate and respect"),
    )),
    ("core_principles", "Three core principles of co-production", (
        ("recognise_contribution", "Recognise the contribution everyone has to make"),
        ("share_responsibility", "Share responsibility and work side by side"),
        ("negotiate_and_challenge", "Ability to negotiate and challenge"),
    )),
    ("lundy", "Lundy model of participation", (
        ("space", "Space"),
        ("voice", "Voice"),
        ("audience", "Audience"),
        ("influence", "Influence"),
    )),
)


def sql_in(values) -> str:
    """A CHECK-constraint list literal, e.g. "'a', 'b'" (only ever built from the constants above)."""
    return ", ".join(f"'{v}'" for v in values)
