import type { Client } from "ldapts";
import { isIP } from "node:net";
import type { ConnectionOptions } from "node:tls";
import type { ParsedLdapOptions } from "./parse-options.js";

/** Upgrades the connection with StartTLS, verifying the certificate against the URL's host, within `timeoutMs`. */
export async function startTls(client: Client, options: ParsedLdapOptions, tlsOptions: ConnectionOptions): Promise<void> {
  // ldapts upgrades with tls.connect({ socket }), which checks the certificate against "localhost"
  // unless told the host; its handshake has no timer of its own.
  const host = new URL(options.url).hostname.replace(/^\[(.*)\]$/, "$1");
  const upgrade = client.startTLS({ ...tlsOptions, host, ...(isIP(host) === 0 ? { servername: host } : {}) });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`StartTLS handshake timed out after ${options.timeoutMs} ms`)), options.timeoutMs);
  });
  try {
    await Promise.race([upgrade, deadline]);
  } finally {
    clearTimeout(timer);
    upgrade.catch(() => undefined);
  }
}
