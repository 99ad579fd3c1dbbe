import { setInlineBackoffScaleForTests } from "@/server/infra/jobs";
import { TEST_BACKOFF_SCALE } from "./suite";

setInlineBackoffScaleForTests(TEST_BACKOFF_SCALE);
