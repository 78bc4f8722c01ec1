import type { IDataObject } from 'n8n-workflow';

import { nodesOf } from '../../shared/records';
import { contractField, customerField } from '../common';
import { simplifyPaymentMethod } from '../../shared/simplify';
import { defineResource, type OperationSpec } from '../types';

const resource = 'paymentMethod';

const contractQuery = contractField('query');

/** Shopify's `paymentMethods` connection, bare or still inside its customer. */
function paymentMethodsOf(body: unknown): IDataObject[] {
	if (!body || typeof body !== 'object') return [];
	const object = body as IDataObject;
	const connection =
		object.paymentMethods ?? (object.customer as IDataObject | undefined)?.paymentMethods ?? object;
	return nodesOf(connection);
}

const operations: OperationSpec[] = [
	{
		operation: 'getMany',
		name: 'Get Many',
		action: 'Get many payment methods of a customer',
		description: 'List the payment methods Shopify stores for a customer, with card brand, last digits and expiry',
		method: 'GET',
		path: '/subscription-contract-details/shopify/customer/{customerId}/payment-methods',
		fields: [
			customerField('path'),
			{
				name: 'allowRevokedMethod',
				label: 'Include Revoked',
				type: 'boolean',
				in: 'query',
				description: 'Whether to include revoked and expired payment methods',
			},
		],
		idempotent: true,
		effect: 'read',
		list: { pagination: 'none', itemsOf: paymentMethodsOf },
		output: { simplify: simplifyPaymentMethod },
	},
	{
		operation: 'switch',
		name: 'Switch',
		action: 'Switch the payment method of a subscription',
		description: 'Charge a subscription’s future orders to another payment method the customer already has in Shopify',
		notice:
			'Running this changes the card (payment method) that every future order of the subscription is charged to, without asking the customer. Use a payment method of the subscription’s own customer.',
		method: 'PUT',
		path: '/subscription-contracts-update-existing-payment-method',
		fields: [
			contractQuery,
			{
				name: 'paymentMethodId',
				label: 'Payment Method ID',
				type: 'gid',
				gidType: 'CustomerPaymentMethod',
				in: 'query',
				required: true,
				placeholder: 'e.g. gid://shopify/CustomerPaymentMethod/…',
				description: 'One of the customer’s stored payment methods (Get Many)',
			},
		],
		idempotent: true,
		effect: 'write',
	},
	{
		operation: 'sendUpdateEmail',
		name: 'Send Update Email',
		action: 'Send a payment method update email',
		description: 'Ask the customer to update the card of a subscription: Shopify emails them a secure link. It does not change the payment method itself.',
		notice:
			'Running this makes Shopify email the customer a link to update their card, once per input item',
		method: 'PUT',
		path: '/subscription-contracts-update-payment-method',
		fields: [contractQuery],
		idempotent: false,
		effect: 'email',
	},
	{
		operation: 'associateExternalGateway',
		name: 'Associate External Gateway',
		action: 'Associate an external gateway payment method with a customer',
		description:
			'Create a Shopify payment method for a customer from a card or billing agreement stored at Stripe, Braintree, PayPal or Authorize.net. Give the customer by ID or email.',
		method: 'GET',
		path: '/associate-shopify-customer-to-external-payment-gateways',
		fields: [
			{
				name: 'paymentGateway',
				label: 'Payment Gateway',
				type: 'options',
				in: 'query',
				required: true,
				options: [
					{ name: 'Authorize.net', value: 'authorize_net' },
					{ name: 'Braintree', value: 'braintree' },
					{ name: 'PayPal', value: 'paypal' },
					{ name: 'Stripe', value: 'stripe' },
				],
				default: 'stripe',
			},
			{
				name: 'paymentProfileId',
				label: 'Payment Profile ID',
				type: 'string',
				in: 'query',
				required: true,
				placeholder: 'e.g. pm_1Nx…',
				description: 'The payment method, card or billing agreement ID at the gateway',
			},
			{ name: 'customerId', label: 'Customer ID', type: 'id', gidType: 'Customer', in: 'query', description: 'The Shopify customer' },
			{ name: 'email', label: 'Email', type: 'string', in: 'query', placeholder: 'name@email.com', description: 'The Shopify customer’s email, when no customer ID is given' },
			{
				name: 'customerProfileId',
				label: 'Customer Profile ID',
				type: 'string',
				in: 'query',
				placeholder: 'e.g. cus_Nx…',
				description: 'The customer’s ID at the gateway; needed for every gateway except PayPal',
			},
		],
		idempotent: false,
		effect: 'write',
	},
];

export const paymentMethodResource = defineResource(
	{
		value: resource,
		name: 'Payment Method',
		description: 'Customers’ stored payment methods and the method a subscription is charged to',
	},
	operations,
);
