import { DatabaseSetupError } from "./config.ts";
import { MigrationError } from "./migrate.ts";

/** Opens the app's database at server start; on a setup fault prints one line and exits. */
export async function startDatabase() {
  if (!process.env.NEXTAUTH_SECRET && process.env.NODE_ENV === "production") {
    console.error("Cannot start: set NEXTAUTH_SECRET to a long random string (e.g. openssl rand -base64 32)");
    process.exit(1);
  }
  try {
    const { readSessionLimits } = await import("../sessions/session-config.ts");
    readSessionLimits();
  } catch (error) {
    console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const { openAppDatabase } = await import("../db.ts");
  try {
    const db = await openAppDatabase();
    console.log(`[db] ready: ${db.kind === "pglite" ? `embedded PGlite at ${db.location}` : `PostgreSQL at ${db.location}`}`);
  } catch (error) {
    if (error instanceof DatabaseSetupError || error instanceof MigrationError) {
      console.error(`Cannot start: ${error.message}`);
    } else {
      console.error(`Cannot start: the database failed to open: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
    process.exit(1);
  }
}
