"""The demo organisation, so the dashboard can be tried without real records.

    organisation  load_demo / generate_demo: the app's entry points
    people        rounds of work, their cohorts of young people, staff and volunteers
    build         sessions, attendance, skill evaluations, as rows that refer to codes
    voice         principle ratings and "you said, we did" items
    text          the words: programmes, session titles, comments
    accounts      the demo sign-ins (random passwords per installation), removed with the first
                  real account or form save
"""
