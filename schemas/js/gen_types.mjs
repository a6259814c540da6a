// TypeScript definitions from refnet's JSON schemas (json-schema-to-typescript, pinned in
// package-lock.json): one refnet-<name>.d.ts per schema, each output's document type named
// after its title, e.g. RefnetRankOutput. Run at build time (CMake target refnet_typings).
//
//   node gen_types.mjs SCHEMA_DIR OUT_DIR
import fs from "node:fs";
import path from "node:path";
import { compile } from "json-schema-to-typescript";

const [schemaDir, outDir] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const schemas = {};
for (const name of fs.readdirSync(schemaDir).filter((n) => n.endsWith(".schema.json")).sort())
  schemas[name] = JSON.parse(fs.readFileSync(path.join(schemaDir, name), "utf8"));

// The refs are relative file names ("common.schema.json#/$defs/share"); resolve them from
// the loaded files so nothing is fetched (the $id host is not a real one).
const resolver = {
  order: 1,
  canRead: true,
  read(file) {
    const name = path.basename(file.url.split("#")[0]);
    if (!schemas[name]) throw new Error(`gen_types: unknown schema file ${file.url}`);
    return JSON.stringify(schemas[name]);
  },
};

const banner = "/* Generated from refnet's schemas/ by json-schema-to-typescript (schemas/js/gen_types.mjs). Do not edit. */";
let index = banner + "\n";
for (const [name, schema] of Object.entries(schemas)) {
  const base = name.replace(/\.schema\.json$/, "");
  const ts = await compile(schema, schema.title, {
    bannerComment: banner,
    cwd: schemaDir,
    additionalProperties: false,
    strictIndexSignatures: true,
    $refOptions: { resolve: { file: resolver, http: resolver, https: resolver } },
  });
  fs.writeFileSync(path.join(outDir, `refnet-${base}.d.ts`), ts);
  index += `export * as ${base.replace(/-([a-z])/g, (_, c) => c.toUpperCase())} from "./refnet-${base}";\n`;
}
fs.writeFileSync(path.join(outDir, "index.d.ts"), index);
console.log(`gen_types: ${Object.keys(schemas).length} schemas -> ${outDir}`);
