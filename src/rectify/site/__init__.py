"""The static website of the ledgers (`rectify site`): figures in, HTML pages out.

`rectify.site.pages.render_site` turns the figures the library worked out
(status views per month end, the month-by-month rows, the chase list, every
issue's assessment) into the text of each page, from the Jinja2 templates of
``templates/`` with autoescape on, so user text is escaped for HTML and for
attributes. Charts are SVG written here (`rectify.site.chart`): they print and
need no JavaScript. The pages open from ``file://``: relative links, the
stylesheet beside them, a few lines of inline script (the filter box, the month
selector), no module, no fetch, nothing from the network. Pure: no file is
read or written here (``rectify.api.site`` writes them).

May import: base, figures, output.
"""
