// npm run db:grant -- <role>   (run with the owner's URL: DATABASE_MIGRATION_URL, else DATABASE_URL)
// Applies pending migrations as the owner, then creates or updates the grants of the app's own
// PostgreSQL role: one that owns nothing, so it can neither switch off the audit trail's triggers
// nor rewrite decisions (lib/server/db/privilege.ts says what it may do, table by table).
import pg from "pg";
import { DatabaseSetupError, readDatabaseConfig } from "../lib/server/db/config.ts";
import { openDatabase } from "../lib/server/db/open.ts";
import { grantRuntimeRole } from "../lib/server/db/privilege.ts";
import { CliError, parseArgs, runCli } from "./cli.ts";

const USAGE = "Usage: npm run db:grant -- <role>   (with DATABASE_MIGRATION_URL, or DATABASE_URL, naming the owner of the tables)";

await runCli(async () => {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  if (flags.size > 0 || positional.length !== 1) throw new CliError(USAGE);
  const config = readDatabaseConfig();
  if (config.kind !== "postgres") {
    throw new DatabaseSetupError(
      "db:grant is for PostgreSQL: the embedded database has one role. Set DATABASE_MIGRATION_URL (or DATABASE_URL) to the owner's URL",
    );
  }
  const owner = config.migration ?? { url: config.url, display: config.display };
  const migrated = await openDatabase({ kind: "postgres", url: owner.url, display: owner.display }, { log: (line) => console.log(line) });
  await migrated.close();

  const client = new pg.Client({ connectionString: owner.url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const lines = await grantRuntimeRole(
      {
        query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params as unknown[])).rows as T[],
        exec: async (sql) => {
          await client.query(sql);
        },
      },
      positional[0]!,
    );
    console.log(`Granted to "${positional[0]}" at ${owner.display}:`);
    for (const line of lines) console.log(`  ${line}`);
    console.log(
      `Run the app with DATABASE_URL as "${positional[0]}" and DATABASE_MIGRATION_URL as the owner; run db:grant again after each upgrade.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
});
