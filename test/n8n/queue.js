'use strict';
// n8n queue mode on this machine, for `npm run dev -- --queue`, `npm run test:e2e:queue` and the
// bench: Redis and Postgres from Debian's packages as local processes (loopback, free ports, data
// in a folder of the caller's choosing), then `n8n start` (main) and `n8n worker` processes with
// EXECUTIONS_MODE=queue, all from test/n8n/runtime.js's n8n environment.
//
// Plain CommonJS on the system Node, like runtime.js.

const fs = require('node:fs');
const path = require('node:path');
const rt = require('./runtime');

/** Where Debian's postgresql package puts its binaries (not on PATH). */
function postgresBin(name) {
	const onPath = (process.env.PATH || '').split(path.delimiter).map((dir) => path.join(dir, name));
	const debian = fs.existsSync('/usr/lib/postgresql')
		? fs
				.readdirSync('/usr/lib/postgresql')
				.sort((a, b) => Number(b) - Number(a))
				.map((version) => path.join('/usr/lib/postgresql', version, 'bin', name))
		: [];
	return [...onPath, ...debian].find((file) => fs.existsSync(file));
}

function onPath(name) {
	return (process.env.PATH || '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, name)));
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * redis-server and postgres, installed with apt-get when missing (as root; otherwise says what
 * to install).
 */
async function ensureQueueDependencies() {
	const missing = [];
	if (!onPath('redis-server')) missing.push('redis-server');
	if (!postgresBin('postgres') || !postgresBin('initdb')) missing.push('postgresql');
	if (missing.length === 0) return;
	if (!isRoot()) {
		throw new Error(`queue mode needs ${missing.join(' and ')}: sudo apt-get install -y ${missing.join(' ')}`);
	}
	rt.log(`Installing ${missing.join(' and ')} with apt-get (first queue-mode run only)…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await rt.runChecked('apt-get', ['update'], { env });
	await rt.runChecked('apt-get', ['install', '-y', ...missing], { env });
}

async function waitForPort(handle, port, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await canConnect(port)) return;
		if (!handle.running) throw new Error(`${handle.name} exited before listening on ${port}:\n${handle.output().slice(-2000)}`);
		if (Date.now() > deadline) throw new Error(`${handle.name} did not listen on ${port} within ${timeoutMs / 1000} s`);
		await rt.sleep(100);
	}
}

function canConnect(port) {
	return new Promise((resolve) => {
		const socket = require('node:net').connect({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** A throwaway Redis on 127.0.0.1:`port`, no persistence. */
async function startRedis({ port, dir, logFile }) {
	fs.mkdirSync(dir, { recursive: true });
	const redis = rt.startProcess(
		'redis',
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'],
		{ env: process.env, logFile },
	);
	await waitForPort(redis, port, 15000);
	return redis;
}

/**
 * A Postgres cluster in `dir` (initdb on first use, trust auth on loopback only), on
 * 127.0.0.1:`port`, with a database `n8n`. Postgres refuses to run as root, so as root the
 * cluster belongs to the `postgres` user Debian's package creates, and is started through
 * runuser.
 */
async function startPostgres({ port, dir, logFile }) {
	const asPostgres = isRoot();
	const wrap = (command, args) => (asPostgres ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]);
	const initdb = postgresBin('initdb');
	const postgres = postgresBin('postgres');
	if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		if (asPostgres) await rt.runChecked('chown', ['-R', 'postgres:postgres', dir]);
		const [command, args] = wrap(initdb, ['-D', dir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
		await rt.runChecked(command, args);
	}
	const [command, args] = wrap(postgres, [
		'-D', dir,
		'-p', String(port),
		'-h', '127.0.0.1',
		'-k', dir,
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
	]);
	const pg = rt.startProcess('postgres', command, args, { env: process.env, logFile });
	await waitForPort(pg, port, 30000);
	// CREATE DATABASE fails harmlessly when it exists (a reused data folder).
	const psql = postgresBin('psql') || 'psql';
	for (let attempt = 0; ; attempt++) {
		const result = await rt.run(psql, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE n8n']);
		if (result.code === 0 || /already exists/.test(result.stderr)) break;
		if (attempt > 50) throw new Error(`could not create the n8n database: ${result.stderr}`);
		await rt.sleep(200);
	}
	return pg;
}

/** runtime.js's n8n environment plus what queue mode needs. */
function queueEnv(baseEnv, { redisPort, postgresPort }) {
	return {
		...baseEnv,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgresPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		// Manual runs from the editor go to the workers too, as production ones do.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_LOG_LEVEL: baseEnv.N8N_LOG_LEVEL || 'info',
	};
}

/**
 * `n8n worker` with its own task-runner broker port and health server (so readiness can be
 * awaited), waiting until it answers /healthz/readiness.
 */
async function startWorker({ env, name, logFile, concurrency = 10, timeoutMs = 120000 }) {
	const [brokerPort, healthPort] = [await rt.freePort(), await rt.freePort()];
	const workerEnv = {
		...env,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	};
	const worker = rt.startProcess(name, rt.NODE24, [rt.N8N_BIN, 'worker', `--concurrency=${concurrency}`], { env: workerEnv, logFile });
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (!worker.running) throw new Error(`${name} exited before it was ready:\n${worker.output().split('\n').slice(-30).join('\n')}`);
		try {
			const response = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`${name} was not ready within ${timeoutMs / 1000} s`);
		await rt.sleep(250);
	}
	return worker;
}

/**
 * Redis, Postgres, then the caller's steps before main starts (imports: the database is
 * Postgres now), `n8n start` and `workers` workers. Returns the handles and the queue env;
 * stop with runtime.js's stopAllProcesses (newest first: workers, main, Postgres, Redis).
 */
async function startQueueMode({ baseEnv, dataDir, logDir, workers = 2, concurrency = 10, beforeMain, echo = false }) {
	await ensureQueueDependencies();
	const [redisPort, postgresPort] = [await rt.freePort(), await rt.freePort()];
	let start = Date.now();
	const redis = await startRedis({ port: redisPort, dir: path.join(dataDir, 'redis'), logFile: path.join(logDir, 'redis.log') });
	const postgres = await startPostgres({ port: postgresPort, dir: path.join(dataDir, 'postgres'), logFile: path.join(logDir, 'postgres.log') });
	rt.log(`Redis on 127.0.0.1:${redisPort}, Postgres on 127.0.0.1:${postgresPort} (${rt.seconds(start)}).`);
	const env = queueEnv(baseEnv, { redisPort, postgresPort });
	if (beforeMain) await beforeMain(env);
	start = Date.now();
	const main = await rt.startN8n({ env, logFile: path.join(logDir, 'n8n-main.log'), echo });
	rt.log(`n8n main ready on ${main.baseUrl} in ${rt.seconds(start)}.`);
	start = Date.now();
	const workerHandles = await Promise.all(
		Array.from({ length: workers }, (_, i) =>
			startWorker({ env, name: `worker-${i + 1}`, concurrency, logFile: path.join(logDir, `n8n-worker-${i + 1}.log`) }),
		),
	);
	rt.log(`${workers} n8n worker(s) ready in ${rt.seconds(start)}.`);
	return { env, redis, postgres, main, workers: workerHandles, redisPort, postgresPort };
}

module.exports = { ensureQueueDependencies, startRedis, startPostgres, queueEnv, startWorker, startQueueMode, postgresBin };
