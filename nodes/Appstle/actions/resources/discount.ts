import { contractField } from '../common';
import { simplifyShopifyContractDiscounts } from '../../shared/simplify';
import { defineResource, type OperationSpec } from '../types';

const resource = 'discount';

const contractQuery = contractField('query');
const contractOutput = { simplify: simplifyShopifyContractDiscounts };

const operations: OperationSpec[] = [
	{
		operation: 'apply',
		name: 'Apply Code',
		action: 'Apply a discount code to a subscription',
		description: 'Apply an existing Shopify discount code to the future orders of a subscription',
		method: 'PUT',
		path: '/subscription-contracts-apply-discount',
		fields: [
			contractQuery,
			{
				name: 'discountCode',
				label: 'Discount Code',
				type: 'string',
				in: 'query',
				required: true,
				placeholder: 'e.g. WELCOME10',
			},
		],
		idempotent: false,
		effect: 'write',
		output: contractOutput,
	},
	{
		operation: 'add',
		name: 'Add',
		action: 'Add a discount to a subscription',
		description: 'Give a subscription a manual discount, as a percentage or a fixed amount, optionally for a limited number of orders. Set a percentage or an amount.',
		method: 'PUT',
		path: '/subscription-contracts-add-discount',
		fields: [
			contractQuery,
			{
				name: 'discountType',
				label: 'Discount Type',
				type: 'options',
				in: 'query',
				options: [
					{ name: 'Percentage', value: 'PERCENTAGE' },
					{ name: 'Fixed Amount', value: 'FIXED_AMOUNT' },
				],
				default: 'PERCENTAGE',
			},
			{
				name: 'percentage',
				label: 'Percentage',
				type: 'integer',
				in: 'query',
				minValue: 1,
				maxValue: 100,
				default: 10,
				description: 'The percentage taken off, as a whole number',
			},
			{
				name: 'amount',
				label: 'Amount',
				type: 'number',
				in: 'query',
				minValue: 0,
				description: 'The fixed amount taken off, in the subscription’s currency',
			},
			{
				name: 'discountTitle',
				label: 'Title',
				type: 'string',
				in: 'query',
				placeholder: 'e.g. Loyalty reward',
				description: 'The name of the discount as the customer sees it',
			},
			{
				name: 'recurringCycleLimit',
				label: 'Number of Orders',
				type: 'integer',
				in: 'query',
				minValue: 1,
				default: 1,
				description: 'How many orders the discount applies to; leave out to keep it on every order',
			},
			{
				name: 'appliesOnEachItem',
				label: 'Applies on Each Item',
				type: 'boolean',
				in: 'query',
				description: 'Whether a fixed amount is taken off every item instead of once per order',
			},
		],
		idempotent: false,
		effect: 'write',
		output: contractOutput,
	},
	{
		operation: 'remove',
		name: 'Remove',
		action: 'Remove a discount from a subscription',
		description: 'Remove a discount from a subscription so later orders are charged without it',
		notice:
			'Running this removes the discount from the subscription: later orders are charged without it. To restore it, the discount has to be added again.',
		method: 'PUT',
		path: '/subscription-contracts-remove-discount',
		fields: [
			contractQuery,
			{
				name: 'discountId',
				label: 'Discount ID',
				type: 'string',
				in: 'query',
				required: true,
				placeholder: 'e.g. gid://shopify/SubscriptionManualDiscount/…',
				description: 'The discount’s ID as listed in the subscription’s discounts (Get a subscription, or the output of Add)',
			},
		],
		idempotent: true,
		effect: 'destructive',
		output: contractOutput,
	},
];

export const discountResource = defineResource(
	{
		value: resource,
		name: 'Discount',
		description: 'Discounts on subscriptions: apply codes, add manual discounts, remove them',
	},
	operations,
);
