"""The Board snapshots page's pieces: choosing, taking and deleting, the header, the figures, the print view."""
