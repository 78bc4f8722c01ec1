import type { IDataObject } from 'n8n-workflow';

import { nodesOf, numericIdOf, parseJsonString } from './common';

/**
 * Flat shapes with the fields alert and digest workflows map most (Slack, email, sheets),
 * named the same across both contract forms Appstle returns.
 */

/** Appstle's contract list record (SubscriptionContractDetailsDTO). */
export function simplifyContractDetails(record: IDataObject): IDataObject {
	const lines = parseJsonString(record.contractDetailsJSON);
	return {
		// IDs as strings in every simplified shape: int64 IDs, and one type whichever endpoint answered.
		contractId: numericIdOf(record.subscriptionContractId),
		status: typeof record.status === 'string' ? record.status.toUpperCase() : record.status,
		customerId: numericIdOf(record.customerId),
		customerName: record.customerName,
		customerEmail: record.customerEmail,
		nextBillingDate: record.nextBillingDate,
		billingInterval: record.billingPolicyInterval,
		billingIntervalCount: record.billingPolicyIntervalCount,
		deliveryInterval: record.deliveryPolicyInterval,
		deliveryIntervalCount: record.deliveryPolicyIntervalCount,
		orderAmount: record.orderAmount,
		currencyCode: record.currencyCode,
		orderName: record.orderName,
		createdAt: record.createdAt,
		updatedAt: record.updatedAt,
		lines: Array.isArray(lines)
			? (lines as IDataObject[]).map((line) => ({
					title: line.title,
					variantTitle: line.variantTitle,
					quantity: line.quantity,
					productId: numericIdOf(line.productId),
					variantId: numericIdOf(line.variantId),
				}))
			: (lines as IDataObject),
	};
}

/** Shopify's SubscriptionContract, as most contract mutations return it. */
export function simplifyShopifyContract(record: IDataObject): IDataObject {
	const contract = (record.subscriptionContract as IDataObject | undefined) ?? record;
	const customer = (contract.customer as IDataObject | undefined) ?? {};
	const billing = (contract.billingPolicy as IDataObject | undefined) ?? {};
	const delivery = (contract.deliveryPolicy as IDataObject | undefined) ?? {};
	const deliveryPrice = (contract.deliveryPrice as IDataObject | undefined) ?? {};
	const address = ((contract.deliveryMethod as IDataObject | undefined)?.address as IDataObject | undefined) ?? undefined;
	return {
		contractId: numericIdOf(contract.id),
		status: contract.status,
		customerId: numericIdOf(customer.id),
		customerName: customer.displayName ?? [customer.firstName, customer.lastName].filter(Boolean).join(' '),
		customerEmail: customer.email,
		nextBillingDate: contract.nextBillingDate,
		billingInterval: billing.interval,
		billingIntervalCount: billing.intervalCount,
		deliveryInterval: delivery.interval,
		deliveryIntervalCount: delivery.intervalCount,
		deliveryPrice: deliveryPrice.amount,
		currencyCode: deliveryPrice.currencyCode,
		lastPaymentStatus: contract.lastPaymentStatus,
		note: contract.note,
		shippingAddress: address,
		createdAt: contract.createdAt,
		updatedAt: contract.updatedAt,
		lines: nodesOf(contract.lines).map((line) => ({
			lineId: line.id,
			title: line.title,
			variantTitle: line.variantTitle,
			quantity: line.quantity,
			price: (line.currentPrice as IDataObject | undefined)?.amount,
			productId: numericIdOf(line.productId),
			variantId: numericIdOf(line.variantId),
			sellingPlanName: line.sellingPlanName,
		})),
	};
}

/** Appstle's order record (SubscriptionBillingAttemptDTO). */
export function simplifyBillingAttempt(record: IDataObject): IDataObject {
	return {
		id: record.id,
		contractId: record.contractId,
		status: record.status,
		billingDate: record.billingDate,
		orderName: record.orderName,
		orderAmount: record.orderAmount,
		attemptCount: record.attemptCount,
		message: record.billingAttemptResponseMessage,
		products: Array.isArray(record.variantList)
			? (record.variantList as IDataObject[]).map((v) => ({
					title: v.productTitle ?? v.title,
					variantTitle: v.variantTitle,
					quantity: v.quantity,
					variantId: v.variantId,
				}))
			: undefined,
	};
}

