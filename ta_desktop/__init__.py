"""TA Desktop: Trade Assurance orders, deadlines, specifications and evidence, offline."""

__version__ = "0.1.0"
