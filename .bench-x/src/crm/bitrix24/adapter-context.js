import { RetryableError } from '../../errors.js';
/** A portal with no active user at all cannot own a call: retry slowly, users may be added (or activated). */
const NO_USER_RETRY_MS = 10 * 60_000;
/**
 * The user a call (or its task) goes to. Nothing here fails for good, since a later event or setting fixes it: the
 * extension's user, else `known` (the user the call was registered to), else the client's responsible (an active
 * user), else BITRIX24_DEFAULT_USER_ID, else the portal's first active user (the lowest id: usually its owner).
 */
export async function callUserOf(ctx, extension, entity, known = null) {
    const own = (await ctx.users.userIdOf(extension)) ?? known;
    if (own)
        return own;
    const assignee = entity ? await ctx.store.assignee(entity) : null;
    const responsible = assignee && (await ctx.users.isActive(assignee)) ? assignee : null;
    const user = responsible ?? ctx.b24.defaultUserId ?? (await ctx.users.firstUserId());
    if (user === null)
        throw new RetryableError('Bitrix24 user.get (no active user): no active user can own the call; activate a user on the portal or set BITRIX24_DEFAULT_USER_ID (retried in 10 min)', NO_USER_RETRY_MS);
    return user;
}
