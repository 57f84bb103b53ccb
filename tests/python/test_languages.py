"""Every language in one comparison (issues 13 and 15) and the build axis
(issue 14), on fake programs: the language column and runtime settings,
records of every language checked, the headline and side-by-side tables,
every program's steady state, the rung x build table and its summary, and BUILDS
parsing."""

import copy
import dataclasses
import json
import os
import subprocess
import sys
import unittest

import compare
import fake_rungs
from havlak_tools import (analysis, builds, languages, records, results,
                          toolchains)
from havlak_tools.records import parse_run_record
from havlak_tools.workload import check_record
from test_compare import SCRIPTS, CompareTestCase
from test_records import GOOD

# The programs the tests run, as ladder.json names them: the C++ rungs at
# the headline's levels, and other languages' programs at those levels.
LADDER = languages.ladder()
BOTTOM, COX_LAST, TOP = LADDER.bottom, LADDER.cox_last, LADDER.top


def program(language, rung):
    """The first program of `language` that carries `rung`'s idea."""
    return LADDER.counterparts_of(rung, language)[0]


GO_BOTTOM, GO_COX_LAST = program("go", BOTTOM), program("go", COX_LAST)
RUST_BOTTOM, RUST_TOP = program("rust", BOTTOM), program("rust", TOP)
JAVA_TOP, SCALA_BOTTOM = program("java", TOP), program("scala", BOTTOM)
PYTHON_TOP = program("python", TOP)
PROGRAMS = (BOTTOM, COX_LAST, TOP, GO_BOTTOM, GO_COX_LAST, RUST_BOTTOM,
            RUST_TOP, JAVA_TOP, SCALA_BOTTOM)


def record_of(**changes):
    record = copy.deepcopy(GOOD)
    record.update(changes)
    return parse_run_record(json.dumps(record))


