"""The forum explorer: one measure split by one dimension (or two), small groups suppressed.

    explore    the question and its answer: one row per group (the entry point)
    catalogue  the measures and dimensions on offer, and which go together
    sources    the SQL for each measure
    rows       turning query rows into groups
    wholes     who gets to lead and depth, from their own measure functions
    grid       suppression across a two-way split
    drill      the sessions behind one group (admin and staff only)
    protected  the figures as the forum sees them (see docs/disclosure.md)
    words      the plain sentence beside the chart
"""
