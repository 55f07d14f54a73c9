"""Independent reader of a `--foldtree2-exact` HDF5 file (h5py + csv + numpy), for the build-dataset test.

    python3 check_exact_file.py FILE.h5 aaindex1.csv

For every protein, checks what FoldTree2's mk1 builder writes (foldtree2-reference.md section 1): its 15 node types
(Foldx aside) and 10 edge types, res.x with 857 columns assembled from the other node types and FoldTree2's AAindex1
table, contact edge_attr = 2 x the CA-CA distance from coords.x, the godnode and window edges. Prints one JSON object:
{"proteins": n, "failures": [...], "res_columns": [...]}. Written from the reference, not from the TypeScript writer.
"""
import csv
import json
import sys

import h5py
import numpy as np

NODES = {"res", "AA", "coords", "R_true", "t_true", "bondangles", "plddt", "positions", "ss", "fourier1dr", "fourier1di",
         "fourier2dr", "fourier2di", "godnode", "godnode4decoder"}
EDGES = {"res_backbone_res", "res_backbonerev_res", "res_contactPoints_res", "res_hbond_res", "res_window_res",
         "res_windowrev_res", "res_informs_godnode", "godnode_informs_res", "res_informs_godnode4decoder",
         "godnode4decoder_informs_res"}
LETTERS = "ARNDCQEGHILKMFPSTWYV"


def aaindex(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return np.array([[float(r[a]) if r[a].strip() else 0.0 for r in rows] for a in LETTERS], dtype=np.float32)  # (20, 566)


def check(pid, g, table, fail):
    nodes, edges = set(g["node"].keys()), set(g["edge"].keys())
    if nodes != NODES:
        fail(f"{pid}: node types {sorted(nodes ^ NODES)} differ")
    if edges != EDGES:
        fail(f"{pid}: edge types {sorted(edges ^ EDGES)} differ")
    x = g["node/res/x"][()]
    n = x.shape[0]
    if x.shape != (n, 857) or x.dtype != np.float32:
        fail(f"{pid}: res.x is {x.shape} {x.dtype}")
        return n
    aa = g["node/AA/x"][()]
    expected = np.concatenate([
        g["node/bondangles/x"][()],
        np.stack([table[int(np.argmax(row))] if row.max() == 1 else np.zeros(566, np.float32) for row in aa]),
        aa, g["node/positions/x"][()], g["node/R_true/x"][()].reshape(n, 9), g["node/t_true/x"][()],
    ], 1)
    if not np.array_equal(x, expected):
        bad = np.argwhere(x != expected)[0]
        fail(f"{pid}: res.x[{bad[0]}, {bad[1]}] = {x[tuple(bad)]}, expected {expected[tuple(bad)]}")
    coords = g["node/coords/x"][()].astype(np.float64)
    index = g["edge/res_contactPoints_res/edge_index"][()]
    attr = g["edge/res_contactPoints_res/edge_attr"][()]
    distance = np.sqrt(((coords[index[0]] - coords[index[1]]) ** 2).sum(1))
    if index.dtype != np.int64 or attr.shape != (index.shape[1],) or not np.allclose(attr, 2 * distance, rtol=1e-5, atol=1e-4):
        fail(f"{pid}: contact edge_attr is not 2 x the CA-CA distance (max |attr / d| {np.max(attr / distance):.4f})")
    for god in ("godnode", "godnode4decoder"):
        if not np.array_equal(g[f"node/{god}/x"][()], np.ones((1, 5), np.float32)):
            fail(f"{pid}: {god}.x is not (1, 5) ones")
        into = g[f"edge/res_informs_{god}/edge_index"][()]
        if not (np.array_equal(into, np.stack([np.arange(n), np.zeros(n, int)])) and np.array_equal(g[f"edge/{god}_informs_res/edge_index"][()], into[::-1])):
            fail(f"{pid}: {god} edges are not [[0..N-1], [0..0]] and its reverse")
        if "edge_attr" in g[f"edge/res_informs_{god}"]:
            fail(f"{pid}: res_informs_{god} has an edge_attr")
    window = g["edge/res_window_res/edge_index"][()]
    windowrev = g["edge/res_windowrev_res/edge_index"][()]
    if window.shape != (2, 2 * (n - 2)) or windowrev.shape != (2, n - 1) or not np.array_equal(windowrev, np.stack([np.arange(n - 1), np.arange(1, n)])):
        fail(f"{pid}: window {window.shape} / windowrev {windowrev.shape} edges are not FoldTree2's")
    return n


def main():
    table = aaindex(sys.argv[2])
    failures = []
    with h5py.File(sys.argv[1], "r") as f:
        proteins = list(f["structs"].keys())
        residues = [check(pid, f["structs"][pid], table, failures.append) for pid in proteins]
    print(json.dumps({"proteins": len(proteins), "residues": residues, "failures": failures}))


if __name__ == "__main__":
    main()
