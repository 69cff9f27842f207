import { spawn } from "node:child_process";
const base = "http://127.0.0.1:3671";
const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", "3671", "-H", "127.0.0.1"], { env: { ...process.env, DATABASE_URL: "postgresql://postgres@127.0.0.1:55440/bench", NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789", NEXTAUTH_URL: base, NODE_ENV: "production" }, stdio: "ignore", detached: true });
try {
for (let i = 0; i < 300; i++) { try { if ((await fetch(`${base}/sign-in`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 100)); }
const jar = new Map<string, string>();
const keep = (res: Response) => { for (const c of res.headers.getSetCookie()) { const [p] = c.split(";"); const at = p!.indexOf("="); jar.set(p!.slice(0, at), p!.slice(at + 1)); } };
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
const r1 = await fetch(`${base}/api/auth/csrf`); keep(r1); const { csrfToken } = await r1.json() as any;
const r2 = await fetch(`${base}/api/auth/callback/credentials`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() }, body: new URLSearchParams({ csrfToken, email: "admin@example.org", password: "demo-password", callbackUrl: `${base}/cases`, json: "true" }) }); keep(r2);
for (const url of process.argv.slice(2)) {
  const s: number[] = []; let body = "";
  for (let i = 0; i < 120; i++) { const a = performance.now(); const res = await fetch(`${base}${url}`, { headers: { cookie: cookie() } }); body = await res.text(); if (i >= 20) s.push(performance.now() - a); }
  s.sort((a, b) => a - b); console.log(url, s[50]!.toFixed(1), "ms", body.length, "chars");
}
} finally { process.kill(-server.pid!, "SIGTERM"); }
