"""Independent reference values for the feature tests (run by python-reference.node.ts with /usr/bin/python3).

Reads a JSON request on stdin: {"fixtures_dir": str, "chains": [{"path": str, "chain": str}], "cutoffs": [float]}
and prints, per chain, the values the TypeScript builder must reproduce: the residue list (Bio.PDB for PDB
files, gemmi for mmCIF), phi/psi/omega with Bio.PDB's calc_dihedral, FoldTree2's local frames, position code,
1-D / 2-D distance-matrix DFTs with numpy, and brute-force contact lists.
"""
import gzip
import json
import math
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")
from Bio.PDB import PDBParser  # noqa: E402
from Bio.PDB.vectors import Vector, calc_dihedral  # noqa: E402

THREE = {"ALA": "A", "ARG": "R", "ASN": "N", "ASP": "D", "CYS": "C", "GLN": "Q", "GLU": "E", "GLY": "G",
         "HIS": "H", "ILE": "I", "LEU": "L", "LYS": "K", "MET": "M", "PHE": "F", "PRO": "P", "SER": "S",
         "THR": "T", "TRP": "W", "TYR": "Y", "VAL": "V", "MSE": "M"}
BOND_MAX = 2.0


def residues_bio(path, chain):
    structure = PDBParser(QUIET=True).get_structure("x", gzip.open(path, "rt") if path.endswith(".gz") else path)
    chain_id = " " if chain in ("_", "") else chain
    out = []
    for res in structure[0][chain_id]:
        if res.get_resname() in THREE and "CA" in res:
            atoms = {a: res[a].get_coord().astype(np.float64) for a in ("N", "CA", "C", "O") if a in res}
            out.append((res.get_resname(), atoms))
    return out


def residues_gemmi(path, chain):
    import gemmi
    structure = gemmi.read_structure(path)
    out = []
    for ch in structure[0]:
        if ch.name != chain:
            continue
        for res in ch:
            if res.name not in THREE:
                continue
            atoms = {}
            for name in ("N", "CA", "C", "O"):
                best = None
                for atom in res:
                    if atom.name == name and (best is None or atom.occ > best.occ):
                        best = atom
                if best is not None:
                    # float32 like the TypeScript side stores coordinates
                    atoms[name] = np.array([best.pos.x, best.pos.y, best.pos.z], dtype=np.float32).astype(np.float64)
            if "CA" in atoms:
                out.append((res.name, atoms))
    return out


def dihedrals(residues):
    n = len(residues)
    out = np.zeros((n, 3))

    def bonded(i):
        a, b = residues[i][1], residues[i + 1][1]
        return "C" in a and "N" in b and np.linalg.norm(a["C"] - b["N"]) <= BOND_MAX

    def dih(*points):
        return calc_dihedral(*[Vector(*p) for p in points])

    for i in range(n):
        cur = residues[i][1]
        if i > 0 and bonded(i - 1) and all(k in cur for k in ("N", "CA", "C")):
            out[i, 0] = dih(residues[i - 1][1]["C"], cur["N"], cur["CA"], cur["C"])
        if i + 1 < n and bonded(i):
            nxt = residues[i + 1][1]
            if all(k in cur for k in ("N", "CA", "C")):
                out[i, 1] = dih(cur["N"], cur["CA"], cur["C"], nxt["N"])
            if "CA" in nxt:
                out[i, 2] = dih(cur["CA"], cur["C"], nxt["N"], nxt["CA"])
    return out


