"use client";

import styles from "./global-error.module.css";

// Replaces the root layout when it fails itself: plain markup, no app styles assumed.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className={styles.body}>
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
