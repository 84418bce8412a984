"""DocumentPreviewManager live, against the real CLI and a real Chromium: bursts from many threads,
render errors in the overlay, and a server killed from outside."""

import os
import signal
import threading
import unittest

from tests.support import Browser, StatusLog, html, live_server, no_browser, poll

from sop_preview import DocumentPreviewManager


class BurstTest(unittest.TestCase):
    def test_4_threads_x_100_requests_end_with_the_final_html_on_screen_without_a_reload(self) -> None:
        lock = threading.Lock()
        model = {"count": 0}
        renders = {"calls": 0, "in_flight": 0, "max_in_flight": 0}

        def render() -> str:
            with lock:
                renders["calls"] += 1
                renders["in_flight"] += 1
                renders["max_in_flight"] = max(renders["max_in_flight"], renders["in_flight"])
                count = model["count"]
            try:
                return html("edits so far: %d." % count)
            finally:
                with lock:
                    renders["in_flight"] -= 1

        manager = DocumentPreviewManager(render, open_browser=no_browser, server=live_server())
        self.assertTrue(manager.open_preview())
        self.addCleanup(manager.close_preview)
        browser = Browser(manager.url)
        self.addCleanup(browser.close)
        browser.wait_text("edits so far: 0.")

        def edit() -> None:
            for _ in range(100):
                with lock:
                    model["count"] += 1
                manager.request_preview_update()

        threads = [threading.Thread(target=edit) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertTrue(manager.wait_idle(30))
        answer = browser.wait_text("edits so far: 400.")
        self.assertEqual(answer["navigations"], 0, "the page reloaded")
        self.assertEqual(renders["max_in_flight"], 1)
        # Coalesced: fewer renders than requests (plus the first one), and never none.
        self.assertLessEqual(renders["calls"], 401)
        self.assertEqual(manager.state, "live")


class RenderErrorTest(unittest.TestCase):
    def test_a_render_that_raises_shows_the_overlay_and_the_next_good_render_clears_it(self) -> None:
        model = {"text": "good version one", "broken": False}

        def render() -> str:
            if model["broken"]:
                raise ValueError("step 3 has no title")
            return html(model["text"])

        status = StatusLog()
        manager = DocumentPreviewManager(render, on_status=status, open_browser=no_browser,
                                         server=live_server())
        self.assertTrue(manager.open_preview())
        self.addCleanup(manager.close_preview)
        browser = Browser(manager.url)
        self.addCleanup(browser.close)
        browser.wait_text("good version one")

        model["broken"] = True
        manager.request_preview_update()
        self.assertTrue(manager.wait_idle(10))
        browser.wait_text("step 3 has no title", overlay=True)
        # The last good render stays under the overlay.
        self.assertIn("good version one", browser.ask(cmd="text")["text"])
        self.assertTrue(status.has("error", "ValueError: step 3 has no title"), status.entries)

        model.update(broken=False, text="good version two")
        manager.request_preview_update()
        browser.wait_text("good version two")
        answer = browser.wait_text("step 3 has no title", overlay=True, gone=True)
        self.assertEqual(answer["navigations"], 0)
        self.assertTrue(status.has("info", "render error is fixed"), status.entries)


class ServerKilledTest(unittest.TestCase):
    def test_a_child_killed_from_outside_is_reported_and_open_preview_starts_a_new_one(self) -> None:
        status = StatusLog()
        server = live_server()
        manager = DocumentPreviewManager(lambda: html("still here"), on_status=status,
                                         open_browser=no_browser, server=server)
        self.addCleanup(manager.close_preview)
        self.assertTrue(manager.open_preview())
        first_pid = server.pid
        os.kill(first_pid, signal.SIGKILL)
        poll(lambda: status.has("error", "stopped unexpectedly"), 10.0, "the status report")
        self.assertTrue(status.has("error", "killed by SIGKILL"), status.entries)
        self.assertEqual(manager.state, "closed")
        self.assertIsNone(manager.url)
        manager.request_preview_update()  # ignored while closed, never raises

        self.assertTrue(manager.open_preview())
        self.assertEqual(manager.state, "live")
        self.assertNotEqual(server.pid, first_pid)
        with __import__("urllib.request").request.urlopen(manager.url, timeout=10) as response:
            self.assertIn("still here", response.read().decode("utf-8"))


class ToggleTest(unittest.TestCase):
    def test_toggle_opens_and_closes_and_reports_each_step(self) -> None:
        status = StatusLog()
        opened = []
        manager = DocumentPreviewManager(lambda: html("toggled"), on_status=status, open_browser=opened.append,
                                         server=live_server())
        self.addCleanup(manager.close_preview)
        self.assertTrue(manager.toggle_live_preview())
        self.assertEqual(manager.state, "live")
        self.assertEqual(opened, [manager.url])
        self.assertTrue(status.has("info", "Live preview at http://127.0.0.1:"))
        self.assertFalse(manager.toggle_live_preview())
        self.assertEqual(manager.state, "closed")
        self.assertIsNone(manager.url)
        self.assertTrue(status.has("info", "Live preview closed"))


if __name__ == "__main__":
    unittest.main()
