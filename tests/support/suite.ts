import { drainInlineJobs, setInlineBackoffScaleForTests } from "@/server/infra/jobs";
import { restoreEnv } from "./env";

/**
 * Inline job retries back off 1 s, 2 s, 4 s… in production; tests keep the same sequence
 * at 1/100 of the time (suites that wait on many retries go faster still).
 */
export const TEST_BACKOFF_SCALE = 0.01;

/**
 * The end of a suite that switched configuration and ran jobs inline against fake
 * servers: no job may still be running when the database and the servers go away.
 */
export async function endSuite(db: { close(): Promise<void> } | undefined, ...servers: Array<{ stop(): Promise<void> } | undefined>) {
  await drainInlineJobs();
  restoreEnv();
  setInlineBackoffScaleForTests(TEST_BACKOFF_SCALE);
  for (const server of servers) await server?.stop();
  await db?.close();
}
