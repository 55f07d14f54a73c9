/** The most-used run settings, with import/export of the whole config (studio YAML/JSON or FoldTree2 YAML). */
import { CLIP_GRAD_MODES, COMMITMENT_SCHEDULES, LR_SCALING_MODES, LR_SCHEDULES, MODEL_PRESET_NAMES, TRAINING_STRATEGIES } from '../../protocol/run-config';
import { plannedTrainers, useRunStore } from '../../state/run-store';
import { CheckField, NumberField, SelectField } from './ConfigFields';
import { ConfigFileButtons, ConfigMessages } from './ConfigFiles';

export function ConfigEditor({ locked }: { locked: boolean }) {
  const revision = useRunStore((state) => state.configRevision);
  const useMuon = useRunStore((state) => state.config.optimizer.useMuon);
  const scheduled = useRunStore((state) => state.config.vq.useCommitmentScheduling);
  const maskPlddt = useRunStore((state) => state.config.masking.maskPlddt);
  const config = useRunStore((s) => s.config);
  const trainers = plannedTrainers(config);
  const effectiveBatch = config.training.batchSize * trainers.count * config.training.gradientAccumulationSteps;
  const common = { disabled: locked };
  return (
    <div className="config-editor" data-testid="config-editor">
      <div className="config-header">
        <h3>Settings</h3>
        <ConfigFileButtons disabled={locked} />
      </div>
      {locked && (
        <p className="hint">
          While it trains, learning rates, loss weights, the commitment schedule, clipping and pLDDT masking can change (from the next optimizer step; marked on the charts);
          the rest once it has stopped.
        </p>
      )}
      <ConfigMessages />
      {/* A new revision (import, reset) remounts the fields so nothing half-typed survives the new config. */}
      <div className="config-groups" key={revision}>
        <fieldset>
          <legend>Model and data</legend>
          <SelectField path="model.preset" label="Model preset" options={MODEL_PRESET_NAMES} {...common} />
          <NumberField path="data.maxResidues" label="Crop (residues)" placeholder="whole chains" {...common} />
          <NumberField path="training.epochs" label="Epochs" {...common} />
          <NumberField path="training.maxSteps" label="Stop after steps (0 = all epochs)" {...common} />
          <NumberField path="data.seed" label="Seed" {...common} />
        </fieldset>
        <fieldset>
          <legend>Batches</legend>
          <NumberField path="training.batchSize" label="Batch size" {...common} />
          <NumberField path="training.gradientAccumulationSteps" label="Accumulation steps" {...common} />
          <p className="hint" data-testid="effective-batch">
            Effective batch: {effectiveBatch} proteins per optimizer step ({config.training.batchSize} × {trainers.count} trainer{trainers.count === 1 ? '' : 's'} ×{' '}
            {config.training.gradientAccumulationSteps} accumulation)
          </p>
        </fieldset>
        <fieldset>
          <legend>Parallelism</legend>
          <NumberField path="training.workers" label="Trainer workers (0 = auto)" {...common} />
          <SelectField path="training.strategy" label="Strategy" options={TRAINING_STRATEGIES} {...common} />
          <SelectField path="training.lrScaling" label="LR scaling with trainers" options={LR_SCALING_MODES} {...common} />
          <p className="hint" data-testid="planned-trainers">
            {trainers.reason}
          </p>
        </fieldset>
        <fieldset>
          <legend>Optimizer</legend>
          <CheckField path="optimizer.useMuon" label="Muon for hidden matrices (AdamW for the rest)" {...common} />
          {useMuon ? (
            <>
              <NumberField path="optimizer.muonLr" label="Muon learning rate" {...common} />
              <NumberField path="optimizer.adamwLr" label="AdamW learning rate" {...common} />
            </>
          ) : (
            <NumberField path="training.learningRate" label="Learning rate" {...common} />
          )}
          <SelectField path="schedule.lrSchedule" label="LR schedule" options={LR_SCHEDULES} {...common} />
          <NumberField path="schedule.lrWarmupRatio" label="Warm-up (fraction of steps)" {...common} />
        </fieldset>
        <fieldset>
          <legend>Quantizer and masking</legend>
          <CheckField path="vq.useCommitmentScheduling" label="Schedule the commitment cost" {...common} />
          {scheduled && (
            <>
              <NumberField path="vq.commitmentStart" label="Commitment start" {...common} />
              <NumberField path="vq.commitmentWarmupSteps" label="Warm-up steps" {...common} />
              <SelectField path="vq.commitmentSchedule" label="Shape" options={COMMITMENT_SCHEDULES} {...common} />
            </>
          )}
          <NumberField path="vq.commitmentCost" label={scheduled ? 'Commitment end' : 'Commitment cost'} {...common} />
          <CheckField path="masking.maskPlddt" label="Mask low-pLDDT residues" {...common} />
          {maskPlddt && <NumberField path="masking.plddtThreshold" label="pLDDT threshold (0–1)" {...common} />}
        </fieldset>
        <fieldset>
          <legend>Loss weights and clipping</legend>
          <NumberField path="losses.aaWeight" label="Amino acids (x)" {...common} />
          <NumberField path="losses.edgeWeight" label="Contacts (edge)" {...common} />
          <NumberField path="losses.logitWeight" label="Distogram (logit)" {...common} />
          <NumberField path="losses.anglesWeight" label="Angles" {...common} />
          <NumberField path="losses.ssWeight" label="Secondary structure" {...common} />
          <NumberField path="losses.vqWeight" label="VQ" {...common} />
          <NumberField path="losses.fft2Weight" label="FFT2" {...common} />
          <CheckField path="training.clipGrad" label="Clip gradient norms" {...common} />
          <NumberField path="training.clipGradMaxNorm" label="Max norm" {...common} />
          <SelectField path="training.clipGradMode" label="Clip" options={CLIP_GRAD_MODES} {...common} />
        </fieldset>
      </div>
    </div>
  );
}
