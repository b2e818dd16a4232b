"""Reports of one ``Analysis``: Markdown, a self-contained HTML page, and the Rich console view.

Renderers only format; everything they show comes from the Analysis. Codes are shown as
words ("open question"), never by colour alone, so every report reads in plain text.
"""

from alliance.report.html import render_html
from alliance.report.markdown import render_markdown

__all__ = ["render_html", "render_markdown"]
