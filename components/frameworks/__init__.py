"""The Frameworks and skills page's tabs, and how a change is made and reported."""
