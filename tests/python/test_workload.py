"""The runner's own known answer (havlak_tools/workload.py): the figures
Hundt's program prints, and a check against the graph itself, built here from
the description in /work/shared/design.md and searched for loop headers."""

import json
import unittest

from havlak_tools import workload
from havlak_tools.records import parse_run_record
from test_records import GOOD


def build_graph(loops_per_tree, trees=10):
    """The workload's CFG: successors in the order their edges were added."""
    successors = {}

    def node(n):
        successors.setdefault(n, [])

    def edge(a, b):
        node(a)
        node(b)
        successors[a].append(b)

    def straight(start, n):
        for i in range(start, start + n):
            edge(i, i + 1)
        return start + n

    def diamond(s):
        edge(s, s + 1)
        edge(s, s + 2)
        edge(s + 1, s + 3)
        edge(s + 2, s + 3)
        return s + 3

    def base_loop(start):
        header = straight(start, 1)
        d1 = diamond(header)
        d11 = straight(d1, 1)
        d2 = diamond(d11)
        footer = straight(d2, 1)
        edge(d2, d11)
        edge(d1, header)
        edge(footer, start)
        return straight(footer, 1)

    node(0)
    base_loop(0)
    node(1)
    edge(0, 2)
    n = 2
    for _ in range(trees):
        node(n + 1)
        edge(2, n + 1)
        n += 1
        for _ in range(loops_per_tree):
            top = n
            n = straight(n, 1)
            for _ in range(25):
                n = base_loop(n)
            bottom = straight(n, 1)
            edge(n, top)
            n = bottom
        edge(n, 1)
    return successors


def loop_headers(successors, start=0):
    """Blocks entered by a back edge (from a descendant in the depth-first
    tree, or themselves): each heads one loop in Havlak's algorithm."""
    on_stack, done, headers = set(), set(), set()
    stack = [(start, iter(successors[start]))]
    on_stack.add(start)
    while stack:
        block, rest = stack[-1]
        for successor in rest:
            if successor in on_stack:
                headers.add(successor)
            elif successor not in done:
                on_stack.add(successor)
                stack.append((successor, iter(successors[successor])))
                break
        else:
            stack.pop()
            on_stack.discard(block)
            done.add(block)
    return headers


class ExpectedCountsTest(unittest.TestCase):
    def test_hundts_figures(self):
        canonical = workload.expected()
        self.assertEqual((canonical.loops, canonical.loops_total),
                         (76002, 3800100))
        self.assertEqual(canonical.blocks, 252013)
        self.assertTrue(canonical.canonical)
        self.assertEqual(workload.expected(1.0, 50), canonical)
        tenth = workload.expected(0.1)
        self.assertEqual((tenth.loops, tenth.loops_total), (7602, 380100))
        self.assertFalse(tenth.canonical)
        self.assertEqual(workload.expected(0.05, 3).loops_total, 3802 * 3)
        self.assertEqual(workload.expected(0.05).small_graph_finds, 750)
        self.assertEqual(workload.expected(0.123456789).loops_per_tree, 12)

    def test_against_the_graph_itself(self):
        small = build_graph(0, trees=0)
        self.assertEqual(len(small), 11)
        self.assertEqual(len(loop_headers(small)) + 1,
                         workload.expected().small_graph_loops)
        for scale in (0.01, 0.02, 0.05):
            with self.subTest(scale=scale):
                want = workload.expected(scale)
                graph = build_graph(want.loops_per_tree)
                self.assertEqual(len(graph), want.blocks)
                # Plus the artificial root, as Hundt's program counts.
                self.assertEqual(len(loop_headers(graph)) + 1, want.loops)

    def test_out_of_range(self):
        for scale in (0, 0.001, 401):
            with self.subTest(scale=scale), self.assertRaises(ValueError):
                workload.expected(scale)


class CheckRecordTest(unittest.TestCase):
    def record(self, **changes):
        record = json.loads(json.dumps(GOOD))
        for key, value in changes.items():
            if key in record["workload"]:
                record["workload"][key] = value
                if key == "big_graph_finds":
                    record["phases"]["repeated_finds"]["each_seconds"] = \
                        [0.002] * value
            else:
                record[key] = value
        return parse_run_record(json.dumps(record))

    def test_a_right_record(self):
        self.assertEqual(workload.check_record(
            self.record(), "havlak6", "glibc"), [])

    def test_every_mismatch_is_named(self):
        for changes, rung, allocator, scale, words in (
                ({}, "havlak13", "glibc", None, "rung 'havlak6'"),
                ({}, "havlak6", "jemalloc", None, "allocator 'glibc'"),
                ({}, "havlak6", "counting", None, "no allocation counts"),
                ({"allocations": {"count": 1, "bytes": 1,
                                  "peak_live_bytes": 1}},
                 "havlak6", "glibc", None, "should not count"),
                ({}, "havlak6", "glibc", 0.1, "loops 76002, expected 7602"),
                ({"loops": 1, "loops_total": 7}, "havlak6", "glibc", None,
                 "loops 1, expected 76002"),
                ({"loops_total": 7}, "havlak6", "glibc", None,
                 "loops in total 7"),
                ({"big_graph_finds": 3}, "havlak6", "glibc", None,
                 "big-graph findings 3"),
                ({"small_graph_loops": 3}, "havlak6", "glibc", None,
                 "small-graph loops 3"),
                ({"root_nesting_level": 4}, "havlak6", "glibc", None,
                 "root nesting level 4")):
            with self.subTest(words=words):
                problems = workload.check_record(
                    self.record(**changes), rung, allocator, scale)
                self.assertTrue(any(words in p for p in problems), problems)


if __name__ == "__main__":
    unittest.main()
