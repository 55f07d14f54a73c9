#!/usr/bin/env python3
"""Continue a FoldTree Studio run in FoldTree2's learn_lightning.py.

    python3 foldtree2_handover.py [HANDOVER_FOLDER] [--standin]

Reads the folder the studio wrote (foldtree2.yaml, foldtree2.safetensors), builds the model learn_lightning.py
(FoldTree2 HEAD) builds from that YAML, loads the weights with load_state_dict(strict=True) -- every FoldTree2 tensor
must be in the file with its shape, nothing extra -- and writes what learn_lightning.py resumes from:
<output_dir>/<model_name>_best_encoder.pt and _best_decoder.pt (whole modules, as learn_lightning.py saves them),
plus _best_encoder_state.pth / _best_decoder_state.pth (state dicts). Then:

    python foldtree2/learn_lightning.py --config foldtree2.yaml

FoldTree2 must be importable (pip install -e <foldtree2 checkout>, or PYTHONPATH) for the .pt files. Without it, or
with --standin, the model is a stand-in built from FoldTree2's module definitions (plain torch modules with the same
names and shapes; torch_geometric's TransformerConv and GraphNorm replaced by their parameters), the strict load is
checked against it and only the state dicts are written. Needs torch, numpy and PyYAML. Exit status 0 when the
strict load succeeded; 1 with the offending keys otherwise.
"""
import argparse
import json
import os
import struct
import sys

import numpy as np
import torch
import yaml
from torch import nn

WEIGHTS_FILE, CONFIG_FILE = "foldtree2.safetensors", "foldtree2.yaml"
ENCODER_HEADS, DECODER_HEADS, DECODER_LAYERS = 10, 5, 2  # hard-coded in learn_lightning.py / mono_decoders.py
DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32}


def read_safetensors(path):
    """{name: torch tensor} from a safetensors file (no safetensors package needed)."""
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
        data = f.read()
    out = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data[begin:end], dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])
        out[name] = torch.from_numpy(array.copy())
    return out


# ---- stand-in modules: FoldTree2's attribute names and shapes, plain torch --------------------------------------

class TransformerConvParams(nn.Module):
    """torch_geometric TransformerConv(h, h, heads, concat=False, edge_dim=1): its parameters only."""

    def __init__(self, h, heads):
        super().__init__()
        self.lin_key, self.lin_query, self.lin_value = (nn.Linear(h, heads * h) for _ in range(3))
        self.lin_edge = nn.Linear(1, heads * h, bias=False)
        self.lin_skip = nn.Linear(h, h)


class GraphNormParams(nn.Module):
    def __init__(self, h):
        super().__init__()
        self.weight, self.bias, self.mean_scale = nn.Parameter(torch.ones(h)), nn.Parameter(torch.zeros(h)), nn.Parameter(torch.ones(h))


class VectorQuantizerEMAParams(nn.Module):
    def __init__(self, K, D):
        super().__init__()
        self.embeddings = nn.Embedding(K, D)
        self.ema_w = nn.Parameter(torch.zeros(K, D), requires_grad=False)
        self.register_buffer("ema_cluster_size", torch.zeros(K))
        self.register_buffer("embedding_usage_count", torch.zeros(K, dtype=torch.long))
        self.register_buffer("running_prior", torch.ones(K) / K)


def module(**children):
    m = nn.Module()
    for name, child in children.items():
        setattr(m, name, child)
    return m


def position_mlp(hidden, out):
    """foldtree2/src/layers.py Position_MLP: mlp = Sequential(LayerNorm, Dropout, Linear, ReLU, ..., Linear, Tanh)."""
    widths, layers = [256, *hidden, out], [nn.LayerNorm(256), nn.Dropout(0.05)]
    for k in range(len(widths) - 1):
        layers += [nn.Linear(widths[k], widths[k + 1]), nn.ReLU() if k < len(widths) - 2 else nn.Tanh()]
    return module(mlp=nn.Sequential(*layers))


