"""Rating links: the young person's form (no account), their device, the staff's panel, the room's live results."""
