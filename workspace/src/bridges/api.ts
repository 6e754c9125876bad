import { ApiBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/ApiBridge';
import type { AppApi } from '../../engine/node_modules/@rocket.chat/apps-engine/server/managers/AppApi';

/** Remembers the endpoints the app provides; Workspace.endpoint() routes requests to them. */
export class WorkspaceApiBridge extends ApiBridge {
	readonly apis = new Map<string, AppApi[]>();

	protected async registerApi(api: AppApi, appId: string): Promise<void> {
		this.apis.set(appId, [...(this.apis.get(appId) ?? []), api]);
	}

	protected async unregisterApis(appId: string): Promise<void> {
		this.apis.delete(appId);
	}
}
