// npm run token:create -- --email moderator@example.org --name "Slack bot" --scope write [--days 90]
// Prints the new token's secret once (audited as api_token.created by the command line).
import { createApiToken } from "../lib/server/tokens/create-api-token.ts";
import { parseArgs, runCli } from "./cli.ts";

await runCli(async () => {
  const { flags } = parseArgs(process.argv.slice(2));
  const email = flags.get("email");
  const name = flags.get("name");
  const scope = flags.get("scope") ?? "read";
  const days = flags.get("days");
  if (typeof email !== "string" || typeof name !== "string" || typeof scope !== "string" || days === true) {
    console.error('Usage: npm run token:create -- --email EMAIL --name "NAME" --scope read|write [--days N]');
    process.exitCode = 2;
    return;
  }
  const token = await createApiToken({
    actor: { system: true, label: "token:create (command line)" },
    ownerEmail: email,
    input: { name, scope: scope.toLowerCase(), days },
  });
  console.error(
    `Created ${token.scope} token "${token.name}" for ${email}${token.expiresAt ? `, expires ${token.expiresAt.toISOString()}` : ", no expiry"}. ` +
      "Store it now: it is not shown again.",
  );
  console.log(token.secret);
});
