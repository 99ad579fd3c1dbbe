/**
 * The client's address from X-Forwarded-For. Entries a client sends itself come first
 * and can be anything; each proxy in front of the app appends the address it saw. So
 * the trustworthy entry is the one `trustedHops` from the right: with one proxy (the
 * usual load balancer) the last entry. Without a proxy Next.js fills the header with
 * the socket's address when the client sent none, which is again the last entry.
 */
export function clientIpFrom(forwardedFor: string | null | undefined, trustedHops: number): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  return hops[Math.max(0, hops.length - Math.max(1, trustedHops))] ?? "unknown";
}
