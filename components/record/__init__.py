"""The Record page's forms, one per tab, and a session's register."""
