import { installDatabase } from "@/server/db/client";
import { openBenchDatabase } from "./database";
import { benchRls } from "./rls";
import { benchInbox } from "./inbox";
import { benchKnowledge } from "./knowledge";
import { benchAi } from "./ai";

/**
 * `npm run bench`: figures the issues ask for, printed for the closing notes. Not a
 * test: nothing here passes or fails on timing.
 */
async function main() {
  process.env.LOG_LEVEL ??= "warn";
  process.env.NEXTAUTH_SECRET ??= "bench-only-secret";
  const bench = await openBenchDatabase();
  // Background jobs (inline) look the database up themselves: make it the bench one.
  installDatabase(bench.db);
  console.log(`# BOK-AI benchmarks on ${bench.label}`);
  try {
    // `npm run bench -- rls knowledge` runs only the named sections.
    const only = new Set(process.argv.slice(2));
    const wanted = (section: string) => only.size === 0 || only.has(section);
    const onPostgres = bench.db.engine === "postgres";
    if (wanted("rls")) await benchRls(bench);
    if (wanted("inbox")) await benchInbox(bench, onPostgres ? { conversations: 100_000, messagesPer: 5 } : { conversations: 10_000, messagesPer: 5 });
    if (wanted("knowledge")) await benchKnowledge(bench, { tenants: onPostgres ? 200 : 20 });
    if (wanted("ai")) await benchAi(bench);
  } finally {
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
