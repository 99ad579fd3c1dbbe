import { Inngest } from "inngest";
import { env } from "@/lib/env";

/**
 * "inngest" when an Inngest server is configured (INNGEST_DEV=1 for the dev server,
 * or Inngest Cloud keys); otherwise "inline": the same functions run in-process, so a
 * fresh machine works with no extra service.
 */
export function jobsBackend(): "inngest" | "inline" {
  const e = env();
  return e.INNGEST_DEV || e.INNGEST_EVENT_KEY || e.INNGEST_SIGNING_KEY ? "inngest" : "inline";
}

export const inngest = new Inngest({ id: "bok-ai" });
