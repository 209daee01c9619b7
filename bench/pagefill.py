#!/usr/bin/env python3
"""Page-1 fill of the PDF, and the PDF's pages against LibreOffice's pages for the DOCX.

Generates every example and notes of 1 to 40 members in English, French and Spanish, then, for
each PDF: its pages (pdfinfo), the empty lines left at the foot of page 1 above the addressee
block (pdftotext -bbox), and the pages LibreOffice gives its DOCX (soffice --convert-to pdf).

    bench/pagefill.py                      this tree's debug build (cargo build)
    BIN=/tmp/verbale-old bench/pagefill.py that binary instead, to compare two builds
    MEMBERS=1-40 bench/pagefill.py         the range of generated members
    NO_DOCX=1 bench/pagefill.py            leave out LibreOffice (minutes) and the page comparison

Needs poppler-utils (pdfinfo, pdftotext) and LibreOffice (soffice) unless NO_DOCX is set.
Prints one line per note, then the distribution of the empty lines at the foot of page 1 of the
notes that run on, and the count of notes whose PDF has more pages than LibreOffice's DOCX.
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEADING = 15.0  # a body line, in points
ADDRESSEE_GAP = 24.0  # kept between the body and the addressee block

NAMES = {
    "en": dict(
        mission="Permanent Mission of the Republic of Examplestan to the United Nations Office and other international organizations in Geneva",
        short="Permanent Mission of the Republic of Examplestan",
        city="Geneva",
        title="Seventh Meeting of States Parties to the Convention on Cluster Munitions",
        recipient="Office for Disarmament Affairs, Geneva Branch",
        address='["United Nations Office at Geneva", "Palais des Nations, room C.117", "CH-1211 Geneva 10"]',
        titles=["Mr.", "Ms.", "Dr."],
        function="Counsellor, Department of International Organizations",
        institution="Ministry of Foreign Affairs",
    ),
    "fr": dict(
        mission="la Mission permanente du Valdoran auprès de l’Office des Nations Unies et des autres organisations internationales à Genève",
        short="la Mission permanente du Valdoran",
        city="Genève",
        title="la septième Assemblée des États parties à la Convention sur les armes à sous-munitions",
        recipient="le Bureau des affaires de désarmement (Service de Genève)",
        address='["Office des Nations Unies à Genève", "Palais des Nations", "CH-1211 Genève 10"]',
        titles=["M.", "Mme", "M."],
        function="Conseiller, Direction des organisations internationales",
        institution="Ministère des affaires étrangères",
    ),
    "es": dict(
        mission="la Misión Permanente de Ejemplia ante la Oficina de las Naciones Unidas y otros organismos internacionales en Ginebra",
        short="la Misión Permanente de Ejemplia",
        city="Ginebra",
        title="la Séptima Reunión de los Estados Partes en la Convención sobre Municiones en Racimo",
        recipient="la Oficina de Asuntos de Desarme (Subdivisión de Ginebra)",
        address='["Oficina de las Naciones Unidas en Ginebra", "Palais des Nations", "CH-1211 Ginebra 10"]',
        titles=["Sr.", "Sra.", "Sr."],
        function="Consejero, Dirección de Organismos Internacionales",
        institution="Ministerio de Relaciones Exteriores",
    ),
}
ROLES = ["representative", "alternate", "adviser", "expert"]


def delegation(lang, members):
    n = NAMES[lang]
    text = f"""language = "{lang}"

[mission]
name = "{n['mission']}"
short_name = "{n['short']}"
city = "{n['city']}"
emblem = "examplestan-emblem.png"

[[meeting]]
id = "m{members:02}"
title = "{n['title']}"
city = "{n['city']}"
start = 2026-09-04
end = 2026-09-06
reference = "GVA/2026/{members:04}"
date = 2026-08-14

[meeting.recipient]
name = "{n['recipient']}"
address = {n['address']}
"""
    for i in range(members):
        role = "head" if i == 0 else ROLES[(i - 1) * len(ROLES) // max(members - 1, 1)]
        extra = f'institution = "{n["institution"]}"\n' if i % 3 == 1 else ""
        text += f"""
