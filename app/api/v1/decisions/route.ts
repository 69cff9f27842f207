import { ZApiDecisionsQuery } from "@/lib/schemas/api.ts";
import { handleApi } from "@/lib/server/api/handle-api.ts";
import { listDecisions } from "@/lib/server/api/list-decisions.ts";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleApi(request, { scope: "read", query: ZApiDecisionsQuery }, async ({ actor, query }) => ({
    status: 200,
    body: await listDecisions(actor, query),
  }));
}
