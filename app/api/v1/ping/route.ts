import { handleApi } from "@/lib/server/api/handle-api.ts";

export const dynamic = "force-dynamic";

/** The trivial authenticated route: token check and rate limit only. `npm run bench` uses it as the framework's floor. */
export async function GET(request: Request) {
  return handleApi(request, { scope: "read" }, async () => ({ status: 200, body: { ok: true } }));
}
