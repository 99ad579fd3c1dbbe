import { describe, expect, it } from "vitest";
import { clientIpFrom } from "@/lib/client-ip";

describe("client address for rate limits", () => {
  it("takes the entry the trusted proxy appended, not what the client sent", () => {
    expect(clientIpFrom("6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientIpFrom("6.6.6.6, 7.7.7.7, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(clientIpFrom("203.0.113.7", 1)).toBe("203.0.113.7");
  });

  it("with no proxy, the last entry (Next.js fills in the socket's address) — never a spoofed first one", () => {
    expect(clientIpFrom("6.6.6.6, 198.51.100.2", 0)).toBe("198.51.100.2");
  });

  it("more hops configured than present, or no header at all", () => {
    expect(clientIpFrom("203.0.113.7", 3)).toBe("203.0.113.7");
    expect(clientIpFrom(null, 1)).toBe("unknown");
    expect(clientIpFrom(" , ", 1)).toBe("unknown");
  });
});
