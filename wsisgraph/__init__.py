"""wsisgraph: a knowledge graph of UN reporting on the World Summit on the Information Society."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
