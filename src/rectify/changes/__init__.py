"""Pure changes to ledgers: a Ledger in, a new Ledger out; the input is never touched.

Owns: add, update, done, apply, return, close, reopen, extend, dismiss (ops), carry-over to
next year (carry), and the known units with their did-you-mean (units). No I/O
and no clock: every date is an argument.

May import: the base, rectify.ledger (ids) and rectify.figures (the state of
an issue on a date, to know what carries over).
"""
