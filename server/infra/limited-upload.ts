import { AppError } from "@/lib/errors";

/** Multipart overhead allowed on top of the file itself. */
const FORM_OVERHEAD = 64 * 1024;

/**
 * Reads a multipart upload without ever holding more than `maxFileBytes` (+ form
 * overhead): the declared length is checked first, then the stream is counted as it
 * arrives (a client may omit or lie about Content-Length). Over the limit: `tooLargeKey`.
 */
export async function readLimitedUpload(
  req: Request,
  maxFileBytes: number,
  tooLargeKey: string,
  params: Record<string, string | number> = {},
): Promise<FormData> {
  const limit = maxFileBytes + FORM_OVERHEAD;
  const tooLarge = () => new AppError("BAD_REQUEST", tooLargeKey, params);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  if (!req.body) throw new AppError("BAD_REQUEST", "errors.validation");
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return await new Response(Buffer.concat(chunks), { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new AppError("BAD_REQUEST", "errors.validation");
  }
}
