"""The formats a page's data is written in besides HTML pages: feeds, JSON-LD, citations,
open data, the email edition (with its plain text) and the activity chart."""
