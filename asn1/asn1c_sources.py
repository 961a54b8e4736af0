#!/usr/bin/env python3
"""Lists the C sources asn1c wrote, from the Makefile.am.sample it writes beside them.

    asn1c_sources.py GEN_DIR [--check LIST]

Prints ASN_MODULE_SOURCES (generated types and the runtime skeletons asn1c copied; not the
converter-sample program), one per line, sorted. With --check, compares them with the committed
LIST the build compiles and fails naming every file added or missing: the list is only valid for
the pinned modules (asn1/modules.sha256) and Debian's asn1c 0.9.28.
"""
import re
import sys


def module_sources(makefile: str) -> list[str]:
    text = open(makefile, encoding="utf-8").read().replace("\\\n", " ")
    files: set[str] = set()
    for m in re.finditer(r"^ASN_MODULE_SOURCES\s*\+?=(.*)$", text, re.MULTILINE):
        files.update(w for w in m.group(1).split() if w.endswith(".c"))
    return sorted(files)


def main() -> int:
    if len(sys.argv) not in (2, 4) or (len(sys.argv) == 4 and sys.argv[2] != "--check"):
        print(__doc__, file=sys.stderr)
        return 2
    found = module_sources(f"{sys.argv[1]}/Makefile.am.sample")
    if not found:
        print(f"asn1c_sources: {sys.argv[1]}/Makefile.am.sample lists no sources", file=sys.stderr)
        return 1
    if len(sys.argv) == 2:
        print("\n".join(found))
        return 0
    listed = [l.strip() for l in open(sys.argv[3], encoding="utf-8") if l.strip() and not l.startswith("#")]
    added, missing = sorted(set(found) - set(listed)), sorted(set(listed) - set(found))
    if added or missing:
        print(f"asn1c_sources: asn1c wrote a different file set than {sys.argv[3]} lists "
              f"(added: {' '.join(added) or '-'}; missing: {' '.join(missing) or '-'}). Regenerate the "
              f"list with: asn1/asn1c_sources.py {sys.argv[1]} > {sys.argv[3]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
