"""Every relative link in the suite's own Markdown leads somewhere: moving
go/, rust/, java/ and scala/ one folder deeper (languages/) once broke 59
links of the programs' READMEs, to results sets and to the C++ rungs.
Committed results sets are left out: their pages are what was written."""

import os
import re
import subprocess
import unittest

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                    os.pardir)
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


class DocLinksTest(unittest.TestCase):
    def test_every_relative_link_resolves(self):
        listed = subprocess.run(["git", "-C", ROOT, "ls-files", "*.md"],
                                capture_output=True, text=True)
        if listed.returncode != 0:
            self.skipTest("not a git checkout")
        pages = [page for page in listed.stdout.split()
                 if not page.startswith("results/20")]
        self.assertTrue(pages)
        broken = []
        for page in pages:
            with open(os.path.join(ROOT, page), encoding="utf-8") as text:
                for target in LINK.findall(text.read()):
                    if re.match(r"[a-z]+:", target):
                        continue   # a URL, not a path
                    path = os.path.join(ROOT, os.path.dirname(page), target)
                    if not os.path.exists(os.path.normpath(path)):
                        broken.append(f"{page}: {target}")
        self.assertEqual(broken, [])


if __name__ == "__main__":
    unittest.main()
