import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { alreadySeen, mergeInto, remember, sameEntries, type Seen } from './dedupe';
import { SIGNING_CREDENTIAL } from './description';
import { eventSelected, parseEventNames } from './events';
import { eventTypeOf, toItem } from './output';
import { type HeaderBag, verifySvixSignature } from './svix';

/**
 * Accepted svix-ids per trigger node (workflow ID + node ID) in this n8n process, each bounded
 * as dedupe.ts describes. The same map object goes into the static data n8n saves (see there).
 */
const acceptedByNode = new Map<string, Seen>();
const MAX_TRACKED_NODES = 1_000;

function processSeen(key: string): Seen {
	let seen = acceptedByNode.get(key);
	if (!seen) {
		if (acceptedByNode.size >= MAX_TRACKED_NODES) acceptedByNode.delete(acceptedByNode.keys().next().value as string);
		// No prototype: a svix-id such as "__proto__" is an ordinary key.
		seen = Object.create(null) as Seen;
		acceptedByNode.set(key, seen);
	}
	return seen;
}

/**
 * The body's text. Appstle (Svix) sends UTF-8 JSON; a byte-order mark in front, UTF-8 or UTF-16
 * (which a proxy or a re-encoding may add), is read as such and dropped. The signature was
 * checked on the raw bytes before.
 */
function deliveryText(raw: Buffer): string {
	if (raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) return raw.subarray(3).toString('utf8');
	if (raw.length >= 2 && raw[0] === 0xff && raw[1] === 0xfe) return raw.subarray(2).toString('utf16le');
	if (raw.length >= 2 && raw[0] === 0xfe && raw[1] === 0xff) {
		// UTF-16 big-endian: swap each byte pair, then read as little-endian.
		const swapped = Buffer.from(raw.subarray(2, raw.length - (raw.length % 2)));
		return swapped.swap16().toString('utf16le');
	}
	return raw.toString('utf8');
}

/** The parsed JSON body; blanks around it (JSON's own whitespace) are fine. */
function parseDelivery(raw: Buffer): unknown {
	// A mark that was encoded twice survives decoding as U+FEFF characters.
	const text = deliveryText(raw).replace(/^\uFEFF+/, '');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		// Signed, but not JSON: the item carries the text as `payload.raw`.
		return text;
	}
}

/**
 * One delivery: 401 and no execution unless the Svix signature verifies; 200 and no execution
 * for events the trigger is not set to and for a svix-id it has already accepted; otherwise one
 * item and a workflow execution. The answer never says more than why it refused.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const response = this.getResponseObject();
	const refuse = (message: string): IWebhookResponseData => {
		response.status(401).json({ message });
		return { noWebhookResponse: true };
	};

	let secret: unknown;
	try {
		const credentials = await this.getCredentials(SIGNING_CREDENTIAL);
		secret = credentials.signingSecret;
	} catch (error) {
		return refuse(`No signing secret is set for this trigger (${(error as Error).message})`);
	}

	const rawBody: Buffer = Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.alloc(0);
	const nowSeconds = Math.floor(Date.now() / 1000);
	const verified = verifySvixSignature({
		secret,
		headers: this.getHeaderData() as HeaderBag,
		rawBody,
		nowSeconds,
	});
	if (!verified.ok) return refuse(verified.message);

	const body = parseDelivery(rawBody);
	const type = eventTypeOf(body);
	const selected = this.getNodeParameter('events', []) as string[];
	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (!eventSelected(type, selected, parseEventNames(options.otherEventNames))) {
		return { webhookResponse: { received: true, started: false, reason: 'event not selected in the trigger' } };
	}

	// Test runs ("Execute step" / "Execute workflow" in the editor) may replay the same message; n8n keeps no state for them.
	if (this.getMode() !== 'manual') {
		const stored = this.getWorkflowStaticData('node');
		const seen = processSeen(`${this.getWorkflow().id ?? ''}:${this.getNode().id}`);
		mergeInto(seen, stored.seen, nowSeconds);
		const duplicate = alreadySeen(seen, verified.id, nowSeconds);
		if (!duplicate) remember(seen, verified.id, nowSeconds);
		// Saved (n8n saves static data only when it changed) whenever the stored copy lacks
		// something this process knows: a new ID, or IDs another concurrent save overwrote.
		if (!sameEntries(seen, stored.seen)) stored.seen = seen;
		if (duplicate) {
			return { webhookResponse: { received: true, started: false, reason: 'duplicate delivery' } };
		}
	}

	// Answered here, before n8n starts the execution: n8n saves the static data (the svix-id just
	// remembered) when the answer goes out, and in n8n 2.41 starting the execution first resets the
	// "changed" flag of static data the workflow already had, so a later answer saves nothing.
	response.status(200).json({ received: true, started: true });
	return {
		noWebhookResponse: true,
		workflowData: [[{ json: toItem(body, verified.id, verified.timestamp) }]],
	};
}
