/**
 * The user's defaults, kept in the workbook's own settings (Excel.SettingCollection, ExcelApi 1.4) so
 * they travel with the file: a colleague opening the workbook sees the same industry and rates.
 * One read = one sync; one write = one sync.
 */

import {
  TARGET_PERCENTILES,
  type PaneSettings,
  type TargetPercentile,
} from "../taskpane/paneActions";

export type { PaneSettings, TargetPercentile };
export { TARGET_PERCENTILES };

export const DEFAULT_SETTINGS: PaneSettings = {
  industry: "",
  discountRate: 0.08,
  currency: "USD",
  targetPercentile: "p75",
};

/** Setting keys are prefixed so other add-ins' settings in the same workbook cannot collide with ours. */
export const SETTING_KEYS: { readonly [K in keyof PaneSettings]: string } = {
  industry: "crossbench.industry",
  discountRate: "crossbench.discountRate",
  currency: "crossbench.currency",
  targetPercentile: "crossbench.targetPercentile",
};

/**
 * Turns stored setting values (whatever another version or a hand edit left there) into valid
 * settings, falling back to the default field by field.
 */
export function settingsFromStored(
  stored: Partial<Record<keyof PaneSettings, unknown>>
): PaneSettings {
  const rate =
    typeof stored.discountRate === "number" ? stored.discountRate : Number(stored.discountRate);
  const currency = typeof stored.currency === "string" ? stored.currency.trim().toUpperCase() : "";
  const target = stored.targetPercentile;
  return {
    industry: typeof stored.industry === "string" ? stored.industry : DEFAULT_SETTINGS.industry,
    discountRate:
      Number.isFinite(rate) && rate > -1 && rate < 10 ? rate : DEFAULT_SETTINGS.discountRate,
    currency: /^[A-Z]{3}$/.test(currency) ? currency : DEFAULT_SETTINGS.currency,
    targetPercentile: TARGET_PERCENTILES.includes(target as TargetPercentile)
      ? (target as TargetPercentile)
      : DEFAULT_SETTINGS.targetPercentile,
  };
}

/** Reads the settings in one sync; missing keys give the defaults. */
export async function readSettings(): Promise<PaneSettings> {
  return Excel.run(async (context) => {
    const fields = Object.keys(SETTING_KEYS) as (keyof PaneSettings)[];
    const items = fields.map((field) => {
      const item = context.workbook.settings.getItemOrNullObject(SETTING_KEYS[field]);
      item.load("value");
      return [field, item] as const;
    });
    await context.sync();
    const stored: Partial<Record<keyof PaneSettings, unknown>> = {};
    for (const [field, item] of items) {
      if (!item.isNullObject) stored[field] = item.value;
    }
    return settingsFromStored(stored);
  });
}

/** Writes all settings in one sync (`add` replaces an existing key). */
export async function writeSettings(settings: PaneSettings): Promise<void> {
  const valid = settingsFromStored(settings);
  await Excel.run(async (context) => {
    for (const field of Object.keys(SETTING_KEYS) as (keyof PaneSettings)[]) {
      context.workbook.settings.add(SETTING_KEYS[field], valid[field]);
    }
    await context.sync();
  });
}
