import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/server/db/client";
import { handleStripeWebhook } from "@/server/billing/stripe-webhooks";

export const dynamic = "force-dynamic";

/** Stripe's webhook endpoint: the signature is checked on the body exactly as sent, so it is read as text. */
export async function POST(req: NextRequest) {
  const outcome = await handleStripeWebhook(await getDatabase(), await req.text(), req.headers.get("stripe-signature"));
  return NextResponse.json(outcome.body, { status: outcome.status });
}
