import { z } from "zod";

/*
 * Zod compiles fast object parsers with `new Function` when it may, and finds out whether it
 * may by calling `Function("")`: under the pages' Content-Security-Policy (no 'unsafe-eval',
 * proxy.ts) that call is refused and reported as a CSP violation in the browser. Jitless mode
 * parses the same way without ever trying. Every schema module imports this first.
 */
z.config({ jitless: true });
