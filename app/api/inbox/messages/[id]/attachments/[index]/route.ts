import { z } from "zod";
import { createRequestContext } from "@/server/api/context";
import { errorResponse } from "@/server/api/route-errors";
import { tenantDb, userDb } from "@/server/db/tenant-scope";
import { resolveTenantAccess } from "@/server/tenants/tenant-service";
import { downloadInboundAttachment } from "@/server/inbox/attachment-service";
import { ZTenantSlug } from "@/server/tenants/schemas";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** A buyer's attachment, fetched from the marketplace: /api/inbox/messages/<id>/attachments/<n>?tenant=<slug>. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string; index: string }> }) {
  const ctx = await createRequestContext(req);
  try {
    if (!ctx.user) throw new AppError("UNAUTHORIZED", "errors.unauthorized");
    const route = await params;
    const id = z.uuid().safeParse(route.id);
    const index = z.coerce.number().int().min(0).max(99).safeParse(route.index);
    const slug = ZTenantSlug.safeParse(new URL(req.url).searchParams.get("tenant"));
    if (!id.success || !index.success || !slug.success) throw new AppError("NOT_FOUND", "inbox.errors.attachmentNotFound");
    const access = await resolveTenantAccess(userDb(ctx.db.prisma, ctx.user.id), ctx.user.id, slug.data);
    const file = await downloadInboundAttachment(ctx.db, tenantDb(ctx.db.prisma, access.tenant.id), access.tenant.id, id.data, index.data);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "content-type": file.mimeType,
        "content-length": String(file.bytes.byteLength),
        // Always a download, never rendered in our origin: a buyer's file is untrusted.
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, ctx.locale);
  }
}
