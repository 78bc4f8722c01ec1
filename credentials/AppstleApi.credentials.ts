import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** Where each Appstle product serves its External API. */
export const APPSTLE_BASE_URLS = {
	subscriptions: 'https://subscription-admin.appstle.com',
	memberships: 'https://membership-admin.appstle.com',
} as const;

/**
 * The ceiling of the node's adaptive rate. Appstle's limit is about 2 requests per second;
 * pacing at exactly the limit loses a few requests to timing jitter (each one a cooldown of
 * seconds to minutes), 5 % under it loses none (see test/bench/report.md).
 */
export const DEFAULT_REQUESTS_PER_SECOND = 1.9;
/**
 * Below the burst Appstle is assumed to allow (5): the node's bucket starts counting refills when
 * its first request leaves, Appstle's when it arrives, so equal bursts leave no margin.
 */
export const DEFAULT_BURST = 3;
/** How long one request may wait for Appstle's rate-limit cooldowns before its item fails. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 300;

/** Hosts plain http is allowed for: this machine and private networks (the local sandbox, a test proxy). */
const PRIVATE_HOST = String.raw`localhost|127(?:\.\d{1,3}){3}|10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|\[::1\]`;
const DNS_HOST = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\]`;
const PORT = String.raw`(?::\d{1,5})?`;

/**
 * The Base URL rule: `https://host[:port]`, or `http://` for this machine or a private network;
 * nothing else (no user name or password, backslash, path, query or fragment), so the key can
 * only go to the host named. One trailing "/" is allowed. Used by the node (transport/url.ts
 * says what to remove) and the credential test.
 */
export const BASE_URL_PATTERN = new RegExp(`^(?:https://(?:${DNS_HOST})${PORT}|http://(?:${PRIVATE_HOST})${PORT})/?$`);

export class AppstleApi implements ICredentialType {
	name = 'appstleApi';

	displayName = 'Appstle Subscriptions API';

	icon: Icon = { light: 'file:../icons/appstle.svg', dark: 'file:../icons/appstle.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-appstle/n8n-nodes-appstle#credentials';

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
			displayName: 'App Key (Appstle Partners Only)',
			name: 'appApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for apps in Appstle’s partner program: the app key Appstle issued to the partner app, sent as the X-App-Key header beside the store’s API key. Leave empty otherwise.',
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
			description:
				'Scheme, host and optional port only, e.g. https://api.example.com or http://127.0.0.1:8787; the node adds /api/external/v2/…. Plain http only for this machine or a private network; no user name, password, path or query.',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName:
				'The node paces its requests per API key and adapts to Appstle’s rate limit by itself: on a 429 every workflow using this key pauses for the same cooldown, then continues more slowly and speeds up again gradually. The defaults suit a standard Appstle store.',
			name: 'rateLimitNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Adjust Rate Limit Handling (Advanced)',
			name: 'customRateLimits',
			type: 'boolean',
			default: false,
			description:
				'Whether to change the rate ceiling, burst, maximum wait or the number of n8n processes sharing the key. Off: ' +
				`${DEFAULT_REQUESTS_PER_SECOND} requests per second at most, bursts of ${DEFAULT_BURST}, and up to ${DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS / 60} minutes of waiting for a cooldown.`,
		},
		{
			displayName: 'Max Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 2 },
			default: DEFAULT_REQUESTS_PER_SECOND,
			description:
				'Ceiling of the request rate for this API key, shared by every workflow that uses it in one n8n process (in queue mode each worker has its own; see Processes Sharing This Key). The node never goes faster: it starts at about two requests per second and climbs towards a higher value only gradually; after a 429 it stays under the rate that was refused. Raise it only if Appstle allows your store more than about two requests per second.',
			displayOptions: { show: { customRateLimits: [true] } },
		},
		{
			displayName: 'Burst',
			name: 'burst',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_BURST,
			description: 'How many requests may go out back to back after an idle moment before pacing starts',
			displayOptions: { show: { customRateLimits: [true] } },
		},
		{
			displayName: 'Max Wait on Rate Limit (Seconds)',
			name: 'maxRateLimitWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
			description:
				'How long one request may wait in all for Appstle’s rate-limit cooldowns before its item fails with a 429 error. Appstle’s cooldowns can last minutes. 0 fails on the first 429 that needs a wait.',
			displayOptions: { show: { customRateLimits: [true] } },
		},
		{
			displayName: 'Processes Sharing This Key',
			name: 'sharingProcesses',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			description:
				'For n8n in queue mode: how many n8n processes (workers, and main if it runs executions) may use this API key at the same time. Each one paces at the rate and burst above divided by this number, so together they stay under Appstle’s limit. 1 for a single n8n process.',
			displayOptions: { show: { customRateLimits: [true] } },
		},
	];

	/** `X-API-Key` always; `X-App-Key` only when a partner app key is set (never an empty header). */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: IHttpRequestOptions['headers'] = { ...requestOptions.headers, 'X-API-Key': String(credentials.apiKey ?? '') };
		const appKey = typeof credentials.appApiKey === 'string' ? credentials.appApiKey.trim() : '';
		if (appKey) headers['X-App-Key'] = appKey;
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			// The same Base URL rule as the node's: a URL outside it is refused before any request.
			baseURL: `={{ $credentials.environment === "custom" ? (/${BASE_URL_PATTERN.source}/.test(String($credentials.baseUrl ?? "").trim()) ? String($credentials.baseUrl).trim().replace(/\\/$/, "") : "Refused: the Base URL must be only a scheme and host with an optional port") : ($credentials.environment === "memberships" ? "${APPSTLE_BASE_URLS.memberships}" : "${APPSTLE_BASE_URLS.subscriptions}") }}`,
			url: '/api/external/v2/subscription-contract-details',
			qs: { page: 0, size: 1 },
			method: 'GET',
			// As every request of the node: a redirect would carry the key to wherever it points.
			disableFollowRedirect: true,
		},
		rules: [
			...[301, 302, 303, 307, 308].map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `The Base URL answered with a redirect (${value}); the node does not follow redirects, which would send the API key elsewhere. Use the URL Appstle serves the API on, without a path.`,
				},
			})),
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
