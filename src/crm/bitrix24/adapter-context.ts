import type { Config } from '../../config/config.js';
import type { Bitrix24Config } from '../../config/bitrix24-env.js';
import type { Logger } from '../../log.js';
import { PermanentError } from '../crm-errors.js';
import type { Bitrix24Client } from './bitrix24-client.js';
import type { CallStore } from './call-store.js';
import type { CardOrder } from './card-order.js';
import type { SearchCache } from './search-cache.js';
import type { UserDirectory } from './user-directory.js';

/** What the Bitrix24 adapter's operations share. */
export interface Bitrix24Context {
  readonly config: Config; readonly b24: Bitrix24Config; readonly client: Bitrix24Client;
  readonly users: UserDirectory; readonly store: CallStore; readonly search: SearchCache; readonly cardOrder: CardOrder;
  readonly log: Logger;
}

export async function userOrDefault(ctx: Bitrix24Context, extension: string | null): Promise<string | null> {
  return (await ctx.users.userIdOf(extension)) ?? ctx.b24.defaultUserId;
}

export function noUser(extension: string | null): PermanentError {
  return new PermanentError(extension
    ? `extension ${extension} has no Bitrix24 user: set UF_PHONE_INNER=${extension} on the user in Bitrix24, map it in the rules file "users", or set BITRIX24_DEFAULT_USER_ID`
    : 'the call has no extension and BITRIX24_DEFAULT_USER_ID is not set');
}
