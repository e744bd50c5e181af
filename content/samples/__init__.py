"""Example data written for the project (fixtures and ``make demo``)."""
