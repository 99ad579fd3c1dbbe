import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_lib/session";
import { AppShell } from "@/components/shell/app-shell";
import { ShellProvider } from "@/components/shell/shell-context";
import { SuspendedTenant } from "@/components/tenants/suspended-tenant";
import { AppError } from "@/lib/errors";
import { getDatabase } from "@/server/db/client";
import { userDb } from "@/server/db/tenant-scope";
import { resolveTenantAccess, type TenantAccess } from "@/server/tenants/tenant-service";

export const dynamic = "force-dynamic";

/** Every /t/[slug] page: signed in (else sign-in and back), a member of the tenant (else 404), the tenant not suspended (else why). */
export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/t/${slug}`);
  const db = await getDatabase();
  let access: TenantAccess;
  try {
    access = await resolveTenantAccess(userDb(db.prisma, user.id), user.id, slug);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.key === "errors.tenantSuspended") {
      return <SuspendedTenant name={String(error.params.name)} reason={String(error.params.reason)} />;
    }
    throw error;
  }
  return (
    <ShellProvider
      user={{ id: user.id, name: user.name, email: user.email, isPlatformOwner: user.isPlatformOwner }}
      tenant={{ ...access.tenant, role: access.role }}
    >
      <AppShell>{children}</AppShell>
    </ShellProvider>
  );
}
