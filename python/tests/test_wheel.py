"""The platform wheel on a machine without Node.js: ``npm run build:wheel``'s wheel installed with
``pip install --no-index`` into a fresh venv, run with ``PATH`` holding only that venv. The SOP
Builder's path (DocumentPreviewManager) must go live on the wheel's own Node runtime, in a real
browser, and leave no process behind."""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest
import urllib.request
import zipfile

from tests.support import REPO, Browser, poll, port_free, process_alive

HERE = os.path.dirname(os.path.abspath(__file__))
DRIVER = os.path.join(HERE, "wheel", "sop_builder_driver.py")


def build_wheel(out: str) -> str:
    """Runs the wheel build of the repository into ``out`` and returns the wheel's path."""
    node = shutil.which("node")
    if node is None:
        raise AssertionError("node is needed to build the wheel")
    result = subprocess.run([node, os.path.join(REPO, "scripts", "build-wheel.mjs"), "--out", out], cwd=REPO,
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise AssertionError("build:wheel failed: %s%s" % (result.stdout, result.stderr))
    wheels = [name for name in os.listdir(out) if name.endswith(".whl")]
    if len(wheels) != 1:
        raise AssertionError("expected one wheel in %s, found %r" % (out, wheels))
    return os.path.join(out, wheels[0])


class WheelWithoutNodeTest(unittest.TestCase):
    """One wheel and one venv for the whole class: building them takes about half a minute."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.folder = tempfile.mkdtemp(prefix="sop-preview-wheel-")
        cls.wheel = build_wheel(os.path.join(cls.folder, "dist"))
        venv = os.path.join(cls.folder, "venv")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True, timeout=120)
        cls.bin = os.path.join(venv, "bin")
        cls.python = os.path.join(cls.bin, "python")
        subprocess.run([cls.python, "-m", "pip", "install", "--no-index", "--quiet", cls.wheel], check=True,
                       timeout=300)
        # What an SOP Builder user has: this venv and nothing else, no Node.js, no npm, no npx.
        cls.env = {"PATH": cls.bin, "HOME": cls.folder, "TMPDIR": tempfile.gettempdir(), "LANG": "C.UTF-8"}

    @classmethod
    def tearDownClass(cls) -> None:
        shutil.rmtree(cls.folder, ignore_errors=True)

    def start_driver(self) -> subprocess.Popen:
        driver = subprocess.Popen([self.python, DRIVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                  env=self.env, cwd=self.folder)
        self.addCleanup(self.end, driver)
        return driver

    @staticmethod
    def end(driver: subprocess.Popen) -> None:
        if driver.poll() is None:
            driver.kill()
        driver.wait(10)
        for stream in (driver.stdin, driver.stdout):
            if stream is not None and not stream.closed:
                stream.close()

    @staticmethod
    def ask(driver: subprocess.Popen, line: str) -> dict:
        assert driver.stdin is not None and driver.stdout is not None
        driver.stdin.write(line + "\n")
        driver.stdin.flush()
        answer = driver.stdout.readline()
        if not answer:
            raise AssertionError("the driver ended (exit %s) after %r" % (driver.wait(10), line))
        return json.loads(answer)

    def open_live(self, driver: subprocess.Popen) -> dict:
        opened = self.ask(driver, "open")
        self.assertTrue(opened["opened"], opened)
        self.assertEqual(opened["state"], "live", "fell back instead of going live: %r" % opened["status"])
        self.assertTrue(opened["url"].startswith("http://127.0.0.1:"), opened)
        return opened

    def test_the_venv_has_no_node_and_the_wheel_carries_its_own(self) -> None:
        for tool in ("node", "npm", "npx"):
            self.assertIsNone(shutil.which(tool, path=self.env["PATH"]), tool)
        with zipfile.ZipFile(self.wheel) as wheel:
            names = set(wheel.namelist())
            node = wheel.getinfo("sop_preview/_runtime/node")
        for needed in ("sop_preview/_runtime/dist/bundle/sop-preview.mjs", "sop_preview/_runtime/dist/client.js",
                       "sop_preview/_runtime/dist/editor.js", "sop_preview/_runtime/themes/default.css",
                       "sop_preview/_runtime/LICENSE.node", "sop_preview/_runtime/dist/bundle/THIRD-PARTY-LICENSES.txt"):
            self.assertIn(needed, names)
        self.assertTrue((node.external_attr >> 16) & 0o111, "the node binary is not executable in the wheel")
        self.assertRegex(os.path.basename(self.wheel), r"^sop_preview-[0-9.]+-py3-none-manylinux_2_28_x86_64\.whl$")

    def test_the_sop_builder_path_goes_live_on_the_bundled_runtime_and_cleans_up(self) -> None:
        driver = self.start_driver()
        opened = self.open_live(driver)
        with open("/proc/%d/cmdline" % opened["pid"], "rb") as handle:
            argv = handle.read().split(b"\0")
        self.assertTrue(argv[0].endswith(b"sop_preview/_runtime/node"), argv)

        browser = Browser(opened["url"])
        self.addCleanup(browser.close)
        browser.wait_text("edits so far: 0.")
        done = self.ask(driver, "burst 50")
        self.assertTrue(done["idle"])
        self.assertEqual(done["count"], 200)
        answer = browser.wait_text("edits so far: 200.")
        self.assertEqual(answer["navigations"], 0, "the page reloaded")

        self.assertTrue(self.ask(driver, "break")["idle"])
        browser.wait_text("step 3 has no title", overlay=True)
        self.assertTrue(self.ask(driver, "fix")["idle"])
        browser.wait_text("step 3 has no title", overlay=True, gone=True)

        closed = self.ask(driver, "close")
        self.assertEqual(closed["state"], "closed")
        poll(lambda: port_free(closed["port"]), 10, "the port to be free after close_preview()")
        poll(lambda: not process_alive(opened["pid"]), 10, "the runtime to end after close_preview()")

    def test_no_process_is_left_when_the_interpreter_exits_without_closing(self) -> None:
        for how in ("exit", "kill"):
            with self.subTest(how=how):
                driver = self.start_driver()
                opened = self.open_live(driver)
                port = int(opened["url"].rsplit(":", 1)[1].strip("/"))
                if how == "exit":
                    self.ask(driver, "exit")
                else:
                    driver.send_signal(signal.SIGKILL)
                driver.wait(30)
                poll(lambda: not process_alive(opened["pid"]), 15, "the runtime to end after the interpreter (%s)" % how)
                poll(lambda: port_free(port), 10, "the port to be free (%s)" % how)

    def test_a_damaged_runtime_says_what_is_missing_in_the_status(self) -> None:
        installed = subprocess.run([self.python, "-c", "import sop_preview, os; print(os.path.dirname(sop_preview.__file__))"],
                                   env=self.env, cwd=self.folder, capture_output=True, text=True,
                                   check=True).stdout.strip()
        damages = {
            "client bundle removed": ("dist/client.js", None, "client.js"),
            "runtime binary removed": ("node", None, "node"),
            "runtime binary corrupt": ("node", b"\x7fELF not really a program", "node"),
        }
        for name, (path, content, named) in damages.items():
            with self.subTest(name):
                copy = os.path.join(self.folder, "damaged", name.replace(" ", "-"))
                shutil.copytree(installed, os.path.join(copy, "sop_preview"))
                self.addCleanup(shutil.rmtree, copy, True)
                target = os.path.join(copy, "sop_preview", "_runtime", path)
                os.remove(target)
                if content is not None:
                    with open(target, "wb") as handle:
                        handle.write(content)
                    os.chmod(target, 0o755)
                driver = subprocess.Popen([self.python, DRIVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          text=True, env=dict(self.env, PYTHONPATH=copy), cwd=self.folder)
                self.addCleanup(self.end, driver)
                opened = self.ask(driver, "open")
                self.assertEqual(opened["state"], "fallback", opened)
                warnings = [message for level, message in opened["status"] if level == "warning"]
                self.assertTrue(any("_runtime" in message and named in message for message in warnings),
                                "no status names %s: %r" % (named, opened["status"]))
                self.ask(driver, "close")

    def test_python_m_sop_preview_pushes_a_file_with_the_bundled_runtime(self) -> None:
        driver = self.start_driver()
        token = secrets.token_urlsafe(16)
        served = self.ask(driver, "serve %s" % token)
        self.assertTrue(served["started"], served)
        page = os.path.join(self.folder, "pushed.html")
        with open(page, "w", encoding="utf-8") as handle:
            handle.write("<!doctype html><html><head><title>p</title></head><body>"
                         "<p data-block=\"a\">pushed from python -m</p></body></html>")
        browser = Browser(served["url"])
        self.addCleanup(browser.close)
        result = subprocess.run([self.python, "-m", "sop_preview", page, "--url", served["url"], "--token", token],
                                env=self.env, capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        answer = browser.wait_text("pushed from python -m")
        self.assertEqual(answer["navigations"], 0)

    def test_the_console_command_runs_the_bundled_cli(self) -> None:
        result = subprocess.run([os.path.join(self.bin, "sop-preview"), "--version"], env=self.env,
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(REPO, "package.json"), encoding="utf-8") as handle:
            self.assertEqual(result.stdout.strip(), json.load(handle)["version"])
        project = os.path.join(self.folder, "project")
        init = subprocess.run([os.path.join(self.bin, "sop-preview"), "init", project], env=self.env,
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(init.returncode, 0, init.stderr)
        out = os.path.join(self.folder, "built")
        build = subprocess.run([os.path.join(self.bin, "sop-preview"), "build", project, "--out", out], env=self.env,
                               capture_output=True, text=True, timeout=60)
        self.assertEqual(build.returncode, 0, build.stderr)
        self.assertNotIn("SOP_WARN_MISSING_MEDIA", build.stderr, "init left out the sample's image")
        self.assertTrue(any(name.endswith(".html") for name in os.listdir(out)), os.listdir(out))


if __name__ == "__main__":
    unittest.main()
