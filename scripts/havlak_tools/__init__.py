"""What the suite's scripts share: finding the rung binaries, running and
measuring them, reading their records, and summarizing the results."""
