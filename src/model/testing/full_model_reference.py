"""Independent NumPy (float64) computation of the WHOLE tokenizer's losses, for full-model-reference.test.ts.

Usage: /usr/bin/python3 full_model_reference.py request.json   (Debian's Python: it has NumPy)
Prints one JSON object: z, codes, every raw loss term, the weighted total, the decoder outputs and diagnostics.

Written from docs/model-{encoder,quantizer,decoders,losses}.md and the PyTorch / PyG definitions, NOT from the
TypeScript code's structure. Each protein is processed ALONE and UNPADDED, as PyTorch / PyG would see it: no
masks, no padding, no -1e9 scores; the only batch-level steps are the VQ mean and the loss means. Parameters arrive
under the studio's names in the studio's layout and are converted to PyTorch's layout on load (Linear (in, out) ->
(out, in); Conv1d [k, in, out] -> (out, in, k)), so the formulas below read like the PyTorch modules:

  encoder   LayerNorm(F, 1e-6)(res) || positions (raw, or Position_MLP's 64 learned columns) -> Linear GELU Linear GELU,
            + Fourier branch (LayerNorm 1e-5);
            per layer PyG TransformerConv(concat=False, root_weight=True, edge_dim=1) over the contact edge list
            (source -> target, softmax per target, edge attr = d / 10 A) -> GELU -> GraphNorm over the protein;
            JumpingKnowledge cat -> Linear GELU Linear GELU; || AA one-hot -> Linear GELU Linear GELU Linear Tanh
  quantizer nearest code by |z - e|^2 (direct, not the expanded form); forward tokens = code vectors;
            vq = mse(q, z) + beta * mse(q, z) over all real residues of the batch
  decoders  nn.TransformerEncoderLayer (post-LN, ReLU), nn.Conv1d(padding=k//2) as a loop, the distance head as
            FoldTree2's edge_logits_mlp: LayerNorm over the built pair vector [z_i || z_j || pos_i || pos_j], then its
            Linear layers, for every pair (the separable form over the scored pairs is the TypeScript's business),
            F.gelu exact erf
  losses    masks rebuilt here from the raw arrays (pLDDT compared in float32, labelled rows, defined angles,
            contacts i != j); only the sampled negative pairs come from TypeScript, and they are validated.
"""
import json
import math
import os
import sys

import numpy as np

# The loss formulas' building blocks, from the loss reference beside the loss code.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "losses"))
from losses_reference import log_softmax, smooth_l1  # noqa: E402

_erf = np.frompyfunc(math.erf, 1, 1)


def gelu(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)).astype(np.float64))


silu = lambda x: x / (1.0 + np.exp(-x))
relu = lambda x: np.maximum(x, 0.0)
identity = lambda x: x


def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


class Torch:
    """The parameters in PyTorch's layout, addressed by the studio's module names."""

    def __init__(self, exported):
        self.p = {}
        for name, entry in exported.items():
            value = np.asarray(entry["data"], dtype=np.float64).reshape(entry["shape"])
            if value.ndim == 2 and name != "quantizer.codebook":  # nn.Embedding is [K, D] in both
                value = value.T  # Linear: (in, out) -> torch (out, in); lin_edge (1, H*C) -> (H*C, 1)
            elif value.ndim == 3:
                value = value.transpose(2, 1, 0)  # Conv1d: [k, in, out] -> torch (out, in, k)
            self.p[name] = value

    def __getitem__(self, name):
        return self.p[name]

    def has(self, name):
        return name in self.p

    def linear(self, name, x):
        y = x @ self.p[name + ".weight"].T
        return y + self.p[name + ".bias"] if self.has(name + ".bias") else y

    def layer_norm(self, name, x, eps):
        centred = x - x.mean(-1, keepdims=True)  # biased variance, as nn.LayerNorm
        return centred / np.sqrt((centred ** 2).mean(-1, keepdims=True) + eps) * self.p[name + ".weight"] + self.p[name + ".bias"]

    def conv1d(self, name, x):
        """nn.Conv1d(in, out, k, padding=k // 2) on x (n, in) of ONE protein, zeros beyond both ends."""
        w, b = self.p[name + ".weight"], self.p[name + ".bias"]
        k, n, pad = w.shape[2], x.shape[0], w.shape[2] // 2
        padded = np.concatenate([np.zeros((pad, x.shape[1])), x, np.zeros((pad, x.shape[1]))])
        out = np.tile(b, (n, 1))
        for s in range(k):
            out += padded[s:s + n] @ w[:, :, s].T
        return out

    def count(self, fmt):
        """How many consecutively numbered modules exist (layers 0, 1, ...)."""
        return next(k for k in range(1 << 20) if not self.has(fmt.format(k)))


