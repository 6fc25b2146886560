"""The "You said, we did" page's pieces: the items as cards, and what the page says."""
