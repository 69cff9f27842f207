import { apiGetCase } from "@/lib/server/api/api-get-case.ts";
import { handleApi } from "@/lib/server/api/handle-api.ts";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return handleApi(request, { scope: "read" }, async ({ actor }) => ({ status: 200, body: await apiGetCase(actor, number) }));
}
