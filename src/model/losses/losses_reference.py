"""Independent NumPy (float64) reference for the loss terms in src/model/losses.

Reads one JSON request on stdin (raw batch arrays, the sampled negative pairs, predictions, options) and
prints the raw loss values as JSON. Masks, distance classes and every formula are recomputed here from the
raw arrays; only the negative-pair sample comes from the TypeScript code (it is validated, not trusted).
Run with Debian's /usr/bin/python3 (numpy).
"""
import json
import sys

import numpy as np


def mean_or_zero(values):
    return float(values.mean()) if values.size > 0 else 0.0


def log_softmax(x):
    m = x.max(axis=-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=-1, keepdims=True))


def smooth_l1(x, beta):
    a = np.abs(x)
    return np.where(a < beta, 0.5 * x * x / beta, a - 0.5 * beta)


def cross_entropy(logits, class_index, eps=0.0):
    """PyTorch CrossEntropyLoss(label_smoothing=eps, reduction='none') with class indices."""
    logp = log_softmax(logits)
    nll = -np.take_along_axis(logp, class_index[..., None], axis=-1)[..., 0]
    return (1 - eps) * nll + eps * (-logp.mean(axis=-1))


def main():
    req = json.load(sys.stdin)
    B, L = req["B"], req["L"]
    arr = lambda key, *shape: np.asarray(req[key], dtype=np.float64).reshape(*shape)
    lengths = np.asarray(req["lengths"])
    real = np.arange(L)[None, :] < lengths[:, None]
    plddt = np.asarray(req["plddt"], dtype=np.float32).reshape(B, L)
    is_conf = np.asarray(req["plddtIsConfidence"]) == 1
    opt = req["options"]
    confident = real.copy()
    if opt["maskPlddt"]:
        confident &= np.where(is_conf[:, None], plddt > np.float32(opt["plddtThreshold"]), True)
    pair_conf = confident[:, :, None] & confident[:, None, :]
    pair_real = real[:, :, None] & real[:, None, :]
    off_diag = ~np.eye(L, dtype=bool)[None]

    aa = arr("aminoAcids", B, L, 20)
    ss = arr("ss", B, L, 3)
    angles = arr("angles", B, L, 3)
    coords = arr("coords", B, L, 3)
    contact = np.asarray(req["contactMask"]).reshape(B, L, L) == 1
    negative = np.asarray(req["negative"]).reshape(B, L, L) == 1
    out = {}

    # The sampled negatives must be real, off-diagonal, non-contact pairs, min(positives, available) per protein.
    positive_all = contact & off_diag & pair_real
    assert not (negative & ~(pair_real & off_diag & ~contact)).any(), "a negative pair is a contact, self-pair or padding"
    for b in range(B):
        available = int((pair_real[b] & off_diag[0] & ~contact[b]).sum())
        assert int(negative[b].sum()) == min(int(positive_all[b].sum()), available), f"protein {b}: wrong negative count"
    positive = positive_all & pair_conf
    negative = negative & pair_conf
    out["positivePairs"] = int(positive.sum())
    out["negativePairs"] = int(negative.sum())

    aa_mask = real & (aa.sum(-1) > 0)
    aa_logits = arr("aminoAcidLogits", B, L, 20)
    out["aminoAcid"] = mean_or_zero(cross_entropy(aa_logits, aa.argmax(-1))[aa_mask])
    out["aminoAcidSmoothed"] = mean_or_zero(cross_entropy(aa_logits, aa.argmax(-1), opt["labelSmoothing"])[aa_mask])

    ss_mask = confident & (ss.sum(-1) > 0)
    out["ss"] = mean_or_zero(cross_entropy(arr("ssLogits", B, L, 3), ss.argmax(-1))[ss_mask])

    angle_mask = (angles != 0) & confident[..., None]
    pred_angles = arr("angles_pred", B, L, 3)
    delta = np.arctan2(np.sin(pred_angles - angles), np.cos(pred_angles - angles))
    out["angles"] = mean_or_zero(smooth_l1(delta, 0.5)[angle_mask])
    vec = arr("angleVectors", B, L, 3, 2)
    from_vec = np.arctan2(vec[..., 0], vec[..., 1])
    delta = np.arctan2(np.sin(from_vec - angles), np.cos(from_vec - angles))
    out["anglesFromVectors"] = mean_or_zero(smooth_l1(delta, 0.5)[angle_mask])

    p = arr("contactProbability", B, L, L)
    out["edgePositive"] = mean_or_zero(-np.log(p[positive] + 1e-8))
    out["edgeNegative"] = mean_or_zero(-np.log(1 - p[negative] + 1e-8))
    out["edge"] = out["edgePositive"] + out["edgeNegative"]

    distance = np.linalg.norm(coords[:, :, None, :] - coords[:, None, :, :], axis=-1)
    classes = np.searchsorted(np.asarray(opt["distanceBinEdges"], dtype=np.float64), distance, side="right")
    K = len(opt["distanceBinEdges"]) + 1
    ce = cross_entropy(arr("distanceLogits", B, L, L, K), classes)
    out["logit"] = mean_or_zero(ce[positive]) + mean_or_zero(ce[negative])
    out["classHistogram"] = np.bincount(classes[positive | negative], minlength=K).tolist()

    if req.get("fft2Target") is not None:
        out["fft2"] = float(smooth_l1(arr("fft2", B, -1) - arr("fft2Target", B, -1), 1.0).mean())
    print(json.dumps(out))


if __name__ == "__main__":
    main()
