"""What leaves the app as a file, safe to open in a spreadsheet.

    safe_export       the one rule against formula injection, and Excel workbooks
    safe_csv          CSV files through that rule
    quality_workbook  the data-quality workbook (participant codes; its download is audited)
"""
