"""The toolchains of every language (toolchains.json): which one each
language builds with by default, where each comes from, how to fetch the
pinned ones through their own channel, and where each is on this machine.

A toolchain is found, or it is not there with one line saying why
(`Located.missing`); nothing here falls back to another one silently.
"""

import functools
import hashlib
import os
import shutil
import subprocess

from .files import read_json
from .languages import CXX, LANGUAGE_ORDER

# HAVLAK_TOOLCHAINS_FILE names another registry (the tests' own).
REGISTRY_FILE = os.environ.get("HAVLAK_TOOLCHAINS_FILE") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir,
    "toolchains.json")


class ToolchainError(ValueError):
    pass


class Registry:
    """toolchains.json, checked: `toolchains` by name in the file's order,
    `defaults` each language's default toolchain's name."""

    def __init__(self, data, where):
        def fail(message):
            raise ToolchainError(f"{where}: {message}")

        if not isinstance(data, dict) or not isinstance(
                data.get("toolchains"), list):
            fail('"toolchains" must list the toolchains')
        self.toolchains = {}
        for entry in data["toolchains"]:
            name = entry.get("name") if isinstance(entry, dict) else None
            if not isinstance(name, str) or not name:
                fail(f"a toolchain without a name: {entry!r}")
            if entry.get("language") not in LANGUAGE_ORDER:
                fail(f"{name}: unknown language {entry.get('language')!r}")
            if name in self.toolchains:
                fail(f"{name} is listed twice")
            for field in ("version", "from"):
                if not isinstance(entry.get(field), str):
                    fail(f"{name}: no {field!r}")
            self.toolchains[name] = entry
        self.defaults = data.get("defaults")
        if not isinstance(self.defaults, dict):
            fail('"defaults" must map each language to a toolchain')
        # An interpreted language has none: its runtime settings choose
        # the interpreter (language.json), and its records name it.
        compiled = {entry["language"] for entry in self.toolchains.values()}
        for language in LANGUAGE_ORDER:
            name = self.defaults.get(language)
            if language not in compiled and name is None:
                continue
            if name not in self.toolchains or (
                    self.toolchains[name]["language"] != language):
                fail(f"the default {language} toolchain {name!r} is not one "
                     f"of its toolchains")
        for entry in self.toolchains.values():
            jdk = entry.get("jdk")
            if jdk is not None and (jdk not in self.toolchains or
                                    self.toolchains[jdk]["language"]
                                    != "java"):
                fail(f"{entry['name']}: jdk {jdk!r} is not a Java toolchain")

    def languages(self):
        """The languages with toolchains, in the ladder's order."""
        return [language for language in LANGUAGE_ORDER
                if self.defaults.get(language) is not None]

    def names(self, language=None):
        return [name for name, entry in self.toolchains.items()
                if language is None or entry["language"] == language]

    def language(self, name):
        return self.toolchains[name]["language"]

    def default(self, language):
        return self.defaults[language]

    def parse(self, text):
        """`go-1.19,go-1.27.3` (or `all`) -> the names, in the registry's
        order. Raises ToolchainError with one line naming the valid ones."""
        valid = ", ".join(self.toolchains) + " (or all)"
        if text.strip() == "all":
            return list(self.toolchains)
        names = [name.strip() for name in text.split(",")]
        for name in names:
            if not name:
                raise ToolchainError(f"TOOLCHAINS '{text}' has an empty "
                                     f"name; the toolchains are {valid}")
            if name not in self.toolchains:
                raise ToolchainError(f"unknown toolchain '{name}'; the "
                                     f"toolchains are {valid}")
        if len(set(names)) != len(names):
            raise ToolchainError(f"TOOLCHAINS '{text}' names a toolchain "
                                 "twice")
        return [name for name in self.toolchains if name in names]


def load(path):
    return Registry(read_json(path, ToolchainError), path)


@functools.lru_cache(maxsize=None)
def registry():
    return load(os.path.normpath(REGISTRY_FILE))


