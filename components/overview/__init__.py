"""The overview's pieces: the health index, the monthly charts and the alerts."""
