"""Example status sheets written for Marsad in the PANDDH sheet format.

They are illustrative text written for the project, not published sheets;
the first line of each says so (the parser keeps it in ``ignored_lines``).
Load them with :func:`sample_names` / :func:`read_sample` (importlib.resources,
so they work from an installed wheel too).
"""

from __future__ import annotations

from importlib import resources

__all__ = ["sample_names", "read_sample"]


def sample_names() -> list[str]:
    """File names of the example sheets, sorted."""
    return sorted(
        p.name for p in resources.files(__name__).iterdir() if p.name.endswith(".txt")
    )


def read_sample(name: str) -> str:
    """The text of one example sheet (UTF-8)."""
    if name not in sample_names():
        raise FileNotFoundError(f"no example sheet named {name!r}")
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
