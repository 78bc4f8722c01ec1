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
		contractId: record.subscriptionContractId,
		status: typeof record.status === 'string' ? record.status.toUpperCase() : record.status,
		customerId: record.customerId,
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
