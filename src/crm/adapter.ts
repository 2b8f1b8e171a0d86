import type { Direction, Disposition, UnobservedEndReason } from '../calls/call.js';
import type { E164 } from '../calls/phone-number.js';

export type EntityKind = 'contact' | 'company' | 'lead' | 'deal';

export interface EntityRef {
  readonly kind: EntityKind;
  readonly id: string;
}

/**
 * What the CRM says about a client, for routing by client data (rules file `clientRules`). Each adapter's docs say
 * which fields it fills; field names are the CRM's own (Bitrix24 `TYPE_ID`, `UF_CRM_…`; webhook: your `fields`).
 */
export interface ClientData {
  /** Field → value; a field with several values (a multi-select, the stages of several open deals) is a list. */
  readonly fields: Readonly<Record<string, string | readonly string[]>>;
  readonly tags: readonly string[];
}

/** What the CRM knows about a phone number. */
export interface PhoneMatch {
  /** The best entity to bind the call to (contact first, then company, lead, deal). */
  readonly entity: EntityRef;
  readonly name: string | null;
  /** Extension of the entity's responsible person, when the CRM has one and it maps to an extension. */
  readonly responsibleExtension: string | null;
  /** Open (not closed/won/lost) deals and leads of this client, for the repeat-sales rule. An adapter may leave it
   *  empty without looking unless the lookup asked for it (PhoneLookup.openWork). */
  readonly openWork: readonly EntityRef[];
  /** The client's fields and tags, when the adapter reads them (absent: it does not, or there are none). */
  readonly client?: ClientData;
}

export interface NewEntity {
  readonly kind: EntityKind;
  readonly phone: E164;
  /** Contact name, or the deal/lead title (carries the phone number). */
  readonly title: string;
  readonly responsibleExtension: string | null;
  /** A deal/lead created for an existing contact is bound to it. */
  readonly contact: EntityRef | null;
  readonly source: 'inbound' | 'outbound';
}

export interface CallStart {
  /** Our stable call id (tracker id). Adapters key idempotency on it. */
  readonly callId: string;
  readonly direction: Exclude<Direction, 'internal'>;
  /** The outside number, or null when the caller withheld it (anonymous): nothing is looked up or created for it. */
  readonly phone: E164 | null;
  readonly line: string | null;
  readonly startedAtMs: number;
  /** The extension the call is registered to at first: the caller (outbound) or the first one rung (inbound). */
  readonly extension: string | null;
  readonly entity: EntityRef | null;
  /** Set when the CRM itself started the call (click-to-call) and already has an id for it. */
  readonly crmCallId: string | null;
  readonly isCallback: boolean;
  /**
   * Extensions that should see the call card right away (those ringing at registration; the caller of an outbound call).
   * An adapter with a `card` part shows the card to them as part of the registration (in the same round trip
   * where the CRM allows it); a retried registerCall shows it again at most, never to anyone else. Others ignore it.
   */
  readonly showTo: readonly string[];
  /**
   * Asked again right before the cards of `showTo` leave (they may wait for the CRM's request budget): those still
   * wanted then. An adapter that queues requests registers with no card for the others (Bitrix24: SHOW=0).
   */
  readonly cardsWanted?: CardsWanted;
  /**
   * Only for an adapter with `createOnRegister`: entities to create for this call together with its
   * registration (a new contact first, then a lead/deal bound to it; or a lone lead/deal, bound to `NewEntity.contact`
   * when set). The call is bound to the first one (unless `entity` is set). Creation is idempotent per call id and
   * kind: a retry never creates a second one.
   */
  readonly create?: readonly NewEntity[];
  /**
   * Set when the call is over by the time it is first registered (its first stage seen is the end, or its earlier
   * stages were skipped because it had ended): an adapter that can finishes it in the same round trip, shows no card,
   * and answers `CrmCallRef.finished`; otherwise sync/ finishes it with finishCall as usual.
   */
  readonly finish?: CallFinish;
}

