"use client";

import { useT } from "@/components/providers/i18n";
import type { TenantRole } from "@/components/tenants/types";
import { Badge, type BadgeTone } from "./badge";

const ROLE_TONES: Record<TenantRole, BadgeTone> = { owner: "violet", admin: "brand", member: "slate" };

export function RoleBadge({ role }: { role: TenantRole }) {
  const t = useT();
  return <Badge tone={ROLE_TONES[role]}>{t(`roles.${role}`)}</Badge>;
}
