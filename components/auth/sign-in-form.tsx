"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { signInOutcome } from "@/lib/schemas/sign-in.ts";

// Only same-site paths: an attacker-supplied absolute callback URL is ignored.
function safeCallback(url: string | undefined): string {
  if (!url) return "/";
  try {
    const parsed = new URL(url, "http://local");
    if (parsed.origin !== "http://local" && typeof window !== "undefined" && parsed.origin !== window.location.origin) return "/";
    const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
    return path.startsWith("/sign-in") || !path.startsWith("/") || path.startsWith("//") ? "/" : path;
  } catch {
    return "/";
  }
}

/**
 * Email and password, then (for an account with two-factor sign-in) a second step in the
 * same form asking for the code. The password is kept only in this component's memory
 * between the two steps, and sent again with the code: the server checks both together.
 */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl?: string; initialError?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(initialError);
  const [pending, setPending] = useState(false);
  const [step, setStep] = useState<"credentials" | "code">("credentials");
  const [email, setEmail] = useState("");
  const password = useRef("");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const typedEmail = step === "credentials" ? String(form.get("email") ?? "") : email;
    if (step === "credentials") {
      setEmail(typedEmail);
      password.current = String(form.get("password") ?? "");
    }
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: typedEmail,
      password: password.current,
      ...(step === "code" ? { code: String(form.get("code") ?? "") } : {}),
      redirect: false,
    });
    if (!result || result.error) {
      const outcome = signInOutcome(result?.error ?? "");
      setPending(false);
      if (outcome.step === "credentials") password.current = "";
      setStep(outcome.step);
      // Asked for the code the first time: the instruction is the field's hint, not an error.
      setError(outcome.step === "code" && step === "credentials" ? undefined : outcome.message);
      return;
    }
    password.current = "";
    router.replace(safeCallback(callbackUrl));
    router.refresh();
  }

  function startOver() {
    password.current = "";
    setStep("credentials");
    setError(undefined);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </div>
      )}
      {step === "credentials" ? (
        <>
          <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus defaultValue={email} />
          <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        </>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            Two-factor sign-in is on for <span className="font-medium">{email}</span>.
          </p>
          <TextField
            key="code"
            label="Authentication code"
            name="code"
            autoComplete="one-time-code"
            inputMode="text"
            spellCheck={false}
            required
            autoFocus
            hint="The 6-digit code from your authenticator app, or one of your recovery codes"
          />
        </>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : step === "code" ? "Verify" : "Sign in"}
      </Button>
      {step === "code" && (
        <Button type="button" variant="ghost" className="w-full" onClick={startOver}>
          Use another account
        </Button>
      )}
    </form>
  );
}
