"""Drive the real program in a real X server, for tests/test_real_window.py.

Run inside ``xvfb-run -a -s "-screen 0 1920x1080x24 -noreset"``:

    python tests/real_window_driver.py PLAN.json

The plan (written by the test) says which program to start and what to do:
clicks, double clicks, drags and key presses at positions the test computed
by building the same screens in-process, and when to take screenshots.  This
script starts a window manager (openbox: full screen under Xvfb needs one,
or clicks are scaled wrongly), sets the French keyboard layout, starts the
program, plays the plan with xdotool and writes what happened to the plan's
``result`` file (JSON).  It never decides anything itself.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def run(*args: str, timeout: float = 10.0, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, check=check)


def xdo(*args: str) -> None:
    run("xdotool", *args)


def wait_until(predicate, timeout: float, step: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def window_manager_ready() -> bool:
    # _NET_NUMBER_OF_DESKTOPS is set by an EWMH window manager once it runs
    return run("xdotool", "get_num_desktops", check=False).returncode == 0


class Driver:
    def __init__(self, plan: dict):
        self.plan = plan
        self.result: dict = {"shots": [], "events": [], "exit_code": None}
        self.app: subprocess.Popen | None = None
        self.wm: subprocess.Popen | None = None
        self.t0 = time.monotonic()

    def note(self, what: str) -> None:
        self.result["events"].append(f"{time.monotonic() - self.t0:6.2f}s {what}")

    # -- setting up the desktop ---------------------------------------------
    def start_window_manager(self) -> None:
        self.wm = subprocess.Popen(["openbox"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.result["window_manager"] = wait_until(window_manager_ready, 10.0)
        self.note(f"openbox ready: {self.result['window_manager']}")

    def set_layout(self) -> None:
        run("setxkbmap", self.plan.get("layout", "fr"))
        query = run("setxkbmap", "-query").stdout
        self.result["setxkbmap_query"] = query
        layout = [line.split(":", 1)[1].strip() for line in query.splitlines() if line.startswith("layout:")]
        self.result["layout"] = layout[0] if layout else None
        self.note(f"layout {self.result['layout']}")

    def start_program(self) -> bool:
        env = dict(os.environ)
        env.update(self.plan.get("env", {}))
        log = open(self.plan["log"], "w", encoding="utf-8")  # noqa: SIM115 - kept open while it runs
        self.app = subprocess.Popen(self.plan["command"], env=env, stdout=log, stderr=subprocess.STDOUT)
        # the program says when its first frame is on screen (PAS_A_PAS_REPORT_FIRST_FRAME)
        drawn = wait_until(lambda: "first-frame" in self.read_log() or self.app.poll() is not None, 30.0)
        # the program's window has the keyboard focus (xdotool 3.2016 « search --name »
        # does not find its UTF-8 title: ask for the active window instead)
        focused = wait_until(lambda: self.active_window_name() == self.plan["title"], 10.0)
        self.result["active_window"] = self.active_window_name()
        geometry = run("xdotool", "getactivewindow", "getwindowgeometry", check=False).stdout
        self.result["window_geometry"] = geometry.strip()
        ok = drawn and focused and self.app.poll() is None
        self.note(f"program started: {ok}")
        return ok

    @staticmethod
    def active_window_name() -> str:
        return run("xdotool", "getactivewindow", "getwindowname", check=False).stdout.strip()

    def read_log(self) -> str:
        try:
            with open(self.plan["log"], encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    # -- the plan -------------------------------------------------------------
    def shot(self, name: str) -> None:
        folder = self.plan.get("shots")
        if not folder:
            return
        path = os.path.join(folder, f"{name}.png")
        done = run("import", "-window", "root", path, timeout=20.0, check=False)
        if done.returncode == 0:
            self.result["shots"].append(path)
        else:
            self.note(f"screenshot {name} failed: {done.stderr.strip()}")

    def act(self, action: list) -> None:
        what, *args = action
        if what == "sleep":
            time.sleep(args[0])
        elif what == "shot":
            self.shot(args[0])
        elif what == "move":
            xdo("mousemove", str(args[0]), str(args[1]))
        elif what == "click":
            xdo("mousemove", str(args[0]), str(args[1]))
            time.sleep(0.05)
            xdo("click", "1")
        elif what == "double_click":
            xdo("mousemove", str(args[0]), str(args[1]))
            time.sleep(0.05)
            xdo("click", "--repeat", "2", "--delay", "150", "1")
        elif what == "drag":
            (x0, y0), (x1, y1), steps = args
            xdo("mousemove", str(x0), str(y0))
            time.sleep(0.1)
            xdo("mousedown", "1")
            time.sleep(0.1)
            for i in range(1, steps + 1):
                t = i / steps
                xdo("mousemove", str(round(x0 + (x1 - x0) * t)), str(round(y0 + (y1 - y0) * t)))
                time.sleep(0.04)
            time.sleep(0.1)
            xdo("mouseup", "1")
        elif what == "wheel":  # notches of the real wheel: button 5 (towards you) or 4, as X sends them
            x, y, notches = args
            xdo("mousemove", str(x), str(y))
            time.sleep(0.05)
            for _ in range(abs(notches)):
                xdo("click", "5" if notches > 0 else "4")
                time.sleep(0.08)
        elif what == "wander_click":  # a hand that trembles: press, wander (offsets), release
            x, y, path = args
            xdo("mousemove", str(x), str(y))
            time.sleep(0.05)
            xdo("mousedown", "1")
            for dx, dy in path:
                time.sleep(0.04)
                xdo("mousemove", str(x + dx), str(y + dy))
            time.sleep(0.05)
            xdo("mouseup", "1")
        elif what == "key":
            xdo("key", args[0])
        else:
            raise ValueError(f"unknown action {what!r}")

    def play(self) -> None:
        for action in self.plan["actions"]:
            if self.app.poll() is not None:
                self.note(f"the program ended early, before {action}")
                return
            self.act(action)
        self.note("plan played")

    # -- the end ------------------------------------------------------------
    def finish(self) -> None:
        if self.app is not None:
            try:
                self.result["exit_code"] = self.app.wait(timeout=self.plan.get("exit_timeout", 10.0))
            except subprocess.TimeoutExpired:
                self.note("the program did not end: terminated")
                self.shot("zz-did-not-end")
                self.app.terminate()
                try:
                    self.app.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.app.kill()
                    self.app.wait()
                self.result["exit_code"] = None
        if self.wm is not None:
            self.wm.terminate()
            try:
                self.wm.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.wm.kill()
        self.result["log"] = self.read_log()
        self.note("done")

    def main(self) -> int:
        try:
            self.start_window_manager()
            self.set_layout()
            if self.start_program():
                self.play()
            else:
                self.shot("zz-start-failed")
        except Exception as exc:  # noqa: BLE001 - reported to the test, which fails
            self.result["error"] = f"{type(exc).__name__}: {exc}"
            self.shot("zz-error")
        finally:
            self.finish()
            with open(self.plan["result"], "w", encoding="utf-8") as f:
                json.dump(self.result, f, ensure_ascii=False, indent=1)
        return 0


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.exit(Driver(json.load(f)).main())
