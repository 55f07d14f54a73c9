"""Test support for foldtree2-compat.test.ts; run with Debian's /usr/bin/python3 (h5py, numpy).

write <out.h5>: writes 3 proteins in FoldTree2's exact mk1 layout, as PDB2PyG.store_pyg leaves it
  (foldtree2-reference.md 1.1-1.5): no attributes, float32 nodes, int64 (2,E) edge_index, 857-column res.x,
  R_true as (N,3,3) or (N,9), contact edge_attr = 2x the CA-CA distance (to_undirected add-reduce), backbone
  with self-loops in edge_index but not in edge_attr, godnode types and edges without attr, a 1-D Foldx
  dataset, and the stray empty root-level group /<id>. Prints, as JSON, what a reader must find, with the
  true contact distances computed here by numpy (float64).
read <in.h5>: lists the file the way FoldTree2's StructureDataset walks it (node/<t>/x, edge groups split
  into exactly 3 parts), printing shapes, dtypes and the contact attributes as JSON.
"""
import json
import sys

import h5py
import numpy as np

AA = 'ARNDCQEGHILKMFPSTWYV'
PROTEINS = [('A0A1G0K8K0', 40, '33'), ('P69905_A', 55, '9'), ('Q8N0X7', 30, '33')]


def ca_trace(rng, n):
    steps = rng.normal(size=(n - 1, 3)) + np.array([1.2, 0.0, 0.0])
    steps = 3.8 * steps / np.linalg.norm(steps, axis=1, keepdims=True)
    return np.vstack([np.zeros((1, 3)), np.cumsum(steps, axis=0)]).astype(np.float32)


def positional_encoding(n, d=256):
    pe = np.zeros((n, d))
    pos = np.arange(n)[:, None]
    freq = 10.0 ** (-np.arange(0, d, 2) / d)
    pe[:, 0::2] = np.sin(pos * freq)
    pe[:, 1::2] = np.cos(pos * freq)
    return pe.astype(np.float32)


def coalesce(rows, cols, attr=None):
    """PyG coalesce order: sorted by (row, col)."""
    order = np.lexsort((cols, rows))
    out = np.vstack([rows[order], cols[order]]).astype(np.int64)
    return out, None if attr is None else attr[order]


def protein(rng, n, r_layout):
    seq = ''.join(rng.choice(list(AA), size=n))
    coords = ca_trace(rng, n)
    angles = rng.uniform(-np.pi, np.pi, size=(n, 3)).astype(np.float32)
    angles[0] = angles[-1] = 0
    onehot = np.zeros((n, 20), np.float32)
    onehot[np.arange(n), [AA.index(a) for a in seq]] = 1
    q, _ = np.linalg.qr(rng.normal(size=(n, 3, 3)))
    frames = q.astype(np.float32)
    t = np.zeros((n, 3), np.float32)
    t[:-1] = coords[1:] - coords[:-1]
    pe = positional_encoding(n)
    aaindex = rng.normal(scale=50, size=(n, 566)).astype(np.float32)
    res = np.hstack([angles, aaindex, onehot, pe, frames.reshape(n, 9), t]).astype(np.float32)
    nodes = {
        'res': res, 'AA': onehot, 'coords': coords,
        'R_true': frames if r_layout == '33' else frames.reshape(n, 9),
        't_true': t, 'bondangles': angles, 'plddt': rng.uniform(0.3, 1, size=(n, 1)).astype(np.float32),
        'positions': pe, 'ss': np.eye(3, dtype=np.float32)[rng.integers(0, 3, size=n)],
        'fourier1dr': rng.uniform(0, 500, size=(n, 80)).astype(np.float32),
        'fourier1di': rng.uniform(-np.pi, np.pi, size=(n, 80)).astype(np.float32),
        'fourier2dr': rng.uniform(0, 1e4, size=(1, 1300)).astype(np.float32),
        'fourier2di': rng.uniform(-np.pi, np.pi, size=(1, 1300)).astype(np.float32),
        'godnode': np.ones((1, 5), np.float32), 'godnode4decoder': np.ones((1, 5), np.float32),
    }
    d = np.linalg.norm(coords[:, None, :].astype(np.float64) - coords[None, :, :], axis=-1)
    i, j = np.nonzero(np.triu(d < 15, k=1))
    rows, cols = np.concatenate([i, j]), np.concatenate([j, i])
    contact_index, true_dist = coalesce(rows, cols, d[rows, cols])
    bb = np.vstack([np.arange(1, n), np.arange(0, n - 1)])
    bb_loops = np.hstack([bb, np.vstack([np.arange(n), np.arange(n)])]).astype(np.int64)
    hb_i = rng.choice(n - 4, size=6, replace=False)
    hb_index, hb_attr = coalesce(np.concatenate([hb_i, hb_i + 4]), np.concatenate([hb_i + 4, hb_i]),
                                 rng.uniform(0.5, 1, size=12).astype(np.float32))
    win = np.array([[i, k] for i in range(1, n - 1) for k in (i - 1, i)]).T.astype(np.int64)
    to_god = np.vstack([np.arange(n), np.zeros(n)]).astype(np.int64)
    edges = {
        'res_contactPoints_res': (contact_index, (2 * true_dist).astype(np.float32)),
        'res_backbone_res': (bb_loops, np.ones(n - 1, np.float32)),
        'res_backbonerev_res': (bb_loops, np.ones(n - 1, np.float32)),
        'res_hbond_res': (hb_index, hb_attr),
        'res_window_res': (win, np.ones(win.shape[1], np.float32)),
        'res_windowrev_res': (bb[::-1].astype(np.int64), np.ones(n - 1, np.float32)),
        'res_informs_godnode': (to_god, None), 'godnode_informs_res': (to_god[::-1], None),
        'res_informs_godnode4decoder': (to_god, None), 'godnode4decoder_informs_res': (to_god[::-1], None),
    }
    return seq, nodes, edges, true_dist


