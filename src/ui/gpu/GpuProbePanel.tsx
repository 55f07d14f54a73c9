import { useGpuStore } from '../../state/gpu-store';

/** The limits that bound model size and kernel shape, with the words shown for them. */
const SHOWN_LIMITS: ReadonlyArray<readonly [name: string, label: string]> = [
  ['maxBufferSize', 'Largest buffer'],
  ['maxStorageBufferBindingSize', 'Largest storage binding'],
  ['maxComputeWorkgroupStorageSize', 'Workgroup memory'],
  ['maxComputeInvocationsPerWorkgroup', 'Threads per workgroup'],
];

export function GpuProbePanel() {
  const { status, report } = useGpuStore();
  return (
    <section className="panel" aria-labelledby="gpu-title" data-testid="gpu-panel">
      <h2 id="gpu-title">WebGPU</h2>
      {status !== 'done' && <p className="status">Asking a worker for a WebGPU adapter…</p>}
      {report && !report.available && (
        <p className="error" role="alert" data-testid="gpu-unavailable">
          {report.reason}
        </p>
      )}
      {report?.available && (
        <>
          <dl className="facts">
            <dt>Adapter</dt>
            <dd data-testid="gpu-adapter">
              {[report.vendor, report.architecture, report.device].filter(Boolean).join(' · ') || 'unnamed adapter'}
            </dd>
            {report.description && (
              <>
                <dt>Description</dt>
                <dd>{report.description}</dd>
              </>
            )}
            <dt>Half precision</dt>
            <dd data-testid="gpu-f16">
              {report.shaderF16
                ? 'shader-f16 available: mixed precision can run'
                : 'no shader-f16: training runs in float32'}
            </dd>
            {SHOWN_LIMITS.filter(([name]) => name in report.limits).map(([name, label]) => (
              <div key={name} className="fact-row">
                <dt title={name}>{label}</dt>
                <dd>{formatLimit(report.limits[name] ?? 0)}</dd>
              </div>
            ))}
          </dl>
          <details>
            <summary>All features and limits</summary>
            <p>{report.features.join(', ') || 'no optional features'}</p>
            <ul className="limits">
              {Object.entries(report.limits).map(([name, value]) => (
                <li key={name}>
                  {name}: {value.toLocaleString()}
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}

function formatLimit(value: number): string {
  if (value >= 1 << 20 && value % (1 << 20) === 0) return `${value / (1 << 20)} MiB`;
  return value.toLocaleString();
}
