"""The Bring in data page's steps: limits and checks (testable without Streamlit), templates."""
