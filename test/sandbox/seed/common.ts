/**
 * Constants and date helpers shared by the seed builders and, through state.ts, by the handlers.
 * Kept free of seed imports so the seed files can depend on it without an import cycle.
 */
import type { Counters, Interval } from '../model';

export const SHOP = 'sandbox-shop.myshopify.com';
export const CURRENCY = 'USD';
export const DAY = 86_400_000;

export const FIRST_CUSTOMER_ID = 61_230_000_000;
export const FIRST_CONTRACT_ID = 27_510_000_000;
export const FIRST_ATTEMPT_ID = 500_001;
export const FIRST_LOG_ID = 3_100_001;
export const FIRST_PRODUCT_ID = 7_410_000_000_000;
export const FIRST_VARIANT_ID = 42_110_000_000_000;
export const FIRST_SELLING_PLAN_ID = 6_890_000_000;
export const FIRST_GROUP_ID = 8_830_000_000;

/** The ID counters' starting points; each seed builder advances its own. */
export function initialCounters(): Counters {
	return {
		activityLog: FIRST_LOG_ID,
		billingAttempt: FIRST_ATTEMPT_ID,
		shopifyBillingAttempt: 91_300_000_000,
		contract: FIRST_CONTRACT_ID,
		appstleContract: 1001,
		oneOff: 901,
		group: FIRST_GROUP_ID,
		sellingPlan: FIRST_SELLING_PLAN_ID,
		bundle: 301,
		productSwap: 41,
		order: 5_610_000_000_000,
		orderName: 1001,
		deliveryProfile: 71,
		discount: 1,
	};
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * `Date#toISOString` by arithmetic (days-to-civil), several times faster than the
 * native call; seeding formats a few thousand timestamps.
 */
function formatIso(ms: number, millis: boolean): string {
	const days = Math.floor(ms / 86_400_000);
	let rem = ms - days * 86_400_000;
	const z = days + 719_468;
	const era = Math.floor(z / 146_097);
	const doe = z - era * 146_097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
	if (year < 1000 || year > 9999) return millis ? new Date(ms).toISOString() : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const h = Math.floor(rem / 3_600_000);
	rem -= h * 3_600_000;
	const mi = Math.floor(rem / 60_000);
	rem -= mi * 60_000;
	const sec = Math.floor(rem / 1000);
	const msPart = Math.round(rem - sec * 1000);
	const base = `${year}-${pad2(month)}-${pad2(day)}T${pad2(h)}:${pad2(mi)}:${pad2(sec)}`;
	if (!millis) return `${base}Z`;
	return `${base}.${String(msPart).padStart(3, '0')}Z`;
}

/** ISO-8601 UTC to the second (e.g. 2024-03-15T10:30:00Z), as Appstle DTOs and Shopify objects show dates. */
export function iso(ms: number): string {
	return formatIso(ms, false);
}

/** ISO-8601 UTC, always with milliseconds (activity-log createAt). */
export function isoMillis(ms: number): string {
	return formatIso(ms, true);
}

export function addInterval(ms: number, interval: Interval, count: number): number {
	const d = new Date(ms);
	switch (interval) {
		case 'DAY':
			return ms + count * DAY;
		case 'WEEK':
			return ms + count * 7 * DAY;
		case 'MONTH':
			d.setUTCMonth(d.getUTCMonth() + count);
			return d.getTime();
		case 'YEAR':
			d.setUTCFullYear(d.getUTCFullYear() + count);
			return d.getTime();
	}
}
