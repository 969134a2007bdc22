#!/usr/bin/env python3
"""Writes src/assets/svg11_attributes.inc: for each SVG 1.1 element, the attributes epubcheck's
SVG 1.1 schema allows on it, those it requires, and the SVG elements (and #text, for text) it
may hold. octavo refuses an SVG image that breaks these, rather than write a book that
epubcheck 4 rejects (RSC-005) or 5 reports (RSC-025).

    unzip -q /usr/share/java/epubcheck.jar 'com/adobe/epubcheck/schema/30/mod/svg11/*' -d /tmp/s
    python3 scripts/svg11-attributes.py /tmp/s/com/adobe/epubcheck/schema/30/mod/svg11 \\
        > src/assets/svg11_attributes.inc

The schema (RELAX NG compact syntax) is read only as far as this needs: definitions, the
attributes and references in them, and element patterns. Combined definitions (|=, &=, and the
same name in several modules) are united, so the sets are never narrower than the schema's.
"""
import glob
import os
import re
import sys

PARAMS = {'pattern', 'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive', 'length',
          'minLength', 'maxLength', 'totalDigits', 'fractionDigits'}
TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\|=|&=|[{}()\[\],|&?*+=~-]|\\?[A-Za-z_][A-Za-z0-9_.:-]*|\S')


def tokens(text):
    text = re.sub(r'#[^\n]*', '', text)
    out = [t for t in TOKEN.findall(text)]
    # Drop annotations: [ ... ] blocks and a:documentation [ ... ].
    res, depth = [], 0
    for t in out:
        if t == '[':
            depth += 1
        elif t == ']':
            depth -= 1
        elif depth == 0:
            res.append(t)
    return [t for t in res if t != 'a:documentation']


def definitions(toks):
    defs = {}
    i, depth, n = 0, 0, len(toks)
    stack = []  # (name, depth, start)

    def close(end):
        name, d, start = stack.pop()
        defs.setdefault(name, []).append(toks[start:end])

    while i < n:
        t = toks[i]
        if t in ('namespace', 'datatypes', 'default') and i + 1 < n:
            j = i
            while j < n and toks[j] != '=':
                j += 1
            i = j + 2
            continue
        if (i + 1 < n and toks[i + 1] in ('=', '|=', '&=') and t not in PARAMS and
                re.match(r'\\?[A-Za-z_]', t)):
            if stack and stack[-1][1] == depth:
                close(i)
            stack.append((t, depth, i + 2))
            i += 2
            continue
        if t == '{':
            depth += 1
        elif t == '}':
            depth -= 1
            while stack and stack[-1][1] > depth:
                close(i)
        i += 1
    while stack:
        close(n)
    return defs


def skip_braces(toks, i):
    """Index after the {...} block starting at or after i."""
    while toks[i] != '{':
        i += 1
    depth = 0
    while True:
        if toks[i] == '{':
            depth += 1
        elif toks[i] == '}':
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1


def main(folder):
    toks = []
    for path in sorted(glob.glob(os.path.join(folder, '*.rnc'))):
        name = os.path.basename(path)
        if 'tiny' in name or name.startswith('inkscape'):
            continue  # the SVG Tiny profile and Inkscape's extension are not used
        toks += ['{'] + tokens(open(path, encoding='utf-8').read()) + ['}']
    defs = definitions(toks)
    memo, unknown = {}, set()

    def attrs(body, seen):
        out, i = set(), 0
        while i < len(body):
            t = body[i]
            if t == 'attribute':
                out.add(body[i + 1])
                i = skip_braces(body, i)
                continue
            if t == 'element':
                i = skip_braces(body, i)
                continue
            if t in defs and t not in seen:
                out |= resolve(t, seen | {t})
            elif re.match(r'[A-Za-z_][A-Za-z0-9_]*\.', t) and t not in defs:
                unknown.add(t)
            i += 1
        return out

    def resolve(name, seen):
        if name not in memo:
            memo[name] = set().union(*(attrs(b, seen) for b in defs[name]))
        return memo[name]

    kmemo = {}

    def kids(body, seen):
        out, i = set(), 0
        while i < len(body):
            t = body[i]
            if t == 'attribute':
                i = skip_braces(body, i)
                continue
            if t == 'element':
                out.add(body[i + 1])
                i = skip_braces(body, i)
                continue
            if t == 'text':
                out.add('#text')
            elif t in defs and t not in seen:
                if t not in kmemo:
                    kmemo[t] = set().union(*(kids(b, seen | {t}) for b in defs[t]))
                out |= kmemo[t]
            i += 1
        return out

    def required(name):
        """Attributes an attlist definition names directly, outside any group, without ? or *."""
        out = set()
        for body in defs.get(name, []):
            i, depth = 0, 0
            while i < len(body):
                t = body[i]
                if t == '(':
                    depth += 1
                elif t == ')':
                    depth -= 1
                elif t == 'attribute':
                    end = skip_braces(body, i)
                    if depth == 0 and (end >= len(body) or body[end] not in ('?', '*')):
                        out.add(body[i + 1])
                    i = end
                    continue
                i += 1
        return out

    elements, children = {}, {}
    for name, bodies in defs.items():
        for body in bodies:
            for i, t in enumerate(body):
                if t == 'element' and i + 1 < len(body):
                    end = skip_braces(body, i)
                    inner = body[body.index('{', i) + 1:end - 1]
                    elements.setdefault(body[i + 1], set()).update(attrs(inner, {name}))
                    children.setdefault(body[i + 1], set()).update(kids(inner, {name}))

    def strings(words):
        line = '"'
        for w in sorted(words):
            if len(line) + len(w) > 92:
                print('    %s"' % line)
                line = '"'
            line += w + ' '
        print('    %s",' % line)

    print('// Generated by scripts/svg11-attributes.py from epubcheck 4.2.6\'s SVG 1.1 schema')
    print('// (schema/30/mod/svg11): for each SVG element, the attributes it may have, those it')
    print('// must have, and the SVG elements (and #text) it may hold. Do not edit.')
    print('// Event handlers (on*) are listed as the schema has them; octavo refuses them anyway.')
    print('// clang-format off')
    for el in sorted(elements):
        if not re.match(r'[A-Za-z]', el):
            continue  # element * (any name) in metadata and foreignObject
        print('{"%s",' % el)
        strings(elements[el])
        strings(required('attlist.' + el))
        strings(children[el] - {'*'})
        print('},')
    print('// clang-format on')
    if unknown:
        print('// Not defined in these modules: ' + ' '.join(sorted(unknown)), file=sys.stderr)


main(sys.argv[1])
