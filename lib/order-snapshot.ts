import { z } from "zod";
import type { OrderSummary } from "@/server/marketplaces/connector";

/**
 * conversation.orderSnapshot is JSON written by a connector (OrderSummary). Read it
 * defensively: an older or partial snapshot shows what it has instead of breaking the panel.
 */
const ZOrderSnapshot = z.object({
  id: z.string(),
  status: z.string().catch(""),
  fulfillmentStatus: z.string().optional().catch(undefined),
  buyerLogin: z.string().optional().catch(undefined),
  boughtAt: z.string().optional().catch(undefined),
  total: z.object({ amount: z.string(), currency: z.string() }).optional().catch(undefined),
  items: z.array(z.object({ name: z.string(), quantity: z.number(), price: z.string().optional() })).catch([]),
  deliveryMethod: z.string().optional().catch(undefined),
  tracking: z.array(z.object({ carrier: z.string().optional(), waybill: z.string() })).catch([]),
  /** When the connector was last asked (absent in snapshots from before it was recorded). */
  fetchedAt: z.string().optional().catch(undefined),
}) satisfies z.ZodType<OrderSummary>;

export type OrderSnapshot = z.infer<typeof ZOrderSnapshot>;

export function readOrderSnapshot(value: unknown): OrderSnapshot | null {
  const parsed = ZOrderSnapshot.safeParse(value);
  return parsed.success ? parsed.data : null;
}
