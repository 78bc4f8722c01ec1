/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling: runs on Node (jest) and is never published; see README, Development. */
/**
 * A small HTTP server that answers whatever the test tells it to, and records every request it
 * gets (method, URL, headers, body). The hostile suite runs two: the "Appstle" the credential
 * points at, and a redirect target that must never be reached.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
}

export type Handler = (hit: Hit, res: ServerResponse) => void;

export class HostileServer {
	readonly hits: Hit[] = [];
	handler: Handler = (_hit, res) => res.writeHead(404).end();
	url = '';
	private server?: Server;
	private readonly open = new Set<ServerResponse>();

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const hit: Hit = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
				this.hits.push(hit);
				this.open.add(res);
				res.on('close', () => this.open.delete(res));
				this.handler(hit, res);
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	get host(): string {
		return new URL(this.url).host;
	}

	reset(handler: Handler): void {
		this.hits.length = 0;
		this.handler = handler;
	}

	async close(): Promise<void> {
		for (const res of this.open) res.destroy();
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
	}
}

/** A JSON answer. */
export function json(res: ServerResponse, body: unknown, headers: Record<string, string> = {}, status = 200): void {
	res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
}

/**
 * Sends `text` one byte at a time, `everyMs` apart, until it is sent or the client goes away:
 * an answer whose connection is never idle but which never ends in time.
 */
export function drip(res: ServerResponse, text: string, everyMs: number): void {
	res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
	let i = 0;
	const timer = setInterval(() => {
		if (res.destroyed || i >= text.length) {
			clearInterval(timer);
			if (!res.destroyed) res.end();
			return;
		}
		res.write(text[i++]);
	}, everyMs);
	res.on('close', () => clearInterval(timer));
}

/**
 * Sends a status line and then header bytes one at a time, `everyMs` apart: an answer whose
 * headers never end, on a connection that is never idle.
 */
export function dripHeaders(res: ServerResponse, everyMs: number): void {
	const socket = res.socket;
	if (!socket) return;
	socket.write('HTTP/1.1 200 OK\r\nX-Slow: ');
	const timer = setInterval(() => {
		if (socket.destroyed) clearInterval(timer);
		else socket.write('a');
	}, everyMs);
	socket.on('close', () => clearInterval(timer));
}
