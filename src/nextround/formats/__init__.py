"""Import and export of files: ics, eml, pdf, docx, html, md, json."""
