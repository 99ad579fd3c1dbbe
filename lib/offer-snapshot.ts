import { z } from "zod";
import type { OfferSummary } from "@/server/marketplaces/connector";

/** conversation.offerSnapshot as a connector wrote it (OfferSummary), read defensively. */
const ZOfferSnapshot = z.object({
  id: z.string(),
  name: z.string().optional().catch(undefined),
  price: z.object({ amount: z.string(), currency: z.string() }).optional().catch(undefined),
  available: z.number().optional().catch(undefined),
  status: z.string().optional().catch(undefined),
  fetchedAt: z.string().optional().catch(undefined),
}) satisfies z.ZodType<OfferSummary>;

export type OfferSnapshot = z.infer<typeof ZOfferSnapshot>;

export function readOfferSnapshot(value: unknown): OfferSnapshot | null {
  const parsed = ZOfferSnapshot.safeParse(value);
  return parsed.success ? parsed.data : null;
}
