// Shared plumbing for the command-line tools: open the configured database, report
// faults in one line, and always close PGlite so the process can exit.
import { readDatabaseConfig, DatabaseSetupError } from "../lib/server/db/config.ts";
import { MigrationError } from "../lib/server/db/migrate.ts";
import { openAppDatabase } from "../lib/server/db.ts";
import { isAppError } from "../lib/server/errors.ts";

/** A usage or state error the user can fix; printed without a stack. */
export class CliError extends Error {}

export async function runCli(main: () => Promise<void>): Promise<never> {
  let code = 0;
  try {
    readDatabaseConfig(); // validate the environment before anything else
    await main();
  } catch (error) {
    code = 1;
    if (error instanceof DatabaseSetupError || error instanceof MigrationError || isAppError(error) || error instanceof CliError) {
      console.error(`Error: ${error.message}`);
    } else {
      console.error(error); // unexpected: the stack helps whoever reports it
    }
  } finally {
    const open = (globalThis as { conductDb?: Promise<{ close: () => Promise<void> }> }).conductDb;
    if (open) await open.then((db) => db.close()).catch(() => {});
  }
  process.exit(code || Number(process.exitCode ?? 0));
}

export { openAppDatabase };

/** Parses `--name value` and `--flag` options. */
export function parseArgs(argv: string[]): { flags: Map<string, string | true>; positional: string[] } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith("--")) {
      const [key, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
      const next = argv[i + 1];
      if (inline !== undefined) flags.set(key, inline);
      else if (next !== undefined && !next.startsWith("--")) {
        flags.set(key, next);
        i++;
      } else flags.set(key, true);
    } else positional.push(arg);
  }
  return { flags, positional };
}
