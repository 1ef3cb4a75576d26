"""What PyTorch users run today to see a schedule: step torch's StepLR for 100 epochs on a toy
Adam and save an 800x500 matplotlib (Agg) PNG. `make bench-python` times it next to lrplot.
Usage: python bench/pytorch_steplr.py OUT.png"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402

param = torch.nn.Parameter(torch.tensor([-1.5, 2.0], dtype=torch.float64))
optimizer = torch.optim.Adam([param], lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=5, gamma=0.9)
lrs = []
for epoch in range(100):
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.zero_grad()
    x, y = param[0], param[1]
    loss = (1 - x) ** 2 + 100 * (y - x * x) ** 2
    loss.backward()
    optimizer.step()
    scheduler.step()

fig, ax = plt.subplots(figsize=(8, 5), dpi=100)
ax.plot(range(100), lrs)
ax.set_title("StepLR(step_size=5, gamma=0.9)")
ax.set_xlabel("epoch")
ax.set_ylabel("lr")
ax.grid(alpha=0.3)
fig.savefig(sys.argv[1] if len(sys.argv) > 1 else "steplr.png")
