"""The "Who gets to lead" page's pieces: its alert, the chart of representation ratios, and the
figures group by group."""
