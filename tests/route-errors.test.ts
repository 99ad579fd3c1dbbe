import { describe, expect, it, vi } from "vitest";
import { errorResponse } from "@/server/api/route-errors";
import { AppError } from "@/lib/errors";

describe("route handler errors", () => {
  it("use the tRPC mapping: status and localized message", async () => {
    const res = errorResponse(new AppError("BAD_REQUEST", "inbox.errors.attachmentTooLarge", { maxMb: 5 }), "en");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "BAD_REQUEST", message: "The file is too large: at most 5 MB." } });
    expect(errorResponse(new AppError("PRECONDITION_FAILED", "knowledge.errors.overLimit", { max: 50 }), "pl").status).toBe(412);
  });

  it("hide an unexpected failure behind a generic 500", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = errorResponse(new Error("SELECT secret FROM boom"), "en");
    spy.mockRestore();
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toMatch(/secret|SELECT/);
  });
});
