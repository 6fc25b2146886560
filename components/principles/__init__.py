"""The Principles page's pieces: ratings by young people and staff, and the ladder."""