def write(path):
    rng = np.random.default_rng(20240607)
    expected = []
    with h5py.File(path, 'w') as f:
        for pid, n, r_layout in PROTEINS:
            seq, nodes, edges, true_dist = protein(rng, n, r_layout)
            f.create_group(pid)  # store_pyg's stray empty root-level group
            for t, x in nodes.items():
                f.create_dataset(f'structs/{pid}/node/{t}/x', data=x)
            if pid == 'P69905_A':
                f.create_dataset(f'structs/{pid}/node/Foldx/x', data=rng.normal(size=23).astype(np.float32))
            for name, (index, attr) in edges.items():
                f.create_dataset(f'structs/{pid}/edge/{name}/edge_index', data=index)
                if attr is not None:
                    f.create_dataset(f'structs/{pid}/edge/{name}/edge_attr', data=attr)
            expected.append({
                'id': pid, 'length': n, 'sequence': seq, 'contactDistances': true_dist.tolist(),
                'edgeCounts': {name: int(index.shape[1]) for name, (index, _) in edges.items()},
                'resRow0': nodes['res'][0].tolist(), 'frameRow1': nodes['R_true'].reshape(n, 9)[1].tolist(),
            })
    print(json.dumps(expected))


def read(path):
    out = {}
    with h5py.File(path, 'r') as f:
        for pid in f['structs'].keys():
            g = f['structs'][pid]
            info = {'nodes': {t: [list(g['node'][t]['x'].shape), str(g['node'][t]['x'].dtype)] for t in g['node']},
                    'edges': {}}
            for name in g['edge']:
                src, rel, dst = name.split('_')  # StructureDataset's split; raises on other names
                e = g['edge'][name]
                info['edges'][name] = [list(e['edge_index'].shape), str(e['edge_index'].dtype),
                                       str(e['edge_attr'].dtype) if 'edge_attr' in e else None]
            contact = g['edge']['res_contactPoints_res']
            info['contactAttr'] = contact['edge_attr'][:].astype(float).tolist()
            info['contactIndex'] = contact['edge_index'][:].tolist()
            info['attrs'] = sorted(g.attrs.keys())
            out[pid] = info
        out['_root_attrs'] = sorted(f.attrs.keys())
    print(json.dumps(out))


if __name__ == '__main__':
    {'write': write, 'read': read}[sys.argv[1]](sys.argv[2])
