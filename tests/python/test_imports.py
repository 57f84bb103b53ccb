"""The runner's modules import each other without a circle: a circle
(analysis.py and results.py once imported each other inside functions)
means two modules that cannot be read, tested or changed apart."""

import ast
import os
import unittest

import havlak_tools

PACKAGE = os.path.dirname(os.path.abspath(havlak_tools.__file__))


def relative_imports(path):
    """The package's modules that `path` imports, anywhere in the file."""
    with open(path, encoding="utf-8") as source:
        tree = ast.parse(source.read(), path)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


class ImportGraphTest(unittest.TestCase):
    def test_no_module_of_the_runner_imports_itself_through_others(self):
        modules = {name[:-3] for name in os.listdir(PACKAGE)
                   if name.endswith(".py") and name != "__init__.py"}
        graph = {module: relative_imports(os.path.join(PACKAGE, module + ".py"))
                 & modules for module in modules}

        def path_back(start):
            stack, seen = [(start, [start])], set()
            while stack:
                module, path = stack.pop()
                for imported in graph[module]:
                    if imported == start:
                        return path + [start]
                    if imported not in seen:
                        seen.add(imported)
                        stack.append((imported, path + [imported]))
            return None

        circles = [" -> ".join(path) for path in map(path_back, sorted(graph))
                   if path]
        self.assertEqual(circles, [])


if __name__ == "__main__":
    unittest.main()