def frames(residues):
    """FoldTree2 compute_local_frame, numpy port: columns x=unit(C-CA), y=orthogonalised unit(N-CA), z=x×y."""
    ca = np.array([r[1]["CA"] for r in residues])
    c = np.array([r[1].get("C", np.full(3, np.nan)) for r in residues])
    nn = np.array([r[1].get("N", np.full(3, np.nan)) for r in residues])
    x = c - ca
    x /= np.linalg.norm(x, axis=-1, keepdims=True)
    y = nn - ca
    y = y - np.sum(y * x, axis=-1, keepdims=True) * x
    y /= np.linalg.norm(y, axis=-1, keepdims=True)
    z = np.cross(x, y)
    rot = np.stack([x, y, z], axis=-1)  # (N, 3, 3), columns are the axes
    rot = rot.reshape(-1, 9)
    rot[~np.isfinite(rot).all(axis=1)] = 0.0  # a missing N or C: the whole frame is zero
    t = np.zeros_like(ca)
    t[:-1] = ca[1:] - ca[:-1]
    return rot, t, ca


def positions(n, d_model=256):
    """FoldTree2 get_positional_encoding."""
    pe = np.zeros((n, d_model))
    position = np.arange(0, n).reshape(-1, 1)
    div_term = np.exp(np.arange(0, d_model, 2) * -(np.log(10.0) / d_model))
    pe[:, 0::2] = np.sin(position * div_term)
    pe[:, 1::2] = np.cos(position * div_term)
    return pe


def corner_mask(n, size=25):
    if n >= size:  # FoldTree2 keep_corner_triangles, loop form
        mask = np.zeros((n, n), dtype=bool)
        for i in range(size):
            for j in range(size):
                if i + j <= size - 1:
                    mask[i, j] = True
        for i in range(size):
            for j in range(n - size, n):
                if i <= (j - (n - size)):
                    mask[i, j] = True
        for i in range(n - size, n):
            for j in range(size):
                if (i - (n - size)) >= j:
                    mask[i, j] = True
        for i in range(n - size, n):
            for j in range(n - size, n):
                if (i - (n - size)) + (j - (n - size)) >= size - 1:
                    mask[i, j] = True
        return mask
    i, j = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    o = n - size
    return ((i < size) & (j < size) & (i + j <= size - 1)) | ((i < size) & (j >= o) & (i <= j - o)) | \
        ((i >= o) & (j < size) & (i - o >= j)) | ((i >= o) & (j >= o) & ((i - o) + (j - o) >= size - 1))


def fourier(ca):
    n = len(ca)
    dist = np.sqrt(((ca[:, None, :] - ca[None, :, :]) ** 2).sum(-1))
    f1 = np.zeros((n, 80), dtype=complex)
    row = np.fft.fft(dist, axis=1)
    f1[:, :min(80, n)] = row[:, :80]
    full = np.fft.fft2(dist)
    values = full[corner_mask(n)]
    f2 = np.zeros(1300, dtype=complex)
    f2[:min(1300, len(values))] = values[:1300]
    return f1, f2, dist


def main():
    request = json.load(sys.stdin)
    base = request["fixtures_dir"]
    result = []
    for item in request["chains"]:
        path = base + item["path"]
        residues = residues_gemmi(path, item["chain"]) if ".cif" in path else residues_bio(path, item["chain"])
        rot, t, ca = frames(residues)
        f1, f2, dist = fourier(ca)
        contacts = {}
        for cutoff in request["cutoffs"]:
            i, j = np.nonzero((dist < cutoff) & ~np.eye(len(ca), dtype=bool))
            contacts[str(cutoff)] = {"count": int(len(i)), "source": i.tolist(), "target": j.tolist(),
                                     "distance": dist[i, j].tolist()}
        result.append({
            "path": item["path"], "chain": item["chain"],
            "sequence": "".join(THREE[name] for name, _ in residues),
            "dihedrals": dihedrals(residues).ravel().tolist(),
            "rotations": rot.ravel().tolist(), "translations": t.ravel().tolist(),
            "positions": positions(len(ca)).ravel().tolist(),
            "f1_re": f1.real.ravel().tolist(), "f1_im": f1.imag.ravel().tolist(),
            "f2_re": f2.real.tolist(), "f2_im": f2.imag.tolist(),
            "contacts": contacts,
        })
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
