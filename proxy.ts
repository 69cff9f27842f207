import { withAuth } from "next-auth/middleware";

// Redirects signed-out visitors to the sign-in page. It only redirects: every page,
// action and route still checks the session and role itself (lib/server/auth.ts).
export const proxy = withAuth({ pages: { signIn: "/sign-in" } });

export const config = {
  // Everything but the sign-in page, next-auth's own routes, the token-authenticated
  // JSON API (it answers 401 JSON itself) and static assets.
  matcher: ["/((?!sign-in|api/auth|api/v1|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
