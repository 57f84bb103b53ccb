"""The comparison runner behind `make variants`: runs every rung, checks its
loop counts, and summarizes time and memory."""
