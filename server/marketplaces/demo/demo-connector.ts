import { randomUUID } from "node:crypto";
import { ConnectorRejectedError, type Connector } from "../connector";

/**
 * The seeded demo shop's channel: replies are "delivered" at once and new buyer
 * messages arrive through the inbox's "simulate incoming message" action, which goes
 * through the same ingest path as a real poll.
 */
export const demoConnector: Connector = {
  kind: "demo",
  capabilities: { oauth: false, markRead: true, attachments: true, orderLookup: false, offerLookup: false, maxReplyLength: 2000 },
  async poll(_ctx, cursor) {
    return { threads: [], cursor };
  },
  async sendReply() {
    return { externalId: `demo-${randomUUID()}`, sentAt: new Date() };
  },
  async markRead() {},
  async lookupOrder() {
    return null;
  },
  async lookupOffer() {
    return null;
  },
  async downloadAttachment() {
    // Demo buyers' attachments are names only: there is no file behind them.
    throw new ConnectorRejectedError("Demo attachments have no file", 404);
  },
};
