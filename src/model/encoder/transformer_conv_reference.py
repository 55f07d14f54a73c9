"""Independent reference for graph-attention.test.ts: PyG TransformerConv's sparse formula in NumPy (float64).

TransformerConv(in, out, heads=H, concat=False, beta=False, root_weight=True, edge_dim=1), message passing over an
explicit edge list (source j -> target i), softmax per target, mean over heads, plus the skip Linear.
Usage: /usr/bin/python3 transformer_conv_reference.py input.json output.json
Weights in the JSON are stored (in, out) like the studio's parameters.
"""
import json
import sys

import numpy as np


def transformer_conv(x, edges, edge_attr, heads, out_dim, w):
    n = x.shape[0]
    lin = lambda name: x @ np.array(w[name + ".weight"]) + np.array(w[name + ".bias"])
    query = lin("query").reshape(n, heads, out_dim)
    key = lin("key").reshape(n, heads, out_dim)
    value = lin("value").reshape(n, heads, out_dim)
    edge_w = np.array(w["edge.weight"]).reshape(heads, out_dim)  # lin_edge: edge_dim 1 -> H*out, no bias
    out = np.zeros((n, heads, out_dim))
    for target in range(n):
        incoming = [k for k, (src, dst) in enumerate(edges) if dst == target]
        if not incoming:
            continue  # PyG's softmax/scatter over an empty set leaves zeros
        scores = np.zeros((len(incoming), heads))
        messages = np.zeros((len(incoming), heads, out_dim))
        for m, k in enumerate(incoming):
            src = edges[k][0]
            e = edge_attr[k] * edge_w
            scores[m] = ((key[src] + e) * query[target]).sum(-1) / np.sqrt(out_dim)
            messages[m] = value[src] + e
        scores -= scores.max(0, keepdims=True)
        alpha = np.exp(scores) / np.exp(scores).sum(0, keepdims=True)
        out[target] = (alpha[:, :, None] * messages).sum(0)
    skip = x @ np.array(w["skip.weight"]) + np.array(w["skip.bias"])
    return out.mean(1) + skip


def main():
    with open(sys.argv[1]) as f:
        data = json.load(f)
    x = np.array(data["x"], dtype=np.float64)
    out = transformer_conv(x, data["edges"], data["edgeAttr"], data["heads"], data["outDim"], data["weights"])
    with open(sys.argv[2], "w") as f:
        json.dump({"out": out.tolist()}, f)


if __name__ == "__main__":
    main()
