#!/usr/bin/env python3
"""Run the Autobahn TestSuite's ``wstest`` with one compatibility fix.

The Python 3 port of the suite expects a newer autobahn than the one Debian
ships (python3-autobahn 22.x).  With Debian's version some values that end up
in the case reports (wire logs, close reasons, HTTP data) are ``bytes``, and
``json`` refuses them, so the run dies while writing its reports.  This
launcher teaches ``json.JSONEncoder`` to turn such values into text and then
hands the command line to wstest unchanged.

Usage (the suite's package folder must be importable, e.g. via PYTHONPATH):

    PYTHONPATH=$AUTOBAHN_HOME/autobahntestsuite \\
        /usr/bin/python3 wstest_launcher.py -m fuzzingclient -s spec.json
"""

import json
import sys

_original_default = json.JSONEncoder.default


def _text_from_binary(value):
    """Return ``value`` as str: UTF-8 when it is valid UTF-8, else latin-1 (byte for byte)."""
    raw = bytes(value)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _default(self, o):
    if isinstance(o, (bytes, bytearray, memoryview)):
        return _text_from_binary(o)
    return _original_default(self, o)


def main(argv):
    json.JSONEncoder.default = _default
    # Importing the package installs the suite's Twisted reactor first, as it requires.
    from autobahntestsuite import wstest

    sys.argv = ["wstest"] + list(argv)
    wstest.run()


if __name__ == "__main__":
    main(sys.argv[1:])
