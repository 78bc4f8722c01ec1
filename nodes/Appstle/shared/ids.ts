/**
 * Reading Shopify and Appstle IDs: a plain positive integer (`27510000001`) or a Shopify GID
 * (`gid://shopify/SubscriptionContract/27510000001`, optionally with `?…` parameters). The one
 * place that knows both shapes; every reader in the nodes goes through it. Digits stay text:
 * Shopify IDs are int64, which a JS number cannot hold exactly.
 *
 * The functions here never throw: callers that read user input turn `undefined` into their own
 * error naming the field, callers that read Appstle's records treat it as "no ID".
 */

/** `gid://shopify/<Type>/<id>` with optional `?…` parameters; the id may be digits or opaque (a line's UUID). */
const GID_PATTERN = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?#\s]+)(\?[^#\s]*)?$/;

/** The largest ID Appstle (a Java long) and Shopify can store. */
export const INT64_MAX = '9223372036854775807';

/** `gidType` of an ID that may name an object of any type (the activity log's entity). */
export const ANY_GID_TYPE = '*';

export interface ShopifyGid {
	/** e.g. `SubscriptionContract` */
	type: string;
	/** What follows the type: digits for most objects, opaque text for some (`SubscriptionLine`). */
	id: string;
}

/** The type and id of a Shopify GID, or undefined when `text` is not one. */
export function parseShopifyGid(text: string): ShopifyGid | undefined {
	const match = GID_PATTERN.exec(text.trim());
	return match ? { type: match[1], id: match[2] } : undefined;
}

/** True when a GID of `type` is acceptable where `gidType` is asked for. */
export function gidTypeMatches(type: string, gidType: string): boolean {
	return gidType === ANY_GID_TYPE || type === gidType;
}

/** Digits only (`/^\d+$/`), nothing else: no sign, space, exponent or fraction. */
export function isDigits(text: string): boolean {
	return /^\d+$/.test(text);
}

/**
 * The digits of a positive integer that fits int64, leading zeros dropped (they carry no digit of
 * the value and are not valid in a JSON number); undefined for anything else.
 */
export function int64Digits(text: string): string | undefined {
	if (!isDigits(text)) return undefined;
	const digits = text.replace(/^0+(?=\d)/, '');
	if (digits === '0') return undefined;
	if (digits.length > INT64_MAX.length || (digits.length === INT64_MAX.length && digits > INT64_MAX)) return undefined;
	return digits;
}

/**
 * The digits of an ID given as a positive safe-integer number, as digits, or as a GID of
 * `gidType` (or of any type with `ANY_GID_TYPE`) whose id is digits; undefined for anything else
 * (other GID types, opaque GIDs, unsafe numbers, zero, int64 overflow, blanks).
 */
export function idDigitsOf(value: unknown, gidType: string): string | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? String(value) : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (isDigits(text)) return int64Digits(text);
	const gid = parseShopifyGid(text);
	return gid && gidTypeMatches(gid.type, gidType) ? int64Digits(gid.id) : undefined;
}

/**
 * An ID's digits as the number an item carries (`subscriptionId`, `customerId`), when a JS number
 * holds it exactly; null otherwise (never a rounded neighbour of the real ID).
 */
export function idNumberOf(digits: string | undefined): number | null {
	if (digits === undefined) return null;
	const value = Number(digits);
	return Number.isSafeInteger(value) ? value : null;
}
