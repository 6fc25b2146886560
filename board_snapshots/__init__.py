"""Board snapshots: figures frozen for a board meeting, compared with the last one, exported.

Plain Python, no Streamlit: `freeze` computes the content once, `store` keeps snapshots,
`compare` and `wording` put changes into words, `core_charts` and `board_pack` draw them.
"""
