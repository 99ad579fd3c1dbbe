/**
 * Event names of the inbox (domain/noun.verb); every payload carries the tenant id.
 * MESSAGE_RECEIVED is emitted once per new answerable buyer message; the AI reply
 * engine subscribes to it.
 */
export const MESSAGE_RECEIVED = "inbox/message.received";
export const MESSAGE_SEND_REQUESTED = "inbox/message.send-requested";
export const CHANNEL_POLL_REQUESTED = "inbox/channel.poll-requested";
export const THREAD_READ = "inbox/thread.read";

export interface MessageReceivedData {
  tenantId: string;
  conversationId: string;
  messageId: string;
}

export interface MessageSendRequestedData {
  tenantId: string;
  messageId: string;
  /** Sends of one account go one at a time (marketplaces limit sending per seller). Absent in events queued before it was added. */
  channelAccountId?: string;
}

export interface ChannelPollRequestedData {
  tenantId: string;
  channelAccountId: string;
}
