// The same documents tests/schemas/validate_outputs.py checked, validated again by ajv
// (draft 2020-12, strict mode): a second, independent implementation of JSON Schema,
// the one a JavaScript front-end would use.
//
//   node ajv_validate.mjs NODE_MODULES SCHEMA_DIR MANIFEST
//
// Exit 0 when every document validates, 1 when one does not, 4 (ctest: skipped) when
// the manifest is missing (validate_outputs.py did not run).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [nodeModules, schemaDir, manifestPath] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(nodeModules), "noop.js"));
const Ajv2020 = require("ajv/dist/2020").default;

if (!fs.existsSync(manifestPath)) {
  console.log(`ajv_validate: ${manifestPath} missing (validate_outputs.py runs first): skipped`);
  process.exit(4);
}
// Strict, except strictRequired: a oneOf branch may only require one of the properties
// declared beside it (export-nodelink: links or edges).
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
for (const name of fs.readdirSync(schemaDir).filter((n) => n.endsWith(".schema.json")).sort()) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(schemaDir, name), "utf8")), name);
}
const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
let failures = 0;
for (const entry of manifest) {
  const validate = ajv.getSchema(entry.schema);
  const doc = JSON.parse(fs.readFileSync(entry.file, "utf8"));
  if (!validate(doc)) {
    failures += 1;
    for (const e of validate.errors.slice(0, 5))
      console.log(`${entry.label}: ${e.instancePath || "(top)"} ${e.message} (schemas/${entry.schema} ${e.schemaPath})`);
  }
}
console.log(`ajv_validate: ${manifest.length} documents, ${failures} invalid`);
process.exit(failures ? 1 : 0);
