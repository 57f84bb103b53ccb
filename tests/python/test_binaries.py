"""Which binaries the scripts find in a bin folder, and their names: from
ladder.json (the rungs, the other languages' programs, the allocator
suffixes)."""

import os
import tempfile
import unittest

import fake_rungs
from havlak_tools import binaries, languages

LADDER = languages.ladder()


class BinariesTest(unittest.TestCase):
    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.bin = os.path.join(directory.name, "bin")

    def test_the_rungs_built_in_ladder_order(self):
        rungs = list(reversed(LADDER.rungs[::2]))
        fake_rungs.make_bin(self.bin, rungs)
        self.assertEqual(binaries.find_rungs(self.bin), LADDER.rungs[::2])
        self.assertEqual(binaries.find_rungs(self.bin + "-missing"), [])

    def test_a_binary_the_ladder_does_not_list_is_not_a_rung(self):
        # Left behind by a rung since removed, or renamed.
        stale = LADDER.top + "0"
        fake_rungs.make_bin(self.bin, [LADDER.bottom, stale])
        self.assertEqual(binaries.find_rungs(self.bin), [LADDER.bottom])
        self.assertEqual(binaries.find_programs(self.bin), [LADDER.bottom])

    def test_every_program_of_the_ladder_in_language_order(self):
        fake_rungs.make_bin(self.bin, list(LADDER.programs)
                            + [LADDER.top, LADDER.bottom, "go-unlisted"])
        found = binaries.find_programs(self.bin)
        self.assertEqual(found[:2], [LADDER.bottom, LADDER.top])
        self.assertEqual(sorted(found[2:]), sorted(LADDER.programs))
        order = [languages.LANGUAGE_ORDER.index(languages.language_of(p))
                 for p in found]
        self.assertEqual(order, sorted(order))

    def test_binary_names_follow_the_allocator_table(self):
        paths = {binaries.binary_path(self.bin, LADDER.top, allocator)
                 for allocator in LADDER.allocator_suffix}
        self.assertEqual(len(paths), len(LADDER.allocator_suffix))
        self.assertEqual(binaries.binary_path(self.bin, LADDER.top),
                         os.path.join(self.bin, LADDER.top))
        # Another language's program is one binary whatever its setting.
        other = LADDER.programs[0]
        self.assertEqual(binaries.program_path(self.bin, other, "GOGC=100"),
                         os.path.join(self.bin, other))


if __name__ == "__main__":
    unittest.main()
