import { z } from "zod";

export const ZEndSessionSchema = z.object({ sessionId: z.uuid("Unknown session") });
export type TEndSession = z.infer<typeof ZEndSessionSchema>;

export const ZEndUserSessionsSchema = z.object({ userId: z.uuid("Unknown user") });
export type TEndUserSessions = z.infer<typeof ZEndUserSessionsSchema>;
