import type { Bitrix24Config } from './bitrix24-env.js';
import type { Logger } from '../../log.js';
import type { RecordingPaths } from '../recording-files.js';
import type { EntityRef } from '../adapter.js';
import { RetryableError } from '../../errors.js';
import type { Bitrix24Client } from './bitrix24-client.js';
import type { CallStore } from './call-store.js';
import type { CardOrder } from './card-order.js';
import type { SearchCache } from './search-cache.js';
import type { UserDirectory } from './user-directory.js';

/** What the Bitrix24 adapter's operations share. */
export interface Bitrix24Context {
  readonly b24: Bitrix24Config; readonly client: Bitrix24Client;
  readonly users: UserDirectory; readonly store: CallStore; readonly search: SearchCache; readonly cardOrder: CardOrder;
  readonly log: Logger;
  /** RECORDINGS_DIR / RECORDINGS_PATH_MAP: where the PBX's recordings are read here (upload mode). */
  readonly recordingPaths: RecordingPaths;
}

/** A portal with no active user at all cannot own a call: retry slowly, users may be added (or activated). */
const NO_USER_RETRY_MS = 10 * 60_000;

/**
 * The user a call (or its task) goes to. Nothing here fails for good, since a later event or setting fixes it: the
 * extension's user, else `known` (the user the call was registered to), else the client's responsible (an active
 * user), else BITRIX24_DEFAULT_USER_ID, else the portal's first active user (the lowest id: usually its owner).
 */
export async function callUserOf(ctx: Bitrix24Context, extension: string | null, entity: EntityRef | null, known: string | null = null): Promise<string> {
  const own = (await ctx.users.userIdOf(extension)) ?? known;
  if (own) return own;
  const assignee = entity ? await ctx.store.assignee(entity) : null;
  const responsible = assignee && (await ctx.users.isActive(assignee)) ? assignee : null;
  const user = responsible ?? ctx.b24.defaultUserId ?? (await ctx.users.firstUserId());
  if (user === null) throw new RetryableError('Bitrix24 user.get (no active user): no active user can own the call; activate a user on the portal or set BITRIX24_DEFAULT_USER_ID (retried in 10 min)', NO_USER_RETRY_MS);
  return user;
}
