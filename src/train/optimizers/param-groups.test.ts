import { describe, expect, it } from 'vitest';
import { CODEBOOK_PARAMETER } from '../../model/quantizer/quantizer-specs';
import { presetSpecs } from './model-specs.node';
import { groupListing, groupParameters, isDecoderBody, isEncoderBody, type GroupingOptions } from './param-groups';

const OFF = { useMuon: false, useMuonEncoder: false, useMuonDecoders: false };
const MODES: [string, Omit<GroupingOptions, 'ema'>][] = [
  ['adamw only', OFF],
  ['muon everywhere', { ...OFF, useMuon: true }],
  ['muon encoder', { ...OFF, useMuonEncoder: true }],
  ['muon decoders', { ...OFF, useMuonDecoders: true }],
];

describe.each(['tiny', 'foldtree2'] as const)('groupParameters on the %s preset', (preset) => {
  const specs = presetSpecs(preset);

  it.each(MODES.flatMap(([label, mode]) => [true, false].map((ema) => [label, ema, mode] as const)))(
    '%s, ema %s: every parameter in exactly one group; Muon only ≥2-D body weights',
    (label, ema, mode) => {
      const groups = groupParameters(specs, { ...mode, ema });
      const listed = [...groups.muon.names, ...groups.adamw.names, ...groups.none.map((n) => n.name)];
      expect([...listed].sort()).toEqual(specs.map((s) => s.name).sort());
      expect(new Set(listed).size).toBe(listed.length);
      expect(groups.assignment.size).toBe(specs.length);
      expect(groups.none.map((n) => n.name)).toEqual(ema ? [CODEBOOK_PARAMETER] : []);
      if (!ema) expect(groups.assignment.get(CODEBOOK_PARAMETER)).toBe('adamw');

      const shapes = new Map(specs.map((s) => [s.name, s.shape]));
      const muonEncoder = mode.useMuon || mode.useMuonEncoder;
      const muonDecoders = mode.useMuon || mode.useMuonDecoders;
      for (const name of groups.muon.names) {
        expect(shapes.get(name)?.length ?? 0).toBeGreaterThanOrEqual(2);
        expect((muonEncoder && isEncoderBody(name)) || (muonDecoders && isDecoderBody(name))).toBe(true);
      }
      // Nothing eligible is left out: every ≥2-D, non-vector body weight of a Muon part is in Muon.
      for (const spec of specs) {
        const eligible =
          ((muonEncoder && isEncoderBody(spec.name)) || (muonDecoders && isDecoderBody(spec.name))) &&
          spec.shape.length >= 2 &&
          Math.min(...spec.shape.slice(-2)) > 1;
        if (eligible) expect(groups.assignment.get(spec.name), spec.name).toBe('muon');
      }
      const rows = groupListing(groups, specs);
      console.log(
        `${preset} ${label} ema=${String(ema)}: ${rows.map((r) => `${r.group} ${r.parameters} tensors / ${r.scalars} scalars`).join(', ')}`,
      );
      expect(rows.reduce((n, r) => n + r.scalars, 0)).toBe(
        specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0),
      );
    },
  );
});

describe('groupParameters rules on the tiny preset', () => {
  const specs = presetSpecs('tiny');
  const muonAll = groupParameters(specs, { ...OFF, useMuon: true, ema: true });
  /** Each of `names` is in `group` (the failure names the parameter). */
  const expectGroup = (group: string, names: readonly string[]) => {
    for (const name of names) expect(muonAll.assignment.get(name), name).toBe(group);
  };

  it('puts graph-attention, transformer, Conv1d (3-D) and body.lin weights in Muon', () => {
    expectGroup('muon', [
      'encoder.body.layer0.attention.query.weight',
      'encoder.body.layer1.attention.skip.weight',
      'decoder.sequence.body.layers.0.selfAttention.inProjection.weight',
      'decoder.geometry.body.layers.0.linear2.weight',
      'decoder.contacts.body.convs.0.weight',
      'decoder.contacts.body.lin.2.weight',
    ]);
  });

  it('puts inputs, heads, biases, norms, positions and the contact temperature/bias in AdamW', () => {
    expectGroup('adamw', [
      'encoder.input.mlp.0.weight',
      'encoder.head.out.2.weight',
      'encoder.body.layer0.attention.query.bias',
      'encoder.body.layer0.norm.mean_scale',
      'decoder.sequence.head.conv.0.weight',
      'decoder.contacts.head.temperature',
      'decoder.contacts.head.bias',
      'decoder.contacts.head.positions.mlp.0.weight',
    ]);
  });

  it('sends the vector-shaped TransformerConv edge weight (1, H·h) to AdamW unless asked not to', () => {
    expect(muonAll.assignment.get('encoder.body.layer0.attention.edge.weight')).toBe('adamw');
    const asFoldTree2 = groupParameters(specs, { ...OFF, useMuon: true, ema: true, vectorLikeToAdamW: false });
    expect(asFoldTree2.assignment.get('encoder.body.layer0.attention.edge.weight')).toBe('muon');
  });

  it('uses the MuonWithAuxAdam AdamW set with Muon and the plain FoldTree2 AdamW set without', () => {
    expect(muonAll.adamw.hyper).toEqual({ lr: 3e-4, beta1: 0.9, beta2: 0.95, eps: 1e-10, weightDecay: 0.01 });
    expect(muonAll.muon.hyper).toMatchObject({
      lr: 0.02,
      momentum: 0.95,
      weightDecay: 0.01,
      nesterov: true,
      nsSteps: 5,
    });
    const plain = groupParameters(specs, { ...OFF, ema: true });
    expect(plain.adamw.hyper).toEqual({ lr: 1e-4, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1e-6 });
    expect(plain.muon.names).toEqual([]);
  });

  it('applies muonLr, adamwLr (Muon on) and learningRate (Muon off)', () => {
    const withMuon = groupParameters(specs, {
      ...OFF,
      useMuon: true,
      ema: true,
      muonLr: 0.05,
      adamwLr: 1e-3,
      learningRate: 7e-4,
    });
    expect(withMuon.muon.hyper.lr).toBe(0.05);
    expect(withMuon.adamw.hyper.lr).toBe(1e-3);
    const without = groupParameters(specs, { ...OFF, ema: true, adamwLr: 1e-3, learningRate: 7e-4 });
    expect(without.adamw.hyper.lr).toBe(7e-4);
  });

  it('rejects duplicate names and body weights Muon cannot view as matrices', () => {
    expect(() =>
      groupParameters(
        [
          { name: 'a', shape: [2] },
          { name: 'a', shape: [2] },
        ],
        { ...OFF, ema: true },
      ),
    ).toThrow(/twice/);
    expect(() =>
      groupParameters([{ name: 'encoder.body.conv2d.weight', shape: [3, 3, 4, 4] }], {
        ...OFF,
        useMuon: true,
        ema: true,
      }),
    ).toThrow(/2-D/);
  });
});
