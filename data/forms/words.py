"""The plain words the forms use: a label for every stored value a form offers, and for every
contract column a form fills (so that a problem found by the importer names the field the person
filled, not a CSV column)."""

from measures import formatting
from models.vocab import LADDER, LADDER_GROUPS

ROLES = {"young_person": "Young person", "staff": "Staff", "trainer": "Trainer", "volunteer": "Volunteer",
         "professional": "Professional (delegate)"}
AGE_BANDS = {"under_11": "Under 11", "11_15": "11 to 15", "16_18": "16 to 18", "19_25": "19 to 25",
             "over_25": "Over 25"}
YES_NO_PREFER = {"yes": "Yes", "no": "No", "prefer_not_to_say": "Prefers not to say"}
ACTIVITY_TYPES = {"workshop": "Workshop", "steering_group": "Steering group", "training": "Training",
                  "forum": "Forum", "governance": "Governance (young trustees, board)",
                  "recruitment": "Recruitment panel", "delivery": "Delivery to professionals", "social": "Social",
                  "other": "Other"}
STAGES = {"plan": "Plan", "design": "Design", "deliver": "Deliver", "review": "Review"}
MODES = {"in_person": "In person", "online": "Online", "hybrid": "Hybrid"}
LED_BY = {"young_people": "Young people", "co_led": "Co-led (young people and staff together)",
          "organisation": "The organisation (staff)"}
LADDER_RUNGS = {position: f"{position}. {name} ({LADDER_GROUPS[group].lower()})"
                for position, _code, name, group in LADDER}
ROLES_IN_SESSION = {"participant": "Taking part", "co_facilitator": "Co-facilitating", "lead": "Leading"}
TIMEPOINTS = {"pre": "Before (pre / baseline)", "post": "After (post)", "follow_up": "Follow-up"}
TIMEPOINTS_SHORT = {"pre": "pre", "post": "post", "follow_up": "follow-up"}
RATER_ROLES = {"young_person": "A young person", "staff": "A member of staff"}
FEEDBACK_STATUSES = {"raised": "Raised (not started)", "in_progress": "In progress", "done": "Done",
                     "not_possible": "Not possible"}

# contract file -> {column: the label of the field that fills it}
FIELDS: dict[str, dict[str, str]] = {
    "participants": {"participant_code": "Participant code", "role": "Role", "joined_on": "Joined on",
                     "age_band": "Age band", "disability": "Disability / SEND",
                     "care_experienced": "Care experienced", "consent_data_use": "Consent to use their data"},
    "sessions": {"session_code": "Session code", "programme_code": "Programme", "date": "Date",
                 "title": "Title", "activity_type": "Activity", "stage": "Stage of the work", "mode": "Mode",
                 "led_by": "Led by", "ladder_rung": "Ladder rung", "duration_hours": "Duration (hours)"},
    "attendance": {"session_code": "Session code", "participant_code": "On the register", "attended": "Came",
                   "role_in_session": "Role in the session", "paid_gbp": "Paid £", "expenses_gbp": "Expenses £"},
    "evaluations": {"participant_code": "Participant", "programme_code": "Programme", "timepoint": "When",
                    "completed_on": "Completed on", "skill": "Skill", "score": "Score"},
    "principle_ratings": {"session_code": "Session", "framework": "Framework", "principle": "Principle",
                          "rater_role": "Who is rating", "rater_code": "Their participant code", "score": "Score",
                          "rated_on": "Rated on", "comment": "Comment", "rating_code": "Rating code"},
    "feedback": {"item_code": "Item code", "programme_code": "Programme", "raised_on": "Raised on",
                 "you_said": "You said", "status": "Status", "we_did": "We did",
                 "responded_on": "Told back on"},
}


plural = formatting.plural  # '1 rating', '3 ratings': how every number is written
