import { customerField, ignoredIdField } from '../common';
import { defineResource, type FieldDef, type OperationSpec } from '../types';

const resource = 'customerPortal';

const emailPlaceholder = 'e.g. nathan@example.com';

/** The customer's email as a required query field; `apiName` where Appstle names it differently. */
const customerEmail = (apiName?: string): FieldDef => ({
	name: 'email',
	apiName,
	label: 'Email',
	type: 'string',
	in: 'query',
	required: true,
	placeholder: emailPlaceholder,
	description: 'The email address of the Shopify customer',
});

const operations: OperationSpec[] = [
	{
		operation: 'getManagementLink',
		name: 'Get Management Link',
		action: 'Get the subscription management link of a customer',
		description:
			'Get a link that signs the customer straight into the customer portal, with the time it expires; nothing is sent to the customer',
		method: 'GET',
		path: '/manage-subscription-link/{customerId}',
		fields: [customerField('path')],
		idempotent: true,
		effect: 'read',
	},
	{
		operation: 'getManagementLinkByEmail',
		name: 'Get Management Link by Email',
		action: 'Get a subscription management link by email',
		description:
			'Get a link that signs the customer with this email straight into the customer portal, with the time it expires; nothing is sent to the customer',
		method: 'GET',
		path: '/manage-subscription-link',
		fields: [
			customerEmail('emailId'),
		],
		idempotent: true,
		effect: 'read',
	},
	{
		operation: 'getToken',
		name: 'Get Token',
		action: 'Get a customer portal token',
		description:
			'Get a token that authenticates a customer in a custom customer portal; give the customer’s ID or email',
		method: 'GET',
		path: '/customer-portal-token',
		fields: [
			customerField('query', 'customerId', {
				label: 'Customer ID',
				required: false,
				locator: undefined,
				description: 'The Shopify customer, by numeric ID or GID; or give Email instead',
			}),
			{
				name: 'email',
				label: 'Email',
				type: 'string',
				in: 'query',
				placeholder: emailPlaceholder,
				description: 'The customer’s email address; or give Customer ID instead',
			},
		],
		idempotent: true,
		effect: 'read',
	},
	{
		operation: 'sendMagicLink',
		name: 'Send Magic Link',
		action: 'Send a magic link to a customer',
		description:
			'Email the customer a link that signs them into the customer portal without a password (valid for about two hours). The customer must have a subscription.',
		notice:
			'Running this emails the customer a sign-in link to the customer portal, once per input item',
		method: 'GET',
		path: '/subscription-contracts-email-magic-link',
		fields: [
			customerEmail(),
		],
		idempotent: false,
		effect: 'email',
	},
	{
		operation: 'getSettings',
		name: 'Get Settings',
		action: 'Get the customer portal settings',
		description: 'Get the shop’s customer portal settings: what customers may change, labels and texts',
		method: 'GET',
		path: '/customer-portal-settings/{id}',
		fields: [ignoredIdField()],
		idempotent: true,
		effect: 'read',
	},
];

export const customerPortalResource = defineResource(
	{
		value: resource,
		name: 'Customer Portal',
		description: 'Portal links, tokens, magic-link emails and portal settings',
	},
	operations,
);
