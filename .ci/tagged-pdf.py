#!/usr/bin/env python3
"""Checks that letters are tagged PDFs, with pikepdf (qpdf) as the reader.

Usage: tagged-pdf.py FILE.pdf|DIR...   (a directory: every *.pdf under it)

For each file: the catalog says it is tagged (/MarkInfo /Marked true), has
/Lang, XMP metadata with dc:title, and a structure tree whose root holds a
Document; walking the tree in reading order meets one H1 first among the
headings, H2 headings, paragraphs, and lists whose items (LI) hold an Lbl
and an LBody; every page has /StructParents and /Tabs /S; every MCID the
page's content streams mark is referenced exactly once by the tree, and the
parent tree maps it back to the element that references it. An independent
reader of the same rules as letters/pdf's Go test (which reads with
letters/internal/pdftext). Prints one line per file; exits 1 on a failure.
"""
import os
import sys

import pikepdf
from pikepdf import Name


def walk(elem, path, out, refs):
    """Appends the elements under elem in reading order to out; records in
    refs each marked-content reference (page objgen, mcid) -> element."""
    kids = elem.get("/K")
    if kids is None:
        return
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    page = elem.get("/Pg")
    for k in kids:
        if isinstance(k, int):
            key = (page.objgen, int(k))
            if key in refs:
                raise AssertionError("MCID %d on a page referenced twice" % k)
            refs[key] = elem
        elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == Name.MCR:
            pg = k.get("/Pg", page)
            key = (pg.objgen, int(k.MCID))
            if key in refs:
                raise AssertionError("MCID %d on a page referenced twice" % int(k.MCID))
            refs[key] = elem
        elif isinstance(k, pikepdf.Dictionary) and "/S" in k:
            role = str(k.S)[1:]
            out.append((path + [role], k))
            walk(k, path + [role], out, refs)


def page_mcids(page):
    """The MCIDs marked in a page's content, in order."""
    ids = []
    for operands, op in pikepdf.parse_content_stream(page):
        if str(op) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
            if "/MCID" in operands[1]:
                ids.append(int(operands[1].MCID))
    return ids


def parent_tree(root):
    """The parent tree as {key: array}."""
    out = {}

    def visit(node):
        nums = node.get("/Nums")
        if nums is not None:
            for i in range(0, len(nums) - 1, 2):
                out[int(nums[i])] = nums[i + 1]
        for kid in node.get("/Kids", []):
            visit(kid)

    visit(root.ParentTree)
    return out


def check(path):
    with pikepdf.open(path) as pdf:
        cat = pdf.Root
        assert cat.get("/MarkInfo", {}).get("/Marked") is True, "no /MarkInfo /Marked true"
        assert "/Lang" in cat, "no /Lang"
        with pdf.open_metadata() as meta:
            assert meta.get("dc:title"), "XMP metadata without dc:title"
        root = cat.StructTreeRoot
        elems, refs = [], {}
        walk(root, [], elems, refs)
        roles = [p[-1] for p, _ in elems]
        assert roles and roles[0] == "Document", "the tree does not start with a Document: %s" % roles[:3]
        heads = [r for r in roles if r in ("H1", "H2")]
        assert heads and heads[0] == "H1" and heads.count("H1") == 1, "headings %s: want one H1 first" % heads
        assert "P" in roles and "H2" in roles, "no paragraphs or no H2"
        for p, e in elems:
            if p[-1] == "LI":
                kinds = [str(k.S)[1:] for k in e.K]
                assert kinds == ["Lbl", "LBody"], "a list item holds %s" % kinds
                assert len(p) >= 2 and p[-2] == "L", "a list item outside a list"
        tree = parent_tree(root)
        marked = 0
        for i, page in enumerate(pdf.pages):
            assert page.obj.get("/Tabs") == Name.S, "page %d: no /Tabs /S" % (i + 1)
            ids = page_mcids(page)
            marked += len(ids)
            assert len(set(ids)) == len(ids), "page %d: an MCID marked twice" % (i + 1)
            parents = tree[int(page.obj.StructParents)]
            for m in ids:
                e = refs.get((page.obj.objgen, m))
                assert e is not None, "page %d: MCID %d not in the tree" % (i + 1, m)
                assert parents[m].objgen == e.objgen, "page %d: MCID %d: the parent tree names another element" % (i + 1, m)
        assert marked == len(refs), "the tree references %d MCIDs, the pages mark %d" % (len(refs), marked)
        lists = roles.count("L")
        return "%d pages, %d elements (%d P, %d H2, %d lists, %d items), %d MCIDs" % (
            len(pdf.pages), len(roles), roles.count("P"), roles.count("H2"), lists, roles.count("LI"), marked)


def main(args):
    files = []
    for a in args:
        if os.path.isdir(a):
            for d, _, names in sorted(os.walk(a)):
                files += [os.path.join(d, n) for n in sorted(names) if n.endswith(".pdf")]
        else:
            files.append(a)
    bad = 0
    for f in files:
        try:
            print("%s: ok: %s" % (f, check(f)))
        except Exception as e:  # report every file, then fail
            bad += 1
            print("%s: FAIL: %s" % (f, e))
    print("%d tagged PDFs checked, %d failed" % (len(files), bad))
    return 1 if bad or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
