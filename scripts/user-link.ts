// npm run user:link -- --email sam@example.org --member github:sokafor
// npm run user:link -- --email sam@example.org --unlink
// Links a team account to its member record (found by any handle; created when nobody holds it),
// so the conflict-of-interest rules apply to it; --unlink removes the link. Audited.
import { parseSpaceHandle } from "../lib/schemas/user.ts";
import { getDb } from "../lib/server/db.ts";
import { linkUserMember } from "../lib/server/users/link-user-member.ts";
import { CliError, parseArgs, runCli } from "./cli.ts";

const USAGE = "Usage: npm run user:link -- --email EMAIL --member SPACE:HANDLE   (or --unlink)";

await runCli(async () => {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const email = flags.get("email");
  const member = flags.get("member");
  const unlink = flags.get("unlink") === true;
  const unknown = [...flags.keys()].filter((k) => !["email", "member", "unlink"].includes(k));
  if (typeof email !== "string" || unknown.length || positional.length || unlink === (member !== undefined) || member === true) {
    throw new CliError(unknown.length ? `Unknown option --${unknown[0]}. ${USAGE}` : USAGE);
  }
  const ref = typeof member === "string" ? parseSpaceHandle(member) : null;
  if (typeof member === "string" && !ref) throw new CliError(`--member takes SPACE:HANDLE, e.g. github:sokafor (got "${member}")`);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!user) throw new CliError(`No team account has the email ${email}`);
  const result = await linkUserMember({
    actor: { system: true, label: "user:link (command line)" },
    input: { userId: user.id, member: ref, create: true },
  });
  if (result.change === "unchanged")
    console.log(
      result.member ? `${result.userName} was already linked to ${result.member.displayName}` : `${result.userName} was not linked`,
    );
  else if (result.change === "unlinked")
    console.log(`Unlinked ${result.userName}: conflict-of-interest rules no longer apply to this account`);
  else {
    console.log(`Linked ${result.userName} to ${result.created ? "a new member record, " : ""}${result.member!.displayName}`);
    if (result.unassigned.length) console.log(`Unassigned (a party to them now): ${result.unassigned.join(", ")}`);
  }
});
