"""The forms for day-to-day capture, apart from Streamlit: each builds rows of the data contract
and saves them through the importer (data.forms.saving), so the import's rules are the forms'
rules. Each save returns a sentence saying what was saved, or raises FormRejected with every
problem in the form's words, having changed nothing; each save is audited.

    message = save_session(engine, "alex", SessionDetails(...), [RegisterLine("Y1", True), ...])
"""

from data.forms.evaluation import EvaluationEntry, save_evaluation
from data.forms.feedback import FeedbackEntry, add_feedback, update_feedback
from data.forms.participant import NewParticipant, save_participant
from data.forms.rating import RatingEntry, save_ratings
from data.forms.saving import FormProblem, FormRejected
from data.forms.session import RegisterLine, SessionDetails, save_session

__all__ = ["EvaluationEntry", "FeedbackEntry", "FormProblem", "FormRejected", "NewParticipant", "RatingEntry",
           "RegisterLine", "SessionDetails", "add_feedback", "save_evaluation", "save_participant", "save_ratings",
           "save_session", "update_feedback"]
