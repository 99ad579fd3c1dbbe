import { serve } from "inngest/next";
import { inngest, jobsBackend } from "@/inngest/client";
import { functions } from "@/inngest";

export const dynamic = "force-dynamic";

const served = serve({ client: inngest, functions });

/** Without an Inngest server, jobs run inline in this process and there is nothing to serve. */
function inline() {
  return Response.json({ jobs: "inline", functions: functions.length }, { status: 200 });
}

export const GET = (req: Request, ctx: unknown) => (jobsBackend() === "inngest" ? served.GET(req as never, ctx) : inline());
export const POST = (req: Request, ctx: unknown) => (jobsBackend() === "inngest" ? served.POST(req as never, ctx) : inline());
export const PUT = (req: Request, ctx: unknown) => (jobsBackend() === "inngest" ? served.PUT(req as never, ctx) : inline());
