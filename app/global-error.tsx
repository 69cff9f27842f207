"use client";

// Replaces the root layout when it fails itself: plain markup, no app styles assumed.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: 560, margin: "15vh auto", padding: 16, textAlign: "center" }}>
        <h1>Something went wrong</h1>
        <p>
          The app could not be shown. Try again; if it keeps failing, tell an admin
          {error.digest ? ` and quote reference ${error.digest}` : ""}.
        </p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
