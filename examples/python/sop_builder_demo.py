#!/usr/bin/env python3
"""A small SOP Builder in tkinter whose every keystroke updates the open live preview.

    PYTHONPATH=python python3 examples/python/sop_builder_demo.py

It is shaped like the application the package was made for: a title, a list of steps to add, edit
and remove, a "Live Preview" button that toggles the preview and changes its label, and a status
line. The whole preview integration is the manager, three calls and a status queue (marked
"preview:" below). Options: --browser CMD opens the preview with CMD instead of the default
browser; --autoplay types a sample procedure by itself (used for the screenshot).
"""

import argparse
import html
import itertools
import queue
import shlex
import signal
import subprocess
import sys
import threading
import tkinter as tk
from tkinter import ttk

from sop_preview import DocumentPreviewManager

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 44rem; color: #1f2933; }
h1 { font-size: 1.7rem; border-bottom: 3px solid #1d4ed8; padding-bottom: .3rem; }
ol { padding-left: 1.4rem; } li { margin: .5rem 0; padding: .4rem .6rem; background: #f1f5f9; border-radius: 4px; }
.meta { color: #52606d; font-size: .9rem; }
"""


class SopModel:
    """The document: a title and steps, each with a stable id (its data-block key)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.title = "Untitled procedure"
        self.steps = []  # [(id, text)]
        self._ids = itertools.count(1)

    def add_step(self, text: str) -> int:
        with self.lock:
            step_id = next(self._ids)
            self.steps.append((step_id, text))
            return step_id

    def render(self) -> str:
        """The HTML page; runs on the preview's worker thread, so it reads only this model."""
        with self.lock:
            title, steps = self.title, list(self.steps)
        items = "".join('<li data-block="step-%d">%s</li>' % (step_id, html.escape(text) or "&nbsp;")
                        for step_id, text in steps)
        return ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title>'
                "<style>%s</style></head><body>"
                '<h1 data-block="title">%s</h1><p class="meta" data-block="meta">%d steps</p>'
                '<ol data-block="steps">%s</ol></body></html>') % (
            html.escape(title), STYLE, html.escape(title), len(steps), items)


class SopBuilder:
    """The window."""

    def __init__(self, root: tk.Tk, browser_command: str = "") -> None:
        self.root = root
        self.model = SopModel()
        self.statuses: "queue.Queue[tuple]" = queue.Queue()
        open_browser = True
        if browser_command:
            def open_browser(url: str) -> None:
                subprocess.Popen(shlex.split(browser_command) + [url])
        # preview: the manager renders from the model and reports to the status queue.
        self.preview = DocumentPreviewManager(
            self.model.render, on_status=lambda level, message: self.statuses.put((level, message)),
            open_browser=open_browser)

        root.title("SOP Builder")
        root.geometry("740x860+0+0")
        frame = ttk.Frame(root, padding=12)
        frame.pack(fill="both", expand=True)
        ttk.Label(frame, text="Title").pack(anchor="w")
        self.title_entry = ttk.Entry(frame, font=("TkDefaultFont", 13))
        self.title_entry.insert(0, self.model.title)
        self.title_entry.pack(fill="x", pady=(0, 10))
        self.title_entry.bind("<KeyRelease>", self.on_title)

        ttk.Label(frame, text="Steps").pack(anchor="w")
        self.steps_list = tk.Listbox(frame, height=14, font=("TkDefaultFont", 12), exportselection=False)
        self.steps_list.pack(fill="both", expand=True)
        self.steps_list.bind("<<ListboxSelect>>", self.on_select)
        ttk.Label(frame, text="Selected step").pack(anchor="w", pady=(10, 0))
        self.step_entry = ttk.Entry(frame, font=("TkDefaultFont", 12))
        self.step_entry.pack(fill="x")
        self.step_entry.bind("<KeyRelease>", self.on_step_text)

        buttons = ttk.Frame(frame)
        buttons.pack(fill="x", pady=10)
        ttk.Button(buttons, text="Add step", command=self.add_step).pack(side="left")
        ttk.Button(buttons, text="Remove step", command=self.remove_step).pack(side="left", padx=6)
        self.preview_button = ttk.Button(buttons, text="Live Preview", command=self.toggle_preview)
        self.preview_button.pack(side="right")

        self.status = tk.StringVar(value="Ready")
        ttk.Label(frame, textvariable=self.status, relief="sunken", padding=4).pack(fill="x", side="bottom")
        root.protocol("WM_DELETE_WINDOW", self.close)
        self.poll_statuses()

    # preview: every change updates the model in this thread, then asks for an update.
    def changed(self) -> None:
        self.preview.request_preview_update()

    def on_title(self, _event: object = None) -> None:
        with self.model.lock:
            self.model.title = self.title_entry.get()
        self.changed()

    def on_select(self, _event: object = None) -> None:
        index = self.selected()
        if index is not None:
            self.step_entry.delete(0, "end")
            self.step_entry.insert(0, self.model.steps[index][1])

    def on_step_text(self, _event: object = None) -> None:
        index = self.selected()
        if index is None:
            return
        text = self.step_entry.get()
        with self.model.lock:
            self.model.steps[index] = (self.model.steps[index][0], text)
        self.steps_list.delete(index)
        self.steps_list.insert(index, text)
        self.steps_list.selection_set(index)
        self.changed()

    def add_step(self) -> None:
        self.model.add_step("New step")
        self.steps_list.insert("end", "New step")
        self.steps_list.selection_clear(0, "end")
        self.steps_list.selection_set("end")
        self.on_select()
        self.step_entry.focus_set()
        self.step_entry.select_range(0, "end")
        self.changed()

    def remove_step(self) -> None:
        index = self.selected()
        if index is None:
            return
        with self.model.lock:
            del self.model.steps[index]
        self.steps_list.delete(index)
        self.step_entry.delete(0, "end")
        self.changed()

    def selected(self):
        selection = self.steps_list.curselection()
        return selection[0] if selection else None

    # preview: the button toggles the preview and names what a click will do next.
    def toggle_preview(self) -> None:
        self.preview.toggle_live_preview()
        self.preview_button.config(text="Live Preview" if self.preview.state == "closed" else "Stop Live Preview")

    # preview: status messages come from other threads; Tk is touched only here.
    def poll_statuses(self) -> None:
        while not self.statuses.empty():
            level, message = self.statuses.get_nowait()
            self.status.set(("" if level == "info" else level.upper() + ": ") + message)
            if self.preview.state == "closed":
                self.preview_button.config(text="Live Preview")
        self.root.after(50, self.poll_statuses)

    def close(self) -> None:
        self.preview.close_preview()
        self.root.destroy()

    def autoplay(self, done: threading.Event) -> None:
        """Types a sample procedure key by key, as a person would, with the preview open."""
        title = "pH meter calibration"
        steps = ["Rinse the electrode with deionised water", "Immerse in pH 7.00 buffer and wait for a stable reading",
                 "Calibrate at pH 4.01, then at pH 10.01", "Record slope and offset in the log"]
        actions = [self.toggle_preview, lambda: self.title_entry.delete(0, "end")]
        actions += [lambda c=c: (self.title_entry.insert("end", c), self.on_title()) for c in title]
        for text in steps:
            actions.append(self.add_step)
            actions.append(lambda: self.step_entry.delete(0, "end"))
            actions += [lambda c=c: (self.step_entry.insert("end", c), self.on_step_text()) for c in text]
        actions.append(done.set)

        def run(index: int = 0) -> None:
            if index < len(actions):
                actions[index]()
                self.root.after(15, run, index + 1)

        self.root.after(300, run)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--browser", default="", help="command that opens the preview URL (default: the system browser)")
    parser.add_argument("--autoplay", action="store_true", help="type a sample procedure by itself")
    args = parser.parse_args()
    root = tk.Tk()
    app = SopBuilder(root, args.browser)
    # SIGTERM (the screenshot script's way to end the demo) closes like the window's close button.
    signal.signal(signal.SIGTERM, lambda *_: root.after(0, app.close))
    if args.autoplay:
        done = threading.Event()
        app.autoplay(done)

        def announce() -> None:
            if done.is_set() and app.preview.wait_idle(0):
                print("autoplay done", flush=True)
            else:
                root.after(100, announce)

        root.after(100, announce)
    root.mainloop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
