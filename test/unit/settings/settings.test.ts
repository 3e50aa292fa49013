import { isNoneWord, missingSettingError, missingSettings, settingHolding, settingReferences } from '../../../nodes/shared/settings';

describe('settingReferences', () => {
	it('finds the settings a parameter reads, in every way an expression writes it', () => {
		const params = {
			channel: "={{ $('Settings').first().json['Payments channel'] }}",
			options: { minimumAmounts: '={{ $("Settings").item.json["Minimum amount per currency"] }}', other: 'plain $(\'Settings\').first().json.x' },
			rules: { rule: [{ channel: "={{ $('Settings').first().json.proChannel + $('Other').last().json['A b'] }}" }] },
		};
		expect(settingReferences(params)).toEqual([
			{ node: 'Settings', setting: 'Payments channel' },
			{ node: 'Settings', setting: 'Minimum amount per currency' },
			{ node: 'Settings', setting: 'proChannel' },
			{ node: 'Other', setting: 'A b' },
		]);
	});

	it('names the missing setting and asks whether it was renamed', () => {
		const refs = settingReferences({ c: "={{ $('Settings').first().json['Payments channel'] }}", d: "={{ $('Settings').first().json['Quiet hours'] }}", e: "={{ $('Later').first().json['X'] }}" });
		const missing = missingSettings(refs, { Settings: { 'Payments chanel': '#payments', 'Quiet hours': 'none' }, Later: undefined });
		expect(missing).toEqual([{ node: 'Settings', setting: 'Payments channel' }]);
		expect(missingSettingError(missing).message).toBe('The setting "Payments channel" is missing from Settings — was it renamed?');
		expect(missingSettings(refs, { Settings: { 'Payments channel': '', 'Quiet hours': 'none' } })).toEqual([]);
	});

	it('finds which setting holds a value, and reads "none" as empty', () => {
		expect(settingHolding('#revnue', { channel: '#revnue', 'Payments channel': '#revnue ' })).toBe('Payments channel');
		expect(settingHolding('#x', { 'Payments channel': '#payments' })).toBeUndefined();
		expect(['none', ' Off ', '-', 'nobody'].every(isNoneWord)).toBe(true);
		expect(isNoneWord('22:00-07:00')).toBe(false);
	});
});
