import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type RouterOutputs = inferRouterOutputs<AppRouter>;

export type TenantRole = RouterOutputs["tenants"]["listMine"][number]["role"];
export type MyTenant = RouterOutputs["tenants"]["listMine"][number];
export type TenantMember = RouterOutputs["tenants"]["members"][number];
export type PendingInvitation = RouterOutputs["tenants"]["invitations"][number];
export type TenantSettings = RouterOutputs["tenants"]["current"];

export const ROLES: readonly TenantRole[] = ["owner", "admin", "member"];

export const isTenantAdmin = (role: TenantRole) => role === "owner" || role === "admin";

/** Mirrors the server's rules so the UI offers only what will be allowed; the server still decides. */
export function canManageMember(actor: TenantRole, target: TenantRole): boolean {
  if (actor === "owner") return true;
  return actor === "admin" && target !== "owner";
}

export function grantableRoles(actor: TenantRole): TenantRole[] {
  if (actor === "owner") return ["owner", "admin", "member"];
  if (actor === "admin") return ["admin", "member"];
  return [];
}
