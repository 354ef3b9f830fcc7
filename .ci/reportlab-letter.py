#!/usr/bin/env python3
"""The reference the letters' speed is compared with (README, "Performance").

A plain reportlab script that renders breachnotice's English sample letter
(the same text, from `breachnotice preview`) as a PDF with DejaVu Sans
embedded as a subset, paragraphs wrapped by platypus, one letter per
document, in memory, N times with a different name each time, on one core.
It prints letters per second of wall time and of CPU time.

    .ci/bench-reportlab          # installs python3-reportlab if missing
    python3 .ci/reportlab-letter.py 500 /usr/share/fonts/truetype/dejavu
"""
import io
import os
import sys
import time

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

N = int(sys.argv[1]) if len(sys.argv) > 1 else 500
FONTS = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/fonts/truetype/dejavu"
pdfmetrics.registerFont(TTFont("DejaVu", os.path.join(FONTS, "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DejaVuB", os.path.join(FONTS, "DejaVuSans-Bold.ttf")))

body = ParagraphStyle("body", fontName="DejaVu", fontSize=10, leading=13.5, spaceBefore=6)
small = ParagraphStyle("small", fontName="DejaVu", fontSize=8, leading=10.5)
head = ParagraphStyle("head", fontName="DejaVuB", fontSize=11.5, leading=15, spaceBefore=14)
title = ParagraphStyle("title", fontName="DejaVuB", fontSize=15, leading=19, spaceBefore=10)
brand = ParagraphStyle("brand", fontName="DejaVuB", fontSize=16, leading=19)

SECTIONS = [
    ("What Happened", [
        "On 19 November our security team found that an old copy of our online shop, which we had stopped using but had not switched off, was still reachable from the internet. Someone used a flaw in that old system to copy part of our customer list. Since then, some customers have received fake emails that pretend to come from Acme.",
        "The unauthorized access took place between 2 November 2026 and 19 November 2026. We discovered it on 20 November 2026.",
    ]),
    ("What Information Was Involved", [
        "The breach involved this information about you:",
        ["your name", "your email address", "your password, in scrambled (hashed) form"],
        "Someone who holds this information could use it to send you convincing fake messages that appear to come from us or from another company you trust. Your password was not stored in readable form, but in a scrambled form (a hash). Scrambled passwords can sometimes be worked out, especially short or common ones, so please treat yours as known.",
    ]),
    ("What We Are Doing", [
        "We switched the old system off the same day and deleted the copy of the data it held. We have reset the passwords of every affected account, so you will be asked to choose a new one when you next sign in. We have asked the company whose service sent the fake emails to close the sender's account, and we are working with outside security specialists to check all our other systems. We have reported the incident to the data protection authority. If we learn anything that changes what you should do, we will write to you again.",
    ]),
    ("What You Can Do", [
        ("1.", ["Change your Acme password at https://www.acme.example. If you used the same password anywhere else, change it there too, and use a different password for each service.",
                "Turn on two-step verification for your Acme account and your email account if you have not already.",
                "Be careful with emails, text messages and calls that mention this incident. We will never ask you for your password or card details. Our messages only link to acme.example; if in doubt, type that address yourself instead of clicking."]),
        "We have arranged 24 months of identity protection from SecureID Monitoring, at no cost to you. To enroll, go to https://www.acme.example/protect by 28 February 2027 and enter your activation code: ACME-2P7N-6H4C",
    ]),
    ("For More Information", [
        "If you have questions, write to us at privacy@acme.example or call +39 02 1234 5678. Our postal address is Via Roma 1, 20121 Milano, Italia.",
        "You can also contact our data protection officer, Giulia Bianchi, at dpo@acme.example.",
        "To check that this notice really comes from us, visit https://www.acme.example by typing the address yourself.",
        "You also have the right to complain to the data protection authority of the country where you live or work.",
    ]),
]


def letter(name):
    story = [Paragraph("Acme", brand)]
    for line in ["Acme Retail S.p.A.", "Via Roma 1, 20121 Milano, Italia", "www.acme.example"]:
        story.append(Paragraph(line, small))
    story.append(Spacer(1, 18 * mm))
    for line in [name, "14 Baker Street", "LONDON", "NW1 6XE", "UNITED KINGDOM"]:
        story.append(Paragraph(line, body if line == name else small))
    story.append(Paragraph("22 November 2026 · Reference: INC-2026-0042 / C-3001", small))
    story.append(Paragraph("Notice of Data Breach", title))
    story.append(Paragraph("Dear %s," % name, body))
    story.append(Paragraph("We are writing because some of your personal information was exposed in a data breach at Acme. We are sorry. It was our job to keep your information safe, and we failed. This letter explains what happened, what it means for you and what you can do.", body))
    for heading, parts in SECTIONS:
        story.append(Paragraph(heading, head))
        for p in parts:
            if isinstance(p, str):
                story.append(Paragraph(p, body))
            elif isinstance(p, tuple):
                story.append(ListFlowable([ListItem(Paragraph(s, body)) for s in p[1]], bulletType="1", bulletFontName="DejaVu"))
            else:
                story.append(ListFlowable([ListItem(Paragraph(s, body)) for s in p], bulletType="bullet", start="•", bulletFontName="DejaVu"))
    story.append(Paragraph("We are sorry again for this breach and for the trouble it causes you.", body))
    story.append(Paragraph("Sincerely,", body))
    story.append(Spacer(1, 8 * mm))
    for line in ["Marco Rossi", "Chief Executive Officer", "Acme Retail S.p.A."]:
        story.append(Paragraph(line, body))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=22 * mm,
                      title="Notice of Data Breach - Acme", author="Acme Retail S.p.A.").build(story)
    return out.getvalue()


size = len(letter("Oliver Smith"))  # warm up (font parsing)
t0, c0 = time.perf_counter(), time.process_time()
for i in range(N):
    letter("Oliver Smith %d" % i)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
print("reportlab %s: %d letters, %.0f letters/s (wall), %.0f letters/s of CPU, %.2f cpu-ms/letter, %d bytes/letter"
      % (__import__("reportlab").Version, N, N / wall, N / cpu, 1000 * cpu / N, size))
