// Request/response over a child_process IPC channel (fork with `serialization: 'advanced'`: Dates, Buffers and
// Maps survive). Both ends can ask; each request gets exactly one reply.
import type { ChildProcess } from 'child_process';

interface Request {
	t: 'req';
	id: number;
	op: string;
	arg: unknown;
}
interface Reply {
	t: 'res';
	id: number;
	ok: boolean;
	value?: unknown;
	error?: { message: string; error?: string };
}

type Endpoint = Pick<NodeJS.Process, 'send' | 'on'> | ChildProcess;
export type Handler = (op: string, arg: any) => Promise<unknown>;

export class Channel {
	private seq = 0;
	private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
	private closedWith?: Error;

	constructor(
		private readonly end: Endpoint,
		handler: Handler,
	) {
		end.on('message', (m: Request | Reply) => {
			if (m?.t === 'res') {
				const p = this.pending.get(m.id);
				if (!p) return;
				this.pending.delete(m.id);
				if (m.ok) p.resolve(m.value);
				else
					p.reject(Object.assign(new Error(m.error?.message ?? 'unknown error'), m.error?.error ? { error: m.error.error } : {}));
			} else if (m?.t === 'req') {
				handler(m.op, m.arg).then(
					(value) => this.send({ t: 'res', id: m.id, ok: true, value }),
					(e: any) =>
						this.send({
							t: 'res',
							id: m.id,
							ok: false,
							error: { message: e instanceof Error ? e.message : String(e?.message ?? e), error: e?.error },
						}),
				);
			}
		});
	}

	request<T = unknown>(op: string, arg?: unknown): Promise<T> {
		if (this.closedWith) return Promise.reject(this.closedWith);
		const id = ++this.seq;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			this.send({ t: 'req', id, op, arg });
		});
	}

	/** The other end is gone: every open and later request fails with `error`. */
	close(error: Error): void {
		this.closedWith = error;
		for (const p of this.pending.values()) p.reject(error);
		this.pending.clear();
	}

	private send(message: Request | Reply): void {
		if (this.closedWith) return;
		try {
			(this.end.send as (m: unknown, cb?: (e: Error | null) => void) => boolean)(message, () => undefined);
		} catch {
			// The other end died while we answered: nothing to deliver to.
		}
	}
}
