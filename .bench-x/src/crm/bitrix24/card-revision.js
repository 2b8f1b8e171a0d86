export async function cardUsers(users, extensions) {
    const pairs = await Promise.all(extensions.map(async (ext) => [ext, await users.userIdOf(ext)]));
    const byExtension = new Map(pairs);
    return { idsOf: (exts) => [...new Set(exts.flatMap((e) => { const id = byExtension.get(e); return id ? [id] : []; }))] };
}
/** USER_ID of a card command kept to the users still wanted; null (not sent) when none is. */
function keepUsers(step, still) {
    const given = Array.isArray(step.params['USER_ID']) ? step.params['USER_ID'].map(String) : [String(step.params['USER_ID'])];
    const kept = given.filter((id) => still.includes(id));
    return kept.length === 0 ? null : { ...step, params: { ...step.params, USER_ID: kept } };
}
/** A lone `telephony.externalcall.show`: asked `wanted` as it leaves. */
export function reviseCard(users, wanted, extensions) {
    return async (steps) => {
        const still = users.idsOf(await wanted(extensions));
        return steps.map((step) => keepUsers(step, still));
    };
}
/**
 * A registration chain whose cards (register's SHOW=1 for its user at `at`, a `show` for the others at `showAt`) are
 * asked `wanted` as it leaves: register goes with SHOW=0 when its user's card is no longer wanted, the `show` only to
 * those still wanted (not at all when none is). Nothing else in the chain changes.
 */
export function reviseRegistrationCards(users, wanted, showTo, at, showAt) {
    return async (steps) => {
        const still = users.idsOf(await wanted(showTo));
        return steps.map((step, i) => {
            if (i === at)
                return step.params['SHOW'] === 1 && !still.includes(String(step.params['USER_ID'])) ? { ...step, params: { ...step.params, SHOW: 0 } } : step;
            return i === showAt ? keepUsers(step, still) : step;
        });
    };
}
