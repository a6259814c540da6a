#!/usr/bin/env python3
"""Checks the include lines of core/ against the map in docs/ARCHITECTURE.md.

The library's parts, lowest first. A part may include its own headers and
those of the parts below it, never those above; io/ and algo/ stand side by
side and never include each other. Inside algo/ the families may use one
another, but without cycles. Private headers (core/src/<part>/...hpp, included
with quotes) belong to their part. Exits 1 and names every offending line.

    python3 scripts/check_layers.py [ROOT]
"""
import pathlib
import re
import sys

# part -> its level; parts on one level may not include each other.
LEVELS = {
    "base": 0,
    "parallel": 1,
    "graph": 2,
    "events": 3,
    "io": 4,
    "algo": 4,
    "report": 5,
    "json": 6,
    "format": 7,
}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def part_of(rel):
    """('algo', 'reach') for core/include/refnet/algo/reach/x.hpp or core/src/algo/reach/x.cpp."""
    parts = rel.parts
    if parts[:3] == ("core", "include", "refnet"):
        inner = parts[3:]
    elif parts[:2] == ("core", "src"):
        inner = parts[2:]
    else:
        return None, None
    if len(inner) < 2:
        return "(top)", None
    family = inner[1] if inner[0] == "algo" and len(inner) > 2 else None
    return inner[0], family


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    problems = []
    family_edges = {}
    files = sorted(p for p in (root / "core").rglob("*") if p.suffix in (".hpp", ".cpp"))
    if not files:
        print(f"check_layers: no sources under {root / 'core'}", file=sys.stderr)
        return 1
    for path in files:
        rel = path.relative_to(root)
        part, family = part_of(rel)
        if part not in LEVELS:
            problems.append(f"{rel}: in no part of the map ({part})")
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            kind, target = m.groups()
            where = f"{rel}:{number}: {line.strip()}"
            if kind == '"':
                resolved = (path.parent / target).resolve()
                try:
                    t_part, t_family = part_of(resolved.relative_to(root.resolve()))
                except ValueError:
                    problems.append(f"{where}: quoted include outside the project")
                    continue
                if t_part != part:
                    problems.append(f"{where}: a quoted include reaches into another part ({t_part})")
                continue
            if not target.startswith("refnet/"):
                continue  # a system or third-party header
            pieces = target.split("/")
            t_part = pieces[1] if len(pieces) > 2 else "(top)"
            t_family = pieces[2] if t_part == "algo" and len(pieces) > 3 else None
            if t_part not in LEVELS:
                problems.append(f"{where}: includes a header in no part of the map")
            elif t_part != part and LEVELS[t_part] >= LEVELS[part]:
                problems.append(f"{where}: {part}/ may not include {t_part}/ (same level or above)")
            if part == "algo" and t_part == "algo" and family and t_family and family != t_family:
                family_edges.setdefault(family, set()).add(t_family)

    # Cycles among algo families (depth-first search).
    state = {}

    def visit(f, stack):
        state[f] = "open"
        for g in sorted(family_edges.get(f, ())):
            if state.get(g) == "open":
                cycle = stack[stack.index(g):] + [g]
                problems.append("algo families include each other in a cycle: " + " -> ".join(cycle))
            elif g not in state:
                visit(g, stack + [g])
        state[f] = "done"

    for f in sorted(family_edges):
        if f not in state:
            visit(f, [f])

    for p in problems:
        print(p)
    if problems:
        print(f"check_layers: {len(problems)} include(s) break the map in docs/ARCHITECTURE.md", file=sys.stderr)
        return 1
    print(f"check_layers: {len(files)} files follow the map")
    return 0


if __name__ == "__main__":
    sys.exit(main())
