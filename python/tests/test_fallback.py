"""The file fallback: when no server can start, a self-refreshing temp file that keeps its scroll
position, removed by close_preview() and at interpreter exit."""

import os
import socket
import unittest
import urllib.parse
import urllib.request

from tests.support import Browser, StatusLog, html, live_server, no_browser, run_python

from sop_preview import DocumentPreviewManager, LivePreviewServer


def file_path(url: str) -> str:
    return urllib.request.url2pathname(urllib.parse.urlsplit(url).path)


def tall_page(text: str) -> str:
    rows = "".join("<p data-block=\"row-%d\" style=\"height:40px\">row %d</p>" % (n, n) for n in range(200))
    return html(text).replace("</body>", rows + "</body>")


class FallbackTest(unittest.TestCase):
    def open_fallback(self, server: LivePreviewServer, render=None, status=None) -> DocumentPreviewManager:
        manager = DocumentPreviewManager(render or (lambda: html("from the file")), on_status=status,
                                         open_browser=no_browser, server=server)
        self.addCleanup(manager.close_preview)
        self.assertTrue(manager.open_preview())
        self.assertEqual(manager.state, "fallback")
        self.assertTrue(manager.url.startswith("file://"), manager.url)
        return manager

    def test_a_missing_command_falls_back_to_a_file_with_the_render(self) -> None:
        status = StatusLog()
        manager = self.open_fallback(LivePreviewServer(command=["/nonexistent/sop-preview"]), status=status)
        with open(file_path(manager.url), encoding="utf-8") as handle:
            self.assertIn("from the file", handle.read())
        self.assertTrue(status.has("warning", "/nonexistent/sop-preview"), status.entries)

    def test_a_taken_port_with_strict_port_falls_back(self) -> None:
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            status = StatusLog()
            self.open_fallback(live_server(port=taken.getsockname()[1], strict_port=True), status=status)
            self.assertTrue(status.has("warning", "PREVIEW_ERR_PORT_IN_USE"), status.entries)

    def test_without_the_fallback_open_preview_fails_and_says_why(self) -> None:
        status = StatusLog()
        manager = DocumentPreviewManager(lambda: html("x"), on_status=status, open_browser=no_browser,
                                         fallback_on_failure=False,
                                         server=LivePreviewServer(command=["/nonexistent/sop-preview"]))
        self.assertFalse(manager.open_preview())
        self.assertEqual(manager.state, "closed")
        self.assertTrue(status.has("error", "Live preview unavailable"), status.entries)

    def test_the_page_refreshes_itself_and_keeps_its_scroll_position(self) -> None:
        model = {"text": "first text"}
        manager = self.open_fallback(LivePreviewServer(command=["/nonexistent/sop-preview"]),
                                     render=lambda: tall_page(model["text"]))
        browser = Browser(manager.url)
        self.addCleanup(browser.close)
        browser.wait_text("first text")
        self.assertEqual(browser.ask(cmd="eval", expression="window.scrollTo(0, 2000), window.scrollY")["value"], 2000)
        # Nothing changed: the page checks once a second but does not reload.
        browser.ask(cmd="eval", expression="new Promise((r) => setTimeout(r, 2500))")
        self.assertEqual(browser.ask(cmd="text")["navigations"], 0)

        model["text"] = "second text"
        manager.request_preview_update()
        self.assertTrue(manager.wait_idle(10))
        answer = browser.wait_text("second text")
        self.assertGreaterEqual(answer["navigations"], 1)
        self.assertEqual(browser.ask(cmd="eval", expression="window.scrollY")["value"], 2000)

    def test_a_render_error_shows_a_banner_over_the_last_good_render(self) -> None:
        model = {"broken": False}

        def render() -> str:
            if model["broken"]:
                raise RuntimeError("table 2 is empty")
            return html("last good")

        manager = self.open_fallback(LivePreviewServer(command=["/nonexistent/sop-preview"]), render=render)
        model["broken"] = True
        manager.request_preview_update()
        self.assertTrue(manager.wait_idle(10))
        with open(file_path(manager.url), encoding="utf-8") as handle:
            page = handle.read()
        self.assertIn("last good", page)
        self.assertIn("RuntimeError: table 2 is empty", page)


class TempFilesTest(unittest.TestCase):
    def test_close_preview_removes_the_temp_files(self) -> None:
        manager = DocumentPreviewManager(lambda: html("bye"), open_browser=no_browser,
                                         server=LivePreviewServer(command=["/nonexistent/sop-preview"]))
        self.assertTrue(manager.open_preview())
        folder = os.path.dirname(file_path(manager.url))
        self.assertTrue(os.path.isdir(folder))
        manager.close_preview()
        self.assertFalse(os.path.exists(folder))
        self.assertEqual(manager.state, "closed")

    def test_interpreter_exit_removes_the_temp_files(self) -> None:
        process = run_python(
            "from sop_preview import DocumentPreviewManager, LivePreviewServer\n"
            "manager = DocumentPreviewManager(lambda: '<p>x</p>', open_browser=False,\n"
            "    server=LivePreviewServer(command=['/nonexistent/sop-preview']))\n"
            "assert manager.open_preview()\n"
            "print(manager.url, flush=True)\n"
        )
        out, err = process.communicate(timeout=60)
        self.assertEqual(process.returncode, 0, err)
        path = file_path(out.strip())
        self.assertTrue(path.endswith("index.html"), out)
        self.assertFalse(os.path.exists(os.path.dirname(path)))


if __name__ == "__main__":
    unittest.main()
