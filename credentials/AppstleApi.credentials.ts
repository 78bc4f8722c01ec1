import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** Where each Appstle product serves its External API. */
export const APPSTLE_BASE_URLS = {
	subscriptions: 'https://subscription-admin.appstle.com',
	memberships: 'https://membership-admin.appstle.com',
} as const;

export const DEFAULT_REQUESTS_PER_SECOND = 1.5;
export const DEFAULT_BURST = 5;

export class AppstleApi implements ICredentialType {
	name = 'appstleApi';

	displayName = 'Appstle Subscriptions API';

	icon: Icon = { light: 'file:../icons/appstle.svg', dark: 'file:../icons/appstle.dark.svg' };

	documentationUrl = 'https://developers.subscription.appstle.com/external-api-swagger';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Create one in the Appstle admin under Settings → API Key Management. Direct API access needs an Appstle plan that includes the External API.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'subscriptions',
			options: [
				{
					name: 'Subscriptions',
					value: 'subscriptions',
					description: APPSTLE_BASE_URLS.subscriptions,
				},
				{
					name: 'Memberships',
					value: 'memberships',
					description: APPSTLE_BASE_URLS.memberships,
				},
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'A proxy, or the local Appstle sandbox that ships with this package',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:8787',
			description: 'Scheme, host and port only; the node adds /api/external/v2/…',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Max Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 2 },
			default: DEFAULT_REQUESTS_PER_SECOND,
			description:
				'Steady request rate for this API key, shared by every node that uses this credential in one n8n process. Appstle answers more than about two requests per second with 429 and a long cooldown, so the default leaves a margin.',
		},
		{
			displayName: 'Burst',
			name: 'burst',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_BURST,
			description: 'How many requests may go out back to back before pacing starts',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-Key': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.environment === "custom" ? $credentials.baseUrl : ($credentials.environment === "memberships" ? "${APPSTLE_BASE_URLS.memberships}" : "${APPSTLE_BASE_URLS.subscriptions}") }}`,
			url: '/api/external/v2/subscription-contract-details',
			qs: { page: 0, size: 1 },
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Appstle rejected the API key (401). Check the key, or whether the store’s Appstle plan includes External API access.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API key is valid but not allowed to use the External API (403). Check the store’s Appstle plan.',
				},
			},
		],
	};
}
