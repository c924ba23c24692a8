"""Web inputs: polite fetching, main-text extraction from pages, feeds and WARC crawls.

Each module is importable on its own; the heavy libraries (trafilatura,
feedparser, warcio, urllib3) are imported inside the functions that use them.
"""
