#!/usr/bin/env python3
"""The toolchains of every language (toolchains.json): fetch the pinned ones,
list what this machine has, or tell the build which to use.

  toolchains.py fetch            fetch each language's default (pinned)
                                 toolchain through its own channel: the Go
                                 module proxy, rustup, Maven Central
  toolchains.py list             every toolchain: where it comes from and
                                 whether it is here
  toolchains.py cmake --out FILE [--use NAMES]
                                 write the CMake variables that name each
                                 language's toolchain (its default, or the
                                 one --use names)

A pinned toolchain that cannot be had is one line on stderr saying which and
why; the build then goes on with another toolchain of that language that is
here, and records it as such (HAVLAK_TOOLCHAIN_<LANGUAGE>_SUBSTITUTE).
Exit status: 0, or 2 for an unknown toolchain or a bad command line.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from havlak_tools import toolchains  # noqa: E402


def say(line):
    print(f"toolchains: {line}", file=sys.stderr, flush=True)


def cmake_quote(value):
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def chosen(registry, use):
    """Each language's toolchain: the one `use` names, else its default;
    when that one is not here, another of its language that is, said in
    one line. Returns {language: (Located, substitute_reason or None)}."""
    wanted = {language: registry.default(language)
              for language in registry.languages()}
    for name in use:
        wanted[registry.language(name)] = name
    result = {}
    for language, name in wanted.items():
        located = toolchains.locate(name)
        reason = None
        if located.missing:
            reason = f"{name} cannot be had here: {located.missing}"
            others = [toolchains.locate(other) for other in
                      reversed(registry.names(language)) if other != name]
            present = [other for other in others if not other.missing]
            if present:
                say(f"{reason}; {language} builds with {present[0].name} "
                    f"({present[0].source}) instead, recorded as such")
                located = present[0]
            else:
                say(f"{reason}; no other {language} toolchain is here: "
                    f"the {language} programs are not built")
        result[language] = (located, reason)
    return result


def write_cmake(path, choice):
    lines = ["# Written by scripts/toolchains.py cmake: each language's "
             "toolchain (toolchains.json)."]
    for language, (located, reason) in choice.items():
        key = language.upper().replace("+", "X")
        def put(field, value):
            if isinstance(value, list):
                value = ";".join(value)
            lines.append(f"set(HAVLAK_TOOLCHAIN_{key}_{field} "
                         f"{cmake_quote(value)})")
        put("NAME", "" if located.missing else located.name)
        put("VERSION", located.version)
        put("FROM", located.source)
        put("SAYS", located.version_line or "")
        put("SUBSTITUTE", reason or "")
        for field, value in sorted(located.paths.items()):
            put(field.upper(), value)
    text = "\n".join(lines) + "\n"
    try:
        with open(path, encoding="utf-8") as old:
            if old.read() == text:
                return
    except OSError:
        pass
    temporary = f"{path}.tmp.{os.getpid()}"
    with open(temporary, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    parser.add_argument("command", choices=("fetch", "list", "cmake"))
    parser.add_argument("--out", help="cmake: the file to write")
    parser.add_argument("--use", default="",
                        help="cmake: comma-separated toolchains to use "
                             "instead of their languages' defaults")
    args = parser.parse_args(argv)
    try:
        registry = toolchains.registry()
        use = registry.parse(args.use) if args.use.strip() else []
    except toolchains.ToolchainError as error:
        say(f"{error}")
        return 2
    if len({registry.language(name) for name in use}) != len(use):
        say(f"--use '{args.use}' names two toolchains of one language")
        return 2
    if args.command == "fetch":
        for language in registry.languages():
            name = registry.default(language)
            located = toolchains.fetch(name, say)
            if located.missing:
                say(f"{name} cannot be had here: {located.missing}")
        return 0
    if args.command == "list":
        for name in registry.names():
            located = toolchains.locate(name)
            state = (f"missing: {located.missing}" if located.missing
                     else located.version_line)
            default = " (default)" if name == registry.default(
                located.language) else ""
            print(f"{name:12} {located.language:6} {located.source}"
                  f"{default}\n{'':12} {state}")
        return 0
    if not args.out:
        parser.error("cmake needs --out FILE")
    write_cmake(args.out, chosen(registry, use))
    return 0


if __name__ == "__main__":
    sys.exit(main())
