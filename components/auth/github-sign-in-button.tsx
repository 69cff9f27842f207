"use client";

import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button.tsx";

export function GithubSignInButton({ callbackUrl }: { callbackUrl?: string }) {
  return (
    <Button
      variant="secondary"
      className="w-full"
      onClick={() => signIn("github", { callbackUrl: callbackUrl?.startsWith("/") ? callbackUrl : "/" })}
    >
      Sign in with GitHub
    </Button>
  );
}
