"""The Skills gained page's charts and tables."""
