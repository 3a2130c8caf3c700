#!/usr/bin/env python3
# Prints the synonyms table of the COLUMNS section of waymark-records(5), in roff, from
# lib/records/data/columns.json: each field that has synonyms, with the headings read as it.
# Usage: man/gen-columns-roff.py lib/records/data/columns.json
# Paste the output between the "Generated" and "End of generated text" comments of COLUMNS.
import json, sys

def roff(s):
    s = s.replace('\\', '\\e').replace('-', '\\-')
    if s.startswith(('.', "'")):
        s = '\\&' + s
    return s

columns = json.load(open(sys.argv[1]))
out = []
for entry in columns['fields']:
    if not entry['headings'] and 'or' not in entry:
        continue
    # A field's entry in another language ("lang": "it") prints as its own paragraph, tagged.
    lang = entry.get('lang')
    out += ['.TP', '.B ' + entry['field'] + (' \\fR(' + lang + ')\\fP' if lang else '')]
    said = ', '.join(roff(h) for h in entry['headings'])
    if 'or' in entry:
        said += ('; ' if said else '') + 'else the column of ' + entry['or']
    out.append(said + ' (' + entry['source'] + ').')
print('\n'.join(out))
