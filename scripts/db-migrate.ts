// npm run db:migrate — applies pending migrations to the configured database.
// npm run db:status  — lists applied, pending, failed and edited migrations.
import { readDatabaseConfig } from "../lib/server/db/config.ts";
import { migrationStatus } from "../lib/server/db/migrate.ts";
import { openDatabase } from "../lib/server/db/open.ts";
import { runCli } from "./cli.ts";

const statusOnly = process.argv.includes("--status");

await runCli(async () => {
  const config = readDatabaseConfig();
  const where = config.kind === "pglite" ? `embedded PGlite at ${config.dataDir}` : `PostgreSQL at ${config.display}`;
  if (!statusOnly) {
    const db = await openDatabase(config, { log: (line) => console.log(line) });
    await db.close();
    console.log(`Database up to date (${where})`);
    return;
  }
  const db = await openDatabase(config, { migrate: false });
  try {
    const rawClient = db.prisma;
    const status = await migrationStatus({
      query: (sql, params) => rawClient.$queryRawUnsafe(sql, ...(params ?? [])),
      exec: async (sql) => {
        await rawClient.$executeRawUnsafe(sql);
      },
    });
    console.log(`Migrations in ${where}:`);
    for (const name of status.applied)
      console.log(`  applied  ${name}${status.edited.includes(name) ? "  (EDITED after it was applied)" : ""}`);
    for (const failed of status.failed) console.log(`  FAILED   ${failed.name}: ${failed.logs ?? ""}`);
    for (const name of status.pending) console.log(`  pending  ${name}`);
    for (const name of status.missingLocally) console.log(`  applied but missing locally  ${name}`);
    if (status.failed.length || status.edited.length) process.exitCode = 1;
  } finally {
    await db.close();
  }
});