/** A past-orders report row (SubscriptionBillingAttemptDetails): the order plus who it belongs to. */
export function simplifyBillingAttemptReport(record: IDataObject): IDataObject {
	const attempt = (record.subscriptionBillingAttempt as IDataObject | undefined) ?? record;
	const contract = (record.subscriptionContractDetails as IDataObject | undefined) ?? {};
	return {
		...simplifyBillingAttempt(attempt),
		contractStatus: typeof contract.status === 'string' ? contract.status.toUpperCase() : contract.status,
		customerId: contract.customerId,
		customerName: contract.customerName,
		customerEmail: contract.customerEmail,
	};
}

/** Shopify's SubscriptionContract with its discounts, whose IDs Remove Discount needs. */
export function simplifyShopifyContractDiscounts(record: IDataObject): IDataObject {
	const contract = (record.subscriptionContract as IDataObject | undefined) ?? record;
	return {
		...simplifyShopifyContract(record),
		discounts: nodesOf(contract.discounts).map((discount) => {
			const value = (discount.value as IDataObject | undefined) ?? {};
			const amount = value.amount as IDataObject | undefined;
			return {
				discountId: discount.id,
				title: discount.title,
				type: discount.type,
				percentage: value.percentage,
				amount: amount?.amount,
				currencyCode: amount?.currencyCode,
				appliesOnEachItem: value.appliesOnEachItem,
				recurringCycleLimit: discount.recurringCycleLimit,
				usageCount: discount.usageCount,
			};
		}),
	};
}

/** Shopify's CustomerPaymentMethod: what a card or wallet is and whether it still works. */
export function simplifyPaymentMethod(record: IDataObject): IDataObject {
	const instrument = (record.instrument as IDataObject | undefined) ?? {};
	return {
		paymentMethodId: record.id,
		type: instrument.__typename,
		brand: instrument.brand,
		lastDigits: instrument.lastDigits,
		expiryMonth: instrument.expiryMonth,
		expiryYear: instrument.expiryYear,
		name: instrument.name ?? instrument.paypalAccountEmail,
		revokedAt: record.revokedAt,
		revokedReason: record.revokedReason,
		subscriptionIds: nodesOf(record.subscriptionContracts).map((c) => numericIdOf(c.id)),
	};
}

/** Numeric IDs from Appstle’s JSON-encoded product/variant lists (`"[{\"id\":123,…}]"`). */
function idsOfJsonList(value: unknown): Array<string | undefined> | undefined {
	const list = parseJsonString(value);
	if (!Array.isArray(list)) return undefined;
	return list.map((entry) =>
		numericIdOf(entry !== null && typeof entry === 'object' ? (entry as IDataObject).id : entry),
	);
}

/** A selling plan (FrequencyInfoDTO): how often it delivers and bills, and its discount. */
export function simplifySellingPlan(plan: IDataObject): IDataObject {
	return {
		sellingPlanId: numericIdOf(plan.id ?? plan.idNew),
		name: plan.frequencyName,
		description: plan.frequencyDescription,
		planType: plan.planType,
		deliveryInterval: plan.frequencyInterval,
		deliveryIntervalCount: plan.frequencyCount,
		billingInterval: plan.billingFrequencyInterval,
		billingIntervalCount: plan.billingFrequencyCount,
		discountType: plan.discountEnabled ? plan.discountType : undefined,
		discount: plan.discountEnabled ? plan.discountOffer : undefined,
		minCycles: plan.minCycles,
		maxCycles: plan.maxCycles,
		groupName: plan.groupName,
	};
}

/** A subscription plan (selling plan group, SubscriptionGroupV2DTO) with its IDs decoded. */
export function simplifySubscriptionGroup(record: IDataObject): IDataObject {
	const plans = Array.isArray(record.subscriptionPlans) ? (record.subscriptionPlans as IDataObject[]) : [];
	return {
		id: record.id,
		groupName: record.groupName,
		productCount: record.productCount,
		variantCount: record.productVariantCount,
		productIds: idsOfJsonList(record.productIds),
		variantIds: idsOfJsonList(record.variantIds),
		sellingPlans: plans.map(simplifySellingPlan),
	};
}

/** An activity-log entry with its `additionalInfo` JSON text decoded into an object. */
export function simplifyActivityLog(record: IDataObject): IDataObject {
	const out: IDataObject = { ...record, additionalInfo: parseJsonString(record.additionalInfo) as IDataObject };
	delete out.shop;
	return out;
}

/** A product swap rule with its variant lists decoded from JSON text. */
export function simplifyProductSwap(record: IDataObject): IDataObject {
	const out: IDataObject = {
		...record,
		sourceVariants: parseJsonString(record.sourceVariants) as IDataObject[],
		destinationVariants: parseJsonString(record.destinationVariants) as IDataObject[],
	};
	delete out.shop;
	return out;
}