def transformer_conv(t, name, x, src, dst, attr, heads):
    """PyG TransformerConv(concat=False, beta=False, root_weight=True, edge_dim=1): messages source j -> target i."""
    n, out = x.shape[0], t[name + ".skip.weight"].shape[0]
    q = t.linear(name + ".query", x).reshape(n, heads, out)
    k = t.linear(name + ".key", x).reshape(n, heads, out)
    v = t.linear(name + ".value", x).reshape(n, heads, out)
    e = (attr[:, None] @ t[name + ".edge.weight"].T).reshape(-1, heads, out)  # lin_edge, no bias
    agg = np.zeros((n, heads, out))
    for i in range(n):
        incoming = np.nonzero(dst == i)[0]
        if incoming.size == 0:
            continue  # PyG: an empty scatter leaves zeros
        key = k[src[incoming]] + e[incoming]  # (m, H, C)
        alpha = softmax((q[i][None] * key).sum(-1) / math.sqrt(out), axis=0)  # softmax over incoming edges
        agg[i] = (alpha[:, :, None] * (v[src[incoming]] + e[incoming])).sum(0)
    return agg.mean(1) + t.linear(name + ".skip", x)


def graph_norm(t, name, x, eps=1e-5):
    """PyG GraphNorm over one graph (the protein): mean_scale, biased variance, affine."""
    o = x - x.mean(0, keepdims=True) * t[name + ".mean_scale"]
    return t[name + ".weight"] * o / np.sqrt((o ** 2).mean(0, keepdims=True) + eps) + t[name + ".bias"]


def mlp(t, name, x, layers, act, last):
    for k in range(layers):
        x = t.linear(f"{name}.{k}", x)
        x = act(x) if k < layers - 1 else last(x)
    return x


def position_mlp(t, name, pos):
    """FoldTree2's Position_MLP (eval): LayerNorm(256, 1e-5) -> Linear ReLU Linear ReLU Linear ReLU Linear Tanh."""
    return mlp(t, name + ".mlp", t.layer_norm(name + ".norm", pos, 1e-5), 4, relu, np.tanh)


def encoder(t, cfg, res, pos, fourier, aa, src, dst, attr):
    x = t.layer_norm("encoder.input.norm", res, 1e-6)
    if cfg["concatPositions"]:
        x = np.concatenate([x, pos], 1)
    if cfg["learnPositions"]:
        x = np.concatenate([x, position_mlp(t, "encoder.positions", pos)], 1)
    x = mlp(t, "encoder.input.mlp", x, 2, gelu, gelu)
    if cfg["fourierInput"]:
        x = x + mlp(t, "encoder.input.fourier.mlp", t.layer_norm("encoder.input.fourier.norm", fourier, 1e-5), 2, gelu, gelu)
    kept = []
    for k in range(t.count("encoder.body.layer{}.attention.query.weight")):
        x = graph_norm(t, f"encoder.body.layer{k}.norm", gelu(transformer_conv(t, f"encoder.body.layer{k}.attention", x, src, dst, attr, cfg["heads"])))
        kept.append(x)
    head = mlp(t, "encoder.head.mlp", np.concatenate(kept, 1), 2, gelu, gelu)
    return mlp(t, "encoder.head.out", np.concatenate([head, aa], 1), 3, gelu, np.tanh)


