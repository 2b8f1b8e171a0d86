import { createHash, randomBytes } from 'node:crypto';
import type { RedisClient } from '../net/redis-client.js';
import type { ConsoleRole } from './card-view.js';

export interface ConsoleSession {
  readonly extension: string;
  readonly name: string;
  readonly role: ConsoleRole;
  readonly createdAtMs: number;
}

/** Sessions in Redis under a hash of their random id (the id itself is only in the cookie), expiring after ttlMs. */
export class ConsoleSessions {
  constructor(private readonly redis: RedisClient, private readonly prefix: string, private readonly ttlMs: number) {}

  private key(id: string): string {
    return `${this.prefix}:console:session:${createHash('sha256').update(id).digest('hex')}`;
  }

  async create(user: { extension: string; name: string; role: ConsoleRole }): Promise<{ id: string; session: ConsoleSession }> {
    const id = randomBytes(32).toString('base64url');
    const session: ConsoleSession = { ...user, createdAtMs: Date.now() };
    await this.redis.set(this.key(id), JSON.stringify(session), 'PX', this.ttlMs);
    return { id, session };
  }

  async get(id: string | undefined): Promise<ConsoleSession | null> {
    if (!id || !/^[A-Za-z0-9_-]{20,100}$/.test(id)) return null;
    const raw = await this.redis.get(this.key(id));
    return raw === null ? null : (JSON.parse(raw) as ConsoleSession);
  }

  async destroy(id: string | undefined): Promise<void> {
    if (id) await this.redis.del(this.key(id));
  }
}