class LanguagesTest(unittest.TestCase):
    def test_language_of_a_program_is_read_off_its_name(self):
        self.assertEqual(languages.language_of(TOP), "c++")
        self.assertEqual(languages.language_of("go-unlisted"), "go")
        self.assertEqual(languages.language_of("rust-top"), "rust")
        self.assertEqual(languages.language_of("scala-top"), "scala")
        self.assertEqual(languages.language_of("java-top"), "java")

    def test_counterparts_come_from_the_ladder(self):
        cxx = [BOTTOM, COX_LAST, TOP]
        self.assertEqual(languages.counterpart(GO_COX_LAST, cxx), COX_LAST)
        self.assertEqual(languages.counterpart(JAVA_TOP, cxx), TOP)
        for other, rung in LADDER.counterparts.items():
            self.assertEqual(languages.counterpart(other, [rung]), rung)
            # Not in the run: no counterpart, whatever else is.
            self.assertIsNone(languages.counterpart(
                other, [r for r in LADDER.rungs if r != rung]))
        self.assertIsNone(languages.counterpart("go-unlisted", cxx))
        self.assertEqual(languages.counterpart(COX_LAST, cxx), COX_LAST)

    def test_top_is_the_ladders_last_rung_when_built(self):
        self.assertEqual(languages.resolve_rung("top", LADDER.rungs), TOP)
        self.assertIsNone(languages.resolve_rung("top", LADDER.rungs[:-1]))
        self.assertEqual(languages.resolve_rung(COX_LAST, []), COX_LAST)
        self.assertEqual(languages.BUILD_RUNGS, (BOTTOM, COX_LAST, "top"))
        self.assertEqual(languages.CXX_BOTTOM, LADDER.rungs[0])

    def test_every_setting_gets_its_environment_and_nothing_else(self):
        base = {"GOGC": "5", "JAVA_OPTS": "-Xint", "PATH": "/bin"}
        go = languages.environment("go", "GOGC=off+GOMEMLIMIT=1GiB", base)
        self.assertEqual((go["GOGC"], go["GOMEMLIMIT"]), ("off", "1GiB"))
        self.assertEqual(languages.environment("go", "GOGC=100",
                                               base)["GOGC"], "100")
        java = languages.environment("java", "Parallel", base)
        self.assertEqual(java["JAVA_OPTS"], "-XX:+UseParallelGC")
        cxx = languages.environment("c++", "glibc", base)
        self.assertNotIn("GOGC", cxx)
        self.assertNotIn("JAVA_OPTS", cxx)
        self.assertEqual(cxx["PATH"], "/bin")

    def test_a_go_record_claiming_to_be_cxx_is_refused(self):
        go = dict(rung=GO_BOTTOM, allocator="go",
                  allocator_version="go1.19.8 GOGC=100 GOMEMLIMIT=off",
                  allocations={"count": 1, "bytes": 2, "peak_live_bytes": 3})
        self.assertEqual(check_record(record_of(language="go", **go),
                                      GO_BOTTOM, "GOGC=100"), [])
        problems = check_record(record_of(**go), GO_BOTTOM, "GOGC=100")
        self.assertIn("language 'c++', expected 'go'", problems)
        # ... and a C++ rung's record naming Go.
        problems = check_record(record_of(language="go", rung=BOTTOM),
                                BOTTOM, "glibc")
        self.assertIn("language 'go', expected 'c++'", problems)

    def test_a_runtime_setting_that_did_not_arrive_is_refused(self):
        go = record_of(language="go", rung=GO_BOTTOM, allocator="go",
                       allocator_version="go1.19.8 GOGC=100 GOMEMLIMIT=off",
                       allocations={"count": 1, "bytes": 2,
                                    "peak_live_bytes": 3})
        problems = check_record(go, GO_BOTTOM, "GOGC=off+GOMEMLIMIT=1GiB")
        self.assertTrue(any("GOGC=off GOMEMLIMIT=1GiB" in p
                            for p in problems), problems)
        java = record_of(language="java", rung=JAVA_TOP, allocator="G1",
                         allocations={"count": None, "bytes": 2,
                                      "peak_live_bytes": 3})
        self.assertEqual(check_record(java, JAVA_TOP, "G1"), [])
        self.assertIn("collector 'G1', expected 'Parallel'",
                      check_record(java, JAVA_TOP, "Parallel"))

    def test_allocations_are_required_where_the_language_counts(self):
        rust = record_of(language="rust", rung=RUST_TOP)
        self.assertIn("no allocations in a rust record",
                      check_record(rust, RUST_TOP, "glibc"))
        go = record_of(language="go", rung=GO_BOTTOM, allocator="go",
                       allocator_version="go1.19.8 GOGC=100 GOMEMLIMIT=off",
                       allocations={"count": None, "bytes": 2,
                                    "peak_live_bytes": 3})
        self.assertIn("no allocation count in a go record",
                      check_record(go, GO_BOTTOM, "GOGC=100"))
        # Python measures none: its records carry null, and a figure
        # there would be one nobody measured.
        python = record_of(language="python", rung="python-top",
                           allocator="CPython")
        self.assertEqual(check_record(python, "python-top", "CPython"), [])
        python = dataclasses.replace(python, allocations={
            "count": None, "bytes": 0, "peak_live_bytes": 0})
        self.assertIn("allocations in a python record, which measures none",
                      check_record(python, "python-top", "CPython"))

    def test_a_language_field_must_be_a_name(self):
        text = json.dumps(dict(GOOD, language=3))
        with self.assertRaises(records.RecordError):
            parse_run_record(text)


