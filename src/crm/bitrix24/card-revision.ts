import type { CardsWanted } from '../adapter.js';
import type { ChainStep, Revise } from './bitrix24-client.js';
import type { UserDirectory } from './user-directory.js';

/** Extensions → Bitrix24 user ids, looked up once when a card is queued, so the check as it leaves needs no lookup. */
export interface CardUsers { idsOf(extensions: readonly string[]): string[] }

export async function cardUsers(users: UserDirectory, extensions: readonly string[]): Promise<CardUsers> {
  const pairs = await Promise.all(extensions.map(async (ext) => [ext, await users.userIdOf(ext)] as const));
  const byExtension = new Map(pairs);
  return { idsOf: (exts) => [...new Set(exts.flatMap((e) => { const id = byExtension.get(e); return id ? [id] : []; }))] };
}

/** USER_ID of a card command kept to the users still wanted; null (not sent) when none is. */
function keepUsers(step: ChainStep, still: readonly string[]): ChainStep | null {
  const given = Array.isArray(step.params['USER_ID']) ? (step.params['USER_ID'] as unknown[]).map(String) : [String(step.params['USER_ID'])];
  const kept = given.filter((id) => still.includes(id));
  return kept.length === 0 ? null : { ...step, params: { ...step.params, USER_ID: kept } };
}

/** A lone `telephony.externalcall.show`: asked `wanted` as it leaves. */
export function reviseCard(users: CardUsers, wanted: CardsWanted, extensions: readonly string[]): Revise {
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
export function reviseRegistrationCards(
  users: CardUsers, wanted: CardsWanted, showTo: readonly string[], at: number, showAt: number | null,
): Revise {
  return async (steps) => {
    const still = users.idsOf(await wanted(showTo));
    return steps.map((step, i) => {
      if (i === at) return step.params['SHOW'] === 1 && !still.includes(String(step.params['USER_ID'])) ? { ...step, params: { ...step.params, SHOW: 0 } } : step;
      return i === showAt ? keepUsers(step, still) : step;
    });
  };
}
