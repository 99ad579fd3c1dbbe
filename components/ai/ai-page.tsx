"use client";

import { AiSettingsSection } from "./ai-settings-form";
import { AiStatusCard } from "./ai-status";
import { ModelProviderSection } from "./model-provider-section";
import { Playground } from "./playground";
import { ToolsSection } from "./tools-section";

/** The AI assistant page: who answers and what it costs, whose model (and key) it uses, how it answers, the webhooks it may call, and a place to try it. */
export function AiPage() {
  return (
    <div className="space-y-6">
      <AiStatusCard />
      <ModelProviderSection />
      <AiSettingsSection />
      <ToolsSection />
      <Playground />
    </div>
  );
}
