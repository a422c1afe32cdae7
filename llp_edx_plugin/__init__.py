"""LLP Certificates: an Open edX-style plugin that issues, renders and manages course certificates."""

__version__ = "0.1.0"
