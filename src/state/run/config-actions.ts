/**
 * Editing the config the next run starts with: one key at a time (a refused value is reported per field and kept
 * out), reset to the browser defaults, import of a studio or FoldTree2 YAML/JSON file, export and download.
 */
import { ConfigError } from '../../config/config-messages';
import { exportConfig, type ExportFormat } from '../../config/export-config';
import { importConfig } from '../../config/import-config';
import { browserRunConfig, withConfigValue, type ConfigPath } from '../config/config-edit';
import { safeFileName } from '../download-file';
import { modelShapeProblem } from '../config/model-shape';
import { session } from './run-session';
import { useRunStore } from './run-store';

export type { ExportFormat } from '../../config/export-config';

/** Sets one key of the edited config; a refused value is kept out of the config and reported per field. */
export function setConfigValue(path: ConfigPath, raw: unknown): void {
  useRunStore.setState((state) => {
    const edit = withConfigValue(state.config, path, raw);
    const fieldErrors = { ...state.fieldErrors };
    if (!edit.ok) {
      fieldErrors[path] = edit.message;
      return { fieldErrors };
    }
    delete fieldErrors[path];
    return { config: edit.config, fieldErrors };
  });
}

/** Back to the studio's browser-friendly defaults. */
export function resetConfig(): void {
  useRunStore.setState((state) => ({
    config: browserRunConfig(),
    fieldErrors: {},
    configNotes: [],
    configError: null,
    configRevision: state.configRevision + 1,
  }));
}

/**
 * Replaces the edited config with a YAML/JSON file's (studio or FoldTree2 keys). Its warnings are shown; a file
 * with invalid values is refused whole, the message names every bad key, and the config stays as it was.
 */
export function importConfigText(text: string, fileName: string): boolean {
  try {
    const imported = importConfig(text, fileName);
    const problem = modelShapeProblem(imported.config);
    if (problem !== null) throw new Error(`${fileName}: ${problem}`);
    useRunStore.setState((state) => ({
      config: imported.config,
      configRevision: state.configRevision + 1,
      fieldErrors: {},
      configError: null,
      configNotes: imported.warnings.map((warning) => ({ severity: warning.severity, message: warning.message })),
    }));
    return true;
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    useRunStore.setState({ configError: message, configNotes: [] });
    return false;
  }
}

/** The edited config as text: the studio's YAML or JSON (every key) or FoldTree2's learn_lightning YAML. */
export function exportConfigText(format: ExportFormat): string {
  return exportConfig(useRunStore.getState().config, format);
}

const EXPORT_FILES: Readonly<Record<ExportFormat, { readonly suffix: string; readonly mime: string }>> = {
  yaml: { suffix: '.yaml', mime: 'application/yaml' },
  json: { suffix: '.json', mime: 'application/json' },
  'foldtree2-yaml': { suffix: '-foldtree2.yaml', mime: 'application/yaml' },
};

/** Downloads `exportConfigText(format)` as `<runName or foldtree-studio-config><suffix>`. */
export function downloadConfig(format: ExportFormat): void {
  const { config, info } = useRunStore.getState();
  const base = safeFileName(info?.runName ?? config.logging.runName ?? 'foldtree-studio-config');
  session.saveFile(exportConfigText(format), `${base}${EXPORT_FILES[format].suffix}`, EXPORT_FILES[format].mime);
}

export function dismissConfigMessages(): void {
  useRunStore.setState({ configNotes: [], configError: null });
}
