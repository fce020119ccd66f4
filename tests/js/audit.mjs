// The graphql-http audit suite (GraphQL over HTTP conformance) against a
// running server: `node audit.mjs http://127.0.0.1:PORT/graphql`.
// Prints every result that is not "ok" (an error fails a MUST, a warning a
// SHOULD, a notice a MAY) and exits 1 when any is not ok.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint URL>');
  process.exit(2);
}
const results = await auditServer({ url });
let bad = 0;
for (const r of results) {
  if (r.status === 'ok') continue;
  bad += 1;
  let body = '';
  try {
    body = r.response ? ` -> ${r.response.status} ${await r.response.text()}` : '';
  } catch {
    // the body was already read by the audit
  }
  console.log(`${r.status.toUpperCase()}: ${r.name}: ${r.reason}${body}`);
}
const count = (s) => results.filter((r) => r.status === s).length;
console.log(`${results.length} audits: ${count('ok')} ok, ${count('error')} errors, ${count('warn')} warnings, ${count('notice')} notices`);
process.exit(bad === 0 ? 0 : 1);
