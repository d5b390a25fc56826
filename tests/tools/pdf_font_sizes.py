#!/usr/bin/env python3
"""Print the font size of every text span in a PDF, one line each:
`page<TAB>size<TAB>text`. Used by tests/printing.rs to check printed body text is at
least 9 pt, measured from the PDF (not from the spreadsheet's settings).

With `--right`, print `page<TAB>room<TAB>text` instead: `room` is the distance in points
from the span's right end to the paper's right edge (text printed to the edge has none)."""
import sys

import pymupdf

args = sys.argv[1:]
right = "--right" in args
for path in [a for a in args if a != "--right"]:
    doc = pymupdf.open(path)
    for pno, page in enumerate(doc, start=1):
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    text = span["text"].strip()
                    if not text:
                        continue
                    if right:
                        room = page.rect.x1 - span["bbox"][2]
                        print(f"{pno}\t{room:.2f}\t{text}")
                    else:
                        print(f"{pno}\t{span['size']:.2f}\t{text}")