class LadderTest(unittest.TestCase):
    """ladder.json, the one registry: read and checked."""

    def write(self, data):
        import tempfile
        handle, path = tempfile.mkstemp(suffix=".json")
        self.addCleanup(os.remove, path)
        with os.fdopen(handle, "w") as out:
            out.write(data if isinstance(data, str) else json.dumps(data))
        return path

    def registry(self, **changes):
        data = {"rungs": [{"name": "a1", "counterparts": ["go-a1"]},
                          {"name": "a2", "counterparts": []}],
                "top_counterparts": ["java-top"], "cox_last": "a1",
                "allocators": {"glibc": "", "jemalloc": "-jemalloc"}}
        data.update(changes)
        return data

    def test_the_suites_registry_reads(self):
        self.assertGreater(len(LADDER.rungs), 1)
        self.assertEqual(LADDER.top, LADDER.rungs[-1])
        self.assertIn(LADDER.cox_last, LADDER.rungs)
        self.assertEqual(LADDER.allocator_suffix["glibc"], "")
        # Every program's language is one the runner knows.
        for other in LADDER.programs:
            self.assertIn(languages.language_of(other),
                          languages.LANGUAGE_ORDER[1:])
        self.assertEqual(sorted(reversed(LADDER.rungs),
                                key=languages.ladder_key), LADDER.rungs)
        self.assertEqual(sorted(reversed(LADDER.programs),
                                key=languages.ladder_key),
                         sorted(LADDER.programs, key=languages.ladder_key))

    def test_a_small_registry(self):
        ladder = languages.load_ladder(self.write(self.registry()))
        self.assertEqual(ladder.rungs, ["a1", "a2"])
        self.assertEqual((ladder.bottom, ladder.top), ("a1", "a2"))
        self.assertEqual(ladder.counterparts, {"go-a1": "a1",
                                               "java-top": "a2"})
        self.assertEqual(ladder.programs, ["go-a1", "java-top"])
        self.assertEqual(ladder.counterparts_of("a1", "go"), ["go-a1"])
        self.assertEqual(ladder.counterparts_of("a2", "go"), [])
        self.assertEqual(ladder.allocator_suffix["jemalloc"], "-jemalloc")

    def test_a_wrong_registry_is_one_message_naming_the_file(self):
        cases = (
            (self.registry(rungs=[]), "at least one rung"),
            (self.registry(rungs=[{"name": "a1"}, {"name": "a1"}]),
             "a1 is listed twice"),
            (self.registry(rungs=[{"counterparts": []}]), 'without a "name"'),
            (self.registry(rungs=[{"name": "go-a1"}]), "not a C++ rung"),
            (self.registry(cox_last="a9"), '"cox_last"'),
            (self.registry(top_counterparts=["top"]), "names no language"),
            (self.registry(top_counterparts=["go-a1"]),
             "go-a1 is listed twice"),
            (self.registry(top_counterparts="java-top"), "list of names"),
            (self.registry(allocators={"jemalloc": "-jemalloc"}), "glibc"),
            (self.registry(allocators=["glibc"]), '"allocators"'),
            ("{", "line 1"),
            ([], "not a JSON object"),
        )
        for data, words in cases:
            path = self.write(data)
            with self.assertRaises(languages.LadderError) as caught:
                languages.load_ladder(path)
            self.assertIn(words, str(caught.exception))
            self.assertTrue(str(caught.exception).startswith(path))
        with self.assertRaises(languages.LadderError):
            languages.load_ladder(path + ".missing")


