"""The forum explorer's pieces: pickers, a click on the chart, its CSS, and the shared saved views."""
