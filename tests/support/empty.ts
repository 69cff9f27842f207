// Stands in for the "server-only" marker package under Vitest, which runs outside
// React's server environment; the real modules under test are used unchanged.
export {};
