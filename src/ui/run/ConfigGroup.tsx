/**
 * One group of the settings panel: its most-used keys, then the rest behind a "more" disclosure. Keys that have
 * no effect with the rest of the config (Muon's rate while Muon is off) are dimmed but stay editable.
 */
import { unusedBecause, type KeySpec, type PanelGroup } from '../../state/config/config-layout';
import { useRunStore } from '../../state/run/run-store';
import { ConfigGroupField } from './ConfigGroupField';

interface ConfigGroupProps {
  readonly group: PanelGroup;
  readonly locked: boolean;
  /** Whether "more" is open; kept by the editor so a new config revision does not close it. */
  readonly open: boolean;
  readonly onToggle: (open: boolean) => void;
}

export function ConfigGroup({ group, locked, open, onToggle }: ConfigGroupProps) {
  const config = useRunStore((state) => state.config);
  const field = (spec: KeySpec) => (
    <ConfigGroupField key={spec.path} spec={spec} locked={locked} unused={unusedBecause(config, spec.path)} />
  );
  return (
    <fieldset className="config-group" data-testid={`config-group-${group.id}`}>
      <legend>{group.title}</legend>
      {group.primary.map(field)}
      {group.more.length > 0 && (
        <details className="config-more" open={open} onToggle={(event) => onToggle(event.currentTarget.open)}>
          <summary data-testid={`config-more-${group.id}`}>
            More {group.title.toLowerCase()} settings ({group.more.length})
          </summary>
          {group.more.map(field)}
        </details>
      )}
    </fieldset>
  );
}
