"use client";

import { ErrorState } from "@/components/shell/error-state";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <div className="flex min-h-screen items-center justify-center px-4 py-16">
      <ErrorState error={error} retry={retry} />
    </div>
  );
}
