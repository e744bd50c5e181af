"""Reference data: the UN mechanisms, HRC sessions, institutions and themes Marsad ships."""

from content.reference.loader import load_reference_data, reference_file

__all__ = ["load_reference_data", "reference_file"]
