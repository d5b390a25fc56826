#!/usr/bin/env python3
"""Print the font size of every text span in a PDF, one line each:
`page<TAB>size<TAB>text`. Used by tests/printing.rs to check printed body text is at
least 9 pt, measured from the PDF (not from the spreadsheet's settings)."""
import sys

import pymupdf

for path in sys.argv[1:]:
    doc = pymupdf.open(path)
    for pno, page in enumerate(doc, start=1):
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    text = span["text"].strip()
                    if text:
                        print(f"{pno}\t{span['size']:.2f}\t{text}")
