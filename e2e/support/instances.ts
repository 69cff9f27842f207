import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { freePort, killGroup } from "./processes.ts";

/*
 * Several app instances for e2e/instances.spec.ts: `next start` processes of the one existing
 * build, and a small reverse proxy in front of them that the test switches from one instance to
 * the other, as a load balancer would send a user's requests to either.
 */
const root = path.resolve(import.meta.dirname, "..", "..");

/** Runs a command of the project to its end; rejects with its output when it fails. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const deadline = setTimeout(() => killGroup(child), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(deadline);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

export type Instance = { name: string; port: number; output: () => string; stop: () => void };

/** Starts `next start` on the existing build and waits until it answers the sign-in page. */
export async function startInstance(name: string, env: NodeJS.ProcessEnv): Promise<Instance> {
  const port = await freePort();
  const child = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    env,
    detached: true, // its own process group, so that stopping it reaches next-server too
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const instance = { name, port, output: () => output, stop: () => killGroup(child) };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/sign-in`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return instance;
    if (Date.now() > deadline) {
      instance.stop();
      throw new Error(`instance ${name} did not answer within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export type Served = { instance: string; method: string; path: string; action: boolean };

export type SwitchingProxy = {
  url: string;
  /** Sends every request from now on to this instance. */
  use: (name: string) => void;
  /** What each instance served, in order (`action`: a server action call). */
  served: Served[];
  close: () => Promise<void>;
};

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"]);

function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => !HOP_BY_HOP.has(key.toLowerCase())));
}

/** One public address for several instances; the Host header and cookies are the browser's own, as behind a load balancer. */
export async function startSwitchingProxy(port: number, instances: Instance[]): Promise<SwitchingProxy> {
  const byName = new Map(instances.map((i) => [i.name, i]));
  let current = instances[0]!;
  const served: Served[] = [];
  const server = http.createServer((req, res) => {
    const target = current;
    served.push({ instance: target.name, method: req.method ?? "GET", path: req.url ?? "/", action: Boolean(req.headers["next-action"]) });
    const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...withoutHopByHop(req.headers), "x-forwarded-for": forwardedFor },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...withoutHopByHop(answer.headers), "x-served-by": target.name });
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`proxy: ${target.name} failed: ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    use: (name) => {
      const next = byName.get(name);
      if (!next) throw new Error(`no instance ${name}`);
      current = next;
    },
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
