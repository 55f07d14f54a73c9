/**
 * Every run setting, grouped as `configPanelLayout()` arranges the schema, with presets, a summary of what the
 * config amounts to, and import/export of the whole config (studio YAML/JSON or FoldTree2 YAML).
 */
import { useState } from 'react';
import { configPanelLayout, type PanelGroupId } from '../../state/config/config-layout';
import { useRunStore } from '../../state/run/run-store';
import { ConfigFileButtons, ConfigMessages } from './ConfigFiles';
import { ConfigGroup } from './ConfigGroup';
import { ConfigPresets, ConfigSummary } from './ConfigPresets';

const LAYOUT = configPanelLayout();
const WITH_MORE = LAYOUT.filter((group) => group.more.length > 0).map((group) => group.id);

export function ConfigEditor({ locked }: { locked: boolean }) {
  const revision = useRunStore((state) => state.configRevision);
  const [open, setOpen] = useState<ReadonlySet<PanelGroupId>>(new Set());
  const allOpen = WITH_MORE.every((id) => open.has(id));
  const toggle = (id: PanelGroupId, isOpen: boolean) =>
    setOpen((current) => {
      if (current.has(id) === isOpen) return current;
      const next = new Set(current);
      if (isOpen) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <div className="config-editor" data-testid="config-editor">
      <div className="config-header">
        <h3>Settings</h3>
        <ConfigFileButtons disabled={locked} />
      </div>
      <ConfigPresets locked={locked} />
      <ConfigSummary />
      {locked && (
        <p className="hint">
          While it trains, learning rates, loss weights, the commitment schedule, clipping and pLDDT masking can change
          (from the next optimizer step; marked on the charts); the rest once it has stopped.
        </p>
      )}
      <ConfigMessages />
      <button
        type="button"
        className="button-link config-expand"
        data-testid="config-expand-all"
        onClick={() => setOpen(allOpen ? new Set() : new Set(WITH_MORE))}
      >
        {allOpen ? 'Show the most-used settings only' : 'Show every setting'}
      </button>
      {/* A new revision (import, preset, reset) remounts the fields so nothing half-typed survives the new config. */}
      <div className="config-groups" key={revision}>
        {LAYOUT.map((group) => (
          <ConfigGroup
            key={group.id}
            group={group}
            locked={locked}
            open={open.has(group.id)}
            onToggle={(isOpen) => toggle(group.id, isOpen)}
          />
        ))}
      </div>
    </div>
  );
}