def standin_encoder(F, h, D, K):
    """mk1_Encoder as learn_lightning.py builds it: hidden_channels [h, h, h], nheads 10, fftin, learn_positions, EMA."""
    return module(
        input=module(
            ln=nn.LayerNorm(F),
            inmlp=nn.Sequential(nn.Dropout(), nn.Linear(F + 64, 2 * h), nn.GELU(), nn.Linear(2 * h, h), nn.GELU()),
            ffin=nn.Sequential(nn.Dropout(), nn.LayerNorm(160), nn.Linear(160, 2 * h), nn.GELU(), nn.Linear(2 * h, h), nn.GELU()),
        ),
        body=module(
            convs=nn.ModuleList([nn.ModuleDict({"res_contactPoints_res": TransformerConvParams(h, ENCODER_HEADS)}) for _ in range(2)]),
            norms=nn.ModuleList([GraphNormParams(h) for _ in range(2)]),
        ),
        head=module(
            lin=nn.Sequential(nn.Linear(2 * h, h), nn.GELU(), nn.Linear(h, h), nn.GELU()),
            out_dense=nn.Sequential(nn.Linear(h + 20, h), nn.GELU(), nn.Linear(h, h), nn.GELU(), nn.Linear(h, D), nn.Tanh()),
        ),
        position_mlp=position_mlp([256, 256, 256], 64),
        vector_quantizer=VectorQuantizerEMAParams(K, D),
    )


def transformer_decoder(D, h, head, tanh):
    proj = [nn.Linear(D + 32, h), nn.GELU(), nn.Linear(h, h), nn.GELU()] + ([nn.Tanh()] if tanh else [])
    layer = nn.TransformerEncoderLayer(d_model=h, nhead=DECODER_HEADS, dropout=0.001)
    return module(
        input=module(dropout=nn.Dropout(0.001), position_mlp=position_mlp([128, 128, 128], 32), proj=nn.Sequential(*proj)),
        body=module(transformer_encoder=nn.TransformerEncoder(layer, num_layers=DECODER_LAYERS)),
        head=head,
    )


