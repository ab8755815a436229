/** SHA-256 for the SDK's signer made the plain way (a node:crypto Hash or Hmac object per digest), sharing nothing with the gateway's. */
import { createHash, createHmac } from 'node:crypto';
import type { Checksum, SourceData } from '@smithy/types';

export class NodeChecksum implements Checksum {
  #hash;
  constructor(private readonly secret?: SourceData) {
    this.#hash = this.make();
  }
  private make() {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret as string | Uint8Array);
  }
  update(chunk: Uint8Array) {
    this.#hash.update(chunk);
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
  reset() {
    this.#hash = this.make();
  }
}