/** The CRM-side handle of a registered call; stored by sync/ and reused on retries. */
export interface CrmCallRef {
  readonly callId: string;
  readonly crmCallId: string;
  readonly entity: EntityRef | null;
  /** The entities registerCall created from CallStart.create, in the same order (sync/ records them as created). */
  readonly created?: readonly EntityRef[];
  /** registerCall finished the call too (CallStart.finish): sync/ records the finish as done. */
  readonly finished?: boolean;
}

export interface CallFinish {
  readonly extension: string | null;    // the final user (answerer, or responsible for a missed call)
  readonly talkDurationSec: number;
  readonly disposition: Disposition;
  readonly hangupCause: number | null;
  readonly endedAtMs: number;
  readonly direction: Exclude<Direction, 'internal'>;
  /** null: an anonymous caller (as in CallStart). */
  readonly phone: E164 | null;
  readonly line: string | null;
  readonly startedAtMs: number;
  readonly answeredAtMs: number | null;
  /** The first recording (recordingFiles[0]), or null. */
  readonly recordingFile: string | null;
  /** Every recording in the order they started (a transferred call has one per answering leg), as the CRM reaches them. */
  readonly recordingFiles: readonly string[];
  /**
   * Present when the end was not seen but inferred while no bridge instance read the PBX (`pbx-restart`: the PBX died and
   * the call ended at its last sign of life; `vanished`, `stale`): disposition and times are the last known, not an outcome.
   */
  readonly endedUnobserved?: true;
  readonly endReason?: UnobservedEndReason;
  /** Present when the answer happened unseen (found bridged by a resync): answeredAtMs and the talk time are bounds. */
  readonly answerUnobserved?: true;
}

export interface CallbackTask {
  readonly callId: string;
  readonly phone: E164;
  readonly responsibleExtension: string | null;
  readonly entity: EntityRef | null;
  readonly dueAtMs: number;
  readonly title: string;
}

/** A missed call called back (or closed by hand): its call-back task is completed. */
export interface CallbackClosed {
  /** The missed call. */
  readonly callId: string;
  /** null: an anonymous caller (no task was ever created for it). */
  readonly phone: E164 | null;
  readonly atMs: number;
  /** The extension that reached the client, or null. */
  readonly by: string | null;
  /** The answered call that reached the client (`manual`: closed by hand). */
  readonly byCallId: string;
}

export interface Responsible {
  readonly extension: string;
  readonly userId: string | null;
  readonly name: string | null;
}

/** Extra wishes for a phone lookup; each costs the CRM work, so an adapter may skip what is not asked for. */
export interface PhoneLookup {
  /** Fill PhoneMatch.openWork (sync/ asks only when its repeat-sales rule reads it). Default false: may stay empty. */
  readonly openWork?: boolean;
}

/**
 * Of the extensions given, those that should still see the call card now (the call may have been answered elsewhere
 * or ended while the card waited to leave). An adapter asks it as late as it can before sending a card; none: not sent.
 */
export type CardsWanted = (extensions: readonly string[]) => Promise<readonly string[]>;

/** Shows and hides the call card to operators. Retries change nothing. */
export interface CallCardPart {
  /** `wanted`: asked right before the card leaves; the card goes only to those it answers (to none: not sent, no error). */
  show(ref: CrmCallRef, extensions: readonly string[], wanted?: CardsWanted): Promise<void>;
  hide(ref: CrmCallRef, extensions: readonly string[]): Promise<void>;
}

/** Leaves a "call back" task; once per call id. */
export interface TasksPart {
  create(ref: CrmCallRef, task: CallbackTask): Promise<void>;
  /**
   * Completes the call-back task of a missed call (ref: the missed call's) once the client was reached; idempotent,
   * and a no-op when no task was created.
   */
  complete(ref: CrmCallRef, closed: CallbackClosed): Promise<void>;
}

