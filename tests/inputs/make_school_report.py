#!/usr/bin/python3
"""Writes a school's report as its staff save it from LibreOffice Calc, for the golden tests.

A sheet with a title, a print date and a blank row above the table, the school system's own
headings ('No. of Suspensions', 'Perm Excluded', 'Looked After (CLA)', and the ambiguous
'Exclusions'), attendance formatted as a percentage and dates as dates. Written as a flat ODS
file and converted by LibreOffice itself (soffice --headless) to .xlsx and to CSV as Calc saves
it (cells as shown: 97.4%, 12/03/2011), in UTF-8, Windows-1252 (plain "CSV" on Windows) and
UTF-16 with tabs ("Unicode text"); python3 makes the European shape (';' and decimal commas)
from Calc's CSV. A second sheet has one attendance pasted as a number (0.974), not a percentage.

Run from this folder: python3 make_school_report.py  (needs libreoffice-calc-nogui; the files it
writes are committed, so the tests do not need LibreOffice)
"""
import datetime
import os
import shutil
import subprocess
import tempfile
from xml.sax.saxutils import escape

HEADINGS = ["UPN", "Legal Surname", "Legal Forename", "DOB", "Year", "Attendance %", "No. of Suspensions",
            "Perm Excluded", "Looked After (CLA)", "FSM Eligible", "Exclusions"]
LEARNERS = [
    ["A200000000001", "Okafor", "Chidi", datetime.date(2011, 3, 12), "Year 10", 0.452, 0, 0, "Y", "Y", 0],
    ["A200000000002", "Llewelyn", "Siân", datetime.date(2011, 1, 30), "Year 10", 0.964, 0, 0, "N", "N", 0],
    ["A200000000003", "García", "José", datetime.date(2010, 11, 2), "Year 10", 0.875, 1, 0, "N", "Y", 1],
    ["A200000000004", "Brontë", "Zoë", datetime.date(2011, 7, 19), "Year 10", 0.974, 0, 0, "N", "N", 0],
    ["A200000000005", "O'Neil", "Seán", datetime.date(2011, 5, 5), "Year 10", 0.782, 3, 0, "N", "N", 3],
    ["A200000000006", "Nowak", "Zofia", datetime.date(2010, 9, 14), "Year 10", 0.92, 0, 0, "N", "Y", 0],
    ["A200000000007", "Smith", "Jay", datetime.date(2011, 2, 28), "Year 10", 0.5, 0, 1, "N", "N", 1],
    ["A200000000008", "Khan", "Ayesha", datetime.date(2010, 12, 1), "Year 10", 0.991, 0, 0, "Y", "N", 0],
]

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:percentage-style style:name="Npct"><number:number number:decimal-places="1" number:min-decimal-places="1"
   number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
  <number:date-style style:name="Ndate"><number:day number:style="long"/><number:text>/</number:text>
   <number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
  <style:style style:name="pct" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="Npct"/>
  <style:style style:name="date" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="Ndate"/>
 </office:automatic-styles>
 <office:body><office:spreadsheet><table:table table:name="Report">
"""
TAIL = """ </table:table></office:spreadsheet></office:body></office:document>
"""


def cell(value, percent=False):
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, datetime.date):
        return (f'<table:table-cell table:style-name="date" office:value-type="date" office:date-value="{value.isoformat()}">'
                f'<text:p>{value.strftime("%d/%m/%Y")}</text:p></table:table-cell>')
    if isinstance(value, (int, float)) and percent:
        return (f'<table:table-cell table:style-name="pct" office:value-type="percentage" office:value="{value}">'
                f'<text:p>{value * 100:.1f}%</text:p></table:table-cell>')
    if isinstance(value, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'


def row(cells):
    return " <table:table-row>" + "".join(cells) + "</table:table-row>\n"


def sheet(pasted_rows=()):
    """The report; learners whose index is in `pasted_rows` have attendance as a plain number."""
    out = HEAD
    out += row([cell("Attendance and behaviour report – Year 10")])
    out += row([cell("Printed 07/12/2026 09:14")])
    out += row([cell(None)])
    out += row([cell(h) for h in HEADINGS])
    for i, learner in enumerate(LEARNERS):
        cells = []
        for k, value in enumerate(learner):
            cells.append(cell(value, percent=HEADINGS[k] == "Attendance %" and i not in pasted_rows))
        out += row(cells)
    return out + TAIL


def convert(fods, target, filter_name, out_name):
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to",
                        f"{target}:{filter_name}" if filter_name else target, "--outdir", work, fods],
                       check=True, stdout=subprocess.DEVNULL)
        produced = os.path.join(work, os.path.splitext(os.path.basename(fods))[0] + "." + target)
        shutil.move(produced, out_name)


def main():
    csv_filter = 'Text - txt - csv (StarCalc)'
    with tempfile.TemporaryDirectory() as work:
        for name, pasted in (("school-report", ()), ("school-report-fraction", (3,))):
            fods = os.path.join(work, name + ".fods")
            with open(fods, "w", encoding="utf-8") as f:
                f.write(sheet(pasted))
            convert(fods, "xlsx", "Calc MS Excel 2007 XML", name + ".xlsx")
            # Filter options: field separator, text delimiter ("), character set (76 UTF-8, 1 Windows-1252,
            # 65535 UTF-16), first line (1).
            convert(fods, "csv", csv_filter + ":44,34,76,1", name + ".csv")
            if pasted:
                continue
            convert(fods, "csv", csv_filter + ":44,34,1,1", name + "-1252.csv")
            convert(fods, "csv", csv_filter + ":9,34,65535,1", name + "-unicode.txt")
    # Europe: ';' between fields and a decimal comma in the numbers, from Calc's own CSV.
    with open("school-report.csv", encoding="utf-8", newline="") as f:
        text = f.read()
    import csv
    import io
    rows = list(csv.reader(io.StringIO(text)))
    with open("school-report-semicolon.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        for r in rows:
            writer.writerow([v.replace(".", ",") if v.rstrip("%").replace(".", "").isdigit() else v for v in r])


if __name__ == "__main__":
    main()
