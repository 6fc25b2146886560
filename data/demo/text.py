"""The words of the demo organisation: its programmes, session titles, comments and
"you said, we did" items. Plain language, in the voice of UK youth organisations.
Only codes identify people; no text here names a young person."""

import tomllib
from datetime import date
from pathlib import Path


def _programmes() -> list[dict]:
    """The programmes of programmes.toml, as the generator expects them: keys in file order,
    lists as tuples, `end` None for a programme still running."""
    with (Path(__file__).parent / "programmes.toml").open("rb") as file:
        rows = tomllib.load(file)["programme"]
    programmes = []
    for row in rows:
        programme = {}
        for key, value in row.items():
            programme[key] = tuple(value) if isinstance(value, list) else value
            if key == "start":
                programme["end"] = row.get("end")
        programmes.append(programme)
    return programmes


PROGRAMMES = _programmes()


TITLES = {
    "PODCAST": dict(
        steering_group=["Podcast steering group", "Picking topics and guests",
                        "Planning the next series"],
        workshop=["Storytelling workshop", "Recording an episode", "Editing and sound design",
                  "Interview practice", "Scripting an episode", "Listening back and giving notes"],
        training=["Audio skills training", "Recording kit training", "Safe storytelling training"],
        delivery=["Episode launch", "Playing episodes to social workers",
                  "Talking about the podcast at a conference"],
        social=["Pizza and catch-up", "Series celebration"],
        forum=["What did the series change? Review with staff"]),
    "SOCIAL": dict(
        steering_group=["Keeping It Social steering group", "Choosing this round's topics"],
        workshop=["What social media is really like", "Designing a resource",
                  "Testing exercises with the group", "Online conflict: what helps",
                  "Making short videos"],
        delivery=["Running our session in a school", "Resource launch with youth workers",
                  "Session for parents and carers"],
        forum=["Review with staff: what worked"],
        social=["Games night"]),
    "TRAINING": dict(
        steering_group=["Training design group", "Who needs this training next?"],
        workshop=["Co-designing the course", "Writing the case studies", "Practice run",
                  "Sharing lived experience safely"],
        training=["Train the trainer", "Facilitation skills", "Rehearsal with the trainers"],
        delivery=["Training for social workers", "Training for youth justice staff",
                  "Training for mental health teams", "Conference workshop for practitioners"],
        forum=["Co-production staff forum", "Course review with delegates' feedback"]),
    "AMBASSADORS": dict(
        steering_group=["Ambassadors' meeting", "Planning the year ahead"],
        workshop=["Reviewing the co-production policy", "Co-production workshop for staff",
                  "Preparing a speech", "Designing a workshop for young people"],
        training=["Public speaking training", "Safeguarding and boundaries"],
        delivery=["Speaking at a funders' event", "Running a workshop for another charity",
                  "Open day stall"],
        forum=["Co-production staff forum", "Ambassadors meet the leadership team"],
        social=["End of year celebration", "Welcome evening"]),
    "TRUSTEES": dict(
        steering_group=["Youth steering group", "Checking the budget in plain words",
                        "Policy review with the steering group"],
        governance=["Board meeting", "Board strategy day", "Finance and risk committee",
                    "Board pre-meeting with the chair"],
        training=["Trustee induction", "Reading board papers together"]),
    "PANELS": dict(
        steering_group=["Panel planning group", "What makes a good youth worker?"],
        training=["Interview skills training", "Fair recruitment training",
                  "Scoring answers together"],
        workshop=["Writing interview questions", "Designing the candidate task"],
        recruitment=["Interview panel: youth worker", "Interview panel: trainer",
                     "Interview panel: programme manager", "Shortlisting with the panel",
                     "Interview panel: volunteer coordinator"],
        other=["Feedback to candidates"]),
}

