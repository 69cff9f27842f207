// npm run keys:rotate [-- --abandon-unreadable]
//
// Encrypts every reporter again under a new data key (and recomputes their blind indexes), audited.
// Embedded database: the new key is made here and written first into the key file, before the old
// one; once every reporter is under it, the old key leaves the file. Interrupted, run it again: it
// finishes the rotation it started (the file still holds both keys). With DATA_ENCRYPTION_KEY, set
// it to "NEW,OLD" (NEW from openssl rand -base64 32) on every instance, run this, then set it to NEW.
// --abandon-unreadable: reporters that no configured key opens (a lost key) are recorded as lost
// for good, so that the app starts without that key; they stay unreadable.
import { dataKeyFromBytes, DATA_KEY_ENV, generateDataKeyText, readDataKeyFile, writeDataKeyFile } from "../lib/server/crypto/data-keys.ts";
import { rotateReporterKey } from "../lib/server/crypto/rotate-data-key.ts";
import { readDatabaseConfig } from "../lib/server/db/config.ts";
import { openDatabase, type OpenDatabase } from "../lib/server/db/open.ts";
import { CliError, parseArgs, runCli } from "./cli.ts";

const { flags } = parseArgs(process.argv.slice(2));
const abandonUnreadable = flags.has("abandon-unreadable");

await runCli(async () => {
  for (const flag of flags.keys())
    if (flag !== "abandon-unreadable") throw new CliError(`Unknown option --${flag}: the only one is --abandon-unreadable`);
  const config = readDatabaseConfig();
  const fromEnv = !!process.env[DATA_KEY_ENV]?.trim();
  if (config.kind === "pglite" && config.dataDir.startsWith("memory://")) {
    throw new CliError("An in-memory database has nothing to rotate: its key lives as long as the process");
  }
  let db: OpenDatabase | undefined;
  try {
    db = await openDatabase(config, { allowMissingKeys: true, log: (line) => console.log(line), warn: (line) => console.warn(line) });
    let keys = db.dataKeys!;
    if (!fromEnv) {
      // The key file: a rotation interrupted before its end left both keys in it, the new one first.
      if (keys.byId.size > 1) console.log(`Resuming the rotation to key ${keys.current.id} (the key file still holds the older keys)`);
      else {
        const next = dataKeyFromBytes(Buffer.from(generateDataKeyText(), "base64"));
        writeDataKeyFile(keys.file!, [next, ...keys.byId.values()]);
        keys = readDataKeyFile(keys.file!)!;
        console.log(`New data key ${keys.current.id} written first into ${keys.file}`);
      }
    } else if (keys.byId.size === 1) {
      const use = await db.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "Case" WHERE "reporterEncrypted" IS NOT NULL AND split_part("reporterEncrypted", '.', 2) <> ${keys.current.id}`;
      if ((use[0]?.n ?? 0) === 0 && !abandonUnreadable) {
        throw new CliError(
          `Every reporter is already under key ${keys.current.id}, the only one in ${DATA_KEY_ENV}. To rotate, set ${DATA_KEY_ENV}="NEW,OLD" (NEW from openssl rand -base64 32, OLD the current one) and run this again`,
        );
      }
    }

    const result = await rotateReporterKey(db, keys, { abandonUnreadable });
    console.log(
      `Reporters of ${result.reencrypted} case${result.reencrypted === 1 ? "" : "s"} encrypted again under key ${result.keyId}, blind indexes recomputed`,
    );
    const unreadable = [...result.unreadable].map(([id, n]) => `${n} under key ${id}`).join(", ");
    if (result.unreadable.size > 0 && !result.abandoned) {
      throw new CliError(
        `Some reporters cannot be read (${unreadable}): the older keys stay configured. Restore the missing key and run this again, or, if it is lost for good, run it with --abandon-unreadable`,
      );
    }
    if (result.abandoned) console.log(`Recorded as lost for good (they stay unreadable): ${unreadable}`);
    if (!fromEnv) {
      writeDataKeyFile(keys.file!, [keys.current]);
      console.log(`The key file ${keys.file} now holds key ${result.keyId} alone: back it up now (README, Backups and keys)`);
    } else if (keys.byId.size > 1) {
      console.log(`Done: set ${DATA_KEY_ENV} to the new key alone on every instance (the older ones open nothing here any more)`);
    }
  } finally {
    await db?.close();
  }
});
