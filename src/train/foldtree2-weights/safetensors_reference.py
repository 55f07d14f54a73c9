"""Independent reader for the FoldTree2 weight export: parses a safetensors file itself (8-byte little-endian header
length, JSON header, data offsets) with NumPy, and answers value probes.

Usage: safetensors_reference.py FILE < probes.json, where probes.json is {"probes": [{"name": key, "index": [i, j, ...]}]}.
Prints JSON: {"metadata": {...}, "tensors": {key: {"dtype", "shape"}}, "probes": [value, ...], "problems": [...]}.
Each probe value is the float32 element at that multi-index (row-major, as PyTorch reads the file), as a float.
"""
import json
import struct
import sys

import numpy as np


def read(path):
    data = open(path, 'rb').read()
    (length,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + length].decode('utf-8'))
    start = 8 + length
    problems = []
    if start % 8 != 0:
        problems.append(f'data starts at byte {start}, not 8-byte aligned')
    metadata = header.pop('__metadata__', {})
    arrays = {}
    spans = []
    for name, entry in header.items():
        begin, end = entry['data_offsets']
        shape = entry['shape']
        if entry['dtype'] != 'F32':
            problems.append(f'{name}: dtype {entry["dtype"]}')
            continue
        count = int(np.prod(shape, dtype=np.int64))
        if end - begin != 4 * count:
            problems.append(f'{name}: offsets {begin}..{end} do not hold {count} float32')
            continue
        arrays[name] = np.frombuffer(data, dtype='<f4', count=count, offset=start + begin).reshape(shape)
        spans.append((begin, end, name))
    spans.sort()
    position = 0
    for begin, end, name in spans:
        if begin != position:
            problems.append(f'{name}: starts at {begin}, expected {position} (gap or overlap)')
        position = end
    if start + position != len(data):
        problems.append(f'data ends at {start + position}, the file at {len(data)}')
    return metadata, arrays, problems


def main():
    metadata, arrays, problems = read(sys.argv[1])
    probes = json.load(sys.stdin)['probes']
    values = [float(arrays[p['name']][tuple(p['index'])]) for p in probes]
    tensors = {name: {'dtype': 'F32', 'shape': list(a.shape)} for name, a in arrays.items()}
    print(json.dumps({'metadata': metadata, 'tensors': tensors, 'probes': values, 'problems': problems}))


if __name__ == '__main__':
    main()
