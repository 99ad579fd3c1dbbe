"use client";

import { AiSettingsSection } from "./ai-settings-form";
import { AiStatusCard } from "./ai-status";
import { Playground } from "./playground";

/** The AI assistant page: who answers and what it costs, how it answers, and a place to try it. */
export function AiPage() {
  return (
    <div className="space-y-6">
      <AiStatusCard />
      <AiSettingsSection />
      <Playground />
    </div>
  );
}
