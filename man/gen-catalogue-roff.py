#!/usr/bin/env python3
# Prints the RISK-FACTOR TAXONOMY (argument "taxonomy") or ACTIONS ("actions") body of
# waymark-records(5), in roff, from lib/catalogue/data/catalogue.json.
# Usage: man/gen-catalogue-roff.py lib/catalogue/data/catalogue.json taxonomy|actions
# Paste the output between the "Generated" and "End of generated text" comments of the page.
import json, sys

def roff(s):
    s = s.replace('\\', '\\e')
    for u, r in {'\u2019': '\\(cq', '\u2018': '\\(oq', '\u201c': '\\(lq', '\u201d': '\\(rq',
                 '\u2013': '\\(en', '\u2014': '\\(em'}.items():
        s = s.replace(u, r)
    if any(ord(ch) > 127 for ch in s):
        sys.exit('non-ASCII text left: ' + s)
    if s.startswith(('.', "'")):
        s = '\\&' + s
    return s

catalogue = json.load(open(sys.argv[1]))
out = []
if sys.argv[2] == 'taxonomy':
    for cat in catalogue['risk_factor_categories']:
        factors = [f for f in catalogue['risk_factors'] if f['category'] == cat['code']]
        out.append('.SS "%s: %s (%d codes)"' % (cat['code'], roff(cat['label']), len(factors)))
        for f in factors:
            out += ['.TP', '.B ' + f['code'], roff(f['label'])]
else:
    for a in catalogue['actions']:
        out += ['.TP', '.B ' + a['id'], roff(a['title']), '.br',
                'Addresses: ' + ', '.join(a['risk_factors_addressed']) + '.']
print('\n'.join(out))
