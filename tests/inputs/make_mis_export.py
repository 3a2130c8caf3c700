#!/usr/bin/python3
"""Writes one small school export in the shapes schools hand over, for the golden tests.

The same eight learners, as a school information system exports them (its own headings and
codes, UK dates, a blank row and a totals row), saved five ways: CSV UTF-8 with a BOM, Excel's
"Unicode text" (UTF-16LE, tab-separated), plain Excel CSV (Windows-1252), European Excel CSV (';'
with decimal commas) and .xlsx (a title row, percent-formatted attendance, date cells). Also the
same learners in waymark's own columns, which every shape must score exactly like.

Run from this folder: python3 make_mis_export.py  (needs python3-openpyxl)

mis-export.ods is LibreOffice Calc's own save of mis-export.xlsx, made once and committed so the
tests do not need LibreOffice (libreoffice-calc-nogui):
    soffice --headless --convert-to ods mis-export.xlsx
"""
import datetime
import openpyxl

HEADINGS = ["UPN", "Legal Surname", "Legal Forename", "DOB", "Year", "Sex", "Reg Group", "Attendance %",
            "FSM Eligible", "SEN Status", "EAL", "In Care", "Number of Suspensions", "Permanent Exclusions"]
OWN = ["id", "family_name", "given_name", "date_of_birth", "year_group", "gender", "tutor_group", "attendance_pct",
       "fsm", "sen", "eal", "looked_after", "suspensions", "permanent_exclusions"]
LEARNERS = [
    ["A100000000001", "Okafor", "Chidi", datetime.date(2011, 3, 12), 10, "M", "10B", 45.0, "Y", "E", "N", "Y", 0, 0],
    ["A100000000002", "Llewelyn", "Siân", datetime.date(2011, 1, 30), 10, "F", "10B", 96.4, "N", "N", "N", "N", 0, 0],
    ["A100000000003", "García", "José", datetime.date(2010, 11, 2), 10, "M", "10C", 87.5, "Y", "K", "Y", "N", 1, 0],
    ["A100000000004", "Brontë", "Zoë", datetime.date(2011, 7, 19), 10, "F", "10C", 89.9, "N", "N", "N", "N", 0, 0],
    ["A100000000005", "O'Neil", "Seán", datetime.date(2011, 5, 5), 10, "M", "10A", 78.2, "N", "K", "N", "N", 3, 0],
    ["A100000000006", "Nowak", "Zofia", datetime.date(2010, 9, 14), 10, "F", "10A", 92.0, "Y", "N", "Y", "N", 0, 0],
    ["A100000000007", "Smith", "Jay", datetime.date(2011, 2, 28), 10, "M", "10B", 50.0, "N", "N", "N", "N", 0, 1],
    ["A100000000008", "Khan", "Ayesha", datetime.date(2010, 12, 1), 10, "F", "10A", 99.1, "N", "E", "Y", "N", 0, 0],
]


def cell(value, decimal=".", own=False):
    if isinstance(value, datetime.date):
        return value.isoformat() if own else value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", decimal)
    return str(value)


def rows(decimal=".", own=False):
    yield OWN if own else HEADINGS
    for learner in LEARNERS:
        yield [cell(v, decimal, own) for v in learner]


def text(delimiter, decimal=".", totals=True):
    lines = [delimiter.join(r) for r in rows(decimal)]
    if totals:
        lines.append(delimiter.join(["Total", "", "", "", "", "", "", "", "3", "", "", "1", "4", "1"]))
        lines.append(delimiter * (len(HEADINGS) - 1))  # Excel's blank row at the end
    return "\r\n".join(lines) + "\r\n"


def main():
    with open("mis-export.csv", "w", encoding="utf-8-sig", newline="") as f:
        f.write(text(","))
    with open("mis-export-unicode.txt", "wb") as f:
        f.write(text("\t").encode("utf-16"))  # Python writes the BOM FF FE and little-endian text
    with open("mis-export-1252.csv", "wb") as f:
        f.write(text(",").encode("cp1252"))
    with open("mis-export-semicolon.csv", "w", encoding="utf-8", newline="") as f:
        f.write(text(";", decimal=","))
    with open("own-columns.csv", "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(",".join(r) for r in rows(own=True)) + "\n")

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pupils"
    sheet.append(["Attendance and characteristics, Year 10, autumn term"])  # a title above the table
    sheet.append(HEADINGS)
    for learner in LEARNERS:
        values = list(learner)
        values[7] = values[7] / 100  # Excel holds 87.5% as 0.875
        sheet.append(values)
        row = sheet.max_row
        sheet.cell(row=row, column=4).number_format = "dd/mm/yyyy"
        sheet.cell(row=row, column=8).number_format = "0.0%"
    sheet.append(["Total", None, None, None, None, None, None, None, 3, None, None, 1, 4, 1])
    notes = book.create_sheet("Notes")
    notes.append(["Exported from the school information system"])
    book.save("mis-export.xlsx")


if __name__ == "__main__":
    main()
