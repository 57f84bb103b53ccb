"""toolchains.json, the registry of every language's toolchains: its checks,
and which toolchain a record's compiler line names."""

import json
import os
import tempfile
import unittest

from havlak_tools import toolchains


class RegistryTest(unittest.TestCase):
    def write(self, data):
        folder = tempfile.mkdtemp()
        self.addCleanup(lambda: __import__("shutil").rmtree(folder))
        path = os.path.join(folder, "toolchains.json")
        with open(path, "w") as out:
            json.dump(data, out)
        return path

    def suite_registry(self):
        with open(toolchains.REGISTRY_FILE) as text:
            return json.load(text)

    def test_the_suites_registry_names_a_default_for_every_language(self):
        registry = toolchains.registry()
        for language in ("c++", "go", "rust", "java", "scala"):
            self.assertEqual(registry.language(registry.default(language)),
                             language)
            # Both ends of the toolchain axis: an old one beside the default.
            self.assertGreaterEqual(len(registry.names(language)), 2)

    def test_a_bad_registry_is_one_message_naming_the_file(self):
        for change, words in (
                (lambda d: d["defaults"].update(go="rust-1.63"),
                 "default go toolchain 'rust-1.63'"),
                (lambda d: d["toolchains"].append(d["toolchains"][0]),
                 "listed twice"),
                (lambda d: d["toolchains"][-1].update(jdk="go-1.19"),
                 "is not a Java toolchain"),
                (lambda d: d["toolchains"][0].pop("from"), "no 'from'")):
            data = self.suite_registry()
            change(data)
            path = self.write(data)
            with self.assertRaises(toolchains.ToolchainError) as caught:
                toolchains.load(path)
            self.assertIn(words, str(caught.exception))
            self.assertTrue(str(caught.exception).startswith(path))

    def test_a_records_compiler_line_names_its_toolchain(self):
        for language, line, name in (
                ("go", "go1.19.8 gc", "go-1.19"),
                ("go", "go1.27.3 gc", "go-1.27.3"),
                ("go", "go1.27.30 gc", None),
                ("rust", "rustc 1.95.0 (59807616e 2026-04-14) (/x/rustc)",
                 "rust-1.95.0"),
                ("rust", "rustc 1.63.0 (/usr/bin/rustc)", "rust-1.63"),
                ("java", "javac 25.0.3", "jdk-25"),
                ("java", "javac 17.0.15", "jdk-17"),
                ("scala", "Scala compiler version 2.11.12", "scala-2.11"),
                ("c++", "clang++ 19.1.7 ", "clang-19"),
                ("c++", "g++ 12.2.0", "gcc-12")):
            self.assertEqual(toolchains.identify(language, line), name, line)

    def test_parse_names_the_valid_toolchains(self):
        registry = toolchains.registry()
        self.assertEqual(registry.parse("jdk-25,go-1.19"),
                         ["go-1.19", "jdk-25"])
        self.assertEqual(registry.parse("all"), registry.names())
        for text, words in (("go-1.19,,jdk-25", "empty name"),
                            ("jdk-17,jdk-17", "twice"),
                            ("jdk-26", "unknown toolchain 'jdk-26'")):
            with self.assertRaises(toolchains.ToolchainError) as caught:
                registry.parse(text)
            self.assertIn(words, str(caught.exception))


if __name__ == "__main__":
    unittest.main()


class SubstituteTest(unittest.TestCase):
    """A pinned toolchain that cannot be had: one line says which and why,
    and the build takes another of its language that is here, recorded as
    such; never a silent substitute."""

    def test_a_missing_default_is_said_and_recorded(self):
        import subprocess
        import sys
        with open(toolchains.REGISTRY_FILE) as text:
            data = json.load(text)
        data["toolchains"].append({
            "name": "go-9.9", "language": "go", "version": "go9.9",
            "record_says": "go9.9 ", "from": "nowhere",
            "go": "/nonexistent/go/bin/go"})
        data["defaults"]["go"] = "go-9.9"
        folder = tempfile.mkdtemp()
        self.addCleanup(lambda: __import__("shutil").rmtree(folder))
        registry = os.path.join(folder, "toolchains.json")
        with open(registry, "w") as out:
            json.dump(data, out)
        out_file = os.path.join(folder, "toolchains.cmake")
        script = os.path.join(os.path.dirname(toolchains.REGISTRY_FILE),
                              "scripts", "toolchains.py")
        done = subprocess.run(
            [sys.executable, script, "cmake", "--out", out_file],
            capture_output=True, text=True,
            env=dict(os.environ, HAVLAK_TOOLCHAINS_FILE=registry))
        self.assertEqual(done.returncode, 0, done.stderr)
        said = [line for line in done.stderr.splitlines() if "go-9.9" in line]
        self.assertEqual(len(said), 1, done.stderr)
        self.assertIn("go-9.9 cannot be had here: /nonexistent/go/bin/go "
                      "does not run (nowhere)", said[0])
        with open(out_file) as text:
            cmake = text.read()
        self.assertIn('set(HAVLAK_TOOLCHAIN_GO_SUBSTITUTE "go-9.9 cannot be '
                      'had here', cmake)
        substitute = [name for name in toolchains.registry().names("go")
                      if not toolchains.locate(name).missing]
        if substitute:
            self.assertIn(said[0].split("builds with ")[1].split()[0],
                          substitute)
            self.assertNotIn('set(HAVLAK_TOOLCHAIN_GO_NAME "go-9.9")', cmake)
