/** The activity log's history; drawn last, so it may pick from every seeded contract. */
import type { SandboxState } from '../model';
import type { Rng } from '../rng';
import { orderAmount } from './attempts';
import { DAY, iso, isoMillis } from './common';

/** ~300 historical entries over the 30 days before the epoch, oldest first. */
export function seedActivityLogs(state: SandboxState, rng: Rng): void {
	const mix: ReadonlyArray<readonly [[string, string, string, 'SUCCESS' | 'FAILURE' | 'INFO'], number]> = [
		[['SUBSCRIPTION_BILLING_ATTEMPT', 'BILLING_ATTEMPT_TRIGGERED', 'SYSTEM_EVENT', 'SUCCESS'], 70],
		[['SUBSCRIPTION_BILLING_ATTEMPT', 'BILLING_ATTEMPT_TRIGGERED', 'SYSTEM_EVENT', 'FAILURE'], 14],
		[['SUBSCRIPTION_BILLING_ATTEMPT', 'BILLING_ATTEMPT_SKIPPED', 'CUSTOMER_PORTAL', 'SUCCESS'], 18],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'CONTRACT_CREATED', 'SHOPIFY_EVENT', 'SUCCESS'], 22],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'CONTRACT_PAUSED', 'CUSTOMER_PORTAL', 'SUCCESS'], 12],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'CONTRACT_ACTIVATED', 'MERCHANT_PORTAL', 'SUCCESS'], 8],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'CONTRACT_CANCELLED', 'CUSTOMER_PORTAL', 'SUCCESS'], 12],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'NEXT_BILLING_DATE_CHANGE', 'CUSTOMER_PORTAL', 'SUCCESS'], 20],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'PRODUCT_ADD', 'CUSTOMER_PORTAL', 'SUCCESS'], 10],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'PRODUCT_QUANTITY_CHANGE', 'CUSTOMER_PORTAL', 'SUCCESS'], 10],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'PRODUCT_REMOVE', 'MERCHANT_PORTAL', 'SUCCESS'], 5],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'SHIPPING_ADDRESS_CHANGE', 'CUSTOMER_PORTAL', 'SUCCESS'], 8],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'DISCOUNT_APPLIED', 'MERCHANT_PORTAL', 'SUCCESS'], 6],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'DELIVERY_INTERVAL_CHANGE', 'CUSTOMER_PORTAL', 'SUCCESS'], 5],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'SEND_UPCOMING_ORDER_EMAIL', 'SYSTEM_EVENT', 'INFO'], 20],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'SEND_TRANSACTION_FAILED_EMAIL', 'SYSTEM_EVENT', 'INFO'], 6],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'UPDATE_QUEUED_ATTEMPTS', 'SYSTEM_EVENT', 'INFO'], 15],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'CONTRACT_PAUSED', 'MERCHANT_EXTERNAL_API', 'SUCCESS'], 6],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'NEXT_BILLING_DATE_CHANGE', 'MERCHANT_EXTERNAL_API', 'SUCCESS'], 6],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'DUNNING_SKIPPED', 'SYSTEM_EVENT', 'INFO'], 3],
		[['SHIPPING_PROFILE', 'INFORMATIONAL_EVENT', 'MERCHANT_PORTAL', 'INFO'], 2],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'SEND_SUBSCRIPTION_MANAGEMENT_LINK', 'MERCHANT_PORTAL', 'INFO'], 2],
	];
	const times: number[] = [];
	const start = state.epoch - 30 * DAY;
	for (let i = 0; i < 300; i++) times.push(start + Math.floor(rng.next() * (30 * DAY - 120_000)));
	times.sort((a, b) => a - b);
	// A few identical timestamps in a row (one action logging two events in the same ms).
	for (let i = 10; i < times.length; i += 37) times[i] = times[i - 1];
	for (const at of times) {
		const [entityType, eventType, eventSource, status] = rng.weighted(mix);
		const contract = rng.pick(state.contracts);
		const info: Record<string, unknown> = {};
		switch (eventType) {
			case 'NEXT_BILLING_DATE_CHANGE':
				info.oldNextBillingDate = iso(at + rng.int(1, 10) * DAY);
				info.newNextBillingDate = iso(at + rng.int(11, 30) * DAY);
				break;
			case 'BILLING_ATTEMPT_TRIGGERED':
				info.orderAmount = orderAmount(contract);
				if (status === 'FAILURE') info.error = 'Your card was declined.';
				break;
			case 'PRODUCT_ADD':
			case 'PRODUCT_REMOVE':
			case 'PRODUCT_QUANTITY_CHANGE':
				info.variantId = contract.lines[0]?.variantId ?? null;
				info.quantity = contract.lines[0]?.quantity ?? 1;
				break;
			case 'CONTRACT_CANCELLED':
				info.cancellationFeedback = rng.pick(['Too expensive', 'Moving', 'Other']);
				break;
			default:
				break;
		}
		state.activityLogs.push({
			id: state.counters.activityLog++,
			shop: state.shop,
			entityId: entityType === 'SHIPPING_PROFILE' ? 90210001 : contract.contractId,
			entityType,
			eventSource,
			eventType,
			status,
			createAt: isoMillis(at),
			additionalInfo: JSON.stringify(Object.keys(info).length > 0 ? info : { subscriptionContractId: contract.contractId }),
		});
	}
	state.lastLogAt = times[times.length - 1];
}
