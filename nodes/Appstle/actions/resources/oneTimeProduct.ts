import type { IDataObject } from 'n8n-workflow';

import { billingAttemptField, contractField, variantField as variantFieldOf } from '../common';
import { defineResource, type FieldDef, type OperationSpec } from '../types';

const resource = 'oneTimeProduct';

const contractQuery = contractField('query');
const orderQuery = billingAttemptField('query', 'billingAttemptId');

const variantField: FieldDef = variantFieldOf('query');

const operations: OperationSpec[] = [
	{
		operation: 'add',
		name: 'Add',
		action: 'Add a product to a single order',
		description:
			'Add a product to one upcoming order of a subscription only; it is not repeated. If the order is not queued, Appstle adds it to the next upcoming order instead.',
		method: 'PUT',
		path: '/subscription-contract-one-offs-by-contractId-and-billing-attempt-id',
		fields: [
			contractQuery,
			orderQuery,
			variantField,
			{
				name: 'variantHandle',
				label: 'Product Handle',
				type: 'string',
				in: 'query',
				required: true,
				placeholder: 'e.g. coffee-beans',
				description: 'The handle (URL name) of the variant’s product',
			},
			{ name: 'quantity', label: 'Quantity', type: 'integer', in: 'query', minValue: 1, default: 1 },
		],
		idempotent: true,
		effect: 'write',
	},
	{
		operation: 'remove',
		name: 'Remove',
		action: 'Remove a product from a single order',
		description: 'Take a one-time product off an upcoming order; the output lists the one-time products left',
		notice:
			'Running this takes the one-time product off the upcoming order: the customer no longer gets it, or pays for it, with that order',
		method: 'DELETE',
		path: '/subscription-contract-one-offs-by-contractId-and-billing-attempt-id',
		fields: [contractQuery, orderQuery, variantField],
		idempotent: true,
		effect: 'destructive',
		output: {
			items: (body) => [{ deleted: true, remaining: (Array.isArray(body) ? body : []) as IDataObject[] }],
		},
	},
	{
		operation: 'getManyForNextOrder',
		name: 'Get Many for Next Order',
		action: 'Get many products added to the next order',
		description: 'List the one-time products added to the next upcoming order of a subscription',
		method: 'GET',
		path: '/upcoming-subscription-contract-one-offs-by-contractId',
		fields: [contractQuery],
		idempotent: true,
		effect: 'read',
		list: { pagination: 'none' },
	},
	{
		operation: 'getMany',
		name: 'Get Many',
		action: 'Get many products added to single orders',
		description: 'List the one-time products added to any upcoming order of a subscription',
		method: 'GET',
		path: '/subscription-contract-one-offs-by-contractId',
		fields: [contractQuery],
		idempotent: true,
		effect: 'read',
		list: { pagination: 'none' },
	},
];

export const oneTimeProductResource = defineResource(
	{
		value: resource,
		name: 'One-Time Product',
		description: 'Add-ons shipped once with a single upcoming order of a subscription',
	},
	operations,
);
