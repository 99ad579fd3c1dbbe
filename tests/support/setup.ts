import { setInlineBackoffScaleForTests } from "@/server/infra/jobs";

// Inline job retries back off 1 s, 2 s, 4 s… in production; tests keep the same
// sequence at 1/100 of the time.
setInlineBackoffScaleForTests(0.01);
