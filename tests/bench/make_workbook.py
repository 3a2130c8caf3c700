#!/usr/bin/python3
"""Writes the workbooks of tests/bench/workbook.sh, with Python's standard library only.

  make_workbook.py cohort COHORT.csv OUT.xlsx
      gen-cohort's CSV as Excel (and openpyxl) save a sheet: text as shared strings, numbers as
      numbers, date_of_birth as a date cell, attendance_pct as a percentage cell (0.956 shown 95.6%).
  make_workbook.py formatted COHORT.csv OUT.xlsx
      The first 100 learners of the CSV, then 100,000 rows of 256 empty cells in a style, as a sheet
      formatted far beyond its table: a file of about 890 kB whose sheet inflates to some 265 MB
      (about 300 times), the shape of the workbook issue 25 measured at 884 kB and 260 MB.
"""
import csv
import datetime
import sys
import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                 '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                 '</Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Cohort" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                 '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                 '</Relationships>')
# Styles: 0 general, 1 a date (dd/mm/yyyy), 2 a percentage with one decimal (0.0%), 3 general with a fill.
STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>'
          '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
          '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
          '<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills>'
          '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
          '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/></cellXfs></styleSheet>')


def column_letters(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Strings:
    def __init__(self):
        self.index = {}

    def of(self, text):
        if text not in self.index:
            self.index[text] = len(self.index)
        return self.index[text]

    def xml(self):
        items = "".join(f"<si><t>{escape(text)}</t></si>" for text in self.index)
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(self.index)}" '
                f'uniqueCount="{len(self.index)}">{items}</sst>')


EPOCH = datetime.date(1899, 12, 30)


def cell_xml(ref, heading, value, strings):
    if value == "":
        return ""
    if heading == "date_of_birth":
        serial = (datetime.date.fromisoformat(value) - EPOCH).days
        return f'<c r="{ref}" s="1"><v>{serial}</v></c>'
    if heading == "attendance_pct":
        return f'<c r="{ref}" s="2"><v>{float(value) / 100!r}</v></c>'
    try:
        float(value)
        return f'<c r="{ref}"><v>{value}</v></c>'
    except ValueError:
        return f'<c r="{ref}" t="s"><v>{strings.of(value)}</v></c>'


def write(out, sheet_rows, strings, level=6):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", ROOT_RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        book.writestr("xl/styles.xml", STYLES)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            chunk = []
            for row in sheet_rows:
                chunk.append(row)
                if len(chunk) >= 5000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write("".join(chunk).encode())
            sheet.write(b"</sheetData></worksheet>")
        book.writestr("xl/sharedStrings.xml", strings.xml())


def learner_rows(path, limit=None):
    strings = Strings()

    def rows():
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            headings = next(reader)
            cells = "".join(f'<c r="{column_letters(i)}1" t="s"><v>{strings.of(h)}</v></c>' for i, h in enumerate(headings))
            yield f'<row r="1">{cells}</row>'
            for n, values in enumerate(reader, start=2):
                if limit is not None and n > limit + 1:
                    return
                cells = "".join(cell_xml(f"{column_letters(i)}{n}", h, v, strings) for i, (h, v) in enumerate(zip(headings, values)))
                yield f'<row r="{n}">{cells}</row>'

    return rows, strings


def main():
    mode, source, out = sys.argv[1:4]
    if mode == "cohort":
        rows, strings = learner_rows(source)
        write(out, rows(), strings)
    elif mode == "formatted":
        rows, strings = learner_rows(source, limit=100)

        def formatted():
            yield from rows()
            cells = '<c s="3"/>' * 256
            for n in range(102, 100102):
                yield f'<row r="{n}" spans="1:256" s="3" customFormat="1">{cells}</row>'

        write(out, formatted(), strings, level=9)
    else:
        sys.exit("usage: make_workbook.py cohort|formatted COHORT.csv OUT.xlsx")


if __name__ == "__main__":
    main()
