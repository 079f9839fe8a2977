"""DeepAR's training step as a plain PyTorch loop, to price DJL's overhead.

usage: /usr/bin/python3 benchmarks/deepar/torch_loop.py [batches_per_epoch] [epochs] [threads]
The same network and batch shape as sagemill's M4 Hourly job: 128 windows of 96 time points with 46 inputs each
(40 lags, 4 calendar features, the age, the log scale), 2 LSTM layers of 40 cells with dropout 0.1 between them, a
projection to Student-t's 3 parameters, its negative log-likelihood, Adam at 1e-3 with the gradient norm clipped at
10. Inputs are drawn once (no feature building), so this is PyTorch's own time per epoch. Needs Debian's python3-torch.
"""
import math
import sys
import time

import torch

batches = int(sys.argv[1]) if len(sys.argv) > 1 else 31
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
torch.set_num_threads(threads)
torch.manual_seed(0)
B, T, F, H = 128, 96, 46, 40
lstm = torch.nn.LSTM(F, H, num_layers=2, dropout=0.1, batch_first=True)
proj = torch.nn.Linear(H, 3)
opt = torch.optim.Adam(list(lstm.parameters()) + list(proj.parameters()), lr=1e-3)
x = torch.randn(batches, B, T, F)
y = torch.randn(batches, B, T)
softplus = torch.nn.functional.softplus


def loss_of(xb, yb):
    out, _ = lstm(xb)
    raw = proj(out)
    mu, sigma, nu = raw[..., 0], softplus(raw[..., 1]) + 1e-6, 2 + softplus(raw[..., 2]) + 1e-6
    z = (yb - mu) / sigma
    log_norm = torch.lgamma((nu + 1) / 2) - torch.lgamma(nu / 2) - 0.5 * torch.log(math.pi * nu) - torch.log(sigma)
    return ((nu + 1) / 2 * torch.log1p(z * z / nu) - log_norm).mean()


times = []
for e in range(epochs):
    t0 = time.time()
    for b in range(batches):
        opt.zero_grad()
        loss = loss_of(x[b], y[b])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(list(lstm.parameters()) + list(proj.parameters()), 10.0)
        opt.step()
    times.append(time.time() - t0)
print(f"PyTorch {torch.__version__}, {threads} threads: {batches} batches per epoch, seconds per epoch "
      f"{' '.join(f'{t:.2f}' for t in times)} (best {min(times):.2f})")
