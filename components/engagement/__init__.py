"""The Engagement page's pieces: modes (months in person, online, hybrid) and reach (stages, groups)."""
