// Writes graphql-js's standard introspection query, as GraphiQL, codegen,
// Apollo and Postman send it, in each variant the API tests replay:
// `node introspection-queries.mjs ../fixtures/introspection`.
import { getIntrospectionQuery, version } from 'graphql';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '../fixtures/introspection';
mkdirSync(dir, { recursive: true });
const variants = {
  default: {},
  'input-value-deprecation': { inputValueDeprecation: true },
  'specified-by-url': { specifiedByUrl: true },
  'directive-is-repeatable': { directiveIsRepeatable: true },
  all: {
    descriptions: true,
    inputValueDeprecation: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
  },
};
for (const [name, options] of Object.entries(variants)) {
  const text = `# graphql-js ${version}: getIntrospectionQuery(${JSON.stringify(options)})\n${getIntrospectionQuery(options)}`;
  writeFileSync(join(dir, `${name}.graphql`), text);
}
console.log(`wrote ${Object.keys(variants).length} queries to ${dir}`);
