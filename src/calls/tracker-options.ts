import type { AccountExtensionRules } from './account-extensions.js';

/** What a PBX administrator tells the tracker about the PBX: how to recognise trunks and extensions. */
export interface TrackerOptions {
  /** ISO 3166 alpha-2 country for national numbers, e.g. 'RU', 'NL'. */
  readonly defaultCountry: string;
  /** Numbers of at most this many digits are extensions (MikoPBX PBXInternalExtensionLength). */
  readonly internalMaxLength: number;
  /** Regexes matched against channel names, e.g. `^PJSIP/SIP-TRUNK-`, `^SIP/voipgrid-siproute`. */
  readonly trunkChannelPatterns: readonly string[];
  /** Regexes matched against a leg's first context, e.g. `^from-trunk$`, `-incoming$`. */
  readonly trunkContextPatterns: readonly string[];
  /** Phones named by account code (`SIP/150010001-…`): how to find their extensions. None when absent. */
  readonly accountExtensions?: AccountExtensionRules;
  /**
   * Put before every call id (a deployment file's PBX id and `~`, e.g. `office1~1733222400.17`), so two PBXs of one
   * tenant that send the same Linkedid make two calls. The escape of safeCallId never yields a lone `~` before another
   * character, so the prefix can always be told apart. None (the bare Linkedid) without a deployment file.
   */
  readonly callIdPrefix?: string;
}
