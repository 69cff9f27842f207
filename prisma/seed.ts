// npm run db:seed [-- --force] [-- --if-empty]
// Fills an empty database with a small, realistic community and the demo accounts.
import { CliError, parseArgs, runCli } from "../scripts/cli.ts";
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemoCommunity } from "./demo-community.ts";

await runCli(async () => {
  const { flags } = parseArgs(process.argv.slice(2));
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
