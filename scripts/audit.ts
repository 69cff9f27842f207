// npm run audit:verify [-- --expect <seq>:<hash>]  walks the whole audit chain
// npm run audit:head                                prints the chain head, to keep for a later --expect
import { formatHead, parseHead, readHead, verifyChain } from "../lib/server/audit/verify-chain.ts";
import { getDb } from "../lib/server/db.ts";
import { CliError, parseArgs, runCli } from "./cli.ts";

await runCli(async () => {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const db = await getDb();
  if (positional[0] === "head") {
    console.log(formatHead(await readHead(db)));
    return;
  }
  if (positional[0] !== "verify") throw new CliError("Usage: tsx scripts/audit.ts verify [--expect SEQ:HASH] | head");
  const expectFlag = flags.get("expect");
  let expected;
  try {
    expected = typeof expectFlag === "string" ? parseHead(expectFlag) : undefined;
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const report = await verifyChain(db, { expect: expected });
  if (report.ok) {
    console.log(`OK: ${report.count} events, head ${formatHead(report.head)}`);
    return;
  }
  console.error(`BROKEN${report.brokenAt !== null ? ` at event ${report.brokenAt}` : ""}: ${report.problem}`);
  console.error(`Verified before the break: ${report.count} events, up to ${formatHead(report.head)}`);
  process.exitCode = 1;
});