def _output(command, env=None):
    """The command's output (stdout, else stderr), stripped; None when it
    cannot run or fails."""
    try:
        result = subprocess.run(command, capture_output=True, text=True,
                                timeout=600, env=env,
                                stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return (result.stdout.strip() or result.stderr.strip()) or None


def _go_env():
    """The machine's go command's environment for the proxy: ours, but
    never a GOTOOLCHAIN or GOPROXY=off left over from a build."""
    env = dict(os.environ)
    for name in ("GOTOOLCHAIN", "GOFLAGS"):
        env.pop(name, None)
    if env.get("GOPROXY") == "off":
        env.pop("GOPROXY")
    return env


def maven_repository():
    return os.path.join(os.path.expanduser("~"), ".m2", "repository")


def maven_path(coordinates, repository=None):
    """group:artifact:version -> the jar's path in the local Maven
    repository."""
    group, artifact, version = coordinates.split(":")
    return os.path.join(repository or maven_repository(),
                        *group.split("."), artifact, version,
                        f"{artifact}-{version}.jar")


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Located:
    """One toolchain on this machine: `paths` (what the build needs) and
    `version_line` (what it says of itself), or `missing` (one line: why
    it is not here)."""

    def __init__(self, entry, paths=None, version_line=None, missing=None):
        self.name = entry["name"]
        self.language = entry["language"]
        self.version = entry["version"]
        self.source = entry["from"]
        self.paths = paths or {}
        self.version_line = version_line
        self.missing = missing

    def describe(self):
        """env.json's account of it."""
        return {"name": self.name, "language": self.language,
                "version": self.version, "from": self.source,
                "says": self.version_line, "paths": self.paths,
                "missing": self.missing}


def _locate_cxx(entry):
    command = shutil.which(entry["command"])
    if command is None:
        return Located(entry, missing=f"{entry['command']} is not installed "
                                      f"({entry['from']})")
    line = _output([command, "--version"])
    return Located(entry, {"compiler": command},
                   line.splitlines()[0] if line else None)


def _locate_go(entry):
    if "go" in entry:
        go = entry["go"]
    else:
        env = _go_env()
        env.update(GOPROXY="off", GOTOOLCHAIN=entry["gotoolchain"])
        root = _output(["go", "env", "GOROOT"], env)
        go = os.path.join(root, "bin", "go") if root else None
        if go is None or not os.path.isfile(go):
            return Located(entry, missing=f"{entry['gotoolchain']} has not "
                           "been fetched from the Go module proxy "
                           "(scripts/toolchains.py fetch)")
    line = _output([go, "version"], {"PATH": "/usr/bin:/bin",
                                     "GOTOOLCHAIN": "local",
                                     "HOME": os.path.expanduser("~")})
    if line is None:
        return Located(entry, missing=f"{go} does not run ({entry['from']})")
    if not any(word == entry["version"] or word.startswith(
            entry["version"] + ".") for word in line.split()):
        return Located(entry, missing=f"{go} is {line}, not "
                                      f"{entry['version']}")
    return Located(entry, {"go": go}, line)


def _locate_rust(entry):
    if "rustup_toolchain" in entry:
        tools = {}
        for tool in ("rustc", "cargo"):
            path = _output(["rustup", "which", "--toolchain",
                            entry["rustup_toolchain"], tool])
            if path is None:
                return Located(entry, missing="rustup has no toolchain "
                               f"{entry['rustup_toolchain']} "
                               "(scripts/toolchains.py fetch)")
            tools[tool] = path
    else:
        tools = {"rustc": entry["rustc"], "cargo": entry["cargo"]}
    line = _output([tools["rustc"], "--version"])
    if line is None:
        return Located(entry, missing=f"{tools['rustc']} does not run "
                                      f"({entry['from']})")
    if f"rustc {entry['version']}" not in line:
        return Located(entry, missing=f"{tools['rustc']} is {line}, not "
                                      f"{entry['version']}")
    return Located(entry, tools, line)


def _locate_java(entry):
    home = entry["java_home"]
    java, javac = (os.path.join(home, "bin", tool) for tool in
                   ("java", "javac"))
    line = _output([javac, "-version"])
    if line is None or not os.access(java, os.X_OK):
        return Located(entry, missing=f"no JDK in {home} ({entry['from']})")
    if not line.startswith(f"javac {entry['version']}"):
        return Located(entry, missing=f"{javac} is {line}, not JDK "
                                      f"{entry['version']}")
    return Located(entry, {"java_home": home, "java": java, "javac": javac},
                   line)


def _locate_scala(entry):
    jdk = locate(entry["jdk"])
    if jdk.missing:
        return Located(entry, missing=f"its JDK: {jdk.missing}")
    paths = {"java_home": jdk.paths["java_home"], "java": jdk.paths["java"],
             "jdk_release": jdk.version}
    if "scalac" in entry:
        library = entry["library"]
        if not shutil.which(entry["scalac"]) or not all(
                os.path.isfile(jar) for jar in library):
            return Located(entry, missing=f"{entry['scalac']} or its "
                           f"library is not installed ({entry['from']})")
        env = dict(os.environ, JAVA_HOME=paths["java_home"])
        line = _output([entry["scalac"], "-version"], env)
        paths.update(scalac=entry["scalac"], library=library)
        return Located(entry, paths,
                       line.split(" -- ")[0] if line else None)
    compiler = []
    for coordinates, digest in entry["scala_artifacts"].items():
        path = maven_path(coordinates)
        if not os.path.isfile(path):
            return Located(entry, missing=f"{coordinates} has not been "
                           "fetched from Maven Central "
                           "(scripts/toolchains.py fetch)")
        if sha256(path) != digest:
            return Located(entry, missing=f"{path} is not the pinned "
                           f"{coordinates} (SHA-256 differs)")
        compiler.append(path)
    paths.update(compiler_classpath=compiler,
                 compiler_main=entry["compiler_main"],
                 library=[maven_path(item) for item in entry["library"]])
    return Located(entry, paths, f"Scala compiler version {entry['version']}"
                   " (jars checked against their pinned SHA-256)")


_LOCATORS = {CXX: _locate_cxx, "go": _locate_go, "rust": _locate_rust,
             "java": _locate_java, "scala": _locate_scala}


@functools.lru_cache(maxsize=None)
def locate(name):
    entry = registry().toolchains[name]
    return _LOCATORS[entry["language"]](entry)


def fetch(name, say):
    """Fetches one pinned toolchain through its own channel, when it is not
    here yet. Returns its Located (whose `missing` says why, when the fetch
    failed). Debian's toolchains are scripts/install-deps.sh's."""
    entry = registry().toolchains[name]
    located = locate(name)
    if not located.missing:
        return located
    if "gotoolchain" in entry:
        say(f"{name}: fetching {entry['gotoolchain']} from the Go module "
            "proxy")
        env = _go_env()
        env["GOTOOLCHAIN"] = entry["gotoolchain"]
        _output(["go", "version"], env)
    elif "rustup_toolchain" in entry:
        say(f"{name}: rustup toolchain install {entry['rustup_toolchain']}")
        _output(["rustup", "toolchain", "install", "--profile", "minimal",
                 entry["rustup_toolchain"]])
    elif "scala_artifacts" in entry:
        top = next(iter(entry["scala_artifacts"]))
        say(f"{name}: fetching {top} and its dependencies from Maven "
            "Central")
        _output(["mvn", "-B", "-q", "dependency:get", f"-Dartifact={top}"])
    else:
        return located
    locate.cache_clear()
    return locate(name)


def identify(language, compiler):
    """The toolchain of `language` whose record line `compiler` (a run
    record's) begins as toolchains.json says; None when none does."""
    for name in registry().names(language):
        says = registry().toolchains[name].get("record_says")
        if says and (compiler + " ").startswith(says):
            return name
    return None
