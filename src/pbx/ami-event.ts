/**
 * One AMI event after normalisation: the only shape of PBX data that leaves pbx/.
 * Keys of `fields` are lower-case (AMI keys are case-insensitive); a repeated key keeps its first value
 * in `fields` and every value in `multi`; the literal `<unknown>` becomes ''.
 */
export interface AmiEvent {
  /** Value of the `Event:` header exactly as sent, e.g. `Newchannel`. */
  readonly name: string;
  readonly fields: Readonly<Record<string, string>>;
  /** Keys that appeared more than once, with all their values in order (e.g. `chanvariable`). */
  readonly multi: Readonly<Record<string, readonly string[]>>;
  /** `ChanVariable: NAME=value` of the event's own channel, plus VarSet's Variable/Value pair. */
  readonly vars: Readonly<Record<string, string>>;
  /** `Timestamp` header in ms when present (timestampevents=yes), else the time the frame was received. */
  readonly timeMs: number;
}

/** A response to one of our actions (`Response:` frame), normalised like an event. */
export interface AmiResponse {
  readonly response: string;
  readonly actionId: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly multi: Readonly<Record<string, readonly string[]>>;
}
