import { publicOrigin } from "@/lib/http/public-origin.ts";
import { ZApiCreateCase } from "@/lib/schemas/api.ts";
import { apiCreateCase } from "@/lib/server/api/api-create-case.ts";
import { handleApi } from "@/lib/server/api/handle-api.ts";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleApi(request, { scope: "write", body: ZApiCreateCase }, async ({ actor, body }) => ({
    status: 201,
    body: await apiCreateCase(actor, body, publicOrigin(request)),
  }));
}
