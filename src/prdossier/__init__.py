"""prdossier: complete, checkable reports for merged pull requests."""

__version__ = "0.1.0"
