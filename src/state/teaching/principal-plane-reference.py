"""Independent reference for principal-plane.ts: PCA by NumPy's SVD. Reads {"rows": [[...], ...]} on stdin and
prints {"x": [...], "y": [...], "explained": [e1, e2]} with the same sign rule (largest loading positive)."""
import json
import sys

import numpy as np

data = np.asarray(json.load(sys.stdin)["rows"], dtype=np.float64)
centred = data - data.mean(axis=0)
_, singular, vt = np.linalg.svd(centred, full_matrices=False)
axes = []
for k in range(2):
    v = vt[k]
    if v[np.argmax(np.abs(v))] < 0:
        v = -v
    axes.append(v)
variance = singular**2
print(json.dumps({"x": (centred @ axes[0]).tolist(), "y": (centred @ axes[1]).tolist(), "explained": (variance[:2] / variance.sum()).tolist()}))
