#!/usr/bin/env python3
"""Builds second_order_grad.pt, the TorchScript module the gradient-based meta-learners
(MAML, ANIL, Meta-SGD, MAML++, Reptile, the LSTM meta-learner) use for their inner-loop gradients,
loaded by dev.metatune.algorithms.training.GradientModule.

DJL's public API cannot differentiate twice (GradientCollector.backward uses create_graph=False),
and calling the engine's backward with create_graph=True leaks: the parameter's .grad keeps a graph
that refers back to the parameter. torch.autograd.grad returns the gradients instead of storing
them in .grad, so nothing outlives the arrays the caller holds. This module exposes it to Java.

Methods (each called with autograd enabled; every list has one tensor per parameter):
  forward(loss, params)               -> d loss / d params, create_graph=True (differentiable again)
  first_order(loss, params)           -> d loss / d params, create_graph=False (constants)
  first_order_step(loss, params, lr)  -> [p - lr * d loss / d p], new leaves that require grad
                                         (first-order MAML's fast weights: the gradient at them is
                                         the first-order meta-gradient)
  accumulate(loss, params, sums)      -> [], adds d loss / d params (create_graph=False) into sums
A parameter the loss does not depend on gets a zero gradient.

The arithmetic of first_order_step and accumulate runs under no_grad on tensors without history,
so the TorchScript executor has nothing to fuse or re-differentiate; the differentiable SGD step of
exact MAML (p - lr * g with g differentiable) is done by the caller. Doing the first-order step and
the gradient sum here saves the Java side three engine calls per parameter and task.

Rebuild (any torch >= 1.13 works; libtorch 2.x loads modules saved by 1.13), from the repository root:
  python3 algorithms/src/main/python/second_order_grad.py \
      algorithms/src/main/resources/dev/metatune/algorithms/training/second_order_grad.pt
"""
import sys
from typing import List, Optional

import torch


def _grads(loss: torch.Tensor, params: List[torch.Tensor], create_graph: bool) -> List[torch.Tensor]:
    outputs = [loss]
    # retain_graph is given explicitly (TorchScript's None does not mean "same as create_graph" as in
    # Python): a second-order inner gradient keeps the forward graph for the meta-gradient
    raw = torch.autograd.grad(outputs, params, retain_graph=create_graph, create_graph=create_graph,
                              allow_unused=True)
    grads: List[torch.Tensor] = []
    for i in range(len(params)):
        g: Optional[torch.Tensor] = raw[i]
        if g is None:
            grads.append(torch.zeros_like(params[i]))
        else:
            grads.append(g)
    return grads


class SecondOrderGrad(torch.nn.Module):
    def forward(self, loss: torch.Tensor, params: List[torch.Tensor]) -> List[torch.Tensor]:
        return _grads(loss, params, True)

    @torch.jit.export
    def first_order(self, loss: torch.Tensor, params: List[torch.Tensor]) -> List[torch.Tensor]:
        return _grads(loss, params, False)

    @torch.jit.export
    def first_order_step(self, loss: torch.Tensor, params: List[torch.Tensor],
                         lr: torch.Tensor) -> List[torch.Tensor]:
        grads = _grads(loss, params, False)
        fast: List[torch.Tensor] = []
        with torch.no_grad():
            for i in range(len(params)):
                # the parameter first: the result keeps its memory layout (channels-last weights)
                fast.append(params[i] - lr * grads[i])
        for f in fast:
            f.requires_grad_(True)
        return fast

    @torch.jit.export
    def accumulate(self, loss: torch.Tensor, params: List[torch.Tensor],
                   sums: List[torch.Tensor]) -> List[torch.Tensor]:
        grads = _grads(loss, params, False)
        with torch.no_grad():
            for i in range(len(sums)):
                sums[i].add_(grads[i])
        empty: List[torch.Tensor] = []
        return empty


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit("usage: second_order_grad.py OUTPUT.pt")
    torch.jit.script(SecondOrderGrad()).save(sys.argv[1])


if __name__ == "__main__":
    main()
