"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { TenantRole } from "@/components/tenants/types";

export interface ShellUser {
  id: string;
  name: string;
  email: string;
  isPlatformOwner: boolean;
}

export interface ShellTenant {
  id: string;
  name: string;
  slug: string;
  role: TenantRole;
}

interface ShellValue {
  user: ShellUser;
  tenant: ShellTenant;
}

const ShellContext = createContext<ShellValue | null>(null);

/** The signed-in user and the tenant of the URL, as verified by the server layout. */
export function ShellProvider({ user, tenant, children }: ShellValue & { children: ReactNode }) {
  return <ShellContext.Provider value={{ user, tenant }}>{children}</ShellContext.Provider>;
}

function useShell(): ShellValue {
  const value = useContext(ShellContext);
  if (!value) throw new Error("useShell must be used inside /t/[slug]/layout.tsx");
  return value;
}

export const useCurrentTenant = () => useShell().tenant;
export const useCurrentUser = () => useShell().user;
