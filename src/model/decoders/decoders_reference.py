"""Independent NumPy (float64) reference for the decoder tests: PyTorch's formulas on UNPADDED proteins.

Reads a JSON request (path in argv[1]) and writes a JSON answer to stdout. Parameters arrive in PyTorch's layout
(Linear weight (out, in), Conv1d weight (out, in, k), MultiheadAttention in_proj_weight (3h, h), rows q, k, v),
keyed by the studio's parameter names. Nothing here is shared with the TypeScript code under test.
"""
import json
import math
import sys

import numpy as np

_erf = np.vectorize(math.erf)


def gelu(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def relu(x):
    return np.maximum(x, 0.0)


def silu(x):
    return x / (1.0 + np.exp(-x))


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def linear(x, P, name):
    return x @ P[name + '.weight'].T + P[name + '.bias']


def layer_norm(x, P, name, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * P[name + '.weight'] + P[name + '.bias']


def conv1d(x, P, name):
    """torch.nn.Conv1d(padding=k // 2) on one protein: x (n, Cin) -> (n, Cout)."""
    W, b = P[name + '.weight'], P[name + '.bias']
    cout, cin, k = W.shape
    pad = k // 2
    n = x.shape[0]
    xp = np.zeros((n + 2 * pad, cin))
    xp[pad:pad + n] = x
    out = np.zeros((n, cout))
    for i in range(n):
        out[i] = np.einsum('oct,tc->o', W, xp[i:i + k]) + b
    return out


def multi_head_attention(x, P, name, heads, key_padding):
    """F.multi_head_attention_forward for one sequence x (n, h); key_padding (n,) True = ignore."""
    n, h = x.shape
    d = h // heads
    qkv = x @ P[name + '.inProjection.weight'].T + P[name + '.inProjection.bias']
    q, k, v = qkv[:, :h], qkv[:, h:2 * h], qkv[:, 2 * h:]
    q = q.reshape(n, heads, d).transpose(1, 0, 2) * (d ** -0.5)
    k = k.reshape(n, heads, d).transpose(1, 0, 2)
    v = v.reshape(n, heads, d).transpose(1, 0, 2)
    scores = q @ k.transpose(0, 2, 1)
    scores[:, :, key_padding] = -np.inf
    scores = scores - scores.max(-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(-1, keepdims=True)
    mixed = (weights @ v).transpose(1, 0, 2).reshape(n, h)
    return linear(mixed, P, name + '.outProjection')


def encoder_layer(x, P, name, heads, key_padding):
    """nn.TransformerEncoderLayer, norm_first=False, ReLU, eps 1e-5, eval mode."""
    x = layer_norm(x + multi_head_attention(x, P, name + '.selfAttention', heads, key_padding), P, name + '.norm1', 1e-5)
    ff = linear(relu(linear(x, P, name + '.linear1')), P, name + '.linear2')
    return layer_norm(x + ff, P, name + '.norm2', 1e-5)


def mlp(x, P, name, count, act, last=None):
    for k in range(count):
        x = linear(x, P, f'{name}.{k}')
        if k < count - 1:
            x = act(x)
        elif last is not None:
            x = last(x)
    return x


def position_mlp(positions, P, name):
    """FoldTree2's Position_MLP in eval mode: LayerNorm(256) -> Linear ReLU ... Linear -> Tanh."""
    return mlp(layer_norm(positions, P, name + '.norm', 1e-5), P, name + '.mlp', 4, relu, np.tanh)


def transformer_input(tokens, positions, P, prefix, layers, heads, tanh, learn_positions):
    code = position_mlp(positions, P, prefix + '.input.positions') if learn_positions else positions
    x = mlp(np.concatenate([tokens, code], 1), P, prefix + '.input', 2, gelu, gelu)
    if tanh:
        x = np.tanh(x)
    none = np.zeros(x.shape[0], dtype=bool)
    for k in range(layers):
        x = encoder_layer(x, P, f'{prefix}.body.layers.{k}', heads, none)
    return x


def sequence(tokens, positions, P, cfg):
    x = transformer_input(tokens, positions, P, 'decoder.sequence', cfg['layers'], cfg['heads'], False, cfg['learnPositions'])
    x = layer_norm(x, P, 'decoder.sequence.head.norm', 1e-6)
    for k in range(3):  # cnn_decoder: three k3 convs with GELU, then the k1 conv to 20
        x = gelu(conv1d(x, P, f'decoder.sequence.head.conv.{k}'))
    return {'aminoAcidLogits': conv1d(x, P, 'decoder.sequence.head.conv.3')}


def geometry(tokens, positions, P, cfg):
    x = transformer_input(tokens, positions, P, 'decoder.geometry', cfg['layers'], cfg['heads'], True, cfg['learnPositions'])
    ss = mlp(layer_norm(x, P, 'decoder.geometry.head.ss.norm', 1e-6), P, 'decoder.geometry.head.ss.mlp', 4, gelu)
    raw = mlp(x, P, 'decoder.geometry.head.angles', 4, gelu).reshape(-1, 3, 2)
    unit = raw / np.maximum(np.linalg.norm(raw, axis=2, keepdims=True), 1e-12)  # F.normalize
    angles = np.arctan2(unit[:, :, 0], unit[:, :, 1])
    return {'ssLogits': ss, 'angleVectors': unit.reshape(-1, 6), 'angles': angles}


def contacts(tokens, positions, P, cfg):
    x = mlp(tokens, P, 'decoder.contacts.input', 2, gelu, gelu)
    for k in range(cfg['convLayers']):
        x = layer_norm(silu(conv1d(x, P, f'decoder.contacts.body.convs.{k}')), P, f'decoder.contacts.body.norms.{k}', 1e-6)
    z = mlp(x, P, 'decoder.contacts.body.lin', 3, gelu)
    zn = z / np.linalg.norm(z, axis=1, keepdims=True)
    logits = P['decoder.contacts.head.temperature'][0] * (zn @ zn.T) + P['decoder.contacts.head.bias'][0]
    prob = np.clip(sigmoid(logits), 1e-6, 1 - 1e-6)
    pos = position_mlp(positions, P, 'decoder.contacts.head.positions')
    n = z.shape[0]
    rows = lambda a: np.repeat(a[:, None, :], n, 1)  # [i, j] = a_i
    cols = lambda a: np.repeat(a[None, :, :], n, 0)  # [i, j] = a_j
    pairs = np.concatenate([rows(z), cols(z), rows(pos), cols(pos)], 2)  # edge_logits_mlp input [z_i, z_j, pos_i, pos_j]
    x = layer_norm(pairs, P, 'decoder.contacts.head.distanceNorm', 1e-6)
    x = mlp(x, P, 'decoder.contacts.head.distance', 4, gelu)  # no final Sigmoid (our fix)
    return {'contactProbability': prob, 'distanceLogits': x}


def fft2(tokens, positions, P, cfg):
    return {'fft2': mlp(tokens.mean(0), P, 'decoder.fft2.head', 3, gelu)}


DECODERS = {'sequence': sequence, 'geometry': geometry, 'contacts': contacts, 'fft2': fft2}


def main():
    with open(sys.argv[1]) as f:
        request = json.load(f)
    P = {name: np.asarray(value['data'], dtype=np.float64).reshape(value['shape']) for name, value in request['params'].items()}
    if request['case'] == 'layer':
        x = np.asarray(request['x'], dtype=np.float64)
        mask = np.asarray(request['mask']) > 0.5
        out = [encoder_layer(x[b], P, request['name'], request['heads'], ~mask[b]) for b in range(x.shape[0])]
        answer = {'output': np.stack(out).tolist()}
    elif request['case'] == 'conv':
        answer = {'output': [conv1d(np.asarray(x, dtype=np.float64), P, request['name']).tolist() for x in request['proteins']]}
    else:
        answer = {'proteins': []}
        for protein in request['proteins']:
            tokens = np.asarray(protein['tokens'], dtype=np.float64)
            positions = np.asarray(protein['positions'], dtype=np.float64)
            result = {}
            for name, cfg in request['configs'].items():
                if cfg['enabled']:
                    result.update({k: v.tolist() for k, v in DECODERS[name](tokens, positions, P, cfg).items()})
            answer['proteins'].append(result)
    json.dump(answer, sys.stdout)


if __name__ == '__main__':
    main()
