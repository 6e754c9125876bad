// The engine steps the benchmark and the profiler both time: install + enable an app zip, remove it (waiting for
// its Deno process to exit, so the next install doesn't share the machine with a dying one), and run one slash
// command as the server does. Each checks that it did what it should and throws otherwise.
import { randomUUID } from 'crypto';
import { performance } from 'perf_hooks';

import { SlashCommandContext, type IPermission, type IUser } from '../workspace/src/engine';
import { parseParameters, type Workspace } from '../workspace/src/Workspace';

export interface AppPackage {
	zip: Buffer;
	info: { id: string; [key: string]: unknown };
}

/** Installs and enables the zip as `admin`; returns the milliseconds `AppManager.add` took. */
export async function installApp(ws: Workspace, pkg: AppPackage, admin: IUser): Promise<number> {
	const name = String(pkg.info.name ?? pkg.info.id);
	const t0 = performance.now();
	const added = await ws.manager.add(pkg.zip, { enable: true, user: admin, permissionsGranted: pkg.info.permissions as IPermission[] });
	const ms = performance.now() - t0;
	if (!added?.getApp?.()) throw new Error(`installing ${name} failed`);
	const status = String(await ws.manager.getOneById(pkg.info.id).getStatus());
	if (!/enabled/.test(status) || /disabled/.test(status)) throw new Error(`${name} is "${status}" after install`);
	return ms;
}

export async function removeApp(ws: Workspace, id: string, admin: IUser): Promise<void> {
	const child = (ws.manager.getOneById(id).getRuntimeController() as any).deno;
	await ws.manager.remove(id, { user: admin });
	if (child && child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
}

/** Runs `/text` for `user` in the room through the engine's command manager; returns the milliseconds it took. */
export async function runCommand(ws: Workspace, text: string, user: IUser, room: string): Promise<number> {
	const [name, ...rest] = text.split(' ');
	const context = new SlashCommandContext(
		user,
		ws.world.roomView(ws.room(room)),
		parseParameters(rest.join(' ')),
		undefined,
		randomUUID(),
	);
	const t0 = performance.now();
	await ws.manager.getCommandManager().executeCommand(name, context);
	return performance.now() - t0;
}
