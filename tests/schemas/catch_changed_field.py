#!/usr/bin/env python3
"""The schema check catches an output that gains or loses a field (the mutants).

A toy command's schema beside the real envelope and common schemas, and documents
worked out by hand:
  - the document as the schema says: no problem, every field seen;
  - the document with a field the schema lacks (an output gained one): an error naming
    the field and schemas/toy.schema.json;
  - the document without a required field (an output lost one): an error naming it;
  - the schema with an optional field no document has (an output stopped writing it):
    the coverage report names the field and its place in schemas/toy.schema.json.

    catch_changed_field.py VALIDATE_OUTPUTS_PY SCHEMA_DIR TMPDIR
"""
import copy
import importlib.util
import json
import os
import shutil
import sys


def main():
    script, schema_dir, tmp = sys.argv[1:4]
    spec = importlib.util.spec_from_file_location("validate_outputs", script)
    vo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vo)
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    for name in ["envelope.schema.json", "common.schema.json"]:
        shutil.copy(os.path.join(schema_dir, name), tmp)
    toy = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://refnet.invalid/schemas/2/toy.schema.json",
        "title": "toy", "type": "object", "additionalProperties": False,
        "required": ["schema_version", "result"],
        "properties": {
            "schema_version": {"$ref": "envelope.schema.json#/$defs/schema_version"},
            "result": {"type": "object", "additionalProperties": False, "required": ["users"],
                       "properties": {"users": {"$ref": "common.schema.json#/$defs/count"},
                                      "note": {"type": "string"}}}}}
    with open(os.path.join(tmp, "toy.schema.json"), "w") as f:
        json.dump(toy, f)
    good = {"schema_version": 2, "result": {"users": 3, "note": "x"}}
    failures = []

    def expect(cond, what):
        if not cond:
            failures.append(what)

    c = vo.Checker(tmp)
    expect(c.validate(good, "toy.schema.json") == [], f"the good document has problems: {c.validate(good, 'toy.schema.json')}")
    unseen = [u for u in c.unseen() if u[0] == "toy.schema.json"]
    expect(unseen == [], f"every toy field was present, yet unseen: {unseen}")

    gained = copy.deepcopy(good)
    gained["result"]["new_field"] = 1
    p = c.validate(gained, "toy.schema.json")
    expect(len(p) == 1 and "new_field" in p[0] and p[0].startswith(".result:") and "schemas/toy.schema.json" in p[0],
           f"a gained field: {p}")

    lost = copy.deepcopy(good)
    del lost["result"]["users"]
    p = c.validate(lost, "toy.schema.json")
    expect(len(p) == 1 and "'users' is a required property" in p[0] and "schemas/toy.schema.json" in p[0],
           f"a lost required field: {p}")

    c2 = vo.Checker(tmp)
    c2.validate({"schema_version": 2, "result": {"users": 3}}, "toy.schema.json")
    unseen = [u for u in c2.unseen() if u[0] == "toy.schema.json"]
    expect(unseen == [("toy.schema.json", "/properties/result/properties/note", "note")],
           f"an optional field no output has: {unseen}")

    for f in failures:
        print(f)
    print(f"catch_changed_field: {len(failures)} failures", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
