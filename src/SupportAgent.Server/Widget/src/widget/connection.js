import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";

// Keep trying for as long as the page is open: a customer waiting for a person must not silently lose the channel.
const retry = { nextRetryDelayInMilliseconds: (ctx) => Math.min(500 * 2 ** ctx.previousRetryCount, 10000) };

export function createConnection(config) {
  return new HubConnectionBuilder()
    .withUrl(`${config.base}/hubs/chat`, {
      accessTokenFactory: () => config.key,
      // The widget key is the credential; cookies of the support server have no business on a tenant's site.
      withCredentials: false,
    })
    .withAutomaticReconnect(retry)
    .configureLogging(LogLevel.Warning)
    .build();
}

/** Starts the connection, retrying the first start too (the server may be restarting when the page loads). */
export async function startWithRetry(connection, onWaiting) {
  for (let attempt = 0; ; attempt++) {
    try {
      await connection.start();
      return;
    } catch (error) {
      onWaiting(error);
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** attempt, 10000)));
    }
  }
}
