import { FakeStripe } from "../tests/support/fake-stripe";

/**
 * The fake Stripe the end-to-end app talks to (playwright.config.ts starts it): the API on
 * 127.0.0.1:3211 and the hosted Checkout and portal pages a browser is sent to; paying
 * delivers the signed webhook to the app under test.
 */
const port = Number(process.env.FAKE_STRIPE_PORT ?? 3211);
const stripe = new FakeStripe();
stripe.webhookUrl = process.env.FAKE_STRIPE_WEBHOOK_URL;
await stripe.start(port);
console.log(`fake Stripe on ${stripe.url}`);
const stop = () => void stripe.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
