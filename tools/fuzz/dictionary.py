"""libFuzzer / AFL dictionary files, checked the way the engines read them.

A line is blank, a comment (`#` first), or an entry `[name=]"bytes"` where the
bytes are printable ASCII with \\\\, \\" and \\xHH escapes and nothing else.
libFuzzer stops with "ParseDictionaryFile: error in line N" on a bad line and
silently drops entries longer than 64 bytes; AFL wants names of [A-Za-z0-9_]
(optionally @level). All of these are errors here.
"""

import re

MAX_ENTRY_BYTES = 64  # libFuzzer's Word::GetMaxSize()
_NAME = re.compile(rb"^[A-Za-z0-9_]+(@[0-9]+)?\s*=\s*$")
_HEX = b"0123456789abcdefABCDEF"


class DictionaryError(ValueError):
    pass


def parse_entry(line):
    """Returns the bytes of one entry line (bytes, surrounding space stripped)."""
    if len(line) < 3 or not line.endswith(b'"'):
        raise DictionaryError('an entry is [name=]"bytes", ending with the quote')
    begin = line.find(b'"')
    if begin == len(line) - 1:
        raise DictionaryError("no opening quote")
    name = line[:begin]
    if name and not _NAME.match(name):
        raise DictionaryError("text before the quote must be name= with name in [A-Za-z0-9_]")
    body = line[begin + 1:-1]
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if not (0x20 <= c < 0x7F or c in b"\t"):
            raise DictionaryError("byte 0x%02x must be written as \\x%02x" % (c, c))
        if c != ord("\\"):
            out.append(c)
            i += 1
        elif body[i + 1:i + 2] in (b"\\", b'"'):
            out += body[i + 1:i + 2]
            i += 2
        elif body[i + 1:i + 2] == b"x" and len(body[i + 2:i + 4]) == 2 and all(h in _HEX for h in body[i + 2:i + 4]):
            out.append(int(body[i + 2:i + 4], 16))
            i += 4
        else:
            raise DictionaryError("bad escape %r (only \\\\, \\\" and \\xHH)" % body[i:i + 4].decode("latin-1"))
    if not out:
        raise DictionaryError("empty entry")
    return bytes(out)


def parse(data):
    """Parses a dictionary file's bytes; returns [(line_number, entry_bytes)].

    Raises DictionaryError naming the first bad line.
    """
    entries = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        line = raw.strip()
        if not line or line.startswith(b"#"):
            continue
        try:
            value = parse_entry(line)
        except DictionaryError as e:
            raise DictionaryError("line %d: %s: %s" % (number, e, raw.decode("latin-1"))) from None
        if len(value) > MAX_ENTRY_BYTES:
            raise DictionaryError("line %d: %d bytes; libFuzzer drops entries over %d" %
                                  (number, len(value), MAX_ENTRY_BYTES))
        entries.append((number, value))
    return entries
