"""Board snapshots: figures frozen for a board meeting, compared with the last one, exported.

Plain Python, no Streamlit: `freeze` computes the content once, `saved` keeps snapshots,
`compare` puts changes into words (the figures written by `measures.formatting`), `core_charts`
and `board_pack` draw them.
"""
