// Runs once when the server starts: opens the database and applies pending migrations,
// so that a wrong environment stops the app at once with one line saying what to fix.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return; // the build never opens the database
  if (!process.env.NEXTAUTH_SECRET && process.env.NODE_ENV === "production") {
    console.error("Cannot start: set NEXTAUTH_SECRET to a long random string (e.g. openssl rand -base64 32)");
    process.exit(1);
  }
  const { startDatabase } = await import("./lib/server/db/start.ts");
  await startDatabase();
}
