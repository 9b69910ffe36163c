"""Imports are at the top of each module, where a reader looks for them.

An import inside a function is allowed only where start-up time, a
platform or a module that must stay without pygame needs it, and then a
comment beside it (on its line, or on the comment lines just above) says
why.  The screens' imports in the navigator are the main case."""
import ast
import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "trainer"


def hidden_imports():
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text("utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    yield path.relative_to(PACKAGE.parent), inner.lineno, lines


def said_why(lines, lineno: int) -> bool:
    if "#" in lines[lineno - 1]:
        return True
    above = lineno - 2  # comment lines just above (a group of imports shares one comment)
    while above >= 0 and lines[above].strip().startswith(("#", "from ", "import ")):
        if lines[above].strip().startswith("#"):
            return True
        above -= 1
    return False


def test_every_import_inside_a_function_says_why():
    silent = [f"{path}:{lineno}: {lines[lineno - 1].strip()}" for path, lineno, lines in hidden_imports()
              if not said_why(lines, lineno)]
    assert not silent, "imports hidden in functions without a reason:\n" + "\n".join(silent)


def test_the_rule_sees_a_silent_import(tmp_path):
    lines = ["def f():", "    import json", "    return json"]
    assert not said_why(lines, 2)
    assert said_why(["def f():", "    import json  # (start-up time)"], 2)



def test_a_command_prints_only_what_the_program_says():
    """pygame's « Hello from the pygame community » line is not for a facilitator
    running ``trainer validate`` (its step kinds import pygame)."""
    env = {k: v for k, v in os.environ.items() if k != "PYGAME_HIDE_SUPPORT_PROMPT"}
    done = subprocess.run([sys.executable, "-m", "trainer", "validate"], capture_output=True, text=True,
                          cwd=PACKAGE.parent, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pygame" not in done.stdout + done.stderr
    assert "leçons vérifiées" in done.stdout.splitlines()[0]
