import "server-only";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

/*
 * TOTP as every authenticator app knows it (RFC 6238: SHA-1, 6 digits, 30 seconds), with
 * otplib 13's functional API. A code is accepted one step early or late (clock drift) and
 * never twice: the step it matched is kept and later codes must be newer.
 */
export const TOTP_ISSUER = "Conduct Desk";
const TOLERANCE_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, label: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label, secret });
}

/** The otpauth:// URI as an SVG QR code (rendered on the server: no script in the page). */
export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
}

/** The time step the code matched, or null (wrong, malformed, or not newer than afterStep). */
export async function matchTotp(secret: string, code: string, afterStep?: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = await verify({
      secret,
      token: code,
      epochTolerance: TOLERANCE_SECONDS,
      ...(afterStep != null ? { afterTimeStep: afterStep } : {}),
    });
    return result.valid ? (result as { timeStep: number }).timeStep : null;
  } catch {
    return null;
  }
}

/** "JBSW Y3DP …": the secret in groups of four, for typing it in by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}