class BuildsTest(unittest.TestCase):
    def test_parse(self):
        self.assertEqual(builds.parse("all"), list(builds.CXX_ORDER) + [
            "go-1.27.3", "go-pgo", "rust-1.95.0", "rust-tuned"])
        self.assertEqual(builds.parse("gcc-checked,gcc-O2"),
                         ["gcc-O2", "gcc-checked"])
        for text, words in (("gcc-O4", "unknown build 'gcc-O4'"),
                            ("gcc-O2,,clang-O2", "empty name"),
                            ("gcc-O2,gcc-O2", "twice")):
            with self.assertRaises(builds.BuildError) as caught:
                builds.parse(text)
            self.assertIn(words, str(caught.exception))

    def test_unknown_build_is_one_line_and_exit_2(self):
        result = subprocess.run(
            [sys.executable, os.path.join(SCRIPTS, "compare.py"),
             "--builds", "gcc-O2,icc"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout, "")
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertIn("unknown build 'icc'", lines[0])
        self.assertIn("gcc-checked", lines[0])

    def test_the_toolchain_axis_names_cxx_toolchains_by_their_builds(self):
        self.assertEqual(builds.toolchain_axis("clang-19,go-1.19,gcc-12"),
                         ["gcc-O2", "clang19-O2", "go-1.19"])
        self.assertEqual(len(builds.toolchain_axis("all")),
                         len(toolchains.registry().names()))
        with self.assertRaises(builds.BuildError) as caught:
            builds.toolchain_axis("go-1.9")
        self.assertIn("unknown toolchain 'go-1.9'; the toolchains are "
                      "gcc-12, clang-14", str(caught.exception))

    def test_unknown_toolchain_is_one_line_and_exit_2(self):
        result = subprocess.run(
            [sys.executable, os.path.join(SCRIPTS, "compare.py"),
             "--toolchains", "go-1.27.3,rustc-2"], capture_output=True,
            text=True)
        self.assertEqual(result.returncode, 2)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertIn("unknown toolchain 'rustc-2'", lines[0])
        self.assertIn("scala-3.3.7", lines[0])

    def test_records_must_come_from_their_toolchain(self):
        go19 = record_of(rung="go-havlak1", language="go",
                         compiler="go1.19.8 gc",
                         build_flags="-compiler=gc CGO_ENABLED=1")
        self.assertEqual(builds.check_record(go19, "go-1.19"), [])
        problems = builds.check_record(go19, "go-1.27.3")
        self.assertEqual(len(problems), 1)
        self.assertIn("expected one beginning 'go1.27.3'", problems[0])
        self.assertIn("without '-pgo='",
                      " ".join(builds.check_record(go19, "go-pgo")))
        pgo = record_of(rung="go-havlak1", language="go",
                        compiler="go1.27.3 gc",
                        build_flags="-compiler=gc -pgo=/x/go-havlak1.pprof")
        self.assertEqual(builds.check_record(pgo, "go-pgo"), [])
        self.assertIn("with '-pgo='",
                      " ".join(builds.check_record(pgo, "go-1.27.3")))
        clang14 = record_of(compiler="clang++ 14.0.6 ",
                            build_flags="-O2 -g -DNDEBUG")
        self.assertEqual(builds.check_record(clang14, "clang-O2"), [])
        self.assertIn("expected clang++-19",
                      " ".join(builds.check_record(clang14, "clang19-O2")))

    def test_records_must_report_their_builds_flags(self):
        checked = record_of(build_flags="-O2 -g -DNDEBUG -D_GLIBCXX_ASSERTIONS"
                            " -D_FORTIFY_SOURCE=2 -fstack-protector-strong "
                            "-Wall -Wextra")
        self.assertEqual(builds.check_record(checked, "gcc-checked"), [])
        self.assertTrue(builds.check_record(checked, "gcc-O2"))
        plain = record_of(build_flags="-O2 -g -DNDEBUG -Wall")
        self.assertEqual(builds.check_record(plain, "gcc-O2"), [])
        self.assertTrue(builds.check_record(plain, "gcc-checked"))
        self.assertTrue(any("expected clang" in p for p in
                            builds.check_record(plain, "clang-O2")))


def measurement(wall, peak_kib=100 * 1024, repeated=0.5, each=None,
                **record):
    """A run; its 50 repeated findings take `repeated` seconds, evenly
    unless `each` says how long each took."""
    from havlak_tools.runner import Measurement
    return Measurement(wall, wall, 0.0, peak_kib, record_of(
        phases={p: {"wall_seconds": repeated if p == "repeated_finds"
                    else 0.1, "finds": 1,
                    "each_seconds": each or [repeated / 50] * 50}
                for p in records.PHASES}, **record))


class AnalysisTest(unittest.TestCase):
    def languages_run(self):
        walls = {BOTTOM: 10.0, COX_LAST: 1.0, TOP: 0.25,
                 GO_BOTTOM: 20.0, GO_COX_LAST: 2.0, JAVA_TOP: 0.5,
                 RUST_TOP: 0.3, PYTHON_TOP: 2.5}
        factor = {"Parallel": 2, "PyPy": 0.2}
        measurements = {}
        config_rungs = list(walls)
        for rung, wall in walls.items():
            language = languages.language_of(rung)
            for setting in (["glibc"] if language == "c++"
                            else languages.settings(language)):
                # java-top warms up: its first ten findings take 10 times
                # the steady 100 ms.
                measurements[(rung, None, setting)] = [
                    measurement(wall * factor.get(setting, 1),
                                repeated=14.0 if rung == JAVA_TOP else 0.5,
                                each=[1.0] * 10 + [0.1] * 40
                                if rung == JAVA_TOP else None)]
        config = {"rungs": config_rungs, "allocators": ["glibc"],
                  "builds": None,
                  "settings": {l: list(languages.settings(l))
                               for l in ("go", "rust", "java", "python")},
                  "runs": 1, "warmup": 0, "scale": None}
        counts = {"count": 1, "bytes": 2, "peak_live_bytes": 3}
        allocations = {rung: dict(counts) for rung in config_rungs}
        allocations[JAVA_TOP]["count"] = None
        allocations[PYTHON_TOP] = None   # Python measures none
        env = {"languages": {"go": {"compiler": "go1.19.8 gc",
                                    "build_flags": "-compiler=gc",
                                    "runtime_settings": {"GOGC=100": "x"}}}}
        return results.build(env, config, measurements, allocations)

    def test_rows_are_grouped_by_language_and_setting(self):
        built = self.languages_run()
        rows = results.rows(built)
        go = [row for row in rows if row.language == "go"
              and row.allocator == "GOGC=100"]
        self.assertEqual([row.rung for row in go],
                         [GO_BOTTOM, GO_COX_LAST])
        self.assertAlmostEqual(go[1].speedup_vs_first.value, 10.0)
        self.assertEqual({row.allocator for row in rows
                          if row.language == "java"}, {"G1", "Parallel"})

    def test_headline_compares_each_level_in_the_run(self):
        header, body = analysis.headline(self.languages_run())
        by = {(line[0], line[5]): line for line in body}
        bottom = by[("bottom", GO_BOTTOM)]
        self.assertEqual(bottom[1], BOTTOM)
        self.assertEqual(bottom[-2], "2.00x")        # Go twice C++'s time
        self.assertEqual(by[("Cox's last step", GO_COX_LAST)][1], COX_LAST)
        self.assertEqual(by[("top", GO_COX_LAST)][1], TOP)
        self.assertEqual(by[("top", JAVA_TOP)][-2], "2.00x")
        self.assertEqual(by[("top", RUST_TOP)][-2], "1.20x")
        # Java's row is its default collector's; Python has a row per
        # interpreter, the interpreter being the question.
        self.assertEqual([line[7] for line in body if line[5] == JAVA_TOP],
                         ["G1"])
        python = {line[7]: line[-2] for line in body
                  if line[5] == PYTHON_TOP}
        self.assertEqual(python, {"CPython": "10.00x", "PyPy": "2.00x"})

    def test_steady_state_of_every_program_from_its_own_timings(self):
        header, body = analysis.steady_state(self.languages_run())
        rows = {(line[0], line[1]): line for line in body}
        # Every program once, under its default runtime only.
        self.assertEqual(sorted(program for program, _ in rows),
                         sorted([BOTTOM, COX_LAST, TOP, GO_BOTTOM,
                                 GO_COX_LAST, JAVA_TOP, RUST_TOP,
                                 PYTHON_TOP]))
        self.assertIn((JAVA_TOP, "G1"), rows)
        # The ten warm-up findings are discarded: 100 ms, not 280.
        self.assertEqual(rows[(JAVA_TOP, "G1")][4],
                         "100.000 [100.000-100.000]")
        self.assertEqual(rows[(GO_BOTTOM, "GOGC=100")][4],
                         "10.000 [10.000-10.000]")
        # Start-up to the first finding: 20 s of wall less the 0.5 s of
        # repeated findings and 0.1 s of nesting levels after it.
        self.assertEqual(rows[(GO_BOTTOM, "GOGC=100")][2], "19.400")
        self.assertEqual(rows[(GO_BOTTOM, "GOGC=100")][3], "100.00")

    def test_markdown_says_what_differs_and_round_trips(self):
        built = self.languages_run()
        markdown = "\n".join(results.markdown_extras(built, has_plots=False))
        self.assertIn("## What differs between the languages", markdown)
        self.assertIn("bounds checks", markdown)
        self.assertIn("## The ladders side by side", markdown)
        self.assertIn(f"| {BOTTOM} | glibc | 10.000", markdown)
        path = os.path.join(self.tmp_dir(), "results.json")
        with open(path, "w") as out:
            json.dump(built, out)
        self.assertEqual(results.load(path)["runs"], built["runs"])

    def tmp_dir(self):
        import tempfile
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        return directory.name

    def builds_run(self, checked_factor=1.1, pgo_walls=None):
        walls = {BOTTOM: 10.0, COX_LAST: 1.0, TOP: 0.25}
        pgo_walls = pgo_walls or {rung: wall * 0.9
                                  for rung, wall in walls.items()}
        measurements = {}
        for rung, wall in walls.items():
            for name in ("gcc-O2", "gcc-pgo", "gcc-checked"):
                value = {"gcc-O2": wall, "gcc-pgo": pgo_walls[rung],
                         "gcc-checked": wall * checked_factor}[name]
                measurements[(rung, name, "glibc")] = [measurement(value)]
        config = {"rungs": list(walls), "allocators": ["glibc"],
                  "builds": ["gcc-O2", "gcc-pgo", "gcc-checked"],
                  "settings": {}, "runs": 1, "warmup": 0, "scale": 0.1}
        allocations = {rung: {"count": 1, "bytes": 2, "peak_live_bytes": 3}
                       for rung in walls}
        return results.build({}, config, measurements, allocations)

    def test_build_ratios_are_against_gcc_o2(self):
        header, body, medians, base = analysis.build_table(self.builds_run())
        self.assertEqual(base, "gcc-O2")
        row = dict(zip(header, body[0]))
        self.assertEqual(row["rung"], BOTTOM)
        self.assertEqual(row["gcc-pgo vs gcc-O2"], "1.11x")
        self.assertEqual(row["gcc-checked vs gcc-O2"], "0.91x")
        self.assertEqual(medians[(COX_LAST, "gcc-checked")].median, 1.1)

    def test_build_summary_says_what_checks_cost_and_the_ranking(self):
        summary = analysis.build_summary(self.builds_run())
        self.assertIn(f"+10.0% at the bottom ({BOTTOM}: 1.10x the time)",
                      summary[0])
        self.assertIn(f"+10.0% at the top ({TOP}: 1.10x the time)", summary[0])
        self.assertIn(f"at Cox's last step ({COX_LAST}: ", summary[0])
        self.assertIn("gcc-pgo keeps the rungs' ranking", summary[1])
        reordered = analysis.build_summary(self.builds_run(pgo_walls={
            BOTTOM: 0.1, COX_LAST: 1.0, TOP: 0.25}))
        self.assertIn("gcc-pgo changes the rungs' ranking", reordered[1])

    def test_a_build_set_is_written_with_its_plots(self):
        folder = self.tmp_dir()
        results.write(folder, self.builds_run())
        with open(os.path.join(folder, "results.md")) as text:
            markdown = text.read()
        self.assertIn("## Rungs x builds", markdown)
        self.assertIn("Bounds checking", markdown)
        if results.plots.available():
            self.assertTrue(os.path.exists(os.path.join(folder,
                                                        "builds.svg")))
            self.assertTrue(os.path.exists(os.path.join(folder, "time.svg")))

    def test_a_plot_gnuplot_refuses_loses_no_runs(self):
        from unittest import mock
        folder = self.tmp_dir()
        with mock.patch.object(results.plots, "available",
                               return_value=True), \
                mock.patch.object(results.plots, "grouped_bars",
                                  side_effect=results.plots.PlotError("x")):
            results.write(folder, self.builds_run())
        self.assertTrue(os.path.exists(os.path.join(folder, "results.md")))
        self.assertFalse(os.path.exists(os.path.join(folder, "time.svg")))

    def test_build_rows_carry_the_build(self):
        rows = results.rows(self.builds_run())
        self.assertEqual({row.build for row in rows},
                         {"gcc-O2", "gcc-pgo", "gcc-checked"})
        from havlak_tools.table import format_terminal
        self.assertIn("build", format_terminal(rows).splitlines()[0])


class GaugeTest(unittest.TestCase):
    def test_a_run_does_not_inherit_the_runners_peak(self):
        from havlak_tools import runner
        if runner.spawn_helper() is None:
            self.skipTest("no C compiler for havlak-spawn")
        ballast = bytearray(300 * 2**20)
        ballast[::4096] = b"x" * len(ballast[::4096])
        status, _, usage = runner.wait_measured(
            [sys.executable, "-c", "import sys; sys.exit(3)"], 60,
            own_peak=True)
        self.assertEqual(status, 3)
        # Started straight from here it would report 300 MiB and more.
        self.assertLess(usage.ru_maxrss, 100 * 1024)
        del ballast


class AllLanguagesCompareTest(CompareTestCase):
    """compare.py end to end on fake programs of every language."""

    def setUp(self):
        super().setUp()
        fake_rungs.make_bin(self.bin, PROGRAMS)

    def test_one_interleaved_run_of_every_language(self):
        status, stdout, stderr = self.compare("--runs", "2")
        self.assertEqual(status, 0, stderr)
        built = results.load(os.path.join(self.out, "results.json"))
        series = {(run["rung"], run["allocator"]) for run in built["runs"]}
        self.assertIn((GO_BOTTOM, "GOGC=off+GOMEMLIMIT=1GiB"), series)
        self.assertIn((JAVA_TOP, "Parallel"), series)
        self.assertIn((RUST_TOP, "glibc"), series)
        self.assertNotIn((RUST_TOP, "jemalloc"), series)
        self.assertEqual(built["runs"][0]["language"], "c++")
        self.assertIsNone(built["allocations"][JAVA_TOP]["count"])
        self.assertEqual(built["allocations"][GO_BOTTOM]["count"], 9)
        self.assertIn("Headline", stdout)
        with open(os.path.join(self.out, "results.md")) as text:
            markdown = text.read()
        self.assertIn("## Headline: C++ against the other languages",
                      markdown)
        self.assertIn("## Start-up, first finding and steady state",
                      markdown)
        with open(os.path.join(self.out, "env.json")) as text:
            env = json.load(text)
        self.assertIn("go", env["languages"])
        self.assertIn("GOGC=off GOMEMLIMIT=1GiB",
                      env["languages"]["go"]["runtime_settings"][
                          "GOGC=off+GOMEMLIMIT=1GiB"])
        # Interleaved: the second round starts after every series' first.
        progress = [line for line in stderr.splitlines() if "run " in line]
        self.assertIn("run 1/2", progress[len(series) - 1])
        self.assertIn("run 2/2", progress[len(series)])

    def test_a_go_program_claiming_to_be_cxx_stops_the_run(self):
        os.environ["FAKE_LANGUAGE_" + GO_COX_LAST] = "c++"
        self.addCleanup(os.environ.pop, "FAKE_LANGUAGE_" + GO_COX_LAST)
        status, _, stderr = self.compare()
        self.assertEqual(status, 1)
        self.assert_one_error_line(stderr, GO_COX_LAST,
                                   "language 'c++', expected 'go'")
        self.assertFalse(os.path.exists(self.out))

    def test_builds_take_programs_of_their_languages_only(self):
        status, _, stderr = self.compare("--builds", "gcc-O2",
                                         "--rungs", f"{BOTTOM},{GO_BOTTOM}")
        self.assertEqual(status, 2)
        self.assertIn(f"no build asked for is of {GO_BOTTOM}'s language",
                      stderr)

    def test_the_default_build_alone_checks_its_flags(self):
        # gcc-O2 is the --bin tree: no build, only the record checks.
        os.environ["FAKE_FLAGS"] = "-O2 -g -DNDEBUG -Wall"
        self.addCleanup(os.environ.pop, "FAKE_FLAGS")
        status, stdout, stderr = self.compare("--builds", "gcc-O2",
                                              "--rungs", f"{BOTTOM},top")
        self.assertEqual(status, 0, stderr)
        built = results.load(os.path.join(self.out, "results.json"))
        self.assertEqual(built["config"]["rungs"], [BOTTOM, TOP])
        self.assertEqual({run["build"] for run in built["runs"]}, {"gcc-O2"})
        self.assertIn("Rungs x builds", stdout)
        os.environ["FAKE_FLAGS"] = "-O3 -g -DNDEBUG"
        status, _, stderr = self.compare("--builds", "gcc-O2", "--rungs",
                                         BOTTOM, out=self.out + "-2")
        self.assertEqual(status, 1)
        self.assert_one_error_line(stderr, "flags")


if __name__ == "__main__":
    unittest.main()
