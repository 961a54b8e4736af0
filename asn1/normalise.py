#!/usr/bin/env python3
"""Normalises the S1AP ASN.1 modules (TS 36.413 V17.1.0) for Debian's asn1c 0.9.28 and extracts
the information-object tables the normalisation removes. Standard library only.

    normalise.py --modules DIR --out DIR

Reads the six S1AP-*.asn modules the S1AP PDUs need (S1AP-SonTransfer-IEs is not imported by
them and is left out) and writes into --out:

  normalised/<module>.asn   what asn1c 0.9.28 accepts (rules below)
  s1ap_ie_tables.cpp        for each ProtocolIE container: (IE id, criticality, presence,
                            asn_DEF_<Type>); the elementary-procedure table; compiled into the codec
  s1ap_ids.h                the id-*, procedure codes and max* constants as C++ constants
  ie_tables.txt             the same tables as text, for review and diffing

The rules (asn1/README.md says why each is needed):
  1. CLASS definitions, object sets and single objects are removed; their contents become the
     C++ tables above.
  2. A reference to a class field (`S1AP-PROTOCOL-IES.&id ({Set})`) becomes the field's type
     (`ProtocolIE-ID`); a type field (`&Value`, `&InitiatingMessage`) becomes OCTET STRING: an open
     type in PER is its value's complete encoding in an unconstrained length-prefixed octet
     string, which is exactly how PER encodes an unconstrained OCTET STRING.
  3. Parameterised types whose parameters are all object sets (ProtocolIE-Container{{X}}, ...)
     lose their parameters; the set given at each use is recorded as that container's IE table.
     Parameterised types with value parameters (ProtocolIE-ContainerList {lb, ub, {X}}), and any
     type defined through one (E-RAB-IE-ContainerList), are expanded in place at each use
     (`SEQUENCE (SIZE (lb..ub)) OF ProtocolIE-SingleContainer`) and their definitions dropped.
  4. IMPORTS are rebuilt: names still defined by the source module, plus names the rewritten
     text now references from another module.
  5. INTEGER (0..18446744073709551615) is clamped to 0..9223372036854775807 (asn1c 0.9.28 keeps
     bounds in a signed 64-bit value); aligned PER encodes both ranges with a 1..8-octet length,
     so the encoding of every value below 2^63 is unchanged.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field

MODULE_FILES = [
    "S1AP-CommonDataTypes.asn",
    "S1AP-Constants.asn",
    "S1AP-Containers.asn",
    "S1AP-IEs.asn",
    "S1AP-PDU-Contents.asn",
    "S1AP-PDU-Descriptions.asn",
]
UINT64_MAX = "18446744073709551615"
INT64_MAX = "9223372036854775807"
EXPECTED_CLAMPS = 2  # usageCountUL / usageCountDL in E-RABUsageReportItem

TOKEN_RE = re.compile(
    r"""(?P<ws>\s+)
      | (?P<assign>::=)
      | (?P<ellipsis>\.\.\.)
      | (?P<range>\.\.)
      | (?P<number>-?\d+)
      | (?P<word>&?[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)
      | (?P<cstring>"[^"]*")
      | (?P<punct>[{}()\[\]|,;@.!^<>:])
    """,
    re.VERBOSE,
)


class NormaliseError(Exception):
    pass


def strip_comments(text: str) -> str:
    """ASN.1 comments run from `--` to the next `--` on the line or to the end of the line."""
    out = []
    for line in text.splitlines():
        result, i, in_comment = [], 0, False
        while i < len(line):
            if line.startswith("--", i):
                in_comment = not in_comment
                i += 2
                continue
            if not in_comment:
                result.append(line[i])
            i += 1
        out.append("".join(result).rstrip())
    return "\n".join(out)


def tokenize(text: str, where: str) -> list[str]:
    tokens, pos = [], 0
    while pos < len(text):
        m = TOKEN_RE.match(text, pos)
        if not m:
            raise NormaliseError(f"{where}: cannot tokenise near {text[pos:pos + 40]!r}")
        if m.lastgroup != "ws":
            tokens.append(m.group())
        pos = m.end()
    return tokens


def is_word(t: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*", t))


def matching(tokens: list[str], i: int) -> int:
    """Index of the bracket closing tokens[i]."""
    pairs = {"{": "}", "(": ")", "[": "]"}
    open_t, close_t, depth = tokens[i], pairs[tokens[i]], 0
    for j in range(i, len(tokens)):
        if tokens[j] == open_t:
            depth += 1
        elif tokens[j] == close_t:
            depth -= 1
            if depth == 0:
                return j
    raise NormaliseError(f"unbalanced {open_t} in {' '.join(tokens[i:i + 20])}")


def split_top(tokens: list[str], seps: set[str]) -> list[list[str]]:
    """Splits at separators that are not inside brackets."""
    parts, cur, depth = [], [], 0
    for t in tokens:
        if t in "{([":
            depth += 1
        elif t in "})]":
            depth -= 1
        if depth == 0 and t in seps:
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    parts.append(cur)
    return parts


@dataclass
class Assignment:
    module: str
    name: str
    params: list[tuple[str, str]]  # (governor, formal name)
    governor: str | None  # the type/class after the name (value, object and object-set assignments)
    rhs: list[str]
    line: int

    @property
    def kind(self) -> str:
        if self.rhs and self.rhs[0] == "CLASS":
            return "class"
        if self.governor is None:
            return "type"
        if self.name[0].isupper():
            return "objectset"  # `Name CLASS ::= { ... }`
        return "value"  # value or object: `name Type ::= ...`


@dataclass
class Module:
    name: str
    file: str
    header: str  # everything up to and including BEGIN
    imports: list[tuple[list[str], str]]
    assignments: list[Assignment]


def parse_module(path: str) -> Module:
    raw = open(path, encoding="utf-8").read()
    text = strip_comments(raw)
    m = re.search(r"\bBEGIN\b", text)
    if not m:
        raise NormaliseError(f"{path}: no BEGIN")
    header = re.sub(r"\n\s*\n+", "\n", text[: m.end()]).strip()
    mod_name = header.split()[0]
    body = text[m.end():]
    end = list(re.finditer(r"^END\b", body, re.MULTILINE))
    if not end:
        raise NormaliseError(f"{path}: no END")
    body = body[: end[-1].start()]
    body_line0 = text[: m.end()].count("\n") + 1

    imports: list[tuple[list[str], str]] = []
    im = re.match(r"\s*IMPORTS\b(.*?);", body, re.DOTALL)
    if im:
        toks = tokenize(im.group(1), path)
        names: list[str] = []
        i = 0
        while i < len(toks):
            if toks[i] == "FROM":
                imports.append(([n for n in names], toks[i + 1]))
                names = []
                i += 2
                # a module reference may carry an OID or value reference; none in S1AP
                continue
            if toks[i] not in {",", "{", "}"}:
                names.append(toks[i])
            i += 1
        if names:
            raise NormaliseError(f"{path}: IMPORTS names without FROM: {names}")
        skipped = body[: im.end()]
        body_line0 += skipped.count("\n")
        body = body[im.end():]

    # Assignments start on a line at bracket depth 0, in column 0, holding `::=`; every S1AP module
    # is laid out this way. Other column-0 lines at depth 0 continue the assignment (WITH SYNTAX).
    chunks: list[tuple[int, list[str]]] = []
    depth = 0
    for n, line in enumerate(body.split("\n")):
        if depth == 0 and line and not line[0].isspace() and "::=" in line:
            chunks.append((body_line0 + n, [line]))
        elif line.strip():
            if not chunks:
                raise NormaliseError(f"{path}:{body_line0 + n}: text before the first assignment: {line!r}")
            chunks[-1][1].append(line)
        depth += line.count("{") - line.count("}")
    assignments = []
    for line_no, lines in chunks:
        toks = tokenize("\n".join(lines), f"{path}:{line_no}")
        k = toks.index("::=")
        lhs, rhs = toks[:k], toks[k + 1:]
        name, params, governor = lhs[0], [], None
        rest = lhs[1:]
        if rest and rest[0] == "{":
            close = matching(rest, 0)
            for p in split_top(rest[1:close], {","}):
                if len(p) == 3 and p[1] == ":":
                    params.append((p[0], p[2]))
                elif len(p) == 1:
                    params.append(("", p[0]))
                else:
                    raise NormaliseError(f"{path}:{line_no}: unexpected parameter {p}")
            rest = rest[close + 1:]
        if rest:
            if len(rest) != 1:
                raise NormaliseError(f"{path}:{line_no}: unexpected left-hand side {lhs}")
            governor = rest[0]
        assignments.append(Assignment(mod_name, name, params, governor, rhs, line_no))
    return Module(mod_name, os.path.basename(path), header, imports, assignments)


# ---------------------------------------------------------------------------------------------
# Information object classes and objects


@dataclass
class ClassDef:
    name: str
    fields: dict[str, tuple[list[str] | None, str | None]]  # &field -> (type tokens or None, default)
    syntax: list[tuple[tuple[str, ...], str, bool]]  # (literal phrase, &field, optional)


def parse_class(a: Assignment) -> ClassDef:
    rhs = a.rhs
    close = matching(rhs, 1)
    fields: dict[str, tuple[list[str] | None, str | None]] = {}
    for f in split_top(rhs[2:close], {","}):
        if not f:
            continue
        fname, rest = f[0], f[1:]
        default = None
        for kw in ("UNIQUE", "OPTIONAL"):
            if kw in rest:
                rest = rest[: rest.index(kw)]
        if "DEFAULT" in rest:
            i = rest.index("DEFAULT")
            default = " ".join(rest[i + 1:])
            rest = rest[:i]
        fields[fname] = (rest if fname[1].islower() else None, default)
    syntax: list[tuple[tuple[str, ...], str, bool]] = []
    if "SYNTAX" in rhs[close:]:
        s0 = rhs.index("SYNTAX", close) + 1
        s_close = matching(rhs, s0)
        toks = rhs[s0 + 1: s_close]
        phrase: list[str] = []
        optional = False
        for t in toks:
            if t == "[":
                optional = True
            elif t == "]":
                optional = False
            elif t.startswith("&"):
                syntax.append((tuple(phrase), t, optional))
                phrase = []
            else:
                phrase.append(t)
    return ClassDef(a.name, fields, syntax)


def parse_object(cls: ClassDef, toks: list[str], where: str) -> dict[str, list[str]]:
    """Parses `{ ID id-x CRITICALITY reject TYPE X PRESENCE mandatory }` with the class syntax."""
    if toks[0] != "{" or matching(toks, 0) != len(toks) - 1:
        raise NormaliseError(f"{where}: object is not one {{...}} group: {' '.join(toks)}")
    body = toks[1:-1]
    phrases = sorted(cls.syntax, key=lambda s: -len(s[0]))

    def phrase_at(i: int):
        for ph, fld, opt in phrases:
            if tuple(body[i: i + len(ph)]) == ph:
                return ph, fld
        return None

    values: dict[str, list[str]] = {}
    i = 0
    while i < len(body):
        hit = phrase_at(i)
        if not hit:
            raise NormaliseError(f"{where}: unexpected {body[i]!r} in object {' '.join(toks)}")
        ph, fld = hit
        i += len(ph)
        j = i
        while j < len(body) and not phrase_at(j):
            j += 1
        values[fld] = body[i:j]
        i = j
    for ph, fld, opt in cls.syntax:
        if fld not in values and not opt:
            raise NormaliseError(f"{where}: object lacks {' '.join(ph)}: {' '.join(toks)}")
    return values


# ---------------------------------------------------------------------------------------------
# The rewriting of types


CONTAINER_KINDS = {
    "ProtocolIE-Container": "protocol_ies",
    "ProtocolIE-SingleContainer": "single_container",
    "ProtocolIE-ContainerPair": "container_pair",
    "ProtocolExtensionContainer": "extensions",
    "PrivateIE-Container": "private_ies",
}


@dataclass
class ContainerUse:
    owner: str  # the type whose definition holds the container
    kind: str  # one of CONTAINER_KINDS' values
    ie_set: str  # the object set that constrained it
    module: str


class Normaliser:
    def __init__(self, modules: list[Module]):
        self.modules = modules
        self.by_name: dict[str, Assignment] = {}
        for m in modules:
            for a in m.assignments:
                if a.name in self.by_name:
                    raise NormaliseError(f"{a.name} defined twice ({self.by_name[a.name].module}, {a.module})")
                self.by_name[a.name] = a
        self.classes = {a.name: parse_class(a) for a in self.by_name.values() if a.kind == "class"}
        self.container_uses: list[ContainerUse] = []
        self.clamps = 0
        # Parameterised types: kept (parameters dropped) or expanded in place at each use.
        self.param_types = {a.name: a for a in self.by_name.values() if a.params and a.kind == "type"}
        self.expanded: set[str] = set()
        changed = True
        while changed:
            changed = False
            for name, a in self.param_types.items():
                if name in self.expanded:
                    continue
                has_value_param = any(gov not in self.classes for gov, _ in a.params)
                uses_expanded = any(t in self.expanded for t in a.rhs)
                if has_value_param or uses_expanded:
                    self.expanded.add(name)
                    changed = True

    # -- class field references and parameterised references ------------------------------------
    def rewrite(self, toks: list[str], owner: str | None, module: str, formals: set[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            # CLASS.&field  [ ( {Set} [ {@id} ] ) ]
            if t in self.classes and i + 2 < len(toks) and toks[i + 1] == "." and toks[i + 2].startswith("&"):
                cls = self.classes[t]
                fld = toks[i + 2]
                if fld not in cls.fields:
                    raise NormaliseError(f"{owner}: {t} has no field {fld}")
                ftype, _ = cls.fields[fld]
                out.extend(ftype if ftype is not None else ["OCTET", "STRING"])
                i += 3
                if i < len(toks) and toks[i] == "(":
                    i = matching(toks, i) + 1  # the table constraint goes with the object set
                continue
            if t in self.param_types and i + 1 < len(toks) and toks[i + 1] == "{":
                close = matching(toks, i + 1)
                actuals = split_top(toks[i + 2: close], {","})
                a = self.param_types[t]
                if len(actuals) != len(a.params):
                    raise NormaliseError(f"{owner}: {t} takes {len(a.params)} parameters, given {actuals}")
                if t in self.expanded:
                    subst: dict[str, list[str]] = {}
                    for (gov, formal), actual in zip(a.params, actuals):
                        if gov in self.classes:  # an object set is written {X}; unwrap one level
                            if not (actual and actual[0] == "{" and matching(actual, 0) == len(actual) - 1):
                                raise NormaliseError(f"{owner}: object-set argument {actual} of {t} is not {{...}}")
                            actual = actual[1:-1]
                        subst[formal] = actual
                    body: list[str] = []
                    for bt in a.rhs:
                        body.extend(subst.get(bt, [bt]))
                    out.extend(self.rewrite(body, owner, module, formals))
                else:
                    if t in CONTAINER_KINDS:
                        if len(actuals) != 1 or len(actuals[0]) != 3 or actuals[0][0] != "{":
                            raise NormaliseError(f"{owner}: unexpected argument of {t}: {actuals}")
                        ie_set = actuals[0][1]
                        if ie_set not in formals:
                            if owner is None:
                                raise NormaliseError(f"container {t}{{{{{ie_set}}}}} outside a type")
                            self.container_uses.append(ContainerUse(owner, CONTAINER_KINDS[t], ie_set, module))
                    out.append(t)
                i = close + 1
                continue
            if t == UINT64_MAX:
                out.append(INT64_MAX)
                self.clamps += 1
                i += 1
                continue
            out.append(t)
            i += 1
        return out

    def run(self) -> dict[str, list[Assignment]]:
        result: dict[str, list[Assignment]] = {}
        for m in self.modules:
            kept: list[Assignment] = []
            for a in m.assignments:
                if a.kind in ("class", "objectset"):
                    continue
                if a.kind == "value" and a.governor in self.classes:
                    continue  # a single object, e.g. an elementary procedure
                if a.name in self.expanded:
                    continue
                formals = {f for _, f in a.params}
                rhs = self.rewrite(a.rhs, None if a.params else a.name, m.name, formals)
                kept.append(Assignment(a.module, a.name, [], a.governor, rhs, a.line))
            result[m.name] = kept
        if self.clamps != EXPECTED_CLAMPS:
            raise NormaliseError(f"clamped {self.clamps} 64-bit bounds, expected {EXPECTED_CLAMPS}: "
                                 "the modules changed, review rule 5")
        seen: set[tuple[str, str]] = set()
        for u in self.container_uses:
            if (u.owner, u.kind) in seen:
                raise NormaliseError(f"{u.owner} holds two {u.kind} containers; the tables key on (type, kind)")
            seen.add((u.owner, u.kind))
        return result


# ---------------------------------------------------------------------------------------------
# Output: normalised modules


def render_tokens(toks: list[str]) -> str:
    """Re-emits tokens as readable ASN.1: one component per line inside braces."""
    out, depth, line = [], 0, ""
    no_space_before = {",", ")", "]", "..", "...", "."}
    no_space_after = {"(", "[", "..", "."}
    prev = ""
    for t in toks:
        if t == "{":
            line += (" " if line else "") + "{"
            depth += 1
            out.append(line)
            line = "\t" * depth
            prev = t
            continue
        if t == "}":
            if line.strip():
                out.append(line)
            depth -= 1
            line = "\t" * depth + "}"
            prev = t
            continue
        if t == "," and depth > 0:
            line += ","
            out.append(line)
            line = "\t" * depth
            prev = t
            continue
        sep = "" if (not line.strip() or t in no_space_before or prev in no_space_after) else " "
        line += sep + t
        prev = t
    if line.strip():
        out.append(line)
    return "\n".join(out)


def write_modules(normaliser: Normaliser, kept: dict[str, list[Assignment]], out_dir: str) -> None:
    defined: dict[str, str] = {}
    for mod, assigns in kept.items():
        for a in assigns:
            defined[a.name] = mod
    os.makedirs(out_dir, exist_ok=True)
    for m in normaliser.modules:
        assigns = kept[m.name]
        local = {a.name for a in assigns}
        imports: dict[str, list[str]] = {}
        for names, src in m.imports:
            for n in names:
                n = n.rstrip("{}")
                if defined.get(n) == src and n not in local:
                    imports.setdefault(src, []).append(n)
        for a in assigns:
            refs = a.rhs + ([a.governor] if a.governor else [])
            for t in refs:
                src = defined.get(t)
                if src and src != m.name and t not in imports.get(src, []):
                    imports.setdefault(src, []).append(t)
        lines = [f"-- Normalised by asn1/normalise.py from {m.file} for asn1c 0.9.28; do not edit.",
                 m.header, ""]
        if imports:
            lines.append("IMPORTS")
            groups = list(imports.items())
            for gi, (src, names) in enumerate(groups):
                lines.append(",\n".join("\t" + n for n in names))
                lines.append(f"FROM {src}" + (";" if gi == len(groups) - 1 else ""))
                lines.append("")
        for a in assigns:
            lhs = a.name + (f" {a.governor}" if a.governor else "")
            lines.append(f"-- {m.file}:{a.line}")
            lines.append(f"{lhs} ::= {render_tokens(a.rhs)}")
            lines.append("")
        lines.append("END")
        with open(os.path.join(out_dir, m.file), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------
# Output: IE tables and constants


def c_name(asn_name: str) -> str:
    return asn_name.replace("-", "_")


@dataclass
class IeRow:
    id_name: str
    id_value: int
    criticality: str
    presence: str
    type_name: str
    second_criticality: str | None = None
    second_type: str | None = None


@dataclass
class Procedure:
    name: str
    code_name: str
    code: int
    criticality: str
    procedure_class: int
    initiating: str
    successful: str | None
    unsuccessful: str | None


class Tables:
    def __init__(self, n: Normaliser):
        self.n = n
        self.constants: dict[str, tuple[str, int]] = {}
        for a in n.by_name.values():
            if a.kind == "value" and a.governor not in n.classes and len(a.rhs) == 1 and re.fullmatch(r"-?\d+", a.rhs[0]):
                self.constants[a.name] = (a.governor, int(a.rhs[0]))

    def value_of(self, toks: list[str], where: str) -> int:
        if len(toks) != 1 or toks[0] not in self.constants:
            raise NormaliseError(f"{where}: {' '.join(toks)} is not a known constant")
        return self.constants[toks[0]][1]

    def flatten_set(self, name: str, seen: tuple[str, ...] = ()) -> tuple[list[tuple[str, list[str]]], bool]:
        """Objects of an object set, following references to other sets and to single objects."""
        a = self.n.by_name.get(name)
        if a is None:
            raise NormaliseError(f"unknown object set {name}")
        if name in seen:
            raise NormaliseError(f"object set {name} refers to itself")
        if a.kind == "value":  # a single object
            return [(name, a.rhs)], False
        rhs = a.rhs
        if rhs[0] != "{" or matching(rhs, 0) != len(rhs) - 1:
            raise NormaliseError(f"{name}: object set is not one {{...}} group")
        objects: list[tuple[str, list[str]]] = []
        extensible = False
        for part in split_top(rhs[1:-1], {"|", ","}):
            if not part:
                continue
            if part == ["..."]:
                extensible = True
            elif part[0] == "{":
                objects.append((name, part))
            elif len(part) == 1 and is_word(part[0]):
                sub, _ = self.flatten_set(part[0], seen + (name,))
                objects.extend(sub)
            else:
                raise NormaliseError(f"{name}: unexpected set element {' '.join(part)}")
        return objects, extensible

    def ie_rows(self, set_name: str) -> tuple[list[IeRow], bool, str]:
        a = self.n.by_name.get(set_name)
        if a is None or a.kind != "objectset":
            raise NormaliseError(f"container constrained by {set_name}, which is not an object set")
        cls = self.n.classes[a.governor]
        objects, extensible = self.flatten_set(set_name)
        rows = []
        for origin, toks in objects:
            v = parse_object(cls, toks, f"{origin}")
            id_name = " ".join(v["&id"])
            if a.governor == "S1AP-PROTOCOL-IES-PAIR":
                rows.append(IeRow(id_name, self.value_of(v["&id"], origin), v["&firstCriticality"][0],
                                  v["&presence"][0], " ".join(v["&FirstValue"]),
                                  v["&secondCriticality"][0], " ".join(v["&SecondValue"])))
            else:
                type_field = "&Extension" if "&Extension" in v else "&Value"
                rows.append(IeRow(id_name, self.value_of(v["&id"], origin), v["&criticality"][0],
                                  v["&presence"][0], " ".join(v[type_field])))
            for t in (rows[-1].type_name, rows[-1].second_type):
                if t is not None and not (is_word(t) and t in self.n.by_name):
                    raise NormaliseError(f"{origin}: IE type {t!r} is not a type the modules define")
        return rows, extensible, a.governor

    def procedures(self) -> list[Procedure]:
        ep_class = self.n.classes["S1AP-ELEMENTARY-PROCEDURE"]
        klass: dict[str, int] = {}
        for cname, num in (("S1AP-ELEMENTARY-PROCEDURES-CLASS-1", 1), ("S1AP-ELEMENTARY-PROCEDURES-CLASS-2", 2)):
            for origin, _ in self.flatten_set(cname)[0]:
                klass[origin] = num
        procs = []
        for origin, toks in self.flatten_set("S1AP-ELEMENTARY-PROCEDURES")[0]:
            v = parse_object(ep_class, toks, origin)
            crit = v.get("&criticality") or [ep_class.fields["&criticality"][1]]
            procs.append(Procedure(
                origin, v["&procedureCode"][0], self.value_of(v["&procedureCode"], origin), crit[0],
                klass.get(origin, 0), v["&InitiatingMessage"][0],
                v["&SuccessfulOutcome"][0] if "&SuccessfulOutcome" in v else None,
                v["&UnsuccessfulOutcome"][0] if "&UnsuccessfulOutcome" in v else None))
        codes = [p.code for p in procs]
        if len(set(codes)) != len(codes):
            raise NormaliseError("two elementary procedures share a procedure code")
        return sorted(procs, key=lambda p: p.code)


CPP_INT_TYPES = {"ProtocolIE-ID": "std::uint16_t", "ProcedureCode": "std::uint8_t",
                 "ProtocolExtensionID": "std::uint16_t", "INTEGER": "std::int64_t"}


def write_tables(n: Normaliser, kept: dict[str, list[Assignment]], out_dir: str) -> None:
    t = Tables(n)
    containers = []
    for u in sorted(n.container_uses, key=lambda u: (u.owner, u.kind)):
        rows, extensible, governor = t.ie_rows(u.ie_set)
        containers.append((u, rows, extensible))
    procs = t.procedures()

    descriptors: set[str] = set()
    for u, rows, _ in containers:
        descriptors.add(u.owner)
        for r in rows:
            descriptors.add(r.type_name)
            if r.second_type:
                descriptors.add(r.second_type)
    for p in procs:
        descriptors.update(x for x in (p.initiating, p.successful, p.unsuccessful) if x)
    all_types = sorted(a.name for assigns in kept.values() for a in assigns if a.kind == "type")
    descriptors.update(all_types)

    crit = {"reject": "Criticality::reject", "ignore": "Criticality::ignore", "notify": "Criticality::notify"}
    pres = {"optional": "Presence::optional", "conditional": "Presence::conditional", "mandatory": "Presence::mandatory"}

    cpp = ["// Generated by asn1/normalise.py from the S1AP information object sets; do not edit.",
           "// TS 36.413 V17.1.0 clause 9.3: what the object sets the normalisation removed carried.",
           '#include "s1ap_tables.h"', "", "#include <iterator>", "", "#include <constr_TYPE.h>", "", 'extern "C" {']
    cpp += [f"extern asn_TYPE_descriptor_t asn_DEF_{c_name(d)};" for d in sorted(descriptors)]
    cpp += ["}", "", "namespace concur::s1ap::asn {", "namespace {", ""]
    for idx, (u, rows, _) in enumerate(containers):
        if u.kind == "container_pair":
            cpp.append(f"// {u.owner} ({u.ie_set})")
            cpp.append(f"const IePairSpec pairs_{idx}[] = {{")
            for r in rows:
                cpp.append(f'    {{{r.id_value}, "{r.id_name}", {crit[r.criticality]}, {pres[r.presence]}, '
                           f'"{r.type_name}", &asn_DEF_{c_name(r.type_name)}, {crit[r.second_criticality]}, '
                           f'"{r.second_type}", &asn_DEF_{c_name(r.second_type)}}},')
            cpp.append("};")
        elif rows:
            cpp.append(f"// {u.owner} ({u.ie_set})")
            cpp.append(f"const IeSpec ies_{idx}[] = {{")
            for r in rows:
                cpp.append(f'    {{{r.id_value}, "{r.id_name}", {crit[r.criticality]}, {pres[r.presence]}, '
                           f'"{r.type_name}", &asn_DEF_{c_name(r.type_name)}}},')
            cpp.append("};")
    cpp += ["", "}  // namespace", "", "extern const ContainerSpec kContainers[] = {"]
    kinds = {"protocol_ies": "ContainerKind::protocol_ies", "single_container": "ContainerKind::single_container",
             "container_pair": "ContainerKind::container_pair", "extensions": "ContainerKind::extensions",
             "private_ies": "ContainerKind::private_ies"}
    for idx, (u, rows, ext) in enumerate(containers):
        ies = f"ies_{idx}" if rows and u.kind != "container_pair" else "{}"
        pairs = f"pairs_{idx}" if u.kind == "container_pair" and rows else "{}"
        cpp.append(f'    {{"{u.owner}", &asn_DEF_{c_name(u.owner)}, {kinds[u.kind]}, "{u.ie_set}", '
                   f'{"true" if ext else "false"}, {ies}, {pairs}}},')
    cpp += ["};", "extern const std::size_t kContainerCount = std::size(kContainers);", "",
            "extern const ProcedureSpec kProcedures[] = {"]
    for p in procs:
        def d(x):
            return f"&asn_DEF_{c_name(x)}" if x else "nullptr"

        def s(x):
            return f'"{x}"' if x else '""'
        cpp.append(f'    {{{p.code}, "{p.name}", {crit[p.criticality]}, {p.procedure_class}, '
                   f'{s(p.initiating)}, {d(p.initiating)}, {s(p.successful)}, {d(p.successful)}, '
                   f'{s(p.unsuccessful)}, {d(p.unsuccessful)}}},')
    cpp += ["};", "extern const std::size_t kProcedureCount = std::size(kProcedures);", "",
            "// Every type of the normalised modules (asn1c gives each its own descriptor).",
            "extern const asn_TYPE_descriptor_s* const kAllTypes[] = {"]
    cpp += [f"    &asn_DEF_{c_name(x)}," for x in all_types]
    cpp += ["};", "extern const std::size_t kAllTypeCount = std::size(kAllTypes);", "",
            "}  // namespace concur::s1ap::asn", ""]
    with open(os.path.join(out_dir, "s1ap_ie_tables.cpp"), "w", encoding="utf-8") as f:
        f.write("\n".join(cpp))

    hdr = ["// Generated by asn1/normalise.py from S1AP-Constants (TS 36.413 V17.1.0 clause 9.3.6); do not edit.",
           "// Plain constants, no generated types: usable anywhere in the codec's public API.",
           "#pragma once", "", "#include <cstdint>", "", "namespace concur::s1ap::ids {", ""]
    for name, (gov, value) in sorted(t.constants.items(), key=lambda kv: (kv[1][0], kv[1][1], kv[0])):
        ctype = CPP_INT_TYPES.get(gov)
        if ctype is None:
            raise NormaliseError(f"constant {name} of type {gov} has no C++ type")
        hdr.append(f"inline constexpr {ctype} {c_name(name)} = {value};  // {gov}")
    hdr += ["", "}  // namespace concur::s1ap::ids", ""]
    with open(os.path.join(out_dir, "s1ap_ids.h"), "w", encoding="utf-8") as f:
        f.write("\n".join(hdr))

    txt = ["# S1AP IE tables extracted by asn1/normalise.py (TS 36.413 V17.1.0)", ""]
    for u, rows, ext in containers:
        txt.append(f"{u.owner} [{u.kind}] set {u.ie_set}{' (extensible)' if ext else ''}")
        for r in rows:
            extra = f" / {r.second_criticality} {r.second_type}" if r.second_type else ""
            txt.append(f"    {r.id_value:4d} {r.id_name:55s} {r.criticality:7s} {r.presence:12s} {r.type_name}{extra}")
    txt.append("")
    txt.append("# elementary procedures")
    for p in procs:
        txt.append(f"{p.code:4d} {p.name:40s} class {p.procedure_class} {p.criticality:7s} "
                   f"{p.initiating} / {p.successful or '-'} / {p.unsuccessful or '-'}")
    with open(os.path.join(out_dir, "ie_tables.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(txt) + "\n")
    print(f"normalise: {len(containers)} containers, {sum(len(r) for _, r, _ in containers)} IE rows, "
          f"{len(procs)} procedures, {len(t.constants)} constants")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--modules", required=True, help="folder with the verified S1AP-*.asn modules")
    ap.add_argument("--out", required=True, help="output folder")
    args = ap.parse_args()
    try:
        modules = [parse_module(os.path.join(args.modules, f)) for f in MODULE_FILES]
        n = Normaliser(modules)
        kept = n.run()
        os.makedirs(args.out, exist_ok=True)
        write_modules(n, kept, os.path.join(args.out, "normalised"))
        write_tables(n, kept, args.out)
    except (NormaliseError, OSError) as e:
        print(f"normalise: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
