#!/usr/bin/env python3
"""Adds or updates strings in a set of LiveShop resource files (one neutral English .resx and one per language).

    python3 tools/i18n/resx.py add LiveShop.Client/Resources/ViewerText < strings.tsv
    python3 tools/i18n/resx.py list LiveShop.Client/Resources/ViewerText

strings.tsv: one string per line, tab-separated: the English text (the key), then zh-TW, zh-CN and el.
A key already present is updated in every file; new keys are appended. Keys with {0}-style holes keep them in
every language (the resource test checks). Escape a tab or newline inside a text as \\t or \\n.
"""
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

LANGS = ["", ".zh-TW", ".zh-CN", ".el"]


def load(path):
    tree = ET.parse(path)
    return tree, tree.getroot()


def save(tree, path):
    root = tree.getroot()
    # Re-serialise by hand: stable, readable, one <data> per string.
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<root>"]
    for header in root.findall("resheader"):
        out.append(f'  <resheader name="{header.get("name")}">')
        out.append(f"    <value>{escape(header.findtext('value') or '')}</value>")
        out.append("  </resheader>")
    for data in root.findall("data"):
        name = escape(data.get("name"), {'"': "&quot;"})
        out.append(f'  <data name="{name}" xml:space="preserve">')
        out.append(f"    <value>{escape(data.findtext('value') or '')}</value>")
        comment = data.findtext("comment")
        if comment:
            out.append(f"    <comment>{escape(comment)}</comment>")
        out.append("  </data>")
    out.append("</root>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def unescape_cell(text):
    return text.replace("\\t", "\t").replace("\\n", "\n")


def add(base):
    files = [f"{base}{lang}.resx" for lang in LANGS]
    trees = [load(f) for f in files]
    count = 0
    for line_number, line in enumerate(sys.stdin, 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            sys.exit(f"line {line_number}: expected 4 tab-separated texts (en, zh-TW, zh-CN, el), got {len(cells)}: {line!r}")
        key = unescape_cell(cells[0])
        for (tree, root), text in zip(trees, cells):
            existing = next((d for d in root.findall("data") if d.get("name") == key), None)
            if existing is None:
                existing = ET.SubElement(root, "data", {"name": key})
                ET.SubElement(existing, "value")
            existing.find("value").text = unescape_cell(text)
        count += 1
    for (tree, _), path in zip(trees, files):
        save(tree, path)
    print(f"{count} strings written to {base}{{,.zh-TW,.zh-CN,.el}}.resx")


def list_keys(base):
    _, root = load(f"{base}.resx")
    for data in root.findall("data"):
        print(data.get("name"))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("add", "list"):
        sys.exit(__doc__)
    {"add": add, "list": list_keys}[sys.argv[1]](sys.argv[2].removesuffix(".resx"))
