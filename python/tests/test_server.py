"""LivePreviewServer against the real CLI: start and stop, failures that return False quickly,
and a child process that never outlives Python."""

import os
import signal
import socket
import sys
import tempfile
import time
import unittest
import urllib.request

from tests.support import html, live_server, poll, port_free, process_alive, run_python

from sop_preview import LivePreviewServer, PushError


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


class LifecycleTest(unittest.TestCase):
    def test_stop_on_a_server_that_never_started_is_harmless(self) -> None:
        server = LivePreviewServer()
        server.stop_server()
        server.stop_server()
        self.assertFalse(server.is_running)
        self.assertIsNone(server.get_server_url())
        self.assertIsNone(server.last_error)
        with self.assertRaises(RuntimeError):
            server.update_content(html("nobody listens"))

    def test_start_and_stop_20_times_leaves_no_process_port_or_temp_folder(self) -> None:
        server = live_server()
        for round_ in range(20):
            self.assertTrue(server.start_server(), server.last_error)
            pid, url, folder = server.pid, server.get_server_url(), server._folder
            port = int(url.rsplit(":", 1)[1].strip("/"))
            self.assertEqual(server.update_content(html("round %d" % round_)) > 0, True)
            self.assertIn("round %d" % round_, fetch(url))
            server.stop_server()
            self.assertFalse(server.is_running)
            self.assertFalse(process_alive(pid), "round %d: sop-preview (pid %d) still runs" % (round_, pid))
            self.assertTrue(port_free(port), "round %d: port %d still answers" % (round_, port))
            self.assertFalse(os.path.exists(folder), "round %d: %s left behind" % (round_, folder))

    def test_updates_return_increasing_versions_and_serve_the_html(self) -> None:
        with live_server() as server:
            first = server.update_content(html("first"))
            second = server.update_content(html("second"))
            self.assertGreater(second, first)
            self.assertIn("second", fetch(server.get_server_url()))
        self.assertFalse(server.is_running)

    def test_a_wrong_token_is_refused(self) -> None:
        with live_server(token="the-real-token") as server:
            from sop_preview import PushClient

            client = PushClient(server.get_server_url(), "not-the-token")
            with self.assertRaises(PushError) as caught:
                client.put_content(html("sneaky"))
            client.close()
            self.assertEqual(caught.exception.status, 401)
            self.assertNotIn("sneaky", fetch(server.get_server_url()))


class StartFailureTest(unittest.TestCase):
    def test_a_missing_command_returns_false_with_the_reason(self) -> None:
        server = LivePreviewServer(command=["/nonexistent/sop-preview"])
        started = time.monotonic()
        self.assertFalse(server.start_server())
        self.assertLess(time.monotonic() - started, 2.0)
        self.assertIn("/nonexistent/sop-preview", server.last_error)
        self.assertFalse(server.is_running)

    def test_a_taken_port_with_strict_port_returns_false_with_the_reason(self) -> None:
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            server = live_server(port=port, strict_port=True)
            self.assertFalse(server.start_server())
            self.assertIn("PREVIEW_ERR_PORT_IN_USE", server.last_error)
            self.assertIsNone(server.pid)

    def test_a_command_that_never_starts_is_killed_at_the_deadline(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            pid_file = os.path.join(folder, "pid")
            sleeper = [sys.executable, "-c",
                       "import os, sys, time; open(%r, 'w').write(str(os.getpid())); time.sleep(120)" % pid_file]
            server = LivePreviewServer(command=sleeper, start_timeout=1.5)
            started = time.monotonic()
            self.assertFalse(server.start_server())
            self.assertLess(time.monotonic() - started, 10.0)
            self.assertIn("did not start within 1.5 s", server.last_error)
            with open(pid_file) as handle:
                pid = int(handle.read())
            poll(lambda: not process_alive(pid), 5.0, "the sleeper to be killed")


class ChildNeverOutlivesPythonTest(unittest.TestCase):
    START = (
        "from tests.support import live_server\n"
        "import os, signal\n"
        "from sop_preview import LivePreviewServer\n"
        "server = live_server()\n"
        "assert server.start_server(), server.last_error\n"
        "print(server.pid, server._folder, flush=True)\n"
    )

    def run_and_read(self, code: str):
        process = run_python(self.START + code)
        out, err = process.communicate(timeout=60)
        self.assertTrue(out.strip(), err)
        pid, folder = out.split()[:2]
        return int(pid), folder, process.returncode, err

    def test_interpreter_exit_stops_the_child_and_removes_its_temp_files(self) -> None:
        pid, folder, code, err = self.run_and_read("")
        self.assertEqual(code, 0, err)
        poll(lambda: not process_alive(pid), 10.0, "sop-preview to stop with Python")
        self.assertFalse(os.path.exists(folder))

    def test_a_killed_interpreter_still_takes_the_child_with_it(self) -> None:
        # SIGKILL: no atexit, no cleanup. The CLI's stdin (a pipe we held) closes, and
        # --exit-with-stdin stops it.
        pid, folder, code, _ = self.run_and_read("os.kill(os.getpid(), signal.SIGKILL)\n")
        self.assertEqual(code, -signal.SIGKILL)
        try:
            poll(lambda: not process_alive(pid), 10.0, "sop-preview to stop after Python was killed")
        finally:
            if process_alive(pid):
                os.kill(pid, signal.SIGKILL)
            import shutil

            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
