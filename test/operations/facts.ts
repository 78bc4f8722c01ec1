import type { SandboxState } from '../sandbox/state';
import type { Facts } from './types';

function numericTail(gid: string): string {
	return /(\d+)$/.exec(gid)?.[1] ?? gid;
}

/** Picks well-connected seed objects, so each case works on data that really exists. */
export function factsFrom(state: SandboxState): Facts {
	const attemptsOf = (contractId: number, status: string) =>
		state.billingAttempts.filter((a) => a.contractId === contractId && a.status === status);
	const customerOf = (id: number) => state.customers.find((c) => c.id === id)!;
	const active =
		state.contracts.find(
			(c) =>
				c.status === 'active' &&
				c.lines.length >= 2 &&
				!customerOf(c.customerId).failingCard &&
				attemptsOf(c.contractId, 'QUEUED').length > 0 &&
				attemptsOf(c.contractId, 'SUCCESS').length > 0,
		) ?? state.contracts.find((c) => c.status === 'active')!;
	const customer = customerOf(active.customerId);
	const anyAttempt = (status: string) =>
		attemptsOf(active.contractId, status)[0] ?? state.billingAttempts.find((a) => a.status === status)!;
	const group = state.subscriptionGroups[0];
	const bundleInUse = (ref: string) =>
		state.contracts.some((c) => c.status === 'active' && c.lines.some((l) => l.customAttributes.some((a) => a.value === ref)));
	const unusedBundle = state.bundles.find((b) => !bundleInUse(b.uniqueRef)) ?? state.bundles[state.bundles.length - 1];
	const discounted = state.contracts.find((c) => c.status === 'active' && c.discounts.length > 0)!;
	const nextQueued = (contractId: number) =>
		state.billingAttempts
			.filter((a) => a.contractId === contractId && a.status === 'QUEUED')
			.sort((a, b) => a.billingDate.localeCompare(b.billingDate))[0];
	const oneOff = state.oneOffs.find((o) => nextQueued(o.subscriptionContractId)?.id === o.billingAttemptId)!;
	const futureSkip = state.billingAttempts.find(
		(a) =>
			a.status === 'SKIPPED' &&
			Date.parse(a.billingDate) > Date.now() &&
			state.contracts.some((c) => c.contractId === a.contractId && c.status !== 'cancelled'),
	);
	const secondVariant = state.products.flatMap((p) => p.variants).find((v) => v.id !== active.lines[0].variantId)!;
	return {
		shop: state.shop,
		activeContractId: String(active.contractId),
		pausedContractId: String(state.contracts.find((c) => c.status === 'paused')!.contractId),
		cancelledContractId: String(state.contracts.find((c) => c.status === 'cancelled')!.contractId),
		customerId: String(customer.id),
		customerEmail: customer.email,
		customerName: `${customer.firstName} ${customer.lastName}`,
		lineId: active.lines[0].id,
		secondLineId: (active.lines[1] ?? active.lines[0]).id,
		productId: String(active.lines[0].productId),
		variantId: String(active.lines[0].variantId),
		upcomingAttemptId: String(anyAttempt('QUEUED').id),
		skippedAttemptId: String((futureSkip ?? anyAttempt('SKIPPED')).id),
		pastAttemptId: String(anyAttempt('SUCCESS').id),
		subscriptionGroupId: String(group.id),
		sellingPlanId: numericTail(group.plans[0].id),
		bundleId: String(state.bundles[0].id),
		bundleHandle: state.bundles[0].uniqueRef,
		productSwapId: String(state.productSwaps[0].id),
		paymentMethodId: customer.paymentMethods[0].id,
		contractCount: state.contracts.length,
		customerContractCount: state.contracts.filter((c) => c.customerId === customer.id).length,
		secondVariantId: String(secondVariant.id),
		unusedBundleId: String(unusedBundle.id),
		swapSourceVariantId: String(state.productSwaps[0].sourceVariants[0].variantId),
		discountContractId: String(discounted.contractId),
		discountId: discounted.discounts[0].id,
		discountCode: state.discountCodes[0].code,
		oneOffContractId: String(oneOff.subscriptionContractId),
		oneOffAttemptId: String(oneOff.billingAttemptId),
		oneOffVariantId: String(oneOff.variantId),
	};
}
