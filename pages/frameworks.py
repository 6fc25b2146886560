"""Frameworks and skills (admins): the organisation's own frameworks, principles and skills,
renaming the built-in ones, retiring what is no longer used. Ratings and evaluations already
given are never lost: data/frameworks/editor.py refuses any change that would lose them."""

import streamlit as st

from components.app_shell import page_entry
from components.frameworks.new_framework import new_framework
from components.frameworks.principles import frameworks
from components.frameworks.skills import skills
from components.page_opening import page_opening

PAGE_ID = "frameworks"
ABOUT = ("Frameworks are lists of principles that sessions are rated against; skills are what young people rate "
         "themselves on. Codes are what import files use, so they never change; names can. Nothing that has ratings "
         "or evaluations can be deleted: retire it instead, and it leaves the forms while its figures keep counting. "
         "Every change is recorded in the audit log.")


def render() -> None:
    engine, me = page_opening("Frameworks and skills", ABOUT)
    frameworks_tab, new_tab, skills_tab = st.tabs(["Frameworks and principles", "Add your own framework", "Skills"])
    with frameworks_tab:
        frameworks(engine, me)
    with new_tab:
        new_framework(engine, me)
    with skills_tab:
        skills(engine, me)


page_entry(PAGE_ID, render)
