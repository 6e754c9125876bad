import { EnvironmentalVariableBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/EnvironmentalVariableBridge';
import { ServerSettingBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/ServerSettingBridge';
import type { ISetting } from '../engine';

/** Only the variables given to the workspace exist; the host's real environment never leaks into the app. */
export class WorkspaceEnvironmentBridge extends EnvironmentalVariableBridge {
	constructor(private readonly vars: Record<string, string>) {
		super();
	}

	protected async getValueByName(name: string): Promise<string | undefined> {
		return this.vars[name];
	}

	protected async isReadable(name: string): Promise<boolean> {
		return name in this.vars;
	}

	protected async isSet(name: string): Promise<boolean> {
		return this.vars[name] !== undefined;
	}
}

export const DEFAULT_SERVER_SETTINGS: Record<string, unknown> = {
	Site_Url: 'http://localhost:3000',
	Site_Name: 'Local Workspace',
	// The server's own default: no workspace language chosen (apps/meteor/server/settings/general.ts).
	Language: '',
	From_Email: 'no-reply@example.test',
	// The outbox stands for a configured mail server; `server-set SMTP_Host ""` is a workspace without one.
	SMTP_Host: 'smtp.workspace.test',
	Message_MaxAllowedSize: 5000,
};

export class WorkspaceServerSettingBridge extends ServerSettingBridge {
	readonly settings = new Map<string, ISetting>();
	private readonly hidden = new Set<string>();

	constructor(values: Record<string, unknown>) {
		super();
		for (const [id, value] of Object.entries(values)) this.set(id, value);
	}

	set(id: string, value: unknown): void {
		const type = typeof value === 'number' ? 'int' : typeof value === 'boolean' ? 'boolean' : 'string';
		this.settings.set(id, {
			id,
			value,
			packageValue: value,
			type,
			required: false,
			public: true,
			i18nLabel: id,
		} as unknown as ISetting);
	}

	protected async getAll(): Promise<ISetting[]> {
		return [...this.settings.values()].filter((s) => !this.hidden.has(s.id));
	}

	protected async getOneById(id: string): Promise<ISetting> {
		const setting = this.settings.get(id);
		if (!setting) throw new Error(`No server setting "${id}" in the workspace`);
		return setting;
	}

	protected async hideGroup(name: string): Promise<void> {
		this.hidden.add(name);
	}

	protected async hideSetting(id: string): Promise<void> {
		this.hidden.add(id);
	}

	protected async isReadableById(id: string): Promise<boolean> {
		return this.settings.has(id) && !this.hidden.has(id);
	}

	protected async updateOne(setting: ISetting): Promise<void> {
		this.settings.set(setting.id, { ...setting });
	}

	protected async incrementValue(id: string, value: number): Promise<void> {
		const setting = await this.getOneById(id);
		setting.value = Number(setting.value ?? 0) + value;
	}
}
