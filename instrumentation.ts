// Runs once when the server starts: opens the database and applies pending migrations,
// so that a wrong environment stops the app at once with one line saying what to fix.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return; // the build never opens the database
  // Every request carries its TCP peer address for the sign-in throttle (lib/server/client-address.ts).
  const { installClientAddressHook } = await import("./lib/server/client-address-hook.ts");
  installClientAddressHook();
  const { startDatabase } = await import("./lib/server/db/start.ts");
  await startDatabase();
}
