#!/usr/bin/env python3
"""Runs the PyTorch peer script (pytorch_fewshot.py, which knows only the CPU) on a CUDA device.

    python3 peer_on_device.py --peer PATH/pytorch_fewshot.py --device cuda:0 -- PEER ARGS...

The peer is loaded as a module and left unchanged; before its main() runs, new tensors default to
the device (torch.set_default_device), arrays it takes from NumPy are moved there, and its random
generators live there, so its episodes, parameters and steps are all on the GPU. Each step reads the
loss back (.item()), which synchronises, so the peer's per-step times are GPU times. With --device
cpu the peer runs as it is (for checking this wrapper where there is no GPU).
"""
import argparse
import importlib.util
import sys

import torch


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--peer", required=True, help="path of pytorch_fewshot.py")
    ap.add_argument("--device", default="cuda:0")
    ap.add_argument("rest", nargs=argparse.REMAINDER, help="-- then the peer's own arguments")
    a = ap.parse_args()
    rest = a.rest[1:] if a.rest[:1] == ["--"] else a.rest
    device = torch.device(a.device)
    if device.type == "cuda":
        if not torch.cuda.is_available():
            sys.exit("peer_on_device: torch %s sees no CUDA device" % torch.__version__)
        torch.cuda.set_device(device)
        torch.set_default_device(device)
        from_numpy = torch.from_numpy
        torch.from_numpy = lambda array: from_numpy(array).to(device)
        generator = torch.Generator
        torch.Generator = lambda *args, **kwargs: generator(device=device)
    spec = importlib.util.spec_from_file_location("pytorch_fewshot", a.peer)
    peer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(peer)
    sys.argv = [a.peer] + rest
    peer.main()
    if device.type == "cuda":
        torch.cuda.synchronize()
        print("peer_on_device: %s, peak memory %.0f MiB" % (torch.cuda.get_device_name(device),
              torch.cuda.max_memory_allocated(device) / 2**20), file=sys.stderr)


if __name__ == "__main__":
    main()
