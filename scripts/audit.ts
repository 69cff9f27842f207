// npm run audit:verify [-- --expect <seq>:<hash>] [--checkpoints FILE]   walks the whole audit chain and its signed checkpoints
// npm run audit:head                                                     prints the chain head, the public key and the last checkpoint
// npm run audit:checkpoints [-- > FILE]                                  every signed checkpoint as JSON Lines, to keep elsewhere
import fs from "node:fs";
import { checkpointFromJson, checkpointToJson, type Checkpoint } from "../lib/server/audit/checkpoints.ts";
import { auditSigner } from "../lib/server/audit/signing-key.ts";
import { verifyAudit } from "../lib/server/audit/verify-audit.ts";
import { formatHead, parseHead, readHead } from "../lib/server/audit/verify-chain.ts";
import { getDb } from "../lib/server/db.ts";
import { CliError, parseArgs, runCli } from "./cli.ts";

const USAGE = "Usage: tsx scripts/audit.ts verify [--expect SEQ:HASH] [--checkpoints FILE] | head | checkpoints";

function readCheckpointsFile(file: string): Checkpoint[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  return lines.flatMap((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CliError(`${file}, line ${i + 1}: not JSON`);
    }
    if ((value as { kind?: unknown }).kind === "conduct-desk-audit-checkpoints") return []; // the header line
    try {
      return [checkpointFromJson(value)];
    } catch (error) {
      throw new CliError(`${file}, line ${i + 1}: ${(error as Error).message}`);
    }
  });
}

await runCli(async () => {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const db = await getDb();
  const signer = auditSigner();
  if (positional[0] === "head") {
    const last = await db.auditCheckpoint.findFirst({ orderBy: { signedAt: "desc" } });
    console.log(formatHead(await readHead(db)));
    console.log(`public key ${signer.publicKeyBase64} (key ${signer.keyId})`);
    console.log(last ? `last checkpoint: event ${last.seq}, signed ${last.signedAt.toISOString()} (${last.reason})` : "no checkpoint yet");
    return;
  }
  if (positional[0] === "checkpoints") {
    const rows = await db.auditCheckpoint.findMany({ orderBy: [{ seq: "asc" }, { signedAt: "asc" }] });
    console.log(JSON.stringify({ kind: "conduct-desk-audit-checkpoints", publicKey: signer.publicKeyBase64, keyId: signer.keyId }));
    for (const row of rows) console.log(JSON.stringify(checkpointToJson(row)));
    return;
  }
  if (positional[0] !== "verify") throw new CliError(USAGE);
  const expectFlag = flags.get("expect");
  const fileFlag = flags.get("checkpoints");
  if (expectFlag === true || fileFlag === true) throw new CliError(USAGE);
  let expected;
  try {
    expected = typeof expectFlag === "string" ? parseHead(expectFlag) : undefined;
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const external = typeof fileFlag === "string" ? readCheckpointsFile(fileFlag) : undefined;
  const report = await verifyAudit(db, { expect: expected, external });
  if (report.ok) {
    console.log(
      `OK: ${report.count} events, head ${formatHead(report.head)}, ${report.checkpoints} signed checkpoint${report.checkpoints === 1 ? " holds" : "s hold"}`,
    );
    return;
  }
  console.error(`BROKEN${report.brokenAt !== null ? ` at event ${report.brokenAt}` : ""}: ${report.problem}`);
  console.error(`Verified before the break: ${report.count} events, up to ${formatHead(report.head)}`);
  process.exitCode = 1;
});
