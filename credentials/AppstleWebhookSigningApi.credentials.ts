import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The signing secret of one Appstle webhook endpoint (Svix). It never leaves n8n: the Appstle
 * Subscriptions Webhook Trigger uses it to check each delivery's signature, and its credential
 * test (on that node, `testedBy`) checks the secret's form.
 */
export class AppstleWebhookSigningApi implements ICredentialType {
	name = 'appstleWebhookSigningApi';

	displayName = 'Appstle Webhook Signing API';

	icon: Icon = { light: 'file:../icons/appstle.svg', dark: 'file:../icons/appstle.dark.svg' };

	documentationUrl = 'https://developers.subscription.appstle.com/webhooks';

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Secret',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'whsec_…',
			description:
				'In the Appstle admin open Settings → Webhooks, open the endpoint whose URL is this trigger’s Production URL, and reveal its Signing Secret (whsec_…). Each endpoint has its own.',
		},
	];
}
