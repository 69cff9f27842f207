// npm run demo — builds the app, adds the demo data to an empty embedded database, and
// starts it on http://localhost:$PORT (3000 by default).
import { spawnSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const port = process.env.PORT || "3000";
const env = { ...process.env, PORT: port, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
// No NEXTAUTH_URL by default: links and redirects follow the host each visitor came to
// (http://localhost, a LAN name, an IP), so sign-out never sends anyone to localhost.

// A demo keeps its session secret beside its data, so sign-ins survive a restart.
if (!env.NEXTAUTH_SECRET) {
  const file = path.resolve("data", "demo-nextauth-secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("npx", ["next", "build"]);
run("npm", ["run", "--silent", "db:seed", "--", "--if-empty"]);
console.log(`\nConduct Desk: http://localhost:${port}  (admin@example.org / demo-password)\n`);
const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
