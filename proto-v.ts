import pg from "pg";
const client = new pg.Client("postgresql://postgres@127.0.0.1:55440/bench"); await client.connect();
const cols = `json_build_array(seq::text, to_char("occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), "actorType", "actorUserId", "actorTokenId", "actorLabel", action, "entityType", "entityId", before, after, metadata, "prevHash", hash)`;
for (const parse of [false, true]) {
  const SQL = `SELECT seq, ${cols}::text AS f FROM "AuditEvent" WHERE seq > $1::bigint ORDER BY seq LIMIT 5000`;
  let after = "0"; const t0 = performance.now(); let q = 0, p = 0;
  for (;;) { const a = performance.now(); const r = await client.query({ text: SQL, values: [after], rowMode: "array" }); q += performance.now() - a; if (!r.rows.length) break; const b = performance.now(); if (parse) for (const row of r.rows) JSON.parse(row[1]); p += performance.now() - b; after = r.rows.at(-1)[0]; }
  console.log("raw pg rows", parse, Math.round(performance.now() - t0), Math.round(q), Math.round(p));
}
await client.end();
