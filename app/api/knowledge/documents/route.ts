import { z } from "zod";
import { createRequestContext } from "@/server/api/context";
import { errorResponse } from "@/server/api/route-errors";
import { tenantDb, userDb } from "@/server/db/tenant-scope";
import { resolveTenantAccess } from "@/server/tenants/tenant-service";
import { createDocument, planLimits, replaceDocumentFile } from "@/server/knowledge/document-service";
import { readLimitedUpload } from "@/server/infra/limited-upload";
import { ZTenantSlug } from "@/server/tenants/schemas";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const ZFields = z.object({ tenantSlug: ZTenantSlug, title: z.string().trim().max(200).optional(), replaceDocumentId: z.uuid().optional() });

/** Upload one knowledge-base file (multipart: tenantSlug, file, optional title / replaceDocumentId). */
export async function POST(req: Request) {
  const ctx = await createRequestContext(req);
  try {
    if (!ctx.user) throw new AppError("UNAUTHORIZED", "errors.unauthorized");
    const slug = ZTenantSlug.safeParse(new URL(req.url).searchParams.get("tenant"));
    if (!slug.success) throw new AppError("BAD_REQUEST", "errors.validation");
    const access = await resolveTenantAccess(userDb(ctx.db.prisma, ctx.user.id), ctx.user.id, slug.data);
    if (access.role === "member") throw new AppError("FORBIDDEN", "errors.forbidden");
    const scoped = tenantDb(ctx.db.prisma, access.tenant.id);
    const limits = await planLimits(scoped, access.tenant.id);
    const form = await readLimitedUpload(req, limits.maxFileBytes, "knowledge.errors.tooLarge", { maxMb: Math.round(limits.maxFileBytes / 1048576) });
    const fields = ZFields.safeParse({
      tenantSlug: slug.data,
      title: form.get("title") ?? undefined,
      replaceDocumentId: form.get("replaceDocumentId") ?? undefined,
    });
    const file = form.get("file");
    if (!fields.success) throw new AppError("BAD_REQUEST", "errors.validation");
    if (!(file instanceof File)) throw new AppError("BAD_REQUEST", "knowledge.errors.empty");
    const bytes = new Uint8Array(await file.arrayBuffer());
    const doc = fields.data.replaceDocumentId
      ? await replaceDocumentFile(ctx.db, scoped, access.tenant.id, { id: fields.data.replaceDocumentId, fileName: file.name, mimeType: file.type || undefined, bytes })
      : await createDocument(ctx.db, scoped, access.tenant.id, ctx.user.id, {
          title: fields.data.title || file.name.replace(/\.[a-z0-9]+$/i, ""),
          source: "upload",
          fileName: file.name,
          mimeType: file.type || undefined,
          bytes,
        });
    return Response.json(doc, { status: 201 });
  } catch (error) {
    return errorResponse(error, ctx.locale);
  }
}
