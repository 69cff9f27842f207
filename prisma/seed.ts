// npm run db:seed [-- --force] [-- --if-empty]
// Fills an empty database with a small, realistic community and the demo accounts.
// npm run db:seed -- --scale N
// Fills an EMPTY database with a large community for load measurements (prisma/scale-community.ts).
import { CliError, parseArgs, runCli } from "../scripts/cli.ts";
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemoCommunity } from "./demo-community.ts";
import { seedScaleCommunity } from "./scale-community.ts";

await runCli(async () => {
  const { flags } = parseArgs(process.argv.slice(2));
  const scale = flags.get("scale");
  if (scale !== undefined) {
    const n = typeof scale === "string" ? Number(scale) : NaN;
    if (!Number.isInteger(n) || n < 10) throw new CliError("Usage: npm run db:seed -- --scale N (a whole number of cases, at least 10)");
    if (!(await isDatabaseEmpty())) throw new CliError("The database is not empty: the scale seed fills an empty database only.");
    const s = await seedScaleCommunity({ scale: n });
    console.log(
      `Scale data added in ${s.seconds.toFixed(1)} s: ${s.users} users, ${s.members} members (${s.identities} identities), ${s.cases} cases, ` +
        `${s.statusChanges} status changes, ${s.notes} notes, ${s.decisions} decisions (${s.activeNoContact} active no-contact periods, ` +
        `${s.reversals} reversals), ${s.auditEvents} audit events.`,
    );
    console.log(`Demo accounts (password: ${DEMO_PASSWORD}): admin@example.org, moderator@example.org, viewer@example.org`);
    return;
  }
  let accountSuffix: string | undefined;
  if (!(await isDatabaseEmpty())) {
    if (flags.has("if-empty")) {
      console.log("The database already has data: demo data not added.");
      return;
    }
    if (!flags.has("force")) {
      throw new CliError(
        "The database is not empty: refusing to add demo data. Run with --force to add it anyway (npm run db:seed -- --force).",
      );
    }
    accountSuffix = Date.now().toString(36);
  }
  const summary = await seedDemoCommunity({ accountSuffix });
  console.log(`Demo data added: ${summary.members} members, ${summary.cases} cases, ${summary.decisions} decisions.`);
  console.log(`Demo accounts (password: ${DEMO_PASSWORD}):`);
  for (const account of summary.accounts) console.log(`  ${account.role.padEnd(9)} ${account.email}`);
});
