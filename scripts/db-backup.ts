// npm run db:backup -- FILE              writes a backup of the database (embedded: its data directory; PostgreSQL: pg_dump)
// npm run db:restore -- FILE [--force]   restores one, then verifies the audit chain
// Keys are never in a backup: back up the keys directory on its own (README, "Backups").
import { verifyAudit } from "../lib/server/audit/verify-audit.ts";
import { formatHead } from "../lib/server/audit/verify-chain.ts";
import { BackupError, backupDatabase, restoreDatabase } from "../lib/server/db/backup.ts";
import { readDatabaseConfig } from "../lib/server/db/config.ts";
import { keysDirFor } from "../lib/server/keys/key-files.ts";
import { getDb } from "../lib/server/db.ts";
import { CliError, parseArgs, runCli } from "./cli.ts";

await runCli(async () => {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const [command, file, ...rest] = positional;
  const unknown = [...flags.keys()].filter((k) => !(command === "restore" && k === "force"));
  if ((command !== "backup" && command !== "restore") || !file || rest.length || unknown.length) {
    throw new CliError("Usage: npm run db:backup -- FILE | npm run db:restore -- FILE [--force]");
  }
  const config = readDatabaseConfig();
  const keys = keysDirFor(config);
  try {
    if (command === "backup") {
      const { bytes } = await backupDatabase(config, file);
      console.log(`Backed up ${config.kind === "pglite" ? config.dataDir : config.display} to ${file} (${bytes} bytes)`);
      console.log(
        `Keys are not in it: back up ${process.env.AUDIT_SIGNING_KEY || process.env.DATA_ENCRYPTION_KEY ? "the keys you set in the environment and " : ""}${keys ?? "the keys directory"} separately`,
      );
      return;
    }
    const { movedAside } = await restoreDatabase(config, file, { force: flags.get("force") === true });
    if (movedAside) console.log(`The database that was there was moved to ${movedAside}`);
    console.log(`Restored ${file} into ${config.kind === "pglite" ? config.dataDir : config.display}`);
    // A backup holds no grants (the runtime role is the operator's, and may differ on the new server).
    if (config.kind === "postgres") console.log("Grant the app's role its rights again: npm run db:grant -- <role> (README, PostgreSQL)");
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  }
  // The restored trail, checked end to end (and its checkpoints, with the keys of this server).
  const report = await verifyAudit(await getDb(), { sign: false });
  if (report.ok)
    console.log(
      `Audit chain OK: ${report.count} events, head ${formatHead(report.head)}, ${report.checkpoints} signed checkpoint${report.checkpoints === 1 ? " holds" : "s hold"}`,
    );
  else {
    console.error(`Audit chain BROKEN${report.brokenAt !== null ? ` at event ${report.brokenAt}` : ""}: ${report.problem}`);
    process.exitCode = 1;
  }
});
