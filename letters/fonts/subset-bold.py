#!/usr/bin/python3
"""Makes NotoSansSC_700Bold.subset.ttf.gz from the full Noto Sans SC Bold.

Bold CJK text in a letter is the title, the headings (from locales/zh.toml),
the brand and the signatory's name. The subset keeps the 6,763 hanzi of
GB 2312, CJK and full-width punctuation, Latin-1, general punctuation and
every character of locales/zh.toml: 7,845 characters, 1.4 MB stored instead
of 6.2 MB. A rarer character in bold text is drawn with the regular face
(letters.Fonts.faceFor), never as a box.

Usage (needs fontTools, Debian package python3-fonttools):
  letters/fonts/subset-bold.py /path/to/NotoSansSC_700Bold.ttf
"""
import gzip
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
src = sys.argv[1]

chars = set()
for b1 in range(0xA1, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try:
            chars.add(bytes([b1, b2]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for lo, hi in [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF)]:
    chars.update(chr(c) for c in range(lo, hi + 1))
with open(os.path.join(here, "..", "..", "locales", "zh.toml"), encoding="utf-8") as f:
    chars.update(f.read())
chars = {c for c in chars if c.isprintable()}

with tempfile.TemporaryDirectory() as tmp:
    text = os.path.join(tmp, "chars.txt")
    out = os.path.join(tmp, "bold.ttf")
    with open(text, "w", encoding="utf-8") as f:
        f.write("".join(sorted(chars)))
    subprocess.run([sys.executable, "-m", "fontTools.subset", src, "--text-file=" + text,
                    "--output-file=" + out, "--no-hinting", "--layout-features=",
                    "--notdef-outline", "--name-IDs=*", "--name-languages=*"], check=True)
    with open(out, "rb") as f:
        data = f.read()
dst = os.path.join(here, "NotoSansSC_700Bold.subset.ttf.gz")
with open(dst, "wb") as f:
    # mtime=0 and no file name: the same input gives the same bytes.
    with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=9, mtime=0, filename="") as z:
        z.write(data)
print(f"{len(chars)} characters, {len(data)} bytes, {os.path.getsize(dst)} stored: {dst}")
