import { z } from "zod";
import { createRequestContext } from "@/server/api/context";
import { errorResponse } from "@/server/api/route-errors";
import { tenantDb, userDb } from "@/server/db/tenant-scope";
import { resolveTenantAccess } from "@/server/tenants/tenant-service";
import { MAX_ATTACHMENT_BYTES, storeReplyAttachment } from "@/server/inbox/attachment-service";
import { readLimitedUpload } from "@/server/infra/limited-upload";
import { ZTenantSlug } from "@/server/tenants/schemas";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const ZFields = z.object({ tenantSlug: ZTenantSlug, conversationId: z.uuid() });

/** Upload one file for a reply (multipart: tenantSlug, conversationId, file). */
export async function POST(req: Request) {
  const ctx = await createRequestContext(req);
  try {
    if (!ctx.user) throw new AppError("UNAUTHORIZED", "errors.unauthorized");
    const form = await readLimitedUpload(req, MAX_ATTACHMENT_BYTES, "inbox.errors.attachmentTooLarge", { maxMb: 5 });
    const fields = ZFields.safeParse({ tenantSlug: form.get("tenantSlug"), conversationId: form.get("conversationId") });
    if (!fields.success) throw new AppError("BAD_REQUEST", "errors.validation");
    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError("BAD_REQUEST", "inbox.errors.attachmentEmpty");
    const access = await resolveTenantAccess(userDb(ctx.db.prisma, ctx.user.id), ctx.user.id, fields.data.tenantSlug);
    const stored = await storeReplyAttachment(tenantDb(ctx.db.prisma, access.tenant.id), access.tenant.id, ctx.user.id, {
      conversationId: fields.data.conversationId,
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return Response.json(stored, { status: 201 });
  } catch (error) {
    return errorResponse(error, ctx.locale);
  }
}