/** Knows who owns a number, and makes a call's agent the owner of its client. */
export interface ResponsiblePart {
  find(phone: E164): Promise<Responsible | null>;
  set(ref: CrmCallRef, extension: string): Promise<void>;
}

/**
 * Every recording of a finished call, in order (never empty). The adapter attaches as many as its CRM allows and lists
 * the rest as links in the call's description or history (its docs say which); a retry changes nothing.
 */
export interface RecordingsPart {
  attach(ref: CrmCallRef, files: readonly string[]): Promise<void>;
}

/**
 * The optional parts, by the capability name docs and settings use (WEBHOOK_CAPABILITIES). An adapter either has a part
 * or not: sync/ calls only what exists, so a capability and its methods cannot disagree.
 */
export const CRM_CAPABILITIES = { callCard: 'card', recording: 'recordings', callbackTask: 'tasks', responsible: 'responsible' } as const;
export type CrmCapability = keyof typeof CRM_CAPABILITIES;
export type CrmPart = (typeof CRM_CAPABILITIES)[CrmCapability];

/** A refusal by the CRM that lasts until a setting or the CRM changes (auth, scope, rights): shown on /ready. */
export interface CrmProblem {
  readonly method: string;
  /** The CRM's own error code. */
  readonly code: string;
  /** What happened and what fixes it (no secrets). */
  readonly message: string;
  readonly atMs: number;
}

/**
 * The contract every CRM adapter fulfils (proven by test/adapters/conformance.ts).
 * Every method is idempotent for the same call id: a retried job must not create a second call, entity or task.
 * Errors are RetryableError or PermanentError (src/errors.ts); messages never contain a secret.
 * Extensions are our language; an adapter maps them to its own user ids. Adapters map; business rules stay in sync/.
 */
export interface CrmAdapter {
  readonly name: string;
  findByPhone(phone: E164, lookup?: PhoneLookup): Promise<PhoneMatch | null>;
  createEntity(entity: NewEntity): Promise<EntityRef>;
  /** A failure after the CRM registered the call (a creation, a card of the same request) is thrown as afterRegistration(err). */
  registerCall(call: CallStart): Promise<CrmCallRef>;
  finishCall(ref: CrmCallRef, end: CallFinish): Promise<void>;
  /** Maps a CRM user id (e.g. from a click-to-call event) to that user's extension; null when it has none. */
  extensionOfUser(crmUserId: string): Promise<string | null>;
  /** The CRM's own page of an entity (the console's link from a call card); absent where the CRM has no page to open. */
  entityUrl?(entity: EntityRef): string | null;
  close(): Promise<void>;
  readonly card?: CallCardPart;
  readonly tasks?: TasksPart;
  readonly responsible?: ResponsiblePart;
  readonly recordings?: RecordingsPart;
  /**
   * registerCall creates CallStart.create in the same round trip and binds the call to it (a flag, not a part: it
   * changes what registerCall does rather than adding methods).
   */
  readonly createOnRegister?: boolean;
  /**
   * How many call stages may usefully wait on this adapter at once. An adapter whose client queues every request and
   * sends them together under the CRM's request budget (Bitrix24's portal-wide `batch`) sets it well above
   * WORKER_CONCURRENCY: a stage waiting for the budget costs a promise, not a request, and the budget (not the number of
   * workers) then decides when a batch goes and how full it is. The sync workers run max(WORKER_CONCURRENCY, this).
   */
  readonly stagesInFlight?: number;
  /**
   * Every request counts (a portal-wide request budget: Bitrix24), so sync/ spends none on a moment that can share
   * another's: a consult call's card for the colleague pops when the consult is answered, with the hand-over (the first
   * operator's card closed, the owner changed: one request), not as it rings; and an owner change with no card change
   * to go with waits for the end, where it shares the finish's request.
   */
  readonly fewerRequests?: boolean;
  /** The CRM's standing refusal (credentials, auth type, scope, rights), or null once the refused method works again. */
  problem?(): CrmProblem | null;
}
