import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { webhookTriggerProperties } from './webhook/description';
import { receiveDelivery } from './webhook/receive';
import { checkSecretForm } from './webhook/svix';

export class AppstleWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Appstle Subscriptions Webhook Trigger',
		name: 'appstleWebhookTrigger',
		icon: { light: 'file:../../icons/appstle.svg', dark: 'file:../../icons/appstle.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).includes("*") ? "any event" : ($parameter["events"] || []).length + " event(s)" }}',
		description:
			'Starts the workflow the moment Appstle sends a subscription event (failed billings, cancellations, pauses and more), with its Svix signature verified',
		defaults: { name: 'Appstle Subscriptions Webhook Trigger' },
		builderHint: {
			searchHint:
				'Starts a workflow within seconds of an Appstle subscription event on Shopify (billing failed or succeeded, subscription created, paused, cancelled, next order date changed), from Appstle webhooks signed by Svix. Needs the endpoint added in the Appstle admin.',
			relatedNodes: [
				{ nodeType: 'n8n-nodes-appstle.appstle', relationHint: 'Reads or changes the subscription the event is about' },
				{ nodeType: 'n8n-nodes-appstle.appstleTrigger', relationHint: 'The same events by polling, without a public URL' },
				{ nodeType: 'n8n-nodes-base.slack', relationHint: 'Alert a team about failed billings or cancellations' },
			],
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'appstleWebhookSigningApi', required: true, testedBy: 'appstleWebhookSigningSecret' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		triggerPanel: {
			header: '',
			executionsHelp: {
				inactive:
					'<b>While building</b>, click "Execute step" (or "Execute workflow" on the canvas); while the panel says "Listening for test event", let Appstle send to this node’s <b>Test URL</b>: in the Appstle admin under Settings → Webhooks, open the endpoint, set its URL to the Test URL for the moment and use "Send Example" (Testing tab), or trigger a real change. The signature is checked with the credential’s secret, as in production.<br /><br /><b>Once it works</b>, set the endpoint’s URL in Appstle to the <b>Production URL</b> and publish the workflow. Every verified event you selected then starts it once.',
				active:
					'<b>While building</b>, click "Execute step" (or "Execute workflow" on the canvas) and, while the panel says "Listening for test event", let Appstle send to this node’s <b>Test URL</b> (Appstle admin → Settings → Webhooks → your endpoint).<br /><br /><b>Your workflow is published</b>: every verified event you selected that Appstle sends to the <b>Production URL</b> starts it once. Executions show in the Executions list, not here.',
			},
			activationHint:
				'Publish the workflow and make sure the endpoint in the Appstle admin (Settings → Webhooks) points to this node’s Production URL.',
		},
		properties: webhookTriggerProperties,
	};

	methods = {
		credentialTest: {
			// The secret is only used to check signatures, so its test checks its form.
			async appstleWebhookSigningSecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const problem = checkSecretForm(credential.data?.signingSecret);
				return problem === undefined
					? { status: 'OK', message: 'The signing secret has the whsec_… form Appstle shows' }
					: { status: 'Error', message: problem };
			},
		},
	};

	/**
	 * Appstle's API has no call that registers webhook endpoints: the merchant adds this node's
	 * URL in the Appstle admin (Settings → Webhooks). Nothing to create, check or remove here.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
