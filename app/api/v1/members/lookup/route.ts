import { ZApiLookupQuery } from "@/lib/schemas/api.ts";
import { apiLookupMember } from "@/lib/server/api/api-lookup-member.ts";
import { handleApi } from "@/lib/server/api/handle-api.ts";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleApi(request, { scope: "read", query: ZApiLookupQuery }, async ({ actor, query }) => ({
    status: 200,
    body: await apiLookupMember(actor, query),
  }));
}
