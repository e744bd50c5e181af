"""Domain services: every write to content goes through here (so the outbox is never skipped)."""
