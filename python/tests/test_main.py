"""``python -m sop_preview FILE.html`` pushes a file once, like ``sop-preview push``."""

import os
import subprocess
import sys
import tempfile
import unittest
import urllib.request

from tests.support import PYTHON_DIR, html, live_server

TOKEN = "python-main-token-0123"


def run_main(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=PYTHON_DIR)
    env.pop("SOP_PREVIEW_TOKEN", None)
    return subprocess.run([sys.executable, "-m", "sop_preview", *args], capture_output=True, text=True,
                          env=env, timeout=60)


class MainTest(unittest.TestCase):
    def test_pushes_a_file_and_prints_the_version(self) -> None:
        with live_server(token=TOKEN) as server, tempfile.TemporaryDirectory() as folder:
            page = os.path.join(folder, "page.html")
            with open(page, "w", encoding="utf-8") as handle:
                handle.write(html("pushed from python -m"))
            done = run_main(page, "--url", server.get_server_url(), "--token", TOKEN)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertRegex(done.stdout, r"^version \d+$")
            with urllib.request.urlopen(server.get_server_url(), timeout=10) as response:
                self.assertIn("pushed from python -m", response.read().decode("utf-8"))

            refused = run_main(page, "--url", server.get_server_url(), "--token", "wrong-token-123")
            self.assertEqual(refused.returncode, 1)
            self.assertIn("HTTP 401", refused.stderr)

    def test_usage_errors_exit_2(self) -> None:
        self.assertEqual(run_main("page.html").returncode, 2)  # no token
        missing = run_main("/nonexistent/page.html", "--token", TOKEN)
        self.assertEqual(missing.returncode, 2)
        self.assertIn("cannot read", missing.stderr)


if __name__ == "__main__":
    unittest.main()
