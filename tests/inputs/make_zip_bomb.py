#!/usr/bin/python3
"""Writes a zip bomb in the shape of a workbook, for the golden tests of the reader's bounds.

An .xlsx or .ods whose sheet is well-formed XML (headings, one learner) followed by 120 MB of
white space, which deflates about a thousand to one: a file of some 120 kB that would inflate to
120 MB. Made when the test runs, so the repository does not carry it.

Usage: make_zip_bomb.py xlsx|ods OUT
"""
import sys
import zipfile

XLSX_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Pupils" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}
XLSX_SHEET = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
              '<row r="1"><c r="A1" t="inlineStr"><is><t>UPN</t></is></c><c r="B1" t="inlineStr"><is><t>Attendance %</t></is></c></row>'
              '<row r="2"><c r="A2" t="inlineStr"><is><t>A100000000001</t></is></c><c r="B2"><v>95</v></c></row>',
              "</sheetData></worksheet>")
ODS_SHEET = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
             'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
             'office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Pupils">'
             '<table:table-row><table:table-cell office:value-type="string"><text:p>UPN</text:p></table:table-cell>'
             '<table:table-cell office:value-type="string"><text:p>Attendance %</text:p></table:table-cell></table:table-row>'
             '<table:table-row><table:table-cell office:value-type="string"><text:p>A100000000001</text:p></table:table-cell>'
             '<table:table-cell office:value-type="float" office:value="95"><text:p>95</text:p></table:table-cell></table:table-row>',
             "</table:table></office:spreadsheet></office:body></office:document-content>")


def main():
    kind, out = sys.argv[1], sys.argv[2]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        if kind == "ods":
            book.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
            path, (head, tail) = "content.xml", ODS_SHEET
        else:
            for name, text in XLSX_PARTS.items():
                book.writestr(name, text)
            path, (head, tail) = "xl/worksheets/sheet1.xml", XLSX_SHEET
        with book.open(path, "w") as sheet:
            sheet.write(head.encode())
            spaces = b" " * (1 << 20)
            for _ in range(120):
                sheet.write(spaces)
            sheet.write(tail.encode())


if __name__ == "__main__":
    main()
