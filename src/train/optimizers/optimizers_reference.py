"""Independent NumPy reference for the optimizer tests (run by Debian's /usr/bin/python3).

Written from PyTorch's torch.optim.AdamW (single-tensor path) and KellerJordan/Muon muon.py, on PyTorch's
layouts: Linear weights (out, in), Conv1d weights (out, in, k). Everything in float32 (muon.py runs Newton-Schulz
in bfloat16 on GPU; the TypeScript port runs float32, so this reference does too).

stdin: {"cases": [...], "newton_schulz": [...]}; stdout: {"cases": {id: [[param after step t] ...]},
"newton_schulz": {id: {"output": [...], "singular_values": [...]}}}.
"""
import json
import math
import sys

import numpy as np

F32 = np.float32


def lerp(a, b, w):
    # torch.lerp evaluates from the nearer end; the result is the same value up to float32 rounding.
    w = F32(w)
    return (a + w * (b - a)) if w < 0.5 else (b - (b - a) * (F32(1) - w))


def zeropower_via_newtonschulz5(G, steps):
    a, b, c = F32(3.4445), F32(-4.7750), F32(2.0315)
    X = G.astype(F32)
    tall = G.shape[-2] > G.shape[-1]
    if tall:
        X = np.swapaxes(X, -2, -1)
    norm = np.sqrt(np.sum(X * X, axis=(-2, -1), keepdims=True, dtype=F32))
    X = X / (norm + F32(1e-7))
    for _ in range(steps):
        A = X @ np.swapaxes(X, -2, -1)
        B = b * A + c * (A @ A)
        X = a * X + B @ X
    if tall:
        X = np.swapaxes(X, -2, -1)
    return X.astype(F32)


def muon_update(grad, momentum, beta, ns_steps, nesterov, conv_mode):
    momentum[...] = lerp(momentum, grad, 1 - beta)
    update = lerp(grad, momentum, beta) if nesterov else momentum.copy()
    if grad.ndim == 3 and conv_mode == "flatten":
        # The Muon README's recipe for conv filters: one (out, in*k) matrix; scale from that matrix's shape.
        flat = update.reshape(grad.shape[0], -1)
        out = zeropower_via_newtonschulz5(flat, ns_steps) * F32(math.sqrt(max(1.0, flat.shape[0] / flat.shape[1])))
        return out.reshape(grad.shape)
    # muon.py as written: a 3-D tensor is a batch of (in x k) matrices, scaled by its last two dimensions.
    out = zeropower_via_newtonschulz5(update, ns_steps)
    return out * F32(math.sqrt(max(1.0, grad.shape[-2] / grad.shape[-1])))


def run_muon(case):
    h = case["hyper"]
    p = np.array(case["param"], dtype=F32).reshape(case["shape"])
    momentum = np.zeros_like(p)
    history = []
    for grad, lr in zip(case["grads"], case["lrs"]):
        # muon.py: a parameter without a gradient gets a zero gradient (it still decays).
        g = np.zeros_like(p) if grad is None else np.array(grad, dtype=F32).reshape(p.shape)
        update = muon_update(g, momentum, h["momentum"], h["ns_steps"], h["nesterov"], case.get("conv_mode"))
        p = p * F32(1 - lr * h["weight_decay"])
        p = p - F32(lr) * update
        history.append(p.astype(F32).ravel().tolist())
    return history


def run_adamw(case):
    h = case["hyper"]
    beta1, beta2, eps, wd = h["beta1"], h["beta2"], h["eps"], h["weight_decay"]
    p = np.array(case["param"], dtype=F32).reshape(case["shape"])
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    step = 0
    history = []
    for grad, lr in zip(case["grads"], case["lrs"]):
        if grad is not None:  # torch.optim.AdamW skips parameters whose grad is None
            g = np.array(grad, dtype=F32).reshape(p.shape)
            step += 1
            p = p * F32(1 - lr * wd)
            m = lerp(m, g, 1 - beta1)
            v = v * F32(beta2) + F32(1 - beta2) * g * g
            bias_correction1 = 1 - beta1**step
            bias_correction2_sqrt = math.sqrt(1 - beta2**step)
            denom = np.sqrt(v) / F32(bias_correction2_sqrt) + F32(eps)
            p = p - F32(lr / bias_correction1) * (m / denom)
        history.append(p.astype(F32).ravel().tolist())
    return history


def main():
    request = json.load(sys.stdin)
    cases = {}
    for case in request.get("cases", []):
        cases[case["id"]] = run_muon(case) if case["optimizer"] == "muon" else run_adamw(case)
    ns = {}
    for item in request.get("newton_schulz", []):
        G = np.array(item["values"], dtype=F32).reshape(item["shape"])
        ns[item["id"]] = {
            "output": zeropower_via_newtonschulz5(G, item.get("steps", 5)).ravel().tolist(),
            # singular values of the TypeScript output, in float64
            "singular_values": np.linalg.svd(np.array(item["ours"], dtype=np.float64).reshape(item["shape"]), compute_uv=False).tolist()
            if "ours" in item
            else [],
        }
    json.dump({"cases": cases, "newton_schulz": ns}, sys.stdout)


if __name__ == "__main__":
    main()
