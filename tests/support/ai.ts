import type { PlaygroundEvent } from "@/server/ai/playground";

/** Reads a streamed playground answer to its end: the text pieces and the finished reply. */
export async function playgroundAnswer(call: Promise<AsyncIterable<PlaygroundEvent>>) {
  const pieces: string[] = [];
  for await (const event of await call) {
    if (event.type === "text") pieces.push(event.delta);
    else return { ...event, pieces };
  }
  throw new Error("the playground stream ended without a finished reply");
}
