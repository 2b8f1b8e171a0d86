import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type E164 = string;

const DIGITS_ONLY = /^\d+$/;

/** Strips the characters people and PBXes put around numbers (spaces, dashes, dots, brackets). */
function cleanNumber(raw: string): string {
  return raw.trim().replace(/[\s\-().]/g, '');
}

/**
 * Normalises a phone number to E.164 (`+74951234567`), reading national forms with `defaultCountry`
 * (ISO 3166 alpha-2, e.g. 'RU', 'NL'). Returns null when the input is empty, not a number, or not a possible number.
 */
export function normalizePhoneNumber(raw: string, defaultCountry: string): E164 | null {
  const cleaned = cleanNumber(raw);
  if (cleaned === '' || !/^\+?\d+$/.test(cleaned)) return null;
  const parsed = parsePhoneNumberFromString(cleaned, defaultCountry.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

/** An internal number is an extension: digits only, at most `maxLength` long (MikoPBX PBXInternalExtensionLength). */
export function isInternalNumber(value: string, maxLength: number): boolean {
  return value.length > 0 && value.length <= maxLength && DIGITS_ONLY.test(value);
}

/** E.164 form when the number can be normalised, else the cleaned raw value (never loses the number). */
export function toExternalNumber(raw: string, defaultCountry: string): string {
  return normalizePhoneNumber(raw, defaultCountry) ?? cleanNumber(raw);
}
