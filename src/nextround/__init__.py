"""nextround: a local-first coach for every job interview after the first."""

__version__ = "0.1.0"