def encoder_layer(t, name, x, heads):
    """nn.TransformerEncoderLayer(norm_first=False, activation=relu) in eval mode, one unpadded protein."""
    n, h = x.shape
    w, b = t[name + ".selfAttention.inProjection.weight"], t[name + ".selfAttention.inProjection.bias"]  # (3h, h)
    q, k, v = [(x @ w[s * h:(s + 1) * h].T + b[s * h:(s + 1) * h]).reshape(n, heads, h // heads).transpose(1, 0, 2) for s in range(3)]
    attn = softmax(q @ k.transpose(0, 2, 1) / math.sqrt(h // heads)) @ v  # (H, n, d)
    x = t.layer_norm(name + ".norm1", x + t.linear(name + ".selfAttention.outProjection", attn.transpose(1, 0, 2).reshape(n, h)), 1e-5)
    return t.layer_norm(name + ".norm2", x + t.linear(name + ".linear2", relu(t.linear(name + ".linear1", x))), 1e-5)


def transformer_body(t, prefix, tokens, pos, heads, final_tanh, learn_positions):
    code = position_mlp(t, prefix + ".input.positions", pos) if learn_positions else pos
    x = mlp(t, prefix + ".input", np.concatenate([tokens, code], 1), 2, gelu, gelu)
    x = np.tanh(x) if final_tanh else x  # the geometry decoder's proj ends GELU -> Tanh
    for k in range(t.count(prefix + ".body.layers.{}.norm1.weight")):
        x = encoder_layer(t, f"{prefix}.body.layers.{k}", x, heads)
    return x


def decoders(t, cfg, tokens, pos):
    """Every decoder on one protein's tokens (main() checks that all four are enabled)."""
    out = {}  # sequence: input -> transformer -> LayerNorm -> 3 x (conv k3 GELU) -> conv k1
    seq = cfg["sequence"]
    x = t.layer_norm("decoder.sequence.head.norm", transformer_body(t, "decoder.sequence", tokens, pos, seq["heads"], False, seq["learnPositions"]), 1e-6)
    for k in range(3):
        x = gelu(t.conv1d(f"decoder.sequence.head.conv.{k}", x))
    out["aminoAcidLogits"] = t.conv1d("decoder.sequence.head.conv.3", x)
    geo = cfg["geometry"]
    x = transformer_body(t, "decoder.geometry", tokens, pos, geo["heads"], True, geo["learnPositions"])  # geometry
    out["ssLogits"] = mlp(t, "decoder.geometry.head.ss.mlp", t.layer_norm("decoder.geometry.head.ss.norm", x, 1e-6), 4, gelu, identity)
    pairs = mlp(t, "decoder.geometry.head.angles", x, 4, gelu, identity).reshape(-1, 3, 2)
    unit = pairs / np.sqrt((pairs ** 2).sum(-1, keepdims=True) + 1e-12)
    out["angleVectors"] = unit.reshape(-1, 6)
    out["angles"] = np.arctan2(unit[..., 0], unit[..., 1])
    x = mlp(t, "decoder.contacts.input", tokens, 2, gelu, gelu)  # contacts (CNN_geo_Decoder)
    for k in range(t.count("decoder.contacts.body.convs.{}.weight")):
        x = t.layer_norm(f"decoder.contacts.body.norms.{k}", silu(t.conv1d(f"decoder.contacts.body.convs.{k}", x)), 1e-6)
    z = mlp(t, "decoder.contacts.body.lin", x, 3, gelu, identity)
    unit = z / np.sqrt((z ** 2).sum(-1, keepdims=True) + 1e-12)
    logits = t["decoder.contacts.head.temperature"][0] * unit @ unit.T + t["decoder.contacts.head.bias"][0]
    out["contactProbability"] = np.clip(1.0 / (1.0 + np.exp(-logits)), 1e-6, 1 - 1e-6)
    code, n = position_mlp(t, "decoder.contacts.head.positions", pos), z.shape[0]
    row, col = (lambda a: np.repeat(a[:, None], n, 1)), (lambda a: np.repeat(a[None], n, 0))  # [i, j] = a_i / a_j
    pair = t.layer_norm("decoder.contacts.head.distanceNorm", np.concatenate([row(z), col(z), row(code), col(code)], 2), 1e-6)
    out["distanceLogits"] = mlp(t, "decoder.contacts.head.distance", pair, 4, gelu, identity)  # edge_logits_mlp, no Sigmoid
    out["fft2"] = mlp(t, "decoder.fft2.head", tokens.mean(0), 3, gelu, identity)  # mean over the protein's tokens
    return out


def load_batch(bt):
    B, L = bt["batchSize"], bt["paddedLength"]
    per_residue = lambda key: np.asarray(bt[key]["data"], dtype=np.float64).reshape(B, L, bt[key]["cols"])
    arrays = {key: per_residue(key) for key in ("res", "positions", "AA", "ss", "bondangles", "coords")}
    arrays["fourier"] = np.concatenate([per_residue("fourier1dr"), per_residue("fourier1di")], 2)
    arrays["plddt"] = np.asarray(bt["plddt"]["data"], dtype=np.float32).reshape(B, L)  # compared in float32
    arrays["contact"] = np.asarray(bt["contactMask"]).reshape(B, L, L)  # [b, src, dst]
    arrays["distance"] = np.asarray(bt["contactDistance"], dtype=np.float64).reshape(B, L, L)
    per_protein = lambda key: np.asarray(bt[key]["data"], dtype=np.float64).reshape(B, bt[key]["cols"])
    arrays["fft2"] = np.concatenate([per_protein("fourier2dr"), per_protein("fourier2di")], 1)
    return B, L, [int(n) for n in bt["lengths"]], arrays


def masks(bt, opt, x, B, L, lengths, sampled):
    """Confidence, positive and negative pair masks from the raw arrays; validates the TypeScript negative sample."""
    real = np.arange(L)[None] < np.asarray(lengths)[:, None]
    confident = real.copy()
    if opt["maskPlddt"]:
        for b in range(B):
            if int(bt["plddtIsConfidence"][b]) == 1:  # a B-factor column never masks
                confident[b] &= x["plddt"][b] > np.float32(opt["plddtThreshold"])
    off_diagonal = ~np.eye(L, dtype=bool)[None]
    pair_real, pair_conf = real[:, :, None] & real[:, None, :], confident[:, :, None] & confident[:, None, :]
    contacts = (x["contact"] == 1) & off_diagonal & pair_real
    candidates = pair_real & off_diagonal & (x["contact"] == 0)
    diag = {
        "negativesValid": bool(not (sampled & ~candidates).any()),
        "negativeCountsMatch": bool((sampled.sum((1, 2)) == np.minimum(contacts.sum((1, 2)), candidates.sum((1, 2)))).all()),
        "contactsSymmetric": bool((x["contact"] == x["contact"].transpose(0, 2, 1)).all() and (x["distance"] == x["distance"].transpose(0, 2, 1)).all()),
        "confidenceProteins": int(sum(int(v) for v in bt["plddtIsConfidence"])),
        "realResidues": int(real.sum()),
        "confidentResidues": int(confident.sum()),
    }
    return confident, contacts & pair_conf, sampled & pair_conf, diag


def decoder_losses(opt, x, lengths, outputs, confident, positive, negative):
    terms = {k: [] for k in ("aminoAcid", "ss", "angles", "edgeP", "edgeN", "logitP", "logitN")}
    eps = opt["labelSmoothing"]
    for b, n in enumerate(lengths):
        o, aa, ss, true = outputs[b], x["AA"][b, :n], x["ss"][b, :n], x["bondangles"][b, :n]
        # PyTorch CrossEntropyLoss(label_smoothing=eps) with a one-hot target: q = (1 - eps) y + eps / 20.
        terms["aminoAcid"].append((-(((1 - eps) * aa + eps / 20.0) * log_softmax(o["aminoAcidLogits"])).sum(1))[aa.any(1)])
        terms["ss"].append((-(ss * log_softmax(o["ssLogits"])).sum(1))[confident[b, :n] & ss.any(1)])
        vec = o["angleVectors"].reshape(n, 3, 2)
        delta = np.arctan2(vec[..., 0], vec[..., 1]) - true
        terms["angles"].append(smooth_l1(np.arctan2(np.sin(delta), np.cos(delta)), 0.5)[confident[b, :n, None] & (true != 0)])
        p, pos_b, neg_b = o["contactProbability"], positive[b, :n, :n], negative[b, :n, :n]
        terms["edgeP"].append(-np.log(p + 1e-8)[pos_b])
        terms["edgeN"].append(-np.log(1 - p + 1e-8)[neg_b])
        c = x["coords"][b, :n]
        dist = np.sqrt(((c[:, None] - c[None]) ** 2).sum(-1))  # CA-CA, A
        cls = (dist[..., None] >= np.asarray(opt["distanceBinEdges"])[None, None]).sum(-1)  # boundaries <= d
        ce = -np.take_along_axis(log_softmax(o["distanceLogits"]), cls[..., None], -1)[..., 0]
        terms["logitP"].append(ce[pos_b])
        terms["logitN"].append(ce[neg_b])
    mean = lambda key: float(np.concatenate(terms[key]).mean()) if sum(v.size for v in terms[key]) else 0.0
    losses = dict(aminoAcid=mean("aminoAcid"), ss=mean("ss"), angles=mean("angles"),
                  edge=mean("edgeP") + mean("edgeN"), logit=mean("logitP") + mean("logitN"))
    losses["fft2"] = float(smooth_l1(np.stack([o["fft2"] for o in outputs]) - x["fft2"], 1.0).mean())
    counts = dict(positivePairs=int(positive.sum()), negativePairs=int(negative.sum()), angleEntries=int(sum(v.size for v in terms["angles"])))
    return losses, counts


def padded_outputs(outputs, B, L, lengths):
    """Decoder outputs in the padded layout, 0 outside real rows / pairs."""
    padded = {"fft2": np.stack([o["fft2"] for o in outputs]).ravel().tolist()}
    for key in (k for k in outputs[0] if k != "fft2"):
        pairwise = key in ("contactProbability", "distanceLogits")
        full = np.zeros(((B, L, L) + outputs[0][key].shape[2:]) if pairwise else ((B, L) + outputs[0][key].shape[1:]))
        for b, n in enumerate(lengths):
            full[(b, slice(0, n), slice(0, n)) if pairwise else (b, slice(0, n))] = outputs[b][key]
        padded[key] = full.ravel().tolist()
    return padded


def main():
    with open(sys.argv[1]) as f:
        req = json.load(f)
    cfg, opt, bt = req["config"], req["options"], req["batch"]
    if not all(d["enabled"] for d in cfg["decoders"].values()):
        raise SystemExit("full_model_reference.py computes every loss term: enable all four decoders")
    t = Torch(req["params"])
    B, L, lengths, x = load_batch(bt)
    codebook = t["quantizer.codebook"]  # [K, D]
    z_all, codes_all, margins, outputs = np.zeros((B, L, codebook.shape[1])), -np.ones((B, L), dtype=int), [], []
    for b, n in enumerate(lengths):
        src, dst = np.nonzero(x["contact"][b, :n, :n])
        attr = x["distance"][b, src, dst] / 10.0  # d / 10 A (EDGE_DISTANCE_SCALE_ANGSTROM)
        z = encoder(t, cfg["encoder"], x["res"][b, :n], x["positions"][b, :n], x["fourier"][b, :n], x["AA"][b, :n], src, dst, attr)
        d2 = ((z[:, None, :] - codebook[None]) ** 2).sum(-1)
        codes = d2.argmin(1)
        ordered = np.sort(d2, 1)
        margins.append(float((ordered[:, 1] - ordered[:, 0]).min()))
        z_all[b, :n], codes_all[b, :n] = z, codes
        outputs.append(decoders(t, cfg["decoders"], codebook[codes], x["positions"][b, :n]))  # forward value = code

    # VQ: FoldTree2's mse over the node list (all real residues of the batch); q_latent = e_latent in value.
    mse = float(np.concatenate([((codebook[codes_all[b, :n]] - z_all[b, :n]) ** 2).ravel() for b, n in enumerate(lengths)]).mean())
    sampled = np.asarray(req["sampledNegatives"]).reshape(B, L, L) == 1
    confident, positive, negative, diag = masks(bt, opt, x, B, L, lengths, sampled)
    losses, counts = decoder_losses(opt, x, lengths, outputs, confident, positive, negative)
    losses["vq"] = mse + opt["commitmentCost"] * mse
    diag.update(counts, minCodeMargin=min(margins))
    total = sum(opt["weights"][k] * v for k, v in losses.items())
    json.dump({"z": z_all.ravel().tolist(), "codes": codes_all.ravel().tolist(), "losses": losses, "total": total,
               "outputs": padded_outputs(outputs, B, L, lengths), "diagnostics": diag}, sys.stdout)


if __name__ == "__main__":
    main()
