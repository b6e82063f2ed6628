#!/usr/bin/env python3
"""Write the expected output of each tests/dotenv_corpus/NN-name.env as NN-name.json.

The expectation is python-dotenv's `dotenv_values(path, interpolate=True)`, run with the
fake environment FAKE_ENV below (the corpus test in src/dotenv/parse.rs uses the same one), with
keep's three deliberate differences in the grammar applied one at a time, each recorded
in a "note":

1. a line python-dotenv cannot parse (it logs a warning and skips it) makes the whole
   file an error: {"error_line": N}, N being the line where the statement starts
   (python-dotenv counts from the blank lines before it);
2. None (a key without `=`) is written as "";
3. single-quoted values are literal (python-dotenv expands ${VAR} in them too).

(keep's other differences are not a matter of grammar: the size limits, which no case
here comes near, and the `.env` search passing over named pipes.)

When the expectation differs from python-dotenv's raw answer, that answer is kept beside
it ("python_dotenv" / "python_dotenv_error_line") so a reviewer can see both.

Usage: python3 scripts/dotenv_compare.py [--check] [CORPUS_DIR]
  --check  compare with the JSON files already there instead of writing them; exit 1 on
           any difference.
Needs exactly python-dotenv 1.2.4 (`pip install python-dotenv==1.2.4`), the release the
parser in src/dotenv/ follows: any other version is refused, since its answers would
silently become the expectation. To move to a new release, compare its dotenv/parser.py,
main.py and variables.py with 1.2.4's, port what changed, then change PYTHON_DOTENV below.
The Rust tests only read the JSON files.
"""

import io
import json
import logging
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path

PYTHON_DOTENV = "1.2.4"

try:
    from dotenv.version import __version__
except ImportError:
    __version__ = None
if __version__ != PYTHON_DOTENV:
    installed = f"python-dotenv {__version__} is installed" if __version__ else "python-dotenv is not installed"
    print(
        f"error: {installed}, but the corpus follows python-dotenv {PYTHON_DOTENV} exactly\n"
        f"hint: pip install python-dotenv=={PYTHON_DOTENV}  (in a virtualenv if you need another version elsewhere)",
        file=sys.stderr,
    )
    sys.exit(2)

import dotenv.main  # noqa: E402  patched by literal_single_quotes
import dotenv.parser  # noqa: E402  patched by literal_single_quotes
from dotenv import dotenv_values  # noqa: E402
from dotenv.parser import parse_stream  # noqa: E402
from dotenv.variables import Literal  # noqa: E402

FAKE_ENV = {
    "HOME_DIR": "/home/test",
    "EMPTY": "",
    "SHARED": "from-env",
    "USER_NAME": "tester",
}


class Warnings(logging.Handler):
    """Collects python-dotenv's "could not parse statement starting at line N"."""

    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        match = re.search(r"line (\d+)", record.getMessage())
        if match:
            self.lines.append(int(match.group(1)))


@contextmanager
def captured_warnings():
    handler = Warnings()
    logger = logging.getLogger("dotenv.main")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)
        logger.propagate = True


class SingleQuoted(str):
    """Marks a value python-dotenv's parser read from single quotes."""


@contextmanager
def literal_single_quotes():
    """Patch python-dotenv so that single-quoted values skip ${VAR} expansion."""
    original_parse_value = dotenv.parser.parse_value
    original_parse_variables = dotenv.main.parse_variables

    def parse_value(reader):
        single = reader.peek(1) == "'"
        value = original_parse_value(reader)
        return SingleQuoted(value) if single else value

    def parse_variables(value):
        if isinstance(value, SingleQuoted):
            return iter([Literal(value=value)]) if value else iter([])
        return original_parse_variables(value)

    dotenv.parser.parse_value = parse_value
    dotenv.main.parse_variables = parse_variables
    try:
        yield
    finally:
        dotenv.parser.parse_value = original_parse_value
        dotenv.main.parse_variables = original_parse_variables


def python_values(**source):
    """dotenv_values(...) and the lines it warned about."""
    with captured_warnings() as lines:
        values = dotenv_values(interpolate=True, **source)
    return dict(values), lines


def statement_line(text):
    """The first unparsable statement: (line python-dotenv reports, line it starts on)."""
    for binding in parse_stream(io.StringIO(text)):
        if binding.error:
            reported = binding.original.line
            blank = re.match(r"\s*", binding.original.string).group(0)
            return reported, reported + blank.count("\n")
    return None


def expected_for(path):
    raw, raw_warnings = python_values(dotenv_path=path)
    # Text mode applies universal newlines exactly as dotenv_values(path) does; the BOM is
    # left for python-dotenv's own reader to drop, as it does since 1.2.3.
    with open(path, encoding="utf-8") as f:
        text = f.read()
    notes = []
    expected = {}

    error = statement_line(text)
    if error is not None:
        reported, start = error
        expected["error_line"] = start
        notes.append(f"python-dotenv skips the unparsable statement at line {start} with a warning; keep rejects the file")
        if raw_warnings and raw_warnings[0] != start:
            expected["python_dotenv_error_line"] = raw_warnings[0]
            notes.append(f"python-dotenv says line {raw_warnings[0]}, where the blank lines before the statement begin")
        expected["python_dotenv"] = raw
    else:
        values, _ = python_values(stream=io.StringIO(text))
        if values != raw:
            print(f"error: {path.name}: python-dotenv reads the file and its text differently", file=sys.stderr)
            sys.exit(2)
        nones = [k for k, v in values.items() if v is None]
        if nones:
            notes.append(f"python-dotenv gives None for {', '.join(nones)} (no '='); keep gives \"\"")
        values = {k: "" if v is None else v for k, v in values.items()}
        with literal_single_quotes():
            literal, _ = python_values(stream=io.StringIO(text))
        literal = {k: "" if v is None else v for k, v in literal.items()}
        if literal != values:
            changed = [k for k in literal if literal[k] != values.get(k)]
            notes.append(f"python-dotenv expands ${{...}} inside single quotes ({', '.join(changed)}); keep takes them literally")
        expected["values"] = literal
        if literal != raw:
            expected["python_dotenv"] = raw
    if notes:
        expected["note"] = "; ".join(notes)
    return dict(sorted(expected.items(), key=lambda kv: ORDER.index(kv[0])))


ORDER = ["values", "error_line", "note", "python_dotenv_error_line", "python_dotenv"]


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    corpus = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "tests" / "dotenv_corpus"
    os.environ.clear()
    os.environ.update(FAKE_ENV)
    failures = 0
    cases = sorted(corpus.glob("*.env"))
    for env_file in cases:
        rendered = json.dumps(expected_for(env_file), ensure_ascii=False, indent=2) + "\n"
        json_file = env_file.with_suffix(".json")
        if check:
            if not json_file.exists() or json_file.read_text(encoding="utf-8") != rendered:
                print(f"DIFFERS: {json_file.name}\n{rendered}")
                failures += 1
        else:
            json_file.write_text(rendered, encoding="utf-8")
    print(f"{len(cases)} cases, python-dotenv {__version__}" + (f", {failures} differ" if check else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
