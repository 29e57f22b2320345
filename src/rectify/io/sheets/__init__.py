"""Office spreadsheets <-> issues: reading the sheets offices keep, writing exports.

cells (values as offices write them), headers (which column is which), rows
(a row into issue data), plan (an import planned against a ledger), describe
(the plan in words), export (the rows of an export), files (CSV and xlsx).
"""
