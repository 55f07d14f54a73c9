"""Independent reading of structure files for parse-structure.test.ts (run with /usr/bin/python3).

Request on stdin: {"fixtures_dir": str, "files": [str]}. For each file, gemmi reads the first model; alternate
locations are resolved as the studio documents it (per atom name the highest occupancy, first on ties; a
conformer that changes the residue type is dropped). Prints per chain the residue list and atom checksums.
"""
import json
import sys

import gemmi


def summarise(path):
    structure = gemmi.read_structure(path)
    model = structure[0]
    chains = {}
    order = []
    for chain in model:
        if chain.name not in chains:
            chains[chain.name] = {"residues": [], "by_key": {}}
            order.append(chain.name)
        entry = chains[chain.name]
        for res in chain:
            key = (res.seqid.num, res.seqid.icode.strip())
            first = entry["by_key"].get(key)
            alt_records = [a for a in res if a.altloc != "\0"]
            if first is not None and first["name"] != res.name:
                if alt_records:
                    continue  # microheterogeneity: keep the first residue type
                key = key + (res.name,)
                first = entry["by_key"].get(key)
            if first is None:
                first = {"name": res.name, "seq": res.seqid.num, "icode": res.seqid.icode.strip(), "atoms": {}}
                entry["by_key"][key] = first
                entry["residues"].append(first)
            for atom in res:
                kept = first["atoms"].get(atom.name)
                if kept is None or atom.occ > kept.occ:
                    first["atoms"][atom.name] = atom
    out = []
    for name in order:
        residues = chains[name]["residues"]
        atoms = [a for r in residues for a in r["atoms"].values()]
        out.append({
            "id": name,
            "residues": [f'{r["name"]}:{r["seq"]}:{r["icode"]}:{len(r["atoms"])}' for r in residues],
            "coordSum": sum(a.pos.x + 2 * a.pos.y + 3 * a.pos.z for a in atoms),
            "bSum": sum(a.b_iso for a in atoms),
            "occSum": sum(a.occ for a in atoms),
        })
    return {"modelCount": len(structure), "chains": out}


def main():
    request = json.load(sys.stdin)
    json.dump({f: summarise(request["fixtures_dir"] + f) for f in request["files"]}, sys.stdout)


if __name__ == "__main__":
    main()
