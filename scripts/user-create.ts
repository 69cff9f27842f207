// npm run user:create -- --email admin@example.org --name "Ada Admin" --role ADMIN
// The password is read from $USER_PASSWORD or standard input (never echoed, never an argument).
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseSpaceHandle } from "../lib/schemas/user.ts";
import { createUser } from "../lib/server/users/create-user.ts";
import { CliError, parseArgs, runCli } from "./cli.ts";

async function readPassword(): Promise<string> {
  if (process.env.USER_PASSWORD) return process.env.USER_PASSWORD;
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\r?\n$/, "");
  }
  // Interactive: prompt, and swallow the typed characters so they are not shown.
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      muted = false;
      process.stdout.write(q);
      muted = true;
      rl.question("", (answer) => {
        process.stdout.write("\n");
        resolve(answer);
      });
    });
  const first = await ask("Password: ");
  const second = await ask("Repeat password: ");
  rl.close();
  if (first !== second) throw new CliError("The passwords do not match");
  return first;
}

await runCli(async () => {
  const { flags } = parseArgs(process.argv.slice(2));
  const email = flags.get("email");
  const name = flags.get("name");
  const role = flags.get("role") ?? "moderator";
  const memberFlag = flags.get("member");
  if (typeof email !== "string" || typeof name !== "string" || typeof role !== "string" || memberFlag === true) {
    console.error('Usage: npm run user:create -- --email EMAIL --name "NAME" --role ADMIN|MODERATOR|VIEWER [--member SPACE:HANDLE]');
    console.error("The password is read from USER_PASSWORD or standard input.");
    process.exitCode = 2;
    return;
  }
  const member = typeof memberFlag === "string" ? parseSpaceHandle(memberFlag) : undefined;
  if (member === null) throw new CliError(`--member takes SPACE:HANDLE, e.g. github:sokafor (got "${memberFlag}")`);
  const password = await readPassword();
  const user = await createUser({
    actor: { system: true, label: "user:create (command line)" },
    input: { email, name, role, password, ...(member ? { member } : {}) },
  });
  console.log(`Created ${user.role} ${user.name} <${user.email}>`);
  if (user.member) console.log(`Linked to ${user.memberCreated ? "a new member record, " : ""}${user.member.displayName}`);
});
