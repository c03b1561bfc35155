import { credentialAcceptedUntil, type GatewayCredential } from "./gateway-credential";
import { KeySpace, type RedisClient } from "./redis";

/**
 * The nonces of the credentials a subgraph has accepted for mutations, each kept in Redis (under
 * the subgraph's own prefix) only as long as its credential could still be accepted: so even the
 * exact same state-changing request cannot be sent twice.
 */
export class CredentialNonces {
  private readonly keys: KeySpace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    owner: string,
  ) {
    this.keys = new KeySpace(prefix, owner);
  }

  /** True the first time a credential is presented, false ever after; one atomic SET NX. */
  async claim(credential: GatewayCredential, now = Date.now()): Promise<boolean> {
    const keepMs = Math.max(1, credentialAcceptedUntil(credential) - now);
    return (await this.redis.set(this.keys.key("credential-nonce", credential.nonce), "1", "PX", keepMs, "NX")) === "OK";
  }
}