[[member]]
role = "{role}"
title = "{n['titles'][i % 3]}"
name = "Person Number{i} Example"
function = "{n['function']}"
{extra}"""
    return text


def run(args, cwd=None):
    return subprocess.run(args, cwd=cwd, check=True, capture_output=True, text=True).stdout


def pages(pdf):
    return int(re.search(r"^Pages:\s+(\d+)", run(["pdfinfo", pdf]), re.M).group(1))


def page1_lines(pdf):
    """Page 1's lines as (top, bottom, height of their words), top to bottom."""
    html = run(["pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-"])
    lines = {}
    for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">', html):
        top, bottom = float(m.group(1)), float(m.group(2))
        key = round(bottom)
        old = lines.get(key)
        lines[key] = (min(top, old[0]) if old else top, max(bottom, old[1]) if old else bottom, bottom - top)
    return sorted(lines.values())


def empty_lines(pdf):
    """Empty body lines at the foot of page 1, above the gap and the addressee block: the
    addressee is the run of small (11 pt) lines, 13.5 pt apart, at the foot of page 1."""
    lines = page1_lines(pdf)
    i = len(lines) - 1
    while i > 0 and lines[i][2] < 12.8 and lines[i][0] - lines[i - 1][0] < 14.5:
        i -= 1
    addressee_top = lines[i][0]
    above = lines[i - 1][1] if i > 0 else addressee_top
    return max(0.0, (addressee_top - above - ADDRESSEE_GAP) / LEADING)


def docx_pages(docxs, out):
    os.makedirs(out, exist_ok=True)
    for start in range(0, len(docxs), 40):
        run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", out] + docxs[start:start + 40])
    return {d: pages(os.path.join(out, os.path.basename(d)[:-5] + ".pdf")) for d in docxs}


def main():
    bin_ = os.environ.get("BIN")
    if not bin_:
        subprocess.run(["cargo", "build", "--quiet"], cwd=ROOT, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        bin_ = os.path.join(target, "debug", "verbale")
    lo, hi = (int(x) for x in os.environ.get("MEMBERS", "1-40").split("-"))
    work = tempfile.mkdtemp(prefix="verbale-pagefill.")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    try:
        for f in filter(os.path.isfile, glob.glob(os.path.join(ROOT, "examples", "*"))):
            shutil.copy(f, work)
        inputs = [os.path.basename(f) for f in sorted(glob.glob(os.path.join(ROOT, "examples", "*.toml")))]
        for lang in NAMES:
            for members in range(lo, hi + 1):
                name = f"gen-{lang}-{members:02}.toml"
                with open(os.path.join(work, name), "w") as f:
                    f.write(delegation(lang, members))
                inputs.append(name)
        for name in inputs:
            subprocess.run([bin_, "generate", name, "-o", "out/" + name[:-5]], cwd=work, env=env,
                           check=True, capture_output=True)
        pdfs = sorted(glob.glob(os.path.join(work, "out", "*", "*.pdf")))
        lo_pages = {}
        if not os.environ.get("NO_DOCX"):
            lo_pages = docx_pages([p[:-4] + ".docx" for p in pdfs], os.path.join(work, "lo"))
        buckets, more, total_pages = Counter(), [], Counter()
        print(f"{'note':<40} {'pages':>5} {'docx':>5} {'empty lines p.1':>16}")
        for pdf in pdfs:
            n = pages(pdf)
            d = lo_pages.get(pdf[:-4] + ".docx")
            empty = empty_lines(pdf)
            note = os.path.relpath(pdf, os.path.join(work, "out"))
            fill = f"{empty:.1f}" if n > 1 else ""
            print(f"{note:<40} {n:>5} {d if d is not None else '-':>5} {fill:>16}")
            total_pages[n] += 1
            if n > 1:
                buckets[min(int(empty), 10)] += 1
            if d is not None and n > d:
                more.append(note)
        print(f"\nnotes: {len(pdfs)}; by pages: " + ", ".join(f"{k}: {v}" for k, v in sorted(total_pages.items())))
        print("notes that run on, by empty lines at the foot of page 1 (above the addressee):")
        for k in range(11):
            if buckets[k]:
                print(f"  {'≥10' if k == 10 else f'{k}–{k + 1}':>6}: {buckets[k]}")
        if lo_pages:
            print(f"PDF with more pages than LibreOffice's DOCX: {len(more)} {more}")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())
