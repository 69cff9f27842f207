import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dataKeyFromBytes, keyringOf } from "@/lib/server/crypto/data-keys.ts";
import { decryptReporter, encryptReporter, reporterBlindIndex, ReporterUnreadableError } from "@/lib/server/crypto/reporter-identity.ts";

const keys = keyringOf([dataKeyFromBytes(randomBytes(32))], "test");
const other = keyringOf([dataKeyFromBytes(randomBytes(32))], "test");

function unreadable(fn: () => unknown): ReporterUnreadableError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ReporterUnreadableError) return error;
    throw error;
  }
  throw new Error("expected the reporter to be unreadable");
}

describe("a reporter encrypted at rest", () => {
  const caseId = randomUUID();
  const identity = { name: "Robin Reporter", contact: "robin@example.org" };

  it("reads back only for its own case, under its own key", () => {
    const { reporterEncrypted } = encryptReporter(keys, caseId, identity);
    expect(reporterEncrypted).not.toContain("Robin");
    expect(Buffer.from(reporterEncrypted.replaceAll(".", ""), "base64url").toString("latin1")).not.toContain("robin@example.org");
    expect(decryptReporter(keys, caseId, reporterEncrypted)).toEqual(identity);
  });

  it("copied onto another case, it does not decrypt: the reveal says it was altered or moved", () => {
    const { reporterEncrypted } = encryptReporter(keys, caseId, identity);
    expect(unreadable(() => decryptReporter(keys, randomUUID(), reporterEncrypted)).reason).toBe("damaged");
  });

  it("with any part altered, it does not decrypt", () => {
    const { reporterEncrypted } = encryptReporter(keys, caseId, identity);
    const parts = reporterEncrypted.split(".");
    for (const i of [2, 3, 4]) {
      const bytes = Buffer.from(parts[i]!, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      const altered = [...parts.slice(0, i), bytes.toString("base64url"), ...parts.slice(i + 1)].join(".");
      expect(unreadable(() => decryptReporter(keys, caseId, altered)).reason, `part ${i}`).toBe("damaged");
    }
  });

  it("under a key that is not configured, it says which key is missing", () => {
    const { reporterEncrypted } = encryptReporter(keys, caseId, identity);
    const error = unreadable(() => decryptReporter(other, caseId, reporterEncrypted));
    expect(error.reason).toBe("missing_key");
    expect(error.keyId).toBe(keys.current.id);
  });

  it("a member reporter's blind index is keyed: the member id alone does not give it", () => {
    const memberId = randomUUID();
    const { reporterBlindIndex: index } = encryptReporter(keys, caseId, { memberId });
    expect(index).toBe(reporterBlindIndex(keys, memberId));
    expect(index).not.toContain(memberId);
    expect(reporterBlindIndex(other, memberId)).not.toBe(index);
  });
});
