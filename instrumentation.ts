/**
 * Runs once when the server starts: migrates the database, seeds the demo shop on an
 * empty one, and (without an Inngest server) starts the in-process job schedules, so
 * `npm start` on a fresh machine serves a working product.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabase } = await import("@/server/db/prepare");
  await prepareDatabase();
  const [{ startInlineSchedules }, { env }] = await Promise.all([import("@/server/infra/jobs"), import("@/lib/env")]);
  startInlineSchedules(env().POLL_INTERVAL_SECONDS * 1000);
}
