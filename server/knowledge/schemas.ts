import { z } from "zod";

export const ZDocumentId = z.object({ documentId: z.uuid() });
export const ZDocumentTitle = z.string().trim().min(1, { message: "validation.required" }).max(200, { message: "validation.tooLong" });
export const ZCreateTextDocumentInput = z.object({
  title: ZDocumentTitle,
  text: z.string().trim().min(1, { message: "validation.required" }).max(2_000_000, { message: "validation.tooLong" }),
});
export const ZUpdateDocumentInput = z.object({
  documentId: z.uuid(),
  title: ZDocumentTitle.optional(),
  text: z.string().trim().min(1, { message: "validation.required" }).max(2_000_000, { message: "validation.tooLong" }).optional(),
});
export const ZTestSearchInput = z.object({
  query: z.string().trim().min(1, { message: "validation.required" }).max(5_000, { message: "validation.tooLong" }),
  k: z.number().int().min(1).max(20).default(5),
});
export const ZCreateUrlDocumentInput = z.object({
  url: z.string().trim().min(1, { message: "validation.required" }).max(2_000, { message: "validation.tooLong" }),
  title: ZDocumentTitle.optional(),
});
