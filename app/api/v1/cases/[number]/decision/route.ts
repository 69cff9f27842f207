import { ZApiRecordDecision } from "@/lib/schemas/api.ts";
import { apiRecordDecision } from "@/lib/server/api/api-record-decision.ts";
import { handleApi } from "@/lib/server/api/handle-api.ts";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return handleApi(request, { scope: "write", body: ZApiRecordDecision }, async ({ actor, body }) => ({
    status: 201,
    body: await apiRecordDecision(actor, number, body),
  }));
}