# Rating comments: (rater_role, good?) -> texts.
COMMENTS = {
    ("young_person", True): [
        "We got to decide what happened today", "Staff really listened", "My idea got used",
        "Everyone got a turn to speak", "They told us what changed since last time",
        "Felt like a proper team", "I led part of it and felt trusted",
        "Good that we were paid on the day"],
    ("young_person", False): [
        "Felt like the decision was already made", "Hard to get a word in online",
        "Too rushed at the end", "Not sure why we were asked this", "The same few people talked",
        "Not sure anything will change", "Would like more say in the plan",
        "Too much jargon in the papers"],
    ("staff", True): [
        "Young people led most of the session", "Good challenge from the group on our plan",
        "We changed the agenda after their feedback", "Strong co-facilitation today",
        "The group set the ground rules"],
    ("staff", False): [
        "Ran out of time for the review", "I led more than I meant to", "Low numbers online",
        "Need to share budget decisions earlier", "Quieter members struggled to join in"],
}

# "You said, we did": (you_said, we_did when done, reason when not possible, programme).
FEEDBACK = [
    ("Sessions clash with college hours", "We moved most sessions to after 5pm and Saturdays.",
     "The venue closes at 6pm, so we now share recordings for anyone who misses a session.", None),
    ("We want to be paid on the day", "Payments now go out on the day by bank transfer or voucher.",
     "Our finance system can only pay weekly; we cut the wait from a month to a week.", None),
    ("More say in who gets recruited", "Young people now sit on every interview panel for "
     "roles that work with them.", None, "PANELS"),
    ("Travel costs are too much to get to the office", "We now give travel cards up front "
     "instead of paying back later.", None, None),
    ("Online sessions are too long", "Online sessions are now 90 minutes at most, with a break.",
     None, None),
    ("We never hear what happened to our ideas", "We started a 'you said, we did' board and "
     "give an update at the start of each session.", None, None),
    ("Reports are hard to read", "Reports now start with a summary in plain words, written "
     "with the ambassadors.", None, None),
    ("We want food at evening sessions", "There is now hot food at every evening session.",
     "We can't fund hot meals; there are now snacks and drinks at every session.", None),
    ("Some of us don't have a laptop or data for online sessions", "We lent out laptops and "
     "paid for data top-ups.", None, None),
    ("We want to meet in person again", "We now meet in person once a month, with an online "
     "option.", "Covid rules don't allow it yet; we'll meet outdoors when we can.", None),
    ("Staff talk over young people in meetings", "Staff had facilitation training and we agreed "
     "meeting ground rules together.", None, None),
    ("Meeting papers come too late to read", "Papers now go out a week before, with a one-page "
     "summary.", None, "TRUSTEES"),
    ("We want a certificate or reference for our CVs", "Everyone now gets a certificate and can "
     "ask for a reference.", None, None),
    ("Quiet people don't get heard", "We added anonymous polls and small-group time to every "
     "session.", None, None),
    ("We want training in how to chair a meeting", "We ran two chairing workshops; young people "
     "now co-chair.", None, "TRUSTEES"),
    ("The building is hard to get into for wheelchair users", "Sessions moved to the ground "
     "floor hall with an accessible toilet.", "The building is listed so we can't add a lift; "
     "we now book an accessible venue.", None),
    ("We want to choose the podcast guests", "The young producers now pick every guest and "
     "write the questions.", None, "PODCAST"),
    ("Episodes take too long to come out", "A freelance editor now helps, so episodes come out "
     "within a month.", "We don't have budget for an editor; we trained two more young editors.",
     "PODCAST"),
    ("Professionals should hear from us, not from staff", "Young trainers now open every course "
     "and lead the questions.", None, "TRAINING"),
    ("We want the same pay as adult trainers for delivering", "Young trainers are now paid the "
     "trainer rate for delivery.", "We can't match the full rate this year; we raised it and "
     "will review in April.", "TRAINING"),
    ("Delegates didn't take the training seriously", "Managers now brief their teams and join "
     "the first session.", None, "TRAINING"),
    ("The resources should work on phones", "All the resources are now mobile friendly.", None,
     "SOCIAL"),
    ("Schools should use our resources", "We sent the pack to 40 schools and six now use it in "
     "lessons.", None, "SOCIAL"),
    ("We want young people on the board with a real vote", "Two young trustees were appointed "
     "with full voting rights.", None, "TRUSTEES"),
    ("Board meetings are full of jargon", "We made a jargon buster and the chair checks in with "
     "young trustees before each item.", None, "TRUSTEES"),
    ("We want to see how the money is spent", "The finance lead now shares a young people's "
     "budget summary each quarter.", None, "TRUSTEES"),
    ("Tell us why the person we picked wasn't hired", "Hiring managers now explain every "
     "decision to the panel.", None, "PANELS"),
    ("Young people should write the interview questions", "Panels now write half the interview "
     "questions.", None, "PANELS"),
    ("Sessions get cancelled at short notice", "We now give at least 48 hours' notice by text.",
     None, None),
    ("Don't run sessions in exam season", "We pause in May and June and run extra sessions in "
     "the summer.", None, None),
    ("We want to co-host the staff forums", "Young ambassadors now co-host every staff forum.",
     None, "AMBASSADORS"),
    ("It isn't clear how to claim expenses", "We made a one-page expenses guide and a simple "
     "online form.", None, None),
    ("We need time to talk after hard topics", "A youth worker now stays on after every session "
     "for a debrief.", None, None),
    ("We want a say on the new website", "Young people tested the website and we changed the "
     "menu and colours.", None, None),
    ("The group chat is too much", "We split it into an announcements channel and a chat.",
     None, None),
    ("We need mental health support, not just projects", "We set up referrals to a counselling "
     "partner.", "We can't offer counselling ourselves; we now point to free local services.",
     None),
    ("We want to learn skills that lead to jobs", "We added audio and editing qualifications "
     "to the podcast.", None, "PODCAST"),
    ("We want to meet young people from other areas", "We ran a joint session with a youth "
     "group from another city.", None, None),
    ("Being paid shouldn't affect our benefits", "We got advice and now offer vouchers to anyone "
     "on benefits.", None, None),
    ("The venue is too far from where we live", "Sessions now move between two venues.",
     "There is no funding for a second venue; we now cover travel in full.", None),
    ("Evening sessions finish too late for younger members", "Sessions with under-16s now "
     "finish by 7pm.", None, None),
    ("Ask us before sharing our stories", "We wrote a storytelling code of ethics with young "
     "people.", None, "PODCAST"),
    ("The surveys are too long", "The survey is now five questions and takes two minutes.",
     None, None),
    ("We want to help plan from the start, not just deliver", "Young people now join the "
     "planning meeting of every new project.", None, None),
    ("We want more disabled young people involved", "We partnered with a SEND youth group and "
     "made sessions more accessible.", None, None),
    ("Online breakout rooms feel awkward", "Young people now choose whether to use breakout "
     "rooms.", None, None),
    ("The consent forms are confusing", "We rewrote the consent form in plain words with young "
     "people.", None, None),
    ("When we leave we just disappear", "Leavers now get a celebration and a reference.", None,
     None),
    ("Why is Keeping It Social ending?", "We explained the funding and kept the resources "
     "online.", "The funding ended; we are looking for new funding for a second phase.",
     "SOCIAL"),
    ("We want training on being a trustee before the first board", "New young trustees now "
     "have an induction with the chair.", None, "TRUSTEES"),
    ("Staff should know what co-production means", "Every team now has co-production in its "
     "plan and staff attend a workshop.", None, "AMBASSADORS"),
    ("The resources need to show people like us", "We reshot the videos with a wider mix of "
     "young people.", None, "SOCIAL"),
    ("The delegates should give us feedback too", "Delegates now fill in a feedback form for "
     "the young trainers.", None, "TRAINING"),
    ("We want to run the welcome evening ourselves", "Ambassadors now plan and host the welcome "
     "evening.", None, "AMBASSADORS"),
    ("We want to score candidates separately from staff", "Panel scores now count as a separate "
     "score in every decision.", "Employment law advice says scores must be combined; the "
     "panel's score now carries equal weight.", "PANELS"),
]

# Items that only make sense at some times: you_said -> (first, last) day it may be raised.
FEEDBACK_WHEN = {
    "We want to meet in person again": (date(2020, 5, 1), date(2022, 3, 31)),
    "Some of us don't have a laptop or data for online sessions": (date(2020, 3, 16),
                                                                   date(2021, 12, 31)),
    "Online sessions are too long": (date(2020, 3, 16), None),
    "Online breakout rooms feel awkward": (date(2020, 4, 1), date(2022, 12, 31)),
    "Why is Keeping It Social ending?": (date(2024, 1, 1), date(2024, 7, 26)),
}
