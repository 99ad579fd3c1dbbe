import { z } from "zod";
import { createRequestContext } from "@/server/api/context";
import { errorResponse } from "@/server/api/route-errors";
import { tenantDb, userDb } from "@/server/db/tenant-scope";
import { resolveTenantAccess } from "@/server/tenants/tenant-service";
import { readAttachment } from "@/server/inbox/attachment-service";
import { ZTenantSlug } from "@/server/tenants/schemas";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Download a file the team attached to a reply: /api/inbox/attachments/<id>?tenant=<slug>. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const ctx = await createRequestContext(req);
  try {
    if (!ctx.user) throw new AppError("UNAUTHORIZED", "errors.unauthorized");
    const id = z.uuid().safeParse((await params).id);
    const slug = ZTenantSlug.safeParse(new URL(req.url).searchParams.get("tenant"));
    if (!id.success || !slug.success) throw new AppError("NOT_FOUND", "inbox.errors.attachmentNotFound");
    const access = await resolveTenantAccess(userDb(ctx.db.prisma, ctx.user.id), ctx.user.id, slug.data);
    const file = await readAttachment(tenantDb(ctx.db.prisma, access.tenant.id), id.data);
    return new Response(new Uint8Array(file.content), {
      headers: {
        "content-type": file.mimeType,
        "content-length": String(file.size),
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, ctx.locale);
  }
}
