/**
 * Order and offer facts a connector reported, stored on the conversation with the time
 * they were fetched. Status, tracking, price and stock move on after the first message:
 * they are re-read when a buyer writes again and they are older than this.
 */
export const FACTS_MAX_AGE_MS = 15 * 60_000;

export function factsStale(snapshot: unknown, now = Date.now()): boolean {
  const fetchedAt =
    snapshot && typeof snapshot === "object" && "fetchedAt" in snapshot && typeof snapshot.fetchedAt === "string" ? Date.parse(snapshot.fetchedAt) : NaN;
  return !(now - fetchedAt < FACTS_MAX_AGE_MS);
}

/** A connector's answer as stored: the facts plus when they were fetched. */
export function withFetchedAt<T extends object>(facts: T, now = new Date()): T & { fetchedAt: string } {
  return { ...facts, fetchedAt: now.toISOString() };
}
