"use client";

import { ErrorState } from "@/components/shell/error-state";

export default function TenantError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorState error={error} retry={retry} />;
}