def standin_decoder(D, h, geometry_transformer, geometry_cnn):
    """MultiMonoDecoder.decoders as build_notebook_mono_configs configures them."""
    g = lambda: nn.GELU()
    decoders = {"sequence_transformer": transformer_decoder(D, h, module(
        prenorm=nn.LayerNorm(h),
        cnn_decoder=nn.Sequential(nn.Conv1d(h, h, 3, padding=1), g(), nn.Conv1d(h, h, 3, padding=1), g(), nn.Conv1d(h, h, 3, padding=1), g(), nn.Conv1d(h, 20, 1)),
    ), False)}
    if geometry_transformer:
        decoders["geometry_transformer"] = transformer_decoder(D, h, module(
            ss_head=nn.Sequential(nn.LayerNorm(h), nn.Linear(h, h), g(), nn.Linear(h, h), g(), nn.Linear(h, h), g(), nn.Linear(h, 3)),
            angles_head=nn.Sequential(nn.Linear(h, h), g(), nn.Linear(h, h), g(), nn.Linear(h, h), g(), nn.Linear(h, 6)),
        ), True)
    if geometry_cnn:
        cnn = module(
            input=module(input_lin=nn.Sequential(nn.Linear(D, 2 * h), g(), nn.Linear(2 * h, 2 * h), g())),
            body=module(
                convs=nn.ModuleList([nn.Conv1d(2 * h, 2 * h, 3, padding=1), nn.Conv1d(2 * h, h, 3, padding=1), nn.Conv1d(h, h, 3, padding=1)]),
                norms=nn.ModuleList([nn.LayerNorm(2 * h), nn.LayerNorm(h), nn.LayerNorm(h)]),
                lin=nn.Sequential(nn.Linear(h, h), g(), nn.Linear(h, h), g(), nn.Linear(h, h)),
            ),
            head=module(
                edge_logits_mlp=nn.Sequential(nn.LayerNorm(2 * h + 64), nn.Linear(2 * h + 64, h), g(), nn.Linear(h, h), g(),
                                              nn.Linear(h, h // 2), g(), nn.Linear(h // 2, 8), nn.Sigmoid()),
                position_mlp=position_mlp([128, 128, 128], 32),
            ),
        )
        cnn.contact_temp, cnn.contact_bias = nn.Parameter(torch.tensor(1.0)), nn.Parameter(torch.tensor(0.0))
        decoders["geometry_cnn"] = cnn
    return module(decoders=nn.ModuleDict(decoders))


# ---- FoldTree2 itself, as learn_lightning.py builds it --------------------------------------------------------------

def foldtree2_model(F, h, D, K, cfg):
    from foldtree2.src import encoder as ecdr
    from foldtree2.src.mono_decoders import MultiMonoDecoder
    encoder = ecdr.mk1_Encoder(
        in_channels=F, hidden_channels=[h, h, h], out_channels=D, num_embeddings=K, commitment_cost=cfg.get("commitment_cost", 0.9),
        metadata={"edge_types": [("res", "contactPoints", "res")]}, edge_dim=1, encoder_hidden=h, EMA=True, nheads=ENCODER_HEADS,
        dropout_p=0.01, reset_codes=False, flavor="transformer", fftin=True, concat_positions=False, learn_positions=True)
    common = {"in_channels": {"res": D}, "hidden_channels": {("res", "backbone", "res"): [h]}, "layers": DECODER_LAYERS,
              "nheads": DECODER_HEADS, "dropout": 0.001, "normalize": False, "residual": False,
              "concat_positions": False, "learn_positions": True}
    configs = {"sequence_transformer": {**common, "AAdecoder_hidden": [h, h, h], "use_cnn_decoder": True, "output_ss": False}}
    if cfg.get("use_geometry_transformer", True):
        configs["geometry_transformer"] = {**common, "RTdecoder_hidden": [h, h, h], "ssdecoder_hidden": [h, h, h],
                                           "anglesdecoder_hidden": [h, h, h], "output_rt": False, "output_ss": True, "output_angles": True}
    if cfg.get("use_geometry_cnn", True):
        configs["geometry_cnn"] = {
            "in_channels": {"res": D, "godnode4decoder": 5, "foldx": 23, "fft2r": 1300, "fft2i": 1300}, "concat_positions": False,
            "learn_positions": True, "conv_channels": [2 * h, h, h], "kernel_sizes": [3, 3, 3], "Xdecoder_hidden": [h, h],
            "anglesdecoder_hidden": [h, h, h // 2], "FFT2decoder_hidden": [h // 2, h // 2], "contactdecoder_hidden": [h // 2, h // 4],
            "ssdecoder_hidden": [h // 2, h // 2], "RTdecoder_hidden": [h // 2, h // 4], "dropout": 0.001, "output_fft": False,
            "output_rt": False, "output_angles": False, "output_ss": False, "normalize": True, "residual": False,
            "output_edge_logits": True, "ncat": 8, "contact_mlp": False}
    return encoder, MultiMonoDecoder(configs=configs)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--standin", action="store_true", help="check against the stand-in even if FoldTree2 is importable")
    parser.add_argument("--print-state-dict", action="store_true", help="print the built model's state_dict names, shapes and dtypes as JSON and stop")
    args = parser.parse_args(argv)
    with open(os.path.join(args.folder, CONFIG_FILE)) as f:
        cfg = yaml.safe_load(f)
    tensors = read_safetensors(os.path.join(args.folder, WEIGHTS_FILE))
    state = {k: v for k, v in tensors.items() if not k.startswith("studio.")}
    F = state["encoder.input.ln.weight"].shape[0]
    h, D, K = cfg["hidden_size"], cfg["embedding_dim"], cfg["num_embeddings"]
    try:
        if args.standin:
            raise ImportError("--standin")
        encoder, decoder = foldtree2_model(F, h, D, K, cfg)
        built = "FoldTree2"
    except ImportError as why:
        encoder = standin_encoder(F, h, D, K)
        decoder = standin_decoder(D, h, cfg.get("use_geometry_transformer", True), cfg.get("use_geometry_cnn", True))
        built = f"stand-in ({why})"
    model = module(encoder=encoder, decoder=decoder)
    expected = model.state_dict()
    if args.print_state_dict:
        print(json.dumps([[k, list(t.shape), "I64" if t.dtype == torch.long else "F32"] for k, t in expected.items()]))
        return 0
    usage = "encoder.vector_quantizer.embedding_usage_count"
    if usage in expected and usage not in state:  # int64: the studio exports float32 only; FoldTree2 starts it at 0
        state[usage] = torch.zeros_like(expected[usage])
    total = sum(t.numel() for t in expected.values())
    filled = sum(t.numel() for k, t in expected.items() if k in tensors and tuple(tensors[k].shape) == tuple(t.shape))
    report = {"model": built, "res_x_columns": F, "hidden_size": h, "embedding_dim": D, "num_embeddings": K,
              "tensors": len(expected), "filled_percent": round(100.0 * filled / total, 4)}
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as error:
        report["error"] = str(error)
        print(json.dumps(report))
        return 1
    out = os.path.join(args.folder, cfg.get("output_dir", "models"))
    os.makedirs(out, exist_ok=True)
    name = cfg.get("model_name", "studio_run")
    written = []
    for part, m in (("encoder", encoder), ("decoder", decoder)):
        path = os.path.join(out, f"{name}_best_{part}_state.pth")
        torch.save(m.state_dict(), path)
        written.append(path)
        if built == "FoldTree2":
            path = os.path.join(out, f"{name}_best_{part}.pt")
            torch.save(m, path)
            written.append(path)
    report.update(strict_load="ok", written=written,
                  next=f"cd {args.folder} && python <foldtree2 checkout>/foldtree2/learn_lightning.py --config {CONFIG_FILE} --gpus <N>")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
